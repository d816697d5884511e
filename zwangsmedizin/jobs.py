"""R-38-1 (§ 38 Abs. 4 JVG): reminders to review and re-order a long-term measure-indicated forced
medication. Like `disziplinar.services.verjaehrung_eintragen`: everything due (no lower bound, so a
missed run catches up), paged by pk in batches, each batch in one transaction with its rows locked
(`skip_locked`), an advisory lock on PostgreSQL, a time budget, and idempotent (the reminder is
remembered on the order: a second run finds nothing). A batch costs a constant number of queries.
"""

import logging
import time
from datetime import date

from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kern.audit import system_benutzer
from kern.fristen import tagesende
from kern.models import Aufgabe
from kern.rollen import Rolle
from zwangsmedizin.enums import Medikationsart, Medikationsstatus, ZwangsmedizinAufgabenart
from zwangsmedizin.models import Zwangsmedikation

log = logging.getLogger(__name__)

_ADVISORY_LOCK = 0x5A4D3338  # "ZM38"
JOB = "zwangsmedizin-neuanordnung"


def neuanordnung_faellig(heute: date):
    """Orders in force whose review date has come (due day included) and that have no reminder yet."""
    return Zwangsmedikation.objects.filter(
        art=Medikationsart.MASSNAHMENINDIZIERT,
        status=Medikationsstatus.ANGEORDNET,
        langfristig=True,
        naechste_ueberpruefung_am__lte=heute,
        erinnerung_aufgabe__isnull=True,
    )


def _sperre_nehmen() -> bool:
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_ADVISORY_LOCK])
        return cursor.fetchone()[0]


def neuanordnung_erinnern(*, heute: date | None = None, batch: int = 200, zeitbudget_s: float = 50) -> int:
    """Create one ZWANGSMEDIKATION_NEU_ANORDNEN task per due order (for the authority, which re-orders
    in writing, § 38 Abs. 1/4; the physician sees the deadline in the Fristenkontrolle). Returns the count."""
    heute = heute or timezone.localdate()
    job = system_benutzer(JOB)
    beginn = time.monotonic()
    letzte_pk, anzahl = 0, 0
    while time.monotonic() - beginn < zeitbudget_s:
        with transaction.atomic():
            if not _sperre_nehmen():
                log.info("R-38-1: anderer Lauf aktiv, übersprungen")
                break
            qs = neuanordnung_faellig(heute).filter(pk__gt=letzte_pk).order_by("pk").select_related("person")
            if connection.features.has_select_for_update_skip_locked:
                qs = qs.select_for_update(skip_locked=True, of=("self",))
            else:
                qs = qs.select_for_update()
            zeilen = list(qs[:batch])
            if not zeilen:
                break
            letzte_pk = zeilen[-1].pk
            aufgaben = bulk_create_with_history(
                [
                    Aufgabe(
                        art=ZwangsmedizinAufgabenart.ZWANGSMEDIKATION_NEU_ANORDNEN,
                        titel=(
                            "Massnahmenindizierte Zwangsmedikation überprüfen und neu anordnen "
                            f"(§ 38 Abs. 4 JVG): {m.person.vorname} {m.person.amtlicher_name}"
                        )[:200],
                        fuer_rolle=Rolle.SACHBEARBEITUNG,
                        fall_id=m.fall_id,
                        faellig_am=tagesende(m.naechste_ueberpruefung_am),
                    )
                    for m in zeilen
                ],
                Aufgabe,
                default_user=job,
                default_change_reason="Erinnerung § 38 Abs. 4 JVG (R-38-1)",
            )
            for m, aufgabe in zip(zeilen, aufgaben, strict=True):
                m.erinnerung_aufgabe = aufgabe
            bulk_update_with_history(
                zeilen,
                Zwangsmedikation,
                ["erinnerung_aufgabe"],
                default_user=job,
                default_change_reason="Erinnerung § 38 Abs. 4 JVG (R-38-1)",
            )
            anzahl += len(zeilen)
    log.info("R-38-1: %d Erinnerungen zur Neuanordnung erstellt", anzahl)
    return anzahl
