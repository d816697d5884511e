"""REST API of § 25 (Sicherheitshaft) and § 26 (vorübergehende Versetzung): same rules and permissions
as the browser, German field errors (R-0-BAD-1), scope (R-0-ROLE-1), constant queries per page."""

from datetime import timedelta

import pytest

from kern.models import Lesezugriff
from zwangsmassnahmen.models import Sicherheitshaft

from .hilfen import api_als, fall_anlegen, haft_anordnen, massnahmenfall, reise, zeit

pytestmark = pytest.mark.django_db
HAFTEN = "/api/v1/zwangsmassnahmen/sicherheitshaften/"
JETZT = zeit(2026, 11, 10, 12)


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with reise(zeit(2026, 11, 1)):
        return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def daten(fall, anstalt, **aenderungen):
    werte = {
        "fall": fall.pk,
        "variante": "abs1",
        "verfahrenArt": "rueckversetzung",
        "verfahrenReferenz": "KG 26 9",
        "wahrscheinlichkeit": "Erneute Delinquenz in der Probezeit.",
        "grundFlucht": True,
        "festnahmeAm": "2026-11-10T08:15:00+01:00",
        "anstalt": anstalt.pk,
    }
    werte.update(aenderungen)
    return werte


@pytest.mark.rule("R-25-1", "R-25-2", "R-0-FRIST-3")
def test_haft_per_api_anordnen(sachbearbeitung, fall, anstalt_a):
    with reise(JETZT):
        antwort = api_als(sachbearbeitung).post(HAFTEN, daten(fall, anstalt_a), format="json")
    assert antwort.status_code == 201, antwort.json()
    body = antwort.json()
    assert body["fristEnde"] == "2026-11-12T08:15:00+01:00"
    assert body["gruende"] == ["c"] and body["status"] == "in_haft" and body["ueberfaellig"] is False
    assert antwort["Location"].endswith(f"{HAFTEN}{body['id']}/")


@pytest.mark.rule("R-25-1", "R-0-BAD-1")
def test_haft_ohne_grund_400_mit_feldmeldung(sachbearbeitung, fall, anstalt_a):
    with reise(JETZT):
        antwort = api_als(sachbearbeitung).post(
            HAFTEN, daten(fall, anstalt_a, grundFlucht=False), format="json"
        )
    assert antwort.status_code == 400
    assert "§ 25 Abs. 1 JVG" in antwort.json()["gruende"][0]
    assert not Sicherheitshaft.objects.exists()


@pytest.mark.rule("R-25-2", "R-0-BAD-1")
def test_festnahme_in_zukunft_und_kaputte_eingaben_400(sachbearbeitung, fall, anstalt_a):
    client = api_als(sachbearbeitung)
    with reise(JETZT):
        antwort = client.post(
            HAFTEN, daten(fall, anstalt_a, festnahmeAm="2026-11-10T12:01:00+01:00"), format="json"
        )
        assert antwort.status_code == 400
        assert "Zukunft" in antwort.json()["festnahmeAm"][0]
        antwort = client.post(
            HAFTEN, {**daten(fall, anstalt_a), "fall": 10**30, "anstalt": "x"}, format="json"
        )
        assert antwort.status_code == 400
        assert set(antwort.json()) == {"fall", "anstalt"}
        antwort = client.post(HAFTEN, "[1]", content_type="application/json")
        assert antwort.status_code == 400


@pytest.mark.rule("R-0-ROLE-1")
def test_haft_rechte(sachbearbeitung, personal_a, personal_b, revision, medizin, fall, anstalt_a):
    with reise(JETZT):
        haft = haft_anordnen(sachbearbeitung, fall, zeit(2026, 11, 10, 8), anstalt_a)
        antwort = api_als(personal_a).post(HAFTEN, daten(fall, anstalt_a), format="json")
        assert antwort.status_code == 403
        assert "Keine Berechtigung: Sicherheitshaft" in antwort.json()["detail"]
        # Staff of the facility read it, staff of another facility and the physician do not see it.
        assert api_als(personal_a).get(f"{HAFTEN}{haft.pk}/").status_code == 200
        assert api_als(revision).get(f"{HAFTEN}{haft.pk}/").status_code == 200
        for user in (personal_b, medizin):
            assert api_als(user).get(f"{HAFTEN}{haft.pk}/").status_code == 404
            assert api_als(user).get(HAFTEN).json()["count"] == 0
        assert api_als(revision).post(f"{HAFTEN}{haft.pk}/antrag/", {}, format="json").status_code == 403
    # R-0-AUDIT-2: reads are logged.
    assert Lesezugriff.objects.filter(benutzer=revision, person=fall.person).exists()


@pytest.mark.rule("R-25-2")
def test_antrag_per_api_verspaetet(sachbearbeitung, fall, anstalt_a):
    with reise(JETZT):
        haft = haft_anordnen(sachbearbeitung, fall, zeit(2026, 11, 8, 8), anstalt_a)
        client = api_als(sachbearbeitung)
        antwort = client.post(
            f"{HAFTEN}{haft.pk}/antrag/",
            {"antragAm": "2026-11-08T07:00:00+01:00", "referenz": "Z"},
            format="json",
        )
        assert antwort.status_code == 400
        assert "vor der Festnahme" in antwort.json()["antragAm"][0]
        antwort = client.post(
            f"{HAFTEN}{haft.pk}/antrag/",
            {"antragAm": "2026-11-10T08:01:00+01:00", "referenz": ""},
            format="json",
        )
        assert antwort.status_code == 400 and "referenz" in antwort.json()
        antwort = client.post(
            f"{HAFTEN}{haft.pk}/antrag/",
            {"antragAm": "2026-11-10T08:01:00+01:00", "referenz": "ZMG 7"},
            format="json",
        )
    assert antwort.status_code == 200
    assert antwort.json()["antragVerspaetet"] is True and antwort.json()["status"] == "beantragt"
    with reise(JETZT):
        antwort = client.post(
            f"{HAFTEN}{haft.pk}/gerichtsentscheid/",
            {"gerichtEntscheid": "bestaetigt", "am": "2026-11-10T11:00:00+01:00"},
            format="json",
        )
    assert antwort.status_code == 200 and antwort.json()["status"] == "bestaetigt"


# A query budget, not a proof of R-0-ROLE-1/R-BM-2 (issue 25): the rows are proven elsewhere.
@pytest.mark.parametrize("anzahl", [1, 20])
def test_haftliste_konstante_abfragen(sachbearbeitung, anstalt_a, anzahl, django_assert_max_num_queries):
    with reise(JETZT):
        for _ in range(anzahl):
            f = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
            haft_anordnen(sachbearbeitung, f, JETZT - timedelta(hours=1), anstalt_a)
        client = api_als(sachbearbeitung)
        # token, count, page, read log
        with django_assert_max_num_queries(5):
            antwort = client.get(HAFTEN)
    assert antwort.json()["count"] == anzahl


@pytest.mark.rule("R-26-1")
def test_versetzung26_per_api(sachbearbeitung, leitung_a, anstalt_a, anstalt_b):
    fall = massnahmenfall(sachbearbeitung, anstalt_a)
    werte = {
        "fall": fall.pk,
        "anstalt": anstalt_b.pk,
        "am": "2026-11-10T09:00:00+01:00",
        "undurchfuehrbar": "",
        "gefaehrdung": "massnahmenzweck",
        "gefaehrdungBegruendung": "Therapie bricht ab.",
    }
    with reise(JETZT):
        assert (
            api_als(leitung_a)
            .post("/api/v1/zwangsmassnahmen/versetzungen26/", werte, format="json")
            .status_code
            == 403
        )
        antwort = api_als(sachbearbeitung).post(
            "/api/v1/zwangsmassnahmen/versetzungen26/", werte, format="json"
        )
        assert antwort.status_code == 400
        assert "§ 26 JVG" in antwort.json()["undurchfuehrbar"][0]
        werte["undurchfuehrbar"] = "Station geschlossen."
        antwort = api_als(sachbearbeitung).post(
            "/api/v1/zwangsmassnahmen/versetzungen26/", werte, format="json"
        )
    assert antwort.status_code == 201, antwort.json()
    assert (
        antwort.json()["nachAnstalt"]["name"] == anstalt_b.name
        and antwort.json()["vonAnstalt"]["id"] == anstalt_a.pk
    )
