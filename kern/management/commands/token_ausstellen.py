"""Issue a staff API token (issue 18 item 7). The secret is printed once and stored only as a hash;
the user's other valid tokens are revoked (`--behalten` keeps them). Refused for roles that must not act
on case data."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kern import api_tokens
from kern.audit import system_benutzer
from kern.models import Benutzer


class Command(BaseCommand):
    help = (
        "Stellt ein API-Token aus und zeigt das Geheimnis einmal an (gespeichert wird nur ein Hash); "
        "die übrigen Tokens der Person werden widerrufen."
    )

    def add_arguments(self, parser):
        parser.add_argument("benutzername")
        parser.add_argument("--bezeichnung", default="", help="z. B. das Werkzeug, das das Token benutzt")
        parser.add_argument("--behalten", action="store_true", help="die übrigen Tokens nicht widerrufen")

    def handle(self, *args, benutzername: str, bezeichnung: str, behalten: bool, **options):
        try:
            user = Benutzer.objects.get(username=benutzername, is_active=True)
        except Benutzer.DoesNotExist as exc:
            raise CommandError(f"Kein aktiver Benutzer «{benutzername}».") from exc
        if not api_tokens.darf_ausstellen(user):
            raise CommandError(f"Die Rolle «{user.get_rolle_display()}» erhält kein API-Token (R-0-ROLE-1).")
        durch = system_benutzer("token_ausstellen")  # R-0-AUDIT-1: the command is the actor
        if not behalten:
            api_tokens.alle_widerrufen(user, durch=durch)
        try:
            token, secret = api_tokens.ausstellen(user, durch=durch, bezeichnung=bezeichnung[:100])
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            f"Gültig bis {timezone.localtime(token.gueltig_bis):%d.%m.%Y %H:%M}; das Geheimnis wird nur jetzt angezeigt."
        )
        self.stdout.write(secret)
