"""Readiness checks (`/gesundheit/bereit/`): database, broker, writable storage, migrations, legal jobs.

Each check returns None when fine, else a plain German message for the operator (no stack trace, no
secret: the page is read by load balancers and monitoring). Our own few lines instead of
django-health-check: the checks we need are five, one of them (the legal jobs) is ours anyway, and the
package would add a dependency and its own URL tree (docs/betrieb.md).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from betrieb import herzschlag

log = logging.getLogger(__name__)

BROKER_TIMEOUT_S = 2


def datenbank() -> str | None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return None


def broker() -> str | None:
    from celery import current_app as app  # the project's app (jvg_case/__init__.py), not imported upward

    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        return None  # the embedded demo: a folder, checked with the storage
    with app.connection_for_write() as verbindung:
        verbindung.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_S)
        verbindung.default_channel.client.ping()
    return None


def speicher() -> str | None:
    """Every configured file storage accepts a write (uploads, recordings, ED material)."""
    for alias in sorted({"default", *settings.STORAGES} - {"staticfiles"}):
        ablage = storages[alias]
        name = ablage.save(f"betrieb-bereit/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        ablage.delete(name)
    return None


def migrationen() -> str | None:
    verbindung = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(verbindung)
    offen = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if offen:
        return f"{len(offen)} Migrationen nicht angewendet: `manage.py migrate` ausführen."
    return None


def rechtliche_jobs() -> str | None:
    ueberfaellig = herzschlag.ueberfaellige()
    if not ueberfaellig:
        return None
    herzschlag.admin_aufgaben_anlegen(ueberfaellig)
    return "Überfällig: " + "; ".join(h.job.bezeichnung for h in ueberfaellig)


PRUEFUNGEN: dict[str, Callable[[], str | None]] = {
    "datenbank": datenbank,
    "broker": broker,
    "speicher": speicher,
    "migrationen": migrationen,
    "rechtliche_jobs": rechtliche_jobs,
}

FEHLER_TEXT = {
    "datenbank": "Datenbank nicht erreichbar.",
    "broker": "Broker (Redis) nicht erreichbar.",
    "speicher": "Dateiablage nicht beschreibbar.",
    "migrationen": "Migrationsstand nicht lesbar.",
    "rechtliche_jobs": "Herzschlag der rechtlichen Jobs nicht lesbar.",
}


def alle() -> dict[str, str]:
    """Name → "ok" or the message. A check that raises is failed with its fixed text (the exception goes
    to the log, never to the page); the database check failing makes the checks that need it fail too."""
    ergebnis = {}
    for name, pruefung in PRUEFUNGEN.items():
        try:
            meldung = pruefung()
        except Exception:
            log.exception("Bereitschaftsprüfung %s fehlgeschlagen", name)
            meldung = FEHLER_TEXT[name]
        ergebnis[name] = meldung or "ok"
    return ergebnis
