"""R-29-1 (§ 29 Abs. 1 JVG): the proofs that the mutation run (issue 25) showed missing.

Each test kills a mutant of the rule's check sites that survived the marked tests: the refusal of a person
who is not placed, the complete number at the field's limit and the upload form that can carry a file.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import fall_anlegen
from ueberwachung import domain
from ueberwachung.models import Telefonaufzeichnung, Vernichtungsprotokoll

from . import hilfen
from .hilfen import T0, aufnehmen, datei

insasse, telefonanlage = hilfen.insasse, hilfen.telefonanlage


@pytest.mark.rule("R-29-1", grenze=True)
def test_nicht_platzierte_person_abgelehnt_nichts_gespeichert(telefonanlage, sachbearbeitung):
    # § 29 Abs. 1: only calls of persons placed in a facility. A case without placement is refused.
    person = fall_anlegen(durch=sachbearbeitung).person
    with time_machine.travel(T0 + timedelta(minutes=20), tick=False), pytest.raises(ValidationError) as exc:
        domain.telefonaufzeichnung_erfassen(
            person=person,
            nummer="079 123 45 67",
            beginn=T0,
            ende=T0 + timedelta(minutes=10),
            datei=datei(),
            durch=telefonanlage,
        )
    assert [f.code for f in exc.value.error_dict["person"]] == ["nicht_platziert"]
    assert "§ 29 Abs. 1 JVG" in exc.value.error_dict["person"][0].message
    assert not Telefonaufzeichnung.objects.exists()
    assert not Vernichtungsprotokoll.objects.exists()


@pytest.mark.rule("R-29-1", grenze=True)
def test_nummer_mit_40_zeichen_vollstaendig_gespeichert(telefonanlage, insasse):
    # The field holds 40 characters: a number of exactly 40 is stored as entered, not shortened.
    nummer = "(079) 123 - 45 - 67 / (041) 228 - 11 - 2"
    assert len(nummer) == 40
    a = aufnehmen(telefonanlage, insasse, nummer=nummer)
    a.refresh_from_db()
    assert a.nummer == nummer
    assert a.nummer_normalisiert == "0041791234567041228112"


@pytest.mark.rule("R-29-1")
def test_upload_formular_traegt_eine_datei(client_als, leitung_a):
    # The browser form of the management must be able to send the recording (multipart).
    antwort = client_als(leitung_a).get(reverse("ueberwachung:telefon_neu"))
    assert antwort.status_code == 200
    assert 'enctype="multipart/form-data"' in antwort.content.decode()
    assert 'type="file"' in antwort.content.decode()


@pytest.mark.rule("R-29-1", "R-0-BAD-1", grenze=True)
def test_nummer_ueber_40_zeichen_abgelehnt_nicht_abgeschnitten(telefonanlage, insasse):
    # "+" and 40 more characters used to be accepted and stored cut off after 40 (issue 25): refused now,
    # at the field, nothing stored. Also a number whose normalised form would exceed the 40 digits.
    for nummer in ("+41 (0)79 123 45 67 / 041 228 11 22 / 333", "0" + "1" * 39):
        with pytest.raises(ValidationError) as exc:
            aufnehmen(telefonanlage, insasse, nummer=nummer)
        assert [f.code for f in exc.value.error_dict["nummer"]] == ["nummer_ungueltig"]
        assert "höchstens 40 Zeichen" in exc.value.error_dict["nummer"][0].message
    assert not Telefonaufzeichnung.objects.exists()
