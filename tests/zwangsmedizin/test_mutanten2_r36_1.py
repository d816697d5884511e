"""Mutants of R-36-1 (§ 36 JVG Zwangsmedikation) that survived the marked tests (issue 25).

- `entscheid.py:143–144`: the authority's decision without reasons (§ 36 Abs. 1) – no test reached it.
- `entscheid.py:122`: only a confirmed urgent order is decided by Verfügung.
- `entscheid.py:195–196`: the review of an urgent order with an unknown result (§ 36 Abs. 2).
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from verfuegungen.models import Verfuegung
from zwangsmedizin.domain import entscheid, information, medikation
from zwangsmedizin.models import Zwangsmedikation
from zwangsmedizin.recht import Medikationsstatus

from .hilfen import daten, fall_zugeteilt

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a, medizin):
    return fall_zugeteilt(sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin)


@pytest.mark.rule("R-36-1")
def test_verfuegung_ohne_begruendung_abgelehnt_mit_begruendung_entworfen(fall_a, medizin, sachbearbeitung):
    m = medikation.antrag_stellen(fall=fall_a, daten=daten(), durch=medizin)
    information.aufklaerung_erfassen(medikation=m, durch=medizin)
    with pytest.raises(ValidationError) as e:
        entscheid.verfuegung_entwerfen(medikation=m, begruendung="  ", durch=sachbearbeitung)
    assert e.value.message_dict["begruendung"] == [
        "§ 36 Abs. 1 JVG (R-36-1): Der Entscheid ist zu begründen."
    ]
    assert not Verfuegung.objects.exists()
    assert Zwangsmedikation.objects.get(pk=m.pk).verfuegung is None

    v = entscheid.verfuegung_entwerfen(
        medikation=m, begruendung="Voraussetzungen erfüllt.", durch=sachbearbeitung
    )
    assert Zwangsmedikation.objects.get(pk=m.pk).verfuegung == v
    assert v.entworfen_durch == sachbearbeitung


@pytest.mark.rule("R-36-1")
def test_nachpruefung_mit_unbekanntem_ergebnis_abgelehnt(fall_a, medizin, sachbearbeitung):
    m = medikation.dringlich_anordnen(
        fall=fall_a,
        daten=daten(),
        dringlich_begruendung="Akute Fremdgefährdung in der Nacht.",
        aufgeklaert_am=timezone.now() - timedelta(minutes=5),
        durch=medizin,
    )
    # `entscheid.py:122` `and → or`: an urgent order not yet reviewed is no basis for a Verfügung.
    with pytest.raises(ValidationError) as e:
        entscheid.verfuegung_entwerfen(medikation=m, begruendung="Bestätigt.", durch=sachbearbeitung)
    assert "bestätigte dringliche Anordnung" in e.value.message_dict["status"][0]
    assert not Verfuegung.objects.exists()
    with pytest.raises(ValidationError) as e:
        entscheid.nachpruefen(
            medikation=m, ergebnis="vielleicht", kommentar="Geprüft.", durch=sachbearbeitung
        )
    assert e.value.message_dict["ergebnis"] == [
        "§ 36 Abs. 2 JVG (R-36-1): bestätigt oder nicht bestätigt wählen."
    ]
    g = Zwangsmedikation.objects.get(pk=m.pk)
    assert (g.status, g.nachpruefung, g.nachgeprueft_durch) == (
        Medikationsstatus.DRINGLICH_ANGEORDNET,
        "",
        None,
    )
    m = entscheid.nachpruefen(
        medikation=m, ergebnis="bestaetigt", kommentar="Geprüft.", durch=sachbearbeitung
    )
    assert Zwangsmedikation.objects.get(pk=m.pk).status == Medikationsstatus.ANGEORDNET
    v = entscheid.verfuegung_entwerfen(medikation=m, begruendung="Bestätigt.", durch=sachbearbeitung)
    assert Zwangsmedikation.objects.get(pk=m.pk).verfuegung == v


def _dringlich(fall, arzt, **kw):
    werte = {"aufgeklaert_am": timezone.now() - timedelta(minutes=5)}
    werte.update(kw)
    return medikation.dringlich_anordnen(
        fall=fall,
        daten=daten(),
        dringlich_begruendung="Akute Fremdgefährdung in der Nacht.",
        durch=arzt,
        **werte,
    )


@pytest.mark.rule("R-36-1")
def test_nachpruefung_nur_einmal(fall_a, medizin, sachbearbeitung):
    # `entscheid.py:193` `or → and`: a reviewed urgent order is not reviewed a second time.
    m = entscheid.nachpruefen(
        medikation=_dringlich(fall_a, medizin),
        ergebnis="bestaetigt",
        kommentar="Geprüft.",
        durch=sachbearbeitung,
    )
    with pytest.raises(ValidationError) as e:
        entscheid.nachpruefen(
            medikation=m, ergebnis="nicht_bestaetigt", kommentar="Doch nicht.", durch=sachbearbeitung
        )
    assert e.value.message_dict["ergebnis"] == ["Hier ist keine dringliche Anordnung nachzuprüfen."]
    g = Zwangsmedikation.objects.get(pk=m.pk)
    assert (g.status, g.nachpruefung_kommentar) == (Medikationsstatus.ANGEORDNET, "Geprüft.")


@pytest.mark.rule("R-36-1")
def test_aufklaerung_in_der_zukunft_abgelehnt(fall_a, medizin):
    # `medikation.py:278` `is not → is`: the time of the information was not checked.
    with pytest.raises(ValidationError) as e:
        _dringlich(fall_a, medizin, aufgeklaert_am=timezone.now() + timedelta(hours=1))
    assert e.value.message_dict["aufgeklaert_am"] == ["Der Zeitpunkt kann nicht in der Zukunft liegen."]
    assert not Zwangsmedikation.objects.exists()


@pytest.mark.rule("R-36-1")
def test_antrag_ablehnen_begruendet_und_nur_offen(fall_a, medizin, sachbearbeitung):
    # `entscheid.py:165–174` (`antrag_ablehnen`): no marked test reached it.
    dringlich = _dringlich(fall_a, medizin)
    with pytest.raises(ValidationError) as e:
        entscheid.antrag_ablehnen(medikation=dringlich, begruendung="Nein.", durch=sachbearbeitung)
    assert "status" in e.value.message_dict
    assert Zwangsmedikation.objects.get(pk=dringlich.pk).status == Medikationsstatus.DRINGLICH_ANGEORDNET

    m = medikation.antrag_stellen(fall=fall_a, daten=daten(), durch=medizin)
    with pytest.raises(ValidationError) as e:
        entscheid.antrag_ablehnen(medikation=m, begruendung=" ", durch=sachbearbeitung)
    assert e.value.message_dict["begruendung"] == ["Die Ablehnung ist zu begründen."]
    assert Zwangsmedikation.objects.get(pk=m.pk).status == Medikationsstatus.BEANTRAGT

    entscheid.antrag_ablehnen(medikation=m, begruendung="  Mildere Mittel genügen. ", durch=sachbearbeitung)
    g = Zwangsmedikation.objects.get(pk=m.pk)
    assert (g.status, g.beendet_grund) == (Medikationsstatus.ABGELEHNT, "Mildere Mittel genügen.")
    assert g.history.first().history_user == sachbearbeitung
