"""Mutants of R-30-1 (§ 30 Abs. 2 JVG, video zones) that survived the marked tests (issue 25).

- `video.py:133`: a recording belongs to a zone in force when it began: from the moment the zone was
  defined up to and including the moment it was ended.
- `video.py:92`: the name is cut to the field length of 120 characters.

Also, with the value stored: a zone is ended only once (`video.py:108–109`, already killed by a marked test).
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from ueberwachung import domain
from ueberwachung.models import Videoaufzeichnung, Videozone

from .hilfen import T0, filmen, zone_anlegen

pytestmark = pytest.mark.django_db

NICHT_IN_KRAFT = (
    "§ 30 Abs. 2 JVG (R-30-1): Die Zone war zu diesem Zeitpunkt nicht zur Überwachung festgelegt."
)


def _aufheben(zone, leitung, am):
    with time_machine.travel(am, tick=False):
        return domain.videozone_aufheben(zone=zone, durch=leitung)


@pytest.mark.rule("R-30-1", grenze=True)
def test_zone_gilt_von_der_festlegung_bis_zur_aufhebung(leitung_a):
    festgelegt, aufgehoben = T0, T0 + timedelta(days=2)
    zone = zone_anlegen(leitung_a, am=festgelegt)
    _aufheben(zone, leitung_a, aufgehoben)
    zone = Videozone.objects.get(pk=zone.pk)
    for beginn in (festgelegt - timedelta(seconds=1), aufgehoben + timedelta(seconds=1)):
        with pytest.raises(ValidationError) as e:
            filmen(leitung_a, zone, beginn=beginn)
        assert e.value.message_dict == {"zone": [NICHT_IN_KRAFT]}
    assert not Videoaufzeichnung.objects.exists()
    erste = filmen(leitung_a, zone, beginn=festgelegt)
    letzte = filmen(leitung_a, zone, beginn=aufgehoben)
    assert list(Videoaufzeichnung.objects.order_by("beginn").values_list("pk", "zone_id", "beginn")) == [
        (erste.pk, zone.pk, festgelegt),
        (letzte.pk, zone.pk, aufgehoben),
    ]


@pytest.mark.rule("R-30-1")
def test_zone_nur_einmal_aufgehoben(leitung_a):
    zone = zone_anlegen(leitung_a, am=T0)
    _aufheben(zone, leitung_a, T0 + timedelta(days=1))
    with pytest.raises(ValidationError) as e:
        _aufheben(zone, leitung_a, T0 + timedelta(days=3))
    assert e.value.message_dict == {"zone": ["§ 30 Abs. 2 JVG (R-30-1): Die Zone ist bereits aufgehoben."]}
    assert Videozone.objects.get(pk=zone.pk).aufgehoben_am == T0 + timedelta(days=1)


@pytest.mark.rule("R-30-1", grenze=True)
def test_bezeichnung_grenze_120_zeichen(leitung_a):
    a = zone_anlegen(leitung_a, am=T0, bezeichnung="A" * 120)
    b = zone_anlegen(leitung_a, am=T0, bezeichnung="B" * 121)
    assert Videozone.objects.get(pk=a.pk).bezeichnung == "A" * 120
    assert Videozone.objects.get(pk=b.pk).bezeichnung == "B" * 120
