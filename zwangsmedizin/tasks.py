"""Celery entry points of §§ 34–39 (thin: delegate, log, re-queue)."""

from django.utils import timezone

from kern.jobs import Lauf, job_task
from zwangsmedizin.domain import neuanordnung


@job_task("zwangsmedizin.neuanordnung_erinnern")
def neuanordnung_erinnern(lauf: Lauf) -> int:
    # R-38-1 (§ 38 Abs. 4 JVG): long-term measure-indicated forced medication is reviewed and re-ordered
    # every JVG_ZWANGSMEDIKATION_38_UEBERPRUEFUNG_MONATE months (idempotent; catches up missed runs).
    heute = timezone.localdate()
    anzahl = neuanordnung.neuanordnung_erinnern(heute=heute)
    lauf.verarbeitet = anzahl
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if anzahl and neuanordnung.neuanordnung_faellig(heute).exists():
        lauf.fortsetzen()
        neuanordnung_erinnern.apply_async(countdown=5)
    return anzahl
