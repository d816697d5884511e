"""`manage.py vernichtungen_exportieren --datei F`: the content-free destruction logs as JSON lines, kept
apart from the backups so a restore of an older backup can repeat newer destructions (docs/betrieb.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from betrieb import sicherung


class Command(BaseCommand):
    help = "Schreibt die Vernichtungsprotokolle (ohne Inhalte) als JSON-Zeilen in eine Datei."

    def add_arguments(self, parser):
        parser.add_argument("--datei", required=True, type=Path)

    def handle(self, *args, datei: Path, **options):
        anzahl = sicherung.vernichtungen_schreiben(datei)
        self.stdout.write(f"{anzahl} Einträge nach {datei} geschrieben.")
