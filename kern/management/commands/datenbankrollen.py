"""Set up the app's least-privilege database role; run as the owner after every `migrate` (issue 18)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kern import datenbankrollen


class Command(BaseCommand):
    help = (
        "Legt die Login-Rolle der Anwendung an oder aktualisiert sie (kein Superuser, Eigentümer von nichts) "
        "und vergibt die Rechte: gewöhnliche Tabellen lesen/schreiben, Protokoll- und Historientabellen nur "
        "lesen und anfügen. Als Eigentümer nach jedem `migrate` ausführen; idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--app-rolle", required=True, help="Name der Login-Rolle der Anwendung")
        parser.add_argument("--passwort-datei", help="Datei mit dem Passwort der Rolle (erste Zeile)")

    def handle(self, *args, app_rolle: str, passwort_datei: str | None = None, **options):
        passwort = None
        if passwort_datei:
            try:
                passwort = Path(passwort_datei).read_text(encoding="utf-8").splitlines()[0].strip()
            except (OSError, IndexError) as exc:
                raise CommandError(f"Passwortdatei {passwort_datei} nicht lesbar oder leer.") from exc
            if not passwort:
                raise CommandError(f"Passwortdatei {passwort_datei} ist leer.")
        try:
            ergebnis = datenbankrollen.einrichten(app_rolle, passwort=passwort)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Rolle {ergebnis['rolle']}: {len(ergebnis['gewoehnlich'])} Tabellen lesen/schreiben, "
            f"{len(ergebnis['geschuetzt'])} Protokoll- und Historientabellen nur lesen/anfügen."
        )
