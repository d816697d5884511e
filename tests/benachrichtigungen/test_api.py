"""REST API of the webhook subscriptions: an agency manages its own (others 404), the secret is shown once,
entitlements per agency type (R-21-1), constant queries per list."""

import json

import pytest

from behoerden.models import Behoerdentyp
from benachrichtigungen.models import Abonnement

from .hilfen import behoerde


@pytest.fixture(autouse=True)
def _https_pflicht(settings):
    settings.JVG_WEBHOOK_HTTP_LOKAL_ERLAUBT = False


def post(client, url, daten):
    return client.post(url, json.dumps(daten), content_type="application/json")


@pytest.mark.rule("R-21-1")
def test_behoerde_abonniert_und_sieht_geheimnis_nur_einmal(client_als, admin_user):
    stva = behoerde(admin_user, "Strassenverkehrsamt Luzern", Behoerdentyp.STRASSENVERKEHRSAMT)
    c = client_als(stva.benutzer)
    antwort = post(
        c,
        "/api/v1/benachrichtigungen/abonnemente/",
        {"url": "http://stva.example/hook", "ereignistypen": ["einweisung"]},
    )
    assert antwort.json() == {"url": ["Benachrichtigungen (§ 21 JVG): Nur https-Adressen sind erlaubt."]}
    antwort = post(
        c,
        "/api/v1/benachrichtigungen/abonnemente/",
        {"url": "https://stva.example/hook", "ereignistypen": ["versetzung"]},
    )
    assert antwort.status_code == 400 and "nicht freigegeben" in antwort.json()["ereignistypen"][0]
    antwort = post(
        c,
        "/api/v1/benachrichtigungen/abonnemente/",
        {"url": "https://stva.example/hook", "ereignistypen": ["einweisung"]},
    )
    assert antwort.status_code == 201
    daten = antwort.json()
    assert len(daten["geheimnis"]) == 64 and daten["behoerde"] == "Strassenverkehrsamt Luzern"
    gelesen = c.get(f"/api/v1/benachrichtigungen/abonnemente/{daten['id']}/").json()
    assert "geheimnis" not in gelesen and daten["geheimnis"] not in json.dumps(gelesen)
    neu = post(c, f"/api/v1/benachrichtigungen/abonnemente/{daten['id']}/geheimnis/", {}).json()["geheimnis"]
    assert neu != daten["geheimnis"]
    antwort = c.patch(
        f"/api/v1/benachrichtigungen/abonnemente/{daten['id']}/",
        json.dumps({"aktiv": False}),
        content_type="application/json",
    )
    assert antwort.json()["aktiv"] is False
    assert c.get(f"/api/v1/benachrichtigungen/abonnemente/{daten['id']}/zustellungen/").json() == {
        "zustellungen": []
    }


def test_fremdes_abonnement_404_und_andere_rollen(client_als, admin_user, sachbearbeitung):
    a = behoerde(admin_user)
    b = behoerde(admin_user, "Migrationsamt Luzern", Behoerdentyp.AUSLAENDERBEHOERDE)
    pk = post(
        client_als(a.benutzer),
        "/api/v1/benachrichtigungen/abonnemente/",
        {"url": "https://a.example/h", "ereignistypen": ["entlassung"]},
    ).json()["id"]
    assert client_als(b.benutzer).get(f"/api/v1/benachrichtigungen/abonnemente/{pk}/").status_code == 404
    assert client_als(b.benutzer).get("/api/v1/benachrichtigungen/abonnemente/").json()["results"] == []
    assert client_als(admin_user).get(f"/api/v1/benachrichtigungen/abonnemente/{pk}/").status_code == 200
    assert (
        post(
            client_als(sachbearbeitung),
            "/api/v1/benachrichtigungen/abonnemente/",
            {"url": "https://x.example/h", "ereignistypen": ["entlassung"]},
        ).status_code
        == 403
    )


def test_abonnemente_liste_konstante_abfragen(client_als, admin_user, django_assert_max_num_queries):
    from benachrichtigungen import domain

    behoerden = [behoerde(admin_user, f"Amt {i}") for i in range(20)]
    domain.abonnement_anlegen(
        behoerde=behoerden[0], url="https://a.example/h", ereignistypen=["entlassung"], durch=admin_user
    )
    c = client_als(admin_user)
    c.get("/api/v1/benachrichtigungen/abonnemente/")
    with django_assert_max_num_queries(8):
        assert len(c.get("/api/v1/benachrichtigungen/abonnemente/").json()["results"]) == 1
    for b in behoerden[1:]:
        domain.abonnement_anlegen(
            behoerde=b, url="https://a.example/h", ereignistypen=["entlassung"], durch=admin_user
        )
    with django_assert_max_num_queries(8):
        assert len(c.get("/api/v1/benachrichtigungen/abonnemente/").json()["results"]) == 20
    assert Abonnement.objects.count() == 20
