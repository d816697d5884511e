"""Mutation proofs (issue 25) of R-14-3 (§ 14 Abs. 2 JVG): the request is reasoned. An empty or blank
reasoning is refused at its field with the German message naming the §, nothing is stored; one character
of reasoning is stored. Dates are literals in 2027 (today is in December 2026 on this machine's clock).
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from aufschub import domain as aufschub
from aufschub.models import Aufschubgesuch
from aufschub.recht import Gesuchsart, Gesuchsgrund
from tests.factories import fall_anlegen
from vollzug.models import Sanktion

pytestmark = pytest.mark.django_db


def _gesuch(sb, fall, begruendung: str) -> Aufschubgesuch:
    return aufschub.gesuch_erfassen(
        fall=fall,
        sanktion=Sanktion.objects.get(entscheid__fall=fall),
        art=Gesuchsart.AUFSCHUB,
        grund=Gesuchsgrund.B,
        eingereicht_am=timezone.localdate(),
        begehrt_von=date(2027, 1, 1),
        begehrt_bis=date(2027, 3, 31),
        begruendung=begruendung,
        durch=sb,
    )


@pytest.mark.rule("R-14-3", grenze=True)
def test_begruendung_grenze_leer_und_leerzeichen_abgelehnt_ein_zeichen_gespeichert(sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung)
    for begruendung in ("", " \n\t "):
        with pytest.raises(ValidationError) as exc:
            _gesuch(sachbearbeitung, fall, begruendung)
        assert exc.value.message_dict == {
            "begruendung": ["§ 14 Abs. 2 JVG (R-14-3): Das Gesuch ist zu begründen."]
        }
    assert Aufschubgesuch.objects.count() == 0

    gesuch = _gesuch(sachbearbeitung, fall, "x")

    gesuch.refresh_from_db()
    assert (gesuch.grund, gesuch.begruendung) == (Gesuchsgrund.B, "x")
    assert Aufschubgesuch.objects.count() == 1
