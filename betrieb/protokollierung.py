"""Structured logs: one JSON object per line in production, each with the request id of the request (or
of the request that queued the Celery task), so one search finds a request and the jobs it started.

The id comes from the proxy (`X-Request-ID`, nginx `$request_id`) or is made here; it travels into Celery
as a message header and is set again around the task (`celery_verbinden`).
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from datetime import UTC, datetime

ANFRAGE_ID: contextvars.ContextVar[str] = contextvars.ContextVar("anfrage_id", default="-")
HEADER = "jvg_anfrage_id"
_GUELTIG = re.compile(r"^[A-Za-z0-9._-]{1,64}$")  # bounded: a client cannot inject into the log


def anfrage_id_aus(wert: str | None) -> str:
    """The proxy's id when it is a sane token, else a new one."""
    if wert and _GUELTIG.match(wert):
        return wert
    return uuid.uuid4().hex


class AnfrageIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.anfrage_id = ANFRAGE_ID.get()
        return True


# Attributes every LogRecord has; anything else passed with `extra=` goes into the JSON object.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "anfrage_id"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        eintrag = {
            "zeit": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "stufe": record.levelname,
            "logger": record.name,
            "meldung": record.getMessage(),
            "anfrage_id": getattr(record, "anfrage_id", ANFRAGE_ID.get()),
            "prozess": record.process,
        }
        for schluessel, wert in vars(record).items():
            if schluessel not in _STANDARD and not schluessel.startswith("_"):
                eintrag[schluessel] = wert if isinstance(wert, str | int | float | bool | None) else str(wert)
        if record.exc_info:
            eintrag["ausnahme"] = self.formatException(record.exc_info)
        return json.dumps(eintrag, ensure_ascii=False)


def logging_konfiguration(*, format_: str, stufe: str) -> dict:
    """The LOGGING setting: `json` (production) or `text` (development)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"anfrage_id": {"()": "betrieb.protokollierung.AnfrageIdFilter"}},
        "formatters": {
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(anfrage_id)s]: %(message)s"},
            "json": {"()": "betrieb.protokollierung.JsonFormatter"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": format_, "filters": ["anfrage_id"]}
        },
        "root": {"handlers": ["console"], "level": stufe},
        # WeasyPrint reports every layout step at INFO; only its warnings (e.g. a refused fetch) matter.
        "loggers": {"django.db.backends": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
    }


# --- Celery: the id travels with the message ------------------------------------------------------


def _beim_senden(headers=None, **kwargs):
    if headers is not None and ANFRAGE_ID.get() != "-":
        headers.setdefault(HEADER, ANFRAGE_ID.get())


def _vor_task(task=None, **kwargs):
    wert = getattr(task.request, HEADER, None) if task is not None else None
    # A task queued by beat has no request: it gets an id of its own, so its lines still group.
    task.request._jvg_token = ANFRAGE_ID.set(anfrage_id_aus(wert))


def _nach_task(task=None, **kwargs):
    token = getattr(task.request, "_jvg_token", None) if task is not None else None
    if token is not None:
        ANFRAGE_ID.reset(token)


def celery_verbinden() -> None:
    from celery import signals

    signals.before_task_publish.connect(_beim_senden, weak=False, dispatch_uid="betrieb.anfrage_id.senden")
    signals.task_prerun.connect(_vor_task, weak=False, dispatch_uid="betrieb.anfrage_id.vor")
    signals.task_postrun.connect(_nach_task, weak=False, dispatch_uid="betrieb.anfrage_id.nach")
