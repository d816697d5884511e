"""Issue 17: the Arbeitskorb, start page of every role — what THIS user must do now, one row per thing,
grouped Überfällig / Heute / Diese Woche / Später, each row linking to where the action is taken, with a
constant number of queries; and the demo data lets every four-eyes flow be completed."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from arbeitskorb import queries
from arbeitskorb.templatetags.arbeitskorb import arbeitskorb_zaehler
from kern.audit import speichern
from kern.fristen import TZ, tagesende
from kern.models import Aufgabe, Benutzer
from kern.rollen import Rolle
from tests.conftest import _benutzer
from tests.factories import fall_anlegen
from tests.zwang.hilfen import beteiligt, protokoll
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Anhoerungsart, Verfuegungsstatus, Verfuegungstyp
from vollzug.recht import VollzugAufgabenart

pytestmark = pytest.mark.django_db
T = Verfuegungstyp
S = Verfuegungsstatus
START = reverse("start")


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.fixture
def fall_b(sachbearbeitung, anstalt_b):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_b)


def _daten(titel="Verfügung"):
    return vfg.Entwurfsdaten(
        titel=titel,
        rechtsgrundlage="§ 41 Abs. 1 lit. a JVG",
        sachverhalt="Sachverhalt.",
        begruendung="Begründung.",
        dispositiv="1. Verweis.",
    )


def _vorgelegt(typ, durch, fall, anstalt=None):
    v = vfg.verfuegung_entwerfen(
        typ=typ, person=fall.person, fall=fall, anstalt=anstalt, daten=_daten(), durch=durch
    )
    if v.ist_belastend:
        vfg.gehoer_erfassen(verfuegung=v, art=Anhoerungsart.VERZICHT, durch=durch)
    return vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=durch)


def _aufgabe(fall, rolle, faellig, titel="Einweisungsbehörde informieren", anstalt=None):
    return speichern(
        Aufgabe(
            art=VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN,
            titel=titel,
            fuer_rolle=rolle,
            fall=fall,
            anstalt=anstalt,
            faellig_am=faellig,
        ),
        durch=None,
    )


def _titel(user, **kw):
    return [e.titel for e in queries.eintraege(user, **kw)]


def _urls(user):
    return [e.url for e in queries.eintraege(user)]


# --- Contents per role: rows included and excluded -------------------------------------------------


@pytest.mark.rule("R-0-4EYES-1")
def test_genehmigung_im_korb_jeder_berechtigten_sachbearbeitung(
    sachbearbeitung, sachbearbeitung2, fall_a, revision
):
    v = _vorgelegt(T.AUFSCHUB_14, sachbearbeitung, fall_a)
    # The second case worker sees it, linked to the decision; not the drafter, not the auditor.
    assert v.get_absolute_url() in _urls(sachbearbeitung2)
    assert any(v.nummer in t and "genehmigen" in t for t in _titel(sachbearbeitung2))
    assert v.get_absolute_url() not in _urls(sachbearbeitung)
    assert v.get_absolute_url() not in _urls(revision)
    # Approved: gone from the basket.
    vfg.genehmigen(verfuegung=v, durch=sachbearbeitung2)
    assert v.get_absolute_url() not in _urls(sachbearbeitung2)


@pytest.mark.rule("R-0-4EYES-1")
def test_genehmigung_der_einrichtung_nur_fuer_deren_leitung(
    sachbearbeitung, personal_a, leitung_a, anstalt_a, anstalt_b, fall_a
):
    leitung_b = _benutzer("leitung_b", Rolle.ANSTALTSLEITUNG, anstalt_b)
    v = _vorgelegt(T.DISZIPLINAR, personal_a, fall_a, anstalt_a)
    url = v.get_absolute_url()
    assert url in _urls(leitung_a)
    for andere in (leitung_b, personal_a, sachbearbeitung):
        assert url not in _urls(andere)


@pytest.mark.rule("R-0-4EYES-1")
def test_genehmigung_im_korb_der_stellvertretung_im_zeitraum(leitung_a, anstalt_a, fall_a):
    from verfuegungen.models import Stellvertretung

    stv = _benutzer("stv_a", Rolle.ANSTALTSPERSONAL, anstalt_a)
    heute = timezone.localdate()
    v = _vorgelegt(T.DISZIPLINAR, leitung_a, fall_a, anstalt_a)
    assert v.get_absolute_url() not in _urls(stv)
    Stellvertretung.objects.create(vertreter=stv, anstalt=anstalt_a, von=heute, bis=heute)
    assert v.get_absolute_url() in _urls(stv)
    Stellvertretung.objects.update(von=heute - timedelta(days=2), bis=heute - timedelta(days=1))
    assert v.get_absolute_url() not in _urls(stv)


def test_aufgaben_der_eigenen_rolle_und_einrichtung(sachbearbeitung, leitung_a, personal_a, fall_a, fall_b):
    jetzt = timezone.now()
    fuer_sb = _aufgabe(fall_a, Rolle.SACHBEARBEITUNG, jetzt + timedelta(days=1), "Für die Behörde")
    fuer_al = _aufgabe(fall_a, Rolle.ANSTALTSLEITUNG, jetzt + timedelta(days=1), "Für die Leitung A")
    fuer_al_b = _aufgabe(fall_b, Rolle.ANSTALTSLEITUNG, jetzt + timedelta(days=1), "Für die Leitung B")
    assert "Für die Behörde" in _titel(sachbearbeitung)
    assert "Für die Leitung A" not in _titel(sachbearbeitung)
    assert "Für die Leitung A" in _titel(leitung_a) and "Für die Leitung B" not in _titel(leitung_a)
    assert not {"Für die Behörde", "Für die Leitung A"} & set(_titel(personal_a))
    # Done: gone.
    fuer_sb.erledigt_am = jetzt
    fuer_sb.save()
    assert "Für die Behörde" not in _titel(sachbearbeitung)
    assert fuer_al.pk and fuer_al_b.pk


@pytest.mark.rule("R-33-1")
def test_personal_sieht_die_eigene_offene_stellungnahme(
    client_als, sachbearbeitung, personal_a, leitung_a, fall_a
):
    kollegin = _benutzer("personal_a2", Rolle.ANSTALTSPERSONAL, leitung_a.anstalt)
    p = protokoll(leitung_a, fall_a, beteiligte=beteiligt(personal_a, leitung_a))
    seite = client_als(personal_a).get(START).content.decode()
    assert f"zum Zwangsprotokoll {p.nummer}" in seite
    assert "Nichts überfällig" in seite or "Heute" in seite
    assert reverse("zwang:detail", args=[p.pk]) in seite
    # A colleague not involved has nothing to write (the Fristenkontrolle still lists it for her).
    assert not any(p.nummer in t for t in _titel(kollegin))
    # The author writes her own statement: her row only.
    eigene = [t for t in _titel(leitung_a) if p.nummer in t and "Stellungnahme" in t]
    assert eigene == [
        f"Stellungnahme von {leitung_a.get_full_name()} zum Zwangsprotokoll {p.nummer} (§ 33 Abs. 4 JVG)"
    ]


def test_vollzugsbeginn_nur_einmal_als_aufgabe(sachbearbeitung):
    # The R-13-1 task and the Vollzugsbeginn deadline are one row (the task) for the case workers.
    fall = fall_anlegen(durch=sachbearbeitung, eingang_am=timezone.localdate() - timedelta(days=40))
    from vollzug.domain.faelle import vollzugsbeginn_ueberfaellig_melden

    assert vollzugsbeginn_ueberfaellig_melden() == 1
    zeilen = [e for e in queries.eintraege(sachbearbeitung) if fall.fallnummer in e.titel]
    assert len(zeilen) == 1 and zeilen[0].art == "aufgabe"


# --- Link targets --------------------------------------------------------------------------------


def test_zwangsmedikation_aufgabe_fuehrt_zum_antrag(sachbearbeitung, anstalt_a, medizin):
    from tests.zwangsmedizin.hilfen import daten, fall_zugeteilt
    from zwangsmedizin.domain import medikation

    fall = fall_zugeteilt(sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin)
    antrag = medikation.antrag_stellen(fall=fall, daten=daten(medikament="Olanzapin"), durch=medizin)
    zeilen = [e for e in queries.eintraege(sachbearbeitung) if e.art == "aufgabe"]
    ziel = reverse("zwangsmedizin:medikation_detail", args=[antrag.pk])
    assert [e.url.split("#")[0] for e in zeilen] == [ziel]
    assert fall.get_absolute_url() not in [e.url.split("#")[0] for e in zeilen]


# --- Grouping at the date boundaries -------------------------------------------------------------


def test_gruppen_grenzen():
    jetzt = datetime(2026, 3, 4, 10, 0, tzinfo=TZ)  # a Wednesday
    g = queries.gruppe_von
    assert g(jetzt - timedelta(seconds=1), jetzt) == "ueberfaellig"
    assert g(jetzt, jetzt) == "heute"
    assert g(tagesende(jetzt.date()), jetzt) == "heute"
    assert g(tagesende(jetzt.date()) + timedelta(seconds=1), jetzt) == "diese_woche"
    sonntag = datetime(2026, 3, 8, 23, 59, 59, tzinfo=TZ)
    assert g(sonntag, jetzt) == "diese_woche"
    assert g(sonntag + timedelta(seconds=1), jetzt) == "spaeter"


def test_seite_gruppiert_heute_und_ueberfaellig(client_als, sachbearbeitung, fall_a):
    jetzt = datetime(2026, 3, 4, 10, 0, tzinfo=TZ)
    with time_machine.travel(jetzt, tick=False):
        _aufgabe(fall_a, Rolle.SACHBEARBEITUNG, jetzt - timedelta(minutes=1), "Gestern fällig")
        _aufgabe(
            fall_a,
            Rolle.SACHBEARBEITUNG,
            datetime.combine(jetzt.date(), time(23, 59), tzinfo=TZ),
            "Heute fällig",
        )
        antwort = client_als(sachbearbeitung).get(START)
    gruppen = {g["schluessel"]: [z.titel for z in g["zeilen"]] for g in antwort.context["gruppen"]}
    assert "Gestern fällig" in gruppen["ueberfaellig"] and "Gestern fällig" not in gruppen["heute"]
    assert "Heute fällig" in gruppen["heute"] and "Heute fällig" not in gruppen["ueberfaellig"]
    assert antwort.context["korb_zaehler"]["ueberfaellig"] >= 1
    inhalt = antwort.content.decode()
    assert (
        "Überfällig (" in inhalt
        and "Heute (" in inhalt
        and "Diese Woche (" in inhalt
        and "Später (" in inhalt
    )
    assert "R-" not in inhalt.split("<main", 1)[-1].split("Übersicht", 1)[0]


# --- Counts for the navigation ----------------------------------------------------------------------


def test_zaehler_und_navigation(client_als, sachbearbeitung, sachbearbeitung2, fall_a, rf):
    _vorgelegt(T.AUFSCHUB_14, sachbearbeitung, fall_a)
    werte = queries.zaehler(sachbearbeitung2)
    assert werte["offen"] >= 1 and set(werte) == {"offen", "ueberfaellig"}
    anfrage = rf.get("/")
    anfrage.user = sachbearbeitung2
    assert arbeitskorb_zaehler({"request": anfrage}) == werte
    client = client_als(sachbearbeitung2)
    client.get(START)
    seite = client.get(reverse("vollzug:fall_list")).content.decode()
    assert 'Arbeitskorb <span class="zaehler">' in seite and f"</span>{werte['offen']}<" in seite


# --- Constant query count ----------------------------------------------------------------------------


def test_konstante_abfragen(
    client_als, django_assert_max_num_queries, sachbearbeitung, sachbearbeitung2, anstalt_a
):
    client = client_als(sachbearbeitung2)

    def anlegen(n):
        for i in range(n):
            fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
            _vorgelegt(T.AUFSCHUB_14, sachbearbeitung, fall)
            _aufgabe(fall, Rolle.SACHBEARBEITUNG, timezone.now() + timedelta(days=i), f"Aufgabe {i}")

    anlegen(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as eins:
        assert client.get(START).status_code == 200
    anlegen(10)
    with django_assert_max_num_queries(len(eins.captured_queries)):
        antwort = client.get(START)
    assert len([z for g in antwort.context["gruppen"] for z in g["zeilen"] if z.art == "genehmigung"]) == 11


# --- The demo data: every four-eyes flow can be completed ---------------------------------------------


@pytest.mark.rule("R-0-4EYES-1")
def test_demo_genehmigung_14_und_disziplinarentscheid(db):
    from aufschub import domain as aufschub
    from aufschub.models import Aufschubgesuch
    from disziplinar import domain as disziplinar
    from disziplinar.models import Disziplinarverfahren
    from disziplinar.recht import Disziplinarsanktionsart as Sanktionsart

    call_command("demo_daten", stdout=open("/dev/null", "w"))  # noqa: SIM115
    b = {u.username: u for u in Benutzer.objects.all()}
    for name in (
        "sachbearbeitung",
        "sachbearbeitung2",
        "stv.grosshof",
        "stv.wauwilermoos",
        "leitung.grosshof",
    ):
        assert b[name].has_usable_password()

    # § 14: the case worker decides and submits, the second case worker approves from her basket.
    gesuch = Aufschubgesuch.objects.get(fall__entscheide__referenz="SA2 25 310")
    v = aufschub.gesuch_entscheiden(
        gesuch=gesuch,
        bewilligen=True,
        beurteilung_vollzugsdauer="Kurze Strafe.",
        fluchtgefahr="keine",
        wiederholungsgefahr="gering",
        entscheid_begruendung="Die Geburt ist ein wichtiger Grund.",
        durch=b["sachbearbeitung"],
    )
    v = vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=b["sachbearbeitung"])
    assert v.get_absolute_url() in _urls(b["sachbearbeitung2"])
    assert vfg.genehmigen(verfuegung=v, durch=b["sachbearbeitung2"]).status == S.GENEHMIGT

    # Disciplinary decision in Grosshof (one director): the director drafts, the deputy approves.
    verfahren = Disziplinarverfahren.objects.get(anstalt__kurzname="Grosshof")
    d = disziplinar.verfuegung_entwerfen_fuer(
        verfahren=verfahren,
        sanktionen=[disziplinar.SanktionDaten(Sanktionsart.VERWEIS)],
        beurteilung=disziplinar.Beurteilung(
            verschulden="Leicht.",
            schwere="Gering.",
            persoenliche_verhaeltnisse="Geordnet.",
            auswirkung_resozialisierung="Keine.",
        ),
        begruendung="Das Mobiltelefon ist erstellt.",
        durch=b["leitung.grosshof"],
    )
    vfg.gehoer_erfassen(verfuegung=d, art=Anhoerungsart.VERZICHT, durch=b["leitung.grosshof"])
    d = vfg.zur_genehmigung_vorlegen(verfuegung=d, durch=b["leitung.grosshof"])
    assert d.get_absolute_url() in _urls(b["stv.grosshof"])
    assert d.get_absolute_url() not in _urls(b["stv.wauwilermoos"])
    d = vfg.genehmigen(verfuegung=d, durch=b["stv.grosshof"])
    assert (d.status, d.genehmigt_durch) == (S.GENEHMIGT, b["stv.grosshof"])
    assert Verfuegung.objects.filter(status=S.GENEHMIGT).count() >= 2


@pytest.mark.rule("R-0-4EYES-1")
def test_zurueckgewiesener_entwurf_beim_verfasser(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _vorgelegt(T.AUFSCHUB_14, sachbearbeitung, fall_a)
    assert v.get_absolute_url() not in _urls(sachbearbeitung)
    vfg.zurueckweisen(verfuegung=v, durch=sachbearbeitung2, kommentar="Begründung ergänzen.")
    zeilen = [e for e in queries.eintraege(sachbearbeitung) if e.url == v.get_absolute_url()]
    assert [e.art for e in zeilen] == ["ueberarbeitung"] and "überarbeiten" in zeilen[0].titel
    assert v.get_absolute_url() not in _urls(sachbearbeitung2)
    # Submitted again: back in the second case worker's basket, gone from the drafter's.
    vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    assert v.get_absolute_url() not in _urls(sachbearbeitung)
    assert v.get_absolute_url() in _urls(sachbearbeitung2)


def test_zaehler_vergessen_bei_vorlage_genehmigung_und_rueckweisung(
    sachbearbeitung, sachbearbeitung2, fall_a, django_capture_on_commit_callbacks
):
    """Issue 17: the navigation count is cached from the last start-page visit; a submission, approval or
    return drops it for the users concerned (approver and drafter) once the step is committed."""
    queries.zaehler(sachbearbeitung)
    queries.zaehler(sachbearbeitung2)
    assert queries.zaehler_gemerkt(sachbearbeitung2) is not None
    with django_capture_on_commit_callbacks(execute=True):
        v = _vorgelegt(T.AUFSCHUB_14, sachbearbeitung, fall_a)
    assert queries.zaehler_gemerkt(sachbearbeitung2) is None
    assert queries.zaehler_gemerkt(sachbearbeitung) is None
    queries.zaehler(sachbearbeitung)
    queries.zaehler(sachbearbeitung2)
    with django_capture_on_commit_callbacks(execute=True):
        vfg.zurueckweisen(verfuegung=v, durch=sachbearbeitung2, kommentar="Bitte ergänzen.")
    assert queries.zaehler_gemerkt(sachbearbeitung) is None
    assert queries.zaehler_gemerkt(sachbearbeitung2) is None
    with django_capture_on_commit_callbacks(execute=True):
        vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    queries.zaehler(sachbearbeitung)
    queries.zaehler(sachbearbeitung2)
    with django_capture_on_commit_callbacks(execute=True):
        vfg.genehmigen(verfuegung=v, durch=sachbearbeitung2)
    assert queries.zaehler_gemerkt(sachbearbeitung2) is None
    assert queries.zaehler_gemerkt(sachbearbeitung) is None


def test_zaehler_bleibt_fuer_unbeteiligte(
    sachbearbeitung, leitung_a, fall_a, django_capture_on_commit_callbacks
):
    """A submission at the authority does not touch the count of a facility's management."""
    queries.zaehler(leitung_a)
    with django_capture_on_commit_callbacks(execute=True):
        _vorgelegt(T.AUFSCHUB_14, sachbearbeitung, fall_a)
    assert queries.zaehler_gemerkt(leitung_a) is not None
