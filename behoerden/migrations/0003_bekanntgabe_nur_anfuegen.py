"""PostgreSQL: refuse UPDATE and DELETE of disclosure-log rows for every client (R-21-1, Art. 4 DSV benchmark).

Like `protokoll/0002`: a row-level trigger (TRUNCATE of test flushes still works). No-op on SQLite, where the
model's guards (`save()`, `delete()`, queryset `update()`/`delete()` refuse) protect the rows.
"""

from django.db import migrations

ANLEGEN = """
CREATE OR REPLACE FUNCTION behoerden_bekanntgabe_nur_anfuegen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Das Bekanntgabeprotokoll ist unveränderlich (R-21-1): % verweigert', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER behoerden_bekanntgabe_nur_anfuegen
    BEFORE UPDATE OR DELETE ON behoerden_bekanntgabe
    FOR EACH ROW EXECUTE FUNCTION behoerden_bekanntgabe_nur_anfuegen();
"""

ENTFERNEN = """
DROP TRIGGER IF EXISTS behoerden_bekanntgabe_nur_anfuegen ON behoerden_bekanntgabe;
DROP FUNCTION IF EXISTS behoerden_bekanntgabe_nur_anfuegen();
"""


def _nur_postgresql(sql):
    def ausfuehren(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return ausfuehren


class Migration(migrations.Migration):
    dependencies = [("behoerden", "0002_zustellung_bekanntgabe")]

    operations = [migrations.RunPython(_nur_postgresql(ANLEGEN), _nur_postgresql(ENTFERNEN))]
