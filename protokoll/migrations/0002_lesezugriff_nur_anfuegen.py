"""PostgreSQL: refuse UPDATE and DELETE of read-log rows for every client, not only for the app.

A row-level trigger does not fire on TRUNCATE, so test database flushes still work; deleting rows after
the retention period is an operator's task (drop the trigger in a maintenance transaction). No-op on SQLite.
"""

from django.db import migrations

ANLEGEN = """
CREATE OR REPLACE FUNCTION protokoll_lesezugriff_nur_anfuegen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Das Lesezugriffsprotokoll ist unveränderlich (R-0-AUDIT-2): % verweigert', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER protokoll_lesezugriff_nur_anfuegen
    BEFORE UPDATE OR DELETE ON protokoll_lesezugriff
    FOR EACH ROW EXECUTE FUNCTION protokoll_lesezugriff_nur_anfuegen();
"""

ENTFERNEN = """
DROP TRIGGER IF EXISTS protokoll_lesezugriff_nur_anfuegen ON protokoll_lesezugriff;
DROP FUNCTION IF EXISTS protokoll_lesezugriff_nur_anfuegen();
"""


def _nur_postgresql(sql):
    def ausfuehren(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return ausfuehren


class Migration(migrations.Migration):
    dependencies = [("protokoll", "0001_initial")]

    operations = [migrations.RunPython(_nur_postgresql(ANLEGEN), _nur_postgresql(ENTFERNEN))]
