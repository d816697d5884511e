"""Celery entry points of § 31 JVG (thin: delegate, log, re-queue)."""

import logging

from celery import shared_task
from django.utils import timezone

from sicherheitsmassnahmen import services

log = logging.getLogger(__name__)


@shared_task(name="sicherheitsmassnahmen.ueberpruefungen_eskalieren")
def ueberpruefungen_eskalieren() -> int:
    # R-31-5 (§ 31 Abs. 5 JVG): one task for the facility management per overdue review (idempotent).
    jetzt = timezone.now()
    anzahl = services.ueberpruefungen_eskalieren(jetzt=jetzt)
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if anzahl and services.ueberpruefung_ueberfaellig(jetzt).exists():
        ueberpruefungen_eskalieren.apply_async(countdown=5)
    return anzahl
