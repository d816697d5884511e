"""R-0-FRIST-2 (Art. 77 OR for periods in months): proofs that the mutation run (issue 25) showed missing.

- `verfahren.py:68`: the proceeding can still be opened on the last day of the six months (the month's
  last day when the start day has no counterpart), not on the day after (R-41-5a uses that date).
- `serializers.py`: the counting method recorded with a computed date is shown, never written, by the API.
"""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from drf_spectacular.generators import SchemaGenerator

from disziplinar import domain
from disziplinar.models import Disziplinarverfahren
from kern.fristen import METHODE_MONATE, TZ
from tests.factories import fall_anlegen

from .test_disziplinar import rapport


@pytest.mark.rule("R-0-FRIST-2", grenze=True)
@pytest.mark.django_db
def test_verfahren_am_letzten_tag_eroeffnet_am_tag_danach_abgelehnt(
    personal_a, leitung_a, sachbearbeitung, anstalt_a
):
    # 31 August + six months: February has no 31st, so the period ends on 28 February.
    with time_machine.travel(datetime(2026, 8, 31, 12, 0, tzinfo=TZ), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        tat = datetime(2026, 8, 31, 10, 0, tzinfo=TZ)
        r1 = rapport(personal_a, fall, tatzeit=tat)
        r2 = rapport(personal_a, fall, tatzeit=tat)
    with (
        time_machine.travel(datetime(2027, 3, 1, 0, 30, tzinfo=TZ), tick=False),
        pytest.raises(ValidationError) as e,
    ):
        domain.verfahren_eroeffnen(rapport=r2, durch=leitung_a)
    assert e.value.message_dict["verjaehrung_am"] == [
        "§ 41 Abs. 5 JVG (R-41-5a): Die disziplinarische Verfolgung ist verjährt (Tat vom 31.08.2026): "
        "spätestens am 28.02.2027 musste die Verfügung eröffnet sein, heute ist der 01.03.2027."
    ]
    assert not Disziplinarverfahren.objects.exists()

    with time_machine.travel(datetime(2027, 2, 28, 23, 30, tzinfo=TZ), tick=False):
        domain.verfahren_eroeffnen(rapport=r1, durch=leitung_a)
    v = Disziplinarverfahren.objects.get()
    assert (v.rapport_id, v.verjaehrung_am, v.verjaehrung_methode) == (
        r1.pk,
        date(2027, 2, 28),
        METHODE_MONATE,
    )


@pytest.mark.rule("R-0-FRIST-2")
@pytest.mark.parametrize(
    ("komponente", "feld"),
    [("Disziplinarverfahren", "verjaehrungMethode"), ("Verfuegung", "rechtsmittelfristMethode")],
)
def test_api_schema_zaehlweise_nur_lesbar(komponente, feld):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    eigenschaft = schema["components"]["schemas"][komponente]["properties"][feld]
    assert (eigenschaft.get("readOnly"), eigenschaft.get("type")) == (True, "string")
