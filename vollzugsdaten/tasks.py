"""Celery entry points of the Vollzugsdaten (thin: delegate to the domain, log, re-queue)."""

from kern.jobs import Lauf, job_task
from vollzugsdaten.domain.berechnung import nachrechnen_lauf


@job_task("vollzugsdaten.nachrechnen")
def nachrechnen(lauf: Lauf) -> int:
    # R-VD-1: every case in execution recalculated when an input changed (new version with what changed);
    # the examination of conditional release follows (R-STGB-86-2). Batched, locked pages, time budget.
    neu, fertig = nachrechnen_lauf()
    lauf.verarbeitet = neu
    if not fertig:
        # Stopped at the time budget with cases left: continue soon instead of waiting for the next beat.
        lauf.fortsetzen()
        nachrechnen.apply_async(countdown=5)
    return neu
