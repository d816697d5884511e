"""REST API of §§ 27, 29, 30 JVG: ingestion by the phone system, metadata, holds, justified access
(content only for the entitled), destruction log; constant queries per list."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from kern.models import Lesezugriff
from tests.factories import api_token
from ueberwachung import domain
from ueberwachung.models import Inhaltszugriff, Telefonaufzeichnung, Vernichtungsprotokoll

from . import hilfen
from .hilfen import INHALT, T0, aufnehmen, platzieren

insasse, telefonanlage, leitung_b = hilfen.insasse, hilfen.telefonanlage, hilfen.leitung_b

BASIS = "/api/v1/ueberwachung"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def einliefern(client, person, nummer="079 123 45 67", inhalt=INHALT):
    return client.post(
        f"{BASIS}/telefonaufzeichnungen/",
        {
            "person": person.pk,
            "nummer": nummer,
            "beginn": (T0).isoformat(),
            "ende": (T0 + timedelta(minutes=4)).isoformat(),
            "datei": SimpleUploadedFile("anruf.ogg", inhalt),
        },
        format="multipart",
    )


@pytest.mark.rule("R-29-1")
def test_telefonanlage_liefert_mit_token_ein(telefonanlage, insasse):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(telefonanlage)}")
    with time_machine.travel(T0 + timedelta(minutes=10), tick=False):
        antwort = einliefern(client, insasse)
    assert antwort.status_code == 201, antwort.content
    daten = antwort.json()
    assert (daten["person"]["id"], daten["nummer"], daten["loeschungFaelligAm"]) == (
        insasse.pk,
        "079 123 45 67",
        "2026-06-09T10:15:00+02:00",
    )
    assert "datei" not in daten  # never the content, not even its storage name
    # The phone system delivers but reads nothing back.
    assert client.get(f"{BASIS}/telefonaufzeichnungen/").status_code == 403


@pytest.mark.rule("R-29-4", "R-0-BAD-1")
def test_rechtsbeistand_abgewiesen_mit_feldmeldung(telefonanlage, insasse, sachbearbeitung):
    domain.rechtsbeistand_erfassen(person=insasse, name="RA", nummer="041 210 00 00", durch=sachbearbeitung)
    with time_machine.travel(T0 + timedelta(minutes=10), tick=False):
        antwort = einliefern(api(telefonanlage), insasse, nummer="+41412100000")
    assert antwort.status_code == 400
    assert antwort.json()["nummer"][0].startswith("§ 29 Abs. 4 JVG")
    assert not Telefonaufzeichnung.objects.exists()
    assert Vernichtungsprotokoll.objects.get().vorgang == "abgewiesen"


@pytest.mark.rule("R-0-BAD-1", "R-0-ROLE-1")
def test_einlieferung_fehler_und_rechte(telefonanlage, insasse, personal_a, sachbearbeitung):
    antwort = api(telefonanlage).post(
        f"{BASIS}/telefonaufzeichnungen/", {"person": 999999}, format="multipart"
    )
    assert antwort.status_code == 400
    assert set(antwort.json()) == {"nummer", "beginn", "ende", "datei"}
    for user in (personal_a, sachbearbeitung):
        assert einliefern(api(user), insasse).status_code == 403


@pytest.mark.rule("R-29-3", "R-0-AUDIT-2")
def test_abhoeren_ueber_api_inhalt_nur_fuer_berechtigte(
    telefonanlage, insasse, leitung_a, sachbearbeitung, revision
):
    a = aufnehmen(telefonanlage, insasse)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        antwort = api(leitung_a).post(
            f"{BASIS}/telefonaufzeichnungen/{a.pk}/abhoeren/",
            {"tatbestand": "b", "referenz": "x"},
            format="json",
        )
        assert antwort.status_code == 400
        assert "§ 29 Abs. 3 JVG" in antwort.json()["tatbestand"][0]
        for user in (sachbearbeitung, revision):
            assert (
                api(user)
                .post(
                    f"{BASIS}/telefonaufzeichnungen/{a.pk}/abhoeren/",
                    {"tatbestand": "c", "referenz": "x"},
                    format="json",
                )
                .status_code
                == 403
            )
        antwort = api(leitung_a).post(
            f"{BASIS}/telefonaufzeichnungen/{a.pk}/abhoeren/",
            {"tatbestand": "c", "referenz": "Rapport 2026-17"},
            format="json",
        )
        assert antwort.status_code == 201
        url = antwort.json()["inhaltUrl"]
        inhalt = api(leitung_a).get(url)
        assert inhalt.status_code == 200
        assert b"".join(inhalt.streaming_content) == INHALT
        # Others never get the content, not even with the URL.
        for user in (sachbearbeitung, revision):
            assert api(user).get(url).status_code == 404
    assert Inhaltszugriff.objects.get().tatbestand == "c"
    gelesen = Lesezugriff.objects.filter(
        objekt_typ="ueberwachung.telefonaufzeichnung", aktion="dokument"
    ).get()
    assert (gelesen.benutzer, gelesen.person_id) == (leitung_a, insasse.pk)


@pytest.mark.rule("R-0-ROLE-1")
def test_metadaten_nach_rolle(
    telefonanlage,
    sachbearbeitung,
    anstalt_a,
    anstalt_b,
    leitung_a,
    leitung_b,
    personal_a,
    medizin,
    partner,
    revision,
):
    a = aufnehmen(telefonanlage, platzieren(sachbearbeitung, anstalt_a).person)
    b = aufnehmen(telefonanlage, platzieren(sachbearbeitung, anstalt_b).person)

    def ids(user):
        return [z["id"] for z in api(user).get(f"{BASIS}/telefonaufzeichnungen/").json()["results"]]

    assert ids(leitung_a) == [a.pk]
    assert ids(leitung_b) == [b.pk]
    assert sorted(ids(sachbearbeitung)) == sorted(ids(revision)) == sorted([a.pk, b.pk])
    assert api(leitung_b).get(f"{BASIS}/telefonaufzeichnungen/{a.pk}/").status_code == 404
    for user in (personal_a, medizin, partner):
        assert api(user).get(f"{BASIS}/telefonaufzeichnungen/").status_code == 403


@pytest.mark.rule("R-29-2")
def test_beizug_ueber_api_und_vernichtungsprotokoll(telefonanlage, insasse, sachbearbeitung, revision):
    a = aufnehmen(telefonanlage, insasse)
    antwort = api(sachbearbeitung).post(
        f"{BASIS}/beizuege/",
        {"telefon": a.pk, "verfahrensart": "strafverfahren", "referenz": "", "behoerde": "StA"},
        format="json",
    )
    assert antwort.status_code == 400 and "referenz" in antwort.json()
    antwort = api(sachbearbeitung).post(
        f"{BASIS}/beizuege/",
        {"telefon": a.pk, "verfahrensart": "strafverfahren", "referenz": "ST 1", "behoerde": "StA"},
        format="json",
    )
    assert antwort.status_code == 201
    pk = antwort.json()["id"]
    assert (
        api(revision).post(f"{BASIS}/beizuege/{pk}/aufheben/", {"grund": "x"}, format="json").status_code
        == 403
    )
    antwort = api(sachbearbeitung).post(
        f"{BASIS}/beizuege/{pk}/aufheben/", {"grund": "erledigt"}, format="json"
    )
    assert (antwort.status_code, antwort.json()["aktiv"]) == (200, False)
    from ueberwachung import domain

    with time_machine.travel(T0 + timedelta(days=101), tick=False):
        domain.aufzeichnungen_loeschen()
    eintraege = api(revision).get(f"{BASIS}/vernichtungsprotokoll/").json()["results"]
    assert [(e["objektart"], e["objektId"], e["rechtsgrundlage"]) for e in eintraege] == [
        ("telefon", a.pk, "29_2")
    ]


# A query budget, not a proof of R-0-ROLE-1/R-BM-2 (issue 25): the rows are proven elsewhere.
@pytest.mark.parametrize("anzahl", [1, 20])
def test_listen_mit_konstanten_abfragen(
    telefonanlage, insasse, sachbearbeitung, django_assert_max_num_queries, anzahl
):
    for i in range(anzahl):
        a = aufnehmen(telefonanlage, insasse, beginn=T0 + timedelta(minutes=i), inhalt=b"a%d" % i)
        domain.beizug_erfassen(
            aufzeichnung=a,
            verfahrensart="strafverfahren",
            referenz=f"S{i}",
            behoerde="StA",
            durch=sachbearbeitung,
        )
    client = api(sachbearbeitung)
    for pfad in (
        "telefonaufzeichnungen",
        "beizuege",
        "vernichtungsprotokoll",
        "zugriffe",
        "rechtsbeistaende",
    ):
        with django_assert_max_num_queries(8):
            assert client.get(f"{BASIS}/{pfad}/").status_code == 200
