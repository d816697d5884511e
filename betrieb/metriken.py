"""Prometheus metrics (prometheus-client): request latency (middleware), job durations and rows (from the
run records), queue length, overdue tasks and overdue legal jobs.

Under gunicorn several processes serve requests: with PROMETHEUS_MULTIPROC_DIR set (make prod-run, the
image) every process writes its samples there and the endpoint adds them up (prometheus-client's
multiprocess mode; gunicorn's `child_exit` marks dead workers, deploy/gunicorn.conf.py). Everything read
from the database or the broker is collected at scrape time, so it is the same whichever process answers.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone
from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from betrieb import herzschlag
from kern.models import Aufgabe, Joblauf

log = logging.getLogger(__name__)

ANFRAGEDAUER = Histogram(
    "jvg_http_anfrage_sekunden",
    "Dauer einer HTTP-Anfrage (Django, ohne Proxy)",
    ["methode", "status"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 2, 5, 10),
)


class BetriebCollector:
    """Collected at scrape time from the run records, the tasks and the broker."""

    def collect(self):
        dauer = GaugeMetricFamily(
            "jvg_job_letzte_dauer_sekunden", "Dauer des letzten beendeten Laufs je Job", labels=["job"]
        )
        zeilen = GaugeMetricFamily(
            "jvg_job_letzte_zeilen", "Verarbeitete Zeilen des letzten beendeten Laufs je Job", labels=["job"]
        )
        laeufe = GaugeMetricFamily(
            "jvg_job_laeufe_24h", "Läufe der letzten 24 Stunden je Job und Status", labels=["job", "status"]
        )
        letzte_ids = (
            Joblauf.objects.exclude(status=Joblauf.Status.LAEUFT).values("job").annotate(letzte=Max("pk"))
        )
        for lauf in Joblauf.objects.filter(pk__in=[z["letzte"] for z in letzte_ids]):
            dauer.add_metric([lauf.job], (lauf.beendet_am - lauf.gestartet_am).total_seconds())
            zeilen.add_metric([lauf.job], lauf.verarbeitet)
        seit = timezone.now() - timedelta(hours=24)
        for z in (
            Joblauf.objects.filter(gestartet_am__gte=seit).values("job", "status").annotate(n=Count("pk"))
        ):
            laeufe.add_metric([z["job"], z["status"]], z["n"])
        yield dauer
        yield zeilen
        yield laeufe

        ueberfaellig = GaugeMetricFamily(
            "jvg_rechtlicher_job_ueberfaellig", "1 = rechtlicher Job überfällig (Herzschlag)", labels=["job"]
        )
        alter = GaugeMetricFamily(
            "jvg_rechtlicher_job_letzter_erfolg_alter_sekunden",
            "Sekunden seit dem letzten erfolgreichen Lauf",
            labels=["job"],
        )
        jetzt = timezone.now()
        for h in herzschlag.herzschlaege(jetzt=jetzt):
            ueberfaellig.add_metric([h.job.name], int(h.ueberfaellig))
            if h.letzter_erfolg:
                alter.add_metric([h.job.name], (jetzt - h.letzter_erfolg).total_seconds())
        yield ueberfaellig
        yield alter

        fristen = GaugeMetricFamily(
            "jvg_aufgaben_ueberfaellig", "Offene Aufgaben mit abgelaufener Frist je Art", labels=["art"]
        )
        for z in (
            Aufgabe.objects.filter(erledigt_am__isnull=True, faellig_am__lt=jetzt)
            .values("art")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            fristen.add_metric([z["art"]], z["n"])
        yield fristen

        laenge = warteschlangenlaenge()
        if laenge is not None:
            yield GaugeMetricFamily(
                "jvg_celery_warteschlange", "Nachrichten in der Celery-Warteschlange", laenge
            )


def warteschlangenlaenge() -> int | None:
    """Messages waiting in the default queue (Redis list `celery`); None without Redis or when down."""
    if not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        return None
    from celery import current_app

    try:
        with current_app.connection_for_read() as verbindung:
            return int(verbindung.default_channel.client.llen("celery"))
    except Exception:  # the metric is missing then; readiness reports the broker
        log.warning("Warteschlangenlänge nicht lesbar", exc_info=True)
        return None


def ausgabe() -> bytes:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(ANFRAGEDAUER)
    registry.register(BetriebCollector())
    return generate_latest(registry)
