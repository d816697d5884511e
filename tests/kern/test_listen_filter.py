"""`{% load listen %}` (issue 19): the cheap date filters of long lists give what Django's `date` gives."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template


def _rendern(text: str, **werte) -> str:
    return Template("{% load listen %}" + text).render(Context(werte))


@pytest.mark.parametrize(
    "wert",
    [date(2026, 3, 1), date(1999, 12, 31), datetime(2026, 3, 28, 23, 30, tzinfo=UTC), None, "kein Datum"],
)
def test_datum_wie_djangos_date_filter(wert):
    assert _rendern("{{ w|datum }}", w=wert) == _rendern('{{ w|date:"d.m.Y" }}', w=wert)


@pytest.mark.parametrize(
    "wert",
    [
        # 23:30 UTC on 28 March is 00:30 on 29 March in Lucerne (local time, like `date`).
        datetime(2026, 3, 28, 23, 30, tzinfo=UTC),
        datetime(2026, 7, 1, 6, 5, tzinfo=UTC),
        None,
    ],
)
def test_datum_zeit_wie_djangos_date_filter_in_ortszeit(wert):
    assert _rendern("{{ w|datum_zeit }}", w=wert) == _rendern('{{ w|date:"d.m.Y H:i" }}', w=wert)


def test_datum_zeit_in_ortszeit():
    assert _rendern("{{ w|datum_zeit }}", w=datetime(2026, 3, 28, 23, 30, tzinfo=UTC)) == "29.03.2026 00:30"
    assert _rendern('{{ w|datum_zeit|default:"–" }}', w=None) == "–"
