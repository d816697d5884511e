"""The start of a measure from the case's data (BGE 145 IV 65 E. 2.7.1; BGE 146 IV 49; Art. 64 Abs. 2
StGB), so that its reviews and its maximum duration (R-STGB-62D-1, R-STGB-64B-1, R-STGB-MAX-1) do not
depend on a date typed by hand; `massnahmen.massnahme_erfassen` keeps a manual start, with reasons."""

from dataclasses import dataclass
from datetime import date, timedelta

from kern.fristen import lokales_datum
from vollzug.models import Platzierung, Sanktion, Vollzugsfall
from vollzug.recht import Sanktionsart
from vollzugsdaten.models import Berechnung
from vollzugsdaten.recht import Beginnherkunft
from vollzugsdaten.recht import Massnahmenartikel as A

# The sanction of the judgment that orders each measure (vollzug.recht.Sanktionsart).
SANKTION_DER_MASSNAHME = {
    A.ART_59: Sanktionsart.STATIONAERE_MASSNAHME,
    A.ART_60: Sanktionsart.STATIONAERE_MASSNAHME,
    A.ART_61: Sanktionsart.STATIONAERE_MASSNAHME,
    A.ART_63: Sanktionsart.AMBULANTE_MASSNAHME,
    A.ART_64: Sanktionsart.VERWAHRUNG,
}


@dataclass(frozen=True, slots=True)
class Beginn:
    datum: date
    herkunft: str  # Beginnherkunft
    erklaerung: str  # German, with its source


def beginn_aus_daten(fall: Vollzugsfall, artikel: str) -> Beginn | None:
    """The start of a measure from the case's data (at most three queries); None when the data do not
    give it (then it is set by hand, with reasons).

    - Art. 59–61, 63: the Rechtskraft of the (earliest) judgment ordering the measure; entered from
      freedom — the case's first placement begins after that Rechtskraft — the day of entry into the
      facility (BGE 145 IV 65 E. 2.7.1; for Art. 59 Abs. 4, applied alike to Art. 60, 61 and 63).
      An authorised early execution (vorzeitiger Massnahmenvollzug, BGE 146 IV 49 for Art. 61) is not
      in the data: it is a start set by hand, with reasons.
    - Art. 64: the day after the end of the sentence, which precedes the Verwahrung (Art. 64 Abs. 2
      StGB), from the case's current Strafzeitberechnung.
    """
    if artikel == A.ART_64:
        ende = (
            Berechnung.objects.filter(fall=fall, ende__isnull=False)
            .order_by("-version")
            .values_list("ende", flat=True)
            .first()
        )
        if ende is None:
            return None
        tag = ende + timedelta(days=1)
        return Beginn(
            tag,
            Beginnherkunft.STRAFENDE,
            f"Tag nach dem Strafende {ende:%d.%m.%Y}: Der Vollzug der Freiheitsstrafe geht der Verwahrung "
            "voraus (Art. 64 Abs. 2 StGB).",
        )
    rechtskraft = (
        Sanktion.objects.filter(entscheid__fall=fall, art=SANKTION_DER_MASSNAHME[artikel])
        .order_by("entscheid__rechtskraft_am")
        .values_list("entscheid__rechtskraft_am", flat=True)
        .first()
    )
    if rechtskraft is None:
        return None
    if artikel != A.ART_63:
        erste = Platzierung.objects.filter(fall=fall).order_by("von").values_list("von", flat=True).first()
        if erste is not None and lokales_datum(erste) > rechtskraft:
            eintritt = lokales_datum(erste)
            return Beginn(
                eintritt,
                Beginnherkunft.EINTRITT,
                f"Aus der Freiheit angetreten: Eintritt in die Einrichtung am {eintritt:%d.%m.%Y} "
                "(BGE 145 IV 65 E. 2.7.1).",
            )
    return Beginn(
        rechtskraft,
        Beginnherkunft.RECHTSKRAFT,
        f"Rechtskraft des anordnenden Entscheids am {rechtskraft:%d.%m.%Y} (BGE 145 IV 65 E. 2.7.1).",
    )


def beginn_nachfuehren(fall: Vollzugsfall, *, durch) -> int:
    """After a new Strafzeitberechnung: a running measure whose start came from the data follows the
    data (e.g. the Verwahrung after a sentence end moved by an interruption); a start set by hand or by
    the court stays. Returns the number of measures changed."""
    from kern.audit import speichern
    from vollzugsdaten.models import Massnahme

    geaendert = 0
    for m in Massnahme.objects.filter(fall=fall, beendet_am__isnull=True).exclude(
        beginn_herkunft__in=[Beginnherkunft.MANUELL, Beginnherkunft.GERICHT]
    ):
        neu = beginn_aus_daten(fall, m.artikel)
        if neu is None or (neu.datum, neu.herkunft) == (m.beginn, m.beginn_herkunft):
            continue
        alt = m.beginn
        m.beginn, m.beginn_herkunft = neu.datum, neu.herkunft
        speichern(
            m,
            durch=durch,
            grund=f"Beginn nachgeführt: {alt:%d.%m.%Y} → {neu.datum:%d.%m.%Y} ({neu.erklaerung})",
        )
        geaendert += 1
    return geaendert
