"""One batch of the legal deletion (§ 27 Abs. 3, § 29 Abs. 2 und 4, § 30 Abs. 5 JVG) as set-based SQL
(issue 19): no Python object per row, a fixed number of statements per batch whatever its size.

Inside the runner's transaction, for the locked ids of one page (one array parameter, `= ANY(%s)`):

1. the content-free destruction records by `INSERT … SELECT` (person number joined in SQL);
2. the file intents (`Dateiloeschung`) by `INSERT … SELECT … RETURNING id, name`: what is removed from
   storage after the commit;
3. the child rows (holds, ED files), then the rows, each followed by every history copy of them through
   the one destruction path `kern.audit_kette.historie_vernichten_nach` (SECURITY DEFINER function for the
   app role, one content-free `Vernichtung` per history row, so the hash chain stays verifiable);
4. the run's counters.

SQLite (`make run`) runs the same statements with the id list as a JSON array (`IN (SELECT value FROM
json_each(%s))`) and without row locks (it serialises writers anyway).
"""

from __future__ import annotations

import json

from django.db import connection
from django.db.models import F

from kern.audit_kette import historie_vernichten_nach
from ueberwachung.models import (
    Beizug,
    Dateiloeschung,
    EDDatei,
    EDMassnahme,
    Loeschlauf,
    Telefonaufzeichnung,
    Vernichtungsprotokoll,
)
from ueberwachung.recht import Objektart, Vorgang
from vollzug.models import Person

ZAEHLER = {Objektart.TELEFON: "anzahl_telefon", Objektart.VIDEO: "anzahl_video", Objektart.ED: "anzahl_ed"}

# Legal basis of a batch: one value, or (evaluation closed, otherwise) for video recordings (§ 30 Abs. 5).
Grundlage = str | tuple[str, str]


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def ids_bedingung(spalte: str) -> str:
    """`spalte` is one of the ids passed as the one parameter `ids_parameter(ids)`."""
    if connection.vendor == "postgresql":
        return f"{spalte} = ANY(%s::bigint[])"
    return f"{spalte} IN (SELECT value FROM json_each(%s))"


def ids_parameter(ids: list[int]):
    """The ids as one parameter: PostgreSQL's array literal `{1,2,…}` (cast in SQL; one string, not
    thousands of adapted integers), SQLite's JSON array."""
    if connection.vendor == "postgresql":
        return "{" + ",".join(str(int(i)) for i in ids) + "}"
    return json.dumps([int(i) for i in ids])


def _zeit(wert):
    return connection.ops.adapt_datetimefield_value(wert)


def _spalte(modell, feld: str) -> str:
    return _q(modell._meta.get_field(feld).column)


def protokolle_schreiben(
    *, modell, objektart: str, ids: list[int], lauf: Loeschlauf, grundlage: Grundlage, jetzt
) -> int:
    """One content-free `Vernichtungsprotokoll` per id, by `INSERT … SELECT`. Returns how many."""
    t = _q(modell._meta.db_table)
    zeit = "angeordnet_am" if modell is EDMassnahme else "beginn"
    if isinstance(grundlage, tuple):
        grund_sql = (
            f"CASE WHEN t.{_spalte(modell, 'auswertung_abgeschlossen_am')} IS NULL THEN %s ELSE %s END"
        )
        grund_params = [grundlage[1], grundlage[0]]
    else:
        grund_sql, grund_params = "%s", [grundlage]
    if modell is EDMassnahme:
        dateien_sql = (
            f"(SELECT COUNT(*) FROM {_q(EDDatei._meta.db_table)} d "
            f"WHERE d.{_spalte(EDDatei, 'massnahme')} = t.{_q('id')})"
        )
    else:
        dateien_sql = f"CASE WHEN t.{_spalte(modell, 'datei')} <> '' THEN 1 ELSE 0 END"
    vp = Vernichtungsprotokoll._meta
    spalten = ", ".join(
        _spalte(Vernichtungsprotokoll, f)
        for f in (
            "vorgang", "objektart", "objekt_id", "person", "personennummer", "anstalt", "aufgezeichnet_am",
            "vernichtet_am", "lauf", "rechtsgrundlage", "anzahl_dateien",
        )
    )  # fmt: skip
    sql = (
        f"INSERT INTO {_q(vp.db_table)} ({spalten}) "  # noqa: S608 (names from the models)
        f"SELECT %s, %s, t.{_q('id')}, t.{_spalte(modell, 'person')}, COALESCE(p.{_spalte(Person, 'personennummer')}, ''), "
        f"t.{_spalte(modell, 'anstalt')}, t.{_spalte(modell, zeit)}, %s, %s, {grund_sql}, {dateien_sql} "
        f"FROM {t} t LEFT JOIN {_q(Person._meta.db_table)} p ON p.{_q('id')} = t.{_spalte(modell, 'person')} "
        f"WHERE {ids_bedingung('t.' + _q('id'))} ORDER BY t.{_q('id')}"
    )
    params = [
        str(Vorgang.VERNICHTET),
        str(objektart),
        _zeit(jetzt),
        lauf.pk,
        *map(str, grund_params),
        ids_parameter(ids),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _absichten_schreiben(*, modell, ids: list[int], lauf: Loeschlauf, jetzt) -> list[tuple[int, str]]:
    """The file intents of the batch (`INSERT … SELECT … RETURNING`): (intent id, storage name)."""
    if modell is EDMassnahme:
        quelle, datei, bezug = EDDatei, _spalte(EDDatei, "datei"), _spalte(EDDatei, "massnahme")
    else:
        quelle, datei, bezug = modell, _spalte(modell, "datei"), _q("id")
    dl = Dateiloeschung._meta
    sql = (
        f"INSERT INTO {_q(dl.db_table)} ({_spalte(Dateiloeschung, 'name')}, "  # noqa: S608
        f"{_spalte(Dateiloeschung, 'angelegt_am')}, {_spalte(Dateiloeschung, 'lauf')}) "
        f"SELECT {datei}, %s, %s FROM {_q(quelle._meta.db_table)} "
        f"WHERE {ids_bedingung(bezug)} AND {datei} <> '' "
        f"RETURNING {_q('id')}, {_spalte(Dateiloeschung, 'name')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_zeit(jetzt), lauf.pk, ids_parameter(ids)])
        return [(pk, name) for pk, name in cursor.fetchall()]


def zeilen_loeschen(modell, spalte: str, ids: list[int]) -> int:
    """Raw DELETE (no ORM delete: it would write a '-' history row with the full content, PITFALLS)."""
    sql = f"DELETE FROM {_q(modell._meta.db_table)} WHERE {ids_bedingung(_spalte(modell, spalte))}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids_parameter(ids)])
        return cursor.rowcount


def batch_loeschen(
    ids: list[int], *, lauf: Loeschlauf, modell, objektart: str, grundlage: Grundlage, jetzt
) -> list[tuple[int, str]]:
    """Delete one locked page (inside the runner's transaction). Returns the file intents, whose files are
    removed after the commit."""
    if not ids:
        return []
    protokolle_schreiben(
        modell=modell, objektart=objektart, ids=ids, lauf=lauf, grundlage=grundlage, jetzt=jetzt
    )
    absichten = _absichten_schreiben(modell=modell, ids=ids, lauf=lauf, jetzt=jetzt)
    grund = ", ".join(sorted({str(g) for g in grundlage})) if isinstance(grundlage, tuple) else str(grundlage)
    # Children first, each with its history copies (history rows only through the one destruction path).
    if modell is EDMassnahme:
        kind, bezug = EDDatei, "massnahme"
    else:
        kind, bezug = Beizug, "telefon" if modell is Telefonaufzeichnung else "video"
    zeilen_loeschen(kind, bezug, ids)
    historie_vernichten_nach(kind.history.model, kind._meta.get_field(bezug).column, ids, grund=grund)
    zeilen_loeschen(modell, "id", ids)
    historie_vernichten_nach(modell.history.model, "id", ids, grund=grund)
    Loeschlauf.objects.filter(pk=lauf.pk).update(
        **{ZAEHLER[objektart]: F(ZAEHLER[objektart]) + len(ids)},
        anzahl_dateien=F("anzahl_dateien") + len(absichten),
    )
    return absichten
