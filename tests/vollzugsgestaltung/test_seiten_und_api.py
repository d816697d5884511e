"""Browser pages and REST API: visibility (404 outside), permission before validation (403), German
field messages (400 / form errors), history with the actor, constant queries of lists."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kern.lesezugriffe import Lesezugriff
from tests.factories import api_token, fall_anlegen, person_anlegen
from vollzug.models import Sanktion
from vollzugsgestaltung import domain, recht
from vollzugsgestaltung.models import Begnadigungsgesuch, Vollzugsoeffnung

from .conftest import beantragen


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def _lokal(dt) -> str:
    return timezone.localtime(dt).strftime("%d.%m.%Y %H:%M")


def test_antrag_im_browser_durch_leitung(client_als, fall_a, leitung_a):
    client = client_als(leitung_a)
    url = reverse("vollzugsgestaltung:oeffnung_neu", args=[fall_a.pk])
    assert client.get(url).status_code == 200
    jetzt = timezone.now()
    antwort = client.post(
        url,
        {
            "art": "ausgang",
            "grundlage": "freiheitsstrafe",
            "von": _lokal(jetzt + timedelta(days=1)),
            "bis": _lokal(jetzt + timedelta(days=1)),  # not after the start
            "begruendung": "Arzttermin.",
        },
    )
    assert antwort.status_code == 200
    assert "Die Rückkehr muss nach dem Beginn liegen." in antwort.content.decode()
    antwort = client.post(
        url,
        {
            "art": "ausgang",
            "grundlage": "freiheitsstrafe",
            "von": _lokal(jetzt + timedelta(days=1)),
            "bis": _lokal(jetzt + timedelta(days=1, hours=6)),
            "begruendung": "Arzttermin.",
        },
    )
    o = Vollzugsoeffnung.objects.get()
    assert antwort.status_code == 302 and antwort["Location"] == o.get_absolute_url()
    assert "no-store" in client.get(o.get_absolute_url())["Cache-Control"]


def test_fremde_einrichtung_sieht_nichts(client_als, fall_a, leitung_a, personal_b):
    o = beantragen(fall_a, leitung_a)
    client = client_als(personal_b)
    assert client.get(o.get_absolute_url()).status_code == 404
    assert client.get(reverse("vollzugsgestaltung:oeffnung_neu", args=[fall_a.pk])).status_code == 404
    url = reverse("vollzugsgestaltung:oeffnung_aktion", args=[o.pk, "entscheiden"])
    assert client.post(url, {}).status_code == 404


@pytest.mark.rule("R-STGB-75A-1")
def test_entscheid_im_browser_ohne_fachkommission_mit_meldung(client_als, fall_a, leitung_a, sachbearbeitung):
    o = beantragen(fall_a, leitung_a, gemeingefaehrlich_75a=True)
    client = client_als(sachbearbeitung)
    seite = client.get(o.get_absolute_url())
    assert "Art. 75a Abs. 1 StGB" in seite.content.decode()
    assert Lesezugriff.objects.filter(benutzer=sachbearbeitung).exists()
    antwort = client.post(
        reverse("vollzugsgestaltung:oeffnung_aktion", args=[o.pk, "entscheiden"]),
        {"entscheiden-bewilligen": "1", "entscheiden-begruendung": "Gut."},
    )
    assert antwort.status_code == 200
    assert "Beurteilung der Fachkommission des Konkordats erfasst ist" in antwort.content.decode()
    o.refresh_from_db()
    assert o.status == recht.Oeffnungsstatus.BEANTRAGT


def test_entscheid_verweigert_vor_validierung(client_als, fall_a, leitung_a):
    o = beantragen(fall_a, leitung_a)
    antwort = client_als(leitung_a).post(
        reverse("vollzugsgestaltung:oeffnung_aktion", args=[o.pk, "entscheiden"]), {}
    )
    assert antwort.status_code == 403


def test_fallseite_zeigt_block(client_als, fall_a, leitung_a, sachbearbeitung):
    beantragen(fall_a, leitung_a)
    inhalt = (
        client_als(sachbearbeitung).get(reverse("vollzug:fall_detail", args=[fall_a.pk])).content.decode()
    )
    assert "Vollzugsöffnung beantragen" in inhalt and "Urlaub (Art. 84 Abs. 6 StGB)" in inhalt


def test_gemeinnuetzige_arbeit_im_browser(client_als, sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung, monate=2)
    client = client_als(sachbearbeitung)
    antwort = client.post(
        reverse("vollzugsgestaltung:form_neu", args=[fall.pk]),
        {
            "sanktion": Sanktion.objects.get(entscheid__fall=fall).pk,
            "form": "gemeinnuetzige_arbeit",
            "strafdauer_tage": "181",
            "gesuch_am": timezone.localdate().strftime("%d.%m.%Y"),
        },
    )
    assert antwort.status_code == 200
    assert "Art. 79a Abs. 1 lit. a StGB" in antwort.content.decode()


def test_bewaehrung_und_begnadigung_nur_behoerde_und_revision(
    client_als, sachbearbeitung, revision, leitung_a
):
    person = person_anlegen(durch=sachbearbeitung)
    g = domain.gnadengesuch_erfassen(
        person=person,
        eingereicht_am=timezone.localdate(),
        gesuchsteller="X",
        begehren="Y",
        durch=sachbearbeitung,
    )
    assert client_als(revision).get(g.get_absolute_url()).status_code == 200
    assert client_als(leitung_a).get(g.get_absolute_url()).status_code == 404
    antwort = client_als(sachbearbeitung).post(
        reverse("vollzugsgestaltung:gnade_aktion", args=[g.pk, "entscheid"]),
        {
            "entscheid-entscheid": "abgewiesen",
            "entscheid-am": timezone.localdate().strftime("%d.%m.%Y"),
            "entscheid-text": "x",
        },
    )
    assert antwort.status_code == 200 and "noch nicht weitergeleitet" in antwort.content.decode()


@pytest.mark.parametrize("anzahl", [1, 4])
def test_uebersicht_konstante_abfragen(
    client_als, sachbearbeitung, anstalt_a, leitung_a, anzahl, django_assert_max_num_queries
):
    for _ in range(anzahl):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        beantragen(fall, leitung_a)
        domain.gnadengesuch_erfassen(
            person=fall.person,
            eingereicht_am=timezone.localdate(),
            gesuchsteller="X",
            begehren="Y",
            durch=sachbearbeitung,
        )
    client = client_als(sachbearbeitung)
    with django_assert_max_num_queries(12):
        antwort = client.get(reverse("vollzugsgestaltung:start"))
    assert antwort.content.decode().count("Urlaub (Art. 84 Abs. 6 StGB)") == anzahl


# --- API -------------------------------------------------------------------------------------------------

API = "/api/v1/vollzugsoeffnungen/"


def test_api_antrag_und_entscheid(fall_a, leitung_a, sachbearbeitung):
    jetzt = timezone.now()
    daten = {
        "fall": fall_a.pk,
        "oeffnungsart": "urlaub",
        "grundlage": "art_59",
        "gemeingefaehrlich75a": True,
        "von": (jetzt + timedelta(days=3)).isoformat(),
        "bis": (jetzt + timedelta(days=4)).isoformat(),
        "begruendung": "Urlaub.",
    }
    antwort = api_als(leitung_a).post(API, daten, format="json")
    assert antwort.status_code == 201, antwort.json()
    pk = antwort.json()["id"]
    o = Vollzugsoeffnung.objects.get(pk=pk)
    assert o.history.get().history_user == leitung_a
    # 403 before validation for the facility; 400 with the article for the authority
    assert api_als(leitung_a).post(f"{API}{pk}/entscheiden/", {}, format="json").status_code == 403
    antwort = api_als(sachbearbeitung).post(
        f"{API}{pk}/entscheiden/", {"bewilligen": True, "begruendung": "x"}, format="json"
    )
    assert antwort.status_code == 400
    assert antwort.json()["fachkommissionAm"][0].startswith("Art. 75a Abs. 1 StGB")
    antwort = api_als(sachbearbeitung).post(
        f"{API}{pk}/fachkommission/",
        {"am": timezone.localdate().isoformat(), "fachkommissionErgebnis": "befuerwortet", "text": "ok"},
        format="json",
    )
    assert antwort.status_code == 200, antwort.json()
    antwort = api_als(sachbearbeitung).post(
        f"{API}{pk}/entscheiden/", {"bewilligen": True, "begruendung": "x"}, format="json"
    )
    assert antwort.status_code == 200 and antwort.json()["verfuegung"]["nummer"].startswith("V-")


def test_api_schlechte_eingaben_nie_500(fall_a, sachbearbeitung):
    client = api_als(sachbearbeitung)
    for nutzlast in (
        [],
        {"fall": "x"},
        {"fall": 10**30},
        {"fall": fall_a.pk, "von": "gestern"},
        {"begruendung": "x" * 6000},
    ):
        assert client.post(API, nutzlast, format="json").status_code == 400
    assert not Vollzugsoeffnung.objects.exists()


@pytest.mark.parametrize("anzahl", [1, 4])
def test_api_listen_konstante_abfragen(
    sachbearbeitung, anstalt_a, leitung_a, anzahl, django_assert_max_num_queries
):
    for _ in range(anzahl):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        beantragen(fall, leitung_a)
        akte = domain.akte_eroeffnen(
            person=fall.person,
            anlass="bedingte_strafe",
            gericht="KG",
            referenz="1",
            probezeit_von=timezone.localdate(),
            probezeit_jahre=2,
            durch=sachbearbeitung,
        )
        domain.weisung_erfassen(
            akte=akte, text="W", naechste_kontrolle=timezone.localdate(), durch=sachbearbeitung
        )
    client = api_als(sachbearbeitung)
    for pfad, budget in (
        ("vollzugsoeffnungen", 5),  # the first call also records the token's last use
        ("bewaehrungsakten", 7),
        ("vollzugsformen", 4),
        ("begnadigungsgesuche", 4),
    ):
        with django_assert_max_num_queries(budget):
            antwort = client.get(f"/api/v1/{pfad}/")
        assert antwort.status_code == 200


def test_api_begnadigung(sachbearbeitung, leitung_a):
    person = person_anlegen(durch=sachbearbeitung)
    heute = timezone.localdate().isoformat()
    antwort = api_als(sachbearbeitung).post(
        "/api/v1/begnadigungsgesuche/",
        {"person": person.pk, "eingereichtAm": heute, "gesuchsteller": "RA", "begehren": "Erlass."},
        format="json",
    )
    assert antwort.status_code == 201, antwort.json()
    pk = antwort.json()["id"]
    assert api_als(leitung_a).get(f"/api/v1/begnadigungsgesuche/{pk}/").status_code == 404
    antwort = api_als(sachbearbeitung).post(
        f"/api/v1/begnadigungsgesuche/{pk}/weiterleiten/",
        {
            "am": heute,
            "bericht": "B",
            "vollzugAussetzen": False,
            "aussetzungBegruendung": "Keine Dringlichkeit.",
        },
        format="json",
    )
    assert antwort.status_code == 200 and antwort.json()["status"] == "weitergeleitet"
    assert Begnadigungsgesuch.objects.get().history.first().history_user == sachbearbeitung


def test_personenseite_zeigt_bewaehrung_nur_behoerde_und_revision(
    client_als, sachbearbeitung, revision, leitung_a, fall_a
):
    person = fall_a.person
    domain.gnadengesuch_erfassen(
        person=person,
        eingereicht_am=timezone.localdate(),
        gesuchsteller="X",
        begehren="Y",
        durch=sachbearbeitung,
    )
    url = reverse("vollzug:person_detail", args=[person.pk])
    inhalt = client_als(sachbearbeitung).get(url).content.decode()
    assert "Bewährungsakte eröffnen" in inhalt and "Begnadigungsgesuch vom" in inhalt
    inhalt = client_als(revision).get(url).content.decode()
    assert "Begnadigungsgesuch vom" in inhalt and "Bewährungsakte eröffnen" not in inhalt
    assert "Begnadigungsgesuch" not in client_als(leitung_a).get(url).content.decode()
