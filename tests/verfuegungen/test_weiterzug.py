"""§ 43 Abs. 2 JVG: after a rejected appeal the decision stands, but becomes rechtskräftig only when the
further appeal deadline passes unused (job, R-0-VFG-3) or — after a further appeal — on the date the
court certifies. Enforceability (R-0-VFG-4) waits for that where the appeal had suspensive effect."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kern.fristen import TZ, tagesfrist
from verfuegungen import domain, permissions, recht
from verfuegungen.recht import Beschwerdeergebnis, Verfuegungsstatus, Verfuegungstyp

from .test_verfuegungen import _behoerde_genehmigt, _eroeffnen, _meldung, disziplinar_eroeffnet, fall_a  # noqa: F401

pytestmark = pytest.mark.django_db

S = Verfuegungsstatus
T = Verfuegungstyp
E = Beschwerdeergebnis


def _abgewiesen(v, durch, *, ergebnis=E.ABGEWIESEN, am=date(2026, 4, 20), zugestellt_am=date(2026, 4, 22)):
    domain.beschwerde_erfassen(verfuegung=v, eingegangen_am=date(2026, 4, 2), durch=durch)
    v.refresh_from_db()
    b = domain.beschwerdeentscheid_erfassen(
        verfuegung=v, ergebnis=ergebnis, am=am, zugestellt_am=zugestellt_am, durch=durch
    )
    v.refresh_from_db()
    return v, b


@pytest.fixture
def versetzung_eroeffnet(sachbearbeitung, sachbearbeitung2, fall_a):  # noqa: F811
    with time_machine.travel(datetime(2026, 3, 30, 10, 0, tzinfo=TZ), tick=False):
        v = _behoerde_genehmigt(T.VERSETZUNG_17, sachbearbeitung, sachbearbeitung2, fall_a)
        return _eroeffnen(v, sachbearbeitung)


@pytest.mark.rule("R-0-VFG-3", "R-0-VFG-5")
def test_abgewiesen_rechtskraeftig_erst_nach_unbenuetzter_weiterzugsfrist(
    disziplinar_eroeffnet,  # noqa: F811
    sachbearbeitung,
):
    v, b = _abgewiesen(disziplinar_eroeffnet, sachbearbeitung)
    # JSD decided (§ 42) → Kantonsgericht, 20 days from service on Wed 22.04.2026 → Tue 12.05.2026.
    assert (b.weiterzug_instanz, b.weiterzug_frist_ende) == (recht.KANTONSGERICHT, date(2026, 5, 12))
    assert b.weiterzug_frist_ende == tagesfrist(date(2026, 4, 22), 20).ende
    assert domain.rechtskraft_eintragen(heute=date(2026, 5, 12)) == 0  # the last day counts fully
    v.refresh_from_db()
    assert v.status == S.BESCHWERDEENTSCHEID and v.rechtskraeftig_am is None
    assert domain.rechtskraft_eintragen(heute=date(2026, 5, 13)) == 1
    v.refresh_from_db()
    assert (v.status, v.rechtskraeftig_am) == (S.RECHTSKRAEFTIG, date(2026, 5, 13))
    eintrag = v.history.first()
    assert eintrag.history_user.username == "job:rechtskraft"
    assert (
        eintrag.history_change_reason == "Rechtskräftig: Weiterzugsfrist am 12.05.2026 unbenützt abgelaufen"
    )
    assert domain.rechtskraft_eintragen(heute=date(2026, 6, 1)) == 0  # idempotent


@pytest.mark.rule("R-0-VFG-3", "R-0-VFG-5")
def test_weiterzug_haelt_rechtskraft_auf_bis_zur_bescheinigung(disziplinar_eroeffnet, sachbearbeitung):  # noqa: F811
    v, b = _abgewiesen(disziplinar_eroeffnet, sachbearbeitung)
    assert permissions.erlaubte_aktionen(v, sachbearbeitung) >= {"weiterzug"}
    with pytest.raises(ValidationError) as e:
        domain.rechtskraft_feststellen(verfuegung=v, am=date(2026, 6, 1), durch=sachbearbeitung)
    assert _meldung(e, "am").startswith("R-0-VFG-3: Ohne Weiterzug")
    with pytest.raises(ValidationError) as e:
        domain.weiterzug_erfassen(verfuegung=v, eingegangen_am=date(2026, 4, 21), durch=sachbearbeitung)
    assert (
        _meldung(e, "eingegangen_am")
        == "Der Weiterzug kann nicht vor der Zustellung des Beschwerdeentscheids liegen."
    )
    b = domain.weiterzug_erfassen(verfuegung=v, eingegangen_am=date(2026, 5, 12), durch=sachbearbeitung)
    assert b.weitergezogen_am == date(2026, 5, 12)
    assert b.history.first().history_change_reason == f"Weiterzug an {recht.KANTONSGERICHT}"
    v.refresh_from_db()
    assert permissions.erlaubte_aktionen(v, sachbearbeitung) >= {"rechtskraft"}
    assert domain.rechtskraft_eintragen(heute=date(2027, 1, 1)) == 0
    with pytest.raises(ValidationError) as e:
        domain.rechtskraft_feststellen(verfuegung=v, am=date(2026, 5, 11), durch=sachbearbeitung)
    assert _meldung(e, "am") == "Die Rechtskraft liegt zwischen dem Weiterzug und heute (R-0-VFG-3)."
    v = domain.rechtskraft_feststellen(verfuegung=v, am=date(2026, 9, 3), durch=sachbearbeitung)
    assert (v.status, v.rechtskraeftig_am) == (S.RECHTSKRAEFTIG, date(2026, 9, 3))
    assert v.history.first().history_user == sachbearbeitung


@pytest.mark.rule("R-0-VFG-5")
def test_weiterzug_nur_nach_abweisung_und_nicht_doppelt(disziplinar_eroeffnet, sachbearbeitung, personal_b):  # noqa: F811
    v, b = _abgewiesen(disziplinar_eroeffnet, sachbearbeitung, ergebnis=E.GUTGEHEISSEN)
    assert (b.weiterzug_frist_ende, b.weiterzug_instanz) == (None, "")
    assert domain.rechtskraft_eintragen(heute=date(2027, 1, 1)) == 0  # upheld: nothing becomes binding
    with pytest.raises(ValidationError) as e:
        domain.weiterzug_erfassen(verfuegung=v, eingegangen_am=date(2026, 5, 1), durch=sachbearbeitung)
    assert _meldung(e, "eingegangen_am").startswith(
        "§ 43 Abs. 2 JVG (R-0-VFG-5): Nur nach einer abgewiesenen"
    )
    assert "weiterzug" not in permissions.erlaubte_aktionen(v, sachbearbeitung)


@pytest.mark.rule("R-0-VFG-5")
def test_zustellung_vor_entscheid_oder_in_zukunft_abgelehnt(disziplinar_eroeffnet, sachbearbeitung):  # noqa: F811
    v = disziplinar_eroeffnet
    domain.beschwerde_erfassen(verfuegung=v, eingegangen_am=date(2026, 4, 2), durch=sachbearbeitung)
    v.refresh_from_db()
    for falsch in (date(2026, 4, 19), date.today() + timedelta(days=1)):
        with pytest.raises(ValidationError) as e:
            domain.beschwerdeentscheid_erfassen(
                verfuegung=v,
                ergebnis=E.ABGEWIESEN,
                am=date(2026, 4, 20),
                zugestellt_am=falsch,
                durch=sachbearbeitung,
            )
        assert _meldung(e, "zugestellt_am").startswith("Die Zustellung liegt zwischen")
    v.refresh_from_db()
    assert v.status == S.ANGEFOCHTEN  # nothing half-saved
    b = domain.beschwerdeentscheid_erfassen(
        verfuegung=v, ergebnis=E.NICHTEINTRETEN, am=date(2026, 4, 20), durch=sachbearbeitung
    )
    assert b.entscheid_zugestellt_am == date(2026, 4, 20)  # default: the decision's date


@pytest.mark.rule("R-0-VFG-4", "R-0-VFG-3")
def test_mit_aufschiebender_wirkung_erst_nach_rechtskraft_vollstreckbar(
    versetzung_eroeffnet, sachbearbeitung
):
    v, b = _abgewiesen(versetzung_eroeffnet, sachbearbeitung)
    assert v.aufschiebende_wirkung is True
    assert domain.ist_vollstreckbar(v) is False  # § 43 Abs. 2: a further appeal is still possible
    assert domain.rechtskraft_eintragen(heute=b.weiterzug_frist_ende + timedelta(days=1)) == 1
    v.refresh_from_db()
    assert domain.ist_vollstreckbar(v) is True


@pytest.mark.rule("R-0-VFG-4")
def test_ohne_aufschiebende_wirkung_nach_abweisung_vollstreckbar(disziplinar_eroeffnet, sachbearbeitung):  # noqa: F811
    v, _ = _abgewiesen(disziplinar_eroeffnet, sachbearbeitung)
    assert domain.ist_vollstreckbar(v) is True  # § 44 Abs. 1 lit. b


@pytest.mark.rule("R-0-VFG-5")
def test_kantonsgericht_abgewiesen_weiterzug_ans_bundesgericht_30_tage():
    assert recht.weiterzug(recht.KANTONSGERICHT) == (recht.BUNDESGERICHT, 30)
    assert recht.weiterzug(recht.JSD) == (recht.KANTONSGERICHT, 20)


@pytest.mark.rule("R-0-VFG-5", "R-0-BAD-1")
def test_browser_und_api_weiterzug(disziplinar_eroeffnet, sachbearbeitung, personal_b, client_als):  # noqa: F811
    v, _ = _abgewiesen(disziplinar_eroeffnet, sachbearbeitung)
    client = client_als(sachbearbeitung)
    seite = client.get(reverse("verfuegungen:detail", args=[v.pk]))
    assert "Weiterzug erfassen (§ 43 Abs. 2 JVG)" in seite.content.decode()
    assert "Frist bis 12.05.2026" in seite.content.decode()
    url = f"/api/v1/verfuegungen/{v.pk}/weiterzug/"
    antwort = client.post(url, {"eingegangenAm": "2026-04-01"}, content_type="application/json")
    assert antwort.status_code == 400
    assert antwort.json()["eingegangenAm"] == [
        "Der Weiterzug kann nicht vor der Zustellung des Beschwerdeentscheids liegen."
    ]
    antwort = client.post(url, {"eingegangenAm": "2026-05-04"}, content_type="application/json")
    assert antwort.status_code == 200, antwort.content
    assert antwort.json()["beschwerde"]["weitergezogenAm"] == "2026-05-04"
    antwort = client.post(
        f"/api/v1/verfuegungen/{v.pk}/rechtskraft/",
        {"rechtskraeftigAm": "2026-08-01"},
        content_type="application/json",
    )
    assert antwort.status_code == 200, antwort.content
    assert antwort.json()["status"] == S.RECHTSKRAEFTIG
    # Facility staff of another facility do not see the decision at all (R-0-ROLE-1).
    assert (
        client_als(personal_b)
        .post(url, {"eingegangenAm": "2026-05-04"}, content_type="application/json")
        .status_code
        == 404
    )


def test_weiterzug_ohne_recht_verweigert(disziplinar_eroeffnet, sachbearbeitung, personal_a):  # noqa: F811
    v, _ = _abgewiesen(disziplinar_eroeffnet, sachbearbeitung)
    with pytest.raises(PermissionDenied):
        domain.weiterzug_erfassen(verfuegung=v, eingegangen_am=date(2026, 5, 1), durch=personal_a)
