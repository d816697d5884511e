"""REST API of § 28 (R-28-1) and § 32 (R-32-1)."""

import pytest

from kern.models import Aufgabe
from kern.rollen import Rolle
from tests.conftest import _benutzer

from .hilfen import api_als, fall_anlegen, reise, zeit

pytestmark = pytest.mark.django_db
KONTROLLEN = "/api/v1/zwangsmassnahmen/kontrollen/"
ENTWEICHUNGEN = "/api/v1/zwangsmassnahmen/entweichungen/"
JETZT = zeit(2026, 11, 10, 12)


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with reise(zeit(2026, 11, 1)):
        return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.mark.rule("R-28-1", "R-0-ROLE-1")
def test_kontrolle_per_api(fall, personal_a, personal_b, sachbearbeitung):
    werte = {
        "fall": fall.pk,
        "kontrollart": "urin",
        "zeitpunkt": "2026-11-10T10:00:00+01:00",
        "kontrollergebnis": "fund",
        "befund": "",
    }
    with reise(JETZT):
        assert api_als(sachbearbeitung).post(KONTROLLEN, werte, format="json").status_code == 403
        # Another facility does not see the person: the case id reads as not found.
        antwort = api_als(personal_b).post(KONTROLLEN, werte, format="json")
        assert antwort.status_code == 400 and antwort.json()["fall"] == ["Vollzugsfall nicht gefunden."]
        antwort = api_als(personal_a).post(KONTROLLEN, werte, format="json")
        assert antwort.status_code == 400 and "§ 28 Abs. 3 JVG" in antwort.json()["befund"][0]
        werte["befund"] = "Kokain positiv"
        antwort = api_als(personal_a).post(KONTROLLEN, werte, format="json")
    assert antwort.status_code == 201
    assert (antwort.json()["kontrollart"], antwort.json()["kontrollergebnis"], antwort.json()["befund"]) == (
        "urin",
        "fund",
        "Kokain positiv",
    )
    assert api_als(personal_b).get(f"{KONTROLLEN}{antwort.json()['id']}/").status_code == 404
    assert api_als(sachbearbeitung).get(f"{KONTROLLEN}{antwort.json()['id']}/").status_code == 200


@pytest.mark.rule("R-28-1", "R-0-4EYES-1")
def test_leibesvisitation_per_api(fall, personal_a, leitung_a):
    with reise(JETZT):
        antwort = api_als(personal_a).post(
            KONTROLLEN,
            {
                "fall": fall.pk,
                "kontrollart": "leibesvisitation",
                "zeitpunkt": "2026-11-10T10:00:00+01:00",
                "kontrollergebnis": "unauffaellig",
            },
            format="json",
        )
        assert antwort.status_code == 400 and "§ 28" in antwort.json()["kontrollart"][0]
        antwort = api_als(personal_a).post(
            f"{KONTROLLEN}leibesvisitation/", {"fall": fall.pk, "verdacht": ""}, format="json"
        )
        assert antwort.status_code == 400 and "Ohne Verdacht" in antwort.json()["verdacht"][0]
        antwort = api_als(personal_a).post(
            f"{KONTROLLEN}leibesvisitation/", {"fall": fall.pk, "verdacht": "Drogen im Körper"}, format="json"
        )
        assert antwort.status_code == 201 and antwort.json()["status"] == "beantragt"
        pk = antwort.json()["id"]
        assert (
            api_als(personal_a)
            .post(f"{KONTROLLEN}{pk}/entscheiden/", {"anordnen": True}, format="json")
            .status_code
            == 403
        )
        antwort = api_als(leitung_a).post(f"{KONTROLLEN}{pk}/entscheiden/", {"anordnen": True}, format="json")
        assert antwort.status_code == 200 and antwort.json()["status"] == "angeordnet"
        antwort = api_als(personal_a).post(
            f"{KONTROLLEN}{pk}/durchfuehren/",
            {
                "zeitpunkt": "2026-11-10T12:00:00+01:00",
                "gleichesGeschlecht": True,
                "kontrollergebnis": "unauffaellig",
            },
            format="json",
        )
    assert antwort.status_code == 200 and antwort.json()["status"] == "durchgefuehrt"


@pytest.mark.rule("R-0-4EYES-1")
def test_leitung_ordnet_eigenen_antrag_nicht_an_api(fall, leitung_a):
    with reise(JETZT):
        pk = (
            api_als(leitung_a)
            .post(f"{KONTROLLEN}leibesvisitation/", {"fall": fall.pk, "verdacht": "Klinge"}, format="json")
            .json()["id"]
        )
        antwort = api_als(leitung_a).post(f"{KONTROLLEN}{pk}/entscheiden/", {"anordnen": True}, format="json")
    assert antwort.status_code == 400 and "Vier-Augen-Prinzip" in antwort.json()["durch"][0]


# A query budget, not a proof of R-0-ROLE-1/R-BM-2 (issue 25): the rows are proven elsewhere.
@pytest.mark.parametrize("anzahl", [1, 20])
def test_kontrollliste_konstante_abfragen(fall, personal_a, anzahl, django_assert_max_num_queries):
    from zwangsmassnahmen import domain

    with reise(JETZT):
        for _ in range(anzahl):
            domain.kontrolle_erfassen(
                fall=fall, art="atemluft", zeitpunkt=JETZT, ergebnis="unauffaellig", durch=personal_a
            )
        client = api_als(personal_a)
        with django_assert_max_num_queries(5):
            antwort = client.get(KONTROLLEN)
    assert antwort.json()["count"] == anzahl


@pytest.mark.rule("R-32-1")
def test_entweichung_per_api(fall, personal_a, leitung_a, sachbearbeitung, anstalt_b):
    personal_b = _benutzer("pb", Rolle.ANSTALTSPERSONAL, anstalt_b)
    werte = {
        "fall": fall.pk,
        "abwesenheitsart": "entwichen",
        "festgestelltAm": "2026-11-10T11:30:00+01:00",
        "umstaende": "Mauer überstiegen",
    }
    with reise(JETZT):
        assert api_als(sachbearbeitung).post(ENTWEICHUNGEN, werte, format="json").status_code == 403
        antwort = api_als(personal_a).post(ENTWEICHUNGEN, werte, format="json")
        assert antwort.status_code == 201
        body = antwort.json()
        assert body["auftragNummer"] == "FZA-2026-00001" and body["auftragAm"] == "2026-11-10T12:00:00+01:00"
        assert Aufgabe.objects.filter(fall=fall, erledigt_am__isnull=True).count() == 2
        assert api_als(personal_b).get(f"{ENTWEICHUNGEN}{body['id']}/").status_code == 404
        antwort = api_als(leitung_a).post(f"{ENTWEICHUNGEN}{body['id']}/informiert/", {}, format="json")
        assert antwort.status_code == 200 and antwort.json()["einweisungsbehoerdeInformiertAm"] is not None
        antwort = api_als(sachbearbeitung).post(
            f"{ENTWEICHUNGEN}{body['id']}/zufuehrung/",
            {"am": "2026-11-10T11:00:00+01:00", "zufuehrungsart": "polizei"},
            format="json",
        )
        assert antwort.status_code == 400 and "vor der Feststellung" in antwort.json()["am"][0]
        antwort = api_als(sachbearbeitung).post(
            f"{ENTWEICHUNGEN}{body['id']}/zufuehrung/",
            {"am": "2026-11-10T11:55:00+01:00", "zufuehrungsart": "personal"},
            format="json",
        )
    assert antwort.status_code == 200 and antwort.json()["zufuehrungsart"] == "personal"
    assert Aufgabe.objects.filter(fall=fall, erledigt_am__isnull=True).count() == 0
