"""REST API of the Vollzugsdaten: dates with explanations, steps of the examination, measures."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from tests.factories import fall_anlegen
from vollzugsdaten import domain
from vollzugsdaten.models import Entlassungspruefung


def api_als(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.rule("R-VD-1")
def test_berechnung_lesen_mit_herleitung_und_versionen(sachbearbeitung, fall_im_vollzug):
    antwort = api_als(sachbearbeitung).get(f"/api/v1/vollzugsdaten/faelle/{fall_im_vollzug.pk}/")
    assert antwort.status_code == 200
    daten = antwort.json()
    assert daten["daten"]["bedingteEntlassung"]["datum"] == "2026-10-11"
    assert "Art. 86 Abs. 1 StGB" in daten["daten"]["bedingteEntlassung"]["erklaerung"]
    assert daten["methode"] == "strafzeit_art110_v1" and daten["versionen"][0]["version"] == 1
    antwort = api_als(sachbearbeitung).post(
        f"/api/v1/vollzugsdaten/faelle/{fall_im_vollzug.pk}/angaben/",
        {"angerechneteTage": 25, "anrechnungBeleg": "Ziff. 3"},
        format="json",
    )
    assert antwort.status_code == 200 and antwort.json()["version"] == 2
    assert antwort.json()["daten"]["bedingteEntlassung"]["datum"] == "2026-09-16"


@pytest.mark.rule("R-VD-1", "R-0-BAD-1")
def test_schlechte_eingaben_und_rechte(sachbearbeitung, revision, personal_b, fall_im_vollzug):
    url = f"/api/v1/vollzugsdaten/faelle/{fall_im_vollzug.pk}/angaben/"
    antwort = api_als(sachbearbeitung).post(
        url, {"angerechneteTage": 3, "anrechnungBeleg": ""}, format="json"
    )
    assert antwort.status_code == 400 and "Art. 51" in antwort.content.decode()
    antwort = api_als(sachbearbeitung).post(url, {"angerechneteTage": 10**12}, format="json")
    assert antwort.status_code == 400
    assert api_als(revision).post(url, {"angerechneteTage": "x"}, format="json").status_code == 403
    assert api_als(personal_b).get(f"/api/v1/vollzugsdaten/faelle/{fall_im_vollzug.pk}/").status_code == 404


@pytest.mark.rule("R-STGB-86-2", "R-STGB-87-1")
def test_pruefung_ueber_die_api(sachbearbeitung, leitung_a, fall_im_vollzug):
    domain.aktuelle_berechnung(fall_im_vollzug)
    p = Entlassungspruefung.objects.get(fall=fall_im_vollzug)
    basis = f"/api/v1/vollzugsdaten/pruefungen/{p.pk}/"
    sb = api_als(sachbearbeitung)
    assert sb.post(basis + "bericht-anfordern/", format="json").status_code == 200
    assert api_als(leitung_a).post(basis + "bericht/", {"bericht": "Gut."}, format="json").status_code == 200
    assert sb.post(basis + "anhoerung/", {"aeusserung": "Ja."}, format="json").status_code == 200
    antwort = sb.post(
        basis + "entscheid/",
        {"entscheid": "gewaehrt", "begruendung": "Gut.", "entlassungAm": "2026-10-11", "probezeitJahre": 6},
        format="json",
    )
    assert antwort.status_code == 400 and "Art. 87 Abs. 1 StGB" in antwort.content.decode()
    antwort = sb.post(
        basis + "entscheid/",
        {"entscheid": "gewaehrt", "begruendung": "Gut.", "entlassungAm": "2026-10-11", "probezeitJahre": 2},
        format="json",
    )
    assert antwort.status_code == 200 and antwort.json()["verfuegung"].startswith("V-")


@pytest.mark.rule("R-STGB-MAX-1", "R-4-1")
def test_massnahmen_ueber_die_api(sachbearbeitung, fall_im_vollzug):
    sb = api_als(sachbearbeitung)
    antwort = sb.post(
        "/api/v1/vollzugsdaten/massnahmen/",
        {"fall": fall_im_vollzug.pk, "artikel": "60", "beginn": "2024-03-01", "beginnBegruendung": "Befehl"},
        format="json",
    )
    assert antwort.status_code == 201 and antwort.json()["hoechstdauerBis"] == "2027-02-28"
    pk = antwort.json()["id"]
    antwort = sb.post(
        f"/api/v1/vollzugsdaten/massnahmen/{pk}/antrag/",
        {
            "art": "verlaengerung",
            "gericht": "KG",
            "antrag": "A",
            "akten": "Urteil",
            "eingereichtAm": "2026-09-01",
            "verlaengerungJahre": 1,
        },
        format="json",
    )
    assert antwort.status_code == 200
    antrag = antwort.json()["antraege"][0]["id"]
    antwort = sb.post(
        f"/api/v1/vollzugsdaten/massnahmen/{pk}/antwort/",
        {"antrag": antrag, "antwort": "gutgeheissen", "am": "2026-10-01", "bewilligteJahre": 1},
        format="json",
    )
    assert antwort.status_code == 200 and antwort.json()["hoechstdauerBis"] == "2028-02-29"


@pytest.mark.rule("R-0-ROLE-1")
def test_listen_konstante_abfragen(django_assert_max_num_queries, sachbearbeitung, anstalt_a):
    for _ in range(4):
        f = fall_anlegen(durch=sachbearbeitung, monate=10, eingewiesen_in=anstalt_a)
        domain.aktuelle_berechnung(f)
        domain.massnahme_erfassen(
            fall=f,
            artikel="59",
            beginn=date(2025, 1, 1),
            beginn_begruendung="Vollzugsbefehl",
            durch=sachbearbeitung,
        )
    sb = api_als(sachbearbeitung)
    with django_assert_max_num_queries(12):
        assert len(sb.get("/api/v1/vollzugsdaten/pruefungen/").json()["results"]) == 4
    with django_assert_max_num_queries(12):
        assert len(sb.get("/api/v1/vollzugsdaten/faelle/").json()["results"]) == 4
    with django_assert_max_num_queries(12):
        assert len(sb.get("/api/v1/vollzugsdaten/massnahmen/").json()["results"]) == 4


@pytest.mark.rule("R-VD-1", "R-STGB-86-2")
def test_vollzugsfolge_und_vorlauf_ueber_die_api(sachbearbeitung, fall_im_vollzug):
    sb = api_als(sachbearbeitung)
    daten = sb.get(f"/api/v1/vollzugsdaten/faelle/{fall_im_vollzug.pk}/").json()
    assert daten["daten"]["vollzugsfolge"][0]["von"] == "2026-03-01"
    assert daten["daten"]["vollzugsfolge"][0]["bis"] == "2027-01-31"
    url = f"/api/v1/vollzugsdaten/faelle/{fall_im_vollzug.pk}/angaben/"
    antwort = sb.post(
        url, {"angerechneteTage": 0, "vorlaufMonate": 13, "vorlaufBegruendung": "x"}, format="json"
    )
    assert antwort.status_code == 400
    antwort = sb.post(url, {"angerechneteTage": 0, "vorlaufMonate": 2}, format="json")
    assert antwort.status_code == 400 and "Art. 86 Abs. 2 StGB" in antwort.content.decode()
    antwort = sb.post(
        url,
        {"angerechneteTage": 0, "vorlaufMonate": 2, "vorlaufBegruendung": "Therapieabschluss"},
        format="json",
    )
    assert antwort.status_code == 200
    # Earliest 11.10.2026, two months before.
    assert Entlassungspruefung.objects.get(fall=fall_im_vollzug).faellig_am == date(2026, 8, 11)


@pytest.mark.rule("R-STGB-MAX-1")
def test_massnahme_ohne_beginn_ueber_die_api(sachbearbeitung, fall_im_vollzug):
    antwort = api_als(sachbearbeitung).post(
        "/api/v1/vollzugsdaten/massnahmen/", {"fall": fall_im_vollzug.pk, "artikel": "59"}, format="json"
    )
    assert antwort.status_code == 400 and "Art. 59 Abs. 4 StGB" in antwort.content.decode()
    # Art. 64 from the day after the sentence's end (31.01.2027), with its origin.
    domain.aktuelle_berechnung(fall_im_vollzug)
    antwort = api_als(sachbearbeitung).post(
        "/api/v1/vollzugsdaten/massnahmen/", {"fall": fall_im_vollzug.pk, "artikel": "64"}, format="json"
    )
    assert antwort.status_code == 201, antwort.content
    assert (antwort.json()["beginn"], antwort.json()["beginnHerkunft"]) == ("2027-02-01", "strafende")
