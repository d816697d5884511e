"""Issue 17: Inkasso (§ 2 Abs. 1 lit. d JVG) in the dossier's timeline — claims, payment terms,
reminders and payments, only for the Inkasso desk and revision, with the § and a link to the claim, in a
constant number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from inkasso import contributions, domain
from inkasso.domain import mahnwesen
from kern import erweiterungen
from tests.factories import fall_anlegen
from tests.inkasso.hilfen import daten

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def _forderung(fall, durch, **kw):
    return domain.forderung_erfassen(
        person=fall.person, fall=fall, daten=daten("busse", **kw), frist_monate=1, durch=durch
    )


@pytest.fixture
def forderung(fall, sachbearbeitung, settings):
    settings.JVG_INKASSO_MAHNFOLGE_TAGE = (10,)
    f = _forderung(fall, sachbearbeitung)
    domain.zahlung_erfassen(
        forderung=f, betrag=Decimal("250.00"), valuta=timezone.localdate(), durch=sachbearbeitung
    )
    mahnwesen.mahnlauf(heute=f.zahlungsfrist + timedelta(days=10))
    f.refresh_from_db()
    return f


def _lesen(person, user, fall=None):
    return erweiterungen.ereignisse_lesen(contributions.zeitleiste(person, user, fall))


def _texte(person, user, fall=None) -> list[str]:
    return [e.text for e in _lesen(person, user, fall)]


@pytest.mark.rule("R-0-ROLE-1")
def test_inkasso_in_der_chronologie_fuer_schalter_und_revision(fall, forderung, sachbearbeitung, revision):
    f = forderung
    frist = f"{f.zahlungsfrist:%d.%m.%Y}"
    mahnfrist = f"{f.mahnungen.get().frist_bis:%d.%m.%Y}"
    erwartet = {
        f"Forderung {f.nummer} erfasst: Busse (Art. 106 StGB), CHF 1'000.00, zahlbar bis {frist} "
        "(§ 2 Abs. 1 lit. d JVG)",
        f"Forderung {f.nummer}: Zahlungsfrist (Art. 35 Abs. 1 StGB), Frist bis {frist}",
        f"Forderung {f.nummer}: Zahlung von CHF 250.00 eingegangen (§ 2 Abs. 1 lit. d JVG)",
        f"Forderung {f.nummer}: 1. Mahnung über CHF 750.00, Frist bis {mahnfrist} (§ 2 Abs. 1 lit. d JVG)",
    }
    for user in (sachbearbeitung, revision):
        ereignisse = _lesen(fall.person, user)
        assert {e.text for e in ereignisse} == erwartet
        assert {e.url for e in ereignisse} == {reverse("inkasso:detail", args=[f.pk])}
        assert set(_texte(fall.person, user, fall)) == erwartet


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["leitung_a", "personal_a", "medizin", "bedrohung"])
def test_kein_inkasso_in_der_chronologie_ohne_leserecht(
    client_als, request, fall, forderung, persona, django_assert_num_queries
):
    user, person = request.getfixturevalue(persona), fall.person
    with django_assert_num_queries(0):
        assert contributions.zeitleiste(person, user) == []
    if persona in ("leitung_a", "personal_a"):  # they see the person (placed in facility A)
        seite = client_als(user).get(reverse("vollzug:person_detail", args=[fall.person.pk])).content.decode()
        assert forderung.nummer not in seite


def test_personen_und_fallseite_zeigen_das_inkasso(client_als, fall, forderung, sachbearbeitung):
    c = client_als(sachbearbeitung)
    for name, pk in (("vollzug:person_detail", fall.person.pk), ("vollzug:fall_detail", fall.pk)):
        seite = c.get(reverse(name, args=[pk])).content.decode()
        assert f"Forderung {forderung.nummer}: 1. Mahnung" in seite, name


def test_fallseite_nur_forderungen_dieses_falls(fall, forderung, sachbearbeitung, anstalt_a):
    anderer = fall_anlegen(durch=sachbearbeitung, person=fall.person)
    fremd = _forderung(anderer, sachbearbeitung)
    ohne_fall = domain.forderung_erfassen(
        person=fall.person, daten=daten("busse"), frist_monate=1, durch=sachbearbeitung
    )
    im_fall = " ".join(_texte(fall.person, sachbearbeitung, fall))
    assert forderung.nummer in im_fall and fremd.nummer not in im_fall and ohne_fall.nummer not in im_fall
    alle = " ".join(_texte(fall.person, sachbearbeitung))
    assert fremd.nummer in alle and ohne_fall.nummer in alle


@pytest.mark.parametrize("anzahl", [1, 5])
def test_konstante_abfragen(fall, sachbearbeitung, anzahl, django_assert_num_queries):
    for _ in range(anzahl):
        f = _forderung(fall, sachbearbeitung)
        domain.zahlung_erfassen(
            forderung=f, betrag=Decimal("10.00"), valuta=timezone.localdate(), durch=sachbearbeitung
        )
    person = fall.person
    with django_assert_num_queries(1):  # claims, decisions, reminders, payments …: one UNION ALL
        ereignisse = _lesen(person, sachbearbeitung)
    assert len(ereignisse) == 3 * anzahl
