"""Deadline sources of the Vollzug for the Fristenkontrolle (R-0-FRIST-4), registered in
`vollzug/contributions.py`.

Each source is one query: visibility from `vollzug.queries` (R-0-ROLE-1), the person by
`select_related`, the current facility (the open Platzierung) by scalar subqueries as in the case list.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from kern import erweiterungen
from kern.erweiterungen import FristEintrag
from kern.fristen import kalendertage_lokal, tagesende
from kern.models import Aufgabe
from vollzug.enums import Fallstatus, VollzugAufgabenart
from vollzug.queries import faelle_fuer_user, offene_platzierung


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
    tage = settings.JVG_VOLLZUGSBEGINN_UEBERFAELLIG_TAGE
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
                url=f"{fall.get_absolute_url() if fall else start}#aufgabe-{aufgabe.pk}",
                person_id=fall.person_id if fall else None,
                person_name=_person_name(fall.person) if fall else "",
                anstalt_id=anstalt_id,
                anstalt_name=anstalt_name,
                # The rule each kind of task serves, registered with the kind (kern.erweiterungen.aufgabenarten).
                regel=erweiterungen.aufgabenart_regel(aufgabe.art),
            )
        )
    return eintraege
