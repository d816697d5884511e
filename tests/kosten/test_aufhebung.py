"""Issue 23: a § 48 participation whose Verfügung is lifted or set aside on appeal ends (reason, date,
actor) and is no longer invoiced; a rejected appeal changes nothing."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from kosten import domain
from kosten.recht import Zahler
from tests.factories import fall_anlegen
from tests.kosten.hilfen import verfuegung_rechtskraeftig, zeit
from verfuegungen import domain as vfg
from verfuegungen.recht import Beschwerdeergebnis

GRUND = "Wiedererwägung: Einkommen falsch erfasst"


@pytest.fixture
def beteiligung(sachbearbeitung, sachbearbeitung2, anstalt_a):
    """Participation from 1 March 2026, its decision notified on 2 March (appeal deadline running)."""
    with time_machine.travel(zeit(date(2026, 3, 2), 12), tick=False):
        fall = fall_anlegen(
            durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=zeit(date(2026, 2, 20))
        )
        kb = domain.kostenbeteiligung_erfassen(
            fall=fall,
            grundlage="arbeitsleistung",
            von=date(2026, 3, 1),
            bis=date(2026, 12, 31),
            einkommen_monatlich=Decimal("400.00"),
            abzuege_monatlich=Decimal("35.00"),
            betrag_pro_tag=Decimal("12.00"),
            begruendung="Angemessen: ein Drittel des Arbeitsentgelts.",
            durch=sachbearbeitung,
        )
        verfuegung_rechtskraeftig(kb.verfuegung, genehmiger=sachbearbeitung2, durch=sachbearbeitung)
    kb.refresh_from_db()
    return kb


def _beschwerde(kb, ergebnis, durch):
    with time_machine.travel(zeit(date(2026, 3, 5), 12), tick=False):
        vfg.beschwerde_erfassen(verfuegung=kb.verfuegung, eingegangen_am=date(2026, 3, 5), durch=durch)
    kb.verfuegung.refresh_from_db()
    with time_machine.travel(zeit(date(2026, 3, 20), 12), tick=False):
        vfg.beschwerdeentscheid_erfassen(
            verfuegung=kb.verfuegung, ergebnis=ergebnis, am=date(2026, 3, 20), durch=durch
        )
    kb.refresh_from_db()


def _maerz_abrechnen(kb, durch):
    with time_machine.travel(zeit(date(2026, 4, 1), 12), tick=False):
        return domain.abrechnung_erstellen(
            zahler=Zahler.PERSON,
            person=kb.fall.person,
            von=date(2026, 3, 1),
            bis=date(2026, 3, 31),
            durch=durch,
        )


@pytest.mark.rule("R-48-1")
def test_aufgehobene_kostenbeteiligung_endet(beteiligung, sachbearbeitung, sachbearbeitung2):
    with time_machine.travel(zeit(date(2026, 3, 10), 9), tick=False):
        vfg.aufheben(verfuegung=beteiligung.verfuegung, grund=GRUND, durch=sachbearbeitung2)
    beteiligung.refresh_from_db()
    assert beteiligung.beendet_am == zeit(date(2026, 3, 10), 9)
    assert GRUND in beteiligung.beendet_grund and beteiligung.verfuegung.nummer in beteiligung.beendet_grund
    assert beteiligung.history.first().history_user == sachbearbeitung2
    # The period may be decided anew (the ended participation no longer blocks it).
    with time_machine.travel(zeit(date(2026, 3, 10), 10), tick=False):
        neu = domain.kostenbeteiligung_erfassen(
            fall=beteiligung.fall,
            grundlage="arbeitsleistung",
            von=date(2026, 3, 1),
            bis=date(2026, 6, 30),
            einkommen_monatlich=Decimal("300.00"),
            abzuege_monatlich=Decimal("0.00"),
            betrag_pro_tag=Decimal("5.00"),
            begruendung="Neu berechnet.",
            durch=sachbearbeitung,
        )
    assert neu.pk != beteiligung.pk


@pytest.mark.rule("R-48-1", "R-0-VFG-4")
def test_gutgeheissene_beschwerde_beendet_und_wird_nicht_verrechnet(beteiligung, sachbearbeitung):
    _beschwerde(beteiligung, Beschwerdeergebnis.GUTGEHEISSEN, sachbearbeitung)
    assert beteiligung.beendet_am is not None and "gutgeheissen" in beteiligung.beendet_grund
    assert beteiligung.history.first().history_user == sachbearbeitung
    with pytest.raises(ValidationError) as exc:
        _maerz_abrechnen(beteiligung, sachbearbeitung)
    assert exc.value.error_dict["periode_von"][0].code == "leer"


@pytest.mark.rule("R-48-1", "R-0-VFG-4")
def test_abgewiesene_beschwerde_laesst_kostenbeteiligung_bestehen(beteiligung, sachbearbeitung):
    _beschwerde(beteiligung, Beschwerdeergebnis.ABGEWIESEN, sachbearbeitung)
    assert (beteiligung.beendet_am, beteiligung.beendet_grund) == (None, "")
    zeile = _maerz_abrechnen(beteiligung, sachbearbeitung).zeilen.get()
    assert (zeile.tage, zeile.betrag) == (31, Decimal("372.00"))
