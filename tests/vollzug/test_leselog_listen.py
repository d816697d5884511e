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


@pytest.mark.rule("R-0-AUDIT-2")
def test_case_list_logs_the_page_not_the_look_ahead_row_nor_an_empty_first_try(client_als, sachbearbeitung):
    """Issue 19: the case list's rows and their read log come from one statement. Page 2 of 27 cases
    records exactly its 2 persons; a page past the end shows the last page and records only its persons
    (not also the empty try); a list without rows records the query without person."""
    faelle = [fall_anlegen(durch=sachbearbeitung) for _ in range(27)]
    aeltere = {f.person_id for f in faelle[:2]}  # newest first: the oldest two are on page 2
    client = client_als(sachbearbeitung)

    def neue_eintraege(**parameter):
        # The read log is append-only (no deletes, not even in a test): each request's own rows.
        bisher = Lesezugriff.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        antwort = client.get(reverse("vollzug:fall_list"), parameter)
        return antwort, Lesezugriff.objects.filter(pk__gt=bisher)

    _antwort, zeilen = neue_eintraege(page="2")
    assert set(zeilen.values_list("person_id", flat=True)) == aeltere

    seite1, zeilen = neue_eintraege()
    erste_seite = {z.person_id for z in seite1.context["seite"].object_list}
    assert len(erste_seite) == 25 and not erste_seite & aeltere
    assert sorted(zeilen.values_list("person_id", flat=True)) == sorted(erste_seite)
    assert set(zeilen.values_list("objekt_id", "aktion", "objekt_typ")) == {
        (None, Aktion.LISTE, "vollzug.vollzugsfall")
    }

    _antwort, zeilen = neue_eintraege(page="9")
    assert sorted(zeilen.values_list("person_id", "abfrage")) == sorted((pk, "page=9") for pk in aeltere)

    _antwort, zeilen = neue_eintraege(status="entlassen")
    assert list(zeilen.values_list("person_id", "abfrage")) == [(None, "status=entlassen")]


@pytest.mark.rule("R-0-AUDIT-2", "R-0-ROLE-1")
@pytest.mark.parametrize("rolle", ["partner", "admin_user"])
def test_case_list_of_a_role_that_sees_no_case_is_empty_and_logged(
    request, client_als, sachbearbeitung, rolle
):
    """A role that may see no case (the partner agency, the administrator): the list answers 200 with
    «Keine Vollzugsfälle gefunden», reads no row and records the query without person (it answered 500
    when the page's ids were compiled for `.none()`)."""
    fall_anlegen(durch=sachbearbeitung)
    user = request.getfixturevalue(rolle)

    for parameter in ({}, {"status": "im_vollzug"}, {"q": "Muster"}, {"page": "3"}):
        antwort = client_als(user).get(reverse("vollzug:fall_list"), parameter)
        assert antwort.status_code == 200
        assert "Keine Vollzugsfälle gefunden." in antwort.text

    zeilen = list(
        Lesezugriff.objects.filter(benutzer=user).order_by("pk").values_list("person_id", "abfrage")
    )
    assert zeilen == [(None, ""), (None, "status=im_vollzug"), (None, "q=Muster"), (None, "page=3")]
