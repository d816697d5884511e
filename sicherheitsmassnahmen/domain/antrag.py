"""§ 31 Abs. 1 JVG: proposal → order (R-31-1, R-0-4EYES-1, R-0-GEHOER-1).

The proposal IS the draft of the order. `massnahme_beantragen` saves the measure with the recorded
risk (§ 31 Abs. 1, R-31-1) and, in the same transaction, drafts its Verfügung of type
SICHERHEITSMASSNAHME_31 in the name of the proposer and submits it for approval. So the four-eyes
rule (R-0-4EYES-1: approved by the facility management, never by the proposer; who/when/comment in
`Genehmigungsschritt`) and the hearing (R-0-GEHOER-1) are the shared lifecycle's, whether the
management decides on our page (`massnahme_genehmigen` / `massnahme_ablehnen`) or on the shared
Verfügung page. Before Eröffnung the measure's phase is read from its Verfügung (one source).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern import fristen
from kern.audit import naechste_nummer, speichern
from kern.rollen import berechtigung_pruefen
from sicherheitsmassnahmen.domain._hilfen import (
    VS,
    S,
    _fehler,
    _sperren,
)
from sicherheitsmassnahmen.models import RISIKOFELDER, Sicherheitsmassnahme
from sicherheitsmassnahmen.permissions import darf_anordnen, darf_beantragen
from sicherheitsmassnahmen.queries import aktuelle_platzierung
from sicherheitsmassnahmen.recht import (
    ARTEN_F_G,
    LITERA,
    Massnahmenart,
    Risiko,
    intervall_text,
)
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Anhoerungsart, Verfuegungstyp
from vollzug.models import Person, Vollzugsfall

# --- Proposal → order (R-31-1, R-0-4EYES-1, R-0-GEHOER-1) --------------------------------------


@dataclass(frozen=True)
class Gehoer:
    """R-0-GEHOER-1: the person's statement, the waiver, or Gefahr im Verzug (hearing afterwards)."""

    art: str  # Anhoerungsart
    text: str = ""
    begruendung: str = ""
    am: datetime | None = None  # default: now (never in the future, the lifecycle checks)


def _gehoer_erfassen(v: Verfuegung, gehoer: Gehoer | None, durch) -> None:
    if gehoer is None or not gehoer.art:
        return
    if gehoer.art not in Anhoerungsart.values:
        raise _fehler("gehoer_art", "Unbekannte Art der Anhörung (R-0-GEHOER-1).", "art")
    try:
        vfg.gehoer_erfassen(
            verfuegung=v,
            art=gehoer.art,
            durch=durch,
            text=gehoer.text,
            begruendung=gehoer.begruendung,
            am=gehoer.am,
        )
    except ValidationError as exc:
        # The lifecycle names its fields text/begruendung; our forms call them gehoer_*.
        raise ValidationError(
            {
                f"gehoer_{k}" if k in ("art", "text", "begruendung") else k: m
                for k, m in exc.error_dict.items()
            }
        ) from exc


def _entwurfsdaten(m: Sicherheitsmassnahme) -> vfg.Entwurfsdaten:
    person = m.person
    name = f"{person.vorname} {person.amtlicher_name}"
    art = Massnahmenart(m.art)
    bezeichnung = art.label.split(": ", 1)[1]
    ausgestaltung = f" Ausgestaltung: {m.ausgestaltung}" if m.ausgestaltung else ""
    return vfg.Entwurfsdaten(
        titel=f"Anordnung einer besonderen Sicherheitsmassnahme ({m.paragraph})",
        rechtsgrundlage=f"§ 31 Abs. 1, Abs. 2 lit. {LITERA[art]} und Abs. 5 JVG; § 44 Abs. 1 lit. a JVG",
        sachverhalt=(
            f"Antrag {m.nummer} vom {timezone.localtime(m.beantragt_am):%d.%m.%Y %H:%M} "
            f"({m.anstalt.name}).\n\n{m.sachverhalt}\n\nErhöhtes Risiko (§ 31 Abs. 1 JVG): {m.risiken_text}."
        ),
        begruendung=(
            f"{m.begruendung}\n\nDie Massnahme wird nur so lange beibehalten, als ein zwingender Grund dafür "
            f"besteht (§ 31 Abs. 5 JVG); sie wird mindestens {intervall_text(m.art)} überprüft."
        ),
        dispositiv="\n".join(
            [
                f"Gegenüber {name} wird als besondere Sicherheitsmassnahme angeordnet: {bezeichnung} "
                f"({m.paragraph}).{ausgestaltung}",
                "Die Massnahme gilt ab Eröffnung dieser Verfügung und wird aufgehoben, sobald kein zwingender "
                f"Grund mehr besteht; sie wird mindestens {intervall_text(m.art)} überprüft "
                "(§ 31 Abs. 5 JVG).",
            ]
        ),
    )


@transaction.atomic
def massnahme_beantragen(
    *,
    fall: Vollzugsfall,
    art: str,
    risiken: Iterable[str],
    sachverhalt: str,
    begruendung: str,
    durch,
    ausgestaltung: str = "",
    gehoer: Gehoer | None = None,
) -> Sicherheitsmassnahme:
    """R-31-1: propose a measure of § 31 Abs. 2 lit. a–g for a person placed in the proposer's facility.

    Steps: lock the case; permission (staff or management of the facility where the person is placed
    now); art known; at least one risk of § 31 Abs. 1 with facts and reasons; juveniles not lit. f/g
    (R-31-5); save with a number; draft the Verfügung SICHERHEITSMASSNAHME_31 (facility = this one, so
    its management approves, R-0-4EYES-1) in the proposer's name and submit it; record the hearing if
    given (R-0-GEHOER-1). All in one transaction: a refused step leaves nothing behind.
    """
    fall = Vollzugsfall.objects.select_for_update().select_related("person").get(pk=fall.pk)
    berechtigung_pruefen(darf_beantragen(durch, fall), "Sicherheitsmassnahme beantragen")
    risiken = list(dict.fromkeys(risiken or []))
    fehler = {}
    if art not in Massnahmenart.values:
        fehler["art"] = "§ 31 Abs. 2 JVG (R-31-1): Unbekannte Sicherheitsmassnahme (lit. a–g)."
    if not risiken:
        fehler["risiken"] = (
            "§ 31 Abs. 1 JVG (R-31-1): Mindestens ein Risiko angeben – Flucht, Eigengefährdung, "
            "Fremdgefährdung oder Gefährdung einer Sache."
        )
    elif any(r not in Risiko.values for r in risiken):
        fehler["risiken"] = "§ 31 Abs. 1 JVG (R-31-1): Unbekanntes Risiko."
    if not (sachverhalt or "").strip():
        fehler["sachverhalt"] = (
            "§ 31 Abs. 1 JVG (R-31-1): Das Verhalten oder den psychischen Zustand beschreiben, aus dem das "
            "erhöhte Risiko folgt."
        )
    if not (begruendung or "").strip():
        fehler["begruendung"] = "§ 31 Abs. 1 JVG (R-31-1): Begründen, warum die Massnahme nötig ist."
    if fehler:
        raise ValidationError(fehler)
    jetzt = timezone.now()
    jugendschutz_pruefen(fall.person, art, jetzt)
    platz = aktuelle_platzierung(fall.pk)
    m = Sicherheitsmassnahme(
        person=fall.person,
        fall=fall,
        anstalt=platz.anstalt,
        art=art,
        ausgestaltung=(ausgestaltung or "").strip(),
        sachverhalt=sachverhalt.strip(),
        begruendung=begruendung.strip(),
        beantragt_durch=durch,
        beantragt_am=jetzt,
        **{RISIKOFELDER[Risiko(r)]: True for r in risiken},
    )
    m.full_clean(exclude=["nummer", "verfuegung"])
    m.nummer = f"SM-{jetzt.year}-{naechste_nummer(f'sicherheitsmassnahme-{jetzt.year}'):05d}"
    speichern(m, durch=durch, grund=f"Beantragt: {m.paragraph}")
    v = vfg.verfuegung_entwerfen(
        typ=Verfuegungstyp.SICHERHEITSMASSNAHME_31,
        person=fall.person,
        fall=fall,
        anstalt=platz.anstalt,
        gegenstand=m,
        daten=_entwurfsdaten(m),
        durch=durch,
    )
    m.verfuegung = v
    speichern(m, durch=durch, grund="Verfügung entworfen", felder=["verfuegung"])
    _gehoer_erfassen(v, gehoer, durch)
    vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=durch, kommentar=f"Antrag {m.nummer} ({m.paragraph})")
    v.refresh_from_db()
    return m


# --- Rules ---------------------------------------------------------------------------------------


def jugendschutz_pruefen(person: Person, art: str, am) -> None:
    """R-31-5 / R-1-JUV-1 (§ 31 Abs. 5 Satz 2): lit. f and g are not permitted against juveniles
    (under 18 on the day of the measure; on the 18th birthday the person is an adult)."""
    if art in ARTEN_F_G and person.ist_jugendlich(fristen.lokales_datum(am)):
        raise _fehler(
            "art",
            "§ 31 Abs. 5 Satz 2 JVG (R-31-5): Gegenüber Jugendlichen (unter 18 Jahren, R-1-JUV-1) sind die "
            "Unterbringung in einem besonders gesicherten Raum (lit. f) und die Fesselung (lit. g) nicht "
            "gestattet.",
            "jugendlich",
        )


def platzierung_pruefen(massnahme: Sicherheitsmassnahme, feld: str = "anstalt") -> None:
    """§ 31 Abs. 1: the management orders measures for persons placed in its facility."""
    platz = aktuelle_platzierung(massnahme.fall_id)
    if platz is None or platz.anstalt_id != massnahme.anstalt_id:
        raise _fehler(
            feld,
            f"§ 31 Abs. 1 JVG (R-31-1): Die Person ist nicht mehr in der {massnahme.anstalt} platziert – "
            "die Massnahme kann dort nicht mehr angeordnet werden.",
            "nicht_platziert",
        )


def phase(massnahme: Sicherheitsmassnahme) -> str:
    """The state a person reads: active/lifted from the measure, before Eröffnung from its Verfügung."""
    if massnahme.status != S.BEANTRAGT:
        return massnahme.get_status_display()
    status = massnahme.verfuegung.status if massnahme.verfuegung_id else VS.ENTWURF
    return {
        VS.ENTWURF: "Antrag in Überarbeitung",
        VS.ZUR_GENEHMIGUNG: "Beantragt – Entscheid der Anstaltsleitung ausstehend",
        VS.GENEHMIGT: "Angeordnet – Eröffnung ausstehend",
        VS.AUFGEHOBEN: "Abgelehnt / nicht angeordnet",
    }.get(status, VS(status).label)


def _zur_genehmigung(m: Sicherheitsmassnahme) -> None:
    if m.status != S.BEANTRAGT or m.verfuegung is None or m.verfuegung.status != VS.ZUR_GENEHMIGUNG:
        raise _fehler(
            "status",
            f"R-0-4EYES-1: Über den Antrag {m.nummer} ist nicht (mehr) zu entscheiden ({phase(m)}).",
            "nicht_vorgelegt",
        )


@transaction.atomic
def massnahme_genehmigen(
    *, massnahme: Sicherheitsmassnahme, durch, kommentar: str = "", gehoer: Gehoer | None = None
) -> Sicherheitsmassnahme:
    """R-31-1 / R-0-4EYES-1: the facility management orders the proposed measure.

    Steps: lock; permission (management of the facility, person placed there); still submitted; the
    person still placed there and not a juvenile for lit. f/g (R-31-5, the day of the order); record
    the hearing if given now; approve the Verfügung through the lifecycle, which refuses the proposer
    (four-eyes) and a missing hearing (R-0-GEHOER-1) and records who/when/comment. The measure is
    executed from Eröffnung (shared page, § 44).
    """
    m = _sperren(massnahme)
    berechtigung_pruefen(darf_anordnen(durch, m), "Sicherheitsmassnahme anordnen")
    _zur_genehmigung(m)
    platzierung_pruefen(m)
    jugendschutz_pruefen(m.person, m.art, timezone.now())
    _gehoer_erfassen(m.verfuegung, gehoer, durch)
    vfg.genehmigen(verfuegung=m.verfuegung, durch=durch, kommentar=kommentar)
    m.refresh_from_db()
    return m


@transaction.atomic
def massnahme_ablehnen(*, massnahme: Sicherheitsmassnahme, durch, kommentar: str) -> Sicherheitsmassnahme:
    """R-0-4EYES-1: the facility management rejects the proposal (reason required, recorded with
    who/when in the approval steps; the Verfügung ends as aufgehoben)."""
    m = _sperren(massnahme)
    berechtigung_pruefen(darf_anordnen(durch, m), "Antrag auf Sicherheitsmassnahme ablehnen")
    _zur_genehmigung(m)
    vfg.ablehnen(verfuegung=m.verfuegung, durch=durch, kommentar=kommentar)
    m.refresh_from_db()
    return m
