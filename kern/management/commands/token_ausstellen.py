"""Issue (or renew) the API token of a staff user. Refused for roles that must not act on case data."""

from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from kern.models import Benutzer
from kern.rollen import Rolle

OHNE_TOKEN = {Rolle.ADMIN, Rolle.SYSTEM}


class Command(BaseCommand):
    help = "Stellt das API-Token eines Benutzers aus (ein bestehendes wird ersetzt)."

    def add_arguments(self, parser):
        parser.add_argument("benutzername")

    def handle(self, *args, benutzername: str, **options):
        try:
            user = Benutzer.objects.get(username=benutzername, is_active=True)
        except Benutzer.DoesNotExist as exc:
            raise CommandError(f"Kein aktiver Benutzer «{benutzername}».") from exc
        if user.rolle in OHNE_TOKEN:
            raise CommandError(f"Die Rolle «{user.get_rolle_display()}» erhält kein API-Token (R-0-ROLE-1).")
        Token.objects.filter(user=user).delete()
        token = Token.objects.create(user=user)
        self.stdout.write(token.key)
