"""REST API of the data-protection module: the same rules as the services with field messages under the
API's names (R-0-BAD-1), scope (404), roles (403), read log, constant queries per list."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from kern.models import Aktion, Lesezugriff
from tests.factories import fall_anlegen

from .hilfen import OHNE_ENTBINDUNG, entbindung, kontakt


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def post(client, url, daten):
    return client.post(url, json.dumps(daten), content_type="application/json")


@pytest.mark.rule("R-23-1", "R-0-BAD-1")
def test_kontakt_api_ohne_rechtfertigung_400_mit_regel(client_als, personal_a, fall):
    c = client_als(personal_a)
    antwort = post(
        c,
        "/api/v1/datenschutz/kontakte/",
        {
            "person": fall.person.pk,
            "empfaenger": "Sozialdienst Kriens",
            "empfaengerArt": "andere",
            "datum": timezone.localdate().isoformat(),
            "inhalt": "Budget besprochen",
        },
    )
    assert antwort.status_code == 400
    assert antwort.json() == {
        "kontaktzweck": [
            "§ 23 Abs. 2 JVG: Ohne Schweigepflichtentbindung ist ein Kontakt nur zulässig, wenn er zur "
            "Resozialisierung oder Rückfallverhinderung wesentlich beiträgt: Zweck angeben."
        ]
    }
    antwort = post(
        c,
        "/api/v1/datenschutz/kontakte/",
        {
            "person": fall.person.pk,
            "empfaenger": "Sozialdienst Kriens",
            "empfaengerArt": "andere",
            "datum": timezone.localdate().isoformat(),
            "inhalt": "Budget besprochen",
            "kontaktzweck": "rueckfallverhinderung",
            "rechtfertigung": "Schuldenlast war Auslöser der Delikte.",
        },
    )
    assert antwort.status_code == 201, antwort.content
    assert antwort.json()["kontaktzweck"] == "rueckfallverhinderung"


@pytest.mark.rule("R-23-1")
def test_entbindung_api_erfassen_und_widerrufen(client_als, sachbearbeitung, revision, fall):
    c = client_als(sachbearbeitung)
    antwort = post(
        c,
        "/api/v1/datenschutz/entbindungen/",
        {
            "person": fall.person.pk,
            "empfaenger": "CSS Krankenversicherung",
            "empfaengerArt": "krankenversicherung",
            "umfang": "Versicherungsdeckung während des Vollzugs",
            "erteiltAm": (timezone.localdate() + timedelta(days=1)).isoformat(),
        },
    )
    assert antwort.json() == {
        "erteiltAm": ["§ 23 Abs. 1 JVG: Das Datum der Entbindung kann nicht in der Zukunft liegen."]
    }
    antwort = post(
        c,
        "/api/v1/datenschutz/entbindungen/",
        {
            "person": fall.person.pk,
            "empfaenger": "CSS Krankenversicherung",
            "empfaengerArt": "krankenversicherung",
            "umfang": "Versicherungsdeckung während des Vollzugs",
            "erteiltAm": timezone.localdate().isoformat(),
        },
    )
    assert antwort.status_code == 201
    pk = antwort.json()["id"]
    assert (
        post(client_als(revision), f"/api/v1/datenschutz/entbindungen/{pk}/widerrufen/", {}).status_code
        == 403
    )
    antwort = post(
        client_als(sachbearbeitung),
        f"/api/v1/datenschutz/entbindungen/{pk}/widerrufen/",
        {"bemerkung": "schriftlich"},
    )
    assert antwort.status_code == 200
    assert antwort.json()["widerrufenAm"] == timezone.localdate().isoformat()


@pytest.mark.rule("R-0-ROLE-1", "R-0-AUDIT-2")
def test_entbindungen_liste_sicht_protokoll_und_konstante_abfragen(
    client_als, personal_a, personal_b, sachbearbeitung, anstalt_a, fall, django_assert_max_num_queries
):
    entbindung(personal_a, fall.person)
    c = client_als(personal_a)
    c.get("/api/v1/datenschutz/entbindungen/")  # warm the session
    with django_assert_max_num_queries(8):
        eins = c.get("/api/v1/datenschutz/entbindungen/")
    assert len(eins.json()["results"]) == 1
    for _ in range(19):
        entbindung(personal_a, fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a).person)
    with django_assert_max_num_queries(8):
        zwanzig = c.get("/api/v1/datenschutz/entbindungen/")
    assert len(zwanzig.json()["results"]) == 20
    assert client_als(personal_b).get("/api/v1/datenschutz/entbindungen/").json()["results"] == []
    pk = eins.json()["results"][0]["id"]
    assert client_als(personal_b).get(f"/api/v1/datenschutz/entbindungen/{pk}/").status_code == 404
    assert (
        Lesezugriff.objects.filter(
            objekt_typ="datenschutz.schweigepflichtentbindung", benutzer=personal_a
        ).count()
        == 22
    )


@pytest.mark.rule("R-22-1")
def test_mandat_api(client_als, sachbearbeitung, medizin, personal_a, fall):
    daten = {
        "person": fall.person.pk,
        "fachperson": personal_a.pk,
        "art": "begutachtung",
        "fachrichtung": "psychologie",
        "referenz": "GA-9",
        "auftrag": "Therapiebericht",
    }
    assert post(client_als(personal_a), "/api/v1/datenschutz/mandate/", daten).status_code == 403
    antwort = post(client_als(sachbearbeitung), "/api/v1/datenschutz/mandate/", daten)
    assert antwort.status_code == 400
    assert list(antwort.json()) == ["fachperson"]
    daten["fachperson"] = medizin.pk
    antwort = post(client_als(sachbearbeitung), "/api/v1/datenschutz/mandate/", daten)
    assert antwort.status_code == 201
    m = antwort.json()
    assert m["zugriffAb"] == timezone.localdate().isoformat() and m["zugriffBis"] is not None
    assert client_als(medizin).get(f"/api/v1/personen/{fall.person.pk}/").status_code == 200
    antwort = post(
        client_als(sachbearbeitung), f"/api/v1/datenschutz/mandate/{m['id']}/beenden/", {"grund": ""}
    )
    assert antwort.json() == {"grund": ["§ 22 JVG: Grund der vorzeitigen Beendigung angeben."]}
    antwort = post(
        client_als(sachbearbeitung), f"/api/v1/datenschutz/mandate/{m['id']}/beenden/", {"grund": "fertig"}
    )
    assert antwort.status_code == 200
    assert client_als(medizin).get(f"/api/v1/personen/{fall.person.pk}/").status_code == 404


@pytest.mark.rule("R-23-3")
def test_strafanzeige_api(client_als, personal_a, fall):
    antwort = post(
        client_als(personal_a),
        "/api/v1/datenschutz/strafanzeigen/",
        {
            "person": fall.person.pk,
            "datum": date.today().isoformat(),
            "referenz": "",
            "schwere": "verbrechen",
            "sachverhalt": "x",
        },
    )
    assert antwort.json() == {"referenz": ["§ 23 Abs. 3 JVG: Referenz der Anzeige angeben."]}


def test_auskunft_api_nur_sachbearbeitung_und_protokolliert(
    client_als, sachbearbeitung, revision, personal_a, fall
):
    kontakt(personal_a, fall.person, **OHNE_ENTBINDUNG)
    assert client_als(revision).get(f"/api/v1/datenschutz/auskunft/{fall.person.pk}/").status_code == 403
    assert client_als(sachbearbeitung).get("/api/v1/datenschutz/auskunft/999999/").status_code == 404
    antwort = client_als(sachbearbeitung).get(f"/api/v1/datenschutz/auskunft/{fall.person.pk}/")
    assert antwort.status_code == 200
    daten = json.loads(b"".join(antwort.streaming_content))
    assert len(daten["daten"]["datenschutz.drittkontakt"]["eintraege"]) == 1
    export = Lesezugriff.objects.get(aktion=Aktion.EXPORT)
    assert (export.kanal, export.person) == ("api", fall.person)
