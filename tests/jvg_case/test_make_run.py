"""Issue 17 item 8: `make run` holds under two users and under the API.

- SQLite in WAL mode with IMMEDIATE transactions and a busy timeout: two connections writing at once on
  a file database wait for each other instead of failing with "database is locked".
- The real `manage.py runserver` (wsgiref, which refuses header values that are not `str`) answers an
  API create with 201 and a `Location` header.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

from jvg_case.settings import SQLITE_OPTIONEN
from tests.conftest import FRIST_UNTER_LAST_S

BASIS = Path(settings.BASE_DIR)


@pytest.fixture(autouse=True)
def _eigene_datenbanken(django_db_blocker):
    # These tests open their own SQLite files (not the test database): pytest-django must let them.
    with django_db_blocker.unblock():
        yield


def _verbindung(pfad: Path, optionen: dict) -> DatabaseWrapper:
    return DatabaseWrapper(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(pfad),
            "OPTIONS": dict(optionen),
            "ATOMIC_REQUESTS": False,
            "AUTOCOMMIT": True,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "TIME_ZONE": None,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        }
    )


def _gleichzeitig_schreiben(pfad: Path, optionen: dict, *, runden: int = 15) -> list[str]:
    """Two threads, each in its own connection: read, then write, in one transaction (a page view that
    reads the session and writes the read log). Returns the errors."""
    einrichten = _verbindung(pfad, optionen)
    with einrichten.cursor() as c:
        c.execute("CREATE TABLE IF NOT EXISTS zaehler (id INTEGER PRIMARY KEY, wert INTEGER)")
        c.execute("INSERT OR IGNORE INTO zaehler VALUES (1, 0)")
    einrichten.close()
    fehler: list[str] = []
    start = threading.Barrier(2)

    def arbeiter():
        db = _verbindung(pfad, optionen)
        try:
            start.wait()
            for _ in range(runden):
                try:
                    # As `transaction.atomic()` begins: BEGIN (with the configured transaction mode).
                    db.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
                    with db.cursor() as c:
                        c.execute("SELECT wert FROM zaehler WHERE id = 1")
                        wert = c.fetchone()[0]
                        time.sleep(0.005)  # the other writer gets in between
                        c.execute("UPDATE zaehler SET wert = %s WHERE id = 1", [wert + 1])
                    db.commit()
                except Exception as exc:  # noqa: BLE001 — the test counts every failure
                    fehler.append(str(exc))
                    db.rollback()
                finally:
                    db.set_autocommit(True)
        finally:
            db.close()

    faeden = [threading.Thread(target=arbeiter) for _ in range(2)]
    for f in faeden:
        f.start()
    for f in faeden:
        f.join(timeout=60)
    return fehler


def test_sqlite_zwei_schreibende_gleichzeitig_ohne_database_is_locked(tmp_path):
    fehler = _gleichzeitig_schreiben(tmp_path / "demo.sqlite3", SQLITE_OPTIONEN)
    assert fehler == []
    db = _verbindung(tmp_path / "demo.sqlite3", SQLITE_OPTIONEN)
    with db.cursor() as c:
        c.execute("SELECT wert FROM zaehler WHERE id = 1")
        assert c.fetchone()[0] == 30  # no update lost
        c.execute("PRAGMA journal_mode")
        assert c.fetchone()[0] == "wal"
    db.close()


def test_sqlite_ohne_immediate_scheitert_gleichzeitiges_schreiben(tmp_path):
    # The control: the same load with Django's default (deferred) transactions fails, so the test above
    # proves the setting and not luck.
    optionen = {k: v for k, v in SQLITE_OPTIONEN.items() if k != "transaction_mode"}
    fehler = _gleichzeitig_schreiben(tmp_path / "alt.sqlite3", optionen)
    assert fehler and all("locked" in f for f in fehler)


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _umgebung(tmp_path: Path) -> dict:
    umgebung = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "PYTEST"))}
    umgebung.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'run.sqlite3'}",
        JVG_VAR_DIR=str(tmp_path / "var"),
        CELERY_BROKER_URL="memory://",
        DEBUG="true",
        PYTHONUNBUFFERED="1",
    )
    return umgebung


ANLEGEN = """
from kern.models import Benutzer
from kern.rollen import Rolle
from kern import api_tokens
u = Benutzer.objects.create_user("sb_run", password=None, rolle=Rolle.SACHBEARBEITUNG)
print("TOKEN=" + api_tokens.ausstellen(u, durch=u, bezeichnung="runserver-Test")[1])
"""


def test_runserver_legt_person_ueber_api_an_201_mit_location(tmp_path):
    umgebung = _umgebung(tmp_path)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput"],
        cwd=BASIS,
        env=umgebung,
        check=True,
        capture_output=True,
    )
    ausgabe = subprocess.run(
        [python, "manage.py", "shell", "-c", ANLEGEN],
        cwd=BASIS,
        env=umgebung,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    token = next(z for z in ausgabe.splitlines() if z.startswith("TOKEN="))[len("TOKEN=") :]
    port = _freier_port()
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        cwd=BASIS,
        env=umgebung,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        basis = f"http://127.0.0.1:{port}"
        # Under load Django may take long to start: a deadline in time, not a count of tries (each try may
        # itself wait), and a clear failure with the server's output when it never answers.
        frist = time.monotonic() + FRIST_UNTER_LAST_S
        while True:
            try:
                urllib.request.urlopen(f"{basis}/gesundheit/", timeout=10)
                break
            except OSError:  # refused, reset or timed out (URLError is an OSError): not up yet
                assert server.poll() is None, server.stdout.read().decode(errors="replace")[-3000:]
                if time.monotonic() >= frist:
                    server.kill()
                    pytest.fail(
                        "runserver antwortet nicht: " + server.stdout.read().decode(errors="replace")[-3000:]
                    )
                time.sleep(0.5)
        anfrage = urllib.request.Request(
            f"{basis}/api/v1/personen/",
            data=json.dumps(
                {"officialName": "Runserver", "firstName": "Rita", "sex": "2", "dateOfBirth": "1990-01-01"}
            ).encode(),
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
            method="POST",
        )
        try:
            antwort = urllib.request.urlopen(anfrage, timeout=30)
        except urllib.error.HTTPError as fehler:
            pytest.fail(f"{fehler.code}: {fehler.read()[:500]!r}")
        daten = json.loads(antwort.read())
        assert antwort.status == 201
        assert antwort.headers["Location"] == f"{basis}/api/v1/personen/{daten['id']}/"
        assert daten["officialName"] == "Runserver"
    finally:
        server.terminate()
        server.wait(timeout=20)
