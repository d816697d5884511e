"""Celery entry points of the webhooks (thin: fetch by id, delegate, retry)."""

from celery import shared_task

from benachrichtigungen import domain
from kern.jobs import Lauf, job_task


@shared_task(name="benachrichtigungen.zustellen", bind=True, acks_late=True, reject_on_worker_lost=True)
def zustellen(self, zustellung_id: int) -> bool:
    # acks_late: a worker dying mid-call redelivers the task; the delivery is idempotent (it knows when it
    # succeeded) and the attempt count comes from the logged attempts, so the bound holds across redeliveries.
    # The retry count is not bounded here (max_retries=None): the service stops after JVG_WEBHOOK_MAX_VERSUCHE
    # logged attempts, reading the setting at run time, and waits the exponential backoff it computes.
    try:
        return domain.zustellen(zustellung_id)
    except domain.Zustellfehler as exc:
        raise self.retry(countdown=exc.warte_s, exc=exc, max_retries=None) from None


@job_task("benachrichtigungen.ausstehende_nachholen")
def ausstehende_nachholen(lauf: Lauf) -> int:
    # Deliveries whose task was lost (broker down at queueing, worker killed) are queued again; idempotent.
    lauf.verarbeitet = domain.ausstehende_nachholen()
    return lauf.verarbeitet
