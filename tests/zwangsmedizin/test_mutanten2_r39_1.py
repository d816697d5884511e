"""Mutants of R-39-1 (§ 39 JVG Zwangsernährung) that survived the marked tests (issue 25).

`ernaehrung.py:182–189` (`zustand_melden`), `:236–243` (`verfuegung_entwerfen`), `:296–297` (Eröffnung): the physician's report of § 39 Abs. 3 names
loss of consciousness or incapacity and carries an assessment; no marked test reached the refusals.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from verfuegungen import domain as vfg
from verfuegungen.recht import Verfuegungstyp
from zwangsmedizin.domain import ernaehrung
from zwangsmedizin.models import Hungerstreik
from zwangsmedizin.recht import Zustand39

from .hilfen import durchziehen, fall_mit, zuteilen

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    return fall_mit(durch=sachbearbeitung, anstalt=anstalt_a)


@pytest.mark.rule("R-39-1")
def test_zustand_nur_bewusstlos_oder_urteilsunfaehig_und_mit_beurteilung(medizin, fall, leitung_a):
    zuteilen(medizin, fall.person)
    h = ernaehrung.hungerstreik_erfassen(
        fall=fall, beginn=timezone.now() - timedelta(days=3), durch=leitung_a
    )
    for zustand, beurteilung, feld, text in (
        (
            "geschwaecht",
            "Kreislauf instabil.",
            "zustand",
            "Bewusstseinsverlust oder Urteilsunfähigkeit wählen.",
        ),
        (Zustand39.BEWUSSTLOS, "  ", "beurteilung", "Die ärztliche Beurteilung festhalten."),
    ):
        with pytest.raises(ValidationError) as e:
            ernaehrung.zustand_melden(hungerstreik=h, zustand=zustand, beurteilung=beurteilung, durch=medizin)
        assert e.value.message_dict[feld] == [f"§ 39 Abs. 3 JVG (R-39-1): {text}"]
        g = Hungerstreik.objects.get(pk=h.pk)
        assert (g.zustand, g.zustand_arzt, g.entscheid_aufgabe) == ("", None, None)

    ernaehrung.zustand_melden(
        hungerstreik=h, zustand=Zustand39.URTEILSUNFAEHIG, beurteilung=" Nicht ansprechbar. ", durch=medizin
    )
    g = Hungerstreik.objects.get(pk=h.pk)
    assert (g.zustand, g.zustand_beurteilung, g.zustand_arzt) == (
        Zustand39.URTEILSUNFAEHIG,
        "Nicht ansprechbar.",
        medizin,
    )
    assert g.entscheid_aufgabe is not None


@pytest.mark.rule("R-39-1")
def test_verfuegung_nur_begruendet_und_nur_einmal(medizin, fall, leitung_a, sachbearbeitung):
    # `ernaehrung.py:242–243` (reasons, § 39 Abs. 3) and `:236–238` (a live decision exists).
    zuteilen(medizin, fall.person)
    h = ernaehrung.hungerstreik_erfassen(
        fall=fall, beginn=timezone.now() - timedelta(days=3), durch=leitung_a
    )
    ernaehrung.zustand_melden(
        hungerstreik=h, zustand=Zustand39.BEWUSSTLOS, beurteilung="Bewusstlos aufgefunden.", durch=medizin
    )
    with pytest.raises(ValidationError) as e:
        ernaehrung.verfuegung_entwerfen(hungerstreik=h, begruendung=" ", durch=sachbearbeitung)
    assert e.value.message_dict["begruendung"] == [
        "§ 39 Abs. 3 JVG (R-39-1): Der Entscheid ist zu begründen."
    ]
    assert Hungerstreik.objects.get(pk=h.pk).verfuegung is None

    v = ernaehrung.verfuegung_entwerfen(hungerstreik=h, begruendung="Lebensgefahr.", durch=sachbearbeitung)
    assert Hungerstreik.objects.get(pk=h.pk).verfuegung == v
    with pytest.raises(ValidationError) as e:
        ernaehrung.verfuegung_entwerfen(hungerstreik=h, begruendung="Noch einmal.", durch=sachbearbeitung)
    assert e.value.message_dict["status"] == [f"Es besteht bereits die Verfügung {v.nummer}."]
    assert Hungerstreik.objects.get(pk=h.pk).verfuegung == v


@pytest.mark.rule("R-39-1")
def test_eroeffnung_einer_zwangsernaehrung_ohne_hungerstreik_abgelehnt(
    fall, sachbearbeitung, sachbearbeitung2
):
    # `ernaehrung.py:296–297`: drafted on the shared page without a reported hunger strike.
    v = vfg.verfuegung_entwerfen(
        typ=Verfuegungstyp.ZWANGSERNAEHRUNG_39,
        person=fall.person,
        fall=fall,
        daten=vfg.Entwurfsdaten("Zwangsernährung", "§ 39 JVG", "S", "B", "1. X"),
        durch=sachbearbeitung,
    )
    with pytest.raises(ValidationError) as e:
        durchziehen(v, entwerfer=sachbearbeitung, genehmiger=sachbearbeitung2)
    assert e.value.message_dict["typ"][0].startswith("§ 39 Abs. 3 JVG (R-39-1): Die Zwangsernährung wird auf")
    v.refresh_from_db()
    assert v.eroeffnet_am is None
