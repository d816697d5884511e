"""The one batch-job runner (kern.jobs, issue 16): lock, keyset pages, time budget, run records,
redelivery settings of every job task."""

import os
import socket
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from celery.signals import worker_ready
from django.db import connection
from django.utils import timezone

from jvg_case.beat import BEAT_SCHEDULE
from jvg_case.celery import app
from kern import jobs
from kern.models import Joblauf, Nummernkreis
from verfuegungen import tasks as verfuegungen_tasks

# The nine sweeps that page through due rows (the hourly R-13-1 task raises at most one task per case).
BATCH_JOBS = {
    "verfuegungen.rechtskraft_eintragen",
    "disziplinar.verjaehrung_eintragen",
    "bedrohung.aufbewahrung_durchsetzen",
    "zwangsmassnahmen.sicherheitshaft_erinnern",
    "sicherheitsmassnahmen.ueberpruefungen_eskalieren",
    "zwang.stellungnahmen_erinnern",
    "zwangsmedizin.neuanordnung_erinnern",
    "ueberwachung.aufzeichnungen_loeschen",
    "ueberwachung.ed_vernichten",
    "benachrichtigungen.ausstehende_nachholen",
}


def _toter_pid() -> int:
    """The pid of a process that has really ended (no pretend value)."""
    prozess = subprocess.Popen([sys.executable, "-c", "pass"])
    prozess.wait()
    return prozess.pid


def test_jeder_batch_job_wird_nach_workerverlust_erneut_zugestellt():
    app.loader.import_default_modules()  # every app's tasks.py, as a worker loads them
    geplant = {eintrag["task"] for eintrag in BEAT_SCHEDULE.values()}
    assert geplant >= BATCH_JOBS
    for name in BATCH_JOBS:
        task = app.tasks[name]
        assert (name, task.acks_late, task.reject_on_worker_lost) == (name, True, True)


@pytest.mark.django_db
def test_lauf_wird_erfolgreich_mit_worker_und_zeilen_geschlossen():
    assert verfuegungen_tasks.rechtskraft_eintragen() == 0
    lauf = Joblauf.objects.get()
    assert (lauf.job, lauf.status, lauf.verarbeitet, lauf.host, lauf.pid) == (
        "verfuegungen.rechtskraft_eintragen",
        Joblauf.Status.ERFOLGREICH,
        0,
        socket.gethostname(),
        os.getpid(),
    )
    assert lauf.beendet_am >= lauf.gestartet_am


@pytest.mark.django_db
def test_lauf_mit_ausnahme_wird_als_fehlgeschlagen_geschlossen():
    with pytest.raises(RuntimeError), jobs.lauf("test.job") as handle:
        handle.verarbeitet = 3
        raise RuntimeError("Broker weg")
    lauf = Joblauf.objects.get()
    assert (lauf.status, lauf.verarbeitet, lauf.meldung) == (
        Joblauf.Status.FEHLGESCHLAGEN,
        3,
        "RuntimeError: Broker weg",
    )


@pytest.mark.django_db
def test_lauf_mit_fortsetzung_ist_abgebrochen():
    with jobs.lauf("test.job") as handle:
        handle.verarbeitet = 500
        handle.fortsetzen()
    assert Joblauf.objects.get().status == Joblauf.Status.ABGEBROCHEN


@pytest.mark.django_db
def test_verwaister_lauf_eines_toten_workers_wird_beim_naechsten_start_geschlossen():
    """Issue 16: after `kill -9` mid-sweep the record stayed "läuft" forever. The next run closes it."""
    verwaist = Joblauf.objects.create(
        job="ueberwachung.aufzeichnungen_loeschen",
        host=socket.gethostname(),
        pid=_toter_pid(),
        gestartet_am=timezone.now() - timedelta(minutes=3),
    )
    lebend = Joblauf.objects.create(
        job="zwang.stellungnahmen_erinnern",
        host=socket.gethostname(),
        pid=os.getpid(),
        gestartet_am=timezone.now(),
    )
    with jobs.lauf("ueberwachung.aufzeichnungen_loeschen"):
        pass
    verwaist.refresh_from_db()
    lebend.refresh_from_db()
    assert (verwaist.status, verwaist.beendet_am is not None) == (Joblauf.Status.FEHLGESCHLAGEN, True)
    assert verwaist.meldung.startswith("Worker nicht mehr aktiv")
    assert (lebend.status, lebend.beendet_am) == (Joblauf.Status.LAEUFT, None)


@pytest.mark.django_db
def test_lauf_auf_anderem_host_gilt_erst_nach_der_sichtbarkeitsfrist_als_tot():
    jetzt = timezone.now()
    alt = Joblauf.objects.create(job="a", host="worker-2", pid=1, gestartet_am=jetzt - timedelta(hours=2))
    neu = Joblauf.objects.create(job="b", host="worker-2", pid=1, gestartet_am=jetzt - timedelta(minutes=10))
    assert jobs.verwaiste_laeufe_schliessen(jetzt=jetzt) == 1
    alt.refresh_from_db()
    neu.refresh_from_db()
    assert (alt.status, neu.status) == (Joblauf.Status.FEHLGESCHLAGEN, Joblauf.Status.LAEUFT)


@pytest.mark.django_db
def test_workerstart_schliesst_verwaiste_laeufe():
    verwaist = Joblauf.objects.create(
        job="bedrohung.aufbewahrung_durchsetzen",
        host=socket.gethostname(),
        pid=_toter_pid(),
        gestartet_am=timezone.now(),
    )
    worker_ready.send(sender=None)
    verwaist.refresh_from_db()
    assert verwaist.status == Joblauf.Status.FEHLGESCHLAGEN


@pytest.mark.django_db
def test_stapelweise_keyset_seiten_und_zeitbudget():
    for name in "abcde":
        Nummernkreis.objects.create(name=name)
    seiten = []
    anzahl = jobs.stapelweise(
        Nummernkreis.objects.all(),
        batch=2,
        budget=jobs.Zeitbudget(60),
        verarbeiten=lambda zeilen: seiten.append([z.name for z in zeilen]),
    )
    assert (anzahl, seiten) == (5, [["a", "b"], ["c", "d"], ["e"]])
    assert (
        jobs.stapelweise(Nummernkreis.objects.all(), batch=2, budget=jobs.Zeitbudget(0), verarbeiten=print)
        == 0
    )


@pytest.mark.django_db
def test_nach_commit_erhaelt_das_ergebnis_jeder_seite():
    for name in "abc":
        Nummernkreis.objects.create(name=name)
    nachher = []
    jobs.stapelweise(
        Nummernkreis.objects.values("pk", "name"),
        batch=2,
        budget=jobs.Zeitbudget(60),
        verarbeiten=lambda zeilen: [z["name"] for z in zeilen],
        nach_commit=nachher.append,
    )
    assert nachher == [["a", "b"], ["c"]]


@pytest.mark.django_db(transaction=True)
def test_sperre_haelt_einen_zweiten_lauf_desselben_jobs_fern():
    if connection.vendor != "postgresql":
        pytest.skip("Advisory Locks gibt es nur auf PostgreSQL; SQLite serialisiert Schreiber.")
    ergebnis = {}

    def zweiter_lauf():
        try:
            with jobs.sperre("test.job") as frei, jobs.sperre("anderer.job") as anderer:
                ergebnis["zweiter"], ergebnis["anderer"] = frei, anderer
        finally:
            connection.close()

    with jobs.sperre("test.job") as frei:
        thread = threading.Thread(target=zweiter_lauf)
        thread.start()
        thread.join(30)
    assert (frei, ergebnis) == (True, {"zweiter": False, "anderer": True})
    with jobs.sperre("test.job") as wieder:  # released at the end of the first run
        assert wieder is True
