"""Boundary tests (issue 25) of the one calendar (R-0-FRIST-1 to -3) and of the change log (R-0-AUDIT-1).

The calendar is pure arithmetic; the stored deadlines that use it are proven in the modules' boundary files
(e.g. tests/verfuegungen/test_grenzen_verfuegungen.py). Here: the last day that stays, the first that moves,
and input the calendar refuses. Literals on purpose.
"""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from kern import fristen
from kern.audit import speichern, system_benutzer
from kern.fristen import TZ


@pytest.mark.rule("R-0-FRIST-1", grenze=True)
def test_tagesfrist_letzter_tag_freitag_bleibt_samstag_wird_montag():
    # Zustellung Sun 22.03.2026 + 5 = Fri 27.03 (working day); Mon 23.03 + 5 = Sat 28.03 → Mon 30.03.
    innen = fristen.tagesfrist(date(2026, 3, 22), 5)
    aussen = fristen.tagesfrist(date(2026, 3, 23), 5)
    assert (innen.ende, innen.hinweis, innen.methode) == (date(2026, 3, 27), "", fristen.METHODE_TAGE)
    assert aussen.ende == date(2026, 3, 30)
    assert (
        aussen.hinweis
        == "Fristende von Samstag, 28.03.2026 auf Montag, 30.03.2026 verschoben (Wochenende/Feiertag)"
    )


@pytest.mark.rule("R-0-FRIST-1", grenze=True)
def test_tagesfrist_gruendonnerstag_bleibt_karfreitag_bis_nach_ostermontag():
    # Day 5 on Thu 02.04.2026 (a working day in Lucerne) stays; day 5 on Karfreitag 03.04 → Tue 07.04.
    assert fristen.tagesfrist(date(2026, 3, 28), 5).ende == date(2026, 4, 2)
    assert fristen.tagesfrist(date(2026, 3, 29), 5).ende == date(2026, 4, 7)
    # Güdismontag (16.02.2026) is a municipal custom, no holiday of § 34 VRG: the deadline ends there.
    assert fristen.tagesfrist(date(2026, 2, 11), 5).ende == date(2026, 2, 16)


@pytest.mark.rule("R-0-FRIST-1", grenze=True)
@pytest.mark.parametrize(
    "zustellung, tage, text",
    [
        (date(2026, 3, 30), 0, "mindestens 1"),
        (date(2026, 3, 30), -5, "mindestens 1"),
        (date(2026, 3, 30), "5", "ganze Zahl"),
        (date(2026, 3, 30), 5.0, "ganze Zahl"),
        (date(2026, 3, 30), True, "ganze Zahl"),
        (datetime(2026, 3, 30, 10, 0), 5, "ohne Zeitzone"),
    ],
)
def test_tagesfrist_fehleingaben(zustellung, tage, text):
    with pytest.raises(ValueError, match=text):
        fristen.tagesfrist(zustellung, tage)


@pytest.mark.rule("R-0-FRIST-1", grenze=True)
def test_tagesfrist_zustellung_kurz_vor_und_nach_mitternacht_zuercher_zeit():
    # 22:59 UTC on Sun 22.03.2026 is 23:59 in Lucerne (still Sunday); 23:00 UTC is already Monday.
    assert fristen.tagesfrist(datetime(2026, 3, 22, 22, 59, tzinfo=UTC), 5).ende == date(2026, 3, 27)
    assert fristen.tagesfrist(datetime(2026, 3, 22, 23, 0, tzinfo=UTC), 5).ende == date(2026, 3, 30)


@pytest.mark.rule("R-0-FRIST-2", grenze=True)
@pytest.mark.parametrize(
    "start, erwartet",
    [
        (date(2026, 8, 28), date(2027, 2, 28)),  # the same day exists: inside
        (date(2026, 8, 29), date(2027, 2, 28)),  # 29 February 2027 does not exist: month's last day
        (date(2026, 8, 31), date(2027, 2, 28)),  # the rulebook's example
        (date(2027, 8, 29), date(2028, 2, 29)),  # leap year: the 29th exists
        (date(2027, 8, 30), date(2028, 2, 29)),
    ],
)
def test_monatsfrist_letzter_tag_nach_art_77_or(start, erwartet):
    ergebnis = fristen.monatsfrist(start, 6)
    assert (ergebnis.ende, ergebnis.methode) == (erwartet, fristen.METHODE_MONATE)
    assert ("Den " in ergebnis.hinweis) is (start.day != erwartet.day)


@pytest.mark.rule("R-0-FRIST-2", grenze=True)
def test_monatsfrist_wird_nicht_auf_einen_werktag_verschoben():
    # 28.02.2027 is a Sunday: a limitation period ends there all the same (unlike R-0-FRIST-1).
    ergebnis = fristen.monatsfrist(date(2026, 8, 28), 6)
    assert ergebnis.ende == date(2027, 2, 28)
    assert ergebnis.hinweis == "Fristende Sonntag, 28.02.2027 wird nicht auf einen Arbeitstag verschoben"
    assert fristen.monatsfrist(date(2026, 8, 26), 6).hinweis == ""  # Fri 26.02.2027


@pytest.mark.rule("R-0-FRIST-2", grenze=True)
@pytest.mark.parametrize("monate, text", [(0, "mindestens 1"), (6.0, "ganze Zahl"), ("6", "ganze Zahl")])
def test_monatsfrist_fehleingaben(monate, text):
    with pytest.raises(ValueError, match=text):
        fristen.monatsfrist(date(2026, 8, 31), monate)
    with pytest.raises(ValueError, match="ohne Zeitzone"):
        fristen.monatsfrist(datetime(2026, 8, 31, 12, 0), 6)


@pytest.mark.rule("R-0-FRIST-3", grenze=True)
def test_stundenfrist_ueber_die_sommerzeit_auf_die_minute():
    # Sat 28.03.2026 01:30 + 48 h = Mon 30.03.2026 02:30 (the night has 23 hours), not 01:30.
    start = datetime(2026, 3, 28, 1, 30, tzinfo=TZ)
    ende = fristen.stundenfrist(start, 48).ende
    assert ende == datetime(2026, 3, 30, 2, 30, tzinfo=TZ)
    assert (ende.astimezone(UTC) - start.astimezone(UTC)).total_seconds() == 48 * 3600
    assert ende.utcoffset().total_seconds() == 2 * 3600
    # Winter time: Sat 24.10.2026 12:00 + 48 h = Mon 26.10.2026 11:00 (the night has 25 hours).
    assert fristen.stundenfrist(datetime(2026, 10, 24, 12, 0, tzinfo=TZ), 48).ende == datetime(
        2026, 10, 26, 11, 0, tzinfo=TZ
    )
    # Seconds are kept: one minute later in, one minute later out.
    assert fristen.stundenfrist(datetime(2026, 3, 28, 1, 31, tzinfo=TZ), 48).ende == datetime(
        2026, 3, 30, 2, 31, tzinfo=TZ
    )


@pytest.mark.rule("R-0-FRIST-3", grenze=True)
@pytest.mark.parametrize(
    "start, stunden, text",
    [
        (datetime(2026, 3, 28, 1, 30), 48, "ohne Zeitzone"),
        (datetime(2026, 3, 28, 1, 30, tzinfo=TZ), 0, "mindestens 1"),
        (datetime(2026, 3, 28, 1, 30, tzinfo=TZ), 48.5, "ganze Zahl"),
    ],
)
def test_stundenfrist_fehleingaben(start, stunden, text):
    with pytest.raises(ValueError, match=text):
        fristen.stundenfrist(start, stunden)


# --- R-0-AUDIT-1: every write has its history row with actor and reason ------------------------------


@pytest.mark.rule("R-0-AUDIT-1", grenze=True)
def test_grund_mit_100_zeichen_ganz_mit_101_sichtbar_gekuerzt(sachbearbeitung, db):
    from tests.factories import person_anlegen

    person = person_anlegen(durch=sachbearbeitung)
    person.vorname = "Anna"
    speichern(person, durch=sachbearbeitung, grund="x" * 100)
    person.vorname = "Berta"
    speichern(person, durch=sachbearbeitung, grund="y" * 101)
    zeilen = list(
        person.history.order_by("-history_id").values_list(
            "vorname", "history_user_id", "history_change_reason"
        )[:2]
    )
    assert zeilen == [
        ("Berta", sachbearbeitung.pk, "y" * 99 + "…"),
        ("Anna", sachbearbeitung.pk, "x" * 100),
    ]


@pytest.mark.rule("R-0-AUDIT-1", grenze=True)
def test_abgelehnte_schreibung_hinterlaesst_keine_historie_job_ist_akteur(sachbearbeitung, db):
    from tests.factories import person_anlegen
    from vollzug.models import Person

    person = person_anlegen(durch=sachbearbeitung)
    zeilen = person.history.count()
    # Bad input: a first name far beyond the field's length is refused before the write.
    person.vorname = "V" * 1000
    with pytest.raises(ValidationError):
        speichern(person, durch=sachbearbeitung, grund="zu lang")
    assert person.history.count() == zeilen
    assert Person.objects.get(pk=person.pk).vorname == "Max"

    job = system_benutzer("grenztest")
    person = Person.objects.get(pk=person.pk)
    person.vorname = "Moritz"
    speichern(person, durch=job, grund="Job")
    letzte = person.history.latest("history_id")
    assert (letzte.vorname, letzte.history_user_id, letzte.history_change_reason) == ("Moritz", job.pk, "Job")
    assert job.username == "job:grenztest" and not job.has_usable_password()
