"""Who may see which besondere Sicherheitsmassnahmen (R-0-ROLE-1), and the list selectors.

The authority's readers (sachbearbeitung, revision, bedrohungsmanagement) see all; the facility's
management and staff see the measures of their facility whose person is placed there now; a physician
those of assigned persons (isolation, secured room and restraints need medical attention); everyone
else none. Outside → 404 in views and API.
"""

from django.db.models import QuerySet
from django.utils import timezone

from kern.rollen import ALLE_FAELLE_LESEN, ANSTALTSROLLEN, Rolle
from sicherheitsmassnahmen.models import Sicherheitsmassnahme
from sicherheitsmassnahmen.recht import Massnahmenstatus
from vollzug.models import Platzierung, Vollzugsfall
from vollzug.queries import personen_fuer_user


def massnahmen_fuer_user(user) -> QuerySet[Sicherheitsmassnahme]:
    if not (user and user.is_authenticated and user.is_active):
        return Sicherheitsmassnahme.objects.none()
    if user.rolle in ALLE_FAELLE_LESEN:
        return Sicherheitsmassnahme.objects.all()
    if user.rolle in ANSTALTSROLLEN and user.anstalt_id is not None:
        return Sicherheitsmassnahme.objects.filter(
            anstalt_id=user.anstalt_id, person__in=personen_fuer_user(user)
        )
    if user.rolle == Rolle.MEDIZIN:
        return Sicherheitsmassnahme.objects.filter(person__in=personen_fuer_user(user))
    return Sicherheitsmassnahme.objects.none()


def massnahmen_liste(user) -> QuerySet[Sicherheitsmassnahme]:
    """The list of `user`: scoped, with person, facility and Verfügung joined (one query per page)."""
    return (
        massnahmen_fuer_user(user)
        .select_related("person", "anstalt", "fall", "verfuegung", "beantragt_durch")
        .order_by("-beantragt_am", "-pk")
    )


def nur_ueberfaellig(qs: QuerySet[Sicherheitsmassnahme], jetzt=None) -> QuerySet[Sicherheitsmassnahme]:
    return qs.filter(status=Massnahmenstatus.AKTIV, naechste_ueberpruefung_am__lt=jetzt or timezone.now())


def faelle_zum_beantragen(user) -> QuerySet[Vollzugsfall]:
    """The cases whose person is placed in the user's facility now (the proposal form's choices); the
    same condition as `permissions.darf_beantragen`, which decides again at saving."""
    if user.rolle not in ANSTALTSROLLEN or user.anstalt_id is None:
        return Vollzugsfall.objects.none()
    return (
        Vollzugsfall.objects.filter(
            pk__in=Platzierung.objects.filter(anstalt_id=user.anstalt_id, bis__isnull=True).values("fall")
        )
        .select_related("person")
        .order_by("person__amtlicher_name", "person__vorname", "pk")
    )


def nach_zustand(
    qs: QuerySet[Sicherheitsmassnahme], zustand: str, jetzt=None
) -> QuerySet[Sicherheitsmassnahme]:
    """The list filter "Stand": before Eröffnung read from the Verfügung (one source), then the measure."""
    from verfuegungen.recht import Verfuegungsstatus as VS

    beantragt = qs.filter(status=Massnahmenstatus.BEANTRAGT)
    return {
        "zu_entscheiden": lambda: beantragt.filter(verfuegung__status=VS.ZUR_GENEHMIGUNG),
        "angeordnet": lambda: beantragt.filter(verfuegung__status=VS.GENEHMIGT),
        "abgelehnt": lambda: beantragt.filter(verfuegung__status=VS.AUFGEHOBEN),
        "aktiv": lambda: qs.filter(status=Massnahmenstatus.AKTIV),
        "ueberfaellig": lambda: nur_ueberfaellig(qs, jetzt),
        "beendet": lambda: qs.filter(status=Massnahmenstatus.BEENDET),
    }.get(zustand, lambda: qs)()


def aktuelle_platzierung(fall_id: int) -> Platzierung | None:
    """The person's current placement (with its facility), or None."""
    return Platzierung.objects.filter(fall_id=fall_id, bis__isnull=True).select_related("anstalt").first()
