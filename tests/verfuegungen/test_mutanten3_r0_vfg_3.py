"""Mutants of R-0-VFG-3 (Rechtskraft) that survived the marked tests (issue 25, session 6).

`rechtskraft.py:45–48` (`rechtskraft_feststellen`, after a further appeal): the certified date must be a
date between the further appeal and today, both days included.
"""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from kern.fristen import TZ
from verfuegungen import domain
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungsstatus

from .test_verfuegungen import _meldung, disziplinar_eroeffnet, fall_a  # noqa: F401
from .test_weiterzug import _abgewiesen

pytestmark = pytest.mark.django_db

S = Verfuegungsstatus
WEITERZUG = date(2026, 5, 12)  # the last day of the further appeal deadline (test_weiterzug.py)


def _stand(v) -> tuple:
    g = Verfuegung.objects.get(pk=v.pk)
    return g.status, g.rechtskraeftig_am, g.history.count()


@pytest.mark.rule("R-0-VFG-3", grenze=True)
def test_rechtskraft_nach_weiterzug_am_tag_des_weiterzugs_der_heute_ist(
    disziplinar_eroeffnet,  # noqa: F811
    sachbearbeitung,
):
    v, _ = _abgewiesen(disziplinar_eroeffnet, sachbearbeitung)
    with time_machine.travel(datetime(2026, 5, 12, 16, 0, tzinfo=TZ), tick=False):
        domain.weiterzug_erfassen(verfuegung=v, eingegangen_am=WEITERZUG, durch=sachbearbeitung)
        vorher = _stand(v)
        assert vorher[:2] == (S.BESCHWERDEENTSCHEID, None)
        falsch = [
            (date(2026, 5, 13), "Die Rechtskraft liegt zwischen dem Weiterzug und heute (R-0-VFG-3)."),
            (date(2026, 5, 11), "Die Rechtskraft liegt zwischen dem Weiterzug und heute (R-0-VFG-3)."),
            ("12.05.2026", "Ungültiges Datum."),
            (datetime(2026, 5, 12, 9, 0, tzinfo=TZ), "Ungültiges Datum."),
        ]
        for am, text in falsch:
            with pytest.raises(ValidationError) as e:
                domain.rechtskraft_feststellen(verfuegung=v, am=am, durch=sachbearbeitung)
            assert _meldung(e, "am") == text, am
            assert _stand(v) == vorher

        # Just inside on both sides: the day of the further appeal is today.
        domain.rechtskraft_feststellen(verfuegung=v, am=WEITERZUG, durch=sachbearbeitung)
    g = Verfuegung.objects.get(pk=v.pk)
    assert (g.status, g.rechtskraeftig_am) == (S.RECHTSKRAEFTIG, WEITERZUG)
    eintrag = g.history.latest("history_id")
    assert eintrag.history_user == sachbearbeitung
    assert eintrag.history_change_reason == "Rechtskräftig am 12.05.2026 (Weiterzug erledigt)"
