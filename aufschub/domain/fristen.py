"""Deadline sources of Aufschub und Unterbrechung (§14, R-14-6) for the Fristenkontrolle; registered in `aufschub/contributions.py`."""

from datetime import timedelta

from django.urls import reverse

from aufschub.models import Aufschubgesuch
from aufschub.queries import mit_stehender_verfuegung
from aufschub.recht import Gesuchsart, Gesuchsstatus, aufgebot_faellig_am
from kern.erweiterungen import FristEintrag
from kern.fristen import tagesende
from vollzug.queries import faelle_fuer_user
from vollzug.recht import Fallstatus


def aufgebot_fristen(user, heute):
    """R-14-6: granted deferrals whose summons is not yet recorded, due at the end of the day
    `aufgebot_faellig_am` (the configured lead time before the day execution must start).

    Only while the case has not started (a case admitted meanwhile needs no summons) and while the
    grant's Verfügung stands (a lifted grant defers nothing). One query; the case's person by join.
    Cases in intake have no placement, so the entry names no facility.
    """
    if not (user and user.is_authenticated and user.is_active):
        return []
    gesuche = (
        Aufschubgesuch.objects.filter(
            fall__in=faelle_fuer_user(user),
            art=Gesuchsart.AUFSCHUB,
            status=Gesuchsstatus.BEWILLIGT,
            aufgebot_am__isnull=True,
            bewilligung_beendet_am__isnull=True,  # issue 23: a grant set aside on appeal defers nothing
            fall__status=Fallstatus.EINGANG,
        )
        .filter(mit_stehender_verfuegung())
        .select_related("fall__person")
    )
    eintraege = []
    for gesuch in gesuche:
        person = gesuch.fall.person
        eintraege.append(
            FristEintrag(
                typ="aufgebot_14",
                titel=(
                    f"Aufgebot Fall {gesuch.fall.fallnummer}: Aufschub bis {gesuch.bewilligt_bis:%d.%m.%Y}, "
                    f"Vollzugsantritt am {gesuch.bewilligt_bis + timedelta(days=1):%d.%m.%Y} (§ 14 JVG)"
                ),
                faellig=tagesende(aufgebot_faellig_am(gesuch)),
                url=reverse("vollzug:gesuch14_detail", args=[gesuch.pk]),
                person_id=person.pk,
                person_name=f"{person.amtlicher_name} {person.vorname}",
                regel="R-14-6",
            )
        )
    return eintraege
