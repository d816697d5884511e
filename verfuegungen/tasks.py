"""Celery entry points of the Verfügungen (thin: delegate, log, re-queue)."""

import logging

from django.utils import timezone

from kern.jobs import Lauf, job_task
from verfuegungen import domain

log = logging.getLogger(__name__)


@job_task("verfuegungen.rechtskraft_eintragen")
def rechtskraft_eintragen(lauf: Lauf) -> int:
    # R-0-VFG-3 (§§ 42, 43): Rechtskraft after an unused appeal deadline.
    heute = timezone.localdate()
    anzahl = domain.rechtskraft_eintragen(heute=heute)
    log.info("R-0-VFG-3: %d Verfügungen rechtskräftig", anzahl)
    lauf.verarbeitet = anzahl
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    # (anzahl == 0 means another sweep holds the lock or nothing was due: no re-queue.)
    if anzahl and domain.rechtskraft_faellige(heute).exists():
        lauf.fortsetzen()
        rechtskraft_eintragen.apply_async(countdown=5)
    return anzahl
