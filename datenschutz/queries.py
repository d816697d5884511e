"""Who may see and record what in the data-protection module (R-0-ROLE-1, R-20-1).

§ 23 records (consents, contacts, reports) belong to the staff of the Vollzugsbehörde and of the person's
facility: sachbearbeitung and revision see all, facility roles only persons currently placed in their
facility (`personen_fuer_user`). Experts (medizin), partner agencies and the threat-management team see
none of it (R-BM-3: nothing beyond their task). Expert mandates (§ 22) are ordered by sachbearbeitung; an
expert sees his own mandates.
"""

from django.db.models import QuerySet

from datenschutz.models import (
    Drittkontakt,
    Fachpersonmandat,
    Schweigepflichtentbindung,
    Strafanzeige,
)
from kern.rollen import ANSTALTSROLLEN, Rolle, hat_rolle
from vollzug.models import Person
from vollzug.queries import personen_fuer_user

SCHWEIGEPFLICHT_LESEN = frozenset({Rolle.SACHBEARBEITUNG, Rolle.REVISION, *ANSTALTSROLLEN})
SCHWEIGEPFLICHT_ERFASSEN = frozenset({Rolle.SACHBEARBEITUNG, *ANSTALTSROLLEN})


def darf_schweigepflicht_lesen(user) -> bool:
    return hat_rolle(user, *SCHWEIGEPFLICHT_LESEN)


def darf_schweigepflicht_erfassen(user) -> bool:
    # § 23 Abs. 1–3: "Mitarbeiterinnen und Mitarbeiter der Vollzugsbehörden und der Vollzugseinrichtungen".
    return hat_rolle(user, *SCHWEIGEPFLICHT_ERFASSEN)


def darf_fachperson_zuteilen(user) -> bool:
    # § 22 / § 20: the Vollzugsbehörde passes its files to experts it entrusted.
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


def darf_auskunft_erteilen(user) -> bool:
    # The authority answers the person's request for access (the file's controller).
    return hat_rolle(user, Rolle.SACHBEARBEITUNG)


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
