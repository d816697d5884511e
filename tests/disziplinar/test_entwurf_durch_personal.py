"""Issue 17: a facility with one director can issue a Disziplinarverfügung. Staff of the facility (e.g. the
security chief) draft it, the director — or the configured Stellvertretung — approves it (R-0-4EYES-1);
the drafter never approves; staff of another facility draft nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from disziplinar.domain import SanktionDaten, verfuegung_entwerfen_fuer
from disziplinar.recht import Disziplinarsanktionsart as A
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.recht import Anhoerungsart, Verfuegungsstatus

from .test_disziplinar import beurteilung, rapport, verfahren

pytestmark = pytest.mark.django_db
S = Verfuegungsstatus


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def _entwurf(v, durch):
    return verfuegung_entwerfen_fuer(
        verfahren=v,
        sanktionen=[SanktionDaten(A.VERWEIS)],
        beurteilung=beurteilung(),
        begruendung="Die Arbeitsverweigerung ist erstellt.",
        durch=durch,
    )


@pytest.mark.rule("R-0-4EYES-1")
def test_personal_entwirft_die_einzige_leitung_genehmigt(personal_a, leitung_a, fall_a):
    v = verfahren(personal_a, leitung_a, fall_a)
    d = _entwurf(v, personal_a)
    assert (d.status, d.entworfen_durch) == (S.ENTWURF, personal_a)
    vfg.gehoer_erfassen(verfuegung=d, art=Anhoerungsart.VERZICHT, durch=personal_a)
    d = vfg.zur_genehmigung_vorlegen(verfuegung=d, durch=personal_a)
    with pytest.raises((PermissionDenied, ValidationError)):
        vfg.genehmigen(verfuegung=d, durch=personal_a)
    d = vfg.genehmigen(verfuegung=d, durch=leitung_a)
    assert (d.status, d.genehmigt_durch) == (S.GENEHMIGT, leitung_a)


@pytest.mark.rule("R-0-4EYES-1")
def test_personal_einer_anderen_einrichtung_entwirft_nicht(
    personal_a, personal_b, leitung_a, fall_a, client_als
):
    v = verfahren(personal_a, leitung_a, fall_a)
    with pytest.raises(PermissionDenied):
        _entwurf(v, personal_b)
    assert client_als(personal_b).get(reverse("disziplinar:entscheid", args=[v.pk])).status_code == 404


def test_personal_erreicht_das_formular_ueber_rapport_und_verfahren(
    personal_a, leitung_a, fall_a, client_als
):
    r = rapport(personal_a, fall_a)
    client = client_als(personal_a)
    url = reverse("disziplinar:rapport_detail", args=[r.pk])
    assert "Disziplinarverfügung entwerfen" not in client.get(url).content.decode()  # no proceeding yet
    from disziplinar.domain import verfahren_eroeffnen

    v = verfahren_eroeffnen(rapport=r, durch=leitung_a)
    entscheid = reverse("disziplinar:entscheid", args=[v.pk])
    # Issue 17: staff read the proceeding (read-only): the report links it, the proceeding the form, and
    # the form leads back to the proceeding.
    detail = reverse("disziplinar:verfahren_detail", args=[v.pk])
    assert detail in client.get(url).content.decode()
    assert entscheid in client.get(detail).content.decode()
    seite = client.get(entscheid)
    assert seite.status_code == 200 and detail in seite.content.decode()
    _entwurf(v, personal_a)
    assert entscheid not in client.get(detail).content.decode()  # one decision per proceeding
