"""Celery entry points of the Vollzug (thin: fetch, delegate, log)."""

import logging

from celery import shared_task

from vollzug import domain

log = logging.getLogger(__name__)


@shared_task(name="vollzug.vollzugsbeginn_ueberfaellig_melden")
def vollzugsbeginn_ueberfaellig_melden() -> int:
    # R-13-1 (§13)
    neu = domain.vollzugsbeginn_ueberfaellig_melden()
    log.info("R-13-1: %d neue Aufgaben 'Vollzugsbeginn überfällig'", neu)
    return neu
