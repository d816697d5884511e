"""Read-side selectors of the start page: the user's open tasks and the counts that need attention today."""

from django.db.models import Q, QuerySet

from fristenkontrolle.queries import anzahl_offen
from kern.models import Aufgabe
from vollzug.queries import faelle_fuer_user, vollzugsbeginn_ueberfaellige
from vollzug.recht import Fallstatus

# The start page shows the newest open tasks; the Fristenkontrolle lists them all.
MAX_AUFGABEN = 20


def offene_aufgaben(user) -> QuerySet[Aufgabe]:
    """The open tasks for the user's role: case tasks only for visible cases (R-0-ROLE-1), facility
    tasks without a case only for that facility (authority roles: those without a facility)."""
    return (
        Aufgabe.objects.filter(erledigt_am__isnull=True, fuer_rolle=user.rolle)
        .filter(Q(fall__in=faelle_fuer_user(user)) | Q(fall__isnull=True, anstalt_id=user.anstalt_id))
        .select_related("fall")[:MAX_AUFGABEN]
    )


def zaehler(user) -> dict:
    """The counts of the start page: deadlines by group, cases in execution, in intake, and those whose
    Vollzugsbeginn is overdue (R-13-1, the same boundary as the case list's filter)."""
    faelle = faelle_fuer_user(user)
    return {
        "fristen_zaehler": anzahl_offen(user),
        "anzahl_im_vollzug": faelle.filter(status=Fallstatus.IM_VOLLZUG).count(),
        "anzahl_eingang": faelle.filter(status=Fallstatus.EINGANG).count(),
        "anzahl_beginn_ueberfaellig": vollzugsbeginn_ueberfaellige(faelle).count(),
    }
