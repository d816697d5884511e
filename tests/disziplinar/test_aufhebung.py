"""Issue 23: lifting a Disziplinarverfügung, or an upheld appeal against it, ends its open sanctions
(aufgehoben with reason, date and actor); executed ones stay executed; a rejected appeal changes nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from disziplinar import domain
from disziplinar.domain import SanktionDaten
from disziplinar.recht import Disziplinarsanktionsart as A
from disziplinar.recht import Sanktionsstatus
from kern.rollen import Rolle
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.recht import Beschwerdeergebnis

from .test_disziplinar import benutzer, eroeffnet, verfahren

GRUND = "Wiedererwägung: Tatvorwurf nicht erstellt"


@pytest.fixture
def leitung_a2(anstalt_a):
    return benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)


@pytest.fixture
def verfuegung(sachbearbeitung, anstalt_a, personal_a, leitung_a, leitung_a2):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    return eroeffnet(
        verfahren(personal_a, leitung_a, fall),
        leitung_a,
        leitung_a2,
        sanktionen=[SanktionDaten(A.VERWEIS), SanktionDaten(A.BUSSE, betrag_chf=Decimal("50.00"))],
    )


def _sanktionen(v):
    return {s.art: s for s in v.disziplinarsanktionen.all()}


def _beschwerde(v, ergebnis, durch):
    heute = timezone.localdate()
    vfg.beschwerde_erfassen(verfuegung=v, eingegangen_am=heute, durch=durch)
    v.refresh_from_db()
    vfg.beschwerdeentscheid_erfassen(verfuegung=v, ergebnis=ergebnis, am=heute, durch=durch)


@pytest.mark.rule("R-0-VFG-4")
def test_aufgehobene_verfuegung_hebt_offene_sanktionen_auf(verfuegung, leitung_a, leitung_a2):
    verweis = _sanktionen(verfuegung)[A.VERWEIS]
    domain.sanktion_vollziehen(sanktion=verweis, durch=leitung_a)
    verfuegung.refresh_from_db()
    vor = timezone.now()
    vfg.aufheben(verfuegung=verfuegung, grund=GRUND, durch=leitung_a2)
    s = _sanktionen(verfuegung)
    assert s[A.VERWEIS].status == Sanktionsstatus.VOLLZOGEN  # executed: stays executed
    busse = s[A.BUSSE]
    assert busse.status == Sanktionsstatus.AUFGEHOBEN and busse.aufgehoben_am >= vor
    assert GRUND in busse.aufhebung_grund and verfuegung.nummer in busse.aufhebung_grund
    assert busse.history.first().history_user == leitung_a2
    with pytest.raises(ValidationError) as exc:
        domain.sanktion_vollziehen(sanktion=busse, durch=leitung_a)
    assert "aufgehoben" in exc.value.message_dict["status"][0]


@pytest.mark.rule("R-0-VFG-4")
def test_gutgeheissene_beschwerde_hebt_sanktionen_auf(verfuegung, sachbearbeitung):
    _beschwerde(verfuegung, Beschwerdeergebnis.GUTGEHEISSEN, sachbearbeitung)
    for s in _sanktionen(verfuegung).values():
        assert s.status == Sanktionsstatus.AUFGEHOBEN and "gutgeheissen" in s.aufhebung_grund
        assert s.history.first().history_user == sachbearbeitung


@pytest.mark.rule("R-0-VFG-4")
def test_abgewiesene_beschwerde_laesst_sanktionen_bestehen(verfuegung, sachbearbeitung):
    _beschwerde(verfuegung, Beschwerdeergebnis.ABGEWIESEN, sachbearbeitung)
    for s in _sanktionen(verfuegung).values():
        assert (s.status, s.aufgehoben_am, s.aufhebung_grund) == (Sanktionsstatus.ANGEORDNET, None, "")
