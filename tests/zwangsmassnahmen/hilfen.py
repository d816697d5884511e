"""Shared helpers of the tests of §§ 25, 26, 28, 32 (test_zm_*): data built through the domain functions."""

from datetime import date, datetime

import time_machine
from rest_framework.test import APIClient

from kern.fristen import TZ
from tests.factories import api_token, fall_anlegen, person_anlegen
from vollzug import domain as vollzug_services
from vollzug.recht import Entscheidart, Sanktionsart
from zwangsmassnahmen import domain
from zwangsmassnahmen.recht import Haftvariante


def zeit(jahr, monat, tag, stunde=10, minute=0) -> datetime:
    return datetime(jahr, monat, tag, stunde, minute, tzinfo=TZ)


def reise(zeitpunkt: datetime):
    return time_machine.travel(zeitpunkt, tick=False)


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def haft_daten(**aenderungen) -> domain.HaftDaten:
    daten = {
        "variante": Haftvariante.EIGENE_ANORDNUNG,
        "verfahren_art": "rueckversetzung",
        "verfahren_referenz": "KG 26 100",
        "wahrscheinlichkeit": "Neue einschlägige Straftat während der Probezeit.",
        "grund_flucht": True,
        "festnahme_am": None,
        "anstalt": None,
    }
    daten.update(aenderungen)
    return domain.HaftDaten(**daten)


def haft_anordnen(sb, fall, festnahme_am, anstalt, **aenderungen):
    return domain.sicherheitshaft_anordnen(
        fall=fall, daten=haft_daten(festnahme_am=festnahme_am, anstalt=anstalt, **aenderungen), durch=sb
    )


def massnahmenfall(sb, anstalt, *, sanktion=Sanktionsart.STATIONAERE_MASSNAHME):
    """A case with a freiheitsentziehende Massnahme (§ 26), placed in `anstalt`."""
    person = person_anlegen(durch=sb)
    fall = vollzug_services.fall_erfassen(
        person=person,
        entscheid=vollzug_services.EntscheidDaten(
            art=Entscheidart.URTEIL,
            behoerde="Kriminalgericht Luzern",
            referenz=f"KG M {person.pk:05d}",
            entscheid_datum=date(2025, 6, 1),
            rechtskraft_am=date(2025, 9, 1),
        ),
        sanktionen=[vollzug_services.SanktionDaten(art=sanktion)],
        eingang_am=date(2025, 9, 15),
        durch=sb,
    )
    vollzug_services.einweisen(fall=fall, anstalt=anstalt, am=zeit(2025, 10, 1), durch=sb)
    fall.refresh_from_db()
    return fall


__all__ = ["api_als", "fall_anlegen", "haft_anordnen", "haft_daten", "massnahmenfall", "reise", "zeit"]
