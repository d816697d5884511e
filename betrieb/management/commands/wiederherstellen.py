"""`manage.py wiederherstellen --quelle ORDNER`: into the empty database of DATABASE_URL and empty storage
folders; checks the manifest first and compares rows and files afterwards (docs/betrieb.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from betrieb import sicherung


class Command(BaseCommand):
    help = "Stellt eine Sicherung in eine leere Datenbank und leere Ablageordner wieder her und prüft sie."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quelle", required=True, type=Path, help="Ordner der Sicherung (manifest.json)."
        )

    def handle(self, *args, quelle: Path, **options):
        try:
            bericht = sicherung.wiederherstellen(quelle)
        except (sicherung.SicherungsFehler, OSError) as exc:
            raise CommandError(f"Wiederherstellung abgebrochen: {exc}") from exc
        if bericht.abweichungen:
            raise CommandError(
                "Wiederhergestellt, aber mit Abweichungen:\n" + "\n".join(bericht.abweichungen)
            )
        self.stdout.write(
            f"Wiederhergestellt: {bericht.tabellen} Tabellen, {bericht.dateien} Dateien; Zeilen und "
            "Prüfsummen stimmen mit dem Manifest überein.\n"
            "JETZT: gesetzliche Vernichtungen nachholen, die jünger sind als die Sicherung:\n"
            "  manage.py vernichtungen_nachholen --protokoll <vernichtungen.jsonl der neuesten Quelle>\n"
            "und danach die Löschjobs von Hand starten (docs/betrieb.md, «Wiederherstellen»)."
        )
