"""Tests for kern.fristen — the one calendar of the system (RULEBOOK "Fristen").

Expected dates are literals checked by hand against the calendar; the ``holidays`` package is only
used to cross-check the 13 Lucerne holidays of 2026, never to compute an expected value.
"""

import calendar
from datetime import UTC, date, datetime, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kern.fristen import (
    METHODE_JAHRE,
    METHODE_KALENDERTAGE,
    METHODE_MONATE,
    METHODE_STUNDEN,
    METHODE_TAGE,
    TZ,
    Fristergebnis,
    erster_arbeitstag_nach,
    ist_arbeitstag,
    jahresfrist,
    kalendertage_lokal,
    monatsfrist,
    naechster_arbeitstag,
    stundenfrist,
    tagesfrist,
)

D = date.fromisoformat

FEIERTAGE_LU_2026 = {
    D("2026-01-01"): "Neujahrstag",  # Do
    D("2026-01-02"): "Berchtoldstag",  # Fr
    D("2026-04-03"): "Karfreitag",  # Fr
    D("2026-04-06"): "Ostermontag",  # Mo
    D("2026-05-14"): "Auffahrt",  # Do
    D("2026-05-25"): "Pfingstmontag",  # Mo
    D("2026-06-04"): "Fronleichnam",  # Do
    D("2026-08-01"): "Nationalfeiertag",  # Sa
    D("2026-08-15"): "Mariä Himmelfahrt",  # Sa
    D("2026-11-01"): "Allerheiligen",  # So
    D("2026-12-08"): "Mariä Empfängnis",  # Di
    D("2026-12-25"): "Weihnachten",  # Fr
    D("2026-12-26"): "Stephanstag",  # Sa
}

# Hypothesis draws from years the holidays package is certain to know and we are likely to need.
daten = st.dates(min_value=D("1990-01-01"), max_value=D("2100-12-31"))
zeitpunkte = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31), timezones=st.just(TZ)
)


def zurich(*args, fold=0):
    return datetime(*args, tzinfo=TZ, fold=fold)


# --- the calendar: ist_arbeitstag, naechster_arbeitstag, erster_arbeitstag_nach -------------------


@pytest.mark.rule("R-0-FRIST-1")
def test_feiertage_lu_2026_are_exactly_the_13_days_of_vrg():
    paket = holidays.Switzerland(subdiv="LU", years=2026, language="de", categories=(holidays.PUBLIC,))
    assert dict(paket) == FEIERTAGE_LU_2026


@pytest.mark.rule("R-0-FRIST-1")
@pytest.mark.parametrize("tag", sorted(FEIERTAGE_LU_2026))
def test_ist_arbeitstag_false_on_every_lu_holiday_2026(tag):
    assert ist_arbeitstag(tag) is False


@pytest.mark.rule("R-0-FRIST-1")
@pytest.mark.parametrize(
    "tag",
    [
        D("2026-02-16"),  # Güdismontag: Fasnacht is no public holiday
        D("2026-10-02"),  # Leodegar: municipal (city of Lucerne) only
        D("2026-12-24"),  # Heiligabend
        D("2026-12-31"),  # Silvester
        D("2026-04-02"),  # Hoher Donnerstag
        D("2026-05-15"),  # Freitag nach Auffahrt ("Brücke") is a working day
    ],
)
def test_ist_arbeitstag_true_on_days_that_are_no_cantonal_holiday(tag):
    assert ist_arbeitstag(tag) is True


@pytest.mark.rule("R-0-FRIST-1")
def test_ist_arbeitstag_false_on_weekend():
    assert ist_arbeitstag(D("2026-03-28")) is False  # Samstag
    assert ist_arbeitstag(D("2026-03-29")) is False  # Sonntag
    assert ist_arbeitstag(D("2026-03-30")) is True  # Montag


@pytest.mark.rule("R-0-FRIST-1")  # calendar used by R-31-4; the task itself is tested with §31
def test_ist_arbeitstag_uses_zurich_date_of_a_datetime():
    # Friday 23:30 UTC is Saturday 01:30 in Lucerne (summer time).
    assert ist_arbeitstag(datetime(2026, 5, 15, 23, 30, tzinfo=UTC)) is False
    assert ist_arbeitstag(datetime(2026, 5, 15, 21, 30, tzinfo=UTC)) is True


@pytest.mark.rule("R-0-FRIST-1")
@pytest.mark.parametrize(
    ("tag", "erwartet"),
    [
        (D("2026-03-31"), D("2026-03-31")),  # Dienstag: itself
        (D("2026-03-28"), D("2026-03-30")),  # Samstag → Montag
        (D("2026-04-03"), D("2026-04-07")),  # Karfreitag → Dienstag nach Ostermontag
        (D("2026-12-25"), D("2026-12-28")),  # Weihnachten (Fr) → Montag
        (D("2027-01-01"), D("2027-01-04")),  # Neujahr (Fr), Berchtoldstag (Sa), So → Montag
    ],
)
def test_naechster_arbeitstag_returns_day_itself_or_next_working_day(tag, erwartet):
    assert naechster_arbeitstag(tag) == erwartet


@pytest.mark.rule("R-0-FRIST-1")  # calendar used by R-31-4; the task itself is tested with §31
@pytest.mark.parametrize(
    ("versetzung", "erwartet"),
    [
        (D("2026-05-14"), D("2026-05-15")),  # Auffahrt (Do) → Freitag
        (D("2026-05-16"), D("2026-05-18")),  # Samstag → Montag
        (D("2026-05-17"), D("2026-05-18")),  # Sonntag → Montag
        (D("2026-05-23"), D("2026-05-26")),  # Samstag vor Pfingsten → Dienstag (Pfingstmontag)
        (D("2026-06-04"), D("2026-06-05")),  # Fronleichnam (Do) → Freitag
        (D("2026-12-25"), D("2026-12-28")),  # Weihnachten → Montag
        (D("2026-12-26"), D("2026-12-28")),  # Stephanstag (Sa) → Montag
        (D("2026-01-01"), D("2026-01-05")),  # Neujahr (Do) → Montag (Berchtoldstag Fr)
        (D("2026-05-15"), D("2026-05-18")),  # a working day: strictly after → next Monday
    ],
)
def test_erster_arbeitstag_nach_is_strictly_after(versetzung, erwartet):
    assert erster_arbeitstag_nach(versetzung) == erwartet


@pytest.mark.rule("R-0-FRIST-1")  # calendar used by R-31-4; the task itself is tested with §31
def test_erster_arbeitstag_nach_uses_zurich_date_of_transfer_time():
    # Wed 13.05.2026 22:30 UTC = Auffahrt 00:30 in Lucerne → inform on Friday, not Thursday.
    assert erster_arbeitstag_nach(datetime(2026, 5, 13, 22, 30, tzinfo=UTC)) == D("2026-05-15")


# --- tagesfrist -----------------------------------------------------------------------------------


@pytest.mark.rule("R-0-FRIST-1", "R-0-FRIST-2")
def test_tagesfrist_easter_example_of_rulebook():
    # Mo 30.03.2026 + 5 = Sa 04.04.; So 05.04.; Ostermontag 06.04. → Di 07.04.2026.
    assert tagesfrist(D("2026-03-30"), 5) == Fristergebnis(
        ende=D("2026-04-07"),
        methode="tage_vrg_lu_v1",
        hinweis="Fristende von Samstag, 04.04.2026 auf Dienstag, 07.04.2026 verschoben (Wochenende/Feiertag)",
    )


@pytest.mark.rule("R-0-FRIST-1")
@pytest.mark.parametrize(
    ("zustellung", "tage", "erwartet"),
    [
        # Christmas: +5 = Weihnachten (Fr), Stephanstag (Sa), So → Mo 28.12.2026.
        (D("2026-12-20"), 5, D("2026-12-28")),
        # Year end: +5 = Neujahr (Do), Berchtoldstag (Fr), Sa, So → Mo 05.01.2026.
        (D("2025-12-27"), 5, D("2026-01-05")),
        # Year end, 20 days: +20 = Neujahr (Fr), Berchtoldstag (Sa), So → Mo 04.01.2027.
        (D("2026-12-12"), 20, D("2027-01-04")),
        # Auffahrt: +5 = Do 14.05.2026 → Fr 15.05.2026.
        (D("2026-05-09"), 5, D("2026-05-15")),
        # Pfingstmontag: +5 = Mo 25.05.2026 → Di 26.05.2026.
        (D("2026-05-20"), 5, D("2026-05-26")),
        # Fronleichnam: +5 = Do 04.06.2026 → Fr 05.06.2026.
        (D("2026-05-30"), 5, D("2026-06-05")),
        # Bundesfeiertag on a weekday: +5 = Di 01.08.2028 → Mi 02.08.2028.
        (D("2028-07-27"), 5, D("2028-08-02")),
        # Mariä Himmelfahrt on a weekday: +5 = Di 15.08.2028 → Mi 16.08.2028.
        (D("2028-08-10"), 5, D("2028-08-16")),
        # Mariä Himmelfahrt on Saturday 2026: moves because of the weekend anyway → Mo 17.08.2026.
        (D("2026-08-10"), 5, D("2026-08-17")),
        # Allerheiligen on a Monday: +5 = Mo 01.11.2027 → Di 02.11.2027.
        (D("2027-10-27"), 5, D("2027-11-02")),
        # Allerheiligen, 20 days: +20 = Mo 01.11.2027 → Di 02.11.2027.
        (D("2027-10-12"), 20, D("2027-11-02")),
        # Mariä Empfängnis: +5 = Di 08.12.2026 → Mi 09.12.2026.
        (D("2026-12-03"), 5, D("2026-12-09")),
        # 20 days ending on Karfreitag: Fr 03.04., Sa, So, Ostermontag → Di 07.04.2026 (+4 days).
        (D("2026-03-14"), 20, D("2026-04-07")),
        # 20 days ending on a Sunday → Mo 23.02.2026.
        (D("2026-02-02"), 20, D("2026-02-23")),
        # 20 days ending on a Monday: no move.
        (D("2026-02-03"), 20, D("2026-02-23")),
        # the 31st: Di 31.03.2026 is a working day, stays.
        (D("2026-03-26"), 5, D("2026-03-31")),
        # the 31st on a Saturday: Sa 31.01.2026 → Mo 02.02.2026.
        (D("2026-01-11"), 20, D("2026-02-02")),
        # Silvester is no holiday: Do 31.12.2026 stays.
        (D("2026-12-26"), 5, D("2026-12-31")),
        # leap day: Di 29.02.2028 stays.
        (D("2028-02-24"), 5, D("2028-02-29")),
    ],
)
def test_tagesfrist_moves_only_the_last_day(zustellung, tage, erwartet):
    ergebnis = tagesfrist(zustellung, tage)
    assert ergebnis.ende == erwartet
    assert ergebnis.methode == METHODE_TAGE


@pytest.mark.rule("R-0-FRIST-1")
@pytest.mark.parametrize(
    ("zustellung", "tage", "erwartet"),
    [
        # No Fristenstillstand at Easter: Sa 28.03.2026 + 20 = Fr 17.04.2026 (federal law would stop).
        (D("2026-03-28"), 20, D("2026-04-17")),
        # None in summer: Mi 01.07.2026 + 20 = Di 21.07.2026.
        (D("2026-07-01"), 20, D("2026-07-21")),
        # None at Christmas: Fr 18.12.2026 + 20 = Do 07.01.2027.
        (D("2026-12-18"), 20, D("2027-01-07")),
        # Notified on a holiday: counting still starts the next day (Karfreitag + 5 = Mi 08.04.2026).
        (D("2026-04-03"), 5, D("2026-04-08")),
    ],
)
def test_tagesfrist_has_no_court_holidays(zustellung, tage, erwartet):
    ergebnis = tagesfrist(zustellung, tage)
    assert ergebnis.ende == erwartet
    assert ergebnis.hinweis == ""


@pytest.mark.rule("R-0-FRIST-1")
def test_tagesfrist_christmas_hinweis_names_both_days():
    assert tagesfrist(D("2026-12-20"), 5).hinweis == (
        "Fristende von Freitag, 25.12.2026 auf Montag, 28.12.2026 verschoben (Wochenende/Feiertag)"
    )


@pytest.mark.rule("R-0-FRIST-1")
def test_tagesfrist_datetime_counts_from_zurich_date():
    # 10.06.2026 22:30 UTC = Do 11.06.2026 00:30 in Lucerne: + 5 = Di 16.06.2026 (UTC date would give 15.06.).
    assert tagesfrist(datetime(2026, 6, 10, 22, 30, tzinfo=UTC), 5).ende == D("2026-06-16")
    assert tagesfrist(zurich(2026, 3, 30, 16, 45), 5).ende == D("2026-04-07")


@pytest.mark.rule("R-0-FRIST-1")
@pytest.mark.parametrize("tage", [0, -1, -20])
def test_tagesfrist_rejects_less_than_one_day(tage):
    with pytest.raises(ValueError, match="Fristdauer in Tage muss mindestens 1 sein"):
        tagesfrist(D("2026-03-30"), tage)


@pytest.mark.rule("R-0-FRIST-1")
def test_tagesfrist_rejects_naive_datetime():
    with pytest.raises(ValueError, match="ohne Zeitzone"):
        tagesfrist(datetime(2026, 3, 30, 10, 0), 5)


@pytest.mark.rule("R-0-FRIST-1")
@pytest.mark.parametrize("tage", [5.0, "5", True])
def test_tagesfrist_rejects_non_integer_days(tage):
    with pytest.raises(ValueError, match="muss eine ganze Zahl sein"):
        tagesfrist(D("2026-03-30"), tage)


@pytest.mark.rule("R-0-FRIST-1")
def test_lu_calendar_longest_run_of_non_working_days_is_four():
    # Easter (Karfreitag–Ostermontag) and Christmas/New Year on Thu+Fri or Mon+Tue give 4 days; no
    # two holidays lie close enough together to make 5. This bounds the property test below.
    laengste, lauf, tag = 0, 0, D("1990-01-01")
    while tag <= D("2100-12-31"):
        lauf = 0 if ist_arbeitstag(tag) else lauf + 1
        laengste = max(laengste, lauf)
        tag += timedelta(days=1)
    assert laengste == 4


@pytest.mark.rule("R-0-FRIST-1")
@settings(deadline=None)
@given(zustellung=daten, tage=st.integers(min_value=1, max_value=60))
def test_tagesfrist_properties(zustellung, tage):
    ende = tagesfrist(zustellung, tage).ende
    assert ist_arbeitstag(ende)
    assert ende >= zustellung + timedelta(days=tage)
    assert ende <= zustellung + timedelta(days=tage + 4)


# --- monatsfrist ----------------------------------------------------------------------------------


@pytest.mark.rule("R-0-FRIST-2")
@pytest.mark.parametrize(
    ("start", "monate", "erwartet"),
    [
        (D("2026-08-31"), 6, D("2027-02-28")),  # no 31st in February; a Sunday, not moved
        (D("2027-08-31"), 6, D("2028-02-29")),  # leap year
        (D("2026-03-15"), 6, D("2026-09-15")),
        (D("2026-05-31"), 6, D("2026-11-30")),  # no 31st in November
        (D("2026-10-31"), 6, D("2027-04-30")),  # across the year end
        (D("2026-06-25"), 6, D("2026-12-25")),  # Weihnachten: limitation is not extended
        (D("2026-01-31"), 1, D("2026-02-28")),
        (D("2028-02-29"), 12, D("2029-02-28")),
        (D("2026-12-31"), 2, D("2027-02-28")),
    ],
)
def test_monatsfrist_follows_art_77_or(start, monate, erwartet):
    ergebnis = monatsfrist(start, monate)
    assert ergebnis.ende == erwartet
    assert ergebnis.methode == "monate_art77_or_v1"


@pytest.mark.rule("R-0-FRIST-2")
def test_monatsfrist_records_method_and_why_the_day_differs():
    assert monatsfrist(D("2026-08-31"), 6) == Fristergebnis(
        ende=D("2027-02-28"),
        methode=METHODE_MONATE,
        hinweis=(
            "Den 31. gibt es im Zielmonat nicht: Fristende am Monatsletzten; "
            "Fristende Sonntag, 28.02.2027 wird nicht auf einen Arbeitstag verschoben"
        ),
    )
    assert monatsfrist(D("2026-03-16"), 6).hinweis == ""  # Mi 16.09.2026


@pytest.mark.rule("R-0-FRIST-2")
def test_monatsfrist_datetime_counts_from_zurich_date():
    # Act at 31.08.2026 00:30 in Lucerne, stored as 30.08.2026 22:30 UTC.
    assert monatsfrist(datetime(2026, 8, 30, 22, 30, tzinfo=UTC), 6).ende == D("2027-02-28")


@pytest.mark.rule("R-0-FRIST-2")
@pytest.mark.parametrize("monate", [0, -6])
def test_monatsfrist_rejects_less_than_one_month(monate):
    with pytest.raises(ValueError, match="Fristdauer in Monate muss mindestens 1 sein"):
        monatsfrist(D("2026-08-31"), monate)


@pytest.mark.rule("R-0-FRIST-2")
@given(start=daten, monate=st.integers(min_value=1, max_value=120))
def test_monatsfrist_properties(start, monate):
    ende = monatsfrist(start, monate).ende
    assert (ende.year * 12 + ende.month) - (start.year * 12 + start.month) == monate
    assert ende.day == min(start.day, calendar.monthrange(ende.year, ende.month)[1])


# --- jahresfrist ----------------------------------------------------------------------------------


@pytest.mark.rule("R-0-FRIST-2")  # arithmetic used by R-27-3; destruction is tested with §27
@pytest.mark.parametrize(
    ("start", "jahre", "erwartet"),
    [
        (D("2028-02-29"), 10, D("2038-02-28")),  # non-leap target year; a Sunday, not moved
        (D("2028-02-29"), 4, D("2032-02-29")),  # leap target year
        (D("2026-06-15"), 10, D("2036-06-15")),
        (D("2026-12-31"), 10, D("2036-12-31")),
    ],
)
def test_jahresfrist_counts_calendar_years(start, jahre, erwartet):
    ergebnis = jahresfrist(start, jahre)
    assert ergebnis.ende == erwartet
    assert ergebnis.methode == METHODE_JAHRE


@pytest.mark.rule("R-0-FRIST-2")
def test_jahresfrist_hinweis_on_leap_day():
    assert jahresfrist(D("2028-02-29"), 10).hinweis == (
        "Den 29. gibt es im Zielmonat nicht: Fristende am Monatsletzten; "
        "Fristende Sonntag, 28.02.2038 wird nicht auf einen Arbeitstag verschoben"
    )


@pytest.mark.rule("R-0-FRIST-2")  # arithmetic used by R-27-3; destruction is tested with §27
def test_jahresfrist_rejects_zero_years():
    with pytest.raises(ValueError, match="Fristdauer in Jahre muss mindestens 1 sein"):
        jahresfrist(D("2026-06-15"), 0)


@pytest.mark.rule("R-0-FRIST-2")  # arithmetic used by R-27-3; destruction is tested with §27
@given(start=daten, jahre=st.integers(min_value=1, max_value=30))
def test_jahresfrist_properties(start, jahre):
    ende = jahresfrist(start, jahre).ende
    assert (ende.year, ende.month) == (start.year + jahre, start.month)
    assert ende.day == min(start.day, calendar.monthrange(ende.year, ende.month)[1])


# --- stundenfrist ---------------------------------------------------------------------------------


@pytest.mark.rule("R-0-FRIST-3")
def test_stundenfrist_spring_dst_week():
    # Night of 29.03.2026 has 23 hours: Sa 01:30 CET + 48 h = Mo 02:30 CEST.
    ergebnis = stundenfrist(zurich(2026, 3, 28, 1, 30), 48)
    assert ergebnis == Fristergebnis(ende=zurich(2026, 3, 30, 2, 30), methode="stunden_absolut_v1")
    assert ergebnis.ende.utcoffset() == timedelta(hours=2)
    assert ergebnis.ende.tzinfo is TZ


@pytest.mark.rule("R-0-FRIST-3")
def test_stundenfrist_autumn_dst_week():
    # Night of 25.10.2026 has 25 hours: Sa 01:30 CEST + 48 h = Mo 00:30 CET.
    ergebnis = stundenfrist(zurich(2026, 10, 24, 1, 30), 48)
    assert ergebnis.ende == zurich(2026, 10, 26, 0, 30)
    assert ergebnis.ende.utcoffset() == timedelta(hours=1)
    assert ergebnis.methode == METHODE_STUNDEN


@pytest.mark.rule("R-0-FRIST-3")
def test_stundenfrist_ordinary_week_keeps_the_minute():
    assert stundenfrist(zurich(2026, 6, 9, 14, 17), 48).ende == zurich(2026, 6, 11, 14, 17)


@pytest.mark.rule("R-0-FRIST-3")
def test_stundenfrist_ambiguous_start_respects_fold():
    # 25.10.2026 02:30 happens twice: first in CEST (00:30 UTC), then in CET (01:30 UTC).
    assert stundenfrist(zurich(2026, 10, 25, 2, 30, fold=0), 48).ende == zurich(2026, 10, 27, 1, 30)
    assert stundenfrist(zurich(2026, 10, 25, 2, 30, fold=1), 48).ende == zurich(2026, 10, 27, 2, 30)


@pytest.mark.rule("R-0-FRIST-3")
def test_stundenfrist_converts_utc_input_to_zurich():
    ende = stundenfrist(datetime(2026, 3, 28, 0, 30, tzinfo=UTC), 48).ende
    assert ende.tzinfo is TZ
    assert (ende.hour, ende.minute, ende.date()) == (2, 30, D("2026-03-30"))


@pytest.mark.rule("R-0-FRIST-3")
def test_stundenfrist_rejects_naive_datetime():
    with pytest.raises(ValueError, match="ohne Zeitzone"):
        stundenfrist(datetime(2026, 3, 28, 1, 30), 48)


@pytest.mark.rule("R-0-FRIST-3")
@pytest.mark.parametrize("stunden", [0, -48])
def test_stundenfrist_rejects_less_than_one_hour(stunden):
    with pytest.raises(ValueError, match="Fristdauer in Stunden muss mindestens 1 sein"):
        stundenfrist(zurich(2026, 3, 28, 1, 30), stunden)


@pytest.mark.rule("R-0-FRIST-3")
@settings(deadline=None)
@given(start=zeitpunkte, stunden=st.integers(min_value=1, max_value=24 * 30))
def test_stundenfrist_elapsed_time_is_exact(start, stunden):
    ende = stundenfrist(start, stunden).ende
    # Subtract in UTC: Python subtracts two datetimes with the same tzinfo as wall clock times.
    assert ende.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=stunden)
    assert ende.tzinfo is TZ


# --- kalendertage_lokal ---------------------------------------------------------------------------


@pytest.mark.rule("R-0-FRIST-3")  # arithmetic used by R-29-2; deletion is tested with §29
def test_kalendertage_lokal_rulebook_example_across_spring_dst():
    start = zurich(2026, 3, 1, 10, 15)
    ergebnis = kalendertage_lokal(start, 100)
    assert ergebnis == Fristergebnis(ende=zurich(2026, 6, 9, 10, 15), methode="kalendertage_lokal_v1")
    # Wall clock days, not elapsed time: one hour less than 100 × 24 h has passed.
    assert ergebnis.ende.astimezone(UTC) - start.astimezone(UTC) == timedelta(days=100, hours=-1)


@pytest.mark.rule("R-0-FRIST-3")  # arithmetic used by R-29-2; deletion is tested with §29
def test_kalendertage_lokal_across_autumn_dst():
    ergebnis = kalendertage_lokal(zurich(2026, 10, 1, 10, 15), 100)
    assert ergebnis.ende == zurich(2027, 1, 9, 10, 15)
    assert ergebnis.ende.utcoffset() == timedelta(hours=1)
    assert ergebnis.methode == METHODE_KALENDERTAGE


@pytest.mark.rule("R-0-FRIST-3")  # arithmetic used by R-29-2; deletion is tested with §29
def test_kalendertage_lokal_utc_input_uses_zurich_wall_clock():
    # 01.03.2026 09:15 UTC = 10:15 CET.
    assert kalendertage_lokal(datetime(2026, 3, 1, 9, 15, tzinfo=UTC), 100).ende == zurich(2026, 6, 9, 10, 15)


@pytest.mark.rule("R-0-FRIST-3")  # arithmetic used by R-29-2; deletion is tested with §29
def test_kalendertage_lokal_non_existent_time_moves_to_summer_time():
    ergebnis = kalendertage_lokal(zurich(2026, 3, 19, 2, 30), 10)
    assert ergebnis.ende == zurich(2026, 3, 29, 3, 30)
    assert ergebnis.ende.utcoffset() == timedelta(hours=2)
    assert ergebnis.hinweis == (
        "02:30 Uhr am 29.03.2026 gibt es nicht (Beginn der Sommerzeit): Fristende 03:30 Uhr Sommerzeit"
    )


@pytest.mark.rule("R-0-FRIST-3")  # arithmetic used by R-29-2; deletion is tested with §29
def test_kalendertage_lokal_ambiguous_time_takes_first_occurrence():
    ergebnis = kalendertage_lokal(zurich(2026, 10, 15, 2, 30), 10)
    assert ergebnis.ende.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert ergebnis.hinweis == (
        "02:30 Uhr am 25.10.2026 gibt es zweimal (Ende der Sommerzeit): "
        "Fristende beim ersten Mal (Sommerzeit)"
    )


@pytest.mark.rule("R-0-FRIST-3")  # arithmetic used by R-29-2; deletion is tested with §29
def test_kalendertage_lokal_rejects_naive_datetime_and_zero_days():
    with pytest.raises(ValueError, match="ohne Zeitzone"):
        kalendertage_lokal(datetime(2026, 3, 1, 10, 15), 100)
    with pytest.raises(ValueError, match="Fristdauer in Tage muss mindestens 1 sein"):
        kalendertage_lokal(zurich(2026, 3, 1, 10, 15), 0)


@pytest.mark.rule("R-0-FRIST-3")  # arithmetic used by R-29-2; deletion is tested with §29
@settings(deadline=None)
@given(start=zeitpunkte, tage=st.integers(min_value=1, max_value=400))
def test_kalendertage_lokal_properties(start, tage):
    ende = kalendertage_lokal(start, tage).ende
    lokal = start.astimezone(TZ)
    assert ende.tzinfo is TZ
    assert ende.date() == lokal.date() + timedelta(days=tage)
    if ende.hour != 3:  # only a non-existent 02:xx is moved (to 03:xx)
        assert (ende.hour, ende.minute, ende.second, ende.microsecond) == (
            lokal.hour,
            lokal.minute,
            lokal.second,
            lokal.microsecond,
        )
