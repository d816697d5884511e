"""The migrations, proven once per run, while every other test uses a database built from the models.

The fast loop builds its test databases with ``--nomigrations``. These tests keep the migrations honest:
an empty database is migrated from zero to head in a subprocess (on PostgreSQL in CI, into a new
database; on SQLite into a file), no model change lacks its migration, and the PostgreSQL objects that
migrations create (append-only triggers) exist on both paths.
"""

import os
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from kern import nur_anfuegen
from tests.conftest import umgebung_ohne_testeinstellungen

IN_CI = os.environ.get("CI") == "true"


def _manage(*args, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _pg_url(name: str) -> str:
    d = connection.settings_dict
    anmeldung = d["USER"] + (f":{d['PASSWORD']}" if d["PASSWORD"] else "")
    return f"postgres://{anmeldung}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{name}"


def _trigger_namen(cursor) -> set[str]:
    cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
    return {zeile[0] for zeile in cursor.fetchall()}


@pytest.fixture
def leere_datenbank(tmp_path, db):
    """DATABASE_URL of an empty database of the suite's own engine, dropped afterwards."""
    if connection.vendor == "sqlite":
        assert not IN_CI, "CI läuft auf PostgreSQL (DEVELOPERS.md)"
        yield f"sqlite:///{tmp_path / 'leer.sqlite3'}", None
        return
    name = f"jvg_migration_{uuid.uuid4().hex[:10]}"
    verwaltung = _pg_url("postgres")
    with psycopg.connect(verwaltung, autocommit=True) as verbindung:
        verbindung.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name), name
    finally:
        with psycopg.connect(verwaltung, autocommit=True) as verbindung:
            verbindung.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_migrationen_von_null_bis_head_mit_triggern(leere_datenbank, tmp_path):
    url, pg_name = leere_datenbank
    env = umgebung_ohne_testeinstellungen(DATABASE_URL=url, JVG_VAR_DIR=str(tmp_path / "var"))
    migriert = _manage("migrate", "--noinput", env=env)
    assert migriert.returncode == 0, migriert.stdout + migriert.stderr
    offen = _manage("migrate", "--check", env=env)
    assert offen.returncode == 0, "nach migrate noch offene Migrationen:\n" + offen.stdout + offen.stderr
    if pg_name:
        with psycopg.connect(url) as verbindung, verbindung.cursor() as cursor:
            assert {t.name for t in nur_anfuegen.tabellen()} <= _trigger_namen(cursor)


def test_keine_modellaenderung_ohne_migration(tmp_path):
    env = umgebung_ohne_testeinstellungen(
        DATABASE_URL=f"sqlite:///{tmp_path / 'leer.sqlite3'}", JVG_VAR_DIR=str(tmp_path / "var")
    )
    ergebnis = _manage("makemigrations", "--check", "--dry-run", env=env)
    assert ergebnis.returncode == 0, ergebnis.stdout + ergebnis.stderr


@pytest.mark.django_db
def test_testdatenbank_ohne_migrationen_hat_die_nur_anfuegen_trigger():
    erwartet = {t.name for t in nur_anfuegen.tabellen()}
    # Both append-only logs of the project so far; further ones register themselves the same way.
    assert {"protokoll_lesezugriff_nur_anfuegen", "behoerden_bekanntgabe_nur_anfuegen"} <= erwartet
    if connection.vendor == "sqlite":
        assert not IN_CI, "CI läuft auf PostgreSQL (DEVELOPERS.md)"
        assert nur_anfuegen.installieren() == []  # no triggers on SQLite; the models' guards hold there
        return
    with connection.cursor() as cursor:
        assert erwartet <= _trigger_namen(cursor)
