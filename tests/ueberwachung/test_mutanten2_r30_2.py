"""R-30-2 (§ 30 Abs. 3 and 4 JVG): the proofs that the mutation run (issue 25) showed missing.

- An evaluation is closed only once it was recorded (the management evaluated on a recorded suspicion).
- Another authority gets a recording only under a hold of *this* recording in a recorded proceeding that is
  still active, handed over to a named recipient; every refusal stores no access row.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from ueberwachung import domain
from ueberwachung.models import Inhaltszugriff, Videoaufzeichnung
from ueberwachung.recht import Zugriffsart

from .hilfen import T0, filmen, zeit, zone_anlegen

pytestmark = pytest.mark.django_db


def _fehler(exc_info) -> dict[str, list[tuple[str, str]]]:
    return {f: [(e.code, e.message) for e in es] for f, es in exc_info.value.error_dict.items()}


@pytest.mark.rule("R-30-2", grenze=True)
def test_auswertung_abschliessen_nur_nach_erfasster_auswertung(leitung_a):
    video = filmen(leitung_a, zone_anlegen(leitung_a))
    faellig = video.loeschung_faellig_am

    with pytest.raises(ValidationError) as exc:
        domain.auswertung_abschliessen(video=video, durch=leitung_a)

    assert _fehler(exc) == {
        "video": [
            (
                "keine_auswertung",
                "§ 30 Abs. 3 JVG (R-30-2): Es ist keine Auswertung erfasst; abgeschlossen wird eine "
                "begonnene Auswertung.",
            )
        ]
    }
    video.refresh_from_db()
    assert (video.auswertung_abgeschlossen_am, video.loeschung_faellig_am) == (None, faellig)

    # Just inside: evaluated the day after the recording, then closed: due at once (R-30-3).
    with time_machine.travel(zeit(2026, 3, 2, 9, 0), tick=False):
        domain.auswerten(video=video, verdachtsart="straftat", verdacht="Schlägerei im Hof", durch=leitung_a)
        domain.auswertung_abschliessen(video=video, durch=leitung_a)

    video.refresh_from_db()
    assert (video.auswertung_abgeschlossen_am, video.loeschung_faellig_am) == (
        zeit(2026, 3, 2, 9, 0),
        zeit(2026, 3, 2, 9, 0),
    )


KEIN_VERFAHREN = (
    "kein_verfahren",
    "§ 30 Abs. 4 JVG (R-30-2): Andere Behörden erhalten Einsicht nur in einem Straf-, Zivil- oder "
    "Verwaltungsverfahren – zuerst den Beizug für dieses Verfahren erfassen.",
)


@pytest.mark.rule("R-30-2", grenze=True)
def test_einsicht_nur_mit_beizug_dieser_aufzeichnung_und_empfaenger(leitung_a, sachbearbeitung):
    zone = zone_anlegen(leitung_a)
    video = filmen(leitung_a, zone)
    andere = filmen(leitung_a, zone, beginn=T0 + timedelta(hours=2))

    def beizug(aufzeichnung, referenz):
        return domain.beizug_erfassen(
            aufzeichnung=aufzeichnung,
            verfahrensart="strafverfahren",
            referenz=referenz,
            behoerde="StA Luzern",
            durch=sachbearbeitung,
        )

    fremder = beizug(andere, "ST 2")
    eigener = beizug(video, "ST 1")
    for falsch in (fremder, eigener.pk):  # the hold of another recording; no hold object at all
        with pytest.raises(ValidationError) as exc:
            domain.einsicht_gewaehren(
                aufzeichnung=video, beizug=falsch, empfaenger="StA Luzern", durch=leitung_a
            )
        assert _fehler(exc) == {"beizug": [KEIN_VERFAHREN]}
    for leer in ("", "   "):
        with pytest.raises(ValidationError) as exc:
            domain.einsicht_gewaehren(aufzeichnung=video, beizug=eigener, empfaenger=leer, durch=leitung_a)
        assert _fehler(exc) == {
            "empfaenger": [("empfaenger_fehlt", "§ 30 Abs. 4 JVG (R-30-2): Die empfangende Behörde angeben.")]
        }
    assert not Inhaltszugriff.objects.filter(art=Zugriffsart.EINSICHT_BEHOERDE).exists()

    # Just inside: a recipient of 150 characters is kept whole; a longer one is cut at 150 (the field).
    domain.einsicht_gewaehren(aufzeichnung=video, beizug=eigener, empfaenger="S" * 150, durch=leitung_a)
    domain.einsicht_gewaehren(aufzeichnung=video, beizug=eigener, empfaenger="T" * 151, durch=leitung_a)
    assert list(
        Inhaltszugriff.objects.filter(art=Zugriffsart.EINSICHT_BEHOERDE)
        .order_by("pk")
        .values_list("objekt_id", "empfaenger", "verfahren_referenz", "benutzer_id")
    ) == [
        (video.pk, "S" * 150, "ST 1", leitung_a.pk),
        (video.pk, "T" * 150, "ST 1", leitung_a.pk),
    ]
    assert Videoaufzeichnung.objects.count() == 2
