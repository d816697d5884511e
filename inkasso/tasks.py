"""Celery entry points of Inkasso (thin: one domain call, a run record; schedule in jvg_case/beat.py)."""

from inkasso.domain import mahnwesen
from kern.jobs import Lauf, job_task


# R-2D-MAHN-1: the reminder sequence, batched and idempotent on the one job runner (kern.jobs).
@job_task("inkasso.mahnlauf")
def mahnlauf(lauf: Lauf) -> int:
    lauf.verarbeitet = mahnwesen.mahnlauf()
    return lauf.verarbeitet
