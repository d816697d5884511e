"""Mutants of R-31-5 (§ 31 Abs. 5 JVG: review interval of a measure) that survived the marked tests
(issue 25, session 7).

- `serializers.py:97`: the API schema shows the next review of a measure read-only (the system computes it
  from the interval) and empty while the measure is not active.
- `domain/ueberpruefung.py:158`: while another sweep holds the job's lock, the escalation escalates nothing
  and reports 0; the overdue review is escalated by the next free run.
"""

from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection
from drf_spectacular.generators import SchemaGenerator

from sicherheitsmassnahmen import domain
from sicherheitsmassnahmen.models import Sicherheitsmassnahme

from .test_fristen import fesselung, pruefaufgaben, zeit  # noqa: F401  (fixture fesselung)


@pytest.mark.rule("R-31-5")
def test_api_schema_naechste_ueberpruefung_nur_lesbar_und_leer_moeglich():
    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    feld = schemas["Sicherheitsmassnahme"]["properties"]["naechsteUeberpruefungAm"]
    assert (feld.get("readOnly"), feld.get("nullable"), feld.get("format")) == (True, True, "date-time")


@contextmanager
def _anderer_lauf(job: str):
    """Another run of the job: its advisory lock held by a second, real connection."""
    with psycopg.connect(_dsn(), autocommit=True) as andere:
        andere.execute("SELECT pg_advisory_lock(hashtext(%s))", [job])
        yield
        andere.execute("SELECT pg_advisory_unlock(hashtext(%s))", [job])


def _dsn() -> str:
    einstellungen = connection.settings_dict
    teile = {
        "host": einstellungen["HOST"],
        "port": einstellungen["PORT"],
        "user": einstellungen["USER"],
        "password": einstellungen["PASSWORD"],
        "dbname": einstellungen["NAME"],
    }
    return " ".join(f"{k}={v}" for k, v in teile.items() if v)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Advisory Locks gibt es nur auf PostgreSQL.")
@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.rule("R-31-5")
def test_eskalation_waehrend_eines_anderen_laufs_eskaliert_nichts(fesselung):  # noqa: F811
    with _anderer_lauf("sicherheitsmassnahmen.ueberpruefungen_eskalieren"):
        assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 11, 10, 1)) == 0
    assert not pruefaufgaben().exists()
    assert Sicherheitsmassnahme.objects.get(pk=fesselung.pk).pruefaufgabe is None
    # The next free run catches up.
    assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 11, 10, 1)) == 1
    assert Sicherheitsmassnahme.objects.get(pk=fesselung.pk).pruefaufgabe == pruefaufgaben().get()
