"""Create (or renew) the account of a facility's phone system and print its API token.

    python manage.py telefonanlage_einrichten telefonanlage-grosshof

The phone system pushes recordings to POST /api/v1/ueberwachung/telefonaufzeichnungen/ (R-29-1). It is a
system actor (role SYSTEM: no browser login, no password, no case access — `queries.sieht_modul` is
false for it, so it can deliver but never read), identified by a name starting with "telefonanlage".
Its DRF token is an internal machine credential on the facility network (PITFALLS: DRF tokens are kept
in plain text — acceptable for this internal system, not for other agencies, which use OAuth2).
"""

from django.core.management.base import BaseCommand, CommandError
from rest_framework.authtoken.models import Token

from kern.models import Benutzer
from kern.rollen import Rolle
from ueberwachung.domain import TELEFONANLAGE


class Command(BaseCommand):
    help = "Richtet das Systemkonto einer Telefonanlage ein und gibt sein API-Token aus (§ 29 JVG)."

    def add_arguments(self, parser):
        parser.add_argument("benutzername", nargs="?", default=TELEFONANLAGE)

    def handle(self, *args, benutzername: str, **options):
        if benutzername != TELEFONANLAGE and not benutzername.startswith(f"{TELEFONANLAGE}-"):
            raise CommandError(f"Der Name muss «{TELEFONANLAGE}» sein oder mit «{TELEFONANLAGE}-» beginnen.")
        user, neu = Benutzer.objects.get_or_create(
            username=benutzername,
            defaults={"rolle": Rolle.SYSTEM, "first_name": "Telefonanlage", "last_name": benutzername},
        )
        if user.rolle != Rolle.SYSTEM:
            raise CommandError(f"«{benutzername}» ist kein Systemkonto.")
        if neu:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Token.objects.filter(user=user).delete()
        self.stdout.write(Token.objects.create(user=user).key)
