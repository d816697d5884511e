"""Issue 18 item 10 (R-0-AUDIT-2): the deadline overview and its iCal export name persons: read log."""

import pytest
from django.urls import reverse

from kern.models import Aktion, Lesezugriff
from tests.factories import fall_anlegen

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-0-AUDIT-2")
@pytest.mark.parametrize(("name", "aktion"), [("uebersicht", Aktion.LISTE), ("ical", Aktion.EXPORT)])
def test_overview_and_ical_log_the_persons(client_als, sachbearbeitung, name, aktion):
    fall = fall_anlegen(durch=sachbearbeitung)
    antwort = client_als(sachbearbeitung).get(reverse(f"fristenkontrolle:{name}"))
    assert antwort.status_code == 200
    zeilen = list(Lesezugriff.objects.values_list("aktion", "objekt_typ"))
    personen = set(Lesezugriff.objects.values_list("person_id", flat=True))
    assert set(zeilen) == {(aktion, "fristenkontrolle.frist")}
    assert personen <= {fall.person_id, None}
