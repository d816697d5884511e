"""Every write of a besondere Sicherheitsmassnahme (§ 31 JVG) goes through one function here (STYLE §2).

Design (proposal → order → execution → review → lifting):

* The proposal IS the draft of the order. `massnahme_beantragen` saves the measure with the recorded
  risk (§ 31 Abs. 1, R-31-1) and, in the same transaction, drafts its Verfügung of type
  SICHERHEITSMASSNAHME_31 in the name of the proposer and submits it for approval. So the four-eyes
  rule (R-0-4EYES-1: approved by the facility management, never by the proposer; who/when/comment in
  `Genehmigungsschritt`) and the hearing (R-0-GEHOER-1) are the shared lifecycle's, whether the
  management decides on our page (`massnahme_genehmigen` / `massnahme_ablehnen`) or on the shared
  Verfügung page. Before Eröffnung the measure's phase is read from its Verfügung (one source).
* The measure becomes active at Eröffnung (§ 44: no suspensive effect, R-0-VFG-4): `nach_eroeffnung`
  is registered with `kern.erweiterungen.eroeffnung` (contributions.py), so every notification path (page, API) activates it;
  `eroeffnung_pruefen` refuses a notification when the person is no longer placed in the facility or
  is a juvenile for lit. f/g.
* § 31 Abs. 5 (R-31-5): each active measure has its next review; a review continues it (next review
  computed) or lifts it; overdue reviews escalate (`ueberpruefungen_eskalieren`, Celery beat).
* § 31 Abs. 4 (R-31-4): `nach_versetzung` is registered with `kern.erweiterungen.nach_versetzung` (contributions.py).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kern import fristen, jobs
from kern.audit import naechste_nummer, speichern, system_benutzer
from kern.fristen import tagesende
from kern.models import Aufgabe
from kern.rollen import ANSTALTSROLLEN, Rolle, berechtigung_pruefen, hat_rolle
from sicherheitsmassnahmen.enums import (
    ARTEN_F_G,
    LITERA,
    Massnahmenart,
    Massnahmenstatus,
    Risiko,
    SicherheitsmassnahmenAufgabenart,
    Ueberpruefungsergebnis,
)
from sicherheitsmassnahmen.models import RISIKOFELDER, Sicherheitsmassnahme, Ueberpruefung
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Anhoerungsart, Verfuegungsstatus, Verfuegungstyp
from vollzug.models import Person, Platzierung, Vollzugsfall
from vollzug.queries import personen_fuer_user
from vollzug.recht import Platzierungsart, VollzugAufgabenart

log = logging.getLogger(__name__)

S = Massnahmenstatus
VS = Verfuegungsstatus
_WOCHENTAGE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


# --- Who may do what (R-0-ROLE-1, R-0-4EYES-1) -------------------------------------------------


def aktuelle_platzierung(fall_id: int) -> Platzierung | None:
    return Platzierung.objects.filter(fall_id=fall_id, bis__isnull=True).select_related("anstalt").first()


def darf_beantragen(user, fall: Vollzugsfall) -> bool:
    """Staff and management of the facility where the person is placed now (§ 31 Abs. 1)."""
    if not (hat_rolle(user, *ANSTALTSROLLEN) and user.anstalt_id is not None):
        return False
    platz = aktuelle_platzierung(fall.pk)
    return platz is not None and platz.anstalt_id == user.anstalt_id


def darf_anordnen(user, massnahme: Sicherheitsmassnahme) -> bool:
    """§ 31 Abs. 1: the management of the measure's facility, while the person is placed there.
    Decides on proposals, reviews and lifts (the proposer is refused by the four-eyes check)."""
    return (
        hat_rolle(user, Rolle.ANSTALTSLEITUNG)
        and user.anstalt_id == massnahme.anstalt_id
        and personen_fuer_user(user).filter(pk=massnahme.person_id).exists()
    )


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


def ueberpruefung_faellig_ab(art: str, ab: datetime) -> datetime:
    """R-31-5: next review after `ab`: lit. f/g after JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_STUNDEN_FG
    hours (to the minute, DST-safe), the others after JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_TAGE calendar
    days on the Zurich wall clock."""
    if art in ARTEN_F_G:
        return fristen.stundenfrist(ab, settings.JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_STUNDEN_FG).ende
    return fristen.kalendertage_lokal(ab, settings.JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_TAGE).ende


def intervall_text(art: str) -> str:
    if art in ARTEN_F_G:
        stunden = settings.JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_STUNDEN_FG
        return f"{stunden} Stunde" if stunden == 1 else f"{stunden} Stunden"
    tage = settings.JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_TAGE
    return f"{tage} Tag" if tage == 1 else f"{tage} Tagen"


def ist_ueberfaellig(massnahme: Sicherheitsmassnahme, jetzt: datetime | None = None) -> bool:
    """R-31-5: overdue when the due moment has passed (due at 10:00 → 10:00 ok, 10:01 overdue)."""
    jetzt = jetzt or timezone.now()
    return (
        massnahme.status == S.AKTIV
        and massnahme.naechste_ueberpruefung_am is not None
        and massnahme.naechste_ueberpruefung_am < jetzt
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
            f"besteht (§ 31 Abs. 5 JVG); sie wird mindestens alle {intervall_text(m.art)} überprüft."
        ),
        dispositiv="\n".join(
            [
                f"1. Gegenüber {name} wird als besondere Sicherheitsmassnahme angeordnet: {bezeichnung} "
                f"({m.paragraph}).{ausgestaltung}",
                "2. Die Massnahme gilt ab Eröffnung dieser Verfügung und wird aufgehoben, sobald kein zwingender "
                f"Grund mehr besteht; sie wird mindestens alle {intervall_text(m.art)} überprüft "
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


def _sperren(massnahme: Sicherheitsmassnahme) -> Sicherheitsmassnahme:
    # Every step re-reads the row under a lock: a review and the escalation job, or two managers, at
    # once → the second sees the first one's result.
    return (
        Sicherheitsmassnahme.objects.select_for_update(of=("self",))
        .select_related("person", "anstalt", "fall", "verfuegung")
        .get(pk=massnahme.pk)
    )


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


# --- Eröffnung: the measure becomes active (§ 44, R-0-VFG-4) -------------------------------------


def eroeffnung_pruefen(verfuegung: Verfuegung, am: datetime, muendlich_am: datetime | None) -> None:
    """Registered check of every Eröffnung of type SICHERHEITSMASSNAHME_31 (page, API, service)."""
    m = Sicherheitsmassnahme.objects.select_related("person", "anstalt").filter(verfuegung=verfuegung).first()
    if m is None:
        return  # a § 31 decision without a measure of this module (e.g. drafted directly): nothing to add
    if m.status != S.BEANTRAGT:
        raise _fehler("status", f"Die Massnahme {m.nummer} ist bereits «{m.get_status_display()}».", "status")
    platzierung_pruefen(m, feld="am")
    jugendschutz_pruefen(m.person, m.art, muendlich_am or am)


def nach_eroeffnung(verfuegung: Verfuegung, durch) -> None:
    """§ 44 (R-0-VFG-4): executed from Eröffnung – an oral announcement before the written one counts
    (R-0-VFG-2); the first review is due one interval later (R-31-5)."""
    m = Sicherheitsmassnahme.objects.select_for_update().filter(verfuegung=verfuegung).first()
    if m is None:
        return
    m.status = S.AKTIV
    m.aktiv_seit = verfuegung.muendlich_eroeffnet_am or verfuegung.eroeffnet_am
    m.naechste_ueberpruefung_am = ueberpruefung_faellig_ab(m.art, m.aktiv_seit)
    speichern(
        m,
        durch=durch,
        grund=f"Eröffnet: vollzogen ab {timezone.localtime(m.aktiv_seit):%d.%m.%Y %H:%M} (§ 44 JVG)",
    )


# --- Review and lifting (R-31-5) ------------------------------------------------------------------


def _aufgabe_erledigen(m: Sicherheitsmassnahme, durch, jetzt: datetime) -> None:
    if m.pruefaufgabe_id is None:
        return
    aufgabe = Aufgabe.objects.select_for_update().get(pk=m.pruefaufgabe_id)
    if aufgabe.erledigt_am is None:
        aufgabe.erledigt_am, aufgabe.erledigt_durch = jetzt, durch
        speichern(aufgabe, durch=durch, grund=f"Überprüfung {m.nummer} erfasst")
    m.pruefaufgabe = None


def _beenden(m: Sicherheitsmassnahme, *, durch, grund: str, am: datetime) -> Sicherheitsmassnahme:
    _aufgabe_erledigen(m, durch, am)
    m.status = S.BEENDET
    m.beendet_am = max(am, m.aktiv_seit)
    m.beendet_durch = durch
    m.beendigungsgrund = grund.strip()
    kurz = grund.strip() if len(grund.strip()) <= 80 else grund.strip()[:79] + "…"
    return speichern(m, durch=durch, grund=f"Aufgehoben: {kurz}")


def _aktiv(m: Sicherheitsmassnahme, feld: str) -> None:
    if m.status != S.AKTIV:
        raise _fehler(
            feld,
            f"§ 31 Abs. 5 JVG (R-31-5): Die Massnahme {m.nummer} ist nicht aktiv («{phase(m)}»).",
            "nicht_aktiv",
        )


@transaction.atomic
def massnahme_ueberpruefen(
    *, massnahme: Sicherheitsmassnahme, ergebnis: str, begruendung: str, durch
) -> Ueberpruefung:
    """R-31-5 (§ 31 Abs. 5): the facility management reviews an active measure.

    Steps: lock; permission; active; known result and reasons; record the review (when, who, which due
    moment it answers); continue → next review one interval from now; lift → the measure ends now;
    the open escalation task (if any) is done.
    """
    m = _sperren(massnahme)
    berechtigung_pruefen(darf_anordnen(durch, m), "Sicherheitsmassnahme überprüfen")
    _aktiv(m, "ergebnis")
    if ergebnis not in Ueberpruefungsergebnis.values:
        raise _fehler("ergebnis", "§ 31 Abs. 5 JVG (R-31-5): Fortsetzen oder aufheben wählen.", "ergebnis")
    if not (begruendung or "").strip():
        raise _fehler(
            "begruendung",
            "§ 31 Abs. 5 JVG (R-31-5): Begründen, ob ein zwingender Grund für die Massnahme weiter besteht.",
            "begruendung_fehlt",
        )
    jetzt = timezone.now()
    fortsetzen = ergebnis == Ueberpruefungsergebnis.FORTSETZEN
    naechste = ueberpruefung_faellig_ab(m.art, jetzt) if fortsetzen else None
    u = speichern(
        Ueberpruefung(
            massnahme=m,
            am=jetzt,
            durch=durch,
            faellig_war=m.naechste_ueberpruefung_am,
            ergebnis=ergebnis,
            begruendung=begruendung.strip(),
            naechste_faellig=naechste,
        ),
        durch=durch,
        grund=Ueberpruefungsergebnis(ergebnis).label[:100],
    )
    if fortsetzen:
        _aufgabe_erledigen(m, durch, jetzt)
        m.naechste_ueberpruefung_am = naechste
        speichern(m, durch=durch, grund=f"Überprüft: fortgesetzt, nächste Überprüfung {_zeit(naechste)}")
    else:
        _beenden(m, durch=durch, grund=f"Überprüfung: {begruendung}", am=jetzt)
    return u


@transaction.atomic
def massnahme_aufheben(*, massnahme: Sicherheitsmassnahme, grund: str, durch) -> Sicherheitsmassnahme:
    """R-31-5 (§ 31 Abs. 5): lift an active measure now (time, by whom, reason)."""
    m = _sperren(massnahme)
    berechtigung_pruefen(darf_anordnen(durch, m), "Sicherheitsmassnahme aufheben")
    _aktiv(m, "grund")
    if not (grund or "").strip():
        raise _fehler("grund", "§ 31 Abs. 5 JVG (R-31-5): Die Aufhebung ist zu begründen.", "grund_fehlt")
    return _beenden(m, durch=durch, grund=grund, am=timezone.now())


def _zeit(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d.%m.%Y %H:%M}"


# --- Escalation of overdue reviews (R-31-5): the Celery job --------------------------------------


def ueberpruefung_ueberfaellig(jetzt: datetime):
    """Active measures whose review is overdue and not yet escalated. No lower bound: a missed run
    catches up; the task link makes a second run find nothing (one task per overdue review)."""
    return Sicherheitsmassnahme.objects.filter(
        status=S.AKTIV, naechste_ueberpruefung_am__lt=jetzt, pruefaufgabe__isnull=True
    )


def ueberpruefungen_eskalieren(
    *, jetzt: datetime | None = None, batch: int = 200, zeitbudget_s: float = 50
) -> int:
    """R-31-5: one SICHERHEITSMASSNAHME_PRUEFEN task (for the facility management) per overdue review.

    Pages by primary key, one transaction per batch with the rows locked (`skip_locked`: a measure a
    manager is reviewing right now is left for the next run), an advisory lock on PostgreSQL so two
    sweeps never overlap, a constant number of queries per batch (tasks and links written in bulk,
    with history rows naming the job), stops at the time budget; idempotent. Returns the count.
    """
    jetzt = jetzt or timezone.now()
    job = system_benutzer("sicherheitsmassnahmen-ueberpruefung")

    def stapel(zeilen: list) -> None:
        aufgaben = bulk_create_with_history(
            [_pruefaufgabe(m) for m in zeilen],
            Aufgabe,
            default_user=job,
            default_change_reason="Überprüfung überfällig (§ 31 Abs. 5 JVG)",
        )
        for m, aufgabe in zip(zeilen, aufgaben, strict=True):
            m.pruefaufgabe = aufgabe
        bulk_update_with_history(
            zeilen,
            Sicherheitsmassnahme,
            ["pruefaufgabe"],
            default_user=job,
            default_change_reason="Überprüfung überfällig: Aufgabe an die Anstaltsleitung",
        )

    with jobs.sperre("sicherheitsmassnahmen.ueberpruefungen_eskalieren") as frei:
        if not frei:
            log.info("R-31-5: anderer Lauf aktiv, übersprungen")
            return 0
        # Person and facility are joined: lock the measure rows only.
        anzahl = jobs.stapelweise(
            ueberpruefung_ueberfaellig(jetzt).select_related("person", "anstalt"),
            batch=batch,
            budget=jobs.Zeitbudget(zeitbudget_s),
            verarbeiten=stapel,
        )

    if anzahl:
        log.info("R-31-5: %d überfällige Überprüfungen eskaliert", anzahl)
    return anzahl


def _pruefaufgabe(m: Sicherheitsmassnahme) -> Aufgabe:
    return Aufgabe(
        art=SicherheitsmassnahmenAufgabenart.SICHERHEITSMASSNAHME_PRUEFEN,
        titel=(
            f"Überprüfung überfällig: {m.paragraph} {m.nummer} "
            f"({m.person.amtlicher_name} {m.person.vorname}) – § 31 Abs. 5 JVG"
        )[:200],
        beschreibung=(
            f"Fällig seit {_zeit(m.naechste_ueberpruefung_am)}. Die Massnahme darf nur so lange beibehalten "
            "werden, als ein zwingender Grund dafür besteht: überprüfen oder aufheben."
        ),
        fuer_rolle=Rolle.ANSTALTSLEITUNG,
        anstalt_id=m.anstalt_id,
        fall_id=m.fall_id,
        faellig_am=m.naechste_ueberpruefung_am,
    )


# --- Transfers (R-31-4) ---------------------------------------------------------------------------


def nach_versetzung(platzierung: Platzierung, durch) -> None:
    """Registered with `kern.erweiterungen.nach_versetzung`; runs in the transfer's transaction.

    R-31-4 (§ 31 Abs. 4): a transfer into another facility under § 17 Abs. 2 carried out on a Saturday,
    Sunday or Lucerne holiday → task "inform the Einweisungsbehörde", due on the next working day
    (end of that day). The receiving facility's management gets it: the person is placed there now,
    so only it still sees the case (R-0-ROLE-1), and it is "the facility" that carried out the
    admission. A facility's § 31 measures do not travel with the person: leaving the facility ends its
    active measures and withdraws its pending orders (§ 31 Abs. 1: only for persons placed there).
    """
    vorher = (
        Platzierung.objects.filter(fall_id=platzierung.fall_id, bis=platzierung.von)
        .exclude(pk=platzierung.pk)
        .select_related("anstalt")
        .order_by("-von", "-pk")
        .first()
    )
    if vorher is None or vorher.anstalt_id == platzierung.anstalt_id:
        return  # a new department in the same facility is no "Versetzung in eine andere Vollzugseinrichtung"
    if platzierung.art == Platzierungsart.VERSETZUNG and not fristen.ist_arbeitstag(platzierung.von):
        _einweisungsbehoerde_informieren(platzierung, vorher, durch)
    _massnahmen_der_anstalt_beenden(platzierung, vorher, durch)


def _einweisungsbehoerde_informieren(platzierung: Platzierung, vorher: Platzierung, durch) -> Aufgabe:
    tag = fristen.lokales_datum(platzierung.von)
    bis = fristen.erster_arbeitstag_nach(tag)
    return speichern(
        Aufgabe(
            art=VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN,
            titel=(
                f"Einweisungsbehörde über die Versetzung vom {_WOCHENTAGE[tag.weekday()]}, {tag:%d.%m.%Y} "
                f"informieren (§ 31 Abs. 4 JVG)"
            ),
            beschreibung=(
                f"Versetzung von {vorher.anstalt.name} nach {platzierung.anstalt.name} am "
                f"{_zeit(platzierung.von)} (Samstag, Sonntag oder Feiertag): die Vollzugseinrichtung "
                f"informiert die Einweisungsbehörde am nächsten Arbeitstag, {bis:%d.%m.%Y}."
            ),
            fuer_rolle=Rolle.ANSTALTSLEITUNG,
            anstalt=platzierung.anstalt,
            fall_id=platzierung.fall_id,
            faellig_am=tagesende(bis),
        ),
        durch=durch,
        grund="R-31-4: Versetzung an einem Samstag, Sonntag oder Feiertag",
    )


def _massnahmen_der_anstalt_beenden(platzierung: Platzierung, vorher: Platzierung, durch) -> None:
    grund = f"Versetzung nach {platzierung.anstalt.name} am {_zeit(platzierung.von)} (§ 31 Abs. 3 JVG)"
    _massnahmen_beenden(platzierung.fall_id, vorher.anstalt_id, am=platzierung.von, grund=grund, durch=durch)


def _massnahmen_beenden(fall_id: int, anstalt_id: int, *, am, grund: str, durch) -> None:
    for m in (
        Sicherheitsmassnahme.objects.select_for_update(of=("self",))
        .select_related("verfuegung")
        .filter(fall_id=fall_id, anstalt_id=anstalt_id)
        .exclude(status=S.BEENDET)
        .order_by("pk")
    ):
        if m.status == S.AKTIV:
            _beenden(m, durch=durch, grund=grund, am=am)
        elif m.verfuegung and m.verfuegung.status in (VS.ENTWURF, VS.ZUR_GENEHMIGUNG, VS.GENEHMIGT):
            # Not yet notified: the order of the old facility lapses (the lifecycle's own transition).
            vfg.verfuegung_uebergang(
                verfuegung=m.verfuegung,
                nach=VS.AUFGEHOBEN,
                durch=durch,
                grund="Gegenstandslos: Aufenthalt beendet",
                aufhebung_grund=f"Gegenstandslos: {grund}.",
            )


def nach_austritt(platzierung: Platzierung, durch, anlass: str) -> None:
    """Registered with `kern.erweiterungen.nach_austritt`: a stay that ends by release or a § 14
    interruption ends the facility's active measures and withdraws its pending orders (§ 31 Abs. 1:
    only for persons placed there), like a transfer does."""
    grund = f"{anlass} am {_zeit(platzierung.bis)}: Aufenthalt in {platzierung.anstalt.name} beendet"
    _massnahmen_beenden(
        platzierung.fall_id, platzierung.anstalt_id, am=platzierung.bis, grund=grund, durch=durch
    )
