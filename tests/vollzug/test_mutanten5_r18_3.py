"""R-18-3 (§ 18 Abs. 2 JVG: the plan is reviewed, each review is a new version, old versions stay readable;
overdue reviews appear in the Fristenkontrolle) – survivors of the mutation run (issue 25, session 7):

- the Fristenkontrolle entry of a review names the facility the person is placed in, and counts from the
  latest of several versions;
- a review form starts at stage 1 when the plan has no current stage;
- the plan page shows every version with its stages at a constant number of queries, logs the read of
  the plan and lists each change of the current stage once, newest first, with its reason;
- the review form in the browser: its title names the next version, a complete review is stored as a new
  version, an incomplete one is refused at the field and nothing is stored.
"""

from datetime import date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kern.fristen import tagesende
from kern.models import Aktion, Lesezugriff
from tests.factories import fall_anlegen
from vollzug.domain.fristen import vollzugsplan_fristen
from vollzug.forms_plan import VersionForm
from vollzug.models import Vollzugsplan, Vollzugsplanversion

from .test_vollzugsplan import ZH, _version

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    """A case of 8 months placed in facility A (as in test_vollzugsplan)."""
    return fall_anlegen(durch=sachbearbeitung, monate=8, eingewiesen_in=anstalt_a)


@pytest.mark.rule("R-18-3")
def test_frist_der_ueberpruefung_nennt_einrichtung_und_zaehlt_ab_letzter_version(
    sachbearbeitung, leitung_a, anstalt_a
):
    with time_machine.travel(datetime(2026, 2, 20, 9, 0, tzinfo=ZH), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=datetime.now(ZH))
    with time_machine.travel(datetime(2026, 3, 12, 9, 0, tzinfo=ZH), tick=False):
        _version(fall, leitung_a)
    with time_machine.travel(datetime(2026, 5, 4, 9, 0, tzinfo=ZH), tick=False):
        _version(fall, leitung_a, anlass="Vorgezogene Überprüfung nach Disziplinarfall")

    (eintrag,) = vollzugsplan_fristen(sachbearbeitung, date(2026, 5, 5))

    # Six months after the second version (04.05.2026), not after the first (12.09.2026).
    assert (eintrag.titel, eintrag.faellig, eintrag.regel) == (
        f"Vollzugsplan überprüfen: Fall {fall.fallnummer} (§ 18 Abs. 2 JVG)",
        tagesende(date(2026, 11, 4)),
        "R-18-3",
    )
    assert (eintrag.anstalt_id, eintrag.anstalt_name) == (anstalt_a.pk, anstalt_a.name)
    assert anstalt_a.name != ""


@pytest.mark.rule("R-18-3")
def test_ueberpruefung_ohne_aktuelle_stufe_beginnt_bei_stufe_1(leitung_a, fall):
    version = _version(fall, leitung_a, aktuelle_stufe=3)

    assert VersionForm.initial_aus(version, None)["aktuelle_stufe"] == 1
    assert VersionForm.initial_aus(version, 3)["aktuelle_stufe"] == 3


@pytest.mark.rule("R-18-3")
def test_planseite_zeigt_alle_versionen_und_den_stufenverlauf(client_als, leitung_a, fall):
    client = client_als(leitung_a)
    url = reverse("vollzug:plan_detail", args=[fall.pk])
    with time_machine.travel(datetime(2026, 3, 12, 9, 0, tzinfo=ZH), tick=False):
        _version(fall, leitung_a, aktuelle_stufe=1)
    client.get(url)
    with CaptureQueriesContext(connection) as eine:
        client.get(url)
    with time_machine.travel(datetime(2026, 9, 1, 9, 0, tzinfo=ZH), tick=False):
        _version(fall, leitung_a, aktuelle_stufe=1, anlass="Halbjährliche Überprüfung", gestaltung="Zweite")
    with time_machine.travel(datetime(2027, 3, 1, 9, 0, tzinfo=ZH), tick=False):
        _version(fall, leitung_a, aktuelle_stufe=2, anlass="Fortschritte", gestaltung="Dritte")

    with CaptureQueriesContext(connection) as drei:
        antwort = client.get(url)

    assert antwort.status_code == 200
    assert len(drei.captured_queries) == len(eine.captured_queries)
    assert [v.nummer for v in antwort.context["vp"].versionen] == [3, 2, 1]
    for text in ("Normalvollzug, Arbeit in der Schreinerei", "Zweite", "Dritte", "Wohngruppe"):
        assert text in antwort.text
    # Version 2 kept stage 1: the history shows each change of the stage once, newest first.
    assert [
        (h.aktuelle_stufe, h.history_change_reason, h.history_user) for h in antwort.context["stufenverlauf"]
    ] == [
        (2, "Version 3 (§ 18 JVG), Stufe 2", leitung_a),
        (1, "Version 1 (§ 18 JVG), Stufe 1", leitung_a),
    ]
    assert "<h2>Verlauf der Vollzugsstufe</h2>" in antwort.text
    gelesen = Lesezugriff.objects.filter(benutzer=leitung_a).latest("pk")
    plan = Vollzugsplan.objects.get(fall=fall)
    assert (gelesen.objekt_typ, gelesen.objekt_id, gelesen.person_id, gelesen.aktion) == (
        "vollzug.vollzugsplan",
        plan.pk,
        fall.person_id,
        Aktion.ANSICHT,
    )


REVIEW = {
    "gestaltung": "Normalvollzug, neu Gärtnerei",
    "vollzugsziele": "Deliktsaufarbeitung",
    "wiedereingliederung": "Wohnung suchen",
    "stufen": "Eintritt\nWohngruppe\nOffen",
    "aktuelle_stufe": "2",
    "anlass": "Halbjährliche Überprüfung: Arbeitsplatz gewechselt",
}


@pytest.mark.rule("R-18-3")
def test_ui_ueberpruefung_speichert_neue_version_oder_verweigert_am_feld(client_als, leitung_a, fall):
    client = client_als(leitung_a)
    url = reverse("vollzug:plan_neu", args=[fall.pk])
    _version(fall, leitung_a)
    _version(fall, leitung_a, anlass="Erste Überprüfung")

    formular = client.get(url)
    unvollstaendig = client.post(url, {**REVIEW, "gestaltung": ""})

    assert formular.context["titel"] == "Vollzugsplan überprüfen (Version 3)"
    assert formular.context["form"].is_bound is False
    # The review form of an 8-month case: a plan is foreseen, the sum of the sentences as it reads.
    assert formular.context["erforderlich"] is True
    assert "Freiheitsstrafen insgesamt 8 Monate" in formular.text
    assert unvollstaendig.status_code == 200
    assert unvollstaendig.context["form"].errors["gestaltung"] == [
        "§ 18 Abs. 1 JVG (R-18-2): Der Vollzugsplan umfasst die Gestaltung des Vollzugs – bitte ausfüllen."
    ]
    assert Vollzugsplanversion.objects.count() == 2

    ok = client.post(url, REVIEW)

    assert ok.status_code == 302
    assert ok["Location"] == reverse("vollzug:plan_version", args=[fall.pk, 3])
    neu = Vollzugsplanversion.objects.get(nummer=3)
    assert (neu.gestaltung, neu.anlass, neu.plan.aktuelle_stufe) == (
        "Normalvollzug, neu Gärtnerei",
        "Halbjährliche Überprüfung: Arbeitsplatz gewechselt",
        2,
    )
    assert Vollzugsplanversion.objects.get(nummer=1).gestaltung == "Normalvollzug, Arbeit in der Schreinerei"
