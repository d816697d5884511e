"""R-2D-1 (claims from judgments, Art. 34, 71, 106 StGB), issue 25: the checks of the intake that the first
mutation run left unproved.

Proves: each kind's amount is checked with its own German message (number of Tagessätze, Tagessatz and
Betrag given; a truth value is no number; the amount of a Geldstrafe must be Tagessätze × Tagessatz when
given; unknown kinds refused); the payment deadline is a whole number of months; a claim recorded twice
is refused before the database is asked, with the message naming the judgment; the database takes an
amount of one Rappen and refuses zero, and refuses a Busse without Ersatzfreiheitsstrafe.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inkasso import domain
from inkasso.models import Forderung
from tests.factories import person_anlegen
from tests.inkasso.hilfen import daten, forderung

pytestmark = pytest.mark.django_db


def _meldung(exc, feld: str) -> list[str]:
    return [e.message for e in exc.value.error_dict[feld]]


def _abgelehnt(sb, feld: str, art="geldstrafe", **kw) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        forderung(sb, art, **kw)
    assert not Forderung.objects.exists()
    return _meldung(exc, feld)


@pytest.mark.rule("R-2D-1")
def test_geldstrafe_angaben_je_mit_meldung(sachbearbeitung):
    anzahl = ["Art. 34 Abs. 1 StGB: Anzahl Tagessätze angeben."]
    assert _abgelehnt(sachbearbeitung, "tagessaetze", tagessaetze=None) == anzahl
    assert _abgelehnt(sachbearbeitung, "tagessaetze", tagessaetze=True) == anzahl
    assert _abgelehnt(sachbearbeitung, "tagessatz", tagessatz=None) == [
        "Art. 34 Abs. 2 StGB: Höhe des Tagessatzes angeben."
    ]
    assert _abgelehnt(
        sachbearbeitung, "betrag", tagessaetze=10, tagessatz=Decimal("100.00"), betrag=Decimal("999.00")
    ) == ["Art. 34 StGB: Der Betrag ist Tagessätze × Tagessatz."]
    f = forderung(sachbearbeitung, tagessaetze=10, tagessatz=Decimal("100.00"), betrag=Decimal("1000.00"))
    assert Forderung.objects.get().betrag == Decimal("1000.00") == f.betrag


@pytest.mark.rule("R-2D-1")
def test_art_und_betrag_angeben(sachbearbeitung):
    assert _abgelehnt(sachbearbeitung, "art", "spende", betrag=Decimal("10.00")) == [
        "R-2D-1: Unbekannte Art der Forderung."
    ]
    assert _abgelehnt(sachbearbeitung, "betrag", "busse", betrag=None) == ["R-2D-1: Betrag angeben."]
    assert _abgelehnt(sachbearbeitung, "efs_tage", "busse", efs_tage=True) == [
        "Art. 106 Abs. 2 StGB: Die im Urteil festgesetzte Ersatzfreiheitsstrafe (Tage) angeben."
    ]


@pytest.mark.rule("R-2D-1")
def test_zahlungsfrist_in_ganzen_monaten(sachbearbeitung):
    assert _abgelehnt(sachbearbeitung, "frist_monate", frist_monate=True) == [
        "Art. 35 Abs. 1 StGB: Zahlungsfrist in ganzen Monaten angeben."
    ]


@pytest.mark.rule("R-2D-1")
def test_doppelt_erfasst_mit_dem_entscheid_in_der_meldung(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    d = daten()
    domain.forderung_erfassen(person=person, daten=d, durch=sachbearbeitung)
    with pytest.raises(ValidationError) as exc:
        domain.forderung_erfassen(person=person, daten=d, durch=sachbearbeitung)
    assert _meldung(exc, "referenz") == ["R-2D-1: Diese Forderung aus diesem Entscheid ist bereits erfasst."]
    assert Forderung.objects.count() == 1


@pytest.mark.rule("R-2D-1", grenze=True)
def test_datenbank_ein_rappen_und_busse_mit_ersatzfreiheitsstrafe(sachbearbeitung):
    k = forderung(sachbearbeitung, "verfahrenskosten", betrag=Decimal("0.01"))
    assert Forderung.objects.get(pk=k.pk).betrag == Decimal("0.01")
    with transaction.atomic(), pytest.raises(IntegrityError):
        Forderung.objects.filter(pk=k.pk).update(betrag=Decimal("0.00"))
    b = forderung(sachbearbeitung, "busse", efs_tage=1)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Forderung.objects.filter(pk=b.pk).update(efs_tage=0)
    assert Forderung.objects.get(pk=b.pk).efs_tage == 1
