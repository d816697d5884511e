# Issue 19: the read log without foreign-key constraints and without its two single-column indexes
# (the composite indexes `lesezugriff_person_idx` and `lesezugriff_benutzer_idx` lead with those columns).
# Each constraint was checked at COMMIT with a FOR KEY SHARE lock on the referenced row: one WAL record and
# one dirtied heap page per listed row, for a read. PROTECT stays in the model (Django's collector).
#
# PostgreSQL only: on SQLite changing a foreign key rebuilds the table, which drops its append-only
# triggers; there the inline constraints stay, and the model state is the same on both.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TABELLE = "protokoll_lesezugriff"
SPALTEN = {"benutzer_id": "jvg_case_benutzer", "person_id": "vollzug_person"}


def _einzelne(schema_editor):
    """The table's foreign keys and single-column indexes on the two columns, by name."""
    verbindung = schema_editor.connection
    with verbindung.cursor() as cursor:
        alle = verbindung.introspection.get_constraints(cursor, TABELLE)
    fks = [n for n, c in alle.items() if c["foreign_key"] and c["columns"][0] in SPALTEN]
    indexe = [
        n
        for n, c in alle.items()
        if c["index"] and not c["primary_key"] and not c["unique"] and c["columns"] in ([s] for s in SPALTEN)
    ]
    return fks, indexe


def entfernen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    fks, indexe = _einzelne(schema_editor)
    for name in fks:
        schema_editor.execute(f'ALTER TABLE {TABELLE} DROP CONSTRAINT "{name}"')
    for name in indexe:
        schema_editor.execute(f'DROP INDEX "{name}"')


def wiederherstellen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for spalte, ziel in SPALTEN.items():
        schema_editor.execute(
            f'ALTER TABLE {TABELLE} ADD CONSTRAINT "{TABELLE}_{spalte}_fk" FOREIGN KEY ("{spalte}") '
            f'REFERENCES "{ziel}" ("id") DEFERRABLE INITIALLY DEFERRED'
        )
        schema_editor.execute(f'CREATE INDEX "{TABELLE}_{spalte}_einzeln" ON {TABELLE} ("{spalte}")')


class Migration(migrations.Migration):
    dependencies = [
        ("jvg_case", "0021_historie_id_bigint_nachtrag"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(entfernen, wiederherstellen)],
            state_operations=[
                migrations.AlterField(
                    model_name="lesezugriff",
                    name="benutzer",
                    field=models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="Benutzer/in",
                    ),
                ),
                migrations.AlterField(
                    model_name="lesezugriff",
                    name="person",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="vollzug.person",
                        verbose_name="Person",
                    ),
                ),
            ],
        ),
    ]
