"""Rows of hand-written SQL as the ORM would give them (issue 19: list pages read by one statement)."""

from collections.abc import Sequence

from django.db.models import Field


def zeilen_umwandeln(
    verbindung, spalten: Sequence[tuple[str, Field | None]], zeilen: list[dict]
) -> list[dict]:
    """Apply the backend's and the fields' converters to the named columns of `zeilen`, as the ORM does for
    its own queries (SQLite returns dates and times as text; PostgreSQL needs none for plain columns).
    `spalten`: (column name, the model field it reads, or None to leave the value as it comes)."""
    umwandler = []
    for name, feld in spalten:
        if feld is None:
            continue
        spalte = feld.get_col(feld.model._meta.db_table)
        funktionen = verbindung.ops.get_db_converters(spalte) + spalte.get_db_converters(verbindung)
        if funktionen:
            umwandler.append((name, spalte, funktionen))
    for zeile in zeilen if umwandler else ():
        for name, spalte, funktionen in umwandler:
            for funktion in funktionen:
                zeile[name] = funktion(zeile[name], spalte, verbindung)
    return zeilen
