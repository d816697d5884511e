"""R-STGB-79A-1 (Art. 79a StGB), issue 25: the checks of the hour log that the first mutation run left
unproved.

Proves: one entry counts 1 to 24 hours (0, 25 and a truth value are refused, 1 and 24 stored); hours are
logged from the first day of the work on, not before; the reporting placement organisation holds at most
150 characters; the shortest sentence, one day, becomes four hours (the database constraint refuses no
day count above zero); `offene_tage` reads the hours itself when none are given.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from tests.factories import fall_anlegen
from tests.vollzugsgestaltung.test_vollzugsformen import HEUTE, F, _antrag, _befohlen
from vollzugsgestaltung import domain, recht
from vollzugsgestaltung.models import Arbeitseinsatz, BesondereVollzugsform


@pytest.fixture
def fall(sachbearbeitung):
    return fall_anlegen(durch=sachbearbeitung, monate=4)


def _erfassen(v, sb, stunden, *, datum=None, gemeldet_von="Brändi"):
    return domain.arbeitsstunden_erfassen(
        vollzugsform=v, datum=datum or HEUTE(), stunden=stunden, gemeldet_von=gemeldet_von, durch=sb
    )


@pytest.mark.rule("R-STGB-79A-1", grenze=True)
def test_stunden_je_eintrag_an_der_grenze(fall, sachbearbeitung):
    v = _befohlen(fall, sachbearbeitung, tage=10)  # 40 Stunden
    for stunden in (0, 25, True):
        with pytest.raises(ValidationError) as e:
            _erfassen(v, sachbearbeitung, stunden)
        assert e.value.message_dict["stunden"] == ["Zwischen 1 und 24 Stunden pro Eintrag."]
    assert not Arbeitseinsatz.objects.exists()
    _erfassen(v, sachbearbeitung, 1)
    _erfassen(v, sachbearbeitung, 24)
    assert sorted(Arbeitseinsatz.objects.values_list("stunden", flat=True)) == [1, 24]
    v.refresh_from_db()
    assert v.status == recht.Formstatus.BEFOHLEN
    assert domain.offene_tage(v) == 4  # 25 Stunden = 6 volle Tage; 10 - 6


@pytest.mark.rule("R-STGB-79A-1", grenze=True)
def test_stunden_ab_dem_ersten_arbeitstag(fall, sachbearbeitung):
    v = _befohlen(fall, sachbearbeitung)  # Beginn vor 5 Tagen
    beginn = HEUTE() - timedelta(days=5)
    with pytest.raises(ValidationError) as e:
        _erfassen(v, sachbearbeitung, 4, datum=beginn - timedelta(days=1))
    assert e.value.message_dict["datum"] == [f"Die Arbeit beginnt am {beginn:%d.%m.%Y}."]
    assert not Arbeitseinsatz.objects.exists()
    e = _erfassen(v, sachbearbeitung, 4, datum=beginn)
    assert Arbeitseinsatz.objects.get().datum == beginn == e.datum


@pytest.mark.rule("R-STGB-79A-1", grenze=True)
def test_meldender_einsatzbetrieb_hoechstens_150_zeichen(fall, sachbearbeitung):
    v = _befohlen(fall, sachbearbeitung)
    with pytest.raises(ValidationError) as e:
        _erfassen(v, sachbearbeitung, 4, gemeldet_von="B" * 151)
    assert e.value.message_dict["gemeldet_von"] == ["Höchstens 150 Zeichen."]
    assert not Arbeitseinsatz.objects.exists()
    _erfassen(v, sachbearbeitung, 4, gemeldet_von="B" * 150)
    assert Arbeitseinsatz.objects.get().gemeldet_von == "B" * 150


@pytest.mark.rule("R-STGB-79A-1", grenze=True)
def test_ein_tag_sind_vier_stunden(fall, sachbearbeitung):
    v = _antrag(fall, sachbearbeitung, F.GEMEINNUETZIGE_ARBEIT, 1)
    gespeichert = BesondereVollzugsform.objects.get(pk=v.pk)
    assert (gespeichert.strafdauer_tage, gespeichert.stunden_soll) == (1, 4)  # Art. 79a Abs. 4 StGB
    assert domain.offene_tage(gespeichert) == 1
