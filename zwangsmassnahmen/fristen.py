"""Deadline source of § 25 Abs. 2 JVG for the Fristenkontrolle (R-0-FRIST-4), registered in
`zwangsmassnahmen/contributions.py`: every open application deadline of a Sicherheitshaft, with the exact
minute (R-0-FRIST-3); overdue ones are marked by the page itself. One query."""

from django.urls import reverse
from django.utils import timezone

from kern.erweiterungen import FristEintrag
from kern.fristen import TZ
from zwangsmassnahmen.enums import Haftstatus, Haftvariante
from zwangsmassnahmen.queries import haften_fuer_user

TYP = "sicherheitshaft_antrag"


def antragsfristen(user, heute):
    offen = (
        haften_fuer_user(user)
        .filter(variante=Haftvariante.EIGENE_ANORDNUNG, status=Haftstatus.IN_HAFT, antrag_am__isnull=True)
        .select_related("fall__person", "anstalt")
        .order_by("frist_ende", "pk")
    )
    eintraege = []
    for haft in offen:
        person = haft.fall.person
        festnahme = timezone.localtime(haft.festnahme_am, TZ)
        eintraege.append(
            FristEintrag(
                typ=TYP,
                titel=f"Sicherheitshaft {haft.nummer}: Verlängerungsantrag ans Zwangsmassnahmengericht "
                f"(48 Stunden seit Festnahme {festnahme:%d.%m.%Y %H:%M}, § 25 Abs. 2 JVG)",
                faellig=timezone.localtime(haft.frist_ende, TZ),
                url=reverse("zwangsmassnahmen:haft_detail", args=[haft.pk]),
                person_id=person.pk,
                person_name=f"{person.amtlicher_name} {person.vorname}",
                anstalt_id=haft.anstalt_id,
                anstalt_name=haft.anstalt.name if haft.anstalt else "",
                regel="R-25-2",
            )
        )
    return eintraege
