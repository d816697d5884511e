"""REST API of the Vollzug case core: /api/v1/personen/ and /api/v1/faelle/ (vollzug/api.py).

Clients authenticate with staff API tokens (`Authorization: Token <secret>`, `kern.api_tokens`), as agencies' staff tools do.
"""

import re
from datetime import timedelta

import pytest
import yaml
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import api_token, fall_anlegen, person_anlegen
from vollzug.models import Entscheid, Person, Sanktion, Vollzugsfall

PERSONEN = "/api/v1/personen/"
FAELLE = "/api/v1/faelle/"


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def _ids(response) -> list[int]:
    return [eintrag["id"] for eintrag in response.json()["results"]]


def _fall_daten(person_id, **entscheid) -> dict:
    heute = timezone.localdate()
    return {
        "person": person_id,
        "entscheid": {
            "art": "urteil",
            "behoerde": "Kriminalgericht Luzern",
            "referenz": "4M 25 117",
            "entscheidDatum": (heute - timedelta(days=60)).isoformat(),
            "rechtskraftAm": (heute - timedelta(days=30)).isoformat(),
            **entscheid,
        },
        "sanktionen": [{"art": "freiheitsstrafe", "vollzugsform": "halbgefangenschaft", "dauerMonate": 8}],
    }


@pytest.fixture
def faelle_a_und_b(sachbearbeitung, anstalt_a, anstalt_b):
    """One case placed in facility A and one in facility B."""
    return (
        fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a),
        fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_b),
    )


# --- R-0-ROLE-1: who sees what -----------------------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1")
def test_personal_b_bekommt_404_fuer_person_und_fall_in_anstalt_a(personal_b, faelle_a_und_b):
    fall_a, fall_b = faelle_a_und_b
    client = api_als(personal_b)

    person = client.get(f"{PERSONEN}{fall_a.person_id}/")
    fall = client.get(f"{FAELLE}{fall_a.pk}/")

    assert person.status_code == 404
    assert person.json() == {"detail": "Nicht gefunden."}
    assert fall.status_code == 404
    assert fall.json() == {"detail": "Nicht gefunden."}


@pytest.mark.rule("R-0-ROLE-1")
def test_personal_b_liste_enthaelt_nur_personen_und_faelle_aus_anstalt_b(personal_b, faelle_a_und_b):
    fall_a, fall_b = faelle_a_und_b
    client = api_als(personal_b)

    assert _ids(client.get(PERSONEN)) == [fall_b.person_id]
    assert _ids(client.get(FAELLE)) == [fall_b.pk]
    # The filter cannot reach past the scope either.
    assert _ids(client.get(FAELLE, {"person": fall_a.person_id})) == []


@pytest.mark.rule("R-0-ROLE-1")
def test_personal_a_sieht_person_und_fall_seiner_anstalt(personal_a, faelle_a_und_b):
    fall_a, _ = faelle_a_und_b
    person = fall_a.person
    client = api_als(personal_a)

    antwort_person = client.get(f"{PERSONEN}{person.pk}/")
    antwort_fall = client.get(f"{FAELLE}{fall_a.pk}/")

    assert antwort_person.status_code == 200
    assert antwort_person.json() == {
        "id": person.pk,
        "personennummer": person.personennummer,
        "officialName": person.amtlicher_name,
        "firstName": "Max",
        "sex": "1",
        "dateOfBirth": "1985-04-12",
        "vn": None,
        "street": "",
        "houseNumber": "",
        "swissZipCode": "",
        "town": "",
        "url": f"http://testserver{PERSONEN}{person.pk}/",
    }
    assert antwort_fall.status_code == 200
    daten = antwort_fall.json()
    platzierung = fall_a.platzierungen.get()
    assert daten["fallnummer"] == fall_a.fallnummer
    assert daten["person"] == {
        "id": person.pk,
        "personennummer": person.personennummer,
        "officialName": person.amtlicher_name,
        "firstName": "Max",
    }
    assert daten["status"] == "im_vollzug"
    assert daten["aktuelleAnstalt"] == "JVA Grosshof"
    assert daten["entlassungAm"] is None
    assert daten["entscheide"] == [
        {
            "art": "urteil",
            "behoerde": "Kriminalgericht Luzern",
            "referenz": fall_a.entscheide.get().referenz,
            "entscheidDatum": "2026-01-05",
            "rechtskraftAm": "2026-02-10",
            "sanktionen": [
                {
                    "art": "freiheitsstrafe",
                    "vollzugsform": "",
                    "dauerJahre": 0,
                    "dauerMonate": 8,
                    "dauerTage": 0,
                    "stunden": 0,
                }
            ],
        }
    ]
    assert daten["platzierungen"] == [
        {
            "art": "einweisung",
            "anstalt": "JVA Grosshof",
            "abteilung": "",
            "grund": "",
            "von": timezone.localtime(platzierung.von).isoformat(),
            "bis": None,
        }
    ]


@pytest.mark.rule("R-0-ROLE-1")
def test_ohne_anmeldung_401(faelle_a_und_b):
    fall_a, _ = faelle_a_und_b
    client = APIClient()

    for antwort in (
        client.get(PERSONEN),
        client.get(f"{FAELLE}{fall_a.pk}/"),
        client.post(PERSONEN, {}, format="json"),
    ):
        assert antwort.status_code == 401
        assert antwort["WWW-Authenticate"] == "Token"


@pytest.mark.rule("R-0-ROLE-1")
def test_falscher_token_401(faelle_a_und_b):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")

    assert client.get(PERSONEN).status_code == 401


@pytest.mark.rule("R-0-ROLE-1")
def test_revision_liest_alles_darf_aber_nichts_erfassen(revision, faelle_a_und_b):
    fall_a, fall_b = faelle_a_und_b
    client = api_als(revision)

    assert sorted(_ids(client.get(FAELLE))) == sorted([fall_a.pk, fall_b.pk])
    assert client.get(f"{PERSONEN}{fall_a.person_id}/").status_code == 200

    person = client.post(
        PERSONEN,
        {"officialName": "Neu", "firstName": "Nina", "sex": "2", "dateOfBirth": "1990-01-01"},
        format="json",
    )
    fall = client.post(FAELLE, _fall_daten(fall_a.person_id, referenz="REV 1"), format="json")

    assert person.status_code == 403
    assert person.json() == {"detail": "Keine Berechtigung: Person erfassen."}
    assert fall.status_code == 403
    assert fall.json() == {"detail": "Keine Berechtigung: Vollzugsfall erfassen."}
    assert Person.objects.count() == 2
    assert Vollzugsfall.objects.count() == 2


@pytest.mark.rule("R-0-ROLE-1")
def test_403_kommt_vor_der_pruefung_der_eingabe(personal_a):
    antwort = api_als(personal_a).post(FAELLE, {"person": "kein Fall"}, format="json")

    assert antwort.status_code == 403
    assert antwort.json() == {"detail": "Keine Berechtigung: Vollzugsfall erfassen."}


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["admin_user", "partner"])
def test_admin_und_partnerbehoerde_sehen_keine_akten(request, persona, faelle_a_und_b):
    fall_a, _ = faelle_a_und_b
    client = api_als(request.getfixturevalue(persona))

    for url in (PERSONEN, FAELLE):
        antwort = client.get(url)
        assert antwort.status_code == 200
        assert antwort.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert client.get(f"{FAELLE}{fall_a.pk}/").status_code == 404


# --- R-12-1: case intake via API -----------------------------------------------------------------


@pytest.mark.rule("R-12-1", "R-0-AUDIT-1")
def test_fall_erfassen_mit_token_speichert_fall_entscheid_und_sanktionen(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    daten = _fall_daten(person.pk)
    daten["sanktionen"].append({"art": "gemeinnuetzige_arbeit", "stunden": 120})

    antwort = api_als(sachbearbeitung).post(FAELLE, daten, format="json")

    assert antwort.status_code == 201
    fall = Vollzugsfall.objects.get()
    entscheid = Entscheid.objects.get()
    assert antwort["Location"] == f"http://testserver{FAELLE}{fall.pk}/"
    assert antwort.json() == {
        "id": fall.pk,
        "fallnummer": fall.fallnummer,
        "person": {
            "id": person.pk,
            "personennummer": person.personennummer,
            "officialName": person.amtlicher_name,
            "firstName": "Max",
        },
        "status": "eingang",
        "eingangAm": timezone.localdate().isoformat(),
        "vollzugsbeginn": None,
        "entlassungAm": None,
        "aktuelleAnstalt": None,
        "entscheide": [
            {
                **daten["entscheid"],
                "sanktionen": [
                    {
                        "art": "freiheitsstrafe",
                        "vollzugsform": "halbgefangenschaft",
                        "dauerJahre": 0,
                        "dauerMonate": 8,
                        "dauerTage": 0,
                        "stunden": 0,
                    },
                    {
                        "art": "gemeinnuetzige_arbeit",
                        "vollzugsform": "",
                        "dauerJahre": 0,
                        "dauerMonate": 0,
                        "dauerTage": 0,
                        "stunden": 120,
                    },
                ],
            }
        ],
        "platzierungen": [],
        "url": f"http://testserver{FAELLE}{fall.pk}/",
    }
    assert (fall.person, fall.erfasst_durch) == (person, sachbearbeitung)
    assert (entscheid.fall, entscheid.behoerde, entscheid.referenz) == (
        fall,
        "Kriminalgericht Luzern",
        "4M 25 117",
    )
    assert list(Sanktion.objects.values_list("entscheid", "art", "dauer_monate", "stunden")) == [
        (entscheid.pk, "freiheitsstrafe", 8, 0),
        (entscheid.pk, "gemeinnuetzige_arbeit", 0, 120),
    ]
    # R-0-AUDIT-1: the token's user is the actor of every history row, not the (anonymous) middleware user.
    assert Vollzugsfall.history.first().history_user == sachbearbeitung
    assert Entscheid.history.first().history_user == sachbearbeitung
    assert {h.history_user for h in Sanktion.history.all()} == {sachbearbeitung}


@pytest.mark.rule("R-12-1")
def test_derselbe_entscheid_zweimal_gibt_400_und_bleibt_ein_fall(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    client = api_als(sachbearbeitung)

    erste = client.post(FAELLE, _fall_daten(person.pk), format="json")
    zweite = client.post(FAELLE, _fall_daten(person.pk), format="json")

    assert erste.status_code == 201
    assert zweite.status_code == 400
    assert zweite.json() == {
        "entscheid.referenz": [
            f"§ 12 JVG: Dieser Entscheid ist bereits im Fall {erste.json()['fallnummer']} erfasst."
        ]
    }
    assert Vollzugsfall.objects.count() == 1
    assert Entscheid.objects.count() == 1


@pytest.mark.rule("R-12-1", "R-0-BAD-1")
def test_rechtskraft_in_der_zukunft_gibt_400_mit_paragraph_12(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    morgen = timezone.localdate() + timedelta(days=1)

    antwort = api_als(sachbearbeitung).post(
        FAELLE, _fall_daten(person.pk, rechtskraftAm=morgen.isoformat()), format="json"
    )

    assert antwort.status_code == 400
    assert antwort.json() == {
        "entscheid.rechtskraftAm": [
            "§ 12 JVG: Nur rechtskräftige Entscheide werden vollzogen – "
            "das Datum der Rechtskraft liegt in der Zukunft."
        ]
    }
    assert "§ 12" in antwort.json()["entscheid.rechtskraftAm"][0]
    assert Vollzugsfall.objects.count() == 0


@pytest.mark.rule("R-12-1", "R-1-1")
def test_freiheitsstrafe_ohne_dauer_gibt_400_am_richtigen_eintrag(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    daten = _fall_daten(person.pk)
    daten["sanktionen"].append({"art": "freiheitsstrafe"})

    antwort = api_als(sachbearbeitung).post(FAELLE, daten, format="json")

    assert antwort.status_code == 400
    assert antwort.json() == {
        "sanktionen[1].dauerTage": [
            "§ 1 JVG: Eine Freiheitsstrafe braucht eine Dauer (Jahre, Monate oder Tage)."
        ]
    }
    assert Vollzugsfall.objects.count() == 0
    assert Entscheid.objects.count() == 0


@pytest.mark.rule("R-12-1")
def test_fall_ohne_sanktion_gibt_400(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    daten = _fall_daten(person.pk)
    daten["sanktionen"] = []

    antwort = api_als(sachbearbeitung).post(FAELLE, daten, format="json")

    assert antwort.status_code == 400
    assert antwort.json() == {"sanktionen": ["§ 12 JVG: Mindestens eine Sanktion angeben."]}


@pytest.mark.rule("R-12-1", "R-0-BAD-1")
@pytest.mark.parametrize("person_id", [999_999, 10**30])
def test_unbekannte_person_gibt_400_person_nicht_gefunden(sachbearbeitung, person_id):
    antwort = api_als(sachbearbeitung).post(FAELLE, _fall_daten(person_id), format="json")

    assert antwort.status_code == 400
    assert antwort.json() == {"person": ["Person nicht gefunden."]}


@pytest.mark.rule("R-12-1")
def test_fallliste_filtert_nach_status_und_person(sachbearbeitung, anstalt_a):
    eingewiesen = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    offen = fall_anlegen(durch=sachbearbeitung)
    zweiter_fall = fall_anlegen(durch=sachbearbeitung, person=offen.person)
    client = api_als(sachbearbeitung)

    assert _ids(client.get(FAELLE, {"status": "im_vollzug"})) == [eingewiesen.pk]
    assert sorted(_ids(client.get(FAELLE, {"status": "eingang"}))) == sorted([offen.pk, zweiter_fall.pk])
    assert sorted(_ids(client.get(FAELLE, {"person": offen.person_id}))) == sorted(
        [offen.pk, zweiter_fall.pk]
    )
    assert _ids(client.get(FAELLE, {"person": offen.person_id, "status": "im_vollzug"})) == []


# --- R-0-BAD-1: bad input is a 400 with a German field message, never a 500 -------------------


@pytest.mark.rule("R-0-BAD-1")
def test_ahv_mit_falscher_pruefziffer_gibt_400_und_speichert_nichts(sachbearbeitung):
    antwort = api_als(sachbearbeitung).post(
        PERSONEN,
        {
            "officialName": "Muster",
            "firstName": "Anna",
            "sex": "2",
            "dateOfBirth": "1990-05-01",
            "vn": "756.9217.0769.84",
        },
        format="json",
    )

    assert antwort.status_code == 400
    assert antwort.json() == {"vn": ["AHV-Nummer ungültig: die Prüfziffer (EAN-13) stimmt nicht."]}
    assert "Prüfziffer" in antwort.json()["vn"][0]
    assert Person.objects.count() == 0


@pytest.mark.rule("R-0-BAD-1", "R-12-1")
def test_gueltige_ahv_wird_als_13_ziffern_gespeichert(sachbearbeitung):
    antwort = api_als(sachbearbeitung).post(
        PERSONEN,
        {
            "officialName": " Muster ",
            "firstName": "Anna",
            "sex": "2",
            "dateOfBirth": "1990-05-01",
            "vn": "756.9217.0769.85",
        },
        format="json",
    )

    assert antwort.status_code == 201
    person = Person.objects.get()
    assert person.ahv_nummer == "7569217076985"
    assert antwort.json() == {
        "id": person.pk,
        "personennummer": person.personennummer,
        "officialName": "Muster",
        "firstName": "Anna",
        "sex": "2",
        "dateOfBirth": "1990-05-01",
        "vn": "7569217076985",
        "street": "",
        "houseNumber": "",
        "swissZipCode": "",
        "town": "",
        "url": f"http://testserver{PERSONEN}{person.pk}/",
    }
    assert antwort["Location"] == f"http://testserver{PERSONEN}{person.pk}/"
    assert Person.history.first().history_user == sachbearbeitung


@pytest.mark.rule("R-0-BAD-1")
def test_doppelte_ahv_und_geburtsdatum_in_der_zukunft_heissen_wie_in_der_api(sachbearbeitung):
    person_anlegen(durch=sachbearbeitung, ahv_nummer="756.9217.0769.85")
    client = api_als(sachbearbeitung)
    basis = {"officialName": "Muster", "firstName": "Anna", "sex": "2", "dateOfBirth": "1990-05-01"}
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()

    doppelt = client.post(PERSONEN, {**basis, "vn": "7569217076985"}, format="json")
    zukunft = client.post(PERSONEN, {**basis, "dateOfBirth": morgen}, format="json")

    assert doppelt.status_code == 400
    assert doppelt.json() == {"vn": ["Zu dieser AHV-Nummer ist bereits eine Person erfasst."]}
    assert zukunft.status_code == 400
    assert zukunft.json() == {"dateOfBirth": ["Das Geburtsdatum liegt in der Zukunft."]}
    assert Person.objects.count() == 1


@pytest.mark.rule("R-0-BAD-1")
def test_zu_langer_name_meldet_das_feld_der_api(sachbearbeitung):
    antwort = api_als(sachbearbeitung).post(
        PERSONEN,
        {"officialName": "X" * 101, "firstName": "Anna", "sex": "2", "dateOfBirth": "1990-05-01"},
        format="json",
    )

    assert antwort.status_code == 400
    assert list(antwort.json()) == ["officialName"]
    assert Person.objects.count() == 0


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize("url", [PERSONEN, FAELLE])
def test_kaputtes_json_gibt_400(sachbearbeitung, url):
    antwort = api_als(sachbearbeitung).post(
        url, data='{"officialName": "Muster",', content_type="application/json"
    )

    assert antwort.status_code == 400
    assert antwort.json() == {"detail": "Ungültiges JSON (Zeile 1, Spalte 27)."}
    assert Person.objects.count() == 0


@pytest.mark.rule("R-0-BAD-1")
def test_kein_utf8_gibt_400(sachbearbeitung):
    antwort = api_als(sachbearbeitung).post(
        PERSONEN, data=b'{"officialName": "M\xfcller"}', content_type="application/json"
    )

    assert antwort.status_code == 400
    assert antwort.json() == {"detail": "Ungültiges JSON: der Inhalt ist kein UTF-8-kodiertes JSON-Dokument."}


@pytest.mark.rule("R-0-BAD-1")
def test_formular_statt_json_gibt_415(sachbearbeitung):
    antwort = api_als(sachbearbeitung).post(PERSONEN, {"officialName": "Muster"})

    assert antwort.status_code == 415


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize("koerper", ["[1, 2]", '"text"', "null", "42"])
def test_json_ohne_objekt_gibt_400(sachbearbeitung, koerper):
    antwort = api_als(sachbearbeitung).post(PERSONEN, data=koerper, content_type="application/json")

    assert antwort.status_code == 400
    assert antwort.json() == {"non_field_errors": ["Erwartet wird ein JSON-Objekt."]}


@pytest.mark.rule("R-0-BAD-1")
def test_falsche_typen_bei_person_geben_400_je_feld(sachbearbeitung):
    antwort = api_als(sachbearbeitung).post(
        PERSONEN,
        {
            "officialName": ["Muster"],
            "firstName": None,
            "sex": 1.5,
            "dateOfBirth": "12.04.1985",
            "vn": {"a": 1},
        },
        format="json",
    )

    assert antwort.status_code == 400
    assert sorted(antwort.json()) == ["dateOfBirth", "firstName", "officialName", "sex", "vn"]
    assert Person.objects.count() == 0


@pytest.mark.rule("R-0-BAD-1")
def test_falsche_typen_bei_fall_geben_400_mit_flachen_pfaden(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    daten = _fall_daten(person.pk, rechtskraftAm="gestern", art="busse")
    daten["sanktionen"].append({"art": "freiheitsstrafe", "dauerTage": "viele", "dauerMonate": -1})
    daten["eingangAm"] = 20260101

    antwort = api_als(sachbearbeitung).post(FAELLE, daten, format="json")

    datumsformat = "Datum hat das falsche Format. Nutze stattdessen eines dieser Formate: YYYY-MM-DD."
    assert antwort.status_code == 400
    assert antwort.json() == {
        "entscheid.art": ['"busse" ist keine gültige Option.'],
        "entscheid.rechtskraftAm": [datumsformat],
        "sanktionen[1].dauerMonate": ["Stelle sicher, dass dieser Wert größer oder gleich 0 ist."],
        "sanktionen[1].dauerTage": ["Eine gültige Ganzzahl ist erforderlich."],
        "eingangAm": [datumsformat],
    }
    assert Vollzugsfall.objects.count() == 0


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize(
    ("daten", "fehlerfelder"),
    [
        (
            {"person": "abc", "entscheid": "Urteil", "sanktionen": {"art": "verwahrung"}},
            ["entscheid", "person", "sanktionen"],
        ),
        ({"person": True, "entscheid": None, "sanktionen": None}, ["entscheid", "person", "sanktionen"]),
        ({}, ["entscheid", "person", "sanktionen"]),
    ],
)
def test_falsche_struktur_bei_fall_gibt_400(sachbearbeitung, daten, fehlerfelder):
    antwort = api_als(sachbearbeitung).post(FAELLE, daten, format="json")

    assert antwort.status_code == 400
    assert sorted(antwort.json()) == fehlerfelder
    assert Vollzugsfall.objects.count() == 0


@pytest.mark.rule("R-0-BAD-1")
def test_person_als_text_gibt_400_mit_deutscher_meldung(sachbearbeitung):
    antwort = api_als(sachbearbeitung).post(FAELLE, _fall_daten("P-000001"), format="json")

    assert antwort.status_code == 400
    assert antwort.json() == {"person": ["Erwartet wird die ID einer Person (ganze Zahl)."]}


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize(
    ("parameter", "fehlerfeld"),
    [
        ({"status": "offen"}, "status"),
        ({"person": "abc"}, "person"),
        ({"person": "-1"}, "person"),
        ({"person": str(10**30)}, "person"),
    ],
)
def test_falsche_filter_geben_400(sachbearbeitung, parameter, fehlerfeld):
    antwort = api_als(sachbearbeitung).get(FAELLE, parameter)

    assert antwort.status_code == 400
    assert list(antwort.json()) == [fehlerfeld]


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize("pk", ["abc", str(10**30), "-5"])
def test_unsinnige_id_gibt_404(sachbearbeitung, pk):
    client = api_als(sachbearbeitung)

    assert client.get(f"{PERSONEN}{pk}/").status_code == 404
    assert client.get(f"{FAELLE}{pk}/").status_code == 404


# --- Constant number of queries for lists (N+1 guard) -------------------------------------------


@pytest.mark.parametrize("anzahl", [5, 50])
def test_personenliste_mit_konstanter_anzahl_abfragen(
    sachbearbeitung, personal_a, anstalt_a, anzahl, django_assert_max_num_queries
):
    for _ in range(anzahl):
        fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)

    for user in (sachbearbeitung, personal_a):
        client = api_als(user)
        # token lookup (+ its last use, written at most once a minute), count, one page
        with django_assert_max_num_queries(5):
            antwort = client.get(PERSONEN)
        assert antwort.json()["count"] == anzahl
        assert len(antwort.json()["results"]) == anzahl


@pytest.mark.parametrize("anzahl", [5, 50])
def test_fallliste_mit_konstanter_anzahl_abfragen(
    sachbearbeitung, personal_a, anstalt_a, anzahl, django_assert_max_num_queries
):
    for i in range(anzahl):
        # Every other case is placed, so the page mixes cases with and without a placement.
        fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a if i % 2 == 0 else None)

    client = api_als(sachbearbeitung)
    # token lookup (+ its last use, at most once a minute), the page (person joined, the facility a
    # subquery), read log; no prefetch of placements, decisions and sanctions (issue 19: lean list)
    with django_assert_max_num_queries(6):
        antwort = client.get(FAELLE)
    assert antwort.json()["count"] == anzahl
    assert len(antwort.json()["results"]) == anzahl
    assert (
        sum(1 for f in antwort.json()["results"] if f["aktuelleAnstalt"] == "JVA Grosshof")
        == (anzahl + 1) // 2
    )

    client = api_als(personal_a)
    with django_assert_max_num_queries(6):  # the same, with the token's last use
        antwort = client.get(FAELLE)
    assert antwort.json()["count"] == (anzahl + 1) // 2


def test_fallliste_in_kurzer_form_mit_link_zum_einzelabruf(sachbearbeitung, anstalt_a):
    """Issue 19: the list shows each case flat (short person, current facility, url); the detail at `url`
    has the decisions, sanctions and placements, and the same values for the shared fields."""
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    ohne_platzierung = fall_anlegen(durch=sachbearbeitung)
    client = api_als(sachbearbeitung)

    liste = {f["id"]: f for f in client.get(FAELLE).json()["results"]}

    eintrag = liste[fall.pk]
    assert set(eintrag) == {
        "id", "fallnummer", "person", "status", "eingangAm", "vollzugsbeginn", "entlassungAm",
        "aktuelleAnstalt", "url",
    }  # fmt: skip
    assert eintrag["url"] == f"http://testserver{FAELLE}{fall.pk}/"
    detail = client.get(eintrag["url"]).json()
    assert {k: detail[k] for k in eintrag} == eintrag
    assert eintrag["aktuelleAnstalt"] == "JVA Grosshof"
    assert eintrag["vollzugsbeginn"] is not None
    assert "entscheide" in detail and "platzierungen" in detail
    assert liste[ohne_platzierung.pk]["aktuelleAnstalt"] is None
    assert liste[ohne_platzierung.pk]["vollzugsbeginn"] is None


# --- OpenAPI schema and docs --------------------------------------------------------------------


def test_schema_fuer_angemeldete_benutzer(client, sachbearbeitung):
    client.force_login(sachbearbeitung)

    antwort = client.get("/api/schema/")

    assert antwort.status_code == 200
    schema = yaml.safe_load(antwort.content)
    pfade = set(schema["paths"])
    assert {
        "/api/v1/faelle/",
        "/api/v1/faelle/{id}/",
        "/api/v1/personen/",
        "/api/v1/personen/{id}/",
        "/api/v1/vollzugsplaene/",
        "/api/v1/vollzugsplaene/{id}/",
        "/api/v1/aufschubgesuche/",
        "/api/v1/aufschubgesuche/{id}/",
        "/api/v1/aufschubgesuche/{id}/arztzeugnis/",
        "/api/v1/aufschubgesuche/{id}/entscheid/",
    } <= pfade
    assert all(p.startswith("/api/v1/") for p in pfade)
    operationen = [op for pfad in schema["paths"].values() for op in pfad.values()]
    # Every operation is grouped under a German module tag.
    assert all(op.get("tags") for op in operationen)
    assert {op["tags"][0] for op in schema["paths"]["/api/v1/faelle/"].values()} == {"Vollzug"}
    erfassen = schema["paths"]["/api/v1/faelle/"]["post"]["responses"]
    assert sorted(erfassen) == ["201", "400", "401", "403"]
    assert sorted(schema["paths"]["/api/v1/faelle/{id}/"]["get"]["responses"]) == ["200", "401", "404"]


def test_api_doku_laedt_nur_lokale_dateien(client, sachbearbeitung):
    client.force_login(sachbearbeitung)

    seite = client.get("/api/docs/")
    skript = client.get("/api/docs/", {"script": ""})

    assert seite.status_code == 200
    assert seite["Content-Type"] == "text/html; charset=utf-8"
    html = seite.content.decode()
    quellen = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert sorted(quellen) == [
        "/api/docs/?script=",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
    ]
    assert re.findall(r"https?://", html) == []
    assert skript.status_code == 200
    assert re.findall(r"https?://", skript.content.decode()) == []


@pytest.mark.rule("R-0-BAD-1")
def test_person_mit_postadresse_und_falscher_postleitzahl(sachbearbeitung):
    """Issue 17: the eCH-0010 postal address is optional; a postcode is four digits."""
    daten = {"officialName": "Muster", "firstName": "Anna", "sex": "2", "dateOfBirth": "1990-05-01"}
    adresse = {"street": "Baselstrasse", "houseNumber": "44", "swissZipCode": "6003", "town": "Luzern"}
    antwort = api_als(sachbearbeitung).post(PERSONEN, {**daten, **adresse}, format="json")
    assert antwort.status_code == 201
    assert {k: antwort.json()[k] for k in adresse} == adresse
    for plz in ("600", "60031", "0600"):
        antwort = api_als(sachbearbeitung).post(PERSONEN, {**daten, "swissZipCode": plz}, format="json")
        assert antwort.status_code == 400
        assert "Postleitzahl hat vier Ziffern" in str(antwort.json())


# --- Issue 19: capped count, next link from one row more, exact total on request -----------------


@pytest.mark.parametrize(("anzahl", "gedeckelt"), [(3, False), (4, True)])
def test_fallliste_count_gedeckelt_an_der_grenze(sachbearbeitung, anzahl, gedeckelt, monkeypatch):
    from kern.web import seiten

    monkeypatch.setattr(seiten, "GRENZE", 3)
    for _ in range(anzahl):
        fall_anlegen(durch=sachbearbeitung)
    client = api_als(sachbearbeitung)
    daten = client.get(FAELLE, {"limit": 1}).json()
    assert daten["count"] == 3
    assert daten.get("count_gedeckelt", False) is gedeckelt
    assert daten["next"].endswith("limit=1&offset=1")
    # The exact total on request, and the last page answers without a next link.
    assert client.get(FAELLE, {"limit": 1, "gesamt": "true"}).json()["count"] == anzahl
    letzte = client.get(FAELLE, {"limit": 1, "offset": anzahl - 1}).json()
    assert (len(letzte["results"]), letzte["next"]) == (1, None)
