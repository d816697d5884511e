"""Deadline sources of the Vollzug for the Fristenkontrolle (R-0-FRIST-4): Vollzugsbeginn (§ 13), open tasks
and the Vollzugsplan (§ 18, R-18-1/R-18-3); registered in `vollzug/contributions.py`.

Each source is one query: visibility from `vollzug.queries` (R-0-ROLE-1), the person by
`select_related`, the current facility (the open Platzierung) by scalar subqueries as in the case list.
"""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse

from kern import erweiterungen
from kern.erweiterungen import FristEintrag
from kern.fristen import kalendertage_lokal, tagesende
from kern.models import Aufgabe
from vollzug import recht
from vollzug.models import Vollzugsplanversion
from vollzug.queries import faelle_fuer_user, freiheitsstrafe_tage, offene_platzierung
from vollzug.recht import (
    PLAN_STATUS,
    VOLLZUGSPLAN_MINDESTTAGE,
    Fallstatus,
    VollzugAufgabenart,
    plan_faellig_am,
    ueberpruefung_faellig_am,
)


def _person_name(person) -> str:
    return f"{person.amtlicher_name} {person.vorname}" if person else ""


def vollzugsbeginn_fristen(user, heute):
    """R-13-1: cases in intake without Vollzugsbeginn, due at the end of day `eingang_am + N`.

    `Vollzugsfall.vollzugsbeginn_ueberfaellig` counts a case overdue when MORE than N days have passed
    since intake, i.e. from 00:00 of day N+1: the same moment this entry passes 23:59:59 of day N.

    Duplicates: once the hourly R-13-1 job has raised its task, the task (source "aufgabe") is the
    entry to act on for its role, so for that role the case is left out here. For every other role
    that sees the case (revision, facility roles, medizin) the task is invisible, so the case stays:
    nobody sees the deadline twice and nobody loses it. Not yet overdue cases appear here ahead of
    time (diese Woche / später), which the task, raised only after the fact, cannot do.
    """
    if not (user and user.is_authenticated and user.is_active):
        return []
    offene_aufgabe = Aufgabe.objects.filter(
        fall=OuterRef("pk"),
        art=VollzugAufgabenart.VOLLZUGSBEGINN_UEBERFAELLIG,
        erledigt_am__isnull=True,
        fuer_rolle=user.rolle,
    )
    faelle = (
        faelle_fuer_user(user)
        .filter(status=Fallstatus.EINGANG, vollzugsbeginn__isnull=True)
        .exclude(Exists(offene_aufgabe))
        .select_related("person")
        .annotate(
            einrichtung_id=offene_platzierung("anstalt_id", bezug="fall"),
            einrichtung_name=offene_platzierung("anstalt__name", bezug="fall"),
        )
    )
    tage = recht.vollzugsbeginn_ueberfaellig_tage()
    return [
        FristEintrag(
            typ="vollzugsbeginn",
            titel=f"Vollzugsbeginn Fall {fall.fallnummer} (Eingang {fall.eingang_am:%d.%m.%Y}, § 13 JVG)",
            # Calendar days, not a procedural deadline: no move to a working day (§ 13 "sofort").
            faellig=kalendertage_lokal(tagesende(fall.eingang_am), tage).ende,
            url=fall.get_absolute_url(),
            person_id=fall.person_id,
            person_name=_person_name(fall.person),
            anstalt_id=fall.einrichtung_id,
            anstalt_name=fall.einrichtung_name or "",
            regel="R-13-1",
        )
        for fall in faelle
    ]


def aufgaben_fristen(user, heute):
    """Open tasks (Aufgabe) for the user's role: of visible cases, or without a case of their facility.

    The same selection as the start page's task list; due = `faellig_am`. The url carries the task
    id as a fragment, so two tasks of one case are two deadlines (iCal UID).
    """
    if not (user and user.is_authenticated and user.is_active):
        return []
    aufgaben = (
        Aufgabe.objects.filter(erledigt_am__isnull=True, fuer_rolle=user.rolle)
        # Authority roles have no facility: their case-less tasks are those without a facility.
        .filter(Q(fall__in=faelle_fuer_user(user)) | Q(fall__isnull=True, anstalt_id=user.anstalt_id))
        .select_related("fall__person", "anstalt")
        .annotate(
            einrichtung_id=offene_platzierung("anstalt_id", bezug="fall", aussen="fall"),
            einrichtung_name=offene_platzierung("anstalt__name", bezug="fall", aussen="fall"),
        )
    )
    start = reverse("start")
    aufgaben = list(aufgaben)
    # Where the task is acted on (the request, not the case), when its module registered it.
    ziele = erweiterungen.aufgabenziele_fuer(aufgaben)
    eintraege = []
    for aufgabe in aufgaben:
        fall = aufgabe.fall
        if fall is not None:
            anstalt_id, anstalt_name = aufgabe.einrichtung_id, aufgabe.einrichtung_name or ""
        else:
            anstalt_id = aufgabe.anstalt_id
            anstalt_name = aufgabe.anstalt.name if aufgabe.anstalt else ""
        eintraege.append(
            FristEintrag(
                typ="aufgabe",
                titel=aufgabe.titel,
                faellig=aufgabe.faellig_am,
                url=f"{ziele.get(aufgabe.pk) or (fall.get_absolute_url() if fall else start)}#aufgabe-{aufgabe.pk}",
                person_id=fall.person_id if fall else None,
                person_name=_person_name(fall.person) if fall else "",
                anstalt_id=anstalt_id,
                anstalt_name=anstalt_name,
                # The rule each kind of task serves, registered with the kind (kern.erweiterungen.aufgabenarten).
                regel=erweiterungen.aufgabenart_regel(aufgabe.art),
            )
        )
    return eintraege


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
