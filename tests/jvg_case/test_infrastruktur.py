"""The real parts: in CI the suite runs on PostgreSQL and Redis and a job goes through a real worker."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from jvg_case.beat import BEAT_SCHEDULE
from jvg_case.celery import app
from kern.models import Aufgabe
from tests.conftest import echter_worker, umgebung_ohne_testeinstellungen, warten_bis
from tests.factories import fall_anlegen

IN_CI = os.environ.get("CI") == "true"


@pytest.mark.django_db
def test_ci_runs_on_postgresql():
    # DEVELOPERS.md: in CI a missing PostgreSQL is a failure, never a silent fallback to SQLite.
    if IN_CI:
        assert connection.vendor == "postgresql"
    else:
        assert connection.vendor in {"postgresql", "sqlite"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_ci_broker_is_redis_and_reachable():
    if IN_CI:
        assert settings.CELERY_BROKER_URL.startswith("redis://")
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)  # raises when the broker is down
        assert conn.connected


def test_beat_schedule_names_only_registered_tasks():
    app.loader.import_default_modules()
    for name, eintrag in BEAT_SCHEDULE.items():
        assert eintrag["task"] in app.tasks, name


@pytest.mark.rule("R-13-1", "R-0-AUDIT-1")
@pytest.mark.django_db(transaction=True)
def test_vollzugsbeginn_job_runs_through_a_real_worker_and_broker(sachbearbeitung, eigene_warteschlange):
    # PITFALLS: eager mode only emulates a worker; this one consumes from the configured broker.
    fall = fall_anlegen(durch=sachbearbeitung, eingang_am=timezone.localdate() - timedelta(days=31))
    with echter_worker(app):
        ergebnis = app.send_task("vollzug.vollzugsbeginn_ueberfaellig_melden")
        # No result backend (results are ignored): wait for the task's effect in the database.
        warten_bis(lambda: Aufgabe.objects.filter(fall=fall).exists())
    assert ergebnis.id
    aufgabe = Aufgabe.objects.get(fall=fall)
    assert aufgabe.history.get().history_user.username == "job:vollzugsbeginn"


def test_production_profile_passes_check_deploy(tmp_path):
    env = {
        **umgebung_ohne_testeinstellungen(),
        "JVG_PROFIL": "production",
        "DEBUG": "false",
        "SECRET_KEY": "p" * 20 + "-Produktion-" + "x9" * 20,
        "ALLOWED_HOSTS": "jvg.lu.ch",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "JVG_VAR_DIR": str(tmp_path),
    }
    ergebnis = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ergebnis.returncode == 0, ergebnis.stdout + ergebnis.stderr
    assert "System check identified no issues (0 silenced)." in ergebnis.stdout


def test_production_profile_refuses_weak_secret_key(tmp_path):
    env = {
        **umgebung_ohne_testeinstellungen(),
        "JVG_PROFIL": "production",
        "SECRET_KEY": "kurz",
        "ALLOWED_HOSTS": "x",
        "JVG_VAR_DIR": str(tmp_path),
    }
    ergebnis = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ergebnis.returncode != 0
    assert "SECRET_KEY ist für den Produktionsbetrieb zu schwach" in ergebnis.stderr


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_admin_cannot_see_or_mint_api_tokens(client, admin_user):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    assert client.get("/admin/authtoken/tokenproxy/").status_code == 404
    # Case data are not registered in the admin at all.
    assert client.get("/admin/vollzug/vollzugsfall/").status_code == 404
    assert client.get("/admin/jvg_case/benutzer/").status_code == 200


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_token_command_refuses_admin_and_issues_for_case_worker(admin_user, sachbearbeitung):
    from io import StringIO

    from django.core.management import CommandError, call_command

    from kern import api_tokens
    from kern.models import ApiToken

    with pytest.raises(CommandError, match="erhält kein API-Token"):
        call_command("token_ausstellen", admin_user.username)
    assert not ApiToken.objects.filter(benutzer=admin_user).exists()
    out = StringIO()
    call_command("token_ausstellen", sachbearbeitung.username, stdout=out, stderr=StringIO())
    token = ApiToken.objects.get(benutzer=sachbearbeitung)
    assert api_tokens.pruefen(out.getvalue().strip()) == token
