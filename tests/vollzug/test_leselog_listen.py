"""Issue 18 item 10 (R-0-AUDIT-2): lists and searches record which persons they showed."""

import pytest
from django.urls import reverse

from kern.models import Aktion, Lesezugriff
from tests.factories import fall_anlegen

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-0-AUDIT-2")
def test_person_search_logs_the_persons_shown(client_als, sachbearbeitung):
    a = fall_anlegen(durch=sachbearbeitung).person
    b = fall_anlegen(durch=sachbearbeitung).person
    client_als(sachbearbeitung).get(reverse("vollzug:person_list"), {"q": a.personennummer})
    zeilen = list(Lesezugriff.objects.values_list("person_id", "aktion", "objekt_typ", "abfrage", "benutzer"))
    assert zeilen == [(a.pk, Aktion.LISTE, "vollzug.person", f"q={a.personennummer}", sachbearbeitung.pk)]
    assert b.pk not in {z[0] for z in zeilen}


@pytest.mark.rule("R-0-AUDIT-2")
def test_case_list_logs_one_row_per_person_in_one_insert(
    client_als, sachbearbeitung, django_assert_num_queries
):
    faelle = [fall_anlegen(durch=sachbearbeitung) for _ in range(3)]
    client_als(sachbearbeitung).get(reverse("vollzug:fall_list"))
    assert sorted(Lesezugriff.objects.values_list("person_id", flat=True)) == sorted(
        f.person_id for f in faelle
    )


@pytest.mark.rule("R-0-AUDIT-2")
def test_empty_search_logs_the_query_without_person(client_als, sachbearbeitung):
    client_als(sachbearbeitung).get(reverse("vollzug:person_list"), {"q": "niemand-heisst-so"})
    assert list(Lesezugriff.objects.values_list("person_id", "abfrage")) == [(None, "q=niemand-heisst-so")]
