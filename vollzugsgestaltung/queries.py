"""What a user may see of this app (R-0-ROLE-1): one query function per aggregate, used by pages and API.

Openings and § 16 forms follow the case (`vollzug.queries.faelle_fuer_user`: the facility sees the
persons placed with it). Probation files and pardon requests concern persons who are mostly no longer
in a facility: only the authority and the auditors see them.
"""

from django.db.models import QuerySet

from kern.rollen import Rolle, hat_rolle
from vollzug.queries import faelle_fuer_user
from vollzugsgestaltung.models import (
    Begnadigungsgesuch,
    BesondereVollzugsform,
    Bewaehrungsakte,
    Vollzugsoeffnung,
)


def oeffnungen_fuer_user(user) -> QuerySet[Vollzugsoeffnung]:
    return Vollzugsoeffnung.objects.filter(fall__in=faelle_fuer_user(user)).select_related(
        "fall__person", "anstalt", "verfuegung"
    )


def vollzugsformen_fuer_user(user) -> QuerySet[BesondereVollzugsform]:
    return BesondereVollzugsform.objects.filter(fall__in=faelle_fuer_user(user)).select_related(
        "fall__person", "sanktion", "verfuegung"
    )


def sieht_bewaehrung(user) -> bool:
    return hat_rolle(user, Rolle.SACHBEARBEITUNG, Rolle.REVISION)


def akten_fuer_user(user) -> QuerySet[Bewaehrungsakte]:
    if not sieht_bewaehrung(user):
        return Bewaehrungsakte.objects.none()
    return Bewaehrungsakte.objects.select_related("person", "fall")


def gnadengesuche_fuer_user(user) -> QuerySet[Begnadigungsgesuch]:
    if not sieht_bewaehrung(user):
        return Begnadigungsgesuch.objects.none()
    return Begnadigungsgesuch.objects.select_related("person", "fall")
