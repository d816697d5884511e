"""R-38-1 (§ 38 Abs. 4 JVG): reminders to review and re-order a long-term measure-indicated forced
medication. Like `disziplinar.domain.verjaehrung_eintragen`: everything due (no lower bound, so a
missed run catches up), paged by pk in batches, each batch in one transaction with its rows locked
(`skip_locked`), an advisory lock on PostgreSQL, a time budget, and idempotent (the reminder is
remembered on the order: a second run finds nothing). A batch costs a constant number of queries.
"""

import logging
from datetime import date

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kern import jobs
from kern.audit import system_benutzer
from kern.fristen import tagesende
from kern.models import Aufgabe
from kern.rollen import Rolle
from zwangsmedizin.models import Zwangsmedikation
from zwangsmedizin.recht import (
    Medikationsart,
    Medikationsstatus,
    ZwangsmedizinAufgabenart,
)

log = logging.getLogger(__name__)

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


def neuanordnung_erinnern(*, heute: date | None = None, batch: int = 200, zeitbudget_s: float = 50) -> int:
    """Create one ZWANGSMEDIKATION_NEU_ANORDNEN task per due order (for the authority, which re-orders
    in writing, § 38 Abs. 1/4; the physician sees the deadline in the Fristenkontrolle). Returns the count."""
    heute = heute or timezone.localdate()
    job = system_benutzer(JOB)

    def stapel(zeilen: list[Zwangsmedikation]) -> None:
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

    with jobs.sperre("zwangsmedizin.neuanordnung_erinnern") as frei:
        if not frei:
            log.info("R-38-1: anderer Lauf aktiv, übersprungen")
            return 0
        # The person is joined: lock the order rows only.
        anzahl = jobs.stapelweise(
            neuanordnung_faellig(heute).select_related("person"),
            batch=batch,
            budget=jobs.Zeitbudget(zeitbudget_s),
            verarbeiten=stapel,
        )
    log.info("R-38-1: %d Erinnerungen zur Neuanordnung erstellt", anzahl)
    return anzahl
