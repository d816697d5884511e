"""REST API of § 31 JVG (/api/v1/sicherheitsmassnahmen/): the same rules and permissions as the pages."""

import json
from datetime import datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from kern.fristen import TZ
from kern.models import Lesezugriff
from sicherheitsmassnahmen.models import Sicherheitsmassnahme
from sicherheitsmassnahmen.recht import Massnahmenart, Massnahmenstatus
from tests.factories import api_token, fall_anlegen
from verfuegungen.recht import Verfuegungsstatus

from .hilfen import (  # noqa: F401  (fixtures: fall_a, leitung_a2)
    aktiv,
    beantragen,
    fixture_fall_a,
    fixture_leitung_a2,
)

LISTE = "/api/v1/sicherheitsmassnahmen/"


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def post(client, pfad, daten):
    return client.post(pfad, json.dumps(daten), content_type="application/json")


def antrag(fall, **kw):
    return {
        "fall": fall.pk,
        "art": Massnahmenart.ABSONDERUNG,
        "risiken": ["fremdgefaehrdung", "flucht"],
        "sachverhalt": "Schlug auf dem Hof zu.",
        "begruendung": "Verwarnung blieb ohne Wirkung.",
        **kw,
    }


@pytest.mark.rule("R-31-1", "R-0-4EYES-1", "R-0-GEHOER-1")
def test_antrag_und_anordnung_ueber_die_api(personal_a, leitung_a, fall_a):
    antwort = post(
        api_als(personal_a), LISTE, antrag(fall_a, gehoer={"art": "verzicht", "text": "Verzichtet."})
    )
    assert antwort.status_code == 201, antwort.json()
    daten = antwort.json()
    assert antwort["Location"] == daten["url"]
    assert daten["art"] == "absonderung"
    assert daten["paragraph"] == "§ 31 Abs. 2 lit. c JVG"
    assert sorted(daten["risiken"]) == ["flucht", "fremdgefaehrdung"]
    assert daten["verfuegung"]["status"] == Verfuegungsstatus.ZUR_GENEHMIGUNG

    pfad = f"{LISTE}{daten['id']}/genehmigen/"
    assert post(api_als(personal_a), pfad, {}).status_code == 403
    antwort = post(api_als(leitung_a), pfad, {"kommentar": "Angeordnet."})
    assert antwort.status_code == 200, antwort.json()
    assert antwort.json()["verfuegung"]["status"] == Verfuegungsstatus.GENEHMIGT
    assert antwort.json()["stand"] == "Angeordnet – Eröffnung ausstehend"


@pytest.mark.rule("R-31-1", "R-0-BAD-1")
def test_schlechte_eingaben_geben_400_mit_regel(personal_a, fall_a):
    client = api_als(personal_a)
    antwort = post(client, LISTE, antrag(fall_a, risiken=[], sachverhalt=""))
    assert antwort.status_code == 400
    fehler = antwort.json()
    assert fehler["risiken"][0].startswith("§ 31 Abs. 1 JVG:")
    assert fehler["sachverhalt"][0].startswith("§ 31 Abs. 1 JVG:")
    assert post(client, LISTE, antrag(fall_a, art="kerker")).status_code == 400
    assert post(client, LISTE, {**antrag(fall_a), "fall": 10**30}).status_code == 400
    antwort = client.post(LISTE, '{"fall": 1,', content_type="application/json")
    assert antwort.status_code == 400
    antwort = post(client, LISTE, antrag(fall_a, gehoer={"art": "gefahr_im_verzug"}))
    assert "Gefahr im Verzug muss begründet werden" in antwort.json()["gehoer.begruendung"][0]
    assert Sicherheitsmassnahme.objects.count() == 0


@pytest.mark.rule("R-31-5", "R-1-JUV-1")
def test_fesselung_eines_jugendlichen_ueber_die_api_verweigert(personal_a, sachbearbeitung, anstalt_a):
    from tests.factories import person_anlegen

    with time_machine.travel(datetime(2026, 6, 1, 10, 0, tzinfo=TZ), tick=False):
        person = person_anlegen(durch=sachbearbeitung, geburtsdatum=datetime(2010, 1, 1).date())
        fall = fall_anlegen(durch=sachbearbeitung, person=person, eingewiesen_in=anstalt_a)
        antwort = post(api_als(personal_a), LISTE, antrag(fall, art="fesselung"))
    assert antwort.status_code == 400
    assert antwort.json()["art"][0].startswith("§ 31 Abs. 5 Satz 2 JVG")


@pytest.mark.rule("R-0-4EYES-1")
def test_eigener_antrag_nicht_selbst_genehmigen_ablehnen_mit_begruendung(leitung_a, leitung_a2, fall_a):
    m = beantragen(fall_a, leitung_a)
    pfad = f"{LISTE}{m.pk}/"
    antwort = post(api_als(leitung_a), f"{pfad}genehmigen/", {"gehoer": {"art": "verzicht"}})
    assert antwort.status_code == 400
    assert "Vier-Augen-Prinzip" in antwort.json()["non_field_errors"][0]
    antwort = post(api_als(leitung_a2), f"{pfad}ablehnen/", {"kommentar": ""})
    assert antwort.status_code == 400 and "Begründung im Kommentar" in antwort.json()["kommentar"][0]
    antwort = post(api_als(leitung_a2), f"{pfad}ablehnen/", {"kommentar": "Nicht verhältnismässig."})
    assert antwort.status_code == 200
    assert antwort.json()["stand"] == "Abgelehnt / nicht angeordnet"


@pytest.mark.rule("R-31-5")
def test_ueberpruefen_und_aufheben_ueber_die_api(personal_a, leitung_a, fall_a):
    m = aktiv(fall_a, personal_a, leitung_a, art=Massnahmenart.FESSELUNG)
    client = api_als(leitung_a)
    antwort = post(client, f"{LISTE}{m.pk}/ueberpruefen/", {"fortsetzen": True, "begruendung": ""})
    assert antwort.status_code == 400 and antwort.json()["begruendung"][0].startswith("§ 31 Abs. 5 JVG")
    antwort = post(
        client, f"{LISTE}{m.pk}/ueberpruefen/", {"fortsetzen": True, "begruendung": "Tobt weiter."}
    )
    assert antwort.status_code == 200
    assert [u["fortgesetzt"] for u in antwort.json()["ueberpruefungen"]] == [True]
    assert post(api_als(personal_a), f"{LISTE}{m.pk}/aufheben/", {"grund": "x"}).status_code == 403
    antwort = post(client, f"{LISTE}{m.pk}/aufheben/", {"grund": "Ruhig."})
    assert antwort.status_code == 200
    assert (antwort.json()["status"], antwort.json()["beendigungsgrund"]) == (
        Massnahmenstatus.BEENDET,
        "Ruhig.",
    )


@pytest.mark.rule("R-0-ROLE-1", "R-0-AUDIT-2")
def test_sichtbarkeit_404_und_lesen_wird_protokolliert(personal_a, personal_b, revision, partner, fall_a):
    m = beantragen(fall_a, personal_a)
    assert api_als(personal_b).get(f"{LISTE}{m.pk}/").status_code == 404
    assert api_als(personal_b).get(LISTE).json()["count"] == 0
    assert post(api_als(personal_b), f"{LISTE}{m.pk}/aufheben/", {"grund": "x"}).status_code == 403
    assert api_als(partner).get(f"{LISTE}{m.pk}/").status_code == 404
    assert api_als(revision).get(f"{LISTE}{m.pk}/").status_code == 200
    assert Lesezugriff.objects.filter(benutzer=revision, objekt_id=m.pk, person_id=m.person_id).count() == 1


# A query budget, not a proof of R-0-ROLE-1/R-BM-2 (issue 25): the rows are proven elsewhere.
@pytest.mark.parametrize("anzahl", [1, 20])
def test_liste_konstant_viele_abfragen(anzahl, personal_a, leitung_a, fall_a, django_assert_max_num_queries):
    for _ in range(anzahl):
        beantragen(fall_a, personal_a)
    client = api_als(leitung_a)
    with django_assert_max_num_queries(8):
        antwort = client.get(LISTE, {"zustand": "zu_entscheiden"})
    assert antwort.status_code == 200


@pytest.mark.rule("R-31-5")
def test_filter_ueberfaellig(sachbearbeitung, personal_a, leitung_a, anstalt_a):
    with time_machine.travel(datetime(2026, 6, 10, 10, 0, tzinfo=TZ), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        fesselung = aktiv(fall, personal_a, leitung_a, art=Massnahmenart.FESSELUNG)
        aktiv(fall, personal_a, leitung_a, art=Massnahmenart.BEOBACHTUNG)
    with time_machine.travel(datetime(2026, 6, 12, 10, 0, tzinfo=TZ), tick=False):
        antwort = api_als(sachbearbeitung).get(LISTE, {"zustand": "ueberfaellig"})
    zeilen = antwort.json()["results"]
    assert [(z["nummer"], z["ueberfaellig"]) for z in zeilen] == [(fesselung.nummer, True)]
    assert api_als(sachbearbeitung).get(LISTE, {"zustand": "kaputt"}).status_code == 400
