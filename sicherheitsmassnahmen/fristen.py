"""Deadline source of § 31 JVG for the Fristenkontrolle (R-0-FRIST-4), registered in contributions.py.

R-31-5: every active measure's next review (to the minute for lit. f/g); overdue ones are marked by
the page itself. One query; visibility from `massnahmen_fuer_user`.
"""

from django.urls import reverse

from kern.erweiterungen import FristEintrag
from sicherheitsmassnahmen.enums import Massnahmenstatus, paragraph
from sicherheitsmassnahmen.queries import massnahmen_fuer_user

TYP = "sicherheitsmassnahme_ueberpruefung"


def ueberpruefung_fristen(user, heute):
    zeilen = (
        massnahmen_fuer_user(user)
        .filter(status=Massnahmenstatus.AKTIV)
        .values(
            "pk",
            "nummer",
            "art",
            "naechste_ueberpruefung_am",
            "person_id",
            "person__amtlicher_name",
            "person__vorname",
            "anstalt_id",
            "anstalt__name",
        )
    )
    return [
        FristEintrag(
            typ=TYP,
            titel=f"Überprüfung {paragraph(z['art'])} {z['nummer']} (§ 31 Abs. 5 JVG)",
            faellig=z["naechste_ueberpruefung_am"],
            url=reverse("sicherheitsmassnahmen:detail", args=[z["pk"]]) + "#ueberpruefung",
            person_id=z["person_id"],
            person_name=f"{z['person__amtlicher_name']} {z['person__vorname']}",
            anstalt_id=z["anstalt_id"],
            anstalt_name=z["anstalt__name"],
            regel="R-31-5",
        )
        for z in zeilen
    ]
