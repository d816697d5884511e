"""Issue 17: `kern.erweiterungen.Zeilen` — timeline rows of several sources read in one UNION ALL: moments
as datetime or date, values as text ("" for NULL), each row turned into its event by its own source,
never more than one query whatever the number of sources and rows."""

from datetime import date, datetime

import pytest
from django.db.models import Value

from kern import erweiterungen
from kern.erweiterungen import Ereignis, Zeilen
from tests.factories import fall_anlegen
from vollzug.models import Person, Vollzugsfall

pytestmark = pytest.mark.django_db


def _zeilen(sachbearbeitung, anzahl):
    for _ in range(anzahl):
        fall_anlegen(durch=sachbearbeitung)

    def person(z):
        return Ereignis(
            z.zeitpunkt, f"Person {z.werte[0]} {z.werte[1]} geboren {z.datum(2):%d.%m.%Y}", "", "P"
        )

    def fall(z):
        return Ereignis(z.zeitpunkt, f"Fall {z.werte[0]}|{z.werte[1]}|{z.werte[4]}", "", "F")

    return [
        Zeilen(
            Person.objects.all(),
            "geburtsdatum",
            person,
            ("vorname", "amtlicher_name", "geburtsdatum"),
            tag=True,
        ),
        Zeilen(Vollzugsfall.objects.all(), "erfasst_am", fall, ("fallnummer", "vollzugsbeginn", Value("x"))),
        Zeilen(Vollzugsfall.objects.none(), "erfasst_am", fall),  # an empty part costs nothing
    ]


@pytest.mark.parametrize("anzahl", [1, 5])
def test_zeilen_mehrerer_quellen_in_einer_abfrage(sachbearbeitung, anzahl, django_assert_num_queries):
    teile = _zeilen(sachbearbeitung, anzahl)
    vorher = Ereignis(date(2026, 1, 1), "direkt")
    with django_assert_num_queries(1):
        ereignisse = erweiterungen.ereignisse_lesen([vorher, *teile])
    assert ereignisse[0] == vorher and len(ereignisse) == 1 + 2 * anzahl
    personen = [e for e in ereignisse if e.bereich == "P"]
    faelle = [e for e in ereignisse if e.bereich == "F"]
    assert {type(e.zeitpunkt) for e in personen} == {date}
    assert {type(e.zeitpunkt) for e in faelle} == {datetime} and all(e.zeitpunkt.tzinfo for e in faelle)
    assert all(
        e.text.startswith("Person Max Muster") and e.text.endswith("geboren 12.04.1985") for e in personen
    )
    # NULL (no Vollzugsbeginn yet) and missing values read as "".
    assert all(e.text.endswith("||") and e.text.startswith("Fall VF-") for e in faelle)


def test_ohne_zeilen_keine_abfrage(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert erweiterungen.ereignisse_lesen([]) == []
        assert erweiterungen.ereignisse_lesen([Zeilen(Person.objects.none(), "erfasst_am", print)]) == []


def test_zu_viele_werte_abgewiesen():
    with pytest.raises(ValueError, match="höchstens 5 Werte"):
        erweiterungen.ereignisse_lesen([Zeilen(Person.objects.all(), "erfasst_am", print, ("a",) * 6)])
