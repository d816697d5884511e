"""Issue 23: lifting a § 36 / § 39 order, or an upheld appeal against it, ends it (reason, date, actor);
the reason is a health field and stays out of history (its change reason names only the event)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from verfuegungen import domain as vfg
from verfuegungen.recht import Beschwerdeergebnis
from zwangsmedizin.domain import ernaehrung
from zwangsmedizin.recht import Hungerstreikstatus, Medikationsstatus

from .hilfen import angeordnet, durchziehen, fall_zugeteilt

GRUND = "Wiedererwägung: Dosis medizinisch nicht indiziert"


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a, medizin):
    return fall_zugeteilt(sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin)


@pytest.fixture
def medikation(fall_a, medizin, sachbearbeitung, sachbearbeitung2):
    return angeordnet(fall=fall_a, arzt=medizin, sb=sachbearbeitung, sb2=sachbearbeitung2)


@pytest.fixture
def hungerstreik(fall_a, medizin, sachbearbeitung, sachbearbeitung2):
    h = ernaehrung.hungerstreik_erfassen(
        fall=fall_a, beginn=timezone.now() - timedelta(days=5), durch=medizin
    )
    h = ernaehrung.zustand_melden(hungerstreik=h, zustand="bewusstlos", beurteilung="GCS 6.", durch=medizin)
    v = ernaehrung.verfuegung_entwerfen(hungerstreik=h, begruendung="Lebensgefahr.", durch=sachbearbeitung)
    durchziehen(v, entwerfer=sachbearbeitung, genehmiger=sachbearbeitung2)
    h.refresh_from_db()
    assert h.status == Hungerstreikstatus.ANGEORDNET
    return h


def _beschwerde(v, ergebnis, durch):
    heute = timezone.localdate()
    vfg.beschwerde_erfassen(verfuegung=v, eingegangen_am=heute, durch=durch)
    v.refresh_from_db()
    vfg.beschwerdeentscheid_erfassen(verfuegung=v, ergebnis=ergebnis, am=heute, durch=durch)


@pytest.mark.rule("R-0-VFG-4")
def test_aufgehobene_zwangsmedikation_endet(medikation, sachbearbeitung2):
    vor = timezone.now()
    vfg.aufheben(verfuegung=medikation.verfuegung, grund=GRUND, durch=sachbearbeitung2)
    medikation.refresh_from_db()
    assert medikation.status == Medikationsstatus.BEENDET and medikation.beendet_am >= vor
    assert GRUND in medikation.beendet_grund and medikation.verfuegung.nummer in medikation.beendet_grund
    letzte = medikation.history.first()
    assert letzte.history_user == sachbearbeitung2 and letzte.status == Medikationsstatus.BEENDET
    assert GRUND not in letzte.history_change_reason


@pytest.mark.rule("R-0-VFG-4")
def test_gutgeheissene_beschwerde_beendet_zwangsmedikation(medikation, sachbearbeitung):
    _beschwerde(medikation.verfuegung, Beschwerdeergebnis.GUTGEHEISSEN, sachbearbeitung)
    medikation.refresh_from_db()
    assert medikation.status == Medikationsstatus.BEENDET and "gutgeheissen" in medikation.beendet_grund
    assert medikation.history.first().history_user == sachbearbeitung


@pytest.mark.rule("R-0-VFG-4")
def test_abgewiesene_beschwerde_laesst_zwangsmedikation_bestehen(medikation, sachbearbeitung):
    _beschwerde(medikation.verfuegung, Beschwerdeergebnis.ABGEWIESEN, sachbearbeitung)
    medikation.refresh_from_db()
    assert (medikation.status, medikation.beendet_am) == (Medikationsstatus.ANGEORDNET, None)


@pytest.mark.rule("R-0-VFG-4")
def test_aufgehobene_zwangsernaehrung_endet_hungerstreik_bleibt(hungerstreik, sachbearbeitung2):
    vfg.aufheben(verfuegung=hungerstreik.verfuegung, grund=GRUND, durch=sachbearbeitung2)
    hungerstreik.refresh_from_db()
    assert hungerstreik.status == Hungerstreikstatus.LAUFEND
    assert hungerstreik.anordnung_beendet_am is not None and GRUND in hungerstreik.anordnung_beendet_grund
    letzte = hungerstreik.history.first()
    assert letzte.history_user == sachbearbeitung2 and letzte.anordnung_beendet_am is not None
    assert not hasattr(letzte, "anordnung_beendet_grund")  # health text: not in history


@pytest.mark.rule("R-0-VFG-4")
def test_gutgeheissene_beschwerde_beendet_zwangsernaehrung_und_erlaubt_neue(
    hungerstreik, sachbearbeitung, sachbearbeitung2
):
    _beschwerde(hungerstreik.verfuegung, Beschwerdeergebnis.TEILWEISE_GUTGEHEISSEN, sachbearbeitung)
    hungerstreik.refresh_from_db()
    assert hungerstreik.status == Hungerstreikstatus.LAUFEND and hungerstreik.anordnung_beendet_am
    # The authority may order anew on a new finding (the old decision stays as the appeal left it).
    neu = ernaehrung.verfuegung_entwerfen(
        hungerstreik=hungerstreik, begruendung="Neu.", durch=sachbearbeitung
    )
    durchziehen(neu, entwerfer=sachbearbeitung, genehmiger=sachbearbeitung2)
    hungerstreik.refresh_from_db()
    assert hungerstreik.status == Hungerstreikstatus.ANGEORDNET and hungerstreik.anordnung_beendet_am is None


@pytest.mark.rule("R-0-VFG-4")
def test_abgewiesene_beschwerde_laesst_zwangsernaehrung_bestehen(hungerstreik, sachbearbeitung):
    _beschwerde(hungerstreik.verfuegung, Beschwerdeergebnis.NICHTEINTRETEN, sachbearbeitung)
    hungerstreik.refresh_from_db()
    assert (hungerstreik.status, hungerstreik.anordnung_beendet_am) == (Hungerstreikstatus.ANGEORDNET, None)
