"""The Celery application. Periodic schedules live in one place: `jvg_case/beat.py`."""

import os

from celery import Celery
from celery.signals import worker_ready

from jvg_case.dateibroker import atomar_schreiben

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jvg_case.settings")

app = Celery("jvg_case")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The embedded broker (`filesystem://`, make run / make test): a worker never reads a half-written message.
# Only kombu's filesystem channel changes; Redis (CI, production) is untouched.
atomar_schreiben()
app.autodiscover_tasks()


def _beat_schedule() -> dict:
    from jvg_case.beat import BEAT_SCHEDULE

    return BEAT_SCHEDULE


app.conf.beat_schedule = _beat_schedule()


@worker_ready.connect
def _verwaiste_joblaeufe_schliessen(**kwargs):
    # A worker killed with -9 leaves its run record "läuft": close it as failed when a worker starts
    # (the killed run's message is redelivered: acks_late + reject_on_worker_lost, kern.jobs).
    from kern.jobs import verwaiste_laeufe_schliessen

    verwaiste_laeufe_schliessen()
