"""Celery entry points of §§ 25, 26, 28, 32 (thin: delegate, log, re-queue)."""

import logging

from celery import shared_task
from django.utils import timezone

from zwangsmassnahmen import services

log = logging.getLogger(__name__)


@shared_task(name="zwangsmassnahmen.sicherheitshaft_erinnern")
def sicherheitshaft_erinnern() -> dict:
    # R-25-2 / R-0-FRIST-3 (§ 25 Abs. 2 JVG): reminders before and escalation after the 48 hours.
    jetzt = timezone.now()
    lauf = services.sicherheitshaft_erinnern(jetzt=jetzt)
    log.info("R-25-2: %d Erinnerungen, %d Eskalationen", lauf.erinnerungen, lauf.eskalationen)
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if (lauf.erinnerungen or lauf.eskalationen) and services.erinnerung_faellig(jetzt).filter(
        frist_ende__lt=jetzt
    ).exists():
        sicherheitshaft_erinnern.apply_async(countdown=5)
    return {"erinnerungen": lauf.erinnerungen, "eskalationen": lauf.eskalationen}
