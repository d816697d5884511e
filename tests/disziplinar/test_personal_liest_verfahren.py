"""Issue 17: facility staff open a disciplinary proceeding of their facility read-only.

Roles table: staff report incidents (Rapport) and draft proposals, and see only persons placed in their
facility. So staff of the facility where the offence happened read its proceedings on persons placed there
now (`queries.verfahren_fuer_user`); the management's actions stay the management's: no forms on the page,
a POST answers 403 and changes nothing. Staff of another facility do not see the proceeding (404)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from disziplinar.domain import SanktionDaten
from disziplinar.models import Disziplinarverfahren
from disziplinar.recht import Disziplinarsanktionsart as A
from disziplinar.recht import Sanktionsstatus, Verfahrensstatus
from kern.rollen import Rolle
from tests.factories import fall_anlegen
from vollzug import domain as vollzug

from .test_disziplinar import benutzer, eroeffnet, verfahren

pytestmark = pytest.mark.django_db


@pytest.fixture
def leitung_a2(anstalt_a):
    return benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.fixture
def offen(personal_a, leitung_a, fall_a):
    return verfahren(personal_a, leitung_a, fall_a)


@pytest.fixture
def entschieden(personal_a, leitung_a, leitung_a2, fall_a):
    """A proceeding whose Verweis is notified and enforceable (the management may record its execution)."""
    v = verfahren(personal_a, leitung_a, fall_a)
    eroeffnet(v, leitung_a, leitung_a2, [SanktionDaten(A.VERWEIS)])
    return v


def _aktion(v, aktion) -> str:
    return reverse("disziplinar:verfahren_aktion", args=[v.pk, aktion])


@pytest.mark.rule("R-0-ROLE-1", "R-20-1")
def test_personal_der_einrichtung_liest_das_verfahren_ohne_formulare(
    client_als, personal_a, leitung_a, offen, entschieden
):
    sanktion = entschieden.sanktionen.get()
    formulare = {
        offen: [_aktion(offen, "strafanzeige"), _aktion(offen, "einstellen")],
        entschieden: [
            _aktion(entschieden, "strafanzeige"),
            reverse("disziplinar:sanktion_vollziehen", args=[sanktion.pk]),
        ],
    }
    for v, urls in formulare.items():
        detail = reverse("disziplinar:verfahren_detail", args=[v.pk])
        antwort = client_als(personal_a).get(detail)
        assert antwort.status_code == 200
        seite = antwort.content.decode()
        assert v.nummer in seite
        # The management's forms are not on the staff's page — but they are on the management's.
        leitung = client_als(leitung_a).get(detail).content.decode()
        for url in urls:
            assert url not in seite, url
            assert url in leitung, url
        assert "strafanzeige_form" not in antwort.context and "einstellen_form" not in antwort.context
    # The list shows them too.
    liste = client_als(personal_a).get(reverse("disziplinar:verfahren_liste")).content.decode()
    assert offen.nummer in liste and entschieden.nummer in liste


@pytest.mark.rule("R-0-ROLE-1")
def test_personal_einer_anderen_einrichtung_sieht_es_nicht(client_als, personal_b, offen):
    assert (
        client_als(personal_b).get(reverse("disziplinar:verfahren_detail", args=[offen.pk])).status_code
        == 404
    )
    assert (
        offen.nummer
        not in client_als(personal_b).get(reverse("disziplinar:verfahren_liste")).content.decode()
    )


@pytest.mark.rule("R-0-ROLE-1")
def test_personal_post_wird_mit_403_abgewiesen(client_als, personal_a, offen, entschieden):
    client = client_als(personal_a)
    daten = {
        "strafanzeige": {"strafanzeige-strafanzeige_am": "2026-12-01", "strafanzeige-referenz": "SA 1"},
        "einstellen": {"einstellen-einstellung_grund": "Geringfügig."},
    }
    for aktion, werte in daten.items():
        url = reverse("disziplinar:verfahren_aktion", args=[offen.pk, aktion])
        assert client.post(url, werte).status_code == 403, aktion
    offen.refresh_from_db()
    assert offen.status == Verfahrensstatus.OFFEN and not offen.strafanzeige
    sanktion = entschieden.sanktionen.get()
    assert client.post(reverse("disziplinar:sanktion_vollziehen", args=[sanktion.pk])).status_code == 403
    sanktion.refresh_from_db()
    assert sanktion.status == Sanktionsstatus.ANGEORDNET


@pytest.mark.rule("R-20-1")
def test_nach_der_versetzung_sieht_das_personal_das_verfahren_nicht_mehr(
    client_als, sachbearbeitung, personal_a, anstalt_b, offen
):
    """Staff see only persons placed in their facility: after the transfer the proceeding is the leading
    management's (issue 23), not the staff's."""
    vollzug.versetzen(
        fall=offen.rapport.fall, anstalt=anstalt_b, am=timezone.now(), grund="e", durch=sachbearbeitung
    )
    assert (
        client_als(personal_a).get(reverse("disziplinar:verfahren_detail", args=[offen.pk])).status_code
        == 404
    )
    assert Disziplinarverfahren.objects.filter(pk=offen.pk).exists()
