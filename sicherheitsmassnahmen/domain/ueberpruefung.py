"""§ 31 Abs. 5 JVG (R-31-5): each active measure has its next review; a review continues it (next review
computed) or lifts it; overdue reviews escalate (`ueberpruefungen_eskalieren`, Celery beat)."""

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kern import jobs
from kern.audit import speichern, system_benutzer
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen
from sicherheitsmassnahmen.domain._hilfen import (
    S,
    _aufgabe_erledigen,
    _beenden,
    _fehler,
    _sperren,
    _zeit,
)
from sicherheitsmassnahmen.domain.antrag import phase
from sicherheitsmassnahmen.models import Sicherheitsmassnahme, Ueberpruefung
from sicherheitsmassnahmen.permissions import darf_anordnen
from sicherheitsmassnahmen.recht import (
    SicherheitsmassnahmenAufgabenart,
    Ueberpruefungsergebnis,
    ueberpruefung_faellig_ab,
)

log = logging.getLogger(__name__)


# --- Review and lifting (R-31-5) ------------------------------------------------------------------


def ist_ueberfaellig(massnahme: Sicherheitsmassnahme, jetzt: datetime | None = None) -> bool:
    """R-31-5: overdue when the due moment has passed (due at 10:00 → 10:00 ok, 10:01 overdue)."""
    jetzt = jetzt or timezone.now()
    return (
        massnahme.status == S.AKTIV
        and massnahme.naechste_ueberpruefung_am is not None
        and massnahme.naechste_ueberpruefung_am < jetzt
    )


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
