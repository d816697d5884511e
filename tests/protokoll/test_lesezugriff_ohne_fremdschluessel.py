"""The read log without foreign-key constraints in the database (issue 19, migration 0022 of `kern`).

Each constraint was checked at COMMIT with a FOR KEY SHARE lock on the referenced person: reading a list
of 50 cases wrote 50 row locks (a WAL record and a dirtied page each) into the persons it read. The log
keeps what the constraint gave it: a person or user with read-log rows cannot be deleted (PROTECT, by
Django), and the auditor's lookups by person and by user still have their indexes.
"""

import os

import pytest
from django.db import connection
from django.db.models import ProtectedError

from kern.models import Benutzer, Lesezugriff
from tests.factories import fall_anlegen, person_anlegen
from vollzug.models import Person

pytestmark = pytest.mark.rule("R-0-AUDIT-2")

nur_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql" and os.environ.get("CI") != "true",
    reason="Zeilensperren und Fremdschlüssel der Datenbank: nur auf PostgreSQL",
)


@pytest.mark.django_db
def test_gelesene_person_und_lesende_person_bleiben_geschuetzt(client_als, sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung)
    assert client_als(sachbearbeitung).get("/api/v1/faelle/").status_code == 200
    eintrag = Lesezugriff.objects.get(objekt_id=fall.pk)
    assert (eintrag.person_id, eintrag.benutzer_id) == (fall.person_id, sachbearbeitung.pk)

    with pytest.raises(ProtectedError):
        Person.objects.filter(pk=fall.person_id).delete()
    with pytest.raises(ProtectedError):
        Benutzer.objects.filter(pk=sachbearbeitung.pk).delete()
    assert Person.objects.filter(pk=fall.person_id).exists()
    assert Lesezugriff.objects.filter(person_id=fall.person_id, benutzer=sachbearbeitung).count() == 1


@nur_postgresql
@pytest.mark.postgres
@pytest.mark.django_db
def test_protokoll_ohne_fremdschluessel_aber_mit_den_indexen_der_revision():
    with connection.cursor() as cursor:
        alle = connection.introspection.get_constraints(cursor, Lesezugriff._meta.db_table)
    assert [n for n, c in alle.items() if c["foreign_key"]] == []
    indexe = {tuple(c["columns"]) for c in alle.values() if c["index"] and not c["primary_key"]}
    assert ("person_id", "zeitpunkt") in indexe
    assert ("benutzer_id", "zeitpunkt") in indexe
    assert ("person_id",) not in indexe
    assert ("benutzer_id",) not in indexe


@nur_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_api_liste_sperrt_die_gelesenen_personen_nicht(client_als, sachbearbeitung):
    """With the constraint, the check at COMMIT locked every listed person (FOR KEY SHARE): the lock
    stays in the row as its xmax (the locking transaction). A read must leave the rows it read untouched."""
    personen = [person_anlegen(durch=sachbearbeitung) for _ in range(3)]
    for person in personen:
        fall_anlegen(durch=sachbearbeitung, person=person)
    ids = [p.pk for p in personen]

    def xmax() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT xmax::text FROM vollzug_person WHERE id = ANY(%s) ORDER BY id", [ids])
            return [z[0] for z in cursor.fetchall()]

    vorher = xmax()  # the cases' own foreign keys locked the persons when they were inserted
    assert client_als(sachbearbeitung).get("/api/v1/faelle/").status_code == 200
    assert Lesezugriff.objects.filter(person_id__in=ids).count() == 3
    assert xmax() == vorher
