"""The reminder job of § 33 (R-33-1) through a real Celery worker and broker (PITFALLS: eager mode only
emulates a worker)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from kern.models import Aufgabe, Benutzer
from tests.conftest import echter_worker, warten_bis
from zwang import domain
from zwang.recht import ZwangAufgabenart

from . import hilfen as zwang_hilfen
from .hilfen import beteiligt, protokoll

fall_a, personal_a2 = zwang_hilfen.fall_a, zwang_hilfen.personal_a2


@pytest.mark.rule("R-33-1", "R-0-AUDIT-1")
@pytest.mark.django_db(transaction=True)
def test_erinnerungsjob_laeuft_ueber_echten_worker_und_broker(
    personal_a, personal_a2, fall_a, eigene_warteschlange
):
    from jvg_case.celery import app

    # Submitted 25 hours before the real now: the statement of personal_a2 is overdue, the author's is given.
    with time_machine.travel(timezone.now() - timedelta(hours=25), tick=False):
        p = protokoll(personal_a, fall_a, beteiligte=beteiligt(personal_a, personal_a2))
        domain.stellungnahme_abgeben(
            beteiligung=p.beteiligte.get(benutzer=personal_a), text="A", durch=personal_a
        )

    def erinnert():
        return Aufgabe.objects.filter(art=ZwangAufgabenart.ZWANG_STELLUNGNAHME).exists()

    with echter_worker(app):
        app.send_task("zwang.stellungnahmen_erinnern")
        assert warten_bis(erinnert)

    # Idempotent against what the worker wrote: a second run adds no reminder.
    assert domain.stellungnahmen_erinnern() == 0

    (aufgabe,) = Aufgabe.objects.filter(art=ZwangAufgabenart.ZWANG_STELLUNGNAHME)
    assert p.nummer in aufgabe.titel and "personal_a2" in aufgabe.titel
    assert p.beteiligte.get(benutzer=personal_a2).erinnerung == aufgabe
    assert aufgabe.history.get().history_user == Benutzer.objects.get(username="job:zwang-stellungnahmen")
