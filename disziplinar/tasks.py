"""Celery entry points of the disciplinary law (thin: delegate, log, re-queue)."""

import logging

from celery import shared_task
from django.utils import timezone

from disziplinar import services

log = logging.getLogger(__name__)


@shared_task(name="disziplinar.verjaehrung_eintragen")
def verjaehrung_eintragen() -> dict:
    # R-41-5a / R-41-5b (§ 41 Abs. 5 JVG): prosecution and execution become time-barred after six months.
    heute = timezone.localdate()
    lauf = services.verjaehrung_eintragen(heute=heute)
    log.info(
        "R-41-5: %d Verfahren und %d Sanktionen verjährt, %d Fristen nachgeführt",
        lauf.verfahren,
        lauf.sanktionen,
        lauf.nachgefuehrt,
    )
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if lauf.gesamt and (
        services.verfahren_verjaehrt_faellig(heute).exists()
        or services.sanktionen_nachzufuehren(heute).exists()
    ):
        verjaehrung_eintragen.apply_async(countdown=5)
    return {"verfahren": lauf.verfahren, "sanktionen": lauf.sanktionen, "nachgefuehrt": lauf.nachgefuehrt}
