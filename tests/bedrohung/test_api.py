"""REST API of the threat management: /api/v1/bedrohung/meldungen/… (bedrohung/api.py), team only (R-BM-3).

Outside the team: the list and the creation answer 403, every route of one report 404 (existence does not
leak), also for the reporting person (who uses the browser) and never for agencies. Every read writes the
team's own access log, not the general read log.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from bedrohung.models import Bedrohungsmeldung, Massnahme, Zugriff
from bedrohung.recht import Meldungsstatus, Risikostufe, Zugriffsart
from kern.models import Lesezugriff
from tests.factories import api_token

from .test_bedrohung import eingeschaetzt, massnahme, meldung

MELDUNGEN = "/api/v1/bedrohung/meldungen/"


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def detail(m) -> str:
    return f"{MELDUNGEN}{m.pk}/"


def meldung_daten(**aenderungen) -> dict:
    daten = {
        "vorfallAm": (timezone.now() - timedelta(hours=2)).isoformat(),
        "ort": "Telefonzentrale",
        "kanal": "telefon",
        "wortlaut": "Ich weiss, wo Sie wohnen.",
        "urheberArt": "extern",
        "urheberBeschreibung": "Anrufer, Stimme männlich",
        "betroffene": "Mitarbeiterin Empfang",
    }
    daten.update(aenderungen)
    return daten


# --- R-BM-3: team only ----------------------------------------------------------------------------


@pytest.mark.rule("R-BM-3", "R-0-ROLE-1")
def test_ausserhalb_des_teams_403_fuer_liste_und_404_fuer_meldungen(
    personal_a, sachbearbeitung, revision, partner, admin_user, bedrohung
):
    eigene = meldung(personal_a)
    for user in (personal_a, sachbearbeitung, revision, partner, admin_user):
        client = api_als(user)
        antwort = client.get(MELDUNGEN)
        assert antwort.status_code == 403, user
        assert "nur Team" in antwort.json()["detail"]
        assert client.post(MELDUNGEN, meldung_daten(), format="json").status_code == 403
        # The reporter too: their own report is reached in the browser, never through the API.
        assert client.get(detail(eigene)).status_code == 404
        assert client.get(detail(eigene)).json() == {"detail": "Nicht gefunden."}
        for pfad in ("einschaetzung/", "massnahmen/", "konferenz/", "abschliessen/", "ansprechperson/"):
            assert client.post(detail(eigene) + pfad, {}, format="json").status_code == 404
    assert APIClient().get(MELDUNGEN).status_code == 401
    assert not Zugriff.objects.exists()
    assert Bedrohungsmeldung.objects.count() == 1
    assert api_als(bedrohung).get(detail(eigene)).status_code == 200


@pytest.mark.rule("R-BM-3", "R-0-BAD-1")
def test_unbekannte_und_absurde_ids_sind_404(bedrohung):
    client = api_als(bedrohung)
    for pfad in ("999/", "99999999999999999999999/", "abc/"):
        assert client.get(MELDUNGEN + pfad).status_code == 404
    assert (
        client.post(MELDUNGEN + "99999999999999999999/einschaetzung/", {}, format="json").status_code == 404
    )


# --- Reads: nested detail, own access log, constant queries ---------------------------------------


@pytest.mark.rule("R-BM-3", "R-BM-2")
def test_lesen_mit_verschachtelten_daten_und_eigenem_zugriffsprotokoll(personal_a, bedrohung):
    m = meldung(personal_a)
    eingeschaetzt(m, bedrohung, Risikostufe.HOCH)
    mn = massnahme(m, bedrohung)

    antwort = api_als(bedrohung).get(detail(m))

    assert antwort.status_code == 200
    daten = antwort.json()
    assert (daten["nummer"], daten["status"], daten["risikostufe"], daten["urheberArt"]) == (
        m.nummer,
        "in_bearbeitung",
        "hoch",
        "besucher",
    )
    assert daten["gemeldetDurch"] == {"id": personal_a.pk, "name": "personal_a Test"}
    assert [e["risikostufe"] for e in daten["einschaetzungen"]] == ["hoch"]
    assert daten["einschaetzungen"][0]["leakage"] is True
    assert [(x["id"], x["massnahmenart"], x["erledigtAm"]) for x in daten["massnahmen"]] == [
        (mn.pk, "gespraech", None)
    ]
    assert daten["url"].endswith(detail(m))
    assert list(Zugriff.objects.values_list("benutzer", "meldung_nummer", "aktion", "kanal")) == [
        (bedrohung.pk, m.nummer, Zugriffsart.API, "api")
    ]
    # Not in the general read log of the Vollzug files.
    assert not Lesezugriff.objects.exists()


@pytest.mark.rule("R-BM-3")
def test_liste_protokolliert_liste_und_jede_meldung(personal_a, sachbearbeitung, bedrohung):
    a = meldung(personal_a)
    b = meldung(sachbearbeitung)
    eingeschaetzt(b, bedrohung)

    antwort = api_als(bedrohung).get(MELDUNGEN)
    assert antwort.status_code == 200
    assert [x["nummer"] for x in antwort.json()["results"]] == [b.nummer, a.nummer]
    assert set(Zugriff.objects.values_list("meldung_nummer", "aktion")) == {
        ("", "liste"),
        (a.nummer, "api"),
        (b.nummer, "api"),
    }

    # The log is append-only (the app role may not delete from it): look at the rows after a mark.
    antwort = api_als(bedrohung).get(MELDUNGEN, {"status": "in_bearbeitung"})
    assert [x["nummer"] for x in antwort.json()["results"]] == [b.nummer]
    assert api_als(bedrohung).get(MELDUNGEN, {"status": "geheim"}).status_code == 400
    # An empty list is a read as well.
    marke = Zugriff.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert api_als(bedrohung).get(MELDUNGEN, {"status": "abgeschlossen"}).json()["results"] == []
    neu = Zugriff.objects.filter(pk__gt=marke)
    assert list(neu.values_list("meldung_nummer", "aktion")) == [("", "liste")]


@pytest.mark.rule("R-BM-3")
def test_liste_und_detail_konstante_abfragen(personal_a, bedrohung, django_assert_max_num_queries):
    def fall_mit_allem():
        m = meldung(personal_a)
        eingeschaetzt(m, bedrohung)
        massnahme(m, bedrohung)
        return m

    erste = fall_mit_allem()
    client = api_als(bedrohung)
    client.get(MELDUNGEN)  # token row exists

    with django_assert_max_num_queries(9):
        assert len(client.get(MELDUNGEN).json()["results"]) == 1
    with django_assert_max_num_queries(9):
        assert client.get(detail(erste)).status_code == 200
    for _ in range(19):
        fall_mit_allem()
    with django_assert_max_num_queries(9):
        assert len(client.get(MELDUNGEN).json()["results"]) == 20


# --- Writes: create and the team's actions --------------------------------------------------------


@pytest.mark.rule("R-BM-1", "R-0-AUDIT-1")
def test_team_erfasst_meldung(bedrohung):
    antwort = api_als(bedrohung).post(MELDUNGEN, meldung_daten(), format="json")

    assert antwort.status_code == 201, antwort.json()
    m = Bedrohungsmeldung.objects.get()
    assert antwort["Location"].endswith(detail(m))
    assert (antwort.json()["nummer"], m.kanal, m.gemeldet_durch) == (m.nummer, "telefon", bedrohung)
    assert m.history.get().history_user == bedrohung


@pytest.mark.rule("R-BM-1", "R-0-BAD-1")
def test_meldung_ungueltig_400_mit_regel_unter_api_namen(bedrohung, sachbearbeitung):
    client = api_als(bedrohung)
    zukunft = (timezone.now() + timedelta(hours=2)).isoformat()
    antwort = client.post(
        MELDUNGEN, meldung_daten(vorfallAm=zukunft, urheberBeschreibung="", wortlaut=" "), format="json"
    )
    assert antwort.status_code == 400
    fehler = antwort.json()
    assert set(fehler) == {"vorfallAm", "urheberBeschreibung", "wortlaut"}
    # Issue 17: users read the § (the rule ID stays in the domain, not in what a client shows).
    assert all("R-BM-1" not in f[0] and f[0] for f in fehler.values())

    antwort = client.post(MELDUNGEN, meldung_daten(kanal="brieftaube", urheberPerson=10**30), format="json")
    assert antwort.status_code == 400
    assert set(antwort.json()) == {"kanal", "urheberPerson"}
    assert client.post(MELDUNGEN, "[1, 2]", content_type="application/json").status_code == 400
    antwort = client.post(MELDUNGEN, "{kaputt", content_type="application/json")
    assert antwort.status_code == 400 and "Ungültiges JSON" in antwort.json()["detail"]
    assert not Bedrohungsmeldung.objects.exists()


@pytest.mark.rule("R-BM-2", "R-0-BAD-1", "R-0-AUDIT-1")
def test_einschaetzung_massnahme_konferenz_abschluss_ueber_die_api(personal_a, sachbearbeitung, bedrohung):
    m = meldung(personal_a)
    client = api_als(bedrohung)
    frist = (timezone.localdate() + timedelta(days=5)).isoformat()

    # R-BM-2: closing needs an assessment.
    antwort = client.post(detail(m) + "abschliessen/", {"bemerkung": "fertig"}, format="json")
    assert antwort.status_code == 400
    assert "mindestens eine Risikoeinschätzung" in antwort.json()["non_field_errors"][0]

    antwort = client.post(
        detail(m) + "einschaetzung/", {"risikostufe": "mittel", "begruendung": " "}, format="json"
    )
    assert antwort.status_code == 400 and "Die Einschätzung begründen" in antwort.json()["begruendung"][0]
    antwort = client.post(
        detail(m) + "einschaetzung/",
        {"risikostufe": "akut", "begruendung": "Waffe erwähnt", "waffenzugang": True, "letzteOption": True},
        format="json",
    )
    assert antwort.status_code == 201
    assert antwort.json()["risikostufe"] == "akut"
    assert antwort.json()["einschaetzungen"][0]["letzteOption"] is True

    antwort = client.post(
        detail(m) + "ansprechperson/", {"ansprechperson": sachbearbeitung.pk}, format="json"
    )
    assert (
        antwort.status_code == 400
        and "aktives Mitglied des Bedrohungsmanagements" in antwort.json()["ansprechperson"][0]
    )
    antwort = client.post(detail(m) + "ansprechperson/", {"ansprechperson": bedrohung.pk}, format="json")
    assert antwort.json()["ansprechperson"]["id"] == bedrohung.pk

    massnahme_daten = {"massnahmenart": "polizei", "beschreibung": "Kapo informieren", "frist": frist}
    antwort = client.post(
        detail(m) + "massnahmen/", {**massnahme_daten, "verantwortlich": sachbearbeitung.pk}, format="json"
    )
    assert (
        antwort.status_code == 400
        and "aktives Mitglied des Bedrohungsmanagements" in antwort.json()["verantwortlich"][0]
    )
    antwort = client.post(
        detail(m) + "massnahmen/", {**massnahme_daten, "verantwortlich": bedrohung.pk}, format="json"
    )
    assert antwort.status_code == 201

    antwort = client.post(
        detail(m) + "konferenz/",
        {
            "datum": (timezone.now() - timedelta(minutes=30)).isoformat(),
            "stellen": ["polizei", "kesb"],
            "teilnehmende": "Kapo, KESB, Team",
            "beschluesse": "Hausverbot",
            "folgeauftraege": [
                {
                    "massnahmenart": "hausverbot",
                    "beschreibung": "",
                    "verantwortlich": bedrohung.pk,
                    "frist": frist,
                }
            ],
        },
        format="json",
    )
    assert antwort.status_code == 400
    assert "Die Massnahme beschreiben" in antwort.json()["folgeauftraege[0].beschreibung"][0]
    antwort = client.post(
        detail(m) + "konferenz/",
        {
            "datum": (timezone.now() - timedelta(minutes=30)).isoformat(),
            "stellen": ["polizei", "kesb"],
            "teilnehmende": "Kapo, KESB, Team",
            "beschluesse": "Hausverbot",
            "folgeauftraege": [
                {
                    "massnahmenart": "hausverbot",
                    "beschreibung": "Verfügen",
                    "verantwortlich": bedrohung.pk,
                    "frist": frist,
                }
            ],
        },
        format="json",
    )
    assert antwort.status_code == 201
    daten = antwort.json()
    assert daten["konferenzen"][0]["stellen"] == ["polizei", "kesb"]
    assert len(daten["massnahmen"]) == 2

    antwort = client.post(detail(m) + "abschliessen/", {"bemerkung": "fertig"}, format="json")
    assert antwort.status_code == 400 and "2 Massnahmen noch offen" in antwort.json()["non_field_errors"][0]
    andere = massnahme(meldung(personal_a), bedrohung)
    assert client.post(detail(m) + f"massnahmen/{andere.pk}/erledigen/", {}, format="json").status_code == 404
    for mn in Massnahme.objects.filter(meldung=m):
        antwort = client.post(
            detail(m) + f"massnahmen/{mn.pk}/erledigen/", {"bemerkung": "ok"}, format="json"
        )
        assert antwort.status_code == 200

    antwort = client.post(detail(m) + "abschliessen/", {"bemerkung": "Keine Gefahr mehr"}, format="json")
    assert antwort.status_code == 200
    assert antwort.json()["status"] == Meldungsstatus.ABGESCHLOSSEN
    m.refresh_from_db()
    assert m.history.latest().history_user == bedrohung
    antwort = client.post(
        detail(m) + "einschaetzung/", {"risikostufe": "gering", "begruendung": "x"}, format="json"
    )
    assert antwort.status_code == 400 and "abgeschlossen" in antwort.json()["non_field_errors"][0]
