"""Demo data of each procedure (issue 21, item 8), loaded with every other app's (`manage.py demo_daten`)."""

import pytest
from django.core.management import call_command

from vollzugsdaten.models import Berechnung, Entlassungspruefung, Massnahme
from vollzugsdaten.recht import Pruefungsstatus


@pytest.mark.rule("R-VD-1", "R-STGB-86-2", "R-STGB-62D-1")
def test_demo_daten_der_vollzugsdaten(db):
    call_command("demo_daten", stdout=open("/dev/null", "w"))  # noqa: SIM115
    b = Berechnung.objects.get(fall__entscheide__referenz="SA1 24 1234")
    assert b.eingaben["angerechnet_tage"] == 62 and b.bedingte_entlassung is not None
    p = Entlassungspruefung.objects.get(fall=b.fall)
    assert p.status == Pruefungsstatus.BERICHT_ANGEFORDERT and p.anhoerung_am is not None
    m = Massnahme.objects.get(fall=b.fall)
    assert m.pruefungen.count() == 1
    a = m.antraege.get()
    assert a.art == "verlaengerung" and a.verlaengerung_jahre == 5 and "§ 4 Abs. 1 JVG" in a.antrag
    from vollzugsdaten.domain import antragsschreiben

    assert antragsschreiben.antrag_pdf(a).startswith(b"%PDF")
