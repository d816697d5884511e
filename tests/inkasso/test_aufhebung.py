"""Issue 23: a conversion into an Ersatzfreiheitsstrafe (Art. 36 StGB) or a revocation of gemeinnützige
Arbeit (Art. 79a StGB) whose Verfügung is lifted or set aside on appeal ends (reason, date, actor); a
rejected appeal changes nothing."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from inkasso import domain
from inkasso.models import Arbeitsstatus, Forderungsstatus
from tests.inkasso.hilfen import forderung
from verfuegungen import domain as verfuegungen
from verfuegungen.recht import Beschwerdeergebnis, EroeffnungArt

from .test_widerruf import _arbeit

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Zurich")
START = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
GRUND = "Wiedererwägung: Zahlungsvereinbarung übersehen"


def _durchlaufen(v, sb, sb2):
    verfuegungen.zur_genehmigung_vorlegen(verfuegung=v, durch=sb)
    verfuegungen.genehmigen(verfuegung=v, durch=sb2)
    return verfuegungen.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sb)


def _beschwerde(v, ergebnis, durch):
    v.refresh_from_db()
    heute = timezone.localdate()
    verfuegungen.beschwerde_erfassen(verfuegung=v, eingegangen_am=heute, durch=durch)
    v.refresh_from_db()
    verfuegungen.beschwerdeentscheid_erfassen(verfuegung=v, ergebnis=ergebnis, am=heute, durch=durch)


@pytest.fixture
def umwandlung(sachbearbeitung, sachbearbeitung2):
    """A conversion of CHF 1000 (10 days), notified on 2 March 2026 (appeal period running)."""
    with time_machine.travel(START, tick=False):
        f = forderung(sachbearbeitung, tagessaetze=10, tagessatz=Decimal("100.00"))
        domain.sofortige_zahlung_verlangen(
            forderung=f, begruendung="Wegzug ins Ausland", durch=sachbearbeitung
        )
        u = domain.umwandlung_beantragen(
            forderung=f, uneinbringlich_grund="Verlustschein", durch=sachbearbeitung
        )
        _durchlaufen(u.verfuegung, sachbearbeitung, sachbearbeitung2)
    u.refresh_from_db()
    return u


@pytest.mark.rule("R-STGB-36-1")
def test_aufgehobene_umwandlung_endet_kein_vollzugsfall(umwandlung, sachbearbeitung, sachbearbeitung2):
    u = umwandlung
    with time_machine.travel(START + timedelta(days=3), tick=False):
        verfuegungen.aufheben(verfuegung=u.verfuegung, grund=GRUND, durch=sachbearbeitung2)
    u.refresh_from_db()
    assert u.aufgehoben_am == START + timedelta(days=3)
    assert GRUND in u.aufhebung_grund and u.verfuegung.nummer in u.aufhebung_grund
    assert u.history.first().history_user == sachbearbeitung2
    with time_machine.travel(START + timedelta(days=30), tick=False):
        assert domain.vollzugsfaelle_melden() == 0
        with pytest.raises(ValidationError) as exc:
            domain.vollzugsfall_eroeffnen(umwandlung=u, durch=sachbearbeitung)
    assert exc.value.error_dict["verfuegung"][0].code == "aufgehoben"


@pytest.mark.rule("R-STGB-36-1")
def test_aufgehobene_umwandlung_nach_fallbeginn_beendet_ersatzfreiheitsstrafe(
    umwandlung, sachbearbeitung, sachbearbeitung2
):
    u = umwandlung
    with time_machine.travel(START + timedelta(days=30), tick=False):
        assert verfuegungen.rechtskraft_eintragen() == 1
        u = domain.vollzugsfall_eroeffnen(umwandlung=u, durch=sachbearbeitung)
        assert u.sanktion.dauer_tage == 10
        # Rechtskräftig and under way: a reconsideration lifts it all the same.
        u.verfuegung.refresh_from_db()
        verfuegungen.aufheben(verfuegung=u.verfuegung, grund=GRUND, durch=sachbearbeitung2)
    u.refresh_from_db()
    u.sanktion.refresh_from_db()
    u.forderung.refresh_from_db()
    assert u.aufgehoben_am is not None
    assert (u.sanktion.dauer_tage, u.forderung.status) == (0, Forderungsstatus.OFFEN)
    assert u.sanktion.history.first().history_user == sachbearbeitung2


@pytest.mark.rule("R-STGB-36-1")
def test_gutgeheissene_beschwerde_beendet_umwandlung(umwandlung, sachbearbeitung):
    u = umwandlung
    with time_machine.travel(START + timedelta(days=5), tick=False):
        _beschwerde(u.verfuegung, Beschwerdeergebnis.GUTGEHEISSEN, sachbearbeitung)
    u.refresh_from_db()
    assert u.aufgehoben_am is not None and "gutgeheissen" in u.aufhebung_grund
    assert u.history.first().history_user == sachbearbeitung


@pytest.mark.rule("R-STGB-36-1")
def test_abgewiesene_beschwerde_laesst_umwandlung_bestehen(umwandlung, sachbearbeitung):
    u = umwandlung
    with time_machine.travel(START + timedelta(days=5), tick=False):
        _beschwerde(u.verfuegung, Beschwerdeergebnis.ABGEWIESEN, sachbearbeitung)
    u.refresh_from_db()
    assert (u.aufgehoben_am, u.aufhebung_grund) == (None, "")


# --- Revocation of gemeinnützige Arbeit (Art. 79a Abs. 6 StGB) -------------------------------------------


@pytest.fixture
def widerrufen(sachbearbeitung, sachbearbeitung2):
    f, a = _arbeit(sachbearbeitung)
    a = domain.arbeit_widerrufen(arbeit=a, begruendung="Zweimal nicht erschienen", durch=sachbearbeitung)
    _durchlaufen(a.widerruf_verfuegung, sachbearbeitung, sachbearbeitung2)
    a.refresh_from_db()
    f.refresh_from_db()
    assert (a.status, f.status) == (Arbeitsstatus.WIDERRUFEN, Forderungsstatus.OFFEN)
    return f, a


@pytest.mark.rule("R-STGB-79A-1")
def test_aufgehobener_widerruf_arbeit_laeuft_weiter(widerrufen, sachbearbeitung, sachbearbeitung2):
    f, a = widerrufen
    verfuegungen.aufheben(verfuegung=a.widerruf_verfuegung, grund=GRUND, durch=sachbearbeitung2)
    a.refresh_from_db()
    f.refresh_from_db()
    assert (a.status, f.status) == (Arbeitsstatus.LAUFEND, Forderungsstatus.GEMEINNUETZIG)
    assert a.widerruf_aufgehoben_am is not None and GRUND in a.widerruf_aufgehoben_grund
    assert a.history.first().history_user == sachbearbeitung2
    # Hours may be logged again.
    domain.einsatz_erfassen(arbeit=a, datum=timezone.localdate(), stunden=Decimal("4"), durch=sachbearbeitung)


@pytest.mark.rule("R-STGB-79A-1")
def test_gutgeheissene_beschwerde_beendet_widerruf(widerrufen, sachbearbeitung):
    f, a = widerrufen
    _beschwerde(a.widerruf_verfuegung, Beschwerdeergebnis.GUTGEHEISSEN, sachbearbeitung)
    a.refresh_from_db()
    f.refresh_from_db()
    assert (a.status, f.status) == (Arbeitsstatus.LAUFEND, Forderungsstatus.GEMEINNUETZIG)
    assert "gutgeheissen" in a.widerruf_aufgehoben_grund
    # The set-aside revocation no longer blocks a new one.
    a = domain.arbeit_widerrufen(arbeit=a, begruendung="Wieder nicht erschienen", durch=sachbearbeitung)
    assert a.widerruf_verfuegung.status == "entwurf"


@pytest.mark.rule("R-STGB-79A-1")
def test_abgewiesene_beschwerde_laesst_widerruf_bestehen(widerrufen, sachbearbeitung):
    f, a = widerrufen
    _beschwerde(a.widerruf_verfuegung, Beschwerdeergebnis.ABGEWIESEN, sachbearbeitung)
    a.refresh_from_db()
    f.refresh_from_db()
    assert (a.status, f.status, a.widerruf_aufgehoben_am) == (
        Arbeitsstatus.WIDERRUFEN,
        Forderungsstatus.OFFEN,
        None,
    )
