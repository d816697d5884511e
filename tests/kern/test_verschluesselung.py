"""Issue 18 item 3: the TOTP secret is stored encrypted (Fernet, key JVG_FELD_SCHLUESSEL), never in plain text."""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection

from kern import anmeldung
from kern.models import Benutzer

pytestmark = pytest.mark.django_db

GEHEIMNIS = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def _spalte(pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT totp_geheimnis FROM jvg_case_benutzer WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_the_column_does_not_hold_the_secret(sachbearbeitung):
    Benutzer.objects.filter(pk=sachbearbeitung.pk).update(totp_geheimnis=GEHEIMNIS)
    roh = _spalte(sachbearbeitung.pk)
    assert GEHEIMNIS not in roh and roh.startswith("gAAAAA")
    sachbearbeitung.refresh_from_db()
    assert sachbearbeitung.totp_geheimnis == GEHEIMNIS
    # save() encrypts as well, and the code check works with the decrypted secret.
    sachbearbeitung.totp_geheimnis = GEHEIMNIS
    sachbearbeitung.save()
    assert GEHEIMNIS not in _spalte(sachbearbeitung.pk)
    code = anmeldung.code(GEHEIMNIS, anmeldung.aktueller_schritt())
    assert anmeldung.code_pruefen(Benutzer.objects.get(pk=sachbearbeitung.pk), code)


def test_another_key_cannot_read_it_and_rotation_keeps_old_secrets(sachbearbeitung, settings):
    settings.JVG_FELD_SCHLUESSEL = "alter-schluessel"
    Benutzer.objects.filter(pk=sachbearbeitung.pk).update(totp_geheimnis=GEHEIMNIS)
    settings.JVG_FELD_SCHLUESSEL = "fremder-schluessel"
    assert Benutzer.objects.get(pk=sachbearbeitung.pk).totp_geheimnis == ""
    settings.JVG_FELD_SCHLUESSEL = "neuer-schluessel,alter-schluessel"
    assert Benutzer.objects.get(pk=sachbearbeitung.pk).totp_geheimnis == GEHEIMNIS


def test_migration_encrypts_existing_plain_secrets(sachbearbeitung):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE jvg_case_benutzer SET totp_geheimnis = %s WHERE id = %s", [GEHEIMNIS, sachbearbeitung.pk]
        )
    migration = importlib.import_module("kern.migrations.0016_totp_geheimnis_verschluesselt")
    editor = SimpleNamespace(connection=connection)  # the step uses only the editor's connection
    migration.verschluesseln(None, editor)
    migration.verschluesseln(None, editor)  # twice: an encrypted value is not encrypted again
    assert GEHEIMNIS not in _spalte(sachbearbeitung.pk)
    assert Benutzer.objects.get(pk=sachbearbeitung.pk).totp_geheimnis == GEHEIMNIS
