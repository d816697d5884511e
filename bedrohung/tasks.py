"""Celery entry points of the threat management (thin: delegate, log, re-queue)."""

import logging

from django.utils import timezone

from bedrohung import domain
from bedrohung.queries import loeschung_faellig
from kern.jobs import Lauf, job_task

log = logging.getLogger(__name__)


@job_task("bedrohung.aufbewahrung_durchsetzen")
def aufbewahrung_durchsetzen(lauf: Lauf) -> int:
    # R-BM-3: closed threat-management cases are deleted after JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE years,
    # each with a content-free Loeschprotokoll (idempotent; selects everything due, so a missed run catches up).
    heute = timezone.localdate()
    anzahl = domain.aufbewahrung_durchsetzen(heute=heute)
    lauf.verarbeitet = anzahl
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if anzahl and loeschung_faellig(heute).exists():
        lauf.fortsetzen()
        aufbewahrung_durchsetzen.apply_async(countdown=5)
    return anzahl
