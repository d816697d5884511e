"""Celery entry points of § 33 JVG (thin: delegate, log, re-queue)."""

import logging

from django.utils import timezone

from kern.jobs import Lauf, job_task
from zwang import domain
from zwang.queries import stellungnahmen_erinnerung_faellig

log = logging.getLogger(__name__)


@job_task("zwang.stellungnahmen_erinnern")
def stellungnahmen_erinnern(lauf: Lauf) -> int:
    # R-33-1 (§ 33 Abs. 4 JVG): overdue statements of involved staff get one reminder task each
    # (idempotent; selects everything overdue, so a missed run catches up).
    jetzt = timezone.now()
    anzahl = domain.stellungnahmen_erinnern(jetzt=jetzt)
    lauf.verarbeitet = anzahl
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if anzahl and stellungnahmen_erinnerung_faellig(jetzt).exists():
        lauf.fortsetzen()
        stellungnahmen_erinnern.apply_async(countdown=5)
    return anzahl
