"""Append-only tables on PostgreSQL: one trigger per table refuses UPDATE and DELETE for every client.

The triggers were first created by migrations (``protokoll/0002``, ``behoerden/0003``). A test database
built without migrations (``--nomigrations``, the fast local loop) would not have them, so the same SQL
is installed here after every ``migrate`` (``post_migrate``), idempotently: both paths, a database
migrated from zero and one created from the models, end with the same triggers. ``tests/jvg_case/test_migrationen.py``
checks both.

A trigger is no protection against the table owner (PITFALLS: ``DISABLE TRIGGER``, ``TRUNCATE``); the
privileges of the app's database role do that part.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connections

from kern import erweiterungen


@dataclass(frozen=True)
class NurAnfuegen:
    tabelle: str
    meldung: str  # the message of the refusal; `%` is replaced by the operation (UPDATE, DELETE)

    @property
    def name(self) -> str:
        return f"{self.tabelle}_nur_anfuegen"


def tabellen() -> list[NurAnfuegen]:
    """Every table an app declared append-only (`kern.erweiterungen.nur_anfuegen` in its contributions)."""
    return [NurAnfuegen(t, m) for t, m in sorted(erweiterungen.NUR_ANFUEGEN.items())]


def anlegen_sql(eintrag: NurAnfuegen) -> str:
    meldung = eintrag.meldung.replace("'", "''")
    return f"""
CREATE OR REPLACE FUNCTION {eintrag.name}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{meldung}: % verweigert', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS {eintrag.name} ON {eintrag.tabelle};
CREATE TRIGGER {eintrag.name}
    BEFORE UPDATE OR DELETE ON {eintrag.tabelle}
    FOR EACH ROW EXECUTE FUNCTION {eintrag.name}();
"""


def installieren(using: str = "default") -> list[str]:
    """Create or replace every registered trigger (PostgreSQL only); returns the trigger names."""
    verbindung = connections[using]
    if verbindung.vendor != "postgresql":
        return []
    vorhanden = set(verbindung.introspection.table_names())
    namen = []
    with verbindung.cursor() as cursor:
        for eintrag in tabellen():
            if eintrag.tabelle in vorhanden:
                cursor.execute(anlegen_sql(eintrag))
                namen.append(eintrag.name)
    return namen


def nach_migrate(sender, using="default", **kwargs) -> None:
    # post_migrate is sent once per app; installing on the kernel's signal alone is enough.
    if sender.name == "kern":
        installieren(using)
