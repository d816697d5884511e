"""Issue 23: lifting the § 31 order, or an upheld appeal against it, ends the measure (reason, date, actor)."""

import pytest
from django.utils import timezone

from sicherheitsmassnahmen.recht import Massnahmenstatus
from verfuegungen import domain as vfg
from verfuegungen.recht import Beschwerdeergebnis

from .hilfen import aktiv, fixture_fall_a  # noqa: F401  (fixture fall_a)


def _beschwerde(m, ergebnis, durch):
    heute = timezone.localdate()
    vfg.beschwerde_erfassen(verfuegung=m.verfuegung, eingegangen_am=heute, durch=durch)
    m.verfuegung.refresh_from_db()
    vfg.beschwerdeentscheid_erfassen(verfuegung=m.verfuegung, ergebnis=ergebnis, am=heute, durch=durch)
    m.refresh_from_db()
    return m


@pytest.mark.rule("R-0-VFG-4")
def test_aufgehobene_anordnung_beendet_die_massnahme(fall_a, personal_a, leitung_a):
    m = aktiv(fall_a, personal_a, leitung_a)
    vor = timezone.now()
    vfg.aufheben(verfuegung=m.verfuegung, grund="Wiedererwägung: Sachverhalt unzutreffend", durch=leitung_a)
    m.refresh_from_db()
    assert m.status == Massnahmenstatus.BEENDET
    assert m.beendet_am >= vor and m.beendet_durch == leitung_a
    assert m.verfuegung.nummer in m.beendigungsgrund
    assert "Wiedererwägung: Sachverhalt unzutreffend" in m.beendigungsgrund
    letzte = m.history.first()
    assert (letzte.history_user, letzte.status) == (leitung_a, Massnahmenstatus.BEENDET)


@pytest.mark.rule("R-0-VFG-4")
@pytest.mark.parametrize(
    "ergebnis", [Beschwerdeergebnis.GUTGEHEISSEN, Beschwerdeergebnis.TEILWEISE_GUTGEHEISSEN]
)
def test_gutgeheissene_beschwerde_beendet_die_massnahme(
    fall_a, personal_a, leitung_a, sachbearbeitung, ergebnis
):
    m = _beschwerde(aktiv(fall_a, personal_a, leitung_a), ergebnis, sachbearbeitung)
    assert m.status == Massnahmenstatus.BEENDET
    assert "Beschwerde gegen Verfügung" in m.beendigungsgrund and "gutgeheissen" in m.beendigungsgrund
    assert m.beendet_durch == sachbearbeitung
    assert m.history.first().history_user == sachbearbeitung


@pytest.mark.rule("R-0-VFG-4")
@pytest.mark.parametrize("ergebnis", [Beschwerdeergebnis.ABGEWIESEN, Beschwerdeergebnis.NICHTEINTRETEN])
def test_abgewiesene_beschwerde_laesst_die_massnahme_bestehen(
    fall_a, personal_a, leitung_a, sachbearbeitung, ergebnis
):
    m = _beschwerde(aktiv(fall_a, personal_a, leitung_a), ergebnis, sachbearbeitung)
    assert (m.status, m.beendet_am, m.beendigungsgrund) == (Massnahmenstatus.AKTIV, None, "")


def test_abgelehnter_antrag_ordnete_nichts_an(fall_a, personal_a, leitung_a):
    """Just outside: a decision lifted before Eröffnung ordered nothing; the request stays a request."""
    from .hilfen import beantragen

    m = beantragen(fall_a, personal_a)
    vfg.aufheben(verfuegung=m.verfuegung, grund="Nicht nötig", durch=leitung_a)
    m.refresh_from_db()
    assert (m.status, m.beendet_am) == (Massnahmenstatus.BEANTRAGT, None)


def test_schon_beendete_massnahme_bleibt_wie_sie_ist(fall_a, personal_a, leitung_a):
    from sicherheitsmassnahmen import domain

    m = aktiv(fall_a, personal_a, leitung_a)
    domain.massnahme_aufheben(massnahme=m, grund="Gefahr gebannt.", durch=leitung_a)
    vfg.aufheben(verfuegung=m.verfuegung, grund="Aufgehoben", durch=leitung_a)
    m.refresh_from_db()
    assert (m.status, m.beendigungsgrund) == (Massnahmenstatus.BEENDET, "Gefahr gebannt.")
