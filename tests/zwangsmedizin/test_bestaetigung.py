"""Issue 17 item 7: the revocation of a Patientenverfügung (§ 39 Abs. 2 JVG) is final and asks first."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from zwangsmedizin.domain import ernaehrung

from .hilfen import fall_zugeteilt

pytestmark = pytest.mark.django_db


@pytest.fixture
def pv(sachbearbeitung, anstalt_a, medizin):
    fall = fall_zugeteilt(sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin)
    return ernaehrung.patientenverfuegung_erfassen(
        person=fall.person,
        datum=timezone.localdate() - timedelta(days=30),
        dokument=ContentFile(b"Patientenverfuegung", name="pv.txt"),
        lehnt_zwangsernaehrung_ab=True,
        durch=medizin,
    )


def test_widerruf_fragt_zuerst(client_als, medizin, pv):
    url = reverse("zwangsmedizin:patientenverfuegung_widerrufen", args=[pv.pk])
    frage = client_als(medizin).post(url)
    assert frage.status_code == 200
    inhalt = frage.content.decode()
    assert "wirklich erfassen" in inhalt and 'name="bestaetigt" value="1"' in inhalt
    pv.refresh_from_db()
    assert pv.widerrufen_am is None
    assert client_als(medizin).post(url, {"bestaetigt": "1"}).status_code == 302
    pv.refresh_from_db()
    assert pv.widerrufen_am is not None
    assert pv.history.first().history_user == medizin


def test_ohne_recht_keine_frage(client_als, personal_a, sachbearbeitung, pv):
    """Who may not revoke gets no confirmation page (the domain refuses as before); a revoked one asks no more."""
    url = reverse("zwangsmedizin:patientenverfuegung_widerrufen", args=[pv.pk])
    assert client_als(personal_a).post(url).status_code in (403, 404)
    ernaehrung.patientenverfuegung_widerrufen(patientenverfuegung=pv, durch=sachbearbeitung)
    assert client_als(sachbearbeitung).post(url).status_code == 302


def test_api_liest_patientenverfuegung(sachbearbeitung, pv):
    """The API read of a Patientenverfügung is logged with its person (answered 500 before)."""
    from tests.vollzug.test_api import api_als

    client = api_als(sachbearbeitung)
    assert client.get(f"/api/v1/patientenverfuegungen/{pv.pk}/").status_code == 200
    assert client.get("/api/v1/patientenverfuegungen/").status_code == 200
