"""Issue 18 item 5 (R-0-BAD-1; ASVS V5.2): every upload is checked at upload time against the allow-list
of its kind by its content (magic bytes), never by name or claimed type: HTML and SVG are refused even
when named .pdf or .ogg, with a German message naming the §."""

from datetime import timedelta

import pytest
import time_machine
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework import serializers
from rest_framework.test import APIClient

from kern import dateien
from tests.factories import fall_anlegen
from tests.ueberwachung import test_api as ueberwachung_api
from tests.ueberwachung.hilfen import T0, insasse, telefonanlage  # noqa: F401  (fixtures)

PDF = b"%PDF-1.7\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
TIFF = b"II*\x00\x08\x00\x00\x00" + b"\x00" * 8
TIFF_MM = b"MM\x00*\x00\x00\x00\x08" + b"\x00" * 8
TEXT = "Drohbrief: «Ich komme wieder.» Grüsse, Zürich".encode()
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 16
OGG = b"OggS\x00\x02" + b"\x00" * 16
MP3 = b"ID3\x04\x00" + b"\x00" * 16
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 16
MP4 = b"\x00\x00\x00\x18ftypisom" + b"\x00" * 8

HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
BOESE = {
    "html": HTML,
    "html_klein": b"  <HtMl><body onload=alert(1)>",
    "svg": SVG,
    "xml_svg": b'<?xml version="1.0"?><svg/>',
    "script_im_text": b"Sehr geehrte Damen und Herren\n<script>alert(1)</script>",
    "zip": b"PK\x03\x04" + b"\x00" * 16,
    "exe": b"MZ\x90\x00" + b"\x00" * 16,
    "binaer": b"\x00\x01\x02\x03" * 8,
    "leer": b"",
}


def _datei(name, inhalt, typ="application/pdf"):
    return SimpleUploadedFile(name, inhalt, content_type=typ)


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize(
    ("art", "inhalt"),
    [
        *[(dateien.DOKUMENT, x) for x in (PDF, PNG, JPEG, TIFF, TIFF_MM, TEXT)],
        *[(dateien.AUFZEICHNUNG, x) for x in (WAV, OGG, MP3, WEBM, MP4)],
        *[(dateien.ED, x) for x in (PNG, JPEG, PDF, WAV, WEBM)],
    ],
)
def test_allowed_type_of_each_kind_passes(art, inhalt):
    dateien.pruefen(_datei("x.bin", inhalt), art)


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize("art", [dateien.DOKUMENT, dateien.AUFZEICHNUNG, dateien.ED, dateien.ALLGEMEIN])
@pytest.mark.parametrize("name", sorted(BOESE))
def test_disguised_active_content_is_refused_in_every_kind(art, name):
    with pytest.raises(ValidationError) as fehler:
        dateien.pruefen(_datei("bericht.pdf", BOESE[name]), art)
    assert fehler.value.messages[0].startswith("§ 20 JVG: Dateityp nicht zulässig.")


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize(
    ("art", "inhalt"),
    [
        (dateien.DOKUMENT, WAV),
        (dateien.DOKUMENT, WEBM),
        (dateien.AUFZEICHNUNG, PDF),
        (dateien.AUFZEICHNUNG, TEXT),
    ],
)
def test_a_type_of_another_kind_is_refused(art, inhalt):
    with pytest.raises(ValidationError):
        dateien.pruefen(_datei("x.ogg", inhalt), art)


def test_the_check_reads_the_head_and_rewinds():
    datei = _datei("x.pdf", PDF)
    datei.read(3)
    dateien.pruefen(datei, dateien.DOKUMENT)
    assert datei.tell() == 3


def test_every_model_file_field_checks_its_kind():
    felder = {(f.model._meta.label, f.name): art for f, art in dateien.upload_felder()}
    assert len(felder) >= 15
    assert felder[("ueberwachung.Telefonaufzeichnung", "datei")] == dateien.AUFZEICHNUNG
    assert felder[("ueberwachung.EDDatei", "datei")] == dateien.ED
    assert felder[("bedrohung.Meldungsbeilage", "datei")] == dateien.DOKUMENT
    for feld, art in dateien.upload_felder():
        assert dateien.DateiArtValidator(art) in feld.validators, feld


def test_every_form_and_serializer_file_field_checks_by_default():
    with pytest.raises(ValidationError):
        forms.FileField().clean(_datei("a.pdf", HTML))
    assert forms.FileField().clean(_datei("a.pdf", PDF))
    feld = serializers.FileField()
    with pytest.raises(serializers.ValidationError):
        feld.run_validation(_datei("a.ogg", SVG))


@pytest.mark.django_db
def test_save_without_full_clean_is_guarded_too(sachbearbeitung, anstalt_a):
    from vollzug.models import Dokument

    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    dok = Dokument(fall=fall, titel="x", datei=_datei("brief.pdf", HTML))
    with pytest.raises(ValidationError):
        dok.save()


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.django_db
def test_browser_form_refuses_renamed_html_with_the_paragraph(
    client_als, personal_a, sachbearbeitung, anstalt_a
):
    from datenschutz.models import Schweigepflichtentbindung

    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    url = reverse("datenschutz:entbindung_neu", args=[fall.person.pk])
    daten = {
        "empfaenger": "Dr. X",
        "empfaenger_art": "krankenversicherung",
        "umfang": "Befunde",
        "erteilt_am": "2026-01-05",
    }
    antwort = client_als(personal_a).post(url, {**daten, "dokument": _datei("entbindung.pdf", HTML)})
    assert antwort.status_code == 200
    assert "§ 20 JVG: Dateityp nicht zulässig." in antwort.content.decode()
    assert not Schweigepflichtentbindung.objects.exists()
    antwort = client_als(personal_a).post(url, {**daten, "dokument": _datei("entbindung.pdf", PDF)})
    assert antwort.status_code == 302
    assert Schweigepflichtentbindung.objects.count() == 1


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.django_db
def test_api_refuses_a_disguised_recording_with_400(telefonanlage, insasse):  # noqa: F811
    client = APIClient()
    client.force_authenticate(telefonanlage)

    def einliefern(inhalt):
        with time_machine.travel(T0 + timedelta(minutes=10), tick=False):
            return ueberwachung_api.einliefern(client, insasse, inhalt=inhalt)

    antwort = einliefern(HTML)
    assert antwort.status_code == 400
    assert "§ 20 JVG: Dateityp nicht zulässig." in antwort.content.decode()
    assert einliefern(PDF).status_code == 400  # a document is no recording
    assert einliefern(OGG).status_code == 201
