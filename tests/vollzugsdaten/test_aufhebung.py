"""Issue 23: a decision on conditional release whose Verfügung is lifted or set aside on appeal ends (reason,
date, actor) and the examination is due anew (Art. 86 Abs. 2 StGB); a rejected appeal changes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from verfuegungen import domain as vs
from verfuegungen.recht import Beschwerdeergebnis
from vollzugsdaten import domain
from vollzugsdaten.models import Entlassungspruefung
from vollzugsdaten.recht import Ergebnis, Pruefungsstatus

from .test_entlassung import _eroeffnen, _vorbereitet, pruefung  # noqa: F401  (fixture)

GRUND = "Wiedererwägung: neuer Bericht der Einrichtung"


def _beschwerde(v, ergebnis, durch):
    heute = timezone.localdate()
    vs.beschwerde_erfassen(verfuegung=v, eingegangen_am=heute, durch=durch)
    v.refresh_from_db()
    vs.beschwerdeentscheid_erfassen(verfuegung=v, ergebnis=ergebnis, am=heute, durch=durch)


@pytest.fixture
def gewaehrt(pruefung, sachbearbeitung, sachbearbeitung2, leitung_a):  # noqa: F811
    """A grant to be released today, notified (in force, appeal period running)."""
    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    v = domain.entscheid_entwerfen(
        pruefung=p,
        ergebnis=Ergebnis.GEWAEHRT,
        begruendung="Gute Prognose.",
        entlassung_am=timezone.localdate(),
        probezeit_jahre=2,
        durch=sachbearbeitung,
    )
    v = _eroeffnen(v, sachbearbeitung, sachbearbeitung2)
    p.refresh_from_db()
    return p, v


def _offene(fall):
    return list(
        Entlassungspruefung.objects.filter(fall=fall)
        .exclude(status=Pruefungsstatus.ENTSCHIEDEN)
        .values_list("faellig_am", flat=True)
    )


@pytest.mark.rule("R-STGB-86-2")
def test_aufgehobene_gewaehrung_endet_und_pruefung_neu_faellig(gewaehrt, sachbearbeitung, sachbearbeitung2):
    p, v = gewaehrt
    assert _offene(p.fall) == []
    vs.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    p.refresh_from_db()
    assert p.aufgehoben_am is not None and GRUND in p.aufhebung_grund and v.nummer in p.aufhebung_grund
    assert p.history.first().history_user == sachbearbeitung2
    assert _offene(p.fall) == [timezone.localdate()]
    with pytest.raises(ValidationError) as e:
        domain.bedingt_entlassen(pruefung=p, am=timezone.now(), durch=sachbearbeitung)
    assert e.value.error_dict["am"][0].code == "aufgehoben"


@pytest.mark.rule("R-STGB-86-2")
def test_gutgeheissene_beschwerde_beendet_gewaehrung(gewaehrt, sachbearbeitung):
    p, v = gewaehrt
    _beschwerde(v, Beschwerdeergebnis.GUTGEHEISSEN, sachbearbeitung)
    p.refresh_from_db()
    assert p.aufgehoben_am is not None and "gutgeheissen" in p.aufhebung_grund
    assert p.history.first().history_user == sachbearbeitung
    assert _offene(p.fall) == [timezone.localdate()]


@pytest.mark.rule("R-STGB-86-2")
def test_abgewiesene_beschwerde_laesst_gewaehrung_bestehen(gewaehrt, sachbearbeitung):
    p, v = gewaehrt
    _beschwerde(v, Beschwerdeergebnis.ABGEWIESEN, sachbearbeitung)
    p.refresh_from_db()
    assert (p.aufgehoben_am, p.aufhebung_grund, p.ergebnis) == (None, "", Ergebnis.GEWAEHRT)
    assert _offene(p.fall) == []


@pytest.mark.rule("R-STGB-86-3", grenze=True)
def test_aufgehobene_verweigerung_holt_die_neue_pruefung_auf_heute_vor(
    pruefung,  # noqa: F811
    sachbearbeitung,
    sachbearbeitung2,
    leitung_a,
):
    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    v = domain.entscheid_entwerfen(
        pruefung=p, ergebnis=Ergebnis.VERWEIGERT, begruendung="Ungünstig.", durch=sachbearbeitung
    )
    v = _eroeffnen(v, sachbearbeitung, sachbearbeitung2)
    heute = timezone.localdate()
    assert _offene(p.fall) == [heute.replace(year=heute.year + 1)]
    vs.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    assert _offene(p.fall) == [heute]  # one examination, due today: not a second one
    p.refresh_from_db()
    assert p.aufgehoben_am is not None
