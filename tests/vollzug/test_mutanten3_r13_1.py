"""R-13-1 (§ 13 JVG: a case without Vollzugsbeginn a configurable number of days after intake is overdue):
survivor `vollzug/models.py:233` of issue 25 – a case whose execution has begun is never overdue, however
long ago its intake was; no marked test asked a started case.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import fall_anlegen
from vollzug import recht
from vollzug.recht import Fallstatus

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-13-1")
def test_begonnener_vollzug_ist_nie_ueberfaellig_eingang_schon(sachbearbeitung, anstalt_a):
    tage = recht.vollzugsbeginn_ueberfaellig_tage()
    eingang = timezone.localdate() - timedelta(days=tage + 30)
    offen = fall_anlegen(durch=sachbearbeitung, eingang_am=eingang)
    begonnen = fall_anlegen(durch=sachbearbeitung, eingang_am=eingang, eingewiesen_in=anstalt_a)
    assert (offen.status, offen.vollzugsbeginn) == (Fallstatus.EINGANG, None)
    assert begonnen.status == Fallstatus.IM_VOLLZUG and begonnen.vollzugsbeginn is not None
    heute = timezone.localdate()
    assert offen.vollzugsbeginn_ueberfaellig(heute) is True
    assert begonnen.vollzugsbeginn_ueberfaellig(heute) is False
    # The boundary stays where it is for the open case: day N after intake not yet, day N + 1 overdue.
    assert offen.vollzugsbeginn_ueberfaellig(eingang + timedelta(days=tage)) is False
    assert offen.vollzugsbeginn_ueberfaellig(eingang + timedelta(days=tage + 1)) is True
