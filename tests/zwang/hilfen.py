"""Shared helpers of the § 33 tests (tests/zwang/): complete protocol data and personas."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kern.models import Benutzer
from kern.rollen import Rolle
from tests.conftest import PASSWORT
from tests.factories import fall_anlegen
from zwang import domain
from zwang.recht import (
    Arztkontrolle,
    Einsatzfunktion,
    Subsidiaritaet,
    Verletzung,
    Zwangsmittel,
)


def benutzer(username, rolle, anstalt=None) -> Benutzer:
    user = Benutzer(username=username, rolle=rolle, anstalt=anstalt, first_name=username, last_name="Test")
    user.set_password(PASSWORT)
    user.save()
    return user


@pytest.fixture
def personal_a2(anstalt_a):
    return benutzer("personal_a2", Rolle.ANSTALTSPERSONAL, anstalt_a)


@pytest.fixture
def leitung_a2(anstalt_a):
    return benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)


@pytest.fixture
def leitung_b(anstalt_b):
    return benutzer("leitung_b", Rolle.ANSTALTSLEITUNG, anstalt_b)


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def daten(**aenderungen) -> domain.ProtokollDaten:
    """A complete protocol: force two hours ago for eight minutes."""
    beginn = aenderungen.pop("beginn", None) or timezone.now() - timedelta(hours=2)
    werte = dict(
        beginn=beginn,
        ende=beginn + timedelta(minutes=8),
        ort="Wohngruppe B, Korridor",
        anlass="Die Person schlug mit einem Stuhl gegen die Tür des Stationsbüros.",
        zweck_a=True,
        subsidiaritaet=Subsidiaritaet.VERSAGT,
        mildere_massnahmen="Zweimalige mündliche Aufforderung, Deeskalationsgespräch.",
        mittel=[Zwangsmittel.FESTHALTEN, Zwangsmittel.HANDSCHELLEN],
        mittel_beschreibung="Festhalten an beiden Armen, Handschellen für den Weg in die Zelle (4 Minuten).",
        verletzung_person=Verletzung.KEINE,
        verletzung_personal=Verletzung.KEINE,
        verletzung_dritte=Verletzung.KEINE,
        arztkontrolle=Arztkontrolle.DURCHGEFUEHRT,
        arztkontrolle_am=beginn + timedelta(minutes=30),
        arztkontrolle_durch="Gesundheitsdienst (Pflege)",
        aufnahmen="Kamera WG-B-02, 10:00–10:15",
    )
    werte.update(aenderungen)
    return domain.ProtokollDaten(**werte)


def beteiligt(*benutzer_liste, funktion=Einsatzfunktion.AUSFUEHREND) -> list[domain.BeteiligungDaten]:
    return [domain.BeteiligungDaten(benutzer=b, funktion=funktion) for b in benutzer_liste]


def protokoll(autor, fall, *, beteiligte=None, einreichen=True, **aenderungen):
    p = domain.protokoll_erfassen(
        fall=fall,
        daten=daten(**aenderungen),
        beteiligte=beteiligt(autor) if beteiligte is None else beteiligte,
        durch=autor,
    )
    if einreichen:
        p = domain.protokoll_einreichen(protokoll=p, durch=autor)
    p.refresh_from_db()
    return p
