"""Test data of Inkasso through the domain functions."""

import itertools
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from inkasso import camt_beispiel, domain
from inkasso.domain.forderungen import Forderungsdaten
from tests.factories import person_anlegen

_n = itertools.count(1)


def daten(art="geldstrafe", **kw) -> Forderungsdaten:
    heute = timezone.localdate()
    werte = {
        "art": art,
        "behoerde": "Staatsanwaltschaft Luzern",
        "referenz": f"ST {next(_n):05d}",
        "entscheid_datum": heute - timedelta(days=40),
        "rechtskraft_am": heute - timedelta(days=10),
    }
    if art == "geldstrafe":
        werte.update(tagessaetze=10, tagessatz=Decimal("100.00"))
    elif art == "busse":
        werte.update(betrag=Decimal("1000.00"), efs_tage=10)
    else:
        werte.update(betrag=Decimal("500.00"))
    werte.update(kw)
    return Forderungsdaten(**werte)


def forderung(durch, art="geldstrafe", person=None, frist_monate=1, **kw):
    return domain.forderung_erfassen(
        person=person or person_anlegen(durch=durch),
        daten=daten(art, **kw),
        frist_monate=frist_monate,
        durch=durch,
    )


def camt(eintraege, **kw) -> ContentFile:
    """eintraege: (bank reference, amount, QR reference) – value date today."""
    heute = timezone.localdate()
    return ContentFile(
        camt_beispiel.als_bytes([(b, Decimal(a), heute, r) for b, a, r in eintraege], **kw), name="camt.xml"
    )


def importieren(durch, eintraege, **kw):
    return domain.camt_importieren(datei=camt(eintraege, **kw), dateiname="camt.xml", durch=durch)


def gestern() -> date:
    return timezone.localdate() - timedelta(days=1)
