"""Mutants of R-0-FRIST-1 (days from the day after the written notification) that survived (issue 25).

`eroeffnung.py:66/68`: the deadline runs from the written notification, also when it is recorded later
in the day without an oral announcement, and when the oral announcement fell on the same minute.
"""

from datetime import date, datetime

import pytest

from kern.fristen import TZ
from tests.factories import fall_anlegen
from verfuegungen import domain
from verfuegungen.models import Verfuegung
from verfuegungen.recht import EroeffnungArt, Verfuegungsstatus

from .test_api import reise
from .test_verfuegungen import _disziplinar_genehmigt

pytestmark = pytest.mark.django_db

SCHRIFTLICH = datetime(2026, 3, 30, 9, 0, tzinfo=TZ)  # Monday; five days → Tuesday 07.04.2026 (Easter)


@pytest.fixture
def genehmigt(personal_a, leitung_a, anstalt_a, sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with reise(date(2026, 3, 27)):
        return _disziplinar_genehmigt(personal_a, leitung_a, fall, anstalt_a)


def _gespeichert(v) -> tuple:
    g = Verfuegung.objects.get(pk=v.pk)
    return g.status, g.eroeffnet_am, g.muendlich_eroeffnet_am, g.rechtsmittelfrist_ende


@pytest.mark.rule("R-0-FRIST-1")
def test_frist_ab_schriftlicher_eroeffnung_spaeter_am_tag_erfasst_ohne_muendliche(genehmigt, leitung_a):
    with reise(date(2026, 3, 30), 15):
        domain.eroeffnen(
            verfuegung=genehmigt, art=EroeffnungArt.EINSCHREIBEN, am=SCHRIFTLICH, durch=leitung_a
        )
    assert _gespeichert(genehmigt) == (Verfuegungsstatus.EROEFFNET, SCHRIFTLICH, None, date(2026, 4, 7))


@pytest.mark.rule("R-0-FRIST-1")
def test_frist_ab_schriftlicher_eroeffnung_muendliche_in_derselben_minute(genehmigt, leitung_a):
    with reise(date(2026, 3, 30), 15):
        domain.eroeffnen(
            verfuegung=genehmigt,
            art=EroeffnungArt.EINSCHREIBEN,
            am=SCHRIFTLICH,
            muendlich_am=SCHRIFTLICH,
            durch=leitung_a,
        )
    assert _gespeichert(genehmigt) == (
        Verfuegungsstatus.EROEFFNET,
        SCHRIFTLICH,
        SCHRIFTLICH,
        date(2026, 4, 7),
    )
