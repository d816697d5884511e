"""Mutants of R-0-FRIST-4 (Fristenkontrolle: every open deadline) in the Inkasso deadline source (issue 25).

- `contributions.py:98` `offen > 0 → > 1`: a claim with a few centimes still open keeps its deadline.
- `contributions.py:99` `[:500]`: the source cut the list at 500 claims; the overview lists every open
  deadline, so the cap is gone (bug fixed) and the 501st claim's deadline is listed.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fristenkontrolle.queries import alle_fristen
from inkasso import domain
from inkasso.contributions import zahlungsfristen
from inkasso.models import Forderung

from .hilfen import forderung

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-0-FRIST-4", grenze=True)
def test_fuenf_rappen_offen_bleibt_in_der_fristenkontrolle(sachbearbeitung):
    heute = timezone.localdate()
    rest = forderung(sachbearbeitung)  # 10 Tagessätze à CHF 100
    bezahlt = forderung(sachbearbeitung)
    domain.zahlung_erfassen(forderung=rest, betrag=Decimal("999.95"), valuta=heute, durch=sachbearbeitung)
    domain.zahlung_erfassen(forderung=bezahlt, betrag=Decimal("1000.00"), valuta=heute, durch=sachbearbeitung)
    assert Forderung.objects.get(pk=rest.pk).saldo == Decimal("0.05")
    assert Forderung.objects.get(pk=bezahlt.pk).saldo == Decimal("0.00")

    eintraege = [e for e in alle_fristen(sachbearbeitung, heute=heute) if e.typ == "inkasso_zahlungsfrist"]
    assert [(e.titel.split()[1], e.person_id) for e in eintraege] == [(rest.nummer, rest.person_id)]
    assert eintraege[0].titel.endswith(", offen CHF 0.05)")


@pytest.mark.rule("R-0-FRIST-4", grenze=True)
def test_jede_offene_forderung_in_der_fristenkontrolle_auch_ueber_500(sachbearbeitung):
    erste = forderung(sachbearbeitung)
    kopien = []
    for i in range(1, 501):
        k = Forderung.objects.get(pk=erste.pk)
        k.pk = None
        k.nummer = f"T{i:06d}"
        k.qr_referenz = f"{i:027d}"
        k.referenz = f"KOPIE {i}"
        k.zahlungsfrist = erste.zahlungsfrist + timedelta(days=i)
        kopien.append(k)
    Forderung.objects.bulk_create(kopien)
    assert Forderung.objects.count() == 501

    nummern = [e.titel.split()[1] for e in zahlungsfristen(sachbearbeitung, timezone.localdate())]
    assert len(nummern) == 501
    # sorted by deadline: the latest claim (501st) is the last one listed
    assert (nummern[0], nummern[-1]) == (erste.nummer, "T000500")
