"""R-25-2: reminders at the configured points after the arrest, escalation after 48 hours — idempotent,
batched, constant queries per batch, and once through a real Celery worker and broker."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kern.models import Aufgabe, Benutzer
from tests.conftest import echter_worker, warten_bis
from zwangsmassnahmen import domain
from zwangsmassnahmen.models import HaftErinnerung, Sicherheitshaft
from zwangsmassnahmen.recht import ZwangsmassnahmenAufgabenart

from .hilfen import fall_anlegen, haft_anordnen, reise, zeit

FESTNAHME = zeit(2026, 3, 10, 8)


@pytest.fixture
def haft(db, sachbearbeitung, anstalt_a):
    with reise(FESTNAHME + timedelta(minutes=10)):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        return haft_anordnen(sachbearbeitung, fall, FESTNAHME, anstalt_a)


def aufgaben():
    return Aufgabe.objects.filter(art=ZwangsmassnahmenAufgabenart.SICHERHEITSHAFT_ANTRAG).order_by("pk")


@pytest.mark.rule("R-25-2", "R-0-FRIST-3")
def test_erste_erinnerung_genau_nach_24_stunden(haft):
    lauf = domain.sicherheitshaft_erinnern(jetzt=FESTNAHME + timedelta(hours=24, minutes=-1))
    assert lauf.erinnerungen == 0 and aufgaben().count() == 0

    lauf = domain.sicherheitshaft_erinnern(jetzt=FESTNAHME + timedelta(hours=24))
    assert lauf.erinnerungen == 1
    aufgabe = aufgaben().get()
    assert aufgabe.fuer_rolle == "sachbearbeitung" and aufgabe.fall_id == haft.fall_id
    assert aufgabe.faellig_am == haft.frist_ende
    assert "12.03.2026 08:00" in aufgabe.titel
    # R-0-AUDIT-1: the job is the actor of the task's history row.
    assert aufgabe.history.get().history_user.username == "job:sicherheitshaft-erinnerung"


@pytest.mark.rule("R-25-2")
def test_erinnerungen_idempotent_je_punkt_eine(haft):
    for _ in range(2):
        domain.sicherheitshaft_erinnern(jetzt=FESTNAHME + timedelta(hours=24, minutes=30))
    assert aufgaben().count() == 1
    for _ in range(2):
        domain.sicherheitshaft_erinnern(jetzt=FESTNAHME + timedelta(hours=40))
    assert list(HaftErinnerung.objects.values_list("stunden", flat=True)) == [24, 40]
    assert aufgaben().count() == 2
    haft.refresh_from_db()
    assert haft.eskaliert_am is None


@pytest.mark.rule("R-25-2", "R-0-FRIST-3")
def test_eskalation_erst_nach_48_stunden_und_einmal(haft):
    lauf = domain.sicherheitshaft_erinnern(jetzt=FESTNAHME + timedelta(hours=48))
    assert lauf.eskalationen == 0
    assert Sicherheitshaft.objects.get().eskaliert_am is None

    jetzt = FESTNAHME + timedelta(hours=48, minutes=1)
    lauf = domain.sicherheitshaft_erinnern(jetzt=jetzt)
    assert lauf.eskalationen == 1
    haft.refresh_from_db()
    assert haft.eskaliert_am == jetzt
    assert haft.history.first().history_user.username == "job:sicherheitshaft-erinnerung"
    eskalation = HaftErinnerung.objects.get(eskalation=True)
    assert eskalation.stunden == 48 and eskalation.aufgabe.titel.startswith("ÜBERFÄLLIG")

    lauf = domain.sicherheitshaft_erinnern(jetzt=jetzt + timedelta(minutes=10))
    assert lauf == domain.Erinnerungslauf(0, 0)
    assert aufgaben().count() == 3  # 24 h, 40 h, escalation


@pytest.mark.rule("R-25-2")
def test_antrag_erledigt_offene_erinnerungen_und_stoppt_job(haft, sachbearbeitung):
    domain.sicherheitshaft_erinnern(jetzt=FESTNAHME + timedelta(hours=25))
    with reise(FESTNAHME + timedelta(hours=26)):
        domain.antrag_erfassen(
            haft=haft, antrag_am=FESTNAHME + timedelta(hours=26), referenz="ZMG 26 1", durch=sachbearbeitung
        )
    assert aufgaben().get().erledigt_am is not None
    lauf = domain.sicherheitshaft_erinnern(jetzt=FESTNAHME + timedelta(hours=50))
    assert lauf == domain.Erinnerungslauf(0, 0)


@pytest.mark.rule("R-25-2")
@pytest.mark.parametrize("anzahl", [1, 20])
def test_job_konstante_abfragen_pro_batch(
    db, sachbearbeitung, anstalt_a, anzahl, django_assert_max_num_queries
):
    with reise(FESTNAHME + timedelta(minutes=10)):
        for _ in range(anzahl):
            fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
            haft_anordnen(sachbearbeitung, fall, FESTNAHME, anstalt_a)
    domain.sicherheitshaft_erinnern(jetzt=FESTNAHME + timedelta(minutes=1))  # creates the job's user
    # user, savepoint, batch, reminders read, 2 x (tasks, history), 2 x (reminders, history),
    # update, history, empty batch …; the same budget for 1 and 20 rows.
    with django_assert_max_num_queries(16):
        lauf = domain.sicherheitshaft_erinnern(jetzt=FESTNAHME + timedelta(hours=49))
    assert lauf == domain.Erinnerungslauf(erinnerungen=2 * anzahl, eskalationen=anzahl)


@pytest.mark.rule("R-25-2")
def test_job_in_batches(db, sachbearbeitung, anstalt_a):
    with reise(FESTNAHME + timedelta(minutes=10)):
        for _ in range(5):
            fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
            haft_anordnen(sachbearbeitung, fall, FESTNAHME, anstalt_a)
    lauf = domain.sicherheitshaft_erinnern(jetzt=FESTNAHME + timedelta(hours=41), batch=2)
    assert lauf.erinnerungen == 10
    assert HaftErinnerung.objects.count() == 10


# --- Through a real worker and broker (PITFALLS: eager mode only emulates a worker) ------------------


@pytest.mark.rule("R-25-2", "R-0-AUDIT-1")
@pytest.mark.django_db(transaction=True)
def test_erinnerungsjob_laeuft_ueber_echten_worker_und_broker(
    sachbearbeitung, anstalt_a, eigene_warteschlange
):
    from jvg_case.celery import app

    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    # Arrested 25 hours ago (real clock, the worker uses it): the 24-hour reminder is due.
    haft = haft_anordnen(sachbearbeitung, fall, timezone.now() - timedelta(hours=25), anstalt_a)

    with echter_worker(app):
        app.send_task("zwangsmassnahmen.sicherheitshaft_erinnern")
        warten_bis(lambda: HaftErinnerung.objects.filter(haft=haft).exists())

    assert list(HaftErinnerung.objects.filter(haft=haft).values_list("stunden", flat=True)) == [24]
    assert Benutzer.objects.filter(username="job:sicherheitshaft-erinnerung", rolle="system").exists()
