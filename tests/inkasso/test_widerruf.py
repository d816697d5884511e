"""R-STGB-79A-1 (Art. 79a StGB): revoking gemeinnützige Arbeit not done is a Verfügung of the shared
lifecycle; the claim revives only at its Eröffnung. R-STGB-36-1: the enforceable conversion opens its
execution case without a desk click where a human acts (Eröffnung), else a task in the work basket."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from inkasso import domain
from inkasso.models import Arbeitsstatus, Forderungsstatus, Umwandlung
from inkasso.recht import InkassoAufgabenart
from kern import erweiterungen
from kern.models import Aufgabe, Joblauf
from kern.rollen import Rolle
from tests.inkasso.hilfen import forderung
from verfuegungen import domain as verfuegungen
from verfuegungen.recht import EroeffnungArt, Verfuegungsstatus, Verfuegungstyp

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Zurich")


def _arbeit(sb, **kw):
    f = forderung(sb, tagessaetze=5, tagessatz=Decimal("80.00"))  # CHF 400 → 5 days → 20 hours
    a = domain.arbeit_bewilligen(
        forderung=f,
        einsatzbetrieb="Werkhof Kriens",
        frist_bis=timezone.localdate() + timedelta(days=60),
        durch=sb,
    )
    return f, a


def _genehmigen(v, sb, sb2):
    verfuegungen.zur_genehmigung_vorlegen(verfuegung=v, durch=sb)
    return verfuegungen.genehmigen(verfuegung=v, durch=sb2)


def _eroeffnen(v, sb):
    return verfuegungen.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sb)


@pytest.mark.rule("R-STGB-79A-1")
def test_widerruf_ist_verfuegung_forderung_lebt_erst_mit_eroeffnung_auf(sachbearbeitung, sachbearbeitung2):
    f, a = _arbeit(sachbearbeitung)
    domain.einsatz_erfassen(arbeit=a, datum=timezone.localdate(), stunden=Decimal("4"), durch=sachbearbeitung)
    a = domain.arbeit_widerrufen(arbeit=a, begruendung="Zweimal nicht erschienen", durch=sachbearbeitung)
    v = a.widerruf_verfuegung
    assert (v.typ, v.status, v.person_id) == (
        Verfuegungstyp.BUNDESRECHT,
        Verfuegungsstatus.ENTWURF,
        f.person_id,
    )
    assert "Art. 79a Abs. 6" in v.rechtsgrundlage and "4.00 Stunden" in v.sachverhalt
    assert v.gegenstand == a
    assert "Zweimal nicht erschienen" in v.begruendung and "lebt" in v.dispositiv
    # Draft and approval change nothing yet: the work runs on.
    _genehmigen(v, sachbearbeitung, sachbearbeitung2)
    f.refresh_from_db()
    a.refresh_from_db()
    assert (a.status, f.status) == (Arbeitsstatus.LAUFEND, Forderungsstatus.GEMEINNUETZIG)
    # A second revocation while one is pending is refused.
    with pytest.raises(ValidationError) as exc:
        domain.arbeit_widerrufen(arbeit=a, begruendung="Nochmals", durch=sachbearbeitung)
    assert exc.value.error_dict["status"][0].code == "doppelt"
    # Eröffnung: the claim revives for the part not worked off (1 day of 5 done: CHF 320 open), due now.
    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False):
        _eroeffnen(v, sachbearbeitung)
        f.refresh_from_db()
        a.refresh_from_db()
        assert (a.status, f.status, f.saldo) == (
            Arbeitsstatus.WIDERRUFEN,
            Forderungsstatus.OFFEN,
            Decimal("320.00"),
        )
        assert f.zahlungsfrist == timezone.localdate()
    # Every write has its actor: the one who notified.
    assert a.history.first().history_user == sachbearbeitung
    assert f.history.first().history_user == sachbearbeitung
    assert "Art. 79a" in f.history.first().history_change_reason


@pytest.mark.rule("R-STGB-79A-1")
def test_widerruf_grenzen_und_berechtigung(sachbearbeitung, revision):
    f, a = _arbeit(sachbearbeitung)
    with pytest.raises(PermissionDenied):
        domain.arbeit_widerrufen(arbeit=a, begruendung="x", durch=revision)
    for leer in ("", "   "):
        with pytest.raises(ValidationError) as exc:
            domain.arbeit_widerrufen(arbeit=a, begruendung=leer, durch=sachbearbeitung)
        assert exc.value.error_dict["begruendung"][0].code == "grund"
        assert "Art. 79a Abs. 6 StGB" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        domain.arbeit_widerrufen(arbeit=a, begruendung="x" * 2001, durch=sachbearbeitung)
    assert exc.value.error_dict["begruendung"][0].code == "zu_lang"
    a.refresh_from_db()
    assert a.widerruf_verfuegung_id is None
    a = domain.arbeit_widerrufen(arbeit=a, begruendung="x" * 2000, durch=sachbearbeitung)
    # A lifted draft may be replaced by a new one.
    verfuegungen.aufheben(verfuegung=a.widerruf_verfuegung, grund="Doch erschienen", durch=sachbearbeitung)
    erste = a.widerruf_verfuegung_id
    a = domain.arbeit_widerrufen(arbeit=a, begruendung="Wieder nicht erschienen", durch=sachbearbeitung)
    assert a.widerruf_verfuegung_id != erste


@pytest.mark.rule("R-STGB-79A-1")
def test_arbeit_inzwischen_geleistet_verweigert_eroeffnung(sachbearbeitung, sachbearbeitung2):
    f, a = _arbeit(sachbearbeitung)
    a = domain.arbeit_widerrufen(arbeit=a, begruendung="Frist verpasst", durch=sachbearbeitung)
    v = _genehmigen(a.widerruf_verfuegung, sachbearbeitung, sachbearbeitung2)
    # The person still works off every hour before the Eröffnung.
    domain.einsatz_erfassen(
        arbeit=a, datum=timezone.localdate(), stunden=Decimal("20"), durch=sachbearbeitung
    )
    spaeter = timezone.now() + timedelta(hours=1)
    with time_machine.travel(spaeter, tick=False), pytest.raises(ValidationError) as exc:
        _eroeffnen(v, sachbearbeitung)
    assert exc.value.error_dict["verfuegung"][0].code == "arbeit_abgeschlossen"
    assert "Art. 79a" in exc.value.messages[0]
    v.refresh_from_db()
    f.refresh_from_db()
    assert (v.status, f.status) == (Verfuegungsstatus.GENEHMIGT, Forderungsstatus.BEZAHLT)
    # Nothing else is run while the work is running (boundary: the check only refuses finished work).
    with pytest.raises(ValidationError):
        domain.arbeit_widerrufen(arbeit=a, begruendung="x", durch=sachbearbeitung)


def _umwandlung(sb):
    f = forderung(sb, tagessaetze=10, tagessatz=Decimal("100.00"))
    domain.sofortige_zahlung_verlangen(forderung=f, begruendung="Wegzug ins Ausland", durch=sb)
    return f, domain.umwandlung_beantragen(forderung=f, uneinbringlich_grund="Verlustschein", durch=sb)


@pytest.mark.rule("R-STGB-36-1")
def test_vollstreckbar_ab_eroeffnung_oeffnet_fall_ohne_klick(sachbearbeitung, sachbearbeitung2):
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=TZ), tick=False):
        f, u = _umwandlung(sachbearbeitung)
        # The deciding authority withdraws suspensive effect (§ 44 JVG, R-0-VFG-4) in the draft.
        verfuegungen.aufschiebende_wirkung_entziehen(
            verfuegung=u.verfuegung, begruendung="Fluchtgefahr", durch=sachbearbeitung
        )
        _genehmigen(u.verfuegung, sachbearbeitung, sachbearbeitung2)
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=TZ), tick=False):
        _eroeffnen(u.verfuegung, sachbearbeitung)
    u.refresh_from_db()
    f.refresh_from_db()
    assert u.fall is not None and f.status == Forderungsstatus.UMGEWANDELT
    assert u.sanktion.dauer_tage == 10
    # Opened by the human who notified, not by a system account.
    assert u.fall.history.first().history_user == sachbearbeitung
    assert domain.vollzugsfaelle_melden() == 0  # nothing left for the work basket


@pytest.mark.rule("R-STGB-36-1")
def test_nach_rechtskraft_aufgabe_vollzugsfall_eroeffnen(
    sachbearbeitung, sachbearbeitung2, revision, client_als
):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
    with time_machine.travel(start, tick=False):
        f, u = _umwandlung(sachbearbeitung)
        _genehmigen(u.verfuegung, sachbearbeitung, sachbearbeitung2)
        _eroeffnen(u.verfuegung, sachbearbeitung)
        # Suspensive effect (§ 43 Abs. 2 lit. a JVG): not enforceable yet – no case, no task.
        assert domain.vollzugsfaelle_melden() == 0
    u.refresh_from_db()
    assert u.fall_id is None and u.aufgabe_id is None
    with time_machine.travel(start + timedelta(days=30), tick=False):
        assert verfuegungen.rechtskraft_eintragen() == 1
        assert domain.vollzugsfaelle_melden() == 1
        assert domain.vollzugsfaelle_melden() == 0  # idempotent: one task per conversion
        u.refresh_from_db()
        aufgabe = u.aufgabe
        assert (aufgabe.art, aufgabe.fuer_rolle) == (
            InkassoAufgabenart.VOLLZUGSFALL_EROEFFNEN,
            Rolle.SACHBEARBEITUNG,
        )
        assert aufgabe.faellig_am <= timezone.now() and aufgabe.erledigt_am is None
        assert f.nummer in aufgabe.titel and "Art. 36" in aufgabe.titel
        assert aufgabe.history.first().history_user.username == "job:inkasso-vollzugsfaelle"
        assert erweiterungen.aufgabenart_bezeichnung(aufgabe.art) == "Vollzugsfall eröffnen (Art. 36 StGB)"
        # In the case workers' work basket (start page), not in Revision's.
        assert aufgabe.titel in client_als(sachbearbeitung).get(reverse("start")).content.decode()
        assert aufgabe.titel not in client_als(revision).get(reverse("start")).content.decode()
        # The system account never opens the case: the case worker does, and that closes the task.
        assert u.fall_id is None
        u = domain.vollzugsfall_eroeffnen(umwandlung=u, durch=sachbearbeitung)
        aufgabe.refresh_from_db()
        assert aufgabe.erledigt_am is not None and aufgabe.erledigt_durch == sachbearbeitung
        assert u.fall.history.first().history_user == sachbearbeitung
        assert Aufgabe.objects.filter(erledigt_am__isnull=True, art=aufgabe.art).count() == 0
        assert Umwandlung.objects.filter(fall__isnull=True).count() == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("R-STGB-36-1")
def test_vollzugsfaelle_job_mit_laufprotokoll(sachbearbeitung):
    from inkasso.tasks import vollzugsfaelle_melden

    assert vollzugsfaelle_melden.name == "inkasso.vollzugsfaelle_melden"
    assert vollzugsfaelle_melden() == 0
    lauf = Joblauf.objects.get(job="inkasso.vollzugsfaelle_melden")
    assert lauf.status == Joblauf.Status.ERFOLGREICH


@pytest.mark.rule("R-STGB-79A-1")
def test_widerruf_im_browser(sachbearbeitung, revision, client_als):
    f, a = _arbeit(sachbearbeitung)
    url = reverse("inkasso:widerruf", args=[a.pk])
    assert client_als(revision).post(url, {"begruendung": "x"}).status_code == 403
    client = client_als(sachbearbeitung)
    antwort = client.post(url, {"begruendung": ""}, follow=True)
    a.refresh_from_db()
    assert a.widerruf_verfuegung_id is None and "begründen" in antwort.content.decode()
    antwort = client.post(url, {"begruendung": "Trotz Mahnung vom 1.3. nicht erschienen"}, follow=True)
    a.refresh_from_db()
    seite = antwort.content.decode()
    assert a.widerruf_verfuegung is not None and a.status == Arbeitsstatus.LAUFEND
    assert "Widerruf verfügt" in seite and a.widerruf_verfuegung.nummer in seite
    assert "Nicht geleistet: Widerruf verfügen" not in seite  # no second draft offered
    f.refresh_from_db()
    assert f.status == Forderungsstatus.GEMEINNUETZIG


@pytest.mark.rule("R-STGB-36-1")
def test_inzwischen_bezahlt_verweigert_eroeffnung_der_umwandlung(sachbearbeitung, sachbearbeitung2):
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=TZ), tick=False):
        f, u = _umwandlung(sachbearbeitung)
        _genehmigen(u.verfuegung, sachbearbeitung, sachbearbeitung2)
        # Boundary: CHF 0.01 still open → the Eröffnung goes ahead later; paid in full → refused.
        domain.zahlung_erfassen(
            forderung=f, betrag=Decimal("999.99"), valuta=timezone.localdate(), durch=sachbearbeitung
        )
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=TZ), tick=False):
        domain.zahlung_erfassen(
            forderung=f, betrag=Decimal("0.01"), valuta=timezone.localdate(), durch=sachbearbeitung
        )
        with pytest.raises(ValidationError) as exc:
            _eroeffnen(u.verfuegung, sachbearbeitung)
    assert exc.value.error_dict["verfuegung"][0].code == "bezahlt"
    assert "Art. 36 Abs. 1 StGB" in exc.value.messages[0]
    u.verfuegung.refresh_from_db()
    assert u.verfuegung.status == Verfuegungsstatus.GENEHMIGT


@pytest.mark.rule("R-STGB-36-1")
def test_rest_offen_eroeffnung_der_umwandlung_geht(sachbearbeitung, sachbearbeitung2):
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=TZ), tick=False):
        f, u = _umwandlung(sachbearbeitung)
        _genehmigen(u.verfuegung, sachbearbeitung, sachbearbeitung2)
        domain.zahlung_erfassen(
            forderung=f, betrag=Decimal("999.99"), valuta=timezone.localdate(), durch=sachbearbeitung
        )
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=TZ), tick=False):
        v = _eroeffnen(u.verfuegung, sachbearbeitung)
    assert v.status == Verfuegungsstatus.EROEFFNET
