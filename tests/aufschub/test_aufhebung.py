"""Issue 23: a § 14 grant whose Verfügung is lifted or set aside on appeal ends (reason, date, actor): it
no longer counts towards the year (R-14-2), the interruption can no longer start; a rejected appeal and a
lifted refusal change nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from aufschub import domain as aufschub
from aufschub import queries
from aufschub.recht import Gesuchsart
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.recht import Beschwerdeergebnis

from .test_aufschub import HEUTE, _entscheiden, _eroeffnen, _gesuch, _sanktion

GRUND = "Wiedererwägung: Geburtstermin verschoben"


@pytest.fixture
def bewilligt(sachbearbeitung, sachbearbeitung2, anstalt_a):
    """A granted interruption, notified (in force), not yet started."""
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
    v = _entscheiden(gesuch, sachbearbeitung)
    v = _eroeffnen(v, sachbearbeitung, sachbearbeitung2)
    return gesuch, v


def _beschwerde(v, ergebnis, durch):
    vfg.beschwerde_erfassen(verfuegung=v, eingegangen_am=HEUTE, durch=durch)
    v.refresh_from_db()
    vfg.beschwerdeentscheid_erfassen(verfuegung=v, ergebnis=ergebnis, am=HEUTE, durch=durch)


def _genutzt(gesuch) -> int:
    return queries.kontingent(gesuch.sanktion, Gesuchsart.UNTERBRECHUNG).genutzt_tage


@pytest.mark.rule("R-14-2")
def test_aufgehobene_bewilligung_endet(bewilligt, sachbearbeitung, sachbearbeitung2):
    gesuch, v = bewilligt
    assert _genutzt(gesuch) == 16
    vor = timezone.now()
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    gesuch.refresh_from_db()
    assert gesuch.bewilligung_beendet_am >= vor and GRUND in gesuch.bewilligung_beendet_grund
    assert gesuch.history.first().history_user == sachbearbeitung2
    assert _genutzt(gesuch) == 0
    with pytest.raises(ValidationError):
        aufschub.unterbrechung_antreten(gesuch=gesuch, am=timezone.now(), durch=sachbearbeitung)


@pytest.mark.rule("R-14-2")
def test_gutgeheissene_beschwerde_beendet_bewilligung(bewilligt, sachbearbeitung):
    gesuch, v = bewilligt
    _beschwerde(v, Beschwerdeergebnis.GUTGEHEISSEN, sachbearbeitung)
    gesuch.refresh_from_db()
    assert gesuch.bewilligung_beendet_am is not None and "gutgeheissen" in gesuch.bewilligung_beendet_grund
    assert gesuch.history.first().history_user == sachbearbeitung
    assert _genutzt(gesuch) == 0  # just outside: counted before, not after
    with pytest.raises(ValidationError) as exc:
        aufschub.unterbrechung_antreten(gesuch=gesuch, am=timezone.now(), durch=sachbearbeitung)
    assert "Bewilligung ist beendet" in exc.value.message_dict["unterbrechung_ab"][0]


@pytest.mark.rule("R-14-2")
def test_abgewiesene_beschwerde_laesst_bewilligung_bestehen(bewilligt, sachbearbeitung):
    gesuch, v = bewilligt
    _beschwerde(v, Beschwerdeergebnis.ABGEWIESEN, sachbearbeitung)
    gesuch.refresh_from_db()
    assert (gesuch.bewilligung_beendet_am, gesuch.bewilligung_beendet_grund) == (None, "")
    assert _genutzt(gesuch) == 16
    aufschub.unterbrechung_antreten(
        gesuch=gesuch, am=timezone.now() - timedelta(hours=1), durch=sachbearbeitung
    )


def test_aufgehobene_abweisung_ordnete_nichts_an(sachbearbeitung, sachbearbeitung2):
    fall = fall_anlegen(durch=sachbearbeitung)
    gesuch = _gesuch(sachbearbeitung, fall)
    v = _entscheiden(gesuch, sachbearbeitung, bewilligen=False)
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung)
    gesuch.refresh_from_db()
    assert gesuch.bewilligung_beendet_am is None
    assert queries.kontingent(_sanktion(fall), Gesuchsart.AUFSCHUB).genutzt_tage == 0


@pytest.mark.rule("R-14-1")
def test_laufende_unterbrechung_aufgehoben_gibt_aufgabe_rueckkehr(
    bewilligt, sachbearbeitung, sachbearbeitung2
):
    """Issue 23: an interruption under way whose grant is lifted: a task (due now) to bring the person
    back; an interruption not yet started (just outside) or already ended gets none."""
    from aufschub.recht import AufschubAufgabenart
    from kern.models import Aufgabe

    gesuch, v = bewilligt
    aufschub.unterbrechung_antreten(
        gesuch=gesuch, am=timezone.now() - timedelta(hours=1), durch=sachbearbeitung
    )
    vor = timezone.now()
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    aufgabe = Aufgabe.objects.get(art=AufschubAufgabenart.RUECKKEHR_VERANLASSEN)
    assert aufgabe.fall_id == gesuch.fall_id and aufgabe.fuer_rolle == "sachbearbeitung"
    assert vor <= aufgabe.faellig_am <= timezone.now() and "Rückkehr" in aufgabe.titel
    assert "R-" not in aufgabe.titel and aufgabe.history.first().history_user == sachbearbeitung2


def test_nicht_angetretene_unterbrechung_aufgehoben_ohne_aufgabe(bewilligt, sachbearbeitung2):
    from aufschub.recht import AufschubAufgabenart
    from kern.models import Aufgabe

    _gesuch_, v = bewilligt
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    assert not Aufgabe.objects.filter(art=AufschubAufgabenart.RUECKKEHR_VERANLASSEN).exists()


def test_abgewiesene_beschwerde_bei_laufender_unterbrechung_ohne_aufgabe(bewilligt, sachbearbeitung):
    from aufschub.recht import AufschubAufgabenart
    from kern.models import Aufgabe

    gesuch, v = bewilligt
    aufschub.unterbrechung_antreten(
        gesuch=gesuch, am=timezone.now() - timedelta(hours=1), durch=sachbearbeitung
    )
    _beschwerde(v, Beschwerdeergebnis.ABGEWIESEN, sachbearbeitung)
    assert not Aufgabe.objects.filter(art=AufschubAufgabenart.RUECKKEHR_VERANLASSEN).exists()
