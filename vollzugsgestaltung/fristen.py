"""Deadline sources of this app for the Fristenkontrolle (R-0-FRIST-4); registered in contributions.py.
Each runs one query and returns only what the user may see."""

from django.urls import reverse

from kern.erweiterungen import FristEintrag
from kern.fristen import tagesende
from vollzugsgestaltung import queries, recht
from vollzugsgestaltung.models import Weisung


def _name(person) -> str:
    return f"{person.amtlicher_name} {person.vorname}"


def rueckkehr_fristen(user, heute):
    """Openings in progress: the return is due at the granted end (overdue → failure to return)."""
    eintraege = []
    for o in queries.oeffnungen_fuer_user(user).filter(status=recht.Oeffnungsstatus.ANGETRETEN):
        person = o.fall.person
        eintraege.append(
            FristEintrag(
                typ="rueckkehr_oeffnung",
                titel=f"Rückkehr aus {o.get_art_display()}",
                faellig=o.bis,
                url=reverse("vollzugsgestaltung:oeffnung_detail", args=[o.pk]),
                person_id=person.pk,
                person_name=_name(person),
                anstalt_id=o.anstalt_id,
                anstalt_name=o.anstalt.name,
            )
        )
    return eintraege


def weisungs_fristen(user, heute):
    """R-19-1: the next control of every Weisung of an open probation file."""
    akten = queries.akten_fuer_user(user).filter(abgeschlossen_am__isnull=True)
    eintraege = []
    for w in Weisung.objects.filter(akte__in=akten, aufgehoben_am__isnull=True).select_related(
        "akte__person"
    ):
        person = w.akte.person
        eintraege.append(
            FristEintrag(
                typ="weisungskontrolle",
                titel=f"Weisungskontrolle: {w.text[:80]}",
                faellig=tagesende(w.naechste_kontrolle),
                url=reverse("vollzugsgestaltung:akte_detail", args=[w.akte_id]) + f"#weisung-{w.pk}",
                person_id=person.pk,
                person_name=_name(person),
                regel="R-19-1",
            )
        )
    return eintraege


def ga_fristen(user, heute):
    """R-STGB-79A-1 (Art. 79a Abs. 5 StGB): the deadline for gemeinnützige Arbeit ordered."""
    formen = queries.vollzugsformen_fuer_user(user).filter(
        form=recht.Vollzugsform16.GEMEINNUETZIGE_ARBEIT, status=recht.Formstatus.BEFOHLEN
    )
    return [
        FristEintrag(
            typ="gemeinnuetzige_arbeit",
            titel=f"Frist gemeinnützige Arbeit ({f.stunden_soll} Stunden, Art. 79a StGB)",
            faellig=tagesende(f.frist_bis),
            url=reverse("vollzugsgestaltung:form_detail", args=[f.pk]),
            person_id=f.fall.person_id,
            person_name=_name(f.fall.person),
            regel="R-STGB-79A-1",
        )
        for f in formen
    ]
