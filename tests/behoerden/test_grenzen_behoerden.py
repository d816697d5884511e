"""§ 21 Abs. 2 JVG (R-21-1): boundary of the agency request headers (purpose and acting official).

Just inside: an official's name of exactly 150 characters is answered and logged in full. Just outside:
151 characters are refused at the header, nothing logged. Bad input: only blanks or control characters,
a purpose of another endpoint, a purpose with surrounding blanks (accepted, stored trimmed).
"""

import pytest

from behoerden.models import Behoerdentyp, Bekanntgabe
from kern.models import Lesezugriff
from tests.behoerden.hilfen import AHV_GUELTIG, agentur_client, behoerde_anlegen, fall_mit_entscheid
from tests.factories import person_anlegen


@pytest.fixture
def strassenverkehrsamt_und_person(admin_user, sachbearbeitung, anstalt_a):
    behoerde, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRASSENVERKEHRSAMT)
    person = person_anlegen(durch=sachbearbeitung, ahv_nummer=AHV_GUELTIG)
    fall_mit_entscheid(
        durch=sachbearbeitung, person=person, behoerde_name="KG", referenz="D-1", anstalt=anstalt_a
    )
    return behoerde, person


@pytest.mark.rule("R-21-1", grenze=True)
def test_sachbearbeitung_150_zeichen_beantwortet_151_abgelehnt_grenze(strassenverkehrsamt_und_person):
    behoerde, person = strassenverkehrsamt_und_person
    url = f"/api/v1/auskunft/personen/{person.pk}/"

    # Just outside: 151 characters refused at the header, nothing disclosed, nothing logged.
    antwort = agentur_client(behoerde, sachbearbeitung="B" * 151).get(url)
    assert antwort.status_code == 400
    assert antwort.json()["X-Sachbearbeitung"] == ["X-Sachbearbeitung: höchstens 150 Zeichen."]
    assert "haftstatus" not in antwort.json()
    assert not Bekanntgabe.objects.exists()
    assert not Lesezugriff.objects.filter(person=person, objekt_typ="behoerden.auskunft").exists()

    # Just inside: exactly 150 characters answered and logged in full (not cut).
    name = "A" * 150
    antwort = agentur_client(behoerde, sachbearbeitung=name).get(url)
    assert antwort.status_code == 200, antwort.content
    assert antwort.json()["haftstatus"]["imVollzug"] is True
    eintrag = Bekanntgabe.objects.get()
    assert (eintrag.person, eintrag.behoerde, eintrag.zweck) == (person, behoerde, "fuehrerausweis")
    assert eintrag.sachbearbeitung == name
    assert Lesezugriff.objects.get(person=person, objekt_typ="behoerden.auskunft").benutzer == (
        behoerde.benutzer
    )


@pytest.mark.rule("R-21-1", grenze=True)
@pytest.mark.parametrize(
    "kopf", ["", "   ", "\x07\x1b", "%00%01"], ids=["leer", "blank", "steuer", "kodiert"]
)
def test_sachbearbeitung_leer_oder_nur_steuerzeichen_abgelehnt_grenze(strassenverkehrsamt_und_person, kopf):
    behoerde, person = strassenverkehrsamt_und_person
    antwort = agentur_client(behoerde, sachbearbeitung=kopf).get(f"/api/v1/auskunft/personen/{person.pk}/")
    assert antwort.status_code == 400
    [meldung] = antwort.json()["X-Sachbearbeitung"]
    assert meldung.startswith("§ 21 Abs. 2 JVG") and "handelnde Person" in meldung
    assert "X-Zweck" not in antwort.json()  # the purpose itself was valid
    assert not Bekanntgabe.objects.exists()


@pytest.mark.rule("R-21-1", grenze=True)
def test_zweck_knapp_gueltig_mit_leerzeichen_blank_oder_fremd_abgelehnt_grenze(
    strassenverkehrsamt_und_person,
):
    behoerde, person = strassenverkehrsamt_und_person
    url = f"/api/v1/auskunft/personen/{person.pk}/"

    # Bad input: only blanks is "no purpose", not an unknown one.
    antwort = agentur_client(behoerde, zweck="   ").get(url)
    assert antwort.status_code == 400
    [meldung] = antwort.json()["X-Zweck"]
    assert meldung.startswith("§ 21 Abs. 2 JVG") and "fuehrerausweis" in meldung
    assert "Unbekannter Zweck" not in meldung
    # Both headers wrong: both named in one answer.
    antwort = agentur_client(behoerde, zweck="x" * 500, sachbearbeitung=None).get(url)
    assert antwort.status_code == 400
    assert set(antwort.json()) == {"X-Zweck", "X-Sachbearbeitung"}
    assert "x" * 41 not in antwort.json()["X-Zweck"][0]  # the echoed code is bounded
    assert not Bekanntgabe.objects.exists()

    # Just inside: the catalogue's code with surrounding blanks is that purpose, logged trimmed.
    antwort = agentur_client(behoerde, zweck="  fuehrerausweis ").get(url)
    assert antwort.status_code == 200, antwort.content
    assert Bekanntgabe.objects.get().zweck == "fuehrerausweis"
