"""Who sees which records of the data-protection module (R-0-ROLE-1, R-20-1); the roles are in
`permissions.py`."""

from django.db.models import QuerySet

from datenschutz.models import (
    Drittkontakt,
    Fachpersonmandat,
    Schweigepflichtentbindung,
    Strafanzeige,
)
from datenschutz.permissions import darf_schweigepflicht_lesen
from kern.rollen import Rolle, hat_rolle
from vollzug.models import Person
from vollzug.queries import personen_fuer_user


def personen_datenschutz(user) -> QuerySet[Person]:
    """Persons whose § 23 records `user` may see (the persons they see, if the role may read § 23 at all)."""
    if not darf_schweigepflicht_lesen(user):
        return Person.objects.none()
    return personen_fuer_user(user)


def entbindungen_fuer_user(user) -> QuerySet[Schweigepflichtentbindung]:
    return Schweigepflichtentbindung.objects.filter(person__in=personen_datenschutz(user))


def kontakte_fuer_user(user) -> QuerySet[Drittkontakt]:
    return Drittkontakt.objects.filter(person__in=personen_datenschutz(user))


def strafanzeigen_fuer_user(user) -> QuerySet[Strafanzeige]:
    return Strafanzeige.objects.filter(person__in=personen_datenschutz(user))


def mandate_fuer_user(user) -> QuerySet[Fachpersonmandat]:
    """Sachbearbeitung and revision: all mandates; an expert: his own; everyone else none."""
    if hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.REVISION):
        return Fachpersonmandat.objects.all()
    if hat_rolle(user, Rolle.MEDIZIN):
        return Fachpersonmandat.objects.filter(fachperson=user)
    return Fachpersonmandat.objects.none()
