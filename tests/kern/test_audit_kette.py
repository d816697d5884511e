"""Issue 18 item 3: least-privilege app role and a hash chain that names an owner-level rewrite."""

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from kern import audit_kette
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion, Kettenglied, Lesezugriff, Vernichtung
from tests.factories import fall_anlegen
from vollzug.models import Person

APP_ROLLE = "jvg_sicherheit_test_app"
PASSWORT = "Test-nur-fuer-die-Rollenpruefung-8831"

nur_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Datenbankrollen gibt es nur auf PostgreSQL."
)


def _historie(person):
    return Person.history.model._meta.db_table, person.history.earliest().history_id


@pytest.mark.rule("R-0-AUDIT-1", "R-0-AUDIT-2")
@pytest.mark.django_db
@pytest.mark.eigentuemer  # acts as the database owner, not as the app role (JVG_TEST_APP_ROLLE)
def test_chain_names_a_rewrite_a_deleted_row_and_a_removed_link(sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung)
    for _ in range(2):
        lesezugriff_protokollieren(request_or_user=sachbearbeitung, person=fall.person, aktion=Aktion.ANSICHT)
    assert audit_kette.versiegeln() > 0
    assert audit_kette.versiegeln() == 0  # idempotent: nothing new
    ergebnis = audit_kette.pruefen()
    assert ergebnis.intakt and ergebnis.geprueft == Kettenglied.objects.count()

    tabelle, history_id = _historie(fall.person)
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:  # the owner rewrites a history row past every app guard
        cursor.execute(
            f"UPDATE {qn(tabelle)} SET vorname = 'Umgeschrieben' WHERE history_id = %s", [history_id]
        )
    assert audit_kette.pruefen().brueche == [audit_kette.Bruch(tabelle, history_id, "geändert")]
    with pytest.raises(CommandError, match="1 Kette"):
        call_command("audit_pruefen")

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {qn(tabelle)} WHERE history_id = %s", [history_id])
    assert audit_kette.pruefen(tabellen=[tabelle]).brueche == [
        audit_kette.Bruch(tabelle, history_id, "gelöscht")
    ]

    lz = Lesezugriff._meta.db_table
    glieder = list(Kettenglied.objects.filter(tabelle=lz).order_by("id"))
    assert audit_kette.pruefen(tabellen=[lz]).intakt
    Kettenglied.objects.filter(pk=glieder[0].pk).delete()  # the owner removes a link
    assert audit_kette.pruefen(tabellen=[lz]).brueche == [
        audit_kette.Bruch(lz, glieder[1].zeile_pk, "Kette unterbrochen")
    ]


@pytest.mark.rule("R-0-AUDIT-1")
@pytest.mark.django_db
@pytest.mark.eigentuemer  # acts as the database owner, not as the app role (JVG_TEST_APP_ROLLE)
def test_link_forged_without_the_key_is_found(sachbearbeitung, settings):
    fall = fall_anlegen(durch=sachbearbeitung)
    audit_kette.versiegeln()
    tabelle, history_id = _historie(fall.person)
    # An owner who rewrites the row and recomputes the link with a guessed key
    settings.JVG_AUDIT_SCHLUESSEL = "geraten"
    glied = Kettenglied.objects.get(tabelle=tabelle, zeile_pk=history_id)
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {qn(tabelle)} SET vorname = 'Umgeschrieben' WHERE history_id = %s", [history_id]
        )
        cursor.execute(f"SELECT * FROM {qn(tabelle)} WHERE history_id = %s", [history_id])
        neu_inhalt = audit_kette._inhalt(cursor.fetchone())
    Kettenglied.objects.filter(pk=glied.pk).update(
        inhalt=neu_inhalt, hash=audit_kette._glied_hash(glied.vorgaenger, tabelle, history_id, neu_inhalt)
    )
    settings.JVG_AUDIT_SCHLUESSEL = settings.SECRET_KEY
    assert audit_kette.pruefen(tabellen=[tabelle]).brueche == [
        audit_kette.Bruch(tabelle, history_id, "Kette unterbrochen")
    ]


@pytest.mark.django_db
def test_legal_destruction_keeps_the_chain_verifiable(sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung)
    audit_kette.versiegeln()
    tabelle, history_id = _historie(fall.person)
    assert (
        audit_kette.historie_vernichten(Person.history.filter(history_id=history_id), grund="§ 27 JVG") == 1
    )
    assert list(Vernichtung.objects.values_list("tabelle", "zeile_pk", "grund")) == [
        (tabelle, history_id, "§ 27 JVG")
    ]
    assert audit_kette.versiegeln() >= 1  # the destruction record itself is chained
    assert audit_kette.pruefen().intakt


def test_protected_tables_cover_history_logs_and_the_chain():
    tabellen = set(audit_kette.geschuetzte_tabellen())
    assert {
        "protokoll_lesezugriff",
        "behoerden_bekanntgabe",
        "bedrohung_zugriff",
        "ueberwachung_inhaltszugriff",
        "django_admin_log",
        Person.history.model._meta.db_table,
        Kettenglied._meta.db_table,
        Vernichtung._meta.db_table,
    } <= tabellen
    assert set(audit_kette.historientabellen()) <= tabellen
    assert "vollzug_person" not in tabellen


# --- PostgreSQL: the app role -------------------------------------------------------------------


def _als_app(sql, params=None):
    einstellungen = connection.settings_dict
    with psycopg.connect(
        host=einstellungen["HOST"] or "127.0.0.1",
        port=einstellungen["PORT"] or 5432,
        dbname=einstellungen["NAME"],
        user=APP_ROLLE,
        password=PASSWORT,
        autocommit=True,
    ) as verbindung:
        cur = verbindung.execute(sql, params)
        return cur.fetchall() if cur.description else cur.rowcount


@nur_postgresql
@pytest.mark.rule("R-0-AUDIT-1", "R-0-AUDIT-2")
@pytest.mark.django_db(transaction=True)
def test_app_role_cannot_rewrite_history_or_logs(sachbearbeitung, tmp_path):
    datei = tmp_path / "pw"
    datei.write_text(PASSWORT + "\n")
    fall = fall_anlegen(durch=sachbearbeitung)
    lesezugriff_protokollieren(request_or_user=sachbearbeitung, person=fall.person, aktion=Aktion.ANSICHT)
    call_command("datenbankrollen", "--app-rolle", APP_ROLLE, "--passwort-datei", str(datei))
    call_command("datenbankrollen", "--app-rolle", APP_ROLLE, "--passwort-datei", str(datei))  # idempotent

    assert _als_app(
        "SELECT rolsuper, rolcreatedb, rolcreaterole, rolinherit FROM pg_roles WHERE rolname = current_user"
    ) == [(False, False, False, False)]
    assert _als_app(
        "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = current_user"
    ) == [(0,)]
    tabelle, history_id = _historie(fall.person)
    # What the app needs still works: read everything, write ordinary tables, append to logs.
    assert _als_app(f'SELECT count(*) FROM "{tabelle}" WHERE history_id = %s', [history_id]) == [(1,)]
    assert _als_app("UPDATE vollzug_person SET vorname = vorname WHERE id = %s", [fall.person.pk]) == 1

    verweigert = {
        "UPDATE Historie": (f'UPDATE "{tabelle}" SET vorname = %s WHERE history_id = %s', ["x", history_id]),
        "DELETE Historie": (f'DELETE FROM "{tabelle}" WHERE history_id = %s', [history_id]),
        "TRUNCATE Historie": (f'TRUNCATE "{tabelle}"', None),
        "UPDATE Lesezugriff": ("UPDATE protokoll_lesezugriff SET zweck = 'x'", None),
        "DELETE Lesezugriff": ("DELETE FROM protokoll_lesezugriff", None),
        "TRUNCATE Lesezugriff": ("TRUNCATE protokoll_lesezugriff", None),
        "TRUNCATE Bekanntgabe": ("TRUNCATE behoerden_bekanntgabe", None),
        "DELETE Inhaltszugriff": ("DELETE FROM ueberwachung_inhaltszugriff", None),
        "DELETE Zugriff BM": ("DELETE FROM bedrohung_zugriff", None),
        "DELETE Admin-Log": ("DELETE FROM django_admin_log", None),
        "UPDATE Kette": ("UPDATE jvg_case_kettenglied SET hash = 'x'", None),
        "DELETE Vernichtung": ("DELETE FROM jvg_case_vernichtung", None),
        "DISABLE TRIGGER": ("ALTER TABLE protokoll_lesezugriff DISABLE TRIGGER ALL", None),
        "session_replication_role": ("SET session_replication_role = replica", None),
        "DDL": ("CREATE TABLE schleichweg (id int)", None),
        "Vernichtung ausserhalb der Historie": (
            "SELECT jvg_historie_vernichten('protokoll_lesezugriff', ARRAY[1]::bigint[], 'x')",
            None,
        ),
    }
    for name, (sql, params) in verweigert.items():
        with pytest.raises(psycopg.Error) as fehler:
            _als_app(sql, params)
        assert isinstance(
            fehler.value, psycopg.errors.InsufficientPrivilege | psycopg.errors.RaiseException
        ), (
            name,
            type(fehler.value),
        )
    assert _als_app(f'SELECT count(*) FROM "{tabelle}" WHERE history_id = %s', [history_id]) == [(1,)]
    # The one path: a legal deletion through the owner's function, with its content-free record.
    assert _als_app(
        "SELECT jvg_historie_vernichten(%s, %s::bigint[], %s)", [tabelle, [history_id], "§ 27 JVG"]
    ) == [(1,)]
    assert list(Vernichtung.objects.values_list("tabelle", "zeile_pk")) == [(tabelle, history_id)]
