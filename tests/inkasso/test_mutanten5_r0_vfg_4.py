"""R-0-VFG-4 (§ 44 JVG) at the conversion into an Ersatzfreiheitsstrafe (issue 25, session 7, helper m5_c).

`inkasso/domain/umwandlung.py:179/180`: the conversion Verfügung is a decision under federal law, its
appeal has suspensive effect: the execution case opens only once it is rechtskräftig. On the last day of
the 20-day deadline it is refused and nothing is opened; the day after, the case opens with the days of
the balance (10 Tagessätze of CHF 100.00 → 10 days).
"""

from datetime import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from inkasso import domain
from inkasso.models import Forderungsstatus, Umwandlung
from kern.fristen import TZ
from tests.inkasso.hilfen import forderung
from verfuegungen import domain as verfuegungen
from verfuegungen.recht import Verfuegungsstatus
from vollzug.models import Vollzugsfall
from vollzug.recht import Sanktionsart

from .test_umwandlung import _verfuegung_durchlaufen

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-0-VFG-4", "R-STGB-36-1", grenze=True)
def test_vollzugsfall_erst_nach_rechtskraft_der_umwandlungsverfuegung_grenze(
    sachbearbeitung, sachbearbeitung2
):
    # Monday 2 March 2026: the 20 days end on Sunday 22 March → Monday 23 March.
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=TZ), tick=False):
        f = forderung(sachbearbeitung, tagessaetze=10, tagessatz=Decimal("100.00"))
        domain.sofortige_zahlung_verlangen(
            forderung=f, begruendung="Wegzug ins Ausland", durch=sachbearbeitung
        )
        u = domain.umwandlung_beantragen(
            forderung=f, uneinbringlich_grund="Verlustschein", durch=sachbearbeitung
        )
        v = _verfuegung_durchlaufen(u.verfuegung, sachbearbeitung, sachbearbeitung2)
    assert (v.status, v.aufschiebende_wirkung) == (Verfuegungsstatus.EROEFFNET, True)
    with time_machine.travel(datetime(2026, 3, 23, 16, 0, tzinfo=TZ), tick=False):
        assert verfuegungen.rechtskraft_eintragen() == 0
        with pytest.raises(ValidationError) as e:
            domain.vollzugsfall_eroeffnen(umwandlung=u, durch=sachbearbeitung)
    assert e.value.message_dict["verfuegung"] == [
        f"§ 44 JVG: Die Verfügung {v.nummer} ist noch nicht vollstreckbar (Status: Eröffnet)."
    ]
    assert (Umwandlung.objects.get(pk=u.pk).fall_id, Vollzugsfall.objects.count()) == (None, 0)
    with time_machine.travel(datetime(2026, 3, 24, 9, 0, tzinfo=TZ), tick=False):
        assert verfuegungen.rechtskraft_eintragen() == 1
        u = domain.vollzugsfall_eroeffnen(umwandlung=u, durch=sachbearbeitung)
    u = Umwandlung.objects.get(pk=u.pk)
    assert (u.tage, u.sanktion.art, u.sanktion.dauer_tage) == (10, Sanktionsart.ERSATZFREIHEITSSTRAFE, 10)
    assert u.fall.entscheide.get().referenz == v.nummer
    assert u.forderung.status == Forderungsstatus.UMGEWANDELT
