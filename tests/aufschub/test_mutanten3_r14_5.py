"""R-14-5 (§ 14 Abs. 1, 4, 5 JVG: the decision records the assessment of duration, flight and re-offending
risk, special investigations and precautionary measures): the Verfügung draft carries that assessment
word for word (issue 25, survivors in `aufschub/domain/entscheid.py:192–232`, `_entwurfsdaten`).

- an interruption on ground (a) with certificate, granted, without investigations or measures: the
  draft says "unterbrochen", "zurückzukehren" the day after the end, "keine angeordnet." twice and names
  § 14 Abs. 3 but not Abs. 4/5;
- a refused deferral with a precautionary measure: the refusal keeps the measure in its operative part.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from aufschub.models import Aufschubgesuch
from aufschub.recht import Gefahrenstufe, Gesuchsart, Gesuchsgrund, Gesuchsstatus
from tests.factories import fall_anlegen

from .test_aufschub import HEUTE, _entscheiden, _gesuch, _zeugnis

pytestmark = pytest.mark.django_db


def _d(tag) -> str:
    return f"{tag:%d.%m.%Y}"


@pytest.mark.rule("R-14-5")
def test_bewilligte_unterbrechung_grund_a_entwurf_mit_ganzer_beurteilung(sachbearbeitung, anstalt_a):
    fall = fall_anlegen(
        durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=timezone.now() - timedelta(days=30)
    )
    eingereicht, von, bis = HEUTE - timedelta(days=3), HEUTE, HEUTE + timedelta(days=9)
    gesuch = _gesuch(
        sachbearbeitung,
        fall,
        art=Gesuchsart.UNTERBRECHUNG,
        grund=Gesuchsgrund.A,
        eingereicht_am=eingereicht,
        begehrt_von=von,
        begehrt_bis=bis,
        begruendung="Operation am Knie.",
        arztzeugnis=_zeugnis(),
        arztzeugnis_ausgestellt_am=eingereicht - timedelta(days=1),
    )

    v = _entscheiden(
        gesuch,
        sachbearbeitung,
        fluchtgefahr=Gefahrenstufe.ERHEBLICH,
        wiederholungsgefahr=Gefahrenstufe.GERING,
        beurteilung_gefahren="Feste Wohnadresse.",
    )

    g = Aufschubgesuch.objects.get(pk=gesuch.pk)
    assert (g.status, g.fluchtgefahr, g.wiederholungsgefahr, g.beurteilung_gefahren) == (
        Gesuchsstatus.BEWILLIGT,
        Gefahrenstufe.ERHEBLICH,
        Gefahrenstufe.GERING,
        "Feste Wohnadresse.",
    )
    name = f"{fall.person.vorname} {fall.person.amtlicher_name}"
    assert v.titel == "Unterbrechung des Vollzugs (§ 14 JVG): Bewilligung"
    assert v.rechtsgrundlage == "§ 14 Abs. 1 und 2 lit. a, Abs. 3 JVG"
    assert v.sachverhalt.split("\n\n")[1:] == [
        f"Mit Gesuch vom {_d(eingereicht)} ersucht {name} um Unterbrechung des Vollzugs vom {_d(von)} bis "
        f"{_d(bis)} (10 Tage) aus wichtigem Grund (§ 14 Abs. 2 lit. a JVG: vollständige "
        "Hafterstehungsunfähigkeit).",
        f"Dem Gesuch liegt ein Arztzeugnis vom {_d(eingereicht - timedelta(days=1))} bei.",
        "Begründung des Gesuchs: Operation am Knie.",
    ]
    assert v.begruendung.split("\n\n") == [
        "Voraussichtliche Vollzugsdauer (§ 14 Abs. 1 JVG): Acht Monate Freiheitsstrafe; kein Vollzugsbeginn "
        "verpasst.",
        "Fluchtgefahr: erheblich. Wiederholungsgefahr: gering. Feste Wohnadresse.",
        "Besondere Untersuchungen (§ 14 Abs. 4 JVG): keine angeordnet.",
        "Vorsorgliche Massnahmen (§ 14 Abs. 5 JVG): keine angeordnet.",
        "Würdigung: Das Vorkommnis ist ausserordentlich und unaufschiebbar.",
    ]
    assert v.dispositiv.split("\n") == [
        f"Der Vollzug der Sanktion «{g.sanktion}» (Fall {fall.fallnummer}) wird vom {_d(von)} bis {_d(bis)} "
        "unterbrochen.",
        f"{name} hat am {_d(bis + timedelta(days=1))} in die Vollzugseinrichtung zurückzukehren.",
    ]


@pytest.mark.rule("R-14-5")
def test_abgewiesener_aufschub_behaelt_vorsorgliche_massnahme_im_dispositiv(sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung)
    gesuch = _gesuch(sachbearbeitung, fall)

    v = _entscheiden(
        gesuch, sachbearbeitung, bewilligen=False, vorsorgliche_massnahmen="Ausweisschriften hinterlegen"
    )

    g = Aufschubgesuch.objects.get(pk=gesuch.pk)
    assert (g.status, g.vorsorgliche_massnahmen, g.besondere_untersuchungen) == (
        Gesuchsstatus.ABGEWIESEN,
        "Ausweisschriften hinterlegen",
        "",
    )
    assert v.titel == "Gesuch um Aufschub des Vollzugs (§ 14 JVG): Abweisung"
    assert v.rechtsgrundlage == "§ 14 Abs. 1 und 2 lit. b, Abs. 5 JVG"
    assert "Vorsorgliche Massnahmen (§ 14 Abs. 5 JVG): Ausweisschriften hinterlegen" in v.begruendung
    assert "Besondere Untersuchungen (§ 14 Abs. 4 JVG): keine angeordnet." in v.begruendung
    assert v.dispositiv.split("\n") == [
        f"Das Gesuch vom {_d(HEUTE)} um Aufschub des Vollzugs wird abgewiesen.",
        "Vorsorgliche Massnahmen (§ 14 Abs. 5 JVG): Ausweisschriften hinterlegen",
    ]
