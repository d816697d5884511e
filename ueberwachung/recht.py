"""The periods of §§ 27, 29 and 30 JVG. Fixed by the law itself, so constants here and not settings
(a setting could only be used to keep data longer than the law allows)."""

from datetime import date, datetime, time, timedelta

from kern.fristen import TZ, jahresfrist, kalendertage_lokal

# § 29 Abs. 2 / § 30 Abs. 5: "spätestens nach 100 Tagen" / "spätestens aber 100 Tage nach der Aufzeichnung".
AUFZEICHNUNG_TAGE = 100
# § 27 Abs. 3: "spätestens zehn Jahre nach dem definitiven Entlassungszeitpunkt".
ED_JAHRE = 10
# § 29 Abs. 3: listening only on suspicion of a disciplinary offence under § 40 Abs. 2 lit. a, c, g, h, i, j.
ABHOEREN_TATBESTAENDE = frozenset({"a", "c", "g", "h", "i", "j"})
# An access granted after a recorded suspicion is valid for this long (then a new, newly logged request).
ZUGRIFF_GUELTIG = timedelta(hours=2)


def loeschung_faellig_am(aufgezeichnet_am: datetime) -> datetime:
    """R-29-2 / R-30-3: the moment a recording is due: its start plus 100 calendar days on the Zurich wall
    clock (made 1 March 10:15 → due 9 June 10:15, across the change to summer time). Due means: at this
    moment or later the job deletes it (10:14 kept, 10:15 deleted)."""
    return kalendertage_lokal(aufgezeichnet_am, AUFZEICHNUNG_TAGE).ende


def ed_vernichtung_am(entlassung_am: datetime | date) -> date:
    """R-27-3: the last day ED material may exist: ten years after the local date of the definitive
    release (Art. 77 OR counting, 29 February → 28 February). The daily job destroys it on that day."""
    return jahresfrist(entlassung_am, ED_JAHRE).ende


def ed_entlassung_spaetestens(heute: date) -> datetime:
    """The exclusive upper bound of releases whose ED material is due on `heute`: every release before
    the returned moment (00:00 Zurich of the day after the latest such release date) gives
    `ed_vernichtung_am(release) <= heute`. Computed in Python (PITFALLS: the database's now() is not
    moved by time_machine) and used by one indexed comparison in SQL."""
    try:
        tag = heute.replace(year=heute.year - ED_JAHRE)
    except ValueError:  # 29 February → 28 February ten years earlier
        tag = heute.replace(year=heute.year - ED_JAHRE, day=28)
    # 29 February of a leap year also ends on 28 February of a common year.
    while ed_vernichtung_am(tag + timedelta(days=1)) <= heute:
        tag += timedelta(days=1)
    return datetime.combine(tag + timedelta(days=1), time(0, 0), tzinfo=TZ)
