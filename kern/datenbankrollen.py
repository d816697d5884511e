"""Least privilege in the database (issue 18 item 3; ASVS V8.3, V16.4.2): the owner runs the migrations,
the app connects as a login role that owns nothing and may not rewrite a log.

`einrichten()` is run by the owner after every `migrate` (`manage.py datenbankrollen --app-rolle NAME`),
idempotently: it creates or updates the app role (LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT),
gives back anything the role owns, revokes every privilege in the schema and grants exactly:

* ordinary tables: SELECT, INSERT, UPDATE, DELETE;
* protected tables (`kern.audit_kette.geschuetzte_tabellen`: history, read log, disclosure log, access and
  destruction logs, security log, the chain): SELECT, INSERT only — no UPDATE, DELETE, TRUNCATE, TRIGGER;
* sequences: USAGE, SELECT; the schema: USAGE (no CREATE, so no DDL);
* EXECUTE on the one SECURITY DEFINER function `jvg_historie_vernichten`, the only way the role can delete a
  history row: for the legal deletions (§ 27, §§ 29–30 JVG, retention of the threat management), and it
  writes a content-free `Vernichtung` per row.

Without superuser rights, `ALTER TABLE … DISABLE TRIGGER` (owner only), `SET session_replication_role`
(superuser only) and `TRUNCATE` (not granted) are refused to the app.
"""

from __future__ import annotations

import re

from django.db import connection

from kern import audit_kette
from kern.models import Vernichtung

ROLLENNAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _funktion_sql(rolle: str) -> list[str]:
    historien = audit_kette.historientabellen()
    erlaubt = ", ".join("'" + t.replace("'", "''") + "'" for t in historien) or "''"
    f = audit_kette.VERNICHTUNGSFUNKTION
    vernichtung = _q(Vernichtung._meta.db_table)
    return [
        f"""
CREATE OR REPLACE FUNCTION {f}(tabelle text, ids bigint[], grund text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    anzahl integer;
BEGIN
    -- Only history tables; every destroyed row leaves a content-free record (issue 18, legal deletion).
    IF NOT (tabelle = ANY (ARRAY[{erlaubt}]::text[])) THEN
        RAISE EXCEPTION 'Vernichtung nur in Historientabellen: % verweigert', tabelle;
    END IF;
    IF coalesce(trim(grund), '') = '' THEN
        RAISE EXCEPTION 'Vernichtung nur mit Rechtsgrundlage';
    END IF;
    EXECUTE format('DELETE FROM %I WHERE history_id = ANY($1)', tabelle) USING ids;
    GET DIAGNOSTICS anzahl = ROW_COUNT;
    INSERT INTO {vernichtung} (tabelle, zeile_pk, grund, zeitpunkt)
        SELECT tabelle, i, left(grund, 200), now() FROM unnest(ids) AS i;
    RETURN anzahl;
END;
$$""",
        f"REVOKE ALL ON FUNCTION {f}(text, bigint[], text) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {f}(text, bigint[], text) TO {_q(rolle)}",
    ]


def einrichten(rolle: str, *, passwort: str | None = None) -> dict:
    """Create/update the app role and its grants (PostgreSQL, as the owner). Returns what was granted."""
    if connection.vendor != "postgresql":
        raise ValueError("Datenbankrollen gibt es nur auf PostgreSQL.")
    if not ROLLENNAME.match(rolle):
        raise ValueError(f"Ungültiger Rollenname {rolle!r}: Kleinbuchstaben, Ziffern, _ (höchstens 63).")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_database()")
        eigentuemer, datenbank = cursor.fetchone()
        if rolle == eigentuemer:
            raise ValueError("Die App-Rolle muss eine andere Rolle sein als der Eigentümer, der migriert.")
        cursor.execute(
            "SELECT rolsuper OR rolreplication OR rolbypassrls FROM pg_roles WHERE rolname = %s", [rolle]
        )
        bestehend = cursor.fetchone()
        if bestehend is None:
            attribute = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT"
            cursor.execute(f"CREATE ROLE {_q(rolle)} {attribute}")
        elif bestehend[0]:
            # Only a superuser may take these attributes away (PostgreSQL refuses even NOSUPERUSER to a
            # CREATEROLE owner), and the app must never run with them: stop instead of granting.
            raise ValueError(
                f"Die Rolle {rolle} hat Superuser-, Replikations- oder BYPASSRLS-Rechte; ein Superuser muss "
                "sie zuerst entziehen (ALTER ROLE … NOSUPERUSER NOREPLICATION NOBYPASSRLS)."
            )
        else:
            # Without (NO)SUPERUSER, (NO)REPLICATION, (NO)BYPASSRLS: naming them at all needs a superuser.
            cursor.execute(f"ALTER ROLE {_q(rolle)} LOGIN NOCREATEDB NOCREATEROLE NOINHERIT")
        if passwort is not None:
            cursor.execute(f"ALTER ROLE {_q(rolle)} PASSWORD %s", [passwort])
        # Owner of nothing: whatever it owns goes to the owner (idempotent, no-op when it owns nothing).
        # REASSIGN OWNED needs membership in the app role, which a CREATEROLE owner lacks (PostgreSQL ≥ 15):
        # only where the app role owns something in this database, and then with a clear refusal.
        cursor.execute(
            "SELECT 1 FROM pg_shdepend d JOIN pg_database db ON db.oid = d.dbid "
            "WHERE db.datname = current_database() AND d.deptype = 'o' "
            "AND d.refobjid = (SELECT oid FROM pg_roles WHERE rolname = %s) LIMIT 1",
            [rolle],
        )
        if cursor.fetchone():
            cursor.execute(f"REASSIGN OWNED BY {_q(rolle)} TO {_q(eigentuemer)}")
        cursor.execute(f"GRANT CONNECT ON DATABASE {_q(datenbank)} TO {_q(rolle)}")
        cursor.execute(f"REVOKE CREATE ON SCHEMA public FROM {_q(rolle)}")
        cursor.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {_q(rolle)}")
        cursor.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {_q(rolle)}")
        cursor.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {_q(rolle)}")
        alle = set(connection.introspection.table_names(cursor))
        geschuetzt = sorted(set(audit_kette.geschuetzte_tabellen()) & alle)
        gewoehnlich = sorted(alle - set(geschuetzt))
        for tabelle in gewoehnlich:
            cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {_q(tabelle)} TO {_q(rolle)}")
        for tabelle in geschuetzt:
            cursor.execute(f"GRANT SELECT, INSERT ON {_q(tabelle)} TO {_q(rolle)}")
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {_q(rolle)}")
        for sql in _funktion_sql(rolle):
            cursor.execute(sql)
    return {"rolle": rolle, "gewoehnlich": gewoehnlich, "geschuetzt": geschuetzt}
