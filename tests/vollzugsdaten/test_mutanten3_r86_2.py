"""Mutants of R-STGB-86-2 (Art. 86 Abs. 2 StGB: the ex-officio examination with the facility's report
and the hearing; the case's own lead time with reasons) that survived the marked tests (issue 25).

- `berechnung.py:275` (`len(vorlauf_begruendung) > 300`): no marked test wrote reasons at the limit.
- `entlassung.py:103` (`bericht_anfordern`): a report already requested is not requested again.
- `berechnung.py:291` (`b is not None and …`): a lead time recorded before any calculation exists.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kern.models import Aufgabe
from tests.factories import fall_anlegen
from vollzugsdaten import domain
from vollzugsdaten.models import Entlassungspruefung, Strafzeitangaben
from vollzugsdaten.recht import Pruefungsstatus

pytestmark = pytest.mark.django_db


def _vorlauf(fall, sb, begruendung):
    return domain.angaben_speichern(
        fall=fall,
        lebenslang=False,
        angerechnete_tage=0,
        anrechnung_beleg="",
        anderswo_tage=0,
        anderswo_beleg="",
        vorlauf_monate=2,
        vorlauf_begruendung=begruendung,
        durch=sb,
    )


@pytest.mark.rule("R-STGB-86-2", grenze=True)
def test_begruendung_der_vorlaufzeit_300_zeichen_gespeichert_301_abgelehnt(fall_im_vollzug, sachbearbeitung):
    # Earliest 11.10.2026; the system's three months → 11.07.2026; the case's own two months → 11.08.2026.
    domain.aktuelle_berechnung(fall_im_vollzug)
    with pytest.raises(ValidationError) as e:
        _vorlauf(fall_im_vollzug, sachbearbeitung, "x" * 301)
    assert e.value.message_dict == {"vorlauf_begruendung": ["Höchstens 300 Zeichen."]}
    assert not Strafzeitangaben.objects.filter(fall=fall_im_vollzug).exists()
    assert Entlassungspruefung.objects.get(fall=fall_im_vollzug).faellig_am == date(2026, 7, 11)

    _vorlauf(fall_im_vollzug, sachbearbeitung, "  " + "x" * 300 + "  ")
    a = Strafzeitangaben.objects.get(fall=fall_im_vollzug)
    assert (a.vorlauf_monate, a.vorlauf_begruendung) == (2, "x" * 300)
    assert Entlassungspruefung.objects.get(fall=fall_im_vollzug).faellig_am == date(2026, 8, 11)


@pytest.mark.rule("R-STGB-86-2")
def test_bericht_nur_einmal_anfordern(fall_im_vollzug, sachbearbeitung):
    domain.aktuelle_berechnung(fall_im_vollzug)
    p = domain.bericht_anfordern(
        pruefung=Entlassungspruefung.objects.get(fall=fall_im_vollzug), durch=sachbearbeitung
    )
    meldung = {"status": ["Der Bericht der Einrichtung ist bereits angefordert (Art. 86 Abs. 2 StGB)."]}
    with pytest.raises(ValidationError) as e:
        domain.bericht_anfordern(pruefung=p, durch=sachbearbeitung)
    assert e.value.message_dict == meldung
    assert Aufgabe.objects.filter(art="bericht_86").count() == 1
    assert Entlassungspruefung.objects.get(pk=p.pk).status == Pruefungsstatus.BERICHT_ANGEFORDERT


@pytest.mark.rule("R-STGB-86-2")
def test_eigene_vorlaufzeit_vor_dem_vollzugsbeginn_gespeichert(sachbearbeitung):
    # Not yet placed: no calculation, no examination; the case's own lead time is stored all the same
    # and applies once the dates exist.
    fall = fall_anlegen(durch=sachbearbeitung, monate=11)
    assert _vorlauf(fall, sachbearbeitung, "Vorbereitung der Ausschaffung") is None
    a = Strafzeitangaben.objects.get(fall=fall)
    assert (a.vorlauf_monate, a.vorlauf_begruendung) == (2, "Vorbereitung der Ausschaffung")
    assert not Entlassungspruefung.objects.filter(fall=fall).exists()
