"""`manage.py behoerde_anlegen NAME TYP --durch ADMIN [--gemeinde …]`: record a partner agency and print its
OAuth2 client id and secret once (the secret is stored only as a hash)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from behoerden import domain
from behoerden.models import Behoerdentyp


class Command(BaseCommand):
    help = "Partnerbehörde (§ 21 Abs. 3 JVG) erfassen und OAuth2-Zugangsdaten einmalig ausgeben."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("typ", choices=Behoerdentyp.values, help="§ 21 Abs. 3 lit. a–j")
        parser.add_argument("--durch", required=True, help="Benutzername der Systemadministration")
        parser.add_argument("--gemeinde", default="")
        parser.add_argument("--kontakt-email", default="")

    def handle(self, *args, **opt):
        try:
            admin = get_user_model().objects.get(username=opt["durch"])
            behoerde, geheimnis = domain.behoerde_anlegen(
                daten=domain.BehoerdeDaten(
                    name=opt["name"],
                    typ=opt["typ"],
                    gemeinde=opt["gemeinde"],
                    kontakt_email=opt["kontakt_email"],
                ),
                durch=admin,
            )
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"Benutzer {opt['durch']} unbekannt.") from exc
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Behörde:       {behoerde}")
        self.stdout.write(f"Client-ID:     {behoerde.anwendung.client_id}")
        self.stdout.write(f"Client-Secret: {geheimnis}")
        self.stdout.write("Das Geheimnis wird nur jetzt angezeigt; gespeichert ist nur sein Hash.")
