"""Mutants of R-39-1 (§ 39 JVG Zwangsernährung) that survived the marked tests (issue 25).

`ernaehrung.py:247, 250` (`verfuegung_entwerfen`): the facts of the order name the physician who reported
the state (§ 39 Abs. 3) and the number and dates of the information talks about the risks (§ 39 Abs. 1),
«Gespräch» for one, «Gespräche» otherwise.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from zwangsmedizin.domain import ernaehrung
from zwangsmedizin.recht import Zustand39

from .hilfen import fall_mit, zuteilen

pytestmark = pytest.mark.django_db

AUFKLAERUNG = "Ärztliche Aufklärung über die Risiken (§ 39 Abs. 1 JVG): "


def _sachverhalt(*, anzahl, medizin, leitung, sb, anstalt) -> list[str]:
    """The facts of an order drafted after `anzahl` talks (the later talk recorded first)."""
    fall = fall_mit(durch=sb, anstalt=anstalt)
    zuteilen(medizin, fall.person)
    jetzt = timezone.now()
    h = ernaehrung.hungerstreik_erfassen(fall=fall, beginn=jetzt - timedelta(days=5), durch=leitung)
    for tage in (1, 3)[:anzahl]:
        ernaehrung.gespraech_erfassen(
            hungerstreik=h,
            am=jetzt - timedelta(days=tage),
            inhalt="Risiken der Nahrungsverweigerung erklärt.",
            reaktion="Hört zu, bleibt beim Hungerstreik.",
            durch=medizin,
        )
    ernaehrung.zustand_melden(
        hungerstreik=h, zustand=Zustand39.BEWUSSTLOS, beurteilung="Bewusstlos aufgefunden.", durch=medizin
    )
    v = ernaehrung.verfuegung_entwerfen(hungerstreik=h, begruendung="Lebensgefahr.", durch=sb)
    v.refresh_from_db()
    return v.sachverhalt.split("\n\n")


def _tag(tage: int) -> str:
    return f"{timezone.localtime(timezone.now() - timedelta(days=tage)):%d.%m.%Y}"


@pytest.mark.rule("R-39-1")
def test_sachverhalt_nennt_zahl_und_daten_der_aufklaerungsgespraeche_0_1_2(
    medizin, leitung_a, sachbearbeitung, anstalt_a
):
    kw = {"medizin": medizin, "leitung": leitung_a, "sb": sachbearbeitung, "anstalt": anstalt_a}

    keines = _sachverhalt(anzahl=0, **kw)
    assert keines[1] == f"{AUFKLAERUNG}0 Gespräche."
    # The reporting physician by full name (`get_full_name() or username`).
    assert keines[2].startswith(f"{medizin.get_full_name()} meldete am ")
    assert keines[2].endswith(f": {Zustand39.BEWUSSTLOS.label}. Bewusstlos aufgefunden.")

    eines = _sachverhalt(anzahl=1, **kw)
    assert eines[1] == f"{AUFKLAERUNG}1 Gespräch: {_tag(1)}."

    zwei = _sachverhalt(anzahl=2, **kw)
    assert zwei[1] == f"{AUFKLAERUNG}2 Gespräche: {_tag(3)}, {_tag(1)}."
