"""Celery entry points of the threat management (thin: delegate, log, re-queue)."""

import logging

from celery import shared_task
from django.utils import timezone

from bedrohung import services
from bedrohung.queries import loeschung_faellig

log = logging.getLogger(__name__)


@shared_task(name="bedrohung.aufbewahrung_durchsetzen")
def aufbewahrung_durchsetzen() -> int:
    # R-BM-3: closed threat-management cases are deleted after JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE years,
    # each with a content-free Loeschprotokoll (idempotent; selects everything due, so a missed run catches up).
    heute = timezone.localdate()
    anzahl = services.aufbewahrung_durchsetzen(heute=heute)
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if anzahl and loeschung_faellig(heute).exists():
        aufbewahrung_durchsetzen.apply_async(countdown=5)
    return anzahl
