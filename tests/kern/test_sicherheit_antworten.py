"""Issue 18 item 5 (ASVS V14.3.2): no authenticated response is kept by a browser or proxy cache."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import umgebung_ohne_testeinstellungen
from tests.factories import api_token, fall_anlegen


def _kein_cache(antwort):
    assert antwort["Cache-Control"] == "no-store, private"
    assert antwort["Pragma"] == "no-cache"


@pytest.mark.django_db
def test_every_kind_of_authenticated_response_is_no_store(client_als, sachbearbeitung, revision):
    fall = fall_anlegen(durch=sachbearbeitung)
    c = client_als(sachbearbeitung)
    antworten = {
        "Startseite": c.get(reverse("start")),
        "Fallseite": c.get(f"/vollzug/faelle/{fall.pk}/"),
        "Personensuche": c.get("/vollzug/personen/", {"q": "a"}),
        "iCal": c.get(reverse("fristenkontrolle:ical")),
        "PDF": c.get(reverse("datenschutz:auskunft_pdf", args=[fall.person.pk])),
        "API-JSON (Sitzung)": c.get("/api/v1/faelle/"),
        "404": c.get("/vollzug/faelle/999999999/"),
        "403": c.get(reverse("protokoll:aenderungen_csv")),
    }
    antworten["CSV"] = client_als(revision).get(reverse("protokoll:aenderungen_csv"))
    assert {k: a.status_code for k, a in antworten.items()} == {
        "Startseite": 200,
        "Fallseite": 200,
        "Personensuche": 200,
        "iCal": 200,
        "PDF": 200,
        "API-JSON (Sitzung)": 200,
        "404": 404,
        "403": 403,
        "CSV": 200,
    }
    assert antworten["iCal"]["Content-Type"].startswith("text/calendar")
    assert antworten["PDF"]["Content-Type"] == "application/pdf"
    assert antworten["CSV"]["Content-Type"].startswith("text/csv")
    for name, antwort in antworten.items():
        assert antwort["Cache-Control"] == "no-store, private", name
        assert antwort["Pragma"] == "no-cache", name


@pytest.mark.django_db
def test_token_api_answer_is_no_store(client, sachbearbeitung):
    antwort = client.get("/api/v1/personen/", HTTP_AUTHORIZATION=f"Token {api_token(sachbearbeitung)}")
    assert antwort.status_code == 200
    _kein_cache(antwort)


@pytest.mark.django_db
def test_view_own_cache_header_is_replaced_not_merged(client_als, sachbearbeitung):
    # Django's LoginView is never_cache (max-age=0, no-cache, must-revalidate): only ours remains.
    antwort = client_als(sachbearbeitung).get(reverse("login"))
    _kein_cache(antwort)
    assert "max-age" not in antwort["Cache-Control"]


@pytest.mark.django_db
def test_login_page_and_static_files(client):
    _kein_cache(client.get(reverse("login")))
    # Static files carry no personal data; WhiteNoise answers before the middleware.
    statisch = client.get("/static/css/app.css")
    assert statisch.status_code == 200
    assert "no-store" not in statisch.get("Cache-Control", "")


@pytest.mark.parametrize(("gesetzt", "erwartet"), [(None, "False"), ("true", "True")])
def test_debug_is_off_unless_set(tmp_path, gesetzt, erwartet):
    # Issue 18 item 11: a forgotten variable must not show tracebacks; only `make run` sets DEBUG=true.
    env = umgebung_ohne_testeinstellungen(JVG_VAR_DIR=str(tmp_path))
    env.pop("DEBUG", None)
    if gesetzt is not None:
        env["DEBUG"] = gesetzt
    ergebnis = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ergebnis.stdout.strip().splitlines()[-1] == erwartet, ergebnis.stderr


def test_make_run_is_the_only_place_that_sets_debug():
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    assert "export DEBUG=true; trap" in makefile
    assert makefile.count("DEBUG=true") == 1


@pytest.mark.parametrize(
    ("broker", "backend", "ort"),
    [
        ("redis://redis:6379/0", "django.core.cache.backends.redis.RedisCache", "redis://redis:6379/15"),
        ("filesystem://", "django.core.cache.backends.filebased.FileBasedCache", "cache"),
    ],
)
def test_cache_is_shared_across_workers(tmp_path, broker, backend, ort):
    # Issue 18 item 9: the throttle counts in Redis (production) or a file cache (make run), never per process.
    env = umgebung_ohne_testeinstellungen(JVG_VAR_DIR=str(tmp_path), CELERY_BROKER_URL=broker)
    env.pop("JVG_CACHE_URL", None)
    befehl = (
        "from django.conf import settings as s; c = s.CACHES['default']; print(c['BACKEND'], c['LOCATION'])"
    )
    ergebnis = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", befehl],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    zeile = ergebnis.stdout.strip().splitlines()[-1]
    assert zeile.split()[0] == backend, ergebnis.stderr
    assert zeile.split()[1].endswith(ort)


def test_connection_health_checks_are_on():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
