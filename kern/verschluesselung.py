"""Field encryption for secrets the application must read back (issue 18; ASVS V14.2): the TOTP secret.

Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`) with the key(s) of `JVG_FELD_SCHLUESSEL`: a
comma-separated list, the first encrypts, all decrypt (key rotation: put the new key first, re-save,
drop the old one). Without the setting the key is derived from SECRET_KEY (development); production
should set its own key, kept outside the database, so a dump of the database alone reveals no secret.
"""

from __future__ import annotations

import base64
import hashlib
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

logger = logging.getLogger(__name__)


def _fernet(schluessel: str) -> Fernet:
    try:
        return Fernet(schluessel.encode())
    except (ValueError, TypeError):
        # Not a Fernet key (32 url-safe base64 bytes): derive one from the text.
        return Fernet(base64.urlsafe_b64encode(hashlib.sha256(schluessel.encode()).digest()))


def verschluesseler() -> MultiFernet:
    roh = settings.JVG_FELD_SCHLUESSEL or f"jvg-feld:{settings.SECRET_KEY}"
    return MultiFernet([_fernet(s.strip()) for s in roh.split(",") if s.strip()])


def verschluesseln(klartext: str) -> str:
    return verschluesseler().encrypt(klartext.encode()).decode() if klartext else ""


def entschluesseln(geheimtext: str) -> str:
    if not geheimtext:
        return ""
    try:
        return verschluesseler().decrypt(geheimtext.encode()).decode()
    except InvalidToken:
        # Wrong key or tampered value: the factor no longer works (admin reset), the page still does.
        logger.error("Verschlüsseltes Feld nicht lesbar (falscher JVG_FELD_SCHLUESSEL oder verändert).")
        return ""


class VerschluesseltesTextfeld(models.CharField):
    """A CharField whose value is stored Fernet-encrypted and read back in plain text. Not searchable
    (each write gives another ciphertext); `QuerySet.update()` encrypts too (get_prep_value)."""

    def from_db_value(self, value, expression, connection):
        return entschluesseln(value) if value is not None else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return verschluesseln(value) if value else value
