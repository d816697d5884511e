"""R-18-2 (§ 18 Abs. 1 JVG: the facility management draws up the plan with its contents and stages) on the
plan's pages (issue 25, survivors in `vollzug/views_plan.py`):

- the form's title names the version a review creates (the last version's number + 1);
- the form says when no plan is foreseen (below six months of custodial sentences, the boundary of R-18-1
  as the form shows it) and the sum of the sentences as it reads;
- the plan page shows the stages of every version with a constant number of queries, and records the read
  of the plan (of the case while there is none);
- the open acknowledgement tasks on that page are § 18 Abs. 2 (R-18-3), tested there.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kern.models import Aktion, Aufgabe, Lesezugriff
from tests.factories import fall_anlegen
from vollzug import domain
from vollzug.models import Vollzugsplan
from vollzug.recht import Sanktionsart

from .test_vollzugsplan import _fall_mit, _fs, _version

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    """A case of 8 months placed in facility A (as in test_vollzugsplan)."""
    return fall_anlegen(durch=sachbearbeitung, monate=8, eingewiesen_in=anstalt_a)


def _formular(client_als, leitung, fall):
    return client_als(leitung).get(reverse("vollzug:plan_neu", args=[fall.pk]))


@pytest.mark.rule("R-18-2")
def test_titel_nennt_die_version_der_ueberpruefung(client_als, leitung_a, fall):
    assert _formular(client_als, leitung_a, fall).context["titel"] == "Vollzugsplan erstellen"
    _version(fall, leitung_a)

    antwort = _formular(client_als, leitung_a, fall)

    assert antwort.context["titel"] == "Vollzugsplan überprüfen (Version 2)"
    assert "<h1>Vollzugsplan überprüfen (Version 2)</h1>" in antwort.text


HINWEIS = "§ 18 Abs. 1 JVG: Ein Vollzugsplan ist erst ab sechs Monaten Freiheitsstrafe vorgesehen."


@pytest.mark.rule("R-18-2", grenze=True)
@pytest.mark.parametrize(
    ("sanktionen", "hinweis", "text"),
    [
        ([_fs(6)], False, "Freiheitsstrafen insgesamt 6 Monate"),  # 180 days: the boundary itself
        ([_fs(5, 29)], True, "Freiheitsstrafen insgesamt 5 Monate 29 Tage"),  # one day short
        ([_fs(8)], False, "Freiheitsstrafen insgesamt 8 Monate"),
        (
            [domain.SanktionDaten(art=Sanktionsart.STATIONAERE_MASSNAHME)],
            True,
            "Freiheitsstrafen insgesamt 0 Tage",
        ),
    ],
)
def test_formular_zeigt_summe_und_ob_ein_plan_vorgesehen_ist(
    client_als, sachbearbeitung, leitung_a, anstalt_a, sanktionen, hinweis, text
):
    mit_strafen = _fall_mit(sachbearbeitung, sanktionen, eingewiesen_in=anstalt_a)

    antwort = _formular(client_als, leitung_a, mit_strafen)

    assert antwort.status_code == 200
    assert antwort.context["erforderlich"] is not hinweis
    assert (HINWEIS in antwort.text) is hinweis
    assert text in antwort.text


@pytest.mark.rule("R-18-2")
def test_planseite_zeigt_stufen_jeder_version_mit_gleich_vielen_abfragen(client_als, leitung_a, fall):
    client = client_als(leitung_a)
    url = reverse("vollzug:plan_detail", args=[fall.pk])
    _version(fall, leitung_a)
    client.get(url)
    with CaptureQueriesContext(connection) as eine:
        client.get(url)
    _version(
        fall, leitung_a, anlass="Halbjährliche Überprüfung", stufen=[domain.StufeDaten(1, "Nur Stufe A")]
    )
    _version(fall, leitung_a, anlass="Zweite Überprüfung", stufen=[domain.StufeDaten(1, "Nur Stufe B")])

    with CaptureQueriesContext(connection) as drei:
        antwort = client.get(url)

    assert len(drei.captured_queries) == len(eine.captured_queries)
    for stufe in ("Eintrittsabteilung", "Wohngruppe", "Offener Vollzug", "Nur Stufe A", "Nur Stufe B"):
        assert stufe in antwort.text


@pytest.mark.rule("R-18-2")
def test_planseite_protokolliert_den_plan_oder_den_fall(client_als, leitung_a, fall):
    client = client_als(leitung_a)
    url = reverse("vollzug:plan_detail", args=[fall.pk])

    client.get(url)
    ohne = Lesezugriff.objects.filter(benutzer=leitung_a).latest("pk")
    _version(fall, leitung_a)
    client.get(url)
    mit = Lesezugriff.objects.filter(benutzer=leitung_a).latest("pk")

    assert (ohne.objekt_typ, ohne.objekt_id, ohne.person_id, ohne.aktion) == (
        "vollzug.vollzugsfall",
        fall.pk,
        fall.person_id,
        Aktion.ANSICHT,
    )
    plan = Vollzugsplan.objects.get(fall=fall)
    assert (mit.objekt_typ, mit.objekt_id, mit.person_id) == ("vollzug.vollzugsplan", plan.pk, fall.person_id)


@pytest.mark.rule("R-18-3")
def test_planseite_zeigt_nur_offene_kenntnisnahmen(client_als, leitung_a, sachbearbeitung, fall):
    erste = _version(fall, leitung_a)
    domain.version_zustellen(version=erste, durch=leitung_a)
    domain.kenntnis_nehmen(aufgabe=Aufgabe.objects.get(), durch=sachbearbeitung)
    zweite = _version(fall, leitung_a, anlass="Überprüfung")
    domain.version_zustellen(version=zweite, durch=leitung_a)
    offen = Aufgabe.objects.get(erledigt_am__isnull=True)

    antwort = client_als(sachbearbeitung).get(reverse("vollzug:plan_detail", args=[fall.pk]))

    assert [a.pk for a in antwort.context["offene_aufgaben"]] == [offen.pk]
    assert f"Vollzugsplan Version 2 (Fall {fall.fallnummer}) zur Kenntnis nehmen" in antwort.text
    assert f"Vollzugsplan Version 1 (Fall {fall.fallnummer}) zur Kenntnis nehmen" not in antwort.text
