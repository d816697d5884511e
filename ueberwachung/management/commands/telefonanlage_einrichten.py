"""Create (or renew) the account of a facility's phone system and print its API token.

    python manage.py telefonanlage_einrichten telefonanlage-grosshof

The phone system pushes recordings to POST /api/v1/ueberwachung/telefonaufzeichnungen/ (R-29-1). It is a
system actor (role SYSTEM: no browser login, no password, no case access — `queries.sieht_modul` is
false for it, so it can deliver but never read), identified by a name starting with "telefonanlage".
Its token is a staff API token (`kern.api_tokens`, issue 18 item 7): stored as a hash, expiring after
JVG_API_TOKEN_TAGE days; running the command again revokes the old one and prints a new secret.
"""

from django.core.management.base import BaseCommand, CommandError

from kern import api_tokens
from kern.audit import system_benutzer
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
        durch = system_benutzer("telefonanlage_einrichten")  # R-0-AUDIT-1: the command is the actor
        api_tokens.alle_widerrufen(user, durch=durch)
        _, secret = api_tokens.ausstellen(user, durch=durch, bezeichnung="Telefonanlage", system=True)
        self.stdout.write(secret)
