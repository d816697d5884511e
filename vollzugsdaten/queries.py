"""Who sees what (R-0-ROLE-1, R-20-1): the case's visibility decides, pages and API alike."""

from django.db.models import QuerySet

from kern.rollen import Rolle, hat_rolle
from vollzug.queries import faelle_fuer_user
from vollzugsdaten.models import Entlassungspruefung, Massnahme

# The roles that read a case's Vollzugsdaten (pages, timeline): the authority, the auditors and the
# facility (its own cases, `faelle_fuer_user`); the others see nothing of this module.
LESEROLLEN = (Rolle.SACHBEARBEITUNG, Rolle.REVISION, Rolle.ANSTALTSLEITUNG, Rolle.ANSTALTSPERSONAL)


def sieht_vollzugsdaten(user) -> bool:
    return hat_rolle(user, *LESEROLLEN)


def pruefungen_fuer_user(user) -> QuerySet[Entlassungspruefung]:
    return Entlassungspruefung.objects.filter(fall__in=faelle_fuer_user(user))


def massnahmen_fuer_user(user) -> QuerySet[Massnahme]:
    return Massnahme.objects.filter(fall__in=faelle_fuer_user(user))
