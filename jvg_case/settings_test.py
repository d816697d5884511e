"""Settings of the test suite, and only of it (pytest's DJANGO_SETTINGS_MODULE in pyproject.toml).

Everything comes from `jvg_case.settings`; only what makes the loop fast or isolates parallel workers
differs. `manage.py`, `wsgi.py`, `asgi.py` and `celery.py` name `jvg_case.settings` and never this module,
and importing it outside pytest fails, so it cannot reach `make run` or production
(tests/jvg_case/test_testeinstellungen.py).
"""

import os
import sys
from urllib.parse import urlsplit, urlunsplit

from django.conf import global_settings
from django.core.exceptions import ImproperlyConfigured

if "pytest" not in sys.modules:
    raise ImproperlyConfigured("jvg_case.settings_test gilt nur für die Testsuite (pytest).")

from jvg_case.settings import *  # noqa: E402, F403
from jvg_case.settings import CELERY_BROKER_URL, VAR_DIR  # noqa: E402
from kern.env import env_int  # noqa: E402

# PBKDF2 costs about 0.6 s per hash on the CI machine, and the suite creates thousands of users (PITFALLS).
# Tests that check what production stores (e.g. an agency's hashed client secret) switch back with the
# `produktions_hasher` fixture, which reads this list.
PRODUKTIONS_PASSWORD_HASHERS = list(global_settings.PASSWORD_HASHERS)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# pytest-xdist: each worker has its own test database (pytest-django adds the worker's suffix) and,
# on Redis, its own Redis database, so a real Celery worker started by one test process never takes a
# task sent by another. gw0 → /1, gw1 → /2, … (database 0 stays for `make run` and production);
# JVG_TEST_REDIS_BASIS moves the first one, for two suites run at once on one Redis.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
TEST_REDIS_BASIS = env_int("JVG_TEST_REDIS_BASIS", 1, minimum=1)
if CELERY_BROKER_URL.startswith("redis://") and XDIST_WORKER.startswith("gw"):
    _teile = urlsplit(CELERY_BROKER_URL)
    _db = TEST_REDIS_BASIS + int(XDIST_WORKER[2:])
    if _db > 15:
        raise ImproperlyConfigured(f"Redis kennt die Datenbanken 0–15; Worker {XDIST_WORKER} bräuchte {_db}.")
    CELERY_BROKER_URL = urlunsplit(_teile._replace(path=f"/{_db}"))
    # Celery's `broker_url` prefers the environment variable over the Django setting, so both are set.
    os.environ["CELERY_BROKER_URL"] = CELERY_BROKER_URL
elif CELERY_BROKER_URL.startswith("filesystem://"):
    # Tasks queued by tests must never land in the queue of a `make run` worker on the same checkout.
    _ordner = VAR_DIR / "test-celery" / (XDIST_WORKER or "main")
    for _name in ("queue", "processed", "control"):
        (_ordner / _name).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_ordner / "queue"),
        "data_folder_out": str(_ordner / "queue"),
        "processed_folder": str(_ordner / "processed"),
        "control_folder": str(_ordner / "control"),
        "store_processed": False,
    }

# Each test starts with an empty cache of its own process (throttle counters); the shared caches of
# production and `make run` are checked in tests/kern/test_sicherheit_antworten.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Issue 25: the mutation tool (kern/mutation.py) builds the test database once per rule and reuses it for
# every mutant (`--reuse-db`); on SQLite that needs a file (the default test database lives in memory).
# Set only by the tool; `make test` keeps the in-memory database.
if os.environ.get("JVG_TEST_SQLITE_DATEI") and DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.environ["JVG_TEST_SQLITE_DATEI"]}  # noqa: F405
