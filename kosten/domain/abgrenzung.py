"""Accrual of the canton's Vollzugskosten (§ 46 Abs. 2 lit. a, R-46-1) from the placement history.

Day-counting convention (documented here, tested in tests/test_kosten_abgrenzung.py):

* The unit is the calendar day in Europe/Zurich. A placement (`vollzug.Platzierung`, von/bis) covers
  the days from the local date of `von` (the entry day counts) up to the day BEFORE the local date of
  `bis` (the exit day does not count: the person spends that night elsewhere — at home during a § 14
  interruption, or in the receiving facility).
* Hence at a transfer the day counts once, for the RECEIVING facility; at a § 14 interruption the day
  of departure does not count and the day of return does (no placement → no accrual); at release the
  release day does not count.
* A stay that begins and ends on the same day (no night) counts as one day, unless another placement
  of the same case already covers that day (no day counts twice).
* An open placement accrues up to the statement's last day, but never beyond `heute` (no accrual of
  the future).
* The rate is the Kostgeld of the facility and the case's Vollzugsform valid on that day; a rate
  change on 1 January applies from that day. Days without a valid rate are returned as segments with
  `ansatz=None` so statements show the gap instead of silently pricing it at zero.
* The case's Vollzugsform comes from its sanctions: the first sanction (by entry) that names one,
  otherwise Normalvollzug (stationary measures name none).

Queries are constant whatever the number of cases: placements, sanctions and rates are each read in
one query (`vollzugskosten_fuer`). Amounts are `Decimal` (days × rate, exact to the Rappen).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import QuerySet

from kern.fristen import TZ, lokales_datum
from kosten.models import Kostgeld
from vollzug.models import Platzierung, Sanktion
from vollzug.recht import Vollzugsform

EIN_TAG = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Aufenthalt:
    """A placement reduced to what accrual needs (dates are local, `bis` exclusive, None = open)."""

    fall_id: int
    anstalt_id: int
    anstalt_name: str
    von: date
    bis: date | None


@dataclass(frozen=True, slots=True)
class Abschnitt:
    """Consecutive days of one case in one facility at one rate (`bis` inclusive)."""

    fall_id: int
    anstalt_id: int
    anstalt_name: str
    vollzugsform: str
    von: date
    bis: date
    tage: int
    ansatz: Decimal | None
    kostgeld_id: int | None

    @property
    def betrag(self) -> Decimal:
        return (self.ansatz or Decimal("0.00")) * self.tage

    @property
    def ohne_ansatz(self) -> bool:
        return self.ansatz is None


@dataclass(frozen=True, slots=True)
class Ansatz:
    pk: int
    von: date
    bis: date | None  # inclusive
    betrag: Decimal


def tage_zuordnen(aufenthalte: list[Aufenthalt], von: date, bis: date) -> list[tuple[Aufenthalt, date, date]]:
    """The day ranges `[start, ende]` (inclusive) each stay of ONE case accrues within `[von, bis]`,
    following the convention of this module. Stays must be of one case."""
    ranges: list[tuple[Aufenthalt, date, date]] = []
    belegt: list[tuple[date, date]] = []
    same_day = []
    for a in sorted(aufenthalte, key=lambda a: a.von):
        ende_excl = a.bis if a.bis is not None else bis + EIN_TAG
        if a.bis is not None and a.bis == a.von:
            same_day.append(a)
            continue
        start, ende = max(a.von, von), min(ende_excl - EIN_TAG, bis)
        if start <= ende:
            ranges.append((a, start, ende))
        belegt.append((a.von, ende_excl - EIN_TAG))
    for a in same_day:
        tag = a.von
        if von <= tag <= bis and not any(s <= tag <= e for s, e in belegt):
            ranges.append((a, tag, tag))
            belegt.append((tag, tag))
    return sorted(ranges, key=lambda r: r[1])


def _abschnitte(
    aufenthalt: Aufenthalt, start: date, ende: date, vollzugsform: str, ansaetze: list[Ansatz]
) -> list[Abschnitt]:
    """Split `[start, ende]` at the rate periods (sorted by `von`)."""
    teile = []
    tag = start
    for ansatz in ansaetze:
        if tag > ende:
            break
        a_bis = ansatz.bis or date.max
        if a_bis < tag or ansatz.von > ende:
            continue
        if ansatz.von > tag:  # a gap without a rate before this period
            luecke_ende = min(ansatz.von - EIN_TAG, ende)
            teile.append((tag, luecke_ende, None))
            tag = luecke_ende + EIN_TAG
        teil_ende = min(a_bis, ende)
        teile.append((tag, teil_ende, ansatz))
        tag = teil_ende + EIN_TAG
    if tag <= ende:
        teile.append((tag, ende, None))
    return [
        Abschnitt(
            fall_id=aufenthalt.fall_id,
            anstalt_id=aufenthalt.anstalt_id,
            anstalt_name=aufenthalt.anstalt_name,
            vollzugsform=vollzugsform,
            von=v,
            bis=b,
            tage=(b - v).days + 1,
            ansatz=a.betrag if a else None,
            kostgeld_id=a.pk if a else None,
        )
        for v, b, a in teile
    ]


def vollzugskosten_fuer(
    faelle: QuerySet | list[int], von: date, bis: date, heute: date
) -> dict[int, list[Abschnitt]]:
    """Segments of accrued daily rates per case id in `[von, min(bis, heute)]`. Three queries."""
    bis = min(bis, heute)
    ergebnis: dict[int, list[Abschnitt]] = {}
    if bis < von:
        return ergebnis
    # Everything that touches the period (a stay ending on `von` contributes nothing, see convention).
    # A day of margin on each side instead of a date cast in SQL (time zones); `tage_zuordnen` clips.
    platz = Platzierung.objects.filter(fall__in=faelle, von__lt=_tagesbeginn(bis + 2 * EIN_TAG)).exclude(
        bis__lt=_tagesbeginn(von - EIN_TAG)
    )
    aufenthalte: dict[int, list[Aufenthalt]] = defaultdict(list)
    anstalten = set()
    for fall_id, anstalt_id, name, p_von, p_bis in platz.values_list(
        "fall_id", "anstalt_id", "anstalt__name", "von", "bis"
    ).order_by("fall_id", "von", "pk"):
        aufenthalte[fall_id].append(
            Aufenthalt(
                fall_id, anstalt_id, name, lokales_datum(p_von), lokales_datum(p_bis) if p_bis else None
            )
        )
        anstalten.add(anstalt_id)
    if not aufenthalte:
        return ergebnis
    formen = vollzugsformen_fuer(list(aufenthalte))
    ansaetze: dict[tuple[int, str], list[Ansatz]] = defaultdict(list)
    for pk, anstalt_id, form, a_von, a_bis, betrag in (
        Kostgeld.objects.filter(anstalt_id__in=anstalten, gueltig_ab__lte=bis)
        .exclude(gueltig_bis__lt=von)
        .values_list("pk", "anstalt_id", "vollzugsform", "gueltig_ab", "gueltig_bis", "betrag")
        .order_by("gueltig_ab")
    ):
        ansaetze[(anstalt_id, form)].append(Ansatz(pk, a_von, a_bis, betrag))
    for fall_id, liste in aufenthalte.items():
        form = formen.get(fall_id, Vollzugsform.NORMALVOLLZUG)
        abschnitte = []
        for aufenthalt, start, ende in tage_zuordnen(liste, von, bis):
            abschnitte += _abschnitte(aufenthalt, start, ende, form, ansaetze[(aufenthalt.anstalt_id, form)])
        if abschnitte:
            ergebnis[fall_id] = abschnitte
    return ergebnis


def _tagesbeginn(tag: date) -> datetime:
    return datetime.combine(tag, time.min, tzinfo=TZ)


def vollzugsformen_fuer(fall_ids: list[int]) -> dict[int, str]:
    """The Vollzugsform of each case (first sanction naming one; default Normalvollzug). One query."""
    formen: dict[int, str] = {}
    for fall_id, form in (
        Sanktion.objects.filter(entscheid__fall_id__in=fall_ids)
        .exclude(vollzugsform="")
        .order_by("entscheid__fall_id", "pk")
        .values_list("entscheid__fall_id", "vollzugsform")
    ):
        formen.setdefault(fall_id, form)
    return formen


def vollzugskosten(fall, von: date, bis: date, heute: date) -> list[Abschnitt]:
    return vollzugskosten_fuer([fall.pk], von, bis, heute).get(fall.pk, [])
