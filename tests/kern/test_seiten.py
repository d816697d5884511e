"""Issue 19: capped counts and ids-first pages (kern.web.seiten.GedeckelterPaginator)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kern.models import Benutzer
from kern.rollen import Rolle
from kern.web.seiten import GedeckelterPaginator

pytestmark = pytest.mark.django_db


def _benutzer(anzahl):
    Benutzer.objects.bulk_create(
        Benutzer(username=f"u{i:03d}", rolle=Rolle.SACHBEARBEITUNG) for i in range(anzahl)
    )
    return Benutzer.objects.filter(username__startswith="u").order_by("username")


@pytest.mark.parametrize(("anzahl", "gedeckelt", "text"), [(5, False, "5"), (6, True, "mehr als 5")])
def test_count_is_capped_just_above_the_limit(anzahl, gedeckelt, text):
    p = GedeckelterPaginator(_benutzer(anzahl), 2, grenze=5)
    assert (p.count, p.gedeckelt, p.anzahl_text) == (5, gedeckelt, text)


def test_pages_beyond_the_cap_are_reachable_with_next_links():
    p = GedeckelterPaginator(_benutzer(11), 2, grenze=5)
    seite = p.get_page(5)  # rows 9 and 10: beyond the cap of 5
    assert [b.username for b in seite.object_list] == ["u008", "u009"]
    assert seite.has_next() and seite.next_page_number() == 6
    letzte = GedeckelterPaginator(_benutzer(0), 2, grenze=5).get_page(6)  # same rows, fresh paginator
    assert [b.username for b in letzte.object_list] == ["u010"] and not letzte.has_next()


def test_paging_past_the_end_counts_exactly_and_shows_the_last_page():
    p = GedeckelterPaginator(_benutzer(11), 2, grenze=5)
    seite = p.get_page(40)
    assert (seite.number, p.count, p.gedeckelt) == (6, 11, False)
    assert [b.username for b in seite.object_list] == ["u010"]


@pytest.mark.parametrize("eingabe", ["x", "-1", "0", "1.5", "99999999999999999999"])
def test_bad_page_numbers_give_a_page_not_an_error(eingabe):
    p = GedeckelterPaginator(_benutzer(3), 2, grenze=5)
    assert p.get_page(eingabe).number in (1, 2)


def test_same_number_of_queries_on_the_first_and_a_deep_page(django_assert_num_queries):
    qs = _benutzer(30)
    with django_assert_num_queries(2):  # capped count + page (ids inside)
        list(GedeckelterPaginator(qs, 2, grenze=5).get_page(1).object_list)
    with django_assert_num_queries(2):
        list(GedeckelterPaginator(qs, 2, grenze=5).get_page(14).object_list)


def test_filtered_page_within_the_cap_keeps_the_order_and_counts_in_one_query(django_assert_num_queries):
    """The count and the page's ids come from one query (on PostgreSQL only the page's ids are sent)."""
    qs = _benutzer(12).order_by("-username")
    p = GedeckelterPaginator(qs, 5, grenze=20)
    with django_assert_num_queries(2):  # count and ids, then the page's rows
        seite = p.get_page(2)
        namen = [b.username for b in seite.object_list]
    assert namen == ["u006", "u005", "u004", "u003", "u002"]
    assert (p.count, p.gedeckelt, p.num_pages, seite.has_next()) == (12, False, 3, True)
    letzte = GedeckelterPaginator(qs, 5, grenze=20).get_page(3)
    assert [b.username for b in letzte.object_list] == ["u001", "u000"] and not letzte.has_next()


def test_cheap_conditions_count_apart_and_take_the_page_ids_as_a_subquery():
    """`einmal_auswerten=False` (the case list's status filter): a capped COUNT and the rows with the page's
    ids inside, no list of every matching id; same rows, count and next page as the single evaluation."""
    qs = _benutzer(12).order_by("-username")
    with CaptureQueriesContext(connection) as abfragen:
        p = GedeckelterPaginator(qs, 5, grenze=20, einmal_auswerten=False)
        seite = p.get_page(2)
        namen = [b.username for b in seite.object_list]
    assert namen == ["u006", "u005", "u004", "u003", "u002"]
    assert (p.count, p.gedeckelt, p.num_pages, seite.has_next()) == (12, False, 3, True)
    sql = [a["sql"] for a in abfragen.captured_queries]
    assert len(sql) == 2 and "COUNT(" in sql[0].upper() and "LIMIT 6 OFFSET 5" in sql[1]
    gedeckelt = GedeckelterPaginator(qs, 5, grenze=8, einmal_auswerten=False)
    assert [b.username for b in gedeckelt.get_page(2).object_list] == namen
    assert (gedeckelt.count, gedeckelt.anzahl_text) == (8, "mehr als 8")
