"""R-0-FRIST-4: collect, filter, sort and group the open deadlines of every registered source.

This module knows no module's models: what a deadline is, who may see it and where it is acted on is
the business of the source a module registers (`kern.erweiterungen.fristquelle`). Each source runs a constant
number of queries, so the overview costs `len(QUELLEN)` queries plus at most one for a person search,
whatever the number of deadlines.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from kern.erweiterungen import QUELLEN, FristEintrag
from kern.fristen import TZ
from vollzug.models import Person

GRUPPEN = ("ueberfaellig", "diese_woche", "spaeter")
MAX_SUCHBEGRIFFE = 5


def alle_fristen(
    user,
    *,
    heute: date | None = None,
    anstalt=None,
    person: int | str | None = None,
    typ: str | None = None,
) -> list[FristEintrag]:
    """Every open deadline `user` may see, sorted by due time.

    Steps: ask each registered source (only the one of `typ`, when given) for what `user` may see;
    keep those of facility `anstalt` (an `Anstalt` or its id) and of `person` (an id, or a text matched
    against name, first name and Personennummer, every word must match); sort by `faellig`.
    Raises `ValueError` for an unregistered `typ` (the filter form only offers registered ones).
    """
    heute = heute or timezone.localdate()
    if typ:
        if typ not in QUELLEN:
            raise ValueError(f"Unbekannter Fristtyp {typ!r}.")
        quellen = [QUELLEN[typ][1]]
    else:
        quellen = [funktion for _bezeichnung, funktion in QUELLEN.values()]
    eintraege: Iterable[FristEintrag] = [e for quelle in quellen for e in quelle(user, heute)]

    if anstalt is not None:
        anstalt_id = getattr(anstalt, "pk", anstalt)
        eintraege = [e for e in eintraege if e.anstalt_id == anstalt_id]
    if person is not None and person != "":
        personen = _personen_ids(person)
        eintraege = [e for e in eintraege if e.person_id in personen]
    # Ties (same second) in a stable, readable order: by type, then title.
    return sorted(eintraege, key=lambda e: (e.faellig, e.typ, e.titel))


def _personen_ids(person: int | str) -> set[int]:
    if isinstance(person, int) and not isinstance(person, bool):
        return {person}
    begriffe = str(person).split()[:MAX_SUCHBEGRIFFE]
    if not begriffe:
        return set()
    # The search only narrows entries the sources already cleared for this user, so it may run on all
    # persons: it reveals nothing and does not depend on which visibility rule a source applied.
    personen = Person.objects.all()
    for begriff in begriffe:
        personen = personen.filter(
            Q(amtlicher_name__icontains=begriff)
            | Q(vorname__icontains=begriff)
            | Q(personennummer__icontains=begriff)
        )
    return set(personen.values_list("pk", flat=True))


def wochenende(jetzt: datetime) -> datetime:
    """Start of the next ISO week (Monday 00:00 Europe/Zurich) after `jetzt`: "diese Woche" ends before it.

    Choice: the week is the ISO calendar week (Monday–Sunday) on the Zürich wall clock, because staff
    plan by calendar week; "diese Woche" therefore shrinks towards Sunday (on Sunday it is the rest of
    that day) instead of being a rolling seven days. Comparing with the following Monday 00:00 includes
    everything up to Sunday 23:59:59.999999, across DST changes.
    """
    lokal = jetzt.astimezone(TZ)
    montag = lokal.date() + timedelta(days=7 - lokal.weekday())
    return datetime.combine(montag, time(0, 0), tzinfo=TZ)


def gruppieren(eintraege: Iterable[FristEintrag], jetzt: datetime) -> dict[str, list[FristEintrag]]:
    """Split (already sorted) entries into überfällig (due before `jetzt`), diese Woche (from `jetzt` to
    Sunday 23:59:59 of the current ISO week, Europe/Zurich, see `wochenende`) and später."""
    grenze = wochenende(jetzt)
    gruppen: dict[str, list[FristEintrag]] = {name: [] for name in GRUPPEN}
    for eintrag in eintraege:
        if eintrag.faellig < jetzt:
            gruppen["ueberfaellig"].append(eintrag)
        elif eintrag.faellig < grenze:
            gruppen["diese_woche"].append(eintrag)
        else:
            gruppen["spaeter"].append(eintrag)
    return gruppen


def anzahl_offen(user, heute: date | None = None, *, jetzt: datetime | None = None) -> dict[str, int]:
    """Dashboard counts for the start page: {"ueberfaellig": n, "diese_woche": n}."""
    jetzt = jetzt or timezone.now()
    heute = heute or jetzt.astimezone(TZ).date()
    gruppen = gruppieren(alle_fristen(user, heute=heute), jetzt)
    return {"ueberfaellig": len(gruppen["ueberfaellig"]), "diese_woche": len(gruppen["diese_woche"])}
