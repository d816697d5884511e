"""R-STGB-35-1 (Art. 35 Abs. 1 StGB: instalments over the open balance), issue 25: the survivor
`inkasso/domain/forderungen.py:260` `saldo <= 0` → `< 0` of session 7 (m4_b).

A claim can stand at a balance of exactly CHF 0.00 and still be open: a payment of half the amount during
community work (Art. 79a StGB) and then half the hours worked off the rest (`einsatz_erfassen` remits up to
the balance and closes the claim only after the last hour). An instalment plan is then refused as already
paid, not granted as instalments of CHF 0.00; one franc more open and it is granted.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from inkasso import domain
from inkasso.models import Forderungsstatus, Rate
from tests.inkasso.hilfen import forderung

pytestmark = pytest.mark.django_db


def _halb_bezahlt_halb_gearbeitet(sachbearbeitung, bezahlt: str):
    f = forderung(sachbearbeitung, tagessaetze=10, tagessatz=Decimal("100.00"))  # CHF 1000
    a = domain.arbeit_bewilligen(
        forderung=f,
        einsatzbetrieb="Werkhof Kriens",
        frist_bis=timezone.localdate() + timedelta(days=60),
        durch=sachbearbeitung,
    )
    assert (a.tage, a.stunden_soll) == (10, 40)
    domain.zahlung_erfassen(
        forderung=f, betrag=Decimal(bezahlt), valuta=timezone.localdate(), durch=sachbearbeitung
    )
    for _ in range(5):  # 5 days of 4 hours = CHF 500 remitted at most
        domain.einsatz_erfassen(
            arbeit=a, datum=timezone.localdate(), stunden=Decimal("4"), durch=sachbearbeitung
        )
    f.refresh_from_db()
    return f


def _raten(f, durch):
    return domain.raten_bewilligen(
        forderung=f,
        anzahl=2,
        erste_faellig_am=timezone.localdate() + timedelta(days=10),
        begruendung="Gesuch vom Schalter",
        durch=durch,
    )


@pytest.mark.rule("R-STGB-35-1", grenze=True)
def test_keine_raten_bei_saldo_null_auch_wenn_die_forderung_noch_offen_ist(sachbearbeitung):
    f = _halb_bezahlt_halb_gearbeitet(sachbearbeitung, "500.00")
    assert (f.saldo, f.status) == (Decimal("0.00"), Forderungsstatus.GEMEINNUETZIG)

    with pytest.raises(ValidationError) as exc:
        _raten(f, sachbearbeitung)

    assert [e.message for e in exc.value.error_dict["anzahl"]] == ["Die Forderung ist bereits bezahlt."]
    assert not Rate.objects.exists()


@pytest.mark.rule("R-STGB-35-1", grenze=True)
def test_raten_bei_einem_franken_offen(sachbearbeitung):
    f = _halb_bezahlt_halb_gearbeitet(sachbearbeitung, "499.00")
    assert f.saldo == Decimal("1.00")

    raten = _raten(f, sachbearbeitung)

    assert [r.betrag for r in raten] == [Decimal("0.50"), Decimal("0.50")]
    assert Rate.objects.count() == 2
