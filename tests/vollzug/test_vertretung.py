"""Issue 17: a person's Vertretung is entered, listed and ended — on the person page and through the API;
only the Sachbearbeitung writes, whoever reads the person reads it; every write has history with its actor."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import fall_anlegen
from tests.vollzug.test_api import api_als
from vollzug.models import Vertretung

pytestmark = pytest.mark.django_db
API = "/api/v1/vertretungen/"
DATEN = {
    "funktion": "verteidigung",
    "name": "lic. iur. Anna Beispiel, Rechtsanwältin",
    "strasse": "Pilatusstrasse",
    "hausnummer": "1",
    "postleitzahl": "6003",
    "ort": "Luzern",
}


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def test_erfassen_auflisten_beenden_im_browser(client_als, sachbearbeitung, personal_a, fall):
    c = client_als(sachbearbeitung)
    url = reverse("vollzug:vertretung_neu", args=[fall.person.pk])
    assert c.get(url).status_code == 200
    assert c.post(url, DATEN).status_code == 302
    v = Vertretung.objects.get()
    assert v.history.first().history_user == sachbearbeitung
    seite = c.get(reverse("vollzug:person_detail", args=[fall.person.pk])).content.decode()
    assert "Anna Beispiel" in seite and "Mandat beenden" in seite
    # The facility's staff read it on the person page, without the actions.
    seite = (
        client_als(personal_a).get(reverse("vollzug:person_detail", args=[fall.person.pk])).content.decode()
    )
    assert "Anna Beispiel" in seite and "Mandat beenden" not in seite
    c = client_als(sachbearbeitung)  # one test client: sign the case worker in again
    beenden = reverse("vollzug:vertretung_beenden", args=[v.pk])
    heute = timezone.localdate().isoformat()
    # Final: a confirmation page first, nothing changes.
    frage = c.post(beenden, {"bis": heute})
    assert frage.status_code == 200 and "wirklich beenden" in frage.content.decode()
    v.refresh_from_db()
    assert v.bis is None
    assert c.post(beenden, {"bis": heute, "bestaetigt": "1"}).status_code == 302
    v.refresh_from_db()
    assert v.bis == timezone.localdate() and v.history.first().history_user == sachbearbeitung
    # Ended once: a second end is a German field error, not a 500.
    antwort = c.post(beenden, {"bis": heute, "bestaetigt": "1"})
    assert antwort.status_code == 200 and "bereits" in antwort.content.decode()


def test_nur_sachbearbeitung_schreibt(client_als, personal_a, personal_b, fall):
    url = reverse("vollzug:vertretung_neu", args=[fall.person.pk])
    assert client_als(personal_a).get(url).status_code == 403
    assert client_als(personal_a).post(url, DATEN).status_code == 403
    assert client_als(personal_b).get(url).status_code == 404
    assert not Vertretung.objects.exists()


def test_falsche_eingaben_deutsch(client_als, sachbearbeitung, fall):
    c = client_als(sachbearbeitung)
    url = reverse("vollzug:vertretung_neu", args=[fall.person.pk])
    antwort = c.post(url, DATEN | {"postleitzahl": "60031", "funktion": "anwalt", "name": "x" * 151})
    assert antwort.status_code == 200
    fehler = antwort.context["form"].errors
    assert set(fehler) >= {"postleitzahl", "funktion", "name"}
    assert not Vertretung.objects.exists()
    c.post(url, DATEN)
    v = Vertretung.objects.get()
    gestern = (timezone.localdate() - timedelta(days=1)).isoformat()
    antwort = c.post(reverse("vollzug:vertretung_beenden", args=[v.pk]), {"bis": gestern, "bestaetigt": "1"})
    assert antwort.status_code == 200 and "heutigen Tag" in antwort.content.decode()


def test_api(sachbearbeitung, personal_a, personal_b, fall):
    sb = api_als(sachbearbeitung)
    eingabe = {
        "person": fall.person.pk,
        "function": "gesetzliche_vertretung",
        "name": "Maria Beispiel",
        "street": "Seeweg",
        "houseNumber": "5",
        "swissZipCode": "6005",
        "town": "Luzern",
    }
    antwort = sb.post(API, eingabe, format="json")
    assert antwort.status_code == 201, antwort.content
    assert isinstance(antwort["Location"], str)
    vid = antwort.json()["id"]
    assert antwort.json()["endedOn"] is None
    assert Vertretung.objects.get(pk=vid).history.first().history_user == sachbearbeitung
    # Reading: who reads the person; outside the scope 404 / not listed.
    assert api_als(personal_a).get(f"{API}{vid}/").status_code == 200
    assert api_als(personal_b).get(f"{API}{vid}/").status_code == 404
    assert api_als(personal_b).get(API).json()["results"] == []
    assert [e["id"] for e in sb.get(API, {"person": fall.person.pk}).json()["results"]] == [vid]
    assert sb.get(API, {"person": "x"}).status_code == 400
    # Writing: only the Sachbearbeitung.
    assert api_als(personal_a).post(API, eingabe, format="json").status_code == 403
    assert api_als(personal_a).post(f"{API}{vid}/beenden/", {}, format="json").status_code == 403
    assert api_als(personal_b).post(f"{API}{vid}/beenden/", {}, format="json").status_code == 404
    assert sb.post(API, eingabe | {"swissZipCode": "abc"}, format="json").status_code == 400
    heute = timezone.localdate().isoformat()
    antwort = sb.post(f"{API}{vid}/beenden/", {"endedOn": heute}, format="json")
    assert antwort.status_code == 200 and antwort.json()["endedOn"] == heute
    assert sb.post(f"{API}{vid}/beenden/", {"endedOn": heute}, format="json").status_code == 400
