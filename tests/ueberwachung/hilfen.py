"""Shared helpers of the §§ 27, 29, 30 tests (surveillance and retention)."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from kern.fristen import TZ
from kern.models import Benutzer
from kern.rollen import Rolle
from tests.factories import fall_anlegen
from ueberwachung import domain

# Made at 10:15 on 1 March 2026 (the rulebook's example, R-29-2): due at 10:15 on 9 June 2026.
T0 = datetime(2026, 3, 1, 10, 15, tzinfo=TZ)
EINWEISUNG = datetime(2026, 2, 15, 9, 0, tzinfo=TZ)
# A WAV head (issue 18 item 5: recordings are checked by content), then the secret marker.
WAV_KOPF = b"RIFF\x00\x00\x00\x00WAVE"
WEBM_KOPF = b"\x1a\x45\xdf\xa3"
INHALT = WAV_KOPF + b"-geheimer-Gespraechsinhalt-0815"


def _mit_kopf(inhalt: bytes, kopf: bytes) -> bytes:
    """Short markers (b"x1") become a recording with that marker: the upload is checked by content."""
    return inhalt if not inhalt or inhalt.startswith((WAV_KOPF, WEBM_KOPF, b"<", b"OggS")) else kopf + inhalt


def zeit(jahr, monat, tag, stunde=10, minute=0) -> datetime:
    return datetime(jahr, monat, tag, stunde, minute, tzinfo=TZ)


@pytest.fixture
def telefonanlage(db):
    return Benutzer.objects.create(username="telefonanlage", rolle=Rolle.SYSTEM)


@pytest.fixture
def leitung_b(anstalt_b):
    return Benutzer.objects.create(username="leitung_b", rolle=Rolle.ANSTALTSLEITUNG, anstalt=anstalt_b)


def platzieren(sachbearbeitung, anstalt, am=EINWEISUNG):
    with time_machine.travel(am + timedelta(minutes=1), tick=False):
        return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt, eingewiesen_am=am)


@pytest.fixture
def insasse(sachbearbeitung, anstalt_a):
    """A person placed in facility A since 15 February 2026."""
    return platzieren(sachbearbeitung, anstalt_a).person


def datei(name="gespraech.ogg", inhalt=INHALT):
    return SimpleUploadedFile(name, inhalt)


def aufnehmen(durch, person, beginn=T0, nummer="079 123 45 67", inhalt=INHALT):
    with time_machine.travel(beginn + timedelta(minutes=20), tick=False):
        return domain.telefonaufzeichnung_erfassen(
            person=person,
            nummer=nummer,
            beginn=beginn,
            ende=beginn + timedelta(minutes=10),
            datei=datei(inhalt=_mit_kopf(inhalt, WAV_KOPF)),
            durch=durch,
        )


def zone_anlegen(leitung, am=EINWEISUNG, **kw):
    with time_machine.travel(am, tick=False):
        return domain.videozone_festlegen(
            bezeichnung=kw.pop("bezeichnung", "Spazierhof"),
            raumart=kw.pop("raumart", "hof"),
            durch=leitung,
            **kw,
        )


def filmen(leitung, zone, beginn=T0, inhalt=b"webm-video-inhalt", person=None):
    with time_machine.travel(beginn + timedelta(minutes=40), tick=False):
        return domain.videoaufzeichnung_erfassen(
            zone=zone,
            beginn=beginn,
            ende=beginn + timedelta(minutes=30),
            datei=datei("clip.webm", _mit_kopf(inhalt, WEBM_KOPF)),
            person=person,
            durch=leitung,
        )


def history_modelle():
    """Every history table of the app (content copies that the deletion must remove)."""
    return [
        m for m in apps.get_app_config("ueberwachung").get_models() if m.__name__.startswith("Historical")
    ]
