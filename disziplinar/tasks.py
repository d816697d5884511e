"""Celery entry points of the disciplinary law (thin: delegate, log, re-queue)."""

import logging

from django.utils import timezone

from disziplinar import domain
from kern.jobs import Lauf, job_task

log = logging.getLogger(__name__)


@job_task("disziplinar.verjaehrung_eintragen")
def verjaehrung_eintragen(lauf: Lauf) -> dict:
    # R-41-5a / R-41-5b (§ 41 Abs. 5 JVG): prosecution and execution become time-barred after six months.
    heute = timezone.localdate()
    ergebnis = domain.verjaehrung_eintragen(heute=heute)
    log.info(
        "R-41-5: %d Verfahren und %d Sanktionen verjährt, %d Fristen nachgeführt",
        ergebnis.verfahren,
        ergebnis.sanktionen,
        ergebnis.nachgefuehrt,
    )
    lauf.verarbeitet = ergebnis.gesamt
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if ergebnis.gesamt and (
        domain.verfahren_verjaehrt_faellig(heute).exists() or domain.sanktionen_nachzufuehren(heute).exists()
    ):
        lauf.fortsetzen()
        verjaehrung_eintragen.apply_async(countdown=5)
    return {
        "verfahren": ergebnis.verfahren,
        "sanktionen": ergebnis.sanktionen,
        "nachgefuehrt": ergebnis.nachgefuehrt,
    }
