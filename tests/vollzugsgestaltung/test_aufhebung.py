"""Issue 23: a Vollzugsöffnung's or a § 16 conversion's Verfügung lifted or set aside on appeal ends what it
ordered (reason, date, actor); a rejected appeal changes nothing; other federal-law decisions are ignored."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.recht import Beschwerdeergebnis
from vollzugsgestaltung import domain, recht

from .conftest import beantragen, eroeffnen
from .test_vollzugsformen import _befohlen

S = recht.Oeffnungsstatus
GRUND = "Wiedererwägung: Vollzugsplan nicht erfüllt"


def _beschwerde(v, ergebnis, durch):
    heute = timezone.localdate()
    vfg.beschwerde_erfassen(verfuegung=v, eingegangen_am=heute, durch=durch)
    v.refresh_from_db()
    vfg.beschwerdeentscheid_erfassen(verfuegung=v, ergebnis=ergebnis, am=heute, durch=durch)


@pytest.fixture
def bewilligt(fall_a, leitung_a, sachbearbeitung, sachbearbeitung2):
    """A granted leave, notified (in force), starting an hour ago, not yet started."""
    o = beantragen(fall_a, leitung_a, von=timezone.now() - timedelta(hours=1))
    v = domain.oeffnung_entscheiden(
        oeffnung=o, bewilligen=True, begruendung="Stufe 2.", durch=sachbearbeitung
    )
    v = eroeffnen(v, sachbearbeitung, sachbearbeitung2)
    o.refresh_from_db()
    return o, v


@pytest.mark.rule("R-0-VFG-4")
def test_aufgehobene_bewilligung_endet_und_kann_nicht_angetreten_werden(
    bewilligt, leitung_a, sachbearbeitung2
):
    o, v = bewilligt
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    o.refresh_from_db()
    assert o.bewilligung_beendet_am is not None
    assert GRUND in o.bewilligung_beendet_grund and v.nummer in o.bewilligung_beendet_grund
    assert o.history.first().history_user == sachbearbeitung2
    with pytest.raises(ValidationError) as e:
        domain.antritt_erfassen(oeffnung=o, am=timezone.now(), durch=leitung_a)
    assert e.value.error_dict["status"][0].code == "bewilligung_beendet"


@pytest.mark.rule("R-0-VFG-4")
def test_gutgeheissene_beschwerde_beendet_bewilligung(bewilligt, leitung_a, sachbearbeitung):
    o, v = bewilligt
    _beschwerde(v, Beschwerdeergebnis.GUTGEHEISSEN, sachbearbeitung)
    o.refresh_from_db()
    assert o.bewilligung_beendet_am is not None and "gutgeheissen" in o.bewilligung_beendet_grund
    assert o.history.first().history_user == sachbearbeitung
    # The Verfügung stays "Beschwerdeentscheid" (a notified state): only the ended permission refuses.
    with pytest.raises(ValidationError) as e:
        domain.antritt_erfassen(oeffnung=o, am=timezone.now(), durch=leitung_a)
    assert e.value.error_dict["status"][0].code == "bewilligung_beendet"


@pytest.mark.rule("R-0-VFG-4")
def test_abgewiesene_beschwerde_laesst_bewilligung_bestehen(bewilligt, leitung_a, sachbearbeitung):
    o, v = bewilligt
    _beschwerde(v, Beschwerdeergebnis.ABGEWIESEN, sachbearbeitung)
    o.refresh_from_db()
    assert (o.bewilligung_beendet_am, o.bewilligung_beendet_grund) == (None, "")
    domain.antritt_erfassen(oeffnung=o, am=timezone.now(), durch=leitung_a)
    o.refresh_from_db()
    assert o.status == S.ANGETRETEN


@pytest.mark.rule("R-0-VFG-4")
def test_laufende_oeffnung_aufgehoben_rueckkehr_sofort_faellig(bewilligt, leitung_a, sachbearbeitung2):
    o, v = bewilligt
    domain.antritt_erfassen(oeffnung=o, am=timezone.now() - timedelta(minutes=30), durch=leitung_a)
    o.refresh_from_db()
    geplant = o.bis
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    o.refresh_from_db()
    assert o.status == S.ANGETRETEN and o.bis < geplant and o.bis == o.bewilligung_beendet_am
    # The return is due now: a failure to return may be recorded from this moment on (§ 32).
    domain.nichtrueckkehr_feststellen(oeffnung=o, bemerkung="Nicht zurückgekehrt.", durch=leitung_a)
    o.refresh_from_db()
    assert o.status == S.NICHT_ZURUECKGEKEHRT


def test_aufgehobene_abweisung_ordnete_nichts_an(fall_a, leitung_a, sachbearbeitung, sachbearbeitung2):
    o = beantragen(fall_a, leitung_a)
    v = domain.oeffnung_entscheiden(
        oeffnung=o, bewilligen=False, begruendung="Stufe 1.", durch=sachbearbeitung
    )
    v = eroeffnen(v, sachbearbeitung, sachbearbeitung2)
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    o.refresh_from_db()
    assert (o.status, o.bewilligung_beendet_am) == (S.ABGELEHNT, None)


# --- § 16: conversion of gemeinnützige Arbeit (Art. 79a Abs. 6 StGB) -------------------------------------


@pytest.fixture
def umgewandelt(sachbearbeitung, sachbearbeitung2):
    fall = fall_anlegen(durch=sachbearbeitung, monate=4)
    f = _befohlen(fall, sachbearbeitung, tage=5)
    v = domain.umwandeln(vollzugsform=f, begruendung="Trotz Mahnung nicht erschienen.", durch=sachbearbeitung)
    v = eroeffnen(v, sachbearbeitung, sachbearbeitung2)
    f.refresh_from_db()
    return f, v


def _stunden(f, sb):
    return domain.arbeitsstunden_erfassen(
        vollzugsform=f, datum=timezone.localdate(), stunden=4, gemeldet_von="Brändi", durch=sb
    )


@pytest.mark.rule("R-STGB-79A-1")
def test_aufgehobene_umwandlung_endet_arbeit_laeuft_weiter(umgewandelt, sachbearbeitung, sachbearbeitung2):
    f, v = umgewandelt
    with pytest.raises(ValidationError):  # converted: no hours any more
        _stunden(f, sachbearbeitung)
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    f.refresh_from_db()
    assert f.status == recht.Formstatus.BEFOHLEN and f.umwandlung_aufgehoben_am is not None
    assert GRUND in f.umwandlung_aufgehoben_grund
    assert f.history.first().history_user == sachbearbeitung2
    assert _stunden(f, sachbearbeitung).stunden == 4


@pytest.mark.rule("R-STGB-79A-1")
def test_gutgeheissene_beschwerde_beendet_umwandlung(umgewandelt, sachbearbeitung):
    f, v = umgewandelt
    _beschwerde(v, Beschwerdeergebnis.TEILWEISE_GUTGEHEISSEN, sachbearbeitung)
    f.refresh_from_db()
    assert f.status == recht.Formstatus.BEFOHLEN and "teilweise gutgeheissen" in f.umwandlung_aufgehoben_grund


@pytest.mark.rule("R-STGB-79A-1")
def test_abgewiesene_beschwerde_laesst_umwandlung_bestehen(umgewandelt, sachbearbeitung):
    f, v = umgewandelt
    _beschwerde(v, Beschwerdeergebnis.ABGEWIESEN, sachbearbeitung)
    f.refresh_from_db()
    assert (f.status, f.umwandlung_aufgehoben_am) == (recht.Formstatus.UMGEWANDELT, None)


def test_andere_bundesrechtliche_verfuegung_beruehrt_oeffnung_nicht(bewilligt, umgewandelt, sachbearbeitung2):
    o, _ = bewilligt
    f, v = umgewandelt
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    o.refresh_from_db()
    assert o.bewilligung_beendet_am is None
