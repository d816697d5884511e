"""R-18-1 (§ 18 Abs. 1 JVG: a Vollzugsplan for custodial sentences of at least six months, due N days after
the Vollzugsbeginn): survivors of issue 25 in the sentence sum (`vollzug/queries.py`), its text on the case
page (`vollzug/views_plan.py`) and the deadline that turns from "erstellen" into "überprüfen".

- years count twelve months of 30 days; the page reads the sum back as years, months and days (singular
  and plural), a case without custodial sentence as "0 Tage";
- once the first version exists, the plan is no longer due to be drawn up (§ 18 Abs. 1) but to be
  reviewed (§ 18 Abs. 2), in the Fristenkontrolle and on the case page; `version_erstellen`
  (`vollzug/domain/vollzugsplan.py:198–241`) numbers the first version 1 with its stages and current stage,
  the review 2 with its stated reason, each with its reason in the history.
"""

from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from vollzug import domain, views_plan
from vollzug.models import Vollzugsplan, Vollzugsplanversion
from vollzug.queries import vollzugsplan_erforderlich
from vollzug.recht import Sanktionsart

from .test_vollzugsplan import ZH, _fall_mit, _plan_fristen, _version

pytestmark = pytest.mark.django_db


def _grund(version) -> str:
    return version.history.get(history_type="+").history_change_reason


def _uebersicht(fall, user):
    return views_plan.kontext_fuer_fall(fall, user)["vollzugsplan"]


@pytest.mark.rule("R-18-1")
@pytest.mark.parametrize(
    ("sanktion", "text", "tage", "erforderlich"),
    [
        (
            domain.SanktionDaten(Sanktionsart.FREIHEITSSTRAFE, dauer_jahre=1, dauer_monate=1, dauer_tage=1),
            "1 Jahr 1 Monat 1 Tag",
            391,
            True,
        ),
        (
            domain.SanktionDaten(Sanktionsart.FREIHEITSSTRAFE, dauer_jahre=2, dauer_monate=2, dauer_tage=2),
            "2 Jahre 2 Monate 2 Tage",
            782,
            True,
        ),
        (domain.SanktionDaten(Sanktionsart.FREIHEITSSTRAFE, dauer_monate=6), "6 Monate", 180, True),
        (
            domain.SanktionDaten(Sanktionsart.FREIHEITSSTRAFE, dauer_monate=5, dauer_tage=29),
            "5 Monate 29 Tage",
            179,
            False,
        ),
        (domain.SanktionDaten(Sanktionsart.STATIONAERE_MASSNAHME), "0 Tage", 0, False),
    ],
)
def test_strafdauer_als_jahre_monate_tage_und_erfordernis(
    sachbearbeitung, sanktion, text, tage, erforderlich
):
    fall = _fall_mit(sachbearbeitung, [sanktion])

    vp = _uebersicht(fall, sachbearbeitung)

    assert (vp.strafe_tage, vp.strafe_text, vp.erforderlich) == (tage, text, erforderlich)
    assert vollzugsplan_erforderlich(fall) is erforderlich


@pytest.mark.rule("R-18-1", "R-18-3")
def test_nach_der_ersten_version_ist_der_plan_zu_ueberpruefen_nicht_mehr_zu_erstellen(
    sachbearbeitung, leitung_a, anstalt_a
):
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=ZH), tick=False):
        fall = _fall_mit(
            sachbearbeitung,
            [domain.SanktionDaten(Sanktionsart.FREIHEITSSTRAFE, dauer_monate=8)],
            eingewiesen_in=anstalt_a,
            am=datetime(2026, 3, 2, 9, 0, tzinfo=ZH),
        )
        vp = _uebersicht(fall, sachbearbeitung)
        assert (vp.faellig_art, vp.regel, vp.paragraph) == ("erstellen", "R-18-1", "§ 18 Abs. 1 JVG")
        [eintrag] = _plan_fristen(sachbearbeitung)
        assert (eintrag.regel, eintrag.titel) == (
            "R-18-1",
            f"Vollzugsplan erstellen: Fall {fall.fallnummer} (§ 18 Abs. 1 JVG)",
        )

        v1 = _version(fall, leitung_a)

        plan = Vollzugsplan.objects.get(fall=fall)
        assert (v1.nummer, v1.anlass, plan.aktuelle_stufe, plan.stufe_seit) == (1, "", 1, timezone.now())
        assert list(v1.stufen.values_list("nummer", "bezeichnung", "beschreibung")) == [
            (1, "Eintrittsabteilung", "Abklärung, Arbeit im Haus"),
            (2, "Wohngruppe", ""),
            (3, "Offener Vollzug", "Urlaube nach Vollzugsplan"),
        ]
        assert _grund(v1) == "Vollzugsplan erstellt (§ 18 Abs. 1 JVG)"
        vp = _uebersicht(fall, sachbearbeitung)
        assert (vp.faellig_art, vp.regel, vp.paragraph) == ("überprüfen", "R-18-3", "§ 18 Abs. 2 JVG")
        [eintrag] = _plan_fristen(sachbearbeitung)
        assert (eintrag.regel, eintrag.titel, eintrag.faellig.date()) == (
            "R-18-3",
            f"Vollzugsplan überprüfen: Fall {fall.fallnummer} (§ 18 Abs. 2 JVG)",
            vp.faellig,
        )

    # The review (§ 18 Abs. 2) is the next version; it states its reason.
    with time_machine.travel(datetime(2026, 6, 1, 10, 0, tzinfo=ZH), tick=False):
        with pytest.raises(ValidationError) as e:
            _version(fall, leitung_a, aktuelle_stufe=2)
        assert e.value.message_dict["anlass"] == [
            "§ 18 Abs. 2 JVG (R-18-3): Eine Überprüfung hält Anlass und Ergebnis fest – bitte ausfüllen."
        ]
        assert Vollzugsplanversion.objects.filter(plan__fall=fall).count() == 1

        v2 = _version(fall, leitung_a, aktuelle_stufe=2, anlass=" Halbjahr: Ziele erreicht ")

        plan = Vollzugsplan.objects.get(fall=fall)
        assert (v2.nummer, v2.anlass, plan.aktuelle_stufe, plan.stufe_seit) == (
            2,
            "Halbjahr: Ziele erreicht",
            2,
            timezone.now(),
        )
        assert _grund(v2) == "Überprüfung (§ 18 Abs. 2 JVG)"
