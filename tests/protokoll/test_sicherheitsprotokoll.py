"""Issue 18 item 4: Revision reads the security log (filter by person, kind, date; paginated; constant
queries), and the revision pages show the last chain check: "Kette geprüft bis …" or the broken row."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from kern import anmeldung, audit_kette
from kern.models import Kettenpruefung, Sicherheitsart
from kern.tasks import audit_pruefen
from tests.factories import fall_anlegen
from vollzug.models import Person

pytestmark = pytest.mark.django_db

URL = reverse("protokoll:sicherheit")


def _ereignisse(anzahl, art=Sicherheitsart.FEHLVERSUCH, name="mallory"):
    for _ in range(anzahl):
        anmeldung.ereignis(art, benutzername=name)


def test_only_revision_reads_the_security_log(client_als, revision, sachbearbeitung, admin_user):
    assert client_als(sachbearbeitung).get(URL).status_code == 403
    assert client_als(admin_user).get(URL).status_code == 403
    assert client_als(revision).get(URL).status_code == 200


def test_filter_by_person_kind_and_date(client_als, revision):
    gestern = timezone.now() - timedelta(days=1)
    with time_machine.travel(gestern, tick=False):
        _ereignisse(2, name="mallory")
    _ereignisse(1, name="alice")
    anmeldung.ereignis(Sicherheitsart.GESPERRT, benutzername="mallory")
    c = client_als(revision)

    def zeilen(**filter_):
        return c.get(URL, filter_).context["seite"].paginator.count

    assert zeilen() >= 4
    assert zeilen(benutzer="MALL") == 3  # part of the name, any case
    assert zeilen(benutzer="mallory", art="gesperrt") == 1
    heute = timezone.localdate().isoformat()
    assert zeilen(benutzer="mallory", von=heute) == 1
    assert zeilen(benutzer="mallory", bis=(timezone.localdate() - timedelta(days=1)).isoformat()) == 2
    seite = c.get(URL, {"art": "gesperrt"}).content.decode()
    assert "Anmeldung gesperrt" in seite and "mallory" in seite


@pytest.mark.parametrize(
    "filter_", [{"von": "2026-13-01"}, {"art": "unbekannt"}, {"von": "2026-03-02", "bis": "2026-03-01"}]
)
def test_bad_filter_is_400_with_a_message_never_500(client_als, revision, filter_):
    antwort = client_als(revision).get(URL, filter_)
    assert antwort.status_code == 400


@pytest.mark.parametrize("anzahl", [3, 120])
def test_paginated_with_constant_queries(client_als, revision, django_assert_max_num_queries, anzahl):
    _ereignisse(anzahl)
    c = client_als(revision)
    c.get(URL)  # session warm-up
    with django_assert_max_num_queries(8):
        antwort = c.get(URL, {"benutzer": "mallory", "page": "2" if anzahl > 50 else "1"})
    assert antwort.status_code == 200
    assert len(antwort.context["seite"].object_list) == (3 if anzahl == 3 else 50)
    assert c.get(URL, {"page": "99999999999999999999"}).status_code == 200


@pytest.mark.rule("R-0-AUDIT-1", "R-0-AUDIT-2")
@pytest.mark.eigentuemer  # acts as the database owner, not as the app role (JVG_TEST_APP_ROLLE)
def test_revision_pages_show_the_chain_check_and_name_a_rewritten_row(client_als, revision, sachbearbeitung):
    c = client_als(revision)
    for name in ("protokoll:aenderungen", "protokoll:lesezugriffe", "protokoll:sicherheit"):
        assert "Die Audit-Kette wurde noch nicht geprüft." in c.get(reverse(name)).content.decode()

    fall = fall_anlegen(durch=sachbearbeitung)
    audit_kette.versiegeln()
    call_command("audit_pruefen")
    pruefung = Kettenpruefung.objects.get()
    assert pruefung.intakt and pruefung.geprueft > 0
    for name in ("protokoll:aenderungen", "protokoll:lesezugriffe", "protokoll:sicherheit"):
        seite = c.get(reverse(name)).content.decode()
        assert f"Kette geprüft bis {timezone.localtime(pruefung.bis):%d.%m.%Y %H:%M}" in seite

    # The owner rewrites a history row with raw SQL, past every guard of the application.
    tabelle = Person.history.model._meta.db_table
    history_id = fall.person.history.earliest().history_id
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {qn(tabelle)} SET vorname = 'Umgeschrieben' WHERE history_id = %s", [history_id]
        )
    with pytest.raises(RuntimeError, match="Audit-Kette gebrochen"):
        audit_pruefen.run()  # the nightly beat job keeps its result as well
    seite = c.get(reverse("protokoll:aenderungen")).content.decode()
    assert f"Kette gebrochen:</strong> Historie: Personen, Zeile {history_id}: geändert" in seite
    with pytest.raises(CommandError):
        call_command("audit_pruefen")
    assert Kettenpruefung.objects.filter(intakt=False).count() == 2
