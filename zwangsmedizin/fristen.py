"""Deadline source of §§ 34–39 for the Fristenkontrolle (R-0-FRIST-4), registered in `contributions.py`.

R-38-1 (§ 38 Abs. 4): the review and re-ordering date of each long-term measure-indicated forced
medication in force, listed ahead of time (the reminder task follows on the day). One query; the
title carries no medical content (facility management sees the existence of the measure).
Pending requests, urgent reviews and § 37 information are tasks (`jvg_case.Aufgabe`), listed by the
task source.
"""

from django.urls import reverse

from kern.erweiterungen import FristEintrag
from kern.fristen import tagesende
from vollzug.queries import offene_platzierung
from zwangsmedizin.enums import Medikationsart, Medikationsstatus
from zwangsmedizin.queries import medikationen_fuer_user

TYP = "zwangsmedikation_38"


def neuanordnung_fristen(user, heute):
    zeilen = (
        medikationen_fuer_user(user)
        .filter(
            art=Medikationsart.MASSNAHMENINDIZIERT,
            status=Medikationsstatus.ANGEORDNET,
            langfristig=True,
            naechste_ueberpruefung_am__isnull=False,
        )
        .annotate(
            platz_anstalt_id=offene_platzierung("anstalt_id", bezug="fall__person", aussen="person"),
            platz_anstalt_name=offene_platzierung("anstalt__name", bezug="fall__person", aussen="person"),
        )
        .values(
            "pk",
            "naechste_ueberpruefung_am",
            "person_id",
            "person__amtlicher_name",
            "person__vorname",
            "platz_anstalt_id",
            "platz_anstalt_name",
        )
    )
    return [
        FristEintrag(
            typ=TYP,
            titel="Massnahmenindizierte Zwangsmedikation überprüfen und neu anordnen (§ 38 Abs. 4 JVG)",
            faellig=tagesende(z["naechste_ueberpruefung_am"]),
            url=reverse("zwangsmedizin:medikation_detail", args=[z["pk"]]),
            person_id=z["person_id"],
            person_name=f"{z['person__amtlicher_name']} {z['person__vorname']}",
            anstalt_id=z["platz_anstalt_id"],
            anstalt_name=z["platz_anstalt_name"] or "",
            regel="R-38-1",
        )
        for z in zeilen
    ]
