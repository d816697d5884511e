"""The date of a letter as written in Switzerland ("5. Dezember 2026"), without importing the PDF renderer."""

from datetime import date

MONATE = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def datum_lang(tag: date) -> str:
    return f"{tag.day}. {MONATE[tag.month - 1]} {tag.year}"
