"""The test settings make the loop fast and never reach `make run` or production."""

import os
import subprocess
import sys

from django.conf import settings

from tests.conftest import umgebung_ohne_testeinstellungen


def test_testsuite_hasht_schnell_produktion_mit_pbkdf2():
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "jvg_case.settings_test"
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert settings.PRODUKTIONS_PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"


def test_einstiegspunkte_nennen_nur_die_echten_einstellungen():
    for datei in ("manage.py", "jvg_case/wsgi.py", "jvg_case/asgi.py", "jvg_case/celery.py"):
        text = (settings.BASE_DIR / datei).read_text(encoding="utf-8")
        assert '"DJANGO_SETTINGS_MODULE", "jvg_case.settings")' in text, datei
        assert "settings_test" not in text, datei


def test_echte_einstellungen_nutzen_den_produktions_hasher(tmp_path):
    env = umgebung_ohne_testeinstellungen(
        JVG_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="jvg_case.settings"
    )
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    )
    ergebnis = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ergebnis.returncode == 0, ergebnis.stderr
    assert ergebnis.stdout.strip() == "django.contrib.auth.hashers.PBKDF2PasswordHasher"


def test_testeinstellungen_ausserhalb_von_pytest_verweigert(tmp_path):
    env = umgebung_ohne_testeinstellungen(
        JVG_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="jvg_case.settings_test"
    )
    ergebnis = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ergebnis.returncode != 0
    assert "gilt nur für die Testsuite" in ergebnis.stderr


def test_jeder_xdist_worker_hat_seinen_eigenen_broker():
    from jvg_case.celery import app

    # Celery reads CELERY_BROKER_URL from the environment before the Django setting: both must agree.
    assert app.conf.broker_url == settings.CELERY_BROKER_URL
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if settings.CELERY_BROKER_URL.startswith("redis://") and worker:
        assert settings.CELERY_BROKER_URL.endswith(f"/{settings.TEST_REDIS_BASIS + int(worker[2:])}")
