"""Issue 18 item 10: an agency request refused for its purpose is logged with the reason, nothing disclosed."""

import pytest

from behoerden.models import Bekanntgabe
from kern.models import Sicherheitsereignis
from tests.factories import person_anlegen

from .hilfen import agentur_client, behoerde_anlegen

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-21-1")
def test_refused_agency_request_is_logged_with_its_reason(admin_user, sachbearbeitung):
    behoerde, _ = behoerde_anlegen(admin_user, "b")
    person = person_anlegen(durch=sachbearbeitung)
    url = f"/api/v1/auskunft/personen/{person.pk}/"

    assert agentur_client(behoerde, zweck=None).get(url).status_code == 400
    assert agentur_client(behoerde, zweck="neugier", sachbearbeitung=None).get(url).status_code == 400

    eintraege = list(
        Sicherheitsereignis.objects.order_by("pk").values_list("art", "benutzer", "bemerkung", "ip")
    )
    assert eintraege == [
        ("anfrage_abgewiesen", behoerde.benutzer.pk, "auskunft: zweck_fehlt", "127.0.0.1"),
        (
            "anfrage_abgewiesen",
            behoerde.benutzer.pk,
            "auskunft: sachbearbeitung_fehlt, zweck_unbekannt",
            "127.0.0.1",
        ),
    ]
    assert not Bekanntgabe.objects.exists()


@pytest.mark.rule("R-21-1")
def test_accepted_agency_request_writes_no_refusal(admin_user, sachbearbeitung):
    behoerde, _ = behoerde_anlegen(admin_user, "b")
    agentur_client(behoerde).get("/api/v1/auskunft/personen/999999/")
    assert not Sicherheitsereignis.objects.filter(art="anfrage_abgewiesen").exists()
