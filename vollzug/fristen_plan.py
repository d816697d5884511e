"""Deadline sources of the Vollzugsplan (§18, R-18-1/R-18-3) for the Fristenkontrolle; registered in `vollzug/contributions.py`."""

from django.db.models import OuterRef, Subquery

from kern.erweiterungen import FristEintrag
from kern.fristen import tagesende
from vollzug.models import Vollzugsplanversion
from vollzug.plan import PLAN_STATUS, plan_faellig_am, ueberpruefung_faellig_am
from vollzug.queries import (
    VOLLZUGSPLAN_MINDESTTAGE,
    faelle_fuer_user,
    freiheitsstrafe_tage,
    offene_platzierung,
)


def vollzugsplan_fristen(user, heute):
    """R-18-1 and R-18-3 in one query over the cases `user` may see.

    A case in execution (or interrupted) whose custodial sentences reach six months needs a plan: without
    a version it is due `JVG_VOLLZUGSPLAN_FRIST_TAGE` days after the Vollzugsbeginn ("erstellen"), with
    one the next review is due `JVG_VOLLZUGSPLAN_UEBERPRUEFUNG_MONATE` months after the latest version
    ("überprüfen"). Entries past due are marked overdue by the Fristenkontrolle itself. Every role that
    sees the case sees the entry, like the Vollzugsbeginn source: the facility management acts, the
    authority supervises (§ 18 Abs. 2), the auditor checks.
    """
    if not (user and user.is_authenticated and user.is_active):
        return []
    letzte_version_am = Subquery(
        Vollzugsplanversion.objects.filter(plan__fall=OuterRef("pk"))
        .order_by("-nummer")
        .values("erstellt_am")[:1]
    )
    faelle = (
        faelle_fuer_user(user)
        .filter(status__in=PLAN_STATUS, vollzugsbeginn__isnull=False)
        .annotate(strafe_tage=freiheitsstrafe_tage(), letzte_version_am=letzte_version_am)
        .filter(strafe_tage__gte=VOLLZUGSPLAN_MINDESTTAGE)
        .select_related("person")
        .annotate(
            einrichtung_id=offene_platzierung("anstalt_id", bezug="fall"),
            einrichtung_name=offene_platzierung("anstalt__name", bezug="fall"),
        )
    )
    eintraege = []
    for fall in faelle:
        url = fall.get_absolute_url() + "#vollzugsplan"
        if fall.letzte_version_am is None:
            titel = f"Vollzugsplan erstellen: Fall {fall.fallnummer} (§ 18 Abs. 1 JVG)"
            faellig, regel = plan_faellig_am(fall.vollzugsbeginn), "R-18-1"
        else:
            titel = f"Vollzugsplan überprüfen: Fall {fall.fallnummer} (§ 18 Abs. 2 JVG)"
            faellig, regel = ueberpruefung_faellig_am(fall.letzte_version_am), "R-18-3"
        eintraege.append(
            FristEintrag(
                typ="vollzugsplan",
                titel=titel,
                faellig=tagesende(faellig),
                url=url,
                person_id=fall.person_id,
                person_name=f"{fall.person.amtlicher_name} {fall.person.vorname}",
                anstalt_id=fall.einrichtung_id,
                anstalt_name=fall.einrichtung_name or "",
                regel=regel,
            )
        )
    return eintraege
