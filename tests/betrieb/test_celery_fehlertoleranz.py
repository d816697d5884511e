"""Issue 20 item 4: Celery that survives faults — acks_late with reject on worker loss, time limits, a
visibility timeout between the longest task and the longest schedule gap, and a real worker killed with
`kill -9` in the middle of the deletion sweep (§ 29 Abs. 2 JVG) that resumes at once, deletes nothing
twice and leaves no run record "läuft"."""

import os
import signal
import subprocess
import time
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from jvg_case.beat import BEAT_SCHEDULE
from jvg_case.celery import app
from kern.models import Benutzer, Joblauf
from kern.rollen import Rolle
from tests.conftest import umgebung_ohne_testeinstellungen
from ueberwachung.models import Telefonaufzeichnung, Vernichtungsprotokoll, speicher
from vollzug.models import Anstalt, Person
from vollzug.recht import Traegerschaft

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_zeitlimiten_und_sichtbarkeit_passen_zum_beat_plan():
    # acks_late + reject_on_worker_lost of every batch job: tests/kern/test_jobs.py.
    app.loader.import_default_modules()
    weich, hart = settings.CELERY_TASK_SOFT_TIME_LIMIT, settings.CELERY_TASK_TIME_LIMIT
    assert 0 < weich < hart
    # Every job's own budget (kern.jobs.Zeitbudget, 300 s) ends long before the soft limit.
    assert weich >= 600
    for eintrag in BEAT_SCHEDULE.values():
        task = app.tasks[eintrag["task"]]
        assert (task.soft_time_limit or weich, task.time_limit or hart) == (weich, hart)
    if settings.CELERY_BROKER_URL.startswith("redis"):
        sichtbarkeit = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
        # Longer than any task may run (no second delivery of a running task), shorter than the longest gap
        # between two runs of a job (daily: ED destruction, retention), so a lost run comes back before it.
        assert hart < sichtbarkeit < timedelta(days=1).total_seconds()


ANZAHL = 4000  # enough pages of 500 (JVG_LOESCHUNG_BATCH below) that the sweep is still running when killed


def _faellige_aufzeichnungen(anzahl: int) -> tuple[Person, list[str]]:
    """N phone recordings 150 days old (due, § 29 Abs. 2) with real files, as bench_loeschung sets up."""
    anstalt = Anstalt.objects.create(
        name="JVA Grosshof", kurzname="Grosshof", ort="Kriens", traegerschaft=Traegerschaft.KANTONAL
    )
    anlage = Benutzer.objects.create(username="telefonanlage", rolle=Rolle.SYSTEM)
    person = Person.objects.create(
        personennummer="P-KILL-1",
        amtlicher_name="Test",
        vorname="Kill",
        geschlecht="1",
        geburtsdatum="1980-01-01",
    )
    ablage, basis, namen = speicher(), timezone.now() - timedelta(days=150), []
    for start in range(0, anzahl, 1000):
        zeilen = []
        for i in range(start, min(start + 1000, anzahl)):
            name = ablage.save(f"ueberwachung/kill/{uuid.uuid4().hex}.ogg", ContentFile(b"audio-%d" % i))
            namen.append(name)
            beginn = basis + timedelta(seconds=i)
            zeilen.append(
                Telefonaufzeichnung(
                    person=person, anstalt=anstalt, nummer="079 000 00 00", nummer_normalisiert="0041790000000",
                    beginn=beginn, ende=beginn + timedelta(minutes=5), datei=name, sha256="0" * 64, groesse=8,
                    eingegangen_durch=anlage, loeschung_faellig_am=beginn + timedelta(days=100),
                )
            )  # fmt: skip
        with transaction.atomic():
            erstellt = Telefonaufzeichnung.objects.bulk_create(zeilen)
            Telefonaufzeichnung.history.bulk_history_create(erstellt, default_user=anlage)
    return person, namen


def _warten(bedingung, sekunden: float, schritt: float = 0.05):
    frist = time.monotonic() + sekunden
    while time.monotonic() < frist:
        wert = bedingung()
        if wert:
            return wert
        time.sleep(schritt)
    return None


@pytest.mark.services
@pytest.mark.rule("R-29-2")
@pytest.mark.django_db(transaction=True)
def test_kill_9_mitten_im_loeschlauf_wird_sofort_fortgesetzt_ohne_doppelte_loeschung(
    tmp_path, settings, eigene_warteschlange
):
    assert connection.vendor == "postgresql", "Dieser Test braucht PostgreSQL (CI: .ci/run)."
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "Dieser Test braucht Redis (CI: .ci/run)."
    _person, namen = _faellige_aufzeichnungen(ANZAHL)
    db = connection.settings_dict
    env = umgebung_ohne_testeinstellungen(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        JVG_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        JVG_VAR_DIR=str(tmp_path / "var"),
        JVG_LOESCHUNG_BATCH="500",  # the production batch (5000) would take all 4000 in one transaction
    )
    env.pop("JVG_UEBERWACHUNG_MEDIA_ROOT", None)
    protokoll = open(tmp_path / "worker.log", "wb")  # noqa: SIM115  (closed in finally)
    worker = subprocess.Popen(
        [os.path.join(ROOT, ".venv", "bin", "celery"), "-A", "jvg_case", "worker", "--pool=prefork",
         "--concurrency=1", "--loglevel=WARNING", f"--hostname=kill-{os.getpid()}@%h", "--without-mingle",
         "--without-gossip"],
        cwd=ROOT, env=env, stdout=protokoll, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        app.send_task("ueberwachung.aufzeichnungen_loeschen")
        # Mid-sweep: the run is recorded and some pages are committed, but not all.
        laufend = _warten(
            lambda: (
                0 < Vernichtungsprotokoll.objects.count() < ANZAHL
                and Joblauf.objects.filter(status=Joblauf.Status.LAEUFT).first()
            ),
            sekunden=180,
        )
        assert laufend, (tmp_path / "worker.log").read_text()[-2000:]
        vorher = Vernichtungsprotokoll.objects.count()
        getoetet_um = time.monotonic()
        os.kill(laufend.pid, signal.SIGKILL)  # the pool process that runs the sweep

        # No beat runs: the message comes back at once (reject_on_worker_lost), not after the visibility
        # timeout (3600 s); a new pool process finishes the sweep.
        fertig = _warten(
            lambda: Joblauf.objects.filter(status=Joblauf.Status.ERFOLGREICH).first(),
            sekunden=240,
            schritt=0.5,
        )
        assert fertig, (tmp_path / "worker.log").read_text()[-2000:]
        assert time.monotonic() - getoetet_um < 240
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
        protokoll.close()

    assert vorher < ANZAHL
    assert Telefonaufzeichnung.objects.count() == 0
    # Nothing twice: exactly one destruction record per recording.
    assert Vernichtungsprotokoll.objects.count() == ANZAHL
    assert Vernichtungsprotokoll.objects.values("objekt_id").distinct().count() == ANZAHL
    assert not any(speicher().exists(n) for n in namen[:: max(1, ANZAHL // 200)])
    laeufe = Joblauf.objects.order_by("gestartet_am")
    assert [(lauf.status, lauf.pid) for lauf in laeufe][0] == (Joblauf.Status.FEHLGESCHLAGEN, laufend.pid)
    assert not laeufe.filter(status=Joblauf.Status.LAEUFT).exists()
    assert laeufe.filter(status=Joblauf.Status.ERFOLGREICH).exclude(pid=laufend.pid).exists()
