"""R-17-1 (§ 17 JVG: the placement history; a placement only in an active facility): survivors of issue 25.

- `aufschub/domain/unterbrechung.py:131–132`: the Wiedereintritt after a § 14 interruption opens a
  placement like an Einweisung: not in a facility that has been deactivated meanwhile (also not by
  default into the one left); into another, active facility it is stored, without the old department.
- `vollzug/domain/platzierungen.py:78–79`: the Einweisung (§ 17 Abs. 1) only into an active facility that
  is not a clinic; refused, the case stays in intake without placement.
- `vollzug/domain/platzierungen.py:229`: the placement history has no gap and no overlap: a transfer at
  the very start of the current placement is stored (the closed one lasts zero seconds, as the database
  allows `bis >= von`), one a second earlier is refused.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from aufschub import domain as aufschub
from aufschub.models import Aufschubgesuch
from aufschub.recht import Gesuchsart
from tests.aufschub.test_aufschub import HEUTE, _entscheiden, _eroeffnen, _gesuch
from tests.factories import fall_anlegen
from vollzug import domain
from vollzug.models import Platzierung, Vollzugsfall
from vollzug.recht import Fallstatus, Platzierungsart

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-17-1")
def test_wiedereintritt_nicht_in_inaktive_einrichtung(
    sachbearbeitung, sachbearbeitung2, anstalt_a, anstalt_b
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
    _eroeffnen(_entscheiden(gesuch, sachbearbeitung), sachbearbeitung, sachbearbeitung2)
    aufschub.unterbrechung_antreten(
        gesuch=gesuch, am=timezone.now() - timedelta(days=4), durch=sachbearbeitung
    )
    anstalt_a.aktiv = False
    anstalt_a.save()
    zurueck = timezone.now() - timedelta(days=1)

    for ziel in (None, anstalt_a):
        with pytest.raises(ValidationError) as e:
            aufschub.unterbrechung_beenden(gesuch=gesuch, am=zurueck, anstalt=ziel, durch=sachbearbeitung)
        assert e.value.message_dict["anstalt"] == ["§ 17 JVG (R-17-1): Die Einrichtung ist nicht aktiv."]
        assert not Platzierung.objects.filter(fall=fall, bis__isnull=True).exists()
        assert Vollzugsfall.objects.get(pk=fall.pk).status == Fallstatus.UNTERBROCHEN
        assert Aufschubgesuch.objects.get(pk=gesuch.pk).unterbrechung_beendet_am is None

    platzierung = aufschub.unterbrechung_beenden(
        gesuch=gesuch, am=zurueck, anstalt=anstalt_b, durch=sachbearbeitung
    )

    offen = Platzierung.objects.get(fall=fall, bis__isnull=True)
    assert offen == platzierung
    assert (offen.anstalt, offen.art, offen.von, offen.abteilung) == (
        anstalt_b,
        Platzierungsart.WIEDEREINTRITT,
        zurueck,
        "",
    )
    assert Vollzugsfall.objects.get(pk=fall.pk).status == Fallstatus.IM_VOLLZUG


@pytest.mark.rule("R-17-1")
def test_einweisung_nur_in_aktive_vollzugseinrichtung(sachbearbeitung, anstalt_a, anstalt_b, klinik):
    fall = fall_anlegen(durch=sachbearbeitung)
    anstalt_b.aktiv = False
    anstalt_b.save()
    am = timezone.now() - timedelta(hours=1)

    for ziel in (anstalt_b, klinik):
        with pytest.raises(ValidationError) as e:
            domain.einweisen(fall=fall, anstalt=ziel, am=am, durch=sachbearbeitung)
        assert e.value.message_dict["anstalt"] == [
            "§ 17 Abs. 1 JVG (R-17-1): Einweisung nur in eine aktive Vollzugseinrichtung."
        ]
        assert not Platzierung.objects.filter(fall=fall).exists()
        g = Vollzugsfall.objects.get(pk=fall.pk)
        assert (g.status, g.vollzugsbeginn) == (Fallstatus.EINGANG, None)

    platzierung = domain.einweisen(fall=fall, anstalt=anstalt_a, am=am, durch=sachbearbeitung)

    assert Platzierung.objects.get(fall=fall) == platzierung
    assert (platzierung.anstalt, platzierung.art, platzierung.von) == (
        anstalt_a,
        Platzierungsart.EINWEISUNG,
        am,
    )
    g = Vollzugsfall.objects.get(pk=fall.pk)
    assert (g.status, g.vollzugsbeginn) == (Fallstatus.IM_VOLLZUG, am)


@pytest.mark.rule("R-17-1", grenze=True)
def test_versetzung_ab_beginn_der_platzierung_ja_eine_sekunde_davor_nein(
    sachbearbeitung, anstalt_a, anstalt_b
):
    beginn = (timezone.now() - timedelta(days=3)).replace(microsecond=0)
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=beginn)
    [erste] = Platzierung.objects.filter(fall=fall)

    with pytest.raises(ValidationError) as e:
        domain.versetzen(
            fall=fall, anstalt=anstalt_b, am=beginn - timedelta(seconds=1), grund="a", durch=sachbearbeitung
        )
    assert e.value.message_dict["von"] == [
        "Die Versetzung kann nicht vor dem Beginn der aktuellen Platzierung liegen."
    ]
    assert list(Platzierung.objects.filter(fall=fall).values_list("pk", "bis")) == [(erste.pk, None)]

    neu = domain.versetzen(fall=fall, anstalt=anstalt_b, am=beginn, grund="a", durch=sachbearbeitung)

    assert list(
        Platzierung.objects.filter(fall=fall).values_list("pk", "anstalt", "von", "bis", "grund")
    ) == [
        (erste.pk, anstalt_a.pk, beginn, beginn, ""),
        (neu.pk, anstalt_b.pk, beginn, None, "a"),
    ]
