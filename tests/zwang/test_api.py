"""REST API of § 33 JVG (/api/v1/zwang/protokolle/): the whole lifecycle, the rules' German messages
under the API's field names (R-33-1, R-0-4EYES-1, R-0-BAD-1), roles (R-0-ROLE-1), the physician's
medical part only, read log (R-0-AUDIT-2) and constant queries of the list."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from kern.audit import speichern
from kern.models import Aktion, Lesezugriff
from tests.factories import api_token, fall_anlegen
from vollzug.models import Zuteilung
from zwang.models import Zwangsprotokoll
from zwang.recht import Protokollstatus

from . import hilfen as zwang_hilfen
from .hilfen import beteiligt, protokoll

fall_a, personal_a2, leitung_a2 = zwang_hilfen.fall_a, zwang_hilfen.personal_a2, zwang_hilfen.leitung_a2

LISTE = "/api/v1/zwang/protokolle/"


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def _eingabe(fall, beteiligter, **aenderungen) -> dict:
    beginn = timezone.now() - timedelta(hours=3)
    daten = {
        "fall": fall.pk,
        "beginn": beginn.isoformat(),
        "ende": (beginn + timedelta(minutes=5)).isoformat(),
        "ort": "Werkstatt",
        "anlass": "Die Person griff den Werkmeister an.",
        "zweck": ["a", "c"],
        "subsidiaritaet": "nicht_verfuegbar",
        "mildereMassnahmen": "Angriff ohne Vorwarnung: keine Zeit für mildere Massnahmen.",
        "mittel": ["haltetechnik", "bodenlage"],
        "mittelBeschreibung": "Haltetechnik, kurze Bodenlage (1 Minute), dann aufgerichtet.",
        "verletzungPerson": False,
        "verletzungPersonal": True,
        "verletzungPersonalText": "Prellung am Unterarm (Werkmeister).",
        "verletzungDritte": False,
        "arztkontrolle": "durchgefuehrt",
        "arztkontrolleAm": (beginn + timedelta(minutes=30)).isoformat(),
        "arztkontrolleDurch": "Gesundheitsdienst",
        "aufnahmen": "Kamera WS-01, 09:10–09:20",
        "beteiligte": [{"benutzer": beteiligter.pk, "funktion": "ausfuehrend"}],
    }
    daten.update(aenderungen)
    return daten


@pytest.mark.rule("R-33-1", "R-0-4EYES-1")
@pytest.mark.django_db
def test_lebenszyklus_per_api(personal_a, personal_a2, leitung_a, fall_a):
    antwort = api_als(personal_a).post(LISTE, _eingabe(fall_a, personal_a2), format="json")
    assert antwort.status_code == 201, antwort.json()
    daten = antwort.json()
    assert (daten["status"], daten["zweck"], daten["dauerMinuten"]) == ("entwurf", ["a", "c"], 5)
    assert (daten["verletzungPerson"], daten["verletzungPersonal"]) == (False, True)
    url = f"{LISTE}{daten['id']}/"
    antwort = api_als(personal_a).post(url + "einreichen/")
    assert antwort.status_code == 200
    beteiligung = antwort.json()["beteiligte"][0]
    assert beteiligung["frist"] is not None and beteiligung["name"] == "personal_a2 Test"
    # Only the involved staff member himself; the author is not involved here (403, R-0-ROLE-1).
    assert (
        api_als(personal_a).post(url + "stellungnahme/", {"stellungnahme": "x"}, format="json").status_code
        == 403
    )
    antwort = api_als(personal_a2).post(
        url + "stellungnahme/", {"stellungnahme": "Ich hielt fest."}, format="json"
    )
    assert antwort.json()["beteiligte"][0]["stellungnahme"] == "Ich hielt fest."
    antwort = api_als(personal_a).post(url + "pruefung/", {"pruefergebnis": "rechtmaessig", "bemerkung": "x"})
    assert antwort.status_code == 403  # staff do not review (R-0-ROLE-1)
    antwort = api_als(leitung_a).post(
        url + "pruefung/", {"pruefergebnis": "rechtmaessig", "bemerkung": "Verhältnismässig."}, format="json"
    )
    assert antwort.status_code == 200
    assert antwort.json()["status"] == "geprueft"
    assert antwort.json()["pruefungen"][0]["pruefergebnis"] == "rechtmaessig"
    antwort = api_als(personal_a).post(
        url + "korrektur/", {"ort": "Werkstatt 2", "grund": "Raum verwechselt"}, format="json"
    )
    assert antwort.status_code == 200
    assert antwort.json()["status"] == "eingereicht"  # back to review
    (korrektur,) = antwort.json()["korrekturen"]
    assert (korrektur["grund"], korrektur["aenderungen"]) == (
        "Raum verwechselt",
        [{"feld": "Ort", "alt": "Werkstatt", "neu": "Werkstatt 2"}],
    )


@pytest.mark.rule("R-33-1", "R-0-BAD-1")
@pytest.mark.django_db
def test_regelverletzungen_mit_api_feldnamen(personal_a, fall_a):
    c = api_als(personal_a)
    beginn = timezone.now() - timedelta(hours=1)
    antwort = c.post(
        LISTE,
        _eingabe(
            fall_a,
            personal_a,
            beginn=beginn.isoformat(),
            ende=(beginn - timedelta(minutes=1)).isoformat(),
            arztkontrolleAm=beginn.isoformat(),
        ),
        format="json",
    )
    assert antwort.status_code == 400
    assert antwort.json() == {"ende": ["§ 33 Abs. 4 JVG: Das Ende liegt vor dem Beginn."]}
    antwort = c.post(LISTE, _eingabe(fall_a, personal_a, zweck=[], mildereMassnahmen=""), format="json")
    assert antwort.status_code == 201
    antwort = c.post(f"{LISTE}{antwort.json()['id']}/einreichen/")
    assert antwort.status_code == 400
    assert set(antwort.json()) == {"zweck", "mildereMassnahmen"}
    assert antwort.json()["zweck"][0].startswith("§ 33 Abs. 1 JVG")
    assert c.post(LISTE, _eingabe(fall_a, personal_a, verletzungPerson="ja"), format="json").json() == {
        "verletzungPerson": ["Erwartet wird true, false oder null."]
    }
    assert c.post(LISTE, "kein json", content_type="application/json").status_code == 400


@pytest.mark.rule("R-0-4EYES-1")
@pytest.mark.django_db
def test_pruefung_durch_beteiligte_leitung_per_api_abgelehnt(personal_a, leitung_a2, fall_a):
    p = protokoll(personal_a, fall_a, beteiligte=beteiligt(leitung_a2))
    antwort = api_als(leitung_a2).post(
        f"{LISTE}{p.pk}/pruefung/", {"pruefergebnis": "rechtmaessig", "bemerkung": "ok"}, format="json"
    )
    assert antwort.status_code == 400
    assert antwort.json()["durch"][0].startswith(
        "Wer das Protokoll erfasst hat oder am Einsatz beteiligt war"
    )


@pytest.mark.rule("R-0-ROLE-1", "R-0-AUDIT-2")
@pytest.mark.django_db
def test_rollen_und_sicht_per_api(personal_a, personal_b, sachbearbeitung, medizin, revision, fall_a):
    p = protokoll(personal_a, fall_a)
    assert (
        api_als(sachbearbeitung).post(LISTE, _eingabe(fall_a, personal_a), format="json").status_code == 403
    )
    assert api_als(personal_b).get(f"{LISTE}{p.pk}/").status_code == 404
    assert api_als(medizin).get(f"{LISTE}{p.pk}/").status_code == 404
    assert api_als(revision).get(f"{LISTE}{p.pk}/").json()["anlass"] == p.anlass
    assert Lesezugriff.objects.filter(
        benutzer=revision, aktion=Aktion.API_LESEN, person=fall_a.person
    ).exists()
    speichern(Zuteilung(benutzer=medizin, person=fall_a.person), durch=sachbearbeitung)
    daten = api_als(medizin).get(f"{LISTE}{p.pk}/").json()
    assert "anlass" not in daten and "beteiligte" not in daten
    assert (daten["arztkontrolle"], daten["verletzungPerson"]) == ("durchgefuehrt", False)


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("anzahl", [1, 20])
@pytest.mark.django_db
def test_liste_konstante_abfragen(
    anzahl, personal_a, sachbearbeitung, anstalt_a, django_assert_max_num_queries
):
    for _ in range(anzahl):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        p = protokoll(personal_a, fall)
        from zwang import domain

        domain.protokoll_korrigieren(protokoll=p, aenderungen={"ort": "Hof"}, grund="Ort", durch=personal_a)
    c = api_als(sachbearbeitung)
    # token+user, count, page, involved, reviews, corrections, read log
    with django_assert_max_num_queries(9):
        antwort = c.get(LISTE)
    assert antwort.status_code == 200
    assert antwort.json()["count"] == anzahl
    assert all(len(z["korrekturen"]) == 1 for z in antwort.json()["results"])
    assert c.get(LISTE, {"status": "geprueft"}).json()["count"] == 0
    assert c.get(LISTE, {"offen": "true"}).json()["count"] == anzahl
    assert c.get(LISTE, {"status": "falsch"}).status_code == 400
    assert Zwangsprotokoll.objects.filter(status=Protokollstatus.EINGEREICHT).count() == anzahl


@pytest.mark.rule("R-0-ROLE-1", "R-33-1")
@pytest.mark.django_db
def test_stellungnahme_api_berechtigung_vor_validierung(personal_a, personal_a2, fall_a):
    """Who is not involved gets 403 before any check of the input: empty, missing or oversized."""
    p = protokoll(personal_a, fall_a, beteiligte=beteiligt(personal_a2))
    url = f"{LISTE}{p.pk}/stellungnahme/"
    for eingabe in ({}, {"stellungnahme": ""}, {"stellungnahme": "x" * 100_000}, {"stellungnahme": 7}):
        antwort = api_als(personal_a).post(url, eingabe, format="json")
        assert antwort.status_code == 403, eingabe
        assert "Keine Berechtigung: Stellungnahme abgeben" in antwort.json()["detail"]
    # The involved staff member with the same bad input gets the field error.
    antwort = api_als(personal_a2).post(url, {}, format="json")
    assert antwort.status_code == 400
    p.beteiligte.get().refresh_from_db()
    assert p.beteiligte.get().stellungnahme == ""
