"""Accounts for the load test (`make last`, issue 20): one sign-in per virtual user, each with a second factor.

Production enforces TOTP (issue 18, `JVG_MFA_PFLICHT`), and a TOTP code is accepted once per user and time step
(replay protection), so fifty virtual users cannot share the three demo logins. This command creates
``last.<vorlage>.<nn>`` for each template login of the demo (same role, same facility), with the demo password
and an already confirmed TOTP secret read from a file, through `kern.audit.speichern` (history with the job as
actor). Demo data only: it refuses to run before `demo_daten` has loaded the templates, and in the production
profile unless `JVG_PROD_DEMO=1` (set by `make prod-run` for a demo start) — never on a real installation.
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kern import erweiterungen
from kern.audit import speichern, system_benutzer
from kern.models import Benutzer

VORLAGEN = ("sachbearbeitung", "leitung.grosshof", "personal.grosshof")


def geheimnis_lesen(pfad: str) -> str:
    try:
        geheimnis = Path(pfad).read_text(encoding="ascii").strip().upper()
        base64.b32decode(geheimnis)
    except (OSError, UnicodeDecodeError, binascii.Error, ValueError) as exc:
        raise CommandError(f"TOTP-Geheimnis nicht lesbar ({pfad}): Base32 erwartet.") from exc
    if len(base64.b32decode(geheimnis)) < 16:
        raise CommandError("TOTP-Geheimnis zu kurz: mindestens 128 Bit.")
    return geheimnis


class Command(BaseCommand):
    help = "Legt die Konten des Lasttests an (nur Demo-Daten; je virtueller Nutzer eine Anmeldung mit TOTP)."

    def add_arguments(self, parser):
        parser.add_argument("--anzahl", type=int, default=30, help="Konten je Vorlage (1–200)")
        parser.add_argument("--totp-geheimnis-datei", required=True, help="Datei mit dem Base32-Geheimnis")

    @transaction.atomic
    def handle(self, *args, anzahl: int, totp_geheimnis_datei: str, **options):
        if not 1 <= anzahl <= 200:
            raise CommandError("--anzahl muss zwischen 1 und 200 liegen.")
        if settings.PRODUCTION and os.environ.get("JVG_PROD_DEMO") != "1":
            raise CommandError("Lasttest-Konten nur für einen Demo-Start (JVG_PROD_DEMO=1), nie im Betrieb.")
        vorlagen = {u.username: u for u in Benutzer.objects.filter(username__in=VORLAGEN)}
        if len(vorlagen) != len(VORLAGEN):
            raise CommandError("Zuerst die Demo-Daten laden (manage.py demo_daten).")
        geheimnis = geheimnis_lesen(totp_geheimnis_datei)
        akteur = system_benutzer("lasttest")
        vorhanden = set(
            Benutzer.objects.filter(username__startswith="last.").values_list("username", flat=True)
        )
        angelegt = 0
        for name, vorlage in vorlagen.items():
            for nr in range(1, anzahl + 1):
                username = f"last.{name}.{nr:02d}"
                if username in vorhanden:
                    continue
                user = Benutzer(
                    username=username,
                    first_name=vorlage.first_name,
                    last_name=f"{vorlage.last_name} (Lasttest {nr})",
                    rolle=vorlage.rolle,
                    anstalt=vorlage.anstalt,
                    totp_geheimnis=geheimnis,
                    totp_bestaetigt_am=timezone.now(),
                )
                user.set_password(erweiterungen.DEMO_PASSWORT)
                speichern(user, durch=akteur)
                angelegt += 1
        self.stdout.write(f"Lasttest-Konten: {angelegt} angelegt, {len(vorhanden)} bereits vorhanden.")
