"""Mutant of R-31-4 (§ 31 Abs. 4 JVG) that survived the marked tests (issue 25).

- `kern/fristen.py:83` `days=1 → 0`: the Einweisungsbehörde is informed on the first working day *after*
  the transfer. For a transfer on a rest day the next working day is the same either way; the function
  promises it also after a working day (its docstring), which only a direct test can show.
"""

from datetime import date, datetime

import pytest

from kern import fristen
from kern.fristen import TZ


@pytest.mark.rule("R-31-4")
@pytest.mark.parametrize(
    ("tag", "erwartet"),
    [
        (date(2026, 5, 12), date(2026, 5, 13)),  # Tuesday → Wednesday
        (date(2026, 5, 13), date(2026, 5, 15)),  # Wednesday → Friday (Thursday 14.05. is Auffahrt)
        (date(2026, 5, 14), date(2026, 5, 15)),  # Auffahrt → Friday
        (date(2026, 5, 15), date(2026, 5, 18)),  # Friday → Monday
        (datetime(2026, 5, 15, 23, 30, tzinfo=TZ), date(2026, 5, 18)),  # Friday late in Lucerne → Monday
    ],
)
def test_erster_arbeitstag_nach_ist_nie_der_tag_selbst(tag, erwartet):
    assert fristen.erster_arbeitstag_nach(tag) == erwartet
