"""The Fristenkontrolle's own logic (R-0-FRIST-4): the iCal export of the deadlines (`ical`, RFC 5545). The deadlines
themselves come from the sources every app registers (`kern.erweiterungen.fristquelle`); reading and grouping them is
`fristenkontrolle.queries`. Read-only: this app writes nothing."""

from fristenkontrolle.domain.ical import (
    MAX_OKTETTE,
    PRODID,
    VORLAUF,
    ZEILENENDE,
    kalender,
    text_escapen,
    uid,
    utc_zeit,
    zeile_falten,
)

__all__ = [
    "MAX_OKTETTE",
    "PRODID",
    "VORLAUF",
    "ZEILENENDE",
    "kalender",
    "text_escapen",
    "uid",
    "utc_zeit",
    "zeile_falten",
]
