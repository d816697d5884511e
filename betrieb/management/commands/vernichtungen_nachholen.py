"""`manage.py vernichtungen_nachholen --protokoll F [--protokoll G]`: after a restore, destroy again every
object that a (newer) destruction log names and the restored database holds (§ 27 Abs. 3, § 29 Abs. 2 und
4, § 30 Abs. 5 JVG), each with a new destruction record (docs/betrieb.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from betrieb import sicherung


class Command(BaseCommand):
    help = "Wiederholt gesetzliche Vernichtungen nach einer Wiederherstellung aus Vernichtungsprotokollen."

    def add_arguments(self, parser):
        parser.add_argument("--protokoll", required=True, type=Path, action="append")

    def handle(self, *args, protokoll: list[Path], **options):
        try:
            eintraege = sicherung.vernichtungen_lesen(protokoll)
            ergebnis = sicherung.vernichtungen_nachholen(eintraege)
        except (sicherung.SicherungsFehler, OSError, RuntimeError) as exc:
            raise CommandError(f"Nachholen abgebrochen: {exc}") from exc
        teile = ", ".join(f"{art}: {n}" for art, n in sorted(ergebnis.items()))
        self.stdout.write(f"{len(eintraege)} Einträge gelesen; erneut vernichtet: {teile or 'nichts'}.")
