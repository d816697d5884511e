"""Deadline source of § 33 JVG for the Fristenkontrolle (R-0-FRIST-4), registered in `zwang/contributions.py`.

R-33-1: each involved staff member's statement is due JVG_ZWANG_STELLUNGNAHME_STUNDEN hours after the
protocol was submitted (to the minute). One query over the protocols the user may see; overdue ones
are marked by the page itself. A physician sees none (the statements are not the medical part).
"""

from django.urls import reverse

from kern.erweiterungen import FristEintrag
from zwang.queries import nur_medizinteil, offene_stellungnahmen, protokolle_fuer_user

TYP = "zwang_stellungnahme"


def stellungnahme_fristen(user, heute):
    if not (user and user.is_authenticated and user.is_active) or nur_medizinteil(user):
        return []
    zeilen = (
        offene_stellungnahmen()
        .filter(protokoll__in=protokolle_fuer_user(user), frist__isnull=False)
        .select_related("benutzer", "protokoll__person", "protokoll__anstalt")
        .order_by("frist", "pk")
    )
    eintraege = []
    for b in zeilen:
        p = b.protokoll
        name = b.benutzer.get_full_name() or b.benutzer.username
        eintraege.append(
            FristEintrag(
                typ=TYP,
                titel=f"Stellungnahme von {name} zum Zwangsprotokoll {p.nummer} (§ 33 Abs. 4 JVG)",
                faellig=b.frist,
                url=reverse("zwang:detail", args=[p.pk]) + f"#beteiligung-{b.pk}",
                person_id=p.person_id,
                person_name=f"{p.person.amtlicher_name} {p.person.vorname}",
                anstalt_id=p.anstalt_id,
                anstalt_name=p.anstalt.name,
                regel="R-33-1",
            )
        )
    return eintraege
