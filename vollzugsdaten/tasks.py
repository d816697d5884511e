"""Celery entry points of the Vollzugsdaten (thin: delegate to the domain, log, re-queue)."""

from kern.jobs import Lauf, job_task
from vollzugsdaten import domain


@job_task("vollzugsdaten.nachrechnen")
def nachrechnen(lauf: Lauf) -> int:
    # R-VD-1: every case in execution recalculated when an input changed (new version with what changed);
    # the examination of conditional release follows (R-STGB-86-2). Batched, locked pages, time budget.
    neu = domain.alle_nachrechnen()
    lauf.verarbeitet = neu
    return neu
