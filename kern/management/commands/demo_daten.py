"""Load the demo data of `make run` (idempotent): every app's registered demo function, in order.

The command knows no app: each app registers its demo data with `kern.erweiterungen.demo` in its
contributions.py, and the rank there fixes the order (`erweiterungen.DEMO_FALLKERN` first: facilities,
users, persons and cases; then `DEMO_VERFAHREN`; then every other feature app in INSTALLED_APPS order).
Every function writes through its app's domain functions, so the demo has the same history as real use.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from kern import erweiterungen
from kern.models import Benutzer
from kern.rollen import Rolle


class Command(BaseCommand):
    help = "Lädt Demo-Daten (Einrichtungen, Benutzer je Rolle, Personen, Fälle, Module) und zeigt die Demo-Logins."

    @transaction.atomic
    def handle(self, *args, **options):
        # The loader's own system user (created by the first demo function as the actor of what it
        # writes) marks a loaded database.
        if Benutzer.objects.filter(username=f"job:{erweiterungen.DEMO_AKTEUR}").exists():
            self.stdout.write("Demo-Daten sind bereits geladen.")
        else:
            heute = timezone.localdate()
            for funktion in erweiterungen.demos():
                # The users as the earlier functions left them (the case core creates them).
                benutzer = {u.username: u for u in Benutzer.objects.all()}
                funktion(benutzer, heute)
            self.stdout.write(self.style.SUCCESS("Demo-Daten geladen."))
        self._logins_zeigen()

    def _logins_zeigen(self):
        self.stdout.write(f"\nDemo-Logins (Passwort für alle: {erweiterungen.DEMO_PASSWORT})")
        for user in Benutzer.objects.exclude(rolle=Rolle.SYSTEM).order_by("pk"):
            if user.has_usable_password():
                self.stdout.write(f"  {user.username:<24} {user.rolle}")
