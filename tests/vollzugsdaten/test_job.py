"""The nightly recalculation (R-VD-1) through a real Celery worker and broker (PITFALLS: Celery)."""

from datetime import datetime

import pytest

from kern.audit import speichern
from kern.fristen import TZ
from kern.models import Joblauf
from tests.conftest import echter_worker, warten_bis
from tests.factories import fall_anlegen
from vollzugsdaten import domain
from vollzugsdaten.models import Berechnung


@pytest.mark.rule("R-VD-1", "R-0-AUDIT-1")
@pytest.mark.django_db(transaction=True)
def test_nachrechnen_ueber_echten_worker(sachbearbeitung, anstalt_a, eigene_warteschlange):
    from jvg_case.celery import app

    fall = fall_anlegen(
        durch=sachbearbeitung,
        monate=11,
        eingewiesen_in=anstalt_a,
        eingewiesen_am=datetime(2026, 3, 1, 9, tzinfo=TZ),
    )
    domain.aktuelle_berechnung(fall)
    # An input changes without passing the Vollzugsdaten page (e.g. a payment shortens a sentence).
    sanktion = fall.entscheide.first().sanktionen.first()
    sanktion.dauer_tage = 10
    speichern(sanktion, durch=sachbearbeitung)

    def neu_berechnet():
        return Berechnung.objects.filter(fall=fall, version=2).exists()

    with echter_worker(app):
        app.send_task("vollzugsdaten.nachrechnen")
        assert warten_bis(neu_berechnet)

    b = Berechnung.objects.get(fall=fall, version=2)
    assert b.history.first().history_user.username == "job:vollzugsdaten.nachrechnen"
    assert "Strafe geändert:" in b.aenderungen
    assert warten_bis(
        lambda: Joblauf.objects.filter(job="vollzugsdaten.nachrechnen", status="erfolgreich").exists()
    )
    assert domain.alle_nachrechnen() == 0  # idempotent
