"""R-30-3 (§ 30 Abs. 5 JVG): the proofs that the mutation run (issue 25, session 7) showed missing.

- A closed evaluation cannot be closed a second time (the first close made the recording due).
- The 100 days run on the Zurich wall clock: a due time in the doubled hour of the end of summer time
  is the first one (summer time), one in the missing hour of its start is moved to summer time; the
  deadline says so in its note, and says nothing on an ordinary day.
- A hold of a video keeps reference and authority within their columns (120 and 150 characters).
- A recording may name a person of the zone's own facility; a person of another facility is refused.
- The API schema publishes the deletion date of a video as read-only.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from drf_spectacular.generators import SchemaGenerator

from kern.fristen import TZ, kalendertage_lokal
from ueberwachung import domain
from ueberwachung.models import Beizug, Videoaufzeichnung

from . import hilfen
from .hilfen import T0, filmen, platzieren, zeit, zone_anlegen

pytestmark = pytest.mark.django_db

insasse, leitung_b = hilfen.insasse, hilfen.leitung_b


def _fehler(exc_info) -> dict[str, list[tuple[str, str]]]:
    return {f: [(e.code, e.message) for e in es] for f, es in exc_info.value.error_dict.items()}


@pytest.mark.rule("R-30-3")
def test_auswertung_wird_nur_einmal_abgeschlossen(leitung_a):
    video = filmen(leitung_a, zone_anlegen(leitung_a))
    domain.auswerten(video=video, verdachtsart="straftat", verdacht="Sachbeschädigung", durch=leitung_a)
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        domain.auswertung_abschliessen(video=video, durch=leitung_a)

    with time_machine.travel(T0 + timedelta(days=5), tick=False), pytest.raises(ValidationError) as exc:
        domain.auswertung_abschliessen(video=video, durch=leitung_a)

    assert _fehler(exc) == {
        "video": [("abgeschlossen", "§ 30 Abs. 5 JVG (R-30-3): Die Auswertung ist bereits abgeschlossen.")]
    }
    video.refresh_from_db()
    assert video.auswertung_abgeschlossen_am == video.loeschung_faellig_am == T0 + timedelta(days=2)


@pytest.mark.rule("R-30-3", grenze=True)
def test_faellig_in_der_doppelten_stunde_zaehlt_die_erste(leitung_a):
    # 17 July 02:30 summer time + 100 days = 25 October 02:30, an hour that exists twice (end of summer
    # time): the first one, 00:30 UTC, not the second (01:30 UTC).
    beginn = zeit(2026, 7, 17, 2, 30)
    video = filmen(leitung_a, zone_anlegen(leitung_a), beginn=beginn)

    assert Videoaufzeichnung.objects.get(pk=video.pk).loeschung_faellig_am == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )
    assert kalendertage_lokal(beginn, 100).hinweis == (
        "02:30 Uhr am 25.10.2026 gibt es zweimal (Ende der Sommerzeit): Fristende beim ersten Mal (Sommerzeit)"
    )


@pytest.mark.rule("R-30-3", grenze=True)
def test_faellig_in_der_fehlenden_stunde_gilt_sommerzeit(leitung_a):
    # 19 December 2025 02:30 + 100 days = 29 March 2026 02:30, an hour that does not exist (start of summer
    # time): 02:30 winter time = 01:30 UTC = 03:30 summer time (not 00:30 UTC).
    beginn = datetime(2025, 12, 19, 2, 30, tzinfo=TZ)
    video = filmen(
        leitung_a, zone_anlegen(leitung_a, am=datetime(2025, 12, 1, 9, 0, tzinfo=TZ)), beginn=beginn
    )

    assert Videoaufzeichnung.objects.get(pk=video.pk).loeschung_faellig_am == datetime(
        2026, 3, 29, 1, 30, tzinfo=UTC
    )
    assert kalendertage_lokal(beginn, 100).hinweis == (
        "02:30 Uhr am 29.03.2026 gibt es nicht (Beginn der Sommerzeit): Fristende 03:30 Uhr Sommerzeit"
    )


@pytest.mark.rule("R-30-3")
def test_gewoehnlicher_tag_ohne_hinweis(leitung_a):
    video = filmen(leitung_a, zone_anlegen(leitung_a))

    assert Videoaufzeichnung.objects.get(pk=video.pk).loeschung_faellig_am == zeit(2026, 6, 9, 10, 15)
    assert kalendertage_lokal(T0, 100).hinweis == ""


@pytest.mark.rule("R-30-3", grenze=True)
def test_beizug_kuerzt_referenz_auf_120_und_behoerde_auf_150(leitung_a, sachbearbeitung):
    video = filmen(leitung_a, zone_anlegen(leitung_a))

    beizug = domain.beizug_erfassen(
        aufzeichnung=video,
        verfahrensart="strafverfahren",
        referenz="R" * 119 + "xyz",
        behoerde="B" * 149 + "xyz",
        durch=sachbearbeitung,
    )

    gespeichert = Beizug.objects.get(pk=beizug.pk)
    assert gespeichert.video_id == video.pk
    assert gespeichert.referenz == "R" * 119 + "x"
    assert gespeichert.behoerde == "B" * 149 + "x"


@pytest.mark.rule("R-30-3")
def test_person_der_eigenen_einrichtung_ja_einer_anderen_nein(leitung_a, insasse, sachbearbeitung, anstalt_b):
    zone = zone_anlegen(leitung_a)

    video = filmen(leitung_a, zone, person=insasse)
    assert Videoaufzeichnung.objects.get(pk=video.pk).person == insasse

    fremd = platzieren(sachbearbeitung, anstalt_b).person
    with pytest.raises(ValidationError) as exc:
        filmen(leitung_a, zone, beginn=T0 + timedelta(minutes=1), person=fremd)
    assert _fehler(exc) == {"person": [("person_unbekannt", "R-0-BAD-1: Unbekannte Person.")]}
    assert Videoaufzeichnung.objects.count() == 1


@pytest.mark.rule("R-30-3")
def test_api_schema_loeschdatum_des_videos_nur_lesbar():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    feld = schema["components"]["schemas"]["Videoaufzeichnung"]["properties"]["loeschungFaelligAm"]
    assert (feld.get("readOnly"), feld.get("format")) == (True, "date-time")
