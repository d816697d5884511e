"""Celery entry points of §§ 25, 26, 28, 32 (thin: delegate, log, re-queue)."""

import logging

from django.utils import timezone

from kern.jobs import Lauf, job_task
from zwangsmassnahmen import domain

log = logging.getLogger(__name__)


@job_task("zwangsmassnahmen.sicherheitshaft_erinnern")
def sicherheitshaft_erinnern(lauf: Lauf) -> dict:
    # R-25-2 / R-0-FRIST-3 (§ 25 Abs. 2 JVG): reminders before and escalation after the 48 hours.
    jetzt = timezone.now()
    ergebnis = domain.sicherheitshaft_erinnern(jetzt=jetzt)
    log.info("R-25-2: %d Erinnerungen, %d Eskalationen", ergebnis.erinnerungen, ergebnis.eskalationen)
    lauf.verarbeitet = ergebnis.erinnerungen + ergebnis.eskalationen
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if (ergebnis.erinnerungen or ergebnis.eskalationen) and domain.erinnerung_faellig(jetzt).filter(
        frist_ende__lt=jetzt
    ).exists():
        lauf.fortsetzen()
        sicherheitshaft_erinnern.apply_async(countdown=5)
    return {"erinnerungen": ergebnis.erinnerungen, "eskalationen": ergebnis.eskalationen}
