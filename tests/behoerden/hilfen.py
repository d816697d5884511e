"""Test helpers of the partner-agency module: agencies with tokens, requests with purpose headers."""

import base64
import secrets
from datetime import date, timedelta

from django.utils import timezone
from oauth2_provider.models import AccessToken
from rest_framework.test import APIClient

from behoerden import domain
from behoerden.recht import freigabe, scopes_fuer
from vollzug import domain as vollzug_services
from vollzug.recht import Entscheidart, Sanktionsart

AHV_GUELTIG = "7569217076985"  # 756.9217.0769.85 (RULEBOOK example)


def behoerde_anlegen(admin, typ: str, *, name: str | None = None, gemeinde: str = ""):
    behoerde, geheimnis = domain.behoerde_anlegen(
        daten=domain.BehoerdeDaten(name=name or f"Behörde Typ {typ}", typ=typ, gemeinde=gemeinde),
        durch=admin,
    )
    return behoerde, geheimnis


def token_fuer(behoerde, scopes: list[str] | None = None) -> AccessToken:
    return AccessToken.objects.create(
        application=behoerde.anwendung,
        token=secrets.token_urlsafe(30),
        expires=timezone.now() + timedelta(hours=1),
        scope=" ".join(scopes if scopes is not None else scopes_fuer(behoerde.typ)),
    )


def agentur_client(
    behoerde, *, zweck: str | None = "", sachbearbeitung: str | None = "M. Muster", scopes=None
):
    """An API client with the agency's bearer token and (by default) its first purpose for the endpoint."""
    client = APIClient()
    kopf = {"HTTP_AUTHORIZATION": f"Bearer {token_fuer(behoerde, scopes).token}"}
    if zweck == "":
        zweck = (
            freigabe(behoerde.typ).zwecke[-1].code
            if behoerde.typ == "a"
            else freigabe(behoerde.typ).zwecke[0].code
        )
    if zweck is not None:
        kopf["HTTP_X_ZWECK"] = zweck
    if sachbearbeitung is not None:
        kopf["HTTP_X_SACHBEARBEITUNG"] = sachbearbeitung
    client.credentials(**kopf)
    return client


def fall_mit_entscheid(*, durch, person, behoerde_name: str, referenz: str, anstalt=None):
    fall = vollzug_services.fall_erfassen(
        person=person,
        entscheid=vollzug_services.EntscheidDaten(
            art=Entscheidart.URTEIL,
            behoerde=behoerde_name,
            referenz=referenz,
            entscheid_datum=date(2026, 1, 5),
            rechtskraft_am=date(2026, 2, 10),
        ),
        sanktionen=[vollzug_services.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_monate=8)],
        durch=durch,
    )
    if anstalt is not None:
        vollzug_services.einweisen(
            fall=fall, anstalt=anstalt, am=timezone.now() - timedelta(days=3), durch=durch
        )
        fall.refresh_from_db()
    return fall


def zustellung(referenz="SA1 26 100", *, vn=AHV_GUELTIG, monate=8, dokument=b"%PDF-1.4 Urteil", **person):
    daten = {
        "person": {
            "officialName": person.get("officialName", "Zustell"),
            "firstName": person.get("firstName", "Zora"),
            "sex": "2",
            "dateOfBirth": person.get("dateOfBirth", "1988-03-14"),
            "vn": vn,
        },
        "entscheid": {
            "art": "strafbefehl",
            "referenz": referenz,
            "entscheidDatum": "2026-01-10",
            "rechtskraftAm": "2026-02-01",
        },
        "sanktionen": [{"art": "freiheitsstrafe", "dauerMonate": monate}],
        "dokumente": [],
    }
    if dokument is not None:
        daten["dokumente"].append(
            {
                "titel": "Strafbefehl",
                "dateiname": "strafbefehl.pdf",
                "contentType": "application/pdf",
                "inhalt": base64.b64encode(dokument).decode(),
            }
        )
    return daten
