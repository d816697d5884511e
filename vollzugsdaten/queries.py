"""Who sees what (R-0-ROLE-1, R-20-1): the case's visibility decides, pages and API alike."""

from django.db.models import QuerySet

from vollzug.queries import faelle_fuer_user
from vollzugsdaten.models import Entlassungspruefung, Massnahme


def pruefungen_fuer_user(user) -> QuerySet[Entlassungspruefung]:
    return Entlassungspruefung.objects.filter(fall__in=faelle_fuer_user(user))


def massnahmen_fuer_user(user) -> QuerySet[Massnahme]:
    return Massnahme.objects.filter(fall__in=faelle_fuer_user(user))
