"""Issue 19: `history_id` is a 64-bit `bigint` on every simple-history table (kern/historien_id.py),
like the ids of the rows it records; on PostgreSQL the column and its sequence."""

import pytest
from django.apps import apps
from django.db import connection, models

pytestmark = pytest.mark.django_db


def _historienmodelle():
    return [m for m in apps.get_models() if hasattr(m, "instance_type")]


def test_jedes_historienmodell_hat_eine_64_bit_history_id():
    modelle = _historienmodelle()
    assert len(modelle) >= 90
    schmal = [m.__name__ for m in modelle if not isinstance(m._meta.pk, models.BigAutoField)]
    assert schmal == []


def test_jede_historientabelle_ist_bigint_in_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("Spaltentypen nur auf PostgreSQL geprüft")
    tabellen = {m._meta.db_table for m in _historienmodelle()}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, data_type FROM information_schema.columns "
            "WHERE column_name = 'history_id' AND table_schema = current_schema()"
        )
        typen = dict(cursor.fetchall())
        cursor.execute(
            "SELECT t, format_type(s.seqtypid, NULL) FROM unnest(%s::text[]) AS t "
            "JOIN pg_sequence s ON s.seqrelid = pg_get_serial_sequence(t, 'history_id')::regclass",
            [sorted(tabellen)],
        )
        sequenzen = dict(cursor.fetchall())
    assert tabellen <= set(typen)
    assert {t: typen[t] for t in tabellen if typen[t] != "bigint"} == {}
    assert {t: sequenzen.get(t) for t in tabellen if sequenzen.get(t) != "bigint"} == {}
