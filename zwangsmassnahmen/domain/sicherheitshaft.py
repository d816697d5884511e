"""§ 25 Sicherheitshaft: `sicherheitshaft_anordnen` (R-25-1) → `antrag_erfassen` (R-25-2, late filing
flagged) → `gerichtsentscheid_erfassen` / `haft_beenden`."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern import fristen
from kern.audit import naechste_nummer, speichern
from kern.rollen import berechtigung_pruefen
from vollzug.models import Anstalt, Vollzugsfall
from zwangsmassnahmen.domain._hilfen import (
    _aufgaben_erledigen,
    _fehler,
    _sperren,
    _text,
    _zeit,
    _zeitpunkt_pruefen,
)
from zwangsmassnahmen.models import (
    HaftErinnerung,
    Sicherheitshaft,
)
from zwangsmassnahmen.permissions import (
    darf_haft_anordnen,
)
from zwangsmassnahmen.recht import (
    GerichtEntscheid,
    Haftstatus,
    Haftvariante,
    Nachverfahren,
    antragsfrist,
)

# --- § 25 Sicherheitshaft (R-25-1, R-25-2, R-0-FRIST-3) ---------------------------------------------


@dataclass(frozen=True)
class HaftDaten:
    variante: str
    verfahren_art: str
    verfahren_referenz: str
    wahrscheinlichkeit: str
    grund_oeffentlichkeit: bool = False
    grund_massnahmenzweck: bool = False
    grund_flucht: bool = False
    begruendung: str = ""
    festnahme_am: datetime | None = None  # § 25 Abs. 1: required
    anstalt: Anstalt | None = None  # Haftort (§ 25 Abs. 4: executed like a Freiheitsstrafe)
    verfahren_eingeleitet_am: date | None = None  # § 25 Abs. 3: required
    antrag_am: datetime | None = None  # § 25 Abs. 3: request to the Verfahrensleitung
    antrag_referenz: str = ""


def ist_ueberfaellig(haft: Sicherheitshaft, jetzt: datetime | None = None) -> bool:
    """R-25-2: no filing recorded and the 48 hours have passed (exactly 48 h is still in time)."""
    jetzt = jetzt or timezone.now()
    return haft.antrag_offen and haft.frist_ende is not None and jetzt > haft.frist_ende


@transaction.atomic
def sicherheitshaft_anordnen(*, fall: Vollzugsfall, daten: HaftDaten, durch) -> Sicherheitshaft:
    """§ 25 Abs. 1 (or Abs. 3) JVG: order the security detention of a person of a case.

    Steps: permission (the Vollzugsbehörde); R-25-1 (procedure kind and reference, probability
    assessment, at least one ground a–c); Abs. 1: arrest time (not in the future) and place of
    detention, the 48-hour deadline computed to the minute (R-0-FRIST-3); Abs. 3: the procedure had
    already started, the request to the Verfahrensleitung is recorded instead (no 48-hour deadline of
    the authority); number, save with history.
    """
    berechtigung_pruefen(darf_haft_anordnen(durch), "Sicherheitshaft anordnen (§ 25 JVG)")
    jetzt = timezone.now()
    fehler: dict[str, ValidationError] = {}
    if daten.variante not in Haftvariante.values:
        fehler["variante"] = ValidationError("§ 25 JVG: Variante Abs. 1 oder Abs. 3 wählen.", code="variante")
    if daten.verfahren_art not in Nachverfahren.values:
        fehler["verfahren_art"] = ValidationError(
            "§ 25 Abs. 1 JVG (R-25-1): Art des nachträglichen Verfahrens (Art. 363 ff. StPO) angeben.",
            code="verfahren_fehlt",
        )
    if not _text(daten.verfahren_referenz):
        fehler["verfahren_referenz"] = ValidationError(
            "§ 25 Abs. 1 JVG (R-25-1): Geschäftsnummer des nachträglichen Verfahrens (Art. 363 ff. StPO) angeben.",
            code="referenz_fehlt",
        )
    if not _text(daten.wahrscheinlichkeit):
        fehler["wahrscheinlichkeit"] = ValidationError(
            "§ 25 Abs. 1 JVG (R-25-1): Die hinreichende Wahrscheinlichkeit einer Rückversetzung oder einer "
            "Freiheitsstrafe bzw. freiheitsentziehenden Massnahme begründen.",
            code="wahrscheinlichkeit_fehlt",
        )
    if not (daten.grund_oeffentlichkeit or daten.grund_massnahmenzweck or daten.grund_flucht):
        fehler["gruende"] = ValidationError(
            "§ 25 Abs. 1 JVG (R-25-1): Mindestens ein Haftgrund ist nötig – a) erhebliche Gefährdung der "
            "Öffentlichkeit, b) Massnahmenzweck nicht anders gewährleistet oder c) Fluchtgefahr.",
            code="kein_grund",
        )
    if fehler:
        raise ValidationError(fehler)
    eingeleitet = daten.verfahren_eingeleitet_am
    if eingeleitet is not None and eingeleitet > timezone.localdate(jetzt):
        raise _fehler(
            "verfahren_eingeleitet_am",
            "Die Einleitung des Verfahrens kann nicht in der Zukunft liegen.",
            "zukunft",
        )
    haft = Sicherheitshaft(
        fall=fall,
        variante=daten.variante,
        verfahren_art=daten.verfahren_art,
        verfahren_referenz=_text(daten.verfahren_referenz),
        verfahren_eingeleitet_am=eingeleitet,
        wahrscheinlichkeit=_text(daten.wahrscheinlichkeit),
        grund_oeffentlichkeit=daten.grund_oeffentlichkeit,
        grund_massnahmenzweck=daten.grund_massnahmenzweck,
        grund_flucht=daten.grund_flucht,
        begruendung=_text(daten.begruendung),
        angeordnet_am=jetzt,
        angeordnet_durch=durch,
    )
    if daten.variante == Haftvariante.EIGENE_ANORDNUNG:
        if daten.festnahme_am is None:
            raise _fehler(
                "festnahme_am",
                "§ 25 Abs. 2 JVG (R-25-2): Zeitpunkt der Festnahme angeben – ab ihr laufen die 48 Stunden.",
                "festnahme_fehlt",
            )
        _zeitpunkt_pruefen(
            "festnahme_am", daten.festnahme_am, jetzt, "Die Festnahme", "§ 25 Abs. 2 JVG (R-25-2)"
        )
        if eingeleitet is not None and eingeleitet < fristen.lokales_datum(daten.festnahme_am):
            raise _fehler(
                "variante",
                f"§ 25 Abs. 3 JVG: Das Verfahren wurde am {eingeleitet:%d.%m.%Y} eingeleitet, vor der Festnahme. "
                "Die Vollzugsbehörde ordnet die Haft nur vor oder gleichzeitig mit der Einleitung an (Abs. 1); "
                "danach beantragt sie die Sicherheitshaft bei der Verfahrensleitung (Abs. 3).",
                "nach_einleitung",
            )
        if daten.anstalt is None or not daten.anstalt.aktiv:
            raise _fehler(
                "anstalt",
                "§ 25 Abs. 4 JVG: Haftort angeben (aktive Vollzugseinrichtung; die Sicherheitshaft wird "
                "nach den Regeln des Vollzugs von Freiheitsstrafen durchgeführt).",
                "haftort_fehlt",
            )
        frist = antragsfrist(daten.festnahme_am)
        haft.festnahme_am, haft.anstalt = daten.festnahme_am, daten.anstalt
        haft.frist_ende, haft.frist_methode = frist.ende, frist.methode
        haft.status = Haftstatus.IN_HAFT
    else:
        if eingeleitet is None:
            raise _fehler(
                "verfahren_eingeleitet_am",
                "§ 25 Abs. 3 JVG: Datum der Einleitung des Verfahrens angeben (der Antrag an die "
                "Verfahrensleitung setzt ein eingeleitetes Verfahren voraus).",
                "einleitung_fehlt",
            )
        antrag_am = daten.antrag_am or jetzt
        _zeitpunkt_pruefen("antrag_am", antrag_am, jetzt, "Der Antrag", "§ 25 Abs. 3 JVG")
        if fristen.lokales_datum(antrag_am) < eingeleitet:
            raise _fehler(
                "antrag_am",
                "§ 25 Abs. 3 JVG: Der Antrag folgt der Einleitung des Verfahrens.",
                "vor_einleitung",
            )
        haft.anstalt = daten.anstalt
        haft.antrag_am, haft.antrag_referenz, haft.antrag_erfasst_durch = (
            antrag_am,
            _text(daten.antrag_referenz),
            durch,
        )
        haft.status = Haftstatus.BEANTRAGT
    haft.nummer = f"SH-{jetzt.year}-{naechste_nummer(f'sicherheitshaft-{jetzt.year}'):05d}"
    grund = (
        "Sicherheitshaft angeordnet (§ 25 Abs. 1 JVG)"
        if haft.variante == Haftvariante.EIGENE_ANORDNUNG
        else "Sicherheitshaft bei der Verfahrensleitung beantragt (§ 25 Abs. 3 JVG)"
    )
    return speichern(haft, durch=durch, grund=grund)


def _haft_aufgaben(haft: Sicherheitshaft) -> list[int]:
    return list(HaftErinnerung.objects.filter(haft=haft).values_list("aufgabe_id", flat=True))


@transaction.atomic
def antrag_erfassen(*, haft: Sicherheitshaft, antrag_am: datetime, referenz: str, durch) -> Sicherheitshaft:
    """§ 25 Abs. 2 JVG (R-25-2): record the application to the Zwangsmassnahmengericht.

    Steps: permission; lock; only an arrest under Abs. 1 still waiting for its filing; the filing time
    is not in the future and not before the arrest; a filing after the 48 hours is recorded but flagged
    late (`antrag_verspaetet`); open reminder and escalation tasks are closed.
    """
    berechtigung_pruefen(darf_haft_anordnen(durch), "Verlängerungsantrag erfassen (§ 25 Abs. 2 JVG)")
    _sperren(haft)
    if not haft.antrag_offen:
        raise _fehler(
            "antrag_am",
            f"§ 25 Abs. 2 JVG (R-25-2): Für die Sicherheitshaft {haft.nummer} ist kein Antrag mehr offen "
            f"(Status «{haft.get_status_display()}»).",
            "kein_antrag_offen",
        )
    _zeitpunkt_pruefen("antrag_am", antrag_am, timezone.now(), "Die Einreichung", "§ 25 Abs. 2 JVG (R-25-2)")
    if antrag_am < haft.festnahme_am:
        raise _fehler(
            "antrag_am",
            f"§ 25 Abs. 2 JVG (R-25-2): Die Einreichung kann nicht vor der Festnahme ({_zeit(haft.festnahme_am)}) liegen.",
            "vor_festnahme",
        )
    if not _text(referenz):
        raise _fehler(
            "antrag_referenz", "§ 25 Abs. 2 JVG (R-25-2): Referenz des Antrags angeben.", "referenz_fehlt"
        )
    haft.antrag_am, haft.antrag_referenz, haft.antrag_erfasst_durch = antrag_am, _text(referenz), durch
    haft.antrag_verspaetet = antrag_am > haft.frist_ende
    haft.status = Haftstatus.BEANTRAGT
    # History reasons hold at most 100 characters (simple-history's column).
    grund = "Antrag ans Zwangsmassnahmengericht (§ 25 Abs. 2 JVG)"
    if haft.antrag_verspaetet:
        grund += f" – verspätet (Frist {_zeit(haft.frist_ende)})"
    speichern(haft, durch=durch, grund=grund)
    _aufgaben_erledigen(_haft_aufgaben(haft), durch, "Erledigt: Antrag eingereicht (§ 25 Abs. 2 JVG)")
    return haft


@transaction.atomic
def gerichtsentscheid_erfassen(
    *, haft: Sicherheitshaft, entscheid: str, am: datetime, durch
) -> Sicherheitshaft:
    """The court's decision on the extension: confirmed → detention continues; refused → release."""
    berechtigung_pruefen(darf_haft_anordnen(durch), "Entscheid des Zwangsmassnahmengerichts erfassen")
    _sperren(haft)
    if haft.status != Haftstatus.BEANTRAGT:
        raise _fehler(
            "gericht_entscheid",
            f"Ein Entscheid ist nur zu einem hängigen Antrag möglich (Status «{haft.get_status_display()}»).",
            "nicht_beantragt",
        )
    if entscheid not in GerichtEntscheid.values:
        raise _fehler("gericht_entscheid", "Entscheid wählen: bewilligt oder abgelehnt.", "entscheid")
    _zeitpunkt_pruefen("gericht_entscheid_am", am, timezone.now(), "Der Entscheid", "R-0-BAD-1")
    if am < haft.antrag_am:
        raise _fehler("gericht_entscheid_am", "Der Entscheid kann nicht vor dem Antrag liegen.", "vor_antrag")
    haft.gericht_entscheid, haft.gericht_entscheid_am = entscheid, am
    if entscheid == GerichtEntscheid.BESTAETIGT:
        haft.status = Haftstatus.BESTAETIGT
        grund = "Verlängerung durch das Zwangsmassnahmengericht bewilligt"
    else:
        haft.status, haft.beendet_am = Haftstatus.BEENDET, am
        haft.beendet_grund = "Verlängerung durch das Zwangsmassnahmengericht abgelehnt: Entlassung."
        grund = "Verlängerung abgelehnt, Haft beendet"
    return speichern(haft, durch=durch, grund=grund)


@transaction.atomic
def haft_beenden(*, haft: Sicherheitshaft, am: datetime, grund: str, durch) -> Sicherheitshaft:
    """End the detention (release, or the court's post-judgment decision took over). Open reminder
    tasks are closed: a person released within the 48 hours needs no extension."""
    berechtigung_pruefen(darf_haft_anordnen(durch), "Sicherheitshaft beenden")
    _sperren(haft)
    if haft.status == Haftstatus.BEENDET:
        raise _fehler("beendet_am", f"Die Sicherheitshaft {haft.nummer} ist bereits beendet.", "beendet")
    _zeitpunkt_pruefen("beendet_am", am, timezone.now(), "Das Ende der Haft", "R-0-BAD-1")
    beginn = haft.festnahme_am or haft.antrag_am
    if beginn and am < beginn:
        raise _fehler("beendet_am", f"Das Ende kann nicht vor dem {_zeit(beginn)} liegen.", "vor_beginn")
    if not _text(grund):
        raise _fehler("beendet_grund", "Grund der Beendigung angeben.", "grund_fehlt")
    haft.status, haft.beendet_am, haft.beendet_grund = Haftstatus.BEENDET, am, _text(grund)
    speichern(haft, durch=durch, grund="Sicherheitshaft beendet")
    _aufgaben_erledigen(_haft_aufgaben(haft), durch, "Erledigt: Sicherheitshaft beendet")
    return haft
