"""Deadline sources of the threat management for the Fristenkontrolle (R-BM-2); team only (R-BM-3).

Registered in `bedrohung/contributions.py`. One query. The entries carry no
person of the Vollzug and no content of the report: the report's number, the kind of measure, its
owner and deadline; the facility (for the overview's filter) only where the report names one.
"""

from bedrohung.models import Massnahme
from bedrohung.permissions import ist_team
from bedrohung.recht import Massnahmenart
from kern.erweiterungen import FristEintrag
from kern.fristen import tagesende

TYP = "bedrohung_massnahme"


def massnahmen_fristen(user, heute):
    """R-BM-2: open measures and follow-ups of case conferences, due at the end of their deadline day.
    R-BM-3: visible only to members of the threat-management team; everyone else gets nothing (no query)."""
    if not ist_team(user):
        return []
    massnahmen = (
        Massnahme.objects.filter(erledigt_am__isnull=True)
        .select_related("meldung", "meldung__anstalt", "verantwortlich")
        .order_by("frist", "pk")
    )
    eintraege = []
    for m in massnahmen:
        art = Massnahmenart(m.art).label if m.art in Massnahmenart.values else m.art
        wer = m.verantwortlich.get_full_name() or m.verantwortlich.username
        quelle = "Folgeauftrag" if m.konferenz_id else "Massnahme"
        anstalt = m.meldung.anstalt
        eintraege.append(
            FristEintrag(
                typ=TYP,
                titel=f"{quelle} {m.meldung.nummer}: {art} bis {m.frist:%d.%m.%Y} (verantwortlich: {wer})",
                faellig=tagesende(m.frist),
                url=f"/bedrohung/meldungen/{m.meldung_id}/#massnahme-{m.pk}",
                anstalt_id=anstalt.pk if anstalt else None,
                anstalt_name=anstalt.name if anstalt else "",
                regel="R-BM-2",
            )
        )
    return eintraege
