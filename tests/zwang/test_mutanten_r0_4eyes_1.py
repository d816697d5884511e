"""R-0-4EYES-1 for the review of a § 33 protocol: the proofs that the mutation run (issue 25) showed missing.

The reviewing management records a remark; without one the review is refused with the rule's message
(not only the field's generic "must not be empty"), and nothing is stored.
"""

import pytest
from django.core.exceptions import ValidationError

from zwang import domain
from zwang.models import Pruefung
from zwang.recht import Protokollstatus, Pruefergebnis

from . import hilfen
from .hilfen import protokoll

fall_a = hilfen.fall_a  # fixture


@pytest.mark.rule("R-0-4EYES-1", grenze=True)
@pytest.mark.django_db
def test_pruefung_ohne_bemerkung_abgelehnt_mit_bemerkung_gespeichert(personal_a, leitung_a, fall_a):
    p = protokoll(personal_a, fall_a)
    domain.stellungnahme_abgeben(beteiligung=p.beteiligte.get(), text="So war es.", durch=personal_a)

    with pytest.raises(ValidationError) as exc:
        domain.protokoll_pruefen(
            protokoll=p, ergebnis=Pruefergebnis.RECHTMAESSIG, bemerkung="  ", durch=leitung_a
        )

    assert exc.value.message_dict == {
        "bemerkung": ["R-0-4EYES-1: Die Prüfung hält eine Bemerkung fest (bei Beanstandung: was und warum)."]
    }
    assert not Pruefung.objects.exists()
    p.refresh_from_db()
    assert p.status == Protokollstatus.EINGEREICHT

    pruefung = domain.protokoll_pruefen(
        protokoll=p, ergebnis=Pruefergebnis.RECHTMAESSIG, bemerkung="Verhältnismässig.", durch=leitung_a
    )
    assert (Pruefung.objects.get().pk, pruefung.bemerkung, pruefung.durch) == (
        pruefung.pk,
        "Verhältnismässig.",
        leitung_a,
    )
