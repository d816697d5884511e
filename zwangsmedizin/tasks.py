"""Celery entry points of §§ 34–39 (thin: delegate, log, re-queue)."""

from celery import shared_task
from django.utils import timezone

from zwangsmedizin import jobs


@shared_task(name="zwangsmedizin.neuanordnung_erinnern")
def neuanordnung_erinnern() -> int:
    # R-38-1 (§ 38 Abs. 4 JVG): long-term measure-indicated forced medication is reviewed and re-ordered
    # every JVG_ZWANGSMEDIKATION_38_UEBERPRUEFUNG_MONATE months (idempotent; catches up missed runs).
    heute = timezone.localdate()
    anzahl = jobs.neuanordnung_erinnern(heute=heute)
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if anzahl and jobs.neuanordnung_faellig(heute).exists():
        neuanordnung_erinnern.apply_async(countdown=5)
    return anzahl
