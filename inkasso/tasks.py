"""Celery entry points of Inkasso (thin: one domain call, a run record; schedule in jvg_case/beat.py)."""

from inkasso.domain import mahnwesen, umwandlung
from kern.jobs import Lauf, job_task


# R-2D-MAHN-1: the reminder sequence, batched and idempotent on the one job runner (kern.jobs).
@job_task("inkasso.mahnlauf")
def mahnlauf(lauf: Lauf) -> int:
    lauf.verarbeitet = mahnwesen.mahnlauf()
    return lauf.verarbeitet


# R-STGB-36-1: an enforceable conversion whose case is not open yet gets the task "Vollzugsfall
# eröffnen" (the job account may not open cases, § 12 JVG; see inkasso.domain.umwandlung).
@job_task("inkasso.vollzugsfaelle_melden")
def vollzugsfaelle_melden(lauf: Lauf) -> int:
    lauf.verarbeitet = umwandlung.vollzugsfaelle_melden()
    return lauf.verarbeitet
