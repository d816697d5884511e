"""R-38-1: the re-ordering reminder job through a real Celery worker and broker (PITFALLS: eager mode
only emulates a worker; the worker sees only committed data)."""

from datetime import datetime, timedelta

import pytest

from kern.fristen import TZ
from kern.models import Aufgabe, Benutzer
from tests.conftest import echter_worker, warten_bis
from vollzug.recht import Sanktionsart
from zwangsmedizin.domain import neuanordnung
from zwangsmedizin.models import Zwangsmedikation
from zwangsmedizin.recht import ZwangsmedizinAufgabenart

from .hilfen import angeordnet, daten_38, fall_zugeteilt, pdf


@pytest.mark.rule("R-38-1", "R-0-AUDIT-1")
@pytest.mark.django_db(transaction=True)
def test_neuanordnungsjob_laeuft_ueber_echten_worker_und_broker(
    sachbearbeitung, sachbearbeitung2, anstalt_a, medizin, eigene_warteschlange
):
    from jvg_case.celery import app

    fall = fall_zugeteilt(
        sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin, art=Sanktionsart.AMBULANTE_MASSNAHME
    )
    # Ordered now: the review date is three months ahead; move it to yesterday as if time had passed.
    m = angeordnet(
        fall=fall,
        arzt=medizin,
        sb=sachbearbeitung,
        sb2=sachbearbeitung2,
        d=daten_38(),
        empfehlung_dokument=pdf(),
    )
    jetzt = datetime.now(TZ)
    Zwangsmedikation.objects.filter(pk=m.pk).update(
        naechste_ueberpruefung_am=jetzt.date() - timedelta(days=1)
    )

    with echter_worker(app):
        app.send_task("zwangsmedizin.neuanordnung_erinnern")
        warten_bis(
            lambda: Aufgabe.objects.filter(
                art=ZwangsmedizinAufgabenart.ZWANGSMEDIKATION_NEU_ANORDNEN
            ).exists()
        )

    # A second run (beat twice) adds nothing: one reminder.
    assert neuanordnung.neuanordnung_erinnern() == 0

    assert (
        Aufgabe.objects.filter(art=ZwangsmedizinAufgabenart.ZWANGSMEDIKATION_NEU_ANORDNEN, fall=fall).count()
        == 1
    )
    m.refresh_from_db()
    assert m.erinnerung_aufgabe is not None
    assert Benutzer.objects.filter(username="job:zwangsmedizin-neuanordnung", rolle="system").exists()
