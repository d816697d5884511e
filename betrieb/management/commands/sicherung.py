"""`manage.py sicherung --ziel ORDNER`: pg_dump + file storages + destruction logs + manifest (docs/betrieb.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from betrieb import sicherung


class Command(BaseCommand):
    help = "Sichert Datenbank und Dateiablagen mit Prüfsummen-Manifest in einen neuen Ordner unter --ziel."

    def add_arguments(self, parser):
        parser.add_argument(
            "--ziel", required=True, type=Path, help="Ordner, unter dem die Sicherung entsteht."
        )

    def handle(self, *args, ziel: Path, **options):
        try:
            ergebnis = sicherung.sicherung_erstellen(ziel)
        except (sicherung.SicherungsFehler, OSError) as exc:
            raise CommandError(f"Sicherung fehlgeschlagen: {exc}") from exc
        m = ergebnis.manifest
        dateien = sum(len(a["dateien"]) for a in m["ablagen"].values())
        self.stdout.write(
            f"Sicherung {ergebnis.ordner}: {len(m['zeilen'])} Tabellen, {sum(m['zeilen'].values())} Zeilen, "
            f"{dateien} Dateien, {m['vernichtungen']} Einträge der Vernichtungsprotokolle."
        )
