"""Mutants of R-31-5 (§ 31 Abs. 5 JVG: review interval of a measure) that survived the marked tests
(issue 25, session 7).

- `serializers.py:97`: the API schema shows the next review of a measure read-only (the system computes it
  from the interval) and empty while the measure is not active.
- `domain/ueberpruefung.py:158`: while another sweep holds the job's lock, the escalation escalates nothing
  and reports 0; the overdue review is escalated by the next free run.
"""

from contextlib import contextmanager

import pytest
from drf_spectacular.generators import SchemaGenerator

from kern import jobs
from sicherheitsmassnahmen import domain
from sicherheitsmassnahmen.models import Sicherheitsmassnahme

from .test_fristen import fesselung, pruefaufgaben, zeit  # noqa: F401  (fixture fesselung)


@pytest.mark.rule("R-31-5")
def test_api_schema_naechste_ueberpruefung_nur_lesbar_und_leer_moeglich():
    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    feld = schemas["Sicherheitsmassnahme"]["properties"]["naechsteUeberpruefungAm"]
    assert (feld.get("readOnly"), feld.get("nullable"), feld.get("format")) == (True, True, "date-time")


@contextmanager
def _besetzt(job: str):
    yield False


@pytest.mark.django_db
@pytest.mark.rule("R-31-5")
def test_eskalation_waehrend_eines_anderen_laufs_eskaliert_nichts(fesselung, monkeypatch):  # noqa: F811
    with monkeypatch.context() as m:
        m.setattr(jobs, "sperre", _besetzt)
        assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 11, 10, 1)) == 0
    assert not pruefaufgaben().exists()
    assert Sicherheitsmassnahme.objects.get(pk=fesselung.pk).pruefaufgabe is None
    # The next free run catches up.
    assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 11, 10, 1)) == 1
    assert Sicherheitsmassnahme.objects.get(pk=fesselung.pk).pruefaufgabe == pruefaufgaben().get()
