"""Celery entry points of § 33 JVG (thin: delegate, log, re-queue)."""

import logging

from celery import shared_task
from django.utils import timezone

from zwang import services
from zwang.queries import stellungnahmen_erinnerung_faellig

log = logging.getLogger(__name__)


@shared_task(name="zwang.stellungnahmen_erinnern")
def stellungnahmen_erinnern() -> int:
    # R-33-1 (§ 33 Abs. 4 JVG): overdue statements of involved staff get one reminder task each
    # (idempotent; selects everything overdue, so a missed run catches up).
    jetzt = timezone.now()
    anzahl = services.stellungnahmen_erinnern(jetzt=jetzt)
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if anzahl and stellungnahmen_erinnerung_faellig(jetzt).exists():
        stellungnahmen_erinnern.apply_async(countdown=5)
    return anzahl
