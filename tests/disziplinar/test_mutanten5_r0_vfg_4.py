"""R-0-VFG-4 (§ 44 JVG): proofs the mutation run of issue 25 (session 7, helper m5_c) showed missing.

`disziplinar/domain/verfuegung.py:250/251`: a Disziplinarverfügung is executed from its Eröffnung, so a
start of Arrest given in the draft may not lie before the (first) notification: the day of the
notification itself is accepted, the day after the start is refused and nothing is notified; an oral
announcement on the day of the start counts (R-0-VFG-2). "Today" of the draft is Friday 12.03.2027, the
start Monday 15.03.2027.
"""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from disziplinar import domain
from disziplinar.domain import SanktionDaten
from disziplinar.recht import Disziplinarsanktionsart as A
from kern.fristen import TZ
from kern.rollen import Rolle
from tests.factories import fall_anlegen
from verfuegungen.models import Verfuegung
from verfuegungen.recht import EroeffnungArt, Verfuegungsstatus

from .test_disziplinar import benutzer, entwurf, genehmigt, meldungen, verfahren

pytestmark = pytest.mark.django_db

HEUTE = datetime(2027, 3, 12, 9, 0, tzinfo=TZ)


@pytest.fixture
def genehmigt_ab_15_maerz(sachbearbeitung, personal_a, leitung_a, anstalt_a):
    leitung2 = benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)
    with time_machine.travel(HEUTE, tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        vf = verfahren(personal_a, leitung_a, fall)
        v = entwurf(vf, leitung_a, [SanktionDaten(A.ARREST, dauer_tage=2, vollzug_beginn=date(2027, 3, 15))])
        genehmigt(v, leitung_a, leitung2)
    return vf


def _eroeffnen(vf, leitung, muendlich_am=None):
    return domain.verfuegung_eroeffnen(
        verfahren=vf, art=EroeffnungArt.EINSCHREIBEN, muendlich_am=muendlich_am, durch=leitung
    )


@pytest.mark.rule("R-0-VFG-4", grenze=True)
def test_vollzugsbeginn_vor_der_eroeffnung_abgelehnt_am_tag_der_eroeffnung_gespeichert_grenze(
    genehmigt_ab_15_maerz, leitung_a
):
    vf = genehmigt_ab_15_maerz
    # Just outside: notified on Tuesday 16.03, one day after the given start of Arrest.
    with (
        time_machine.travel(datetime(2027, 3, 16, 9, 0, tzinfo=TZ), tick=False),
        pytest.raises(ValidationError) as e,
    ):
        _eroeffnen(vf, leitung_a)
    assert meldungen(e, "am") == [
        "§ 41 Abs. 1 lit. f JVG (R-0-VFG-4): Der Vollzug ab 15.03.2027 kann nicht vor der Eröffnung beginnen."
    ]
    v = Verfuegung.objects.get(typ="disziplinar")
    assert (v.status, v.eroeffnet_am) == (Verfuegungsstatus.GENEHMIGT, None)
    # Just inside: notified on Monday 15.03, the day the Arrest starts.
    with time_machine.travel(datetime(2027, 3, 15, 9, 0, tzinfo=TZ), tick=False):
        _eroeffnen(vf, leitung_a)
    v.refresh_from_db()
    assert (v.status, v.eroeffnet_am) == (Verfuegungsstatus.EROEFFNET, datetime(2027, 3, 15, 9, 0, tzinfo=TZ))
    s = v.disziplinarsanktionen.get()
    assert (s.vollzug_beginn, s.vollzug_ende) == (date(2027, 3, 15), date(2027, 3, 16))


@pytest.mark.rule("R-0-VFG-4", grenze=True)
def test_muendliche_eroeffnung_am_tag_des_vollzugsbeginns_genuegt_grenze(genehmigt_ab_15_maerz, leitung_a):
    with time_machine.travel(datetime(2027, 3, 16, 9, 0, tzinfo=TZ), tick=False):
        _eroeffnen(genehmigt_ab_15_maerz, leitung_a, muendlich_am=datetime(2027, 3, 15, 8, 0, tzinfo=TZ))
    v = Verfuegung.objects.get(typ="disziplinar")
    assert (v.status, v.eroeffnet_am, v.muendlich_eroeffnet_am) == (
        Verfuegungsstatus.EROEFFNET,
        datetime(2027, 3, 16, 9, 0, tzinfo=TZ),
        datetime(2027, 3, 15, 8, 0, tzinfo=TZ),
    )
