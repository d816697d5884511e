"""R-16-1 (§ 16 Abs. 1 JVG): the proofs that the mutation run (issue 25, session 7) showed missing.

- The duration to be executed is a whole number of days from 1 to 36500: 0, a text and 36501 are refused
  as such ("dauer"), 1 is accepted; at 36500 it is the limit of the StGB that refuses.
- Gemeinnützige Arbeit up to 180 days (Art. 79a Abs. 1 lit. a StGB, 181 refused); its hours are four a
  day, any other form has none.
- The Vollzugsbefehl keeps the placement named for Halbgefangenschaft (up to 150 characters); for
  gemeinnützige Arbeit it requires the placement organisation (at most 150 characters) and a deadline
  of 1 to 24 months (Art. 79a Abs. 5 StGB), two years when none is given.
"""

import pytest
from django.core.exceptions import ValidationError

from kern.fristen import monatsfrist
from vollzugsgestaltung import domain, recht
from vollzugsgestaltung.models import BesondereVollzugsform

from . import test_vollzugsformen
from .test_vollzugsformen import HEUTE, _antrag

F = recht.Vollzugsform16
fall = test_vollzugsformen.fall


def _fehler(exc_info) -> dict[str, list[tuple[str, str]]]:
    return {f: [(e.code, e.message) for e in es] for f, es in exc_info.value.error_dict.items()}


DAUER = {"strafdauer_tage": [("dauer", "Die Strafdauer in Tagen angeben (mindestens 1).")]}


@pytest.mark.rule("R-16-1", grenze=True)
@pytest.mark.parametrize("tage", [0, "30", True, 36501])
def test_strafdauer_ausserhalb_1_bis_36500_abgelehnt(fall, sachbearbeitung, tage):
    with pytest.raises(ValidationError) as exc:
        _antrag(fall, sachbearbeitung, F.HALBGEFANGENSCHAFT, tage)
    assert _fehler(exc) == DAUER
    assert not BesondereVollzugsform.objects.exists()


@pytest.mark.rule("R-16-1", grenze=True)
def test_strafdauer_1_tag_ja_36500_an_der_grenze_des_stgb(fall, sachbearbeitung):
    with pytest.raises(ValidationError) as exc:
        _antrag(fall, sachbearbeitung, F.HALBGEFANGENSCHAFT, 36500)
    assert _fehler(exc) == {
        "strafdauer_tage": [
            (
                "voraussetzung",
                "Art. 77b Abs. 1 StGB: Halbgefangenschaft nur für Freiheitsstrafen von höchstens zwölf Monaten.",
            )
        ]
    }
    f = _antrag(fall, sachbearbeitung, F.HALBGEFANGENSCHAFT, 1)
    gespeichert = BesondereVollzugsform.objects.get(pk=f.pk)
    assert (gespeichert.strafdauer_tage, gespeichert.stunden_soll) == (1, 0)


@pytest.mark.rule("R-16-1", "R-STGB-79A-1", grenze=True)
def test_gemeinnuetzige_arbeit_180_tage_ja_181_nein(fall, sachbearbeitung):
    with pytest.raises(ValidationError) as exc:
        _antrag(fall, sachbearbeitung, F.GEMEINNUETZIGE_ARBEIT, 181)
    assert _fehler(exc) == {
        "strafdauer_tage": [
            (
                "voraussetzung",
                "Art. 79a Abs. 1 lit. a StGB: Gemeinnützige Arbeit nur für Freiheitsstrafen von höchstens "
                "sechs Monaten.",
            )
        ]
    }
    f = _antrag(fall, sachbearbeitung, F.GEMEINNUETZIGE_ARBEIT, 180)
    assert BesondereVollzugsform.objects.get(pk=f.pk).stunden_soll == 720


@pytest.mark.rule("R-16-1", grenze=True)
def test_vollzugsbefehl_halbgefangenschaft_behaelt_einsatzbetrieb_bis_150(fall, sachbearbeitung):
    f = _antrag(fall, sachbearbeitung, F.HALBGEFANGENSCHAFT, 90)

    domain.vollzugsbefehl_erlassen(
        vollzugsform=f,
        abklaerung="Arbeitsstelle bestätigt.",
        beginn=HEUTE(),
        einsatzbetrieb="  " + "E" * 149 + "xyz ",
        durch=sachbearbeitung,
    )

    gespeichert = BesondereVollzugsform.objects.get(pk=f.pk)
    assert gespeichert.status == recht.Formstatus.BEFOHLEN
    assert gespeichert.einsatzbetrieb == "E" * 149 + "x"
    assert gespeichert.frist_bis is None


@pytest.mark.rule("R-16-1", "R-STGB-79A-1", grenze=True)
def test_vollzugsbefehl_ga_einsatzbetrieb_pflicht_hoechstens_150(fall, sachbearbeitung):
    f = _antrag(fall, sachbearbeitung, F.GEMEINNUETZIGE_ARBEIT, 30)

    def erlassen(**kw):
        return domain.vollzugsbefehl_erlassen(
            vollzugsform=f, abklaerung="Einsatz geklärt.", beginn=HEUTE(), durch=sachbearbeitung, **kw
        )

    with pytest.raises(ValidationError) as exc:
        erlassen(einsatzbetrieb="  ")
    assert _fehler(exc) == {"einsatzbetrieb": [("pflicht", "Art. 79a StGB: Den Einsatzbetrieb angeben.")]}
    with pytest.raises(ValidationError) as exc:
        erlassen(einsatzbetrieb="E" * 151)
    assert _fehler(exc) == {"einsatzbetrieb": [("zu_lang", "Höchstens 150 Zeichen.")]}
    for monate in (0, 25, "3"):
        with pytest.raises(ValidationError) as exc:
            erlassen(einsatzbetrieb="Brockenhaus", frist_monate=monate)
        assert _fehler(exc) == {
            "frist_monate": [
                (
                    "frist",
                    "Art. 79a Abs. 5 StGB: Die Frist für die gemeinnützige Arbeit beträgt höchstens zwei Jahre.",
                )
            ]
        }
    assert BesondereVollzugsform.objects.get(pk=f.pk).status == recht.Formstatus.ABKLAERUNG

    erlassen(einsatzbetrieb="E" * 150)
    gespeichert = BesondereVollzugsform.objects.get(pk=f.pk)
    assert gespeichert.einsatzbetrieb == "E" * 150
    assert gespeichert.frist_bis == monatsfrist(HEUTE(), 24).ende  # none given: two years


@pytest.mark.rule("R-16-1", "R-STGB-79A-1", grenze=True)
@pytest.mark.parametrize("monate", [1, 24])
def test_vollzugsbefehl_ga_frist_1_bis_24_monate(fall, sachbearbeitung, monate):
    f = _antrag(fall, sachbearbeitung, F.GEMEINNUETZIGE_ARBEIT, 30)

    domain.vollzugsbefehl_erlassen(
        vollzugsform=f,
        abklaerung="Einsatz geklärt.",
        beginn=HEUTE(),
        einsatzbetrieb="Brockenhaus",
        frist_monate=monate,
        durch=sachbearbeitung,
    )

    assert BesondereVollzugsform.objects.get(pk=f.pk).frist_bis == monatsfrist(HEUTE(), monate).ende
