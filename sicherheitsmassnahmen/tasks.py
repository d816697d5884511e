"""Celery entry points of § 31 JVG (thin: delegate, log, re-queue)."""

import logging

from django.utils import timezone

from kern.jobs import Lauf, job_task
from sicherheitsmassnahmen import domain

log = logging.getLogger(__name__)


@job_task("sicherheitsmassnahmen.ueberpruefungen_eskalieren")
def ueberpruefungen_eskalieren(lauf: Lauf) -> int:
    # R-31-5 (§ 31 Abs. 5 JVG): one task for the facility management per overdue review (idempotent).
    jetzt = timezone.now()
    anzahl = domain.ueberpruefungen_eskalieren(jetzt=jetzt)
    lauf.verarbeitet = anzahl
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if anzahl and domain.ueberpruefung_ueberfaellig(jetzt).exists():
        lauf.fortsetzen()
        ueberpruefungen_eskalieren.apply_async(countdown=5)
    return anzahl
