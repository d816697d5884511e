"""Celery entry points of the cost module (thin: ids in, one domain call, log)."""

import logging

from celery import shared_task

from kern.audit import system_benutzer
from kosten import domain
from kosten.models import Abrechnung

log = logging.getLogger(__name__)


# PITFALLS (WeasyPrint): a statement over many cases is long; it is rendered here with a time limit,
# never in a request. Idempotent: a stored PDF is kept, so a redelivered task does nothing.
@shared_task(name="kosten.abrechnung_pdf_erzeugen", soft_time_limit=600, time_limit=660)
def abrechnung_pdf_erzeugen(abrechnung_id: int) -> bool:
    a = Abrechnung.objects.filter(pk=abrechnung_id).first()
    if a is None:
        log.warning("Abrechnung %s nicht gefunden", abrechnung_id)
        return False
    domain.pdf_speichern(abrechnung=a, durch=system_benutzer("kosten-abrechnung-pdf"))
    log.info("PDF der Abrechnung %s erzeugt", a.nummer)
    return True
