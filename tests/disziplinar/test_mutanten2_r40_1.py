"""R-40-1 (§ 40 JVG): proofs that the mutation run (issue 25) showed missing.

A report describes the facts: blanks only are refused at the field, nothing stored; one character is
stored (stripped) with its actor.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from disziplinar import domain
from disziplinar.domain import DeliktDaten
from disziplinar.models import Rapport
from disziplinar.recht import Tatbestand
from tests.factories import fall_anlegen

from .test_disziplinar import meldungen

pytestmark = pytest.mark.django_db


def _erfassen(fall, personal, sachverhalt):
    return domain.rapport_erfassen(
        fall=fall,
        tatzeit=timezone.now() - timedelta(hours=2),
        sachverhalt=sachverhalt,
        delikte=[DeliktDaten(Tatbestand.K)],
        durch=personal,
    )


@pytest.mark.rule("R-40-1", grenze=True)
def test_sachverhalt_leer_abgelehnt_ein_zeichen_gespeichert_grenze(sachbearbeitung, anstalt_a, personal_a):
    fall_a = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    for sachverhalt in ("", "  \n ", None):
        with pytest.raises(ValidationError) as e:
            _erfassen(fall_a, personal_a, sachverhalt)
        assert meldungen(e, "sachverhalt") == ["§ 40 JVG (R-40-1): Den Sachverhalt beschreiben."]
    assert not Rapport.objects.exists()
    r = _erfassen(fall_a, personal_a, " x ")
    gespeichert = Rapport.objects.get()
    assert (gespeichert.pk, gespeichert.sachverhalt, gespeichert.gemeldet_durch) == (r.pk, "x", personal_a)
    assert gespeichert.history.get().history_user == personal_a
