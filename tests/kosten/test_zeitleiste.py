"""Issue 17: the costs (§§ 46–50) in the dossier's timeline — participations, cost items and statements,
only for the roles that read costs (authority, revision), in plain German with the §, linked to their
pages, with a constant number of queries."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from kern import erweiterungen
from kosten import contributions, domain
from kosten.recht import Zahler
from tests.factories import fall_anlegen
from tests.kosten.hilfen import position, zeit

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with time_machine.travel(zeit(date(2026, 3, 2), 12), tick=False):
        return fall_anlegen(
            durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=zeit(date(2026, 2, 20))
        )


def _beteiligung(fall, durch):
    return domain.kostenbeteiligung_erfassen(
        fall=fall,
        grundlage="arbeitsleistung",
        von=date(2026, 3, 1),
        bis=date(2026, 12, 31),
        einkommen_monatlich=Decimal("400.00"),
        abzuege_monatlich=Decimal("35.00"),
        betrag_pro_tag=Decimal("12.00"),
        begruendung="Angemessen: ein Drittel des Arbeitsentgelts.",
        durch=durch,
    )


@pytest.fixture
def kosten(fall, sachbearbeitung):
    with time_machine.travel(zeit(date(2026, 3, 3), 12), tick=False):
        p = position(
            fall,
            sachbearbeitung,
            bezeichnung="Zahnarzt Dr. Amrein",
            betrag=Decimal("1234.55"),
            kategorie="47e",
        )
        kb = _beteiligung(fall, sachbearbeitung)
    with time_machine.travel(zeit(date(2026, 4, 1), 12), tick=False):
        a = domain.abrechnung_erstellen(
            zahler=Zahler.PERSON,
            person=fall.person,
            von=date(2026, 3, 1),
            bis=date(2026, 3, 31),
            durch=sachbearbeitung,
        )
    return {"position": p, "beteiligung": kb, "abrechnung": a}


def _lesen(person, user, fall=None):
    return erweiterungen.ereignisse_lesen(contributions.zeitleiste(person, user, fall))


def _ereignisse(person, user, fall=None) -> dict[str, str]:
    return {e.text: e.url for e in _lesen(person, user, fall)}


@pytest.mark.rule("R-0-ROLE-1")
def test_kosten_in_der_chronologie_fuer_behoerde_und_revision(fall, kosten, sachbearbeitung, revision):
    a, p = kosten["abrechnung"], kosten["position"]
    erwartet = {
        "Kosten erfasst: Zahnarzt Dr. Amrein, CHF 1'234.55 (§ 47 Abs. 3 lit. e JVG)": reverse(
            "kosten:position_detail", args=[p.pk]
        ),
        "Kostenbeteiligung für 01.03.2026–31.12.2026 festgelegt (§ 48 JVG)": reverse(
            "kosten:fall", args=[fall.pk]
        ),
        f"Abrechnung {a.nummer} für 01.03.2026–31.03.2026 erstellt (§§ 46–50 JVG), Zahler: Eingewiesene Person": (
            reverse("kosten:abrechnung_detail", args=[a.pk])
        ),
    }
    for user in (sachbearbeitung, revision):
        assert _ereignisse(fall.person, user) == erwartet
        assert _ereignisse(fall.person, user, fall) == erwartet


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["leitung_a", "personal_a", "medizin", "bedrohung", "partner"])
def test_keine_kosten_in_der_chronologie_ohne_leserecht(
    client_als, request, fall, kosten, persona, django_assert_num_queries
):
    user, person = request.getfixturevalue(persona), fall.person
    with django_assert_num_queries(0):  # not even a query for a role that may not read costs
        assert contributions.zeitleiste(person, user) == []
    if persona in ("leitung_a", "personal_a"):  # they see the person (placed in facility A)
        seite = client_als(user).get(reverse("vollzug:person_detail", args=[fall.person.pk])).content.decode()
        assert "Zahnarzt Dr. Amrein" not in seite and "Kostenbeteiligung für" not in seite


def test_personen_und_fallseite_zeigen_die_kosten(client_als, fall, kosten, sachbearbeitung):
    c = client_als(sachbearbeitung)
    for name, pk in (("vollzug:person_detail", fall.person.pk), ("vollzug:fall_detail", fall.pk)):
        seite = c.get(reverse(name, args=[pk])).content.decode()
        assert "Kosten erfasst: Zahnarzt Dr. Amrein" in seite, name
        assert reverse("kosten:abrechnung_detail", args=[kosten["abrechnung"].pk]) in seite, name


def test_fallseite_nur_kosten_dieses_falls(fall, kosten, sachbearbeitung, anstalt_a):
    with time_machine.travel(zeit(date(2026, 3, 3), 12), tick=False):
        anderer = fall_anlegen(durch=sachbearbeitung, person=fall.person)
        position(anderer, sachbearbeitung, bezeichnung="Brille Optiker")
    texte = _ereignisse(fall.person, sachbearbeitung, fall)
    assert not any("Brille Optiker" in t for t in texte) and any("Zahnarzt" in t for t in texte)
    assert any("Brille Optiker" in t for t in _ereignisse(fall.person, sachbearbeitung))


@pytest.mark.parametrize("anzahl", [1, 6])
def test_konstante_abfragen(fall, sachbearbeitung, anzahl, django_assert_num_queries):
    with time_machine.travel(zeit(date(2026, 3, 3), 12), tick=False):
        for i in range(anzahl):
            position(fall, sachbearbeitung, bezeichnung=f"Medikamente {i}")
        _beteiligung(fall, sachbearbeitung)
    person = fall.person
    with django_assert_num_queries(1):  # participations, cost items, statements: one UNION ALL
        ereignisse = _lesen(person, sachbearbeitung)
    assert len(ereignisse) == anzahl + 1
