"""Check the hash chains of every protected table (issue 18); exit status 1 when one is broken."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kern import audit_kette


class Command(BaseCommand):
    help = (
        "Prüft die Hash-Ketten aller Protokoll- und Historientabellen und nennt die erste gebrochene Zeile."
    )

    def add_arguments(self, parser):
        parser.add_argument("--versiegeln", action="store_true", help="vorher neue Zeilen versiegeln")

    def handle(self, *args, versiegeln: bool = False, **options):
        if versiegeln:
            self.stdout.write(f"{audit_kette.versiegeln()} neue Zeilen versiegelt.")
        ergebnis = audit_kette.pruefen_und_festhalten()  # the revision pages show this run
        if not ergebnis.intakt:
            for bruch in ergebnis.brueche:
                self.stderr.write(f"Kette gebrochen: {bruch}")
            raise CommandError(f"{len(ergebnis.brueche)} Kette(n) gebrochen.")
        bis = timezone.localtime(ergebnis.bis).strftime("%d.%m.%Y %H:%M") if ergebnis.bis else "–"
        self.stdout.write(f"Kette geprüft bis {bis}: {ergebnis.geprueft} Zeilen intakt.")
