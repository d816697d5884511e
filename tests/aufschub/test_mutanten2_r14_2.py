"""R-14-2 (§ 14 Abs. 1 JVG: Aufschub and Unterbrechung each at most one year): the remaining allowance on the
case page (issue 25, survivor `aufschub/views.py:101`). Only a grant whose Verfügung stands counts: a
refused request and a grant whose Verfügung was lifted leave the whole year.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from aufschub.recht import Gesuchsart
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg

from .test_aufschub import HEUTE, _entscheiden, _eroeffnen, _gesuch

pytestmark = pytest.mark.django_db


def _kontingent(client, fall, art: str) -> str:
    seite = client.get(reverse("vollzug:fall_detail", args=[fall.pk])).content.decode()
    [zeile] = re.findall(rf"{art}: bewilligt [^<]*<strong>[^<]*</strong>", seite)
    return zeile


@pytest.mark.rule("R-14-2", grenze=True)
def test_fallseite_aufgehobene_bewilligung_gibt_das_jahr_zurueck(
    sachbearbeitung, sachbearbeitung2, anstalt_a, client_als
):
    fall = fall_anlegen(
        durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=timezone.now() - timedelta(days=30)
    )
    gesuch = _gesuch(
        sachbearbeitung,
        fall,
        art=Gesuchsart.UNTERBRECHUNG,
        eingereicht_am=HEUTE - timedelta(days=8),
        begehrt_von=HEUTE - timedelta(days=5),
        begehrt_bis=HEUTE + timedelta(days=10),
    )
    v = _eroeffnen(_entscheiden(gesuch, sachbearbeitung), sachbearbeitung, sachbearbeitung2)
    client = client_als(sachbearbeitung)
    assert _kontingent(client, fall, "Unterbrechung") == (
        "Unterbrechung: bewilligt 16 von 365 Tagen, verbleibend <strong>349 Tage</strong>"
    )

    vfg.aufheben(verfuegung=v, grund="Wiedererwägung", durch=sachbearbeitung2)

    assert _kontingent(client, fall, "Unterbrechung") == (
        "Unterbrechung: bewilligt 0 von 365 Tagen, verbleibend <strong>365 Tage</strong>"
    )


@pytest.mark.rule("R-14-2", grenze=True)
def test_fallseite_abgelehntes_gesuch_zaehlt_nicht(sachbearbeitung, client_als):
    fall = fall_anlegen(durch=sachbearbeitung)
    _entscheiden(_gesuch(sachbearbeitung, fall), sachbearbeitung, bewilligen=False)

    assert _kontingent(client_als(sachbearbeitung), fall, "Aufschub") == (
        "Aufschub: bewilligt 0 von 365 Tagen, verbleibend <strong>365 Tage</strong>"
    )
