"""Deadline sources of the Verfügung lifecycle for the Fristenkontrolle (R-0-FRIST-4): appeal deadlines
(R-0-VFG-4) and hearings to make up for (R-0-GEHOER-1); registered in `verfuegungen/contributions.py`."""

from datetime import date

from django.urls import reverse

from kern.erweiterungen import FristEintrag
from kern.fristen import tagesende
from verfuegungen.models import Anhoerung
from verfuegungen.queries import verfuegungen_fuer_user
from verfuegungen.recht import RECHTSFOLGEN, Anhoerungsart, Verfuegungsstatus
from vollzug.queries import offene_platzierung, personen_fuer_user


def fristen_rechtsmittel(user, heute: date):
    """R-0-VFG-2: open appeal deadlines (eröffnet, not yet rechtskräftig, no appeal)."""
    zeilen = (
        verfuegungen_fuer_user(user)
        .filter(status=Verfuegungsstatus.EROEFFNET)
        .annotate(
            platz_anstalt_id=offene_platzierung("anstalt_id", bezug="fall__person", aussen="person"),
            platz_anstalt_name=offene_platzierung("anstalt__name", bezug="fall__person", aussen="person"),
        )
        .values(
            "pk",
            "nummer",
            "typ",
            "rechtsmittelfrist_ende",
            "person_id",
            "person__amtlicher_name",
            "person__vorname",
            "platz_anstalt_id",
            "platz_anstalt_name",
        )
    )
    for z in zeilen:
        r = RECHTSFOLGEN[z["typ"]]
        yield FristEintrag(
            typ="verfuegung_rechtsmittel",
            titel=f"Beschwerdefrist Verfügung {z['nummer']} ({r.frist_tage} Tage, {r.instanz})",
            faellig=tagesende(z["rechtsmittelfrist_ende"]),
            url=reverse("verfuegungen:detail", args=[z["pk"]]),
            person_id=z["person_id"],
            person_name=f"{z['person__amtlicher_name']} {z['person__vorname']}",
            anstalt_id=z["platz_anstalt_id"],
            anstalt_name=z["platz_anstalt_name"] or "",
            regel="R-0-VFG-2",
        )


def fristen_gehoer_nachholen(user, heute: date):
    """R-0-GEHOER-1: hearings to be held after a decision taken with Gefahr im Verzug."""
    zeilen = (
        Anhoerung.objects.filter(
            art=Anhoerungsart.GEFAHR_IM_VERZUG,
            nachgeholt_am__isnull=True,
            verfuegung__person__in=personen_fuer_user(user),
        )
        .exclude(verfuegung__status=Verfuegungsstatus.AUFGEHOBEN)
        .annotate(
            platz_anstalt_id=offene_platzierung(
                "anstalt_id", bezug="fall__person", aussen="verfuegung__person"
            ),
            platz_anstalt_name=offene_platzierung(
                "anstalt__name", bezug="fall__person", aussen="verfuegung__person"
            ),
        )
        .values(
            "verfuegung_id",
            "verfuegung__nummer",
            "nachholen_bis",
            "verfuegung__person_id",
            "verfuegung__person__amtlicher_name",
            "verfuegung__person__vorname",
            "platz_anstalt_id",
            "platz_anstalt_name",
        )
    )
    for z in zeilen:
        yield FristEintrag(
            typ="verfuegung_gehoer_nachholen",
            titel=f"Rechtliches Gehör nachholen: Verfügung {z['verfuegung__nummer']} (Gefahr im Verzug)",
            faellig=tagesende(z["nachholen_bis"]),
            url=reverse("verfuegungen:detail", args=[z["verfuegung_id"]]),
            person_id=z["verfuegung__person_id"],
            person_name=f"{z['verfuegung__person__amtlicher_name']} {z['verfuegung__person__vorname']}",
            anstalt_id=z["platz_anstalt_id"],
            anstalt_name=z["platz_anstalt_name"] or "",
            regel="R-0-GEHOER-1",
        )
