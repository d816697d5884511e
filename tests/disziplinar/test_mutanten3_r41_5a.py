"""R-41-5a (§ 41 Abs. 5 JVG: prosecution time-barred six months after the act): the Disziplinarverfügung
may be drafted on the last day and no longer the day after (issue 25: `disziplinar/domain/verfuegung.py:117`
`> → >=` survived under R-41-1, R-41-4 and R-42-1, whose scope holds the check only through a docstring)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from verfuegungen.models import Verfuegung

from . import test_verjaehrung
from .test_verjaehrung import VERJAEHRUNG, entwurf, reise

# The fixtures of the limitation tests (an act on 31 August 2026).
fall_a, verfahren_aug = test_verjaehrung.fall_a, test_verjaehrung.verfahren_aug

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-41-5a", grenze=True)
def test_verfuegung_am_letzten_tag_entworfen_am_tag_danach_nicht(verfahren_aug, leitung_a):
    assert verfahren_aug.verjaehrung_am == VERJAEHRUNG  # act on 31 August 2026 -> 28 February 2027

    with reise(date(2027, 3, 1)), pytest.raises(ValidationError) as fehler:
        entwurf(verfahren_aug, leitung_a)
    assert "§ 41 Abs. 5 JVG" in " ".join(fehler.value.messages)
    assert not Verfuegung.objects.exists()

    with reise(VERJAEHRUNG):
        v = entwurf(verfahren_aug, leitung_a)
    assert Verfuegung.objects.get().pk == v.pk
