"""Celery entry points of the kernel (thin: delegate, log)."""

import logging

from kern import audit_kette
from kern.jobs import Lauf, job_task

log = logging.getLogger(__name__)


@job_task("kern.audit_versiegeln")
def audit_versiegeln(lauf: Lauf) -> int:
    # Issue 18: new rows of every protected table get their chain link.
    lauf.verarbeitet = audit_kette.versiegeln()
    return lauf.verarbeitet


@job_task("kern.audit_pruefen")
def audit_pruefen(lauf: Lauf) -> int:
    # Issue 18: walk every chain; a broken one is an error in the log (and a failed run).
    ergebnis = audit_kette.pruefen_und_festhalten()  # kept for the revision pages
    lauf.verarbeitet = ergebnis.geprueft
    if not ergebnis.intakt:
        raise RuntimeError("Audit-Kette gebrochen: " + "; ".join(str(b) for b in ergebnis.brueche))
    log.info("Audit-Kette intakt: %d Zeilen", ergebnis.geprueft)
    return ergebnis.geprueft
