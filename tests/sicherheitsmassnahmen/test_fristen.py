"""§ 31 deadlines: weekend/holiday transfers (R-31-4), escalation of overdue reviews (R-31-5, Celery job),
the Fristenkontrolle source (R-0-FRIST-4) and the start cards."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kern.audit import system_benutzer
from kern.erweiterungen import QUELLEN
from kern.fristen import TZ
from kern.models import Aufgabe
from kern.rollen import Rolle
from sicherheitsmassnahmen import contributions, domain
from sicherheitsmassnahmen.contributions import FRIST_TYP as TYP
from sicherheitsmassnahmen.contributions import startkarten
from sicherheitsmassnahmen.models import Sicherheitsmassnahme
from sicherheitsmassnahmen.recht import (
    Massnahmenart,
    SicherheitsmassnahmenAufgabenart,
    Ueberpruefungsergebnis,
)
from tests.factories import fall_anlegen
from vollzug import domain as vollzug_services
from vollzug.recht import Platzierungsart, VollzugAufgabenart

from .hilfen import aktiv, beantragen, fixture_leitung_b  # noqa: F401  (fixture)


def zeit(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


def informieren(fall):
    return Aufgabe.objects.filter(art=VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN, fall=fall)


def versetzen_am(moment, sachbearbeitung, von, nach, **kw):
    with time_machine.travel(moment, tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=von, eingewiesen_am=zeit(2026, 1, 5, 9, 0))
        vollzug_services.versetzen(fall=fall, anstalt=nach, am=moment, durch=sachbearbeitung, **kw)
    return fall


# --- R-31-4 (§ 31 Abs. 4) ------------------------------------------------------------------------


@pytest.mark.rule("R-31-4")
@pytest.mark.parametrize(
    ("versetzt_am", "informieren_bis"),
    [
        (zeit(2026, 5, 14, 10, 0), zeit(2026, 5, 15, 23, 59, 59)),  # Auffahrt (Thu) → Friday
        (zeit(2026, 5, 16, 10, 0), zeit(2026, 5, 18, 23, 59, 59)),  # Saturday → Monday
        (zeit(2026, 5, 17, 22, 0), zeit(2026, 5, 18, 23, 59, 59)),  # Sunday → Monday
        (zeit(2026, 4, 3, 10, 0), zeit(2026, 4, 7, 23, 59, 59)),  # Karfreitag → Tuesday after Easter Monday
    ],
    ids=["auffahrt", "samstag", "sonntag", "karfreitag"],
)
def test_versetzung_an_ruhetag_erzeugt_aufgabe_auf_naechsten_arbeitstag(
    versetzt_am, informieren_bis, sachbearbeitung, anstalt_a, anstalt_b
):
    fall = versetzen_am(versetzt_am, sachbearbeitung, anstalt_a, anstalt_b, grund="a")
    aufgabe = informieren(fall).get()
    assert aufgabe.faellig_am == informieren_bis
    # The receiving facility informs: only it still sees the person (R-0-ROLE-1).
    assert (aufgabe.fuer_rolle, aufgabe.anstalt) == (Rolle.ANSTALTSLEITUNG, anstalt_b)
    assert "§ 31 Abs. 4 JVG" in aufgabe.titel
    assert aufgabe.history.get().history_user == sachbearbeitung


@pytest.mark.rule("R-31-4")
def test_versetzung_an_einem_werktag_erzeugt_keine_aufgabe(sachbearbeitung, anstalt_a, anstalt_b):
    fall = versetzen_am(zeit(2026, 5, 13, 10, 0), sachbearbeitung, anstalt_a, anstalt_b, grund="a")
    assert not informieren(fall).exists()


@pytest.mark.rule("R-31-4")
def test_zaehlt_der_luzerner_kalendertag_nicht_der_utc_tag(sachbearbeitung, anstalt_a, anstalt_b):
    # Friday 15.05.2026 23:30 UTC is Saturday 01:30 in Lucerne.
    moment = datetime(2026, 5, 15, 23, 30, tzinfo=UTC)
    fall = versetzen_am(moment, sachbearbeitung, anstalt_a, anstalt_b, grund="a")
    assert informieren(fall).get().faellig_am == zeit(2026, 5, 18, 23, 59, 59)


@pytest.mark.rule("R-31-4")
def test_abteilungswechsel_am_samstag_ist_keine_versetzung_in_andere_einrichtung(sachbearbeitung, anstalt_a):
    fall = versetzen_am(
        zeit(2026, 5, 16, 10, 0), sachbearbeitung, anstalt_a, anstalt_a, grund="a", abteilung="B"
    )
    assert not informieren(fall).exists()


@pytest.mark.rule("R-31-4")
def test_klinikversetzung_nach_17_abs_3_faellt_nicht_unter_31_abs_4(sachbearbeitung, anstalt_a, klinik):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bericht = SimpleUploadedFile("bericht.pdf", b"%PDF-1.4 Bericht", content_type="application/pdf")
    fall = versetzen_am(
        zeit(2026, 5, 16, 10, 0),
        sachbearbeitung,
        anstalt_a,
        klinik,
        art=Platzierungsart.VERSETZUNG_KLINIK,
        arztbericht=bericht,
    )
    assert not informieren(fall).exists()


# --- R-31-5: escalation job -----------------------------------------------------------------------


@pytest.fixture
def fesselung(sachbearbeitung, personal_a, leitung_a, anstalt_a):
    """A restraint ordered Wed 10.06.2026 10:00: review due Thu 11.06.2026 10:00."""
    with time_machine.travel(zeit(2026, 6, 10, 10, 0), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        return aktiv(fall, personal_a, leitung_a, art=Massnahmenart.FESSELUNG)


def pruefaufgaben():
    return Aufgabe.objects.filter(art=SicherheitsmassnahmenAufgabenart.SICHERHEITSMASSNAHME_PRUEFEN)


@pytest.mark.rule("R-31-5")
def test_job_eskaliert_erst_nach_der_faelligkeit_einmal(fesselung, anstalt_a):
    assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 11, 10, 0)) == 0
    assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 11, 10, 1)) == 1
    assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 11, 12, 0)) == 0  # idempotent
    aufgabe = pruefaufgaben().get()
    assert (aufgabe.fuer_rolle, aufgabe.anstalt, aufgabe.fall_id) == (
        Rolle.ANSTALTSLEITUNG,
        anstalt_a,
        fesselung.fall_id,
    )
    assert aufgabe.faellig_am == zeit(2026, 6, 11, 10, 0)
    assert aufgabe.history.get().history_user.username == "job:sicherheitsmassnahmen-ueberpruefung"
    fesselung.refresh_from_db()
    assert fesselung.pruefaufgabe == aufgabe
    assert fesselung.history.first().history_user.username == "job:sicherheitsmassnahmen-ueberpruefung"


@pytest.mark.rule("R-31-5")
def test_ueberpruefung_erledigt_die_aufgabe_und_die_naechste_ueberfaellige_gibt_eine_neue(
    fesselung, leitung_a
):
    domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 11, 11, 0))
    with time_machine.travel(zeit(2026, 6, 11, 12, 0), tick=False):
        domain.massnahme_ueberpruefen(
            massnahme=fesselung,
            ergebnis=Ueberpruefungsergebnis.FORTSETZEN,
            begruendung="Noch immer tobend.",
            durch=leitung_a,
        )
    erste = pruefaufgaben().get()
    assert (erste.erledigt_am, erste.erledigt_durch) == (zeit(2026, 6, 11, 12, 0), leitung_a)
    assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 12, 12, 0)) == 0
    assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 12, 12, 1)) == 1
    assert pruefaufgaben().filter(erledigt_am__isnull=True).count() == 1


@pytest.mark.rule("R-31-5")
def test_aufheben_erledigt_die_offene_aufgabe_und_beendete_werden_nicht_eskaliert(fesselung, leitung_a):
    domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 11, 11, 0))
    with time_machine.travel(zeit(2026, 6, 11, 12, 0), tick=False):
        domain.massnahme_aufheben(massnahme=fesselung, grund="Beruhigt.", durch=leitung_a)
    assert pruefaufgaben().get().erledigt_am == zeit(2026, 6, 11, 12, 0)
    assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 7, 1, 12, 0)) == 0


@pytest.mark.rule("R-31-5")
def test_job_fragt_pro_batch_konstant_viele_mal_ab(sachbearbeitung, personal_a, leitung_a, anstalt_a):
    with time_machine.travel(zeit(2026, 6, 10, 10, 0), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        erste = aktiv(fall, personal_a, leitung_a, art=Massnahmenart.FESSELUNG)
    system_benutzer("sicherheitsmassnahmen-ueberpruefung")  # created on first use: not part of the budget
    with CaptureQueriesContext(connection) as eine:
        assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 12, 0, 0)) == 1
    domain.massnahme_aufheben(massnahme=erste, grund="x", durch=leitung_a)
    with time_machine.travel(zeit(2026, 6, 10, 10, 0), tick=False):
        for _ in range(6):
            aktiv(fall, personal_a, leitung_a, art=Massnahmenart.FESSELUNG)
    with CaptureQueriesContext(connection) as sechs:
        assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 12, 0, 0)) == 6
    assert len(sechs) == len(eine)
    assert pruefaufgaben().filter(erledigt_am__isnull=True).count() == 6


@pytest.mark.rule("R-31-5")
def test_job_arbeitet_in_batches_bis_alles_eskaliert_ist(sachbearbeitung, personal_a, leitung_a, anstalt_a):
    with time_machine.travel(zeit(2026, 6, 10, 10, 0), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        for _ in range(3):
            aktiv(fall, personal_a, leitung_a, art=Massnahmenart.FESSELUNG)
    assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 12, 0, 0), batch=2) == 3
    assert domain.ueberpruefungen_eskalieren(jetzt=zeit(2026, 6, 12, 0, 0), batch=2) == 0
    assert Sicherheitsmassnahme.objects.filter(pruefaufgabe__isnull=True).count() == 0


@pytest.mark.rule("R-31-5", "R-0-AUDIT-1")
@pytest.mark.django_db(transaction=True)
def test_eskalationsjob_laeuft_ueber_echten_worker_und_broker(
    sachbearbeitung, personal_a, leitung_a, anstalt_a, eigene_warteschlange
):
    from jvg_case.celery import app
    from tests.conftest import echter_worker, task_abwarten

    # Ordered in the past (real clock of the worker): the review is overdue now.
    with time_machine.travel(zeit(2026, 6, 10, 10, 0), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        m = aktiv(fall, personal_a, leitung_a, art=Massnahmenart.GESICHERTER_RAUM)
    assert m.naechste_ueberpruefung_am < timezone.now()

    with echter_worker(app):
        assert task_abwarten(app, "sicherheitsmassnahmen.ueberpruefungen_eskalieren") == "SUCCESS"

    aufgabe = pruefaufgaben().get(fall=fall)
    assert aufgabe.history.get().history_user.username == "job:sicherheitsmassnahmen-ueberpruefung"
    assert Sicherheitsmassnahme.objects.get(pk=m.pk).pruefaufgabe_id == aufgabe.pk


# --- R-0-FRIST-4 and the start page --------------------------------------------------------------


@pytest.mark.rule("R-31-5", "R-0-FRIST-4")
def test_fristenkontrolle_zeigt_die_naechste_ueberpruefung_nur_wer_sie_sehen_darf(
    fesselung, leitung_a, leitung_b, revision, django_assert_max_num_queries
):
    quelle = QUELLEN[TYP][1]
    with django_assert_max_num_queries(2):
        eintraege = list(quelle(leitung_a, zeit(2026, 6, 10, 12, 0).date()))
    assert [(e.faellig, e.regel, e.person_id) for e in eintraege] == [
        (zeit(2026, 6, 11, 10, 0), "R-31-5", fesselung.person_id)
    ]
    assert "§ 31 Abs. 2 lit. g JVG" in eintraege[0].titel
    assert len(list(quelle(revision, None))) == 1
    assert list(quelle(leitung_b, None)) == []


@pytest.mark.rule("R-31-5")
def test_startkarten_zaehlen_antraege_und_ueberfaellige(
    fesselung, personal_a, leitung_a, django_assert_max_num_queries
):
    beantragen(fesselung.fall, personal_a, art=Massnahmenart.BEOBACHTUNG)
    with time_machine.travel(zeit(2026, 6, 11, 10, 1), tick=False), django_assert_max_num_queries(1):
        karten = startkarten(leitung_a)
    sm = {k.text: (k.zahl, k.warnung) for k in karten if "§ 31" in k.text}
    assert sm == {
        "Anträge auf besondere Sicherheitsmassnahmen zu entscheiden (§ 31 JVG)": (1, True),
        "Aktive Sicherheitsmassnahmen (§ 31 JVG)": (1, False),
        "Sicherheitsmassnahmen: Überprüfung überfällig (§ 31 Abs. 5 JVG)": (1, True),
    }


@pytest.mark.rule("R-31-5")
def test_demo_legt_eine_aktive_massnahme_mit_baldiger_ueberpruefung_an(sachbearbeitung, anstalt_a):
    from .hilfen import benutzer

    demo = {
        "personal.grosshof": benutzer("personal.grosshof", Rolle.ANSTALTSPERSONAL, anstalt_a),
        "leitung.grosshof": benutzer("leitung.grosshof", Rolle.ANSTALTSLEITUNG, anstalt_a),
    }
    fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    contributions.demo_anlegen(demo, timezone.localdate())
    m = Sicherheitsmassnahme.objects.get()
    assert m.status == "aktiv"
    assert timezone.now() < m.naechste_ueberpruefung_am <= timezone.now() + timedelta(hours=24)
