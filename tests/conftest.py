"""Shared fixtures: facilities of the canton and one persona per role of the rulebook's roles table."""

import functools
import os
import shutil
import threading
import time
from contextlib import contextmanager
from uuid import uuid4

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import OperationalError, connection

from kern.models import Benutzer
from kern.rollen import Rolle
from vollzug.models import Anstalt
from vollzug.recht import Traegerschaft

PASSWORT = "Test-Passwort-2026!"


@functools.cache
def _passwort_hash(hasher: str) -> str:
    # One hash per session and hasher: personas are created per test (tests write to them, and
    # transactional tests empty the database), but hashing is the only costly part of a persona.
    return make_password(PASSWORT)


@pytest.fixture
def produktions_hasher(settings):
    """For tests that check what production stores (PBKDF2), not the fast test hasher."""
    settings.PASSWORD_HASHERS = settings.PRODUKTIONS_PASSWORD_HASHERS


def umgebung_ohne_testeinstellungen(**zusaetzlich) -> dict:
    """Environment for a subprocess that runs the project as deployed: the real settings module, and
    neither the browser tests' async switch nor pytest-xdist's worker variables."""
    weg = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_XDIST_WORKER"}
    env = {k: v for k, v in os.environ.items() if k not in weg and not k.startswith("PYTEST_")}
    return {**env, **zusaetzlich}


@pytest.fixture(autouse=True)
def _medien_in_tmp(settings, tmp_path):
    # Uploads of tests go to a temporary folder, never into var/media of the demo system.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def anstalt_a(db):
    return Anstalt.objects.create(
        name="JVA Grosshof", kurzname="Grosshof", ort="Kriens", traegerschaft=Traegerschaft.KANTONAL
    )


@pytest.fixture
def anstalt_b(db):
    return Anstalt.objects.create(
        name="JVA Wauwilermoos", kurzname="Wauwilermoos", ort="Egolzwil", traegerschaft=Traegerschaft.KANTONAL
    )


@pytest.fixture
def klinik(db):
    return Anstalt.objects.create(
        name="Luzerner Psychiatrie, Forensik",
        kurzname="LUPS",
        ort="St. Urban",
        traegerschaft=Traegerschaft.KANTONAL,
        ist_klinik=True,
    )


@pytest.fixture
def privatanstalt(db):
    return Anstalt.objects.create(
        name="Massnahmenzentrum Privat",
        kurzname="MZP",
        ort="Luzern",
        traegerschaft=Traegerschaft.PRIVAT,
        disziplinarbefugnis_delegiert=True,
    )


def _benutzer(username, rolle, anstalt=None, **kw):
    user = Benutzer(
        username=username,
        rolle=rolle,
        anstalt=anstalt,
        first_name=kw.get("vorname", username),
        last_name=kw.get("name", "Test"),
    )
    user.password = _passwort_hash(settings.PASSWORD_HASHERS[0])
    user.save()
    return user


@pytest.fixture
def sachbearbeitung(db):
    return _benutzer("sb", Rolle.SACHBEARBEITUNG)


@pytest.fixture
def sachbearbeitung2(db):
    return _benutzer("sb2", Rolle.SACHBEARBEITUNG)


@pytest.fixture
def leitung_a(anstalt_a):
    return _benutzer("leitung_a", Rolle.ANSTALTSLEITUNG, anstalt_a)


@pytest.fixture
def personal_a(anstalt_a):
    return _benutzer("personal_a", Rolle.ANSTALTSPERSONAL, anstalt_a)


@pytest.fixture
def personal_b(anstalt_b):
    return _benutzer("personal_b", Rolle.ANSTALTSPERSONAL, anstalt_b)


@pytest.fixture
def medizin(db):
    return _benutzer("aerztin", Rolle.MEDIZIN)


@pytest.fixture
def revision(db):
    return _benutzer("revision", Rolle.REVISION)


@pytest.fixture
def admin_user(db):
    return _benutzer("admin", Rolle.ADMIN)


@pytest.fixture
def bedrohung(db):
    return _benutzer("btm", Rolle.BEDROHUNGSMANAGEMENT)


@pytest.fixture
def partner(db):
    return _benutzer("partner", Rolle.PARTNERBEHOERDE)


@pytest.fixture
def client_als(client):
    """Log the test client in as the given user: `client_als(sachbearbeitung)`."""

    def _als(user):
        client.force_login(user)
        return client

    return _als


@pytest.fixture
def eigene_warteschlange(tmp_path):
    """A queue of this test's own for a real worker. With Redis (CI) every pytest-xdist worker has its own
    Redis database (jvg_case.settings_test); tasks left there by earlier tests of the same process (queued
    after a commit, never consumed) are purged first, so that the worker handles only this test's task.
    Outside CI (file-system broker) a private queue folder, so that a running `make run` worker cannot take
    this test's task either."""
    from jvg_case.celery import app

    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        app.control.purge()
        yield
        return
    alt = app.conf.broker_transport_options
    ordner = {name: tmp_path / name for name in ("queue", "processed", "control")}
    for pfad in ordner.values():
        pfad.mkdir()
    app.conf.broker_transport_options = {
        **alt,
        "data_folder_in": str(ordner["queue"]),
        "data_folder_out": str(ordner["queue"]),
        "processed_folder": str(ordner["processed"]),
        "control_folder": str(ordner["control"]),
    }
    _verbindungen_neu(app)
    yield
    app.conf.broker_transport_options = alt
    _verbindungen_neu(app)


def _verbindungen_neu(celery_app):
    # Drop cached connection and producer pools so the next use connects with the current options.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


# --- Browser tests (Debian's Chromium driven by Playwright; no browser download) ---------------
# Each e2e module sets DJANGO_ALLOW_ASYNC_UNSAFE itself (PITFALLS: Playwright), so other tests keep
# Django's async-safety check.

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    pfad = shutil.which("chromium") or "/usr/bin/chromium"
    # Not a skip: without Chromium this test fails and says how to install it (`make browser`).
    assert os.path.exists(pfad), "Chromium fehlt: `make browser` oder `apt-get install chromium`."
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=pfad, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def seite(browser):
    kontext = browser.new_context(locale="de-CH", timezone_id="Europe/Zurich")
    page = kontext.new_page()
    fehler = []
    page.on("pageerror", lambda exc: fehler.append(str(exc)))
    yield page
    kontext.close()
    assert fehler == [], f"JavaScript-Fehler: {fehler}"


# --- Real Celery workers (PITFALLS: one test per job through a real worker and broker) ------------------
# Under load (2 cores, several suites at once) a worker thread may need far longer than on an idle machine:
# every wait is bounded generously (120 s) and ends as soon as the work is done, so it costs nothing when fast.
FRIST_UNTER_LAST_S = 120


@contextmanager
def echter_worker(app, *, loglevel: str = "WARNING"):
    """A real Celery worker as a thread of this process, on the test's broker: pool `solo` (no child
    processes); Celery's test worker always runs without mingle, gossip and heartbeat, and without the ping
    task. Stopping waits up to FRIST_UNTER_LAST_S for a task still running."""
    from celery.contrib.testing.worker import start_worker

    with start_worker(
        app, perform_ping_check=False, pool="solo", loglevel=loglevel, shutdown_timeout=FRIST_UNTER_LAST_S
    ) as worker:
        yield worker


def task_abwarten(app, name: str, *, sekunden: float = FRIST_UNTER_LAST_S) -> str | None:
    """Send the task `name` to the running real worker and wait until the worker has finished it; returns
    Celery's final state ("SUCCESS", "FAILURE", …) or None when the deadline passed.

    The wait listens for Celery's `task_postrun` signal (sent by the worker thread after the task returned
    and its transaction committed) and reads no database meanwhile: on SQLite a read of this thread while
    the worker writes makes the worker's write fail ("database table is locked")."""
    from celery.signals import task_postrun

    kennung = uuid4().hex
    fertig = threading.Event()
    zustand: list[str] = []

    def _nach_dem_lauf(task_id=None, state=None, **_kwargs):
        if task_id == kennung:
            zustand.append(state)
            fertig.set()

    task_postrun.connect(_nach_dem_lauf, weak=False)
    try:
        app.send_task(name, task_id=kennung)
        if not fertig.wait(sekunden):
            return None
    finally:
        task_postrun.disconnect(_nach_dem_lauf)
    return zustand[0]


def warten_bis(bedingung, *, sekunden: float = FRIST_UNTER_LAST_S) -> bool:
    """Poll `bedingung()` while a real Celery worker (a thread of this process) writes. On SQLite a read
    during the worker's write transaction raises "database table is locked" (the shared in-memory test
    database has no busy timeout), so such a read is simply retried. Where one task is awaited,
    `task_abwarten` is the safer wait (no read while the worker writes)."""
    frist = time.monotonic() + sekunden
    while True:
        connection.close()
        try:
            if bedingung():
                return True
        except OperationalError:
            pass
        if time.monotonic() >= frist:
            return False
        time.sleep(0.2)


# --- Issue 18 item 3/6: the suite as the app's least-privilege database role (PostgreSQL) ---------------
# With JVG_TEST_APP_ROLLE=1 on PostgreSQL (`.ci/run` sets it), the owner builds the test database, then
# `kern.datenbankrollen.einrichten` grants the app role exactly what production grants, and every test
# with the `db` fixture runs inside its transaction as that role (`SET LOCAL ROLE`, undone by the test's
# rollback): a test that needs more than the app may do fails. Tests that must act as the owner (rewriting
# a log to prove the chain names it, creating roles) carry `@pytest.mark.eigentuemer`.

ALS_APP_ROLLE = os.environ.get("JVG_TEST_APP_ROLLE", "").lower() in {"1", "true", "yes", "on"}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "eigentuemer: runs as the database owner, not as the app role (JVG_TEST_APP_ROLLE)"
    )


def _app_rolle_name() -> str:
    return f"{connection.settings_dict['NAME']}_app"[:63].lower()


@pytest.fixture(scope="session", autouse=True)
def _app_rolle(request):
    """Set up once, before any test's transaction (a role created inside one would be rolled back)."""
    if not ALS_APP_ROLLE:
        return None
    request.getfixturevalue("django_db_setup")
    if connection.vendor != "postgresql":
        return None
    from kern import datenbankrollen

    with request.getfixturevalue("django_db_blocker").unblock():
        rolle = _app_rolle_name()
        datenbankrollen.einrichten(rolle)
        with connection.cursor() as cursor:
            # A non-superuser owner (`.ci/run`: jvg_owner, CREATEROLE) may only `SET ROLE` to a role it is
            # a member of; it grants itself the membership (idempotent). A superuser needs none.
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if not cursor.fetchone()[0]:
                cursor.execute(f'GRANT "{rolle}" TO CURRENT_USER')
    return rolle


@pytest.fixture(autouse=True)
def _als_app_rolle(request):
    marker = request.node.get_closest_marker("django_db")
    if (
        not ALS_APP_ROLLE
        or ("db" not in request.fixturenames and marker is None)
        or "transactional_db" in request.fixturenames
        or (marker is not None and marker.kwargs.get("transaction"))
        or request.node.get_closest_marker("eigentuemer")
    ):
        yield
        return
    rolle = request.getfixturevalue("_app_rolle")
    if rolle is None:
        yield
        return
    request.getfixturevalue("db")
    with connection.cursor() as cursor:
        cursor.execute(f'SET LOCAL ROLE "{rolle}"')
    yield
