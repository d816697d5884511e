"""R-0-VFG-3: the Rechtskraft job — boundaries, idempotence, appeals, constant queries per batch,
race with approvers, and one run through a real Celery worker."""

import threading
from datetime import date, datetime, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jvg_case.celery import app
from kern.audit import speichern, system_benutzer
from kern.fristen import TZ
from tests.conftest import echter_worker, warten_bis
from tests.factories import fall_anlegen
from verfuegungen import domain
from verfuegungen.models import Verfuegung
from verfuegungen.recht import EroeffnungArt, Verfuegungsstatus, Verfuegungstyp

S = Verfuegungsstatus
T = Verfuegungstyp


def _daten():
    return domain.Entwurfsdaten(
        titel="Versetzung",
        rechtsgrundlage="§ 17 Abs. 2 lit. e JVG",
        sachverhalt="Belegung",
        begruendung="Belegungsprobleme",
        dispositiv="1. Die Person wird versetzt.",
    )


def _eroeffnet(sb, sb2, fall, am=None):
    v = domain.verfuegung_entwerfen(
        typ=T.VERSETZUNG_17, person=fall.person, fall=fall, daten=_daten(), durch=sb
    )
    v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sb)
    v = domain.genehmigen(verfuegung=v, durch=sb2)
    return domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, am=am, durch=sb)


def _kopien(vorlage: Verfuegung, anzahl: int, durch, serie: str = "A") -> list[Verfuegung]:
    """Volume data for the query budget: copies of one decision that went through the real lifecycle
    (saved row by row with history; rendering 100 PDFs would only slow the test down)."""
    kopien = []
    for i in range(anzahl):
        v = Verfuegung.objects.get(pk=vorlage.pk)
        v.pk = v.id = None
        v.nummer = f"V-TEST{serie}-{i:05d}"
        v.status, v.rechtskraeftig_am = S.EROEFFNET, None
        v._state.adding = True
        kopien.append(speichern(v, durch=durch, grund="Testdaten"))
    return kopien


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.mark.rule("R-0-VFG-3")
@pytest.mark.rule("R-0-AUDIT-1")
@pytest.mark.django_db
def test_rechtskraft_erst_nach_dem_letzten_tag_und_idempotent(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _eroeffnet(sachbearbeitung, sachbearbeitung2, fall_a)
    ende = v.rechtsmittelfrist_ende
    assert domain.rechtskraft_eintragen(heute=ende) == 0  # the last day counts fully
    v.refresh_from_db()
    assert v.status == S.EROEFFNET
    assert domain.rechtskraft_eintragen(heute=ende + timedelta(days=1)) == 1
    v.refresh_from_db()
    assert (v.status, v.rechtskraeftig_am) == (S.RECHTSKRAEFTIG, ende + timedelta(days=1))
    letzte = v.history.first()
    assert letzte.history_user.username == "job:rechtskraft"
    assert letzte.history_change_reason == (
        f"Rechtskräftig: Rechtsmittelfrist am {ende:%d.%m.%Y} unbenützt abgelaufen"
    )
    anzahl_history = v.history.count()
    assert domain.rechtskraft_eintragen(heute=ende + timedelta(days=1)) == 0
    assert domain.rechtskraft_eintragen(heute=ende + timedelta(days=30)) == 0
    assert v.history.count() == anzahl_history


@pytest.mark.rule("R-0-VFG-3")
@pytest.mark.django_db
def test_rechtskraft_nicht_bei_beschwerde(sachbearbeitung, sachbearbeitung2, fall_a):
    v = _eroeffnet(sachbearbeitung, sachbearbeitung2, fall_a)
    domain.beschwerde_erfassen(verfuegung=v, eingegangen_am=timezone.localdate(), durch=sachbearbeitung)
    assert domain.rechtskraft_eintragen(heute=v.rechtsmittelfrist_ende + timedelta(days=5)) == 0
    v.refresh_from_db()
    assert v.status == S.ANGEFOCHTEN


@pytest.mark.rule("R-0-VFG-3")
@pytest.mark.django_db
def test_rechtskraft_holt_verpasste_laeufe_nach(sachbearbeitung, sachbearbeitung2, fall_a):
    # Deadlines that ended long ago (the job did not run) are caught up: no lower bound.
    with time_machine_travel(datetime(2026, 1, 12, 9, 0, tzinfo=TZ)):
        alt = _eroeffnet(sachbearbeitung, sachbearbeitung2, fall_a)
    neu = _eroeffnet(sachbearbeitung, sachbearbeitung2, fall_a)
    assert domain.rechtskraft_eintragen(heute=neu.rechtsmittelfrist_ende) == 1
    alt.refresh_from_db()
    neu.refresh_from_db()
    assert (alt.status, neu.status) == (S.RECHTSKRAEFTIG, S.EROEFFNET)


def time_machine_travel(zeitpunkt):
    import time_machine

    return time_machine.travel(zeitpunkt, tick=False)


@pytest.mark.rule("R-0-VFG-5")
@pytest.mark.django_db
def test_spaet_eintreffende_rechtzeitige_beschwerde_nach_rechtskraft(
    sachbearbeitung, sachbearbeitung2, fall_a
):
    # Handed to the post office on the last day, arriving after the job ran: it is still recorded.
    with time_machine_travel(datetime(2026, 3, 30, 10, 0, tzinfo=TZ)):
        v = _eroeffnet(sachbearbeitung, sachbearbeitung2, fall_a)
    assert domain.rechtskraft_eintragen(heute=date(2026, 4, 21)) == 1
    v.refresh_from_db()
    b = domain.beschwerde_erfassen(
        verfuegung=v, eingegangen_am=v.rechtsmittelfrist_ende, durch=sachbearbeitung
    )
    v.refresh_from_db()
    assert (v.status, v.rechtskraeftig_am, b.verspaetet) == (S.ANGEFOCHTEN, None, False)


@pytest.mark.rule("R-0-VFG-3")
@pytest.mark.django_db
def test_rechtskraft_konstante_abfragen_pro_batch(sachbearbeitung, sachbearbeitung2, fall_a):
    vorlage = _eroeffnet(sachbearbeitung, sachbearbeitung2, fall_a)
    heute = vorlage.rechtsmittelfrist_ende + timedelta(days=1)
    system_benutzer("rechtskraft")  # created once, outside the measurement

    def messen(stichtag) -> int:
        with CaptureQueriesContext(connection) as ctx:
            domain.rechtskraft_eintragen(heute=stichtag, batch=50)
        return len(ctx.captured_queries)

    ohne_arbeit = messen(vorlage.rechtsmittelfrist_ende)  # nothing due yet: the overhead alone
    _kopien(vorlage, 49, sachbearbeitung, "A")
    ein_batch = messen(heute)  # the vorlage and 49 copies: one batch of 50
    assert Verfuegung.objects.filter(status=S.RECHTSKRAEFTIG).count() == 50
    _kopien(vorlage, 100, sachbearbeitung, "B")
    zwei_batches = messen(heute)  # two batches of 50
    assert Verfuegung.objects.filter(status=S.RECHTSKRAEFTIG).count() == 150
    pro_batch = ein_batch - ohne_arbeit
    assert zwei_batches - ohne_arbeit == 2 * pro_batch
    # Per row 5: lock check, status check, update of the changed fields, history insert, and the
    # transaction's savepoint; the job validates only the fields it writes (speichern(felder=...)).
    assert pro_batch <= 50 * 6 + 5


@pytest.mark.rule("R-0-VFG-3")
@pytest.mark.django_db
def test_rechtskraft_stoppt_am_zeitbudget(sachbearbeitung, sachbearbeitung2, fall_a):
    vorlage = _eroeffnet(sachbearbeitung, sachbearbeitung2, fall_a)
    _kopien(vorlage, 4, sachbearbeitung)
    heute = vorlage.rechtsmittelfrist_ende + timedelta(days=1)
    assert domain.rechtskraft_eintragen(heute=heute, batch=2, zeitbudget_s=0) == 0
    assert domain.rechtskraft_eintragen(heute=heute, batch=2) == 5


# --- Races (PostgreSQL: real threads; SQLite: the lock check is covered in test_verfuegungen) ---


@pytest.mark.rule("R-0-4EYES-1")
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_zwei_genehmigende_gleichzeitig_genau_einer_gewinnt(sachbearbeitung, sachbearbeitung2, fall_a):
    if connection.vendor != "postgresql":
        pytest.skip("Echte Parallelität braucht Zeilensperren (PostgreSQL); SQLite serialisiert Schreiber.")
    from kern.models import Benutzer
    from kern.rollen import Rolle

    sb3 = Benutzer.objects.create(username="sb3", rolle=Rolle.SACHBEARBEITUNG)
    v = domain.verfuegung_entwerfen(
        typ=T.VERSETZUNG_17, person=fall_a.person, fall=fall_a, daten=_daten(), durch=sachbearbeitung
    )
    v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    start = threading.Barrier(2)
    ergebnisse = []

    def genehmigen_als(user):
        try:
            objekt = Verfuegung.objects.get(pk=v.pk)
            start.wait()
            domain.genehmigen(verfuegung=objekt, durch=user)
            ergebnisse.append(("ok", user.username))
        except ValidationError as e:
            ergebnisse.append(("abgelehnt", e.message_dict["status"][0]))
        finally:
            connection.close()

    threads = [threading.Thread(target=genehmigen_als, args=(u,)) for u in (sachbearbeitung2, sb3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(r[0] for r in ergebnisse) == ["abgelehnt", "ok"]
    abgelehnt = next(r[1] for r in ergebnisse if r[0] == "abgelehnt")
    assert (
        abgelehnt
        == f"R-0-4EYES-1: Die Verfügung {v.nummer} ist nicht (mehr) zur Genehmigung vorgelegt (Status «Genehmigt»)."
    )
    # The outcome, not only the message: one approval by the winner, stored once, and the decision approved.
    gewinner = next(r[1] for r in ergebnisse if r[0] == "ok")
    v.refresh_from_db()
    assert v.status == S.GENEHMIGT
    schritte = v.genehmigungsschritte.filter(aktion="genehmigt")
    assert [s.durch.username for s in schritte] == [gewinner]


@pytest.mark.rule("R-0-VFG-3")
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_zwei_rechtskraft_laeufe_gleichzeitig_jede_zeile_einmal(sachbearbeitung, sachbearbeitung2, fall_a):
    if connection.vendor != "postgresql":
        pytest.skip("Advisory Lock und SKIP LOCKED gibt es nur auf PostgreSQL.")
    vorlage = _eroeffnet(sachbearbeitung, sachbearbeitung2, fall_a)
    _kopien(vorlage, 39, sachbearbeitung)
    heute = vorlage.rechtsmittelfrist_ende + timedelta(days=1)
    start = threading.Barrier(2)
    zahlen = []

    def lauf():
        try:
            start.wait()
            zahlen.append(domain.rechtskraft_eintragen(heute=heute, batch=5))
        finally:
            connection.close()

    threads = [threading.Thread(target=lauf) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    # Whatever the interleaving, every decision is made rechtskräftig exactly once.
    zahlen.append(domain.rechtskraft_eintragen(heute=heute))
    assert sum(zahlen) == 40
    assert Verfuegung.objects.filter(status=S.RECHTSKRAEFTIG).count() == 40
    for v in Verfuegung.objects.all():
        assert v.history.filter(status=S.RECHTSKRAEFTIG).count() == 1


# --- Through a real worker (PITFALLS: eager mode only emulates one) ------------------------------


@pytest.fixture
def eigene_warteschlange(tmp_path):
    """Outside CI (file-system broker) a private queue folder, so no running worker takes our task."""
    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        yield
        return
    alt = app.conf.broker_transport_options
    ordner = {name: tmp_path / name for name in ("queue", "processed", "control")}
    for pfad in ordner.values():
        pfad.mkdir()
    app.conf.broker_transport_options = {
        **alt,
        "data_folder_in": str(ordner["queue"]),
        "data_folder_out": str(ordner["queue"]),
        "processed_folder": str(ordner["processed"]),
        "control_folder": str(ordner["control"]),
    }
    app._pool = None
    app.amqp._producer_pool = None
    yield
    app.conf.broker_transport_options = alt
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.rule("R-0-VFG-3")
@pytest.mark.rule("R-0-AUDIT-1")
@pytest.mark.django_db(transaction=True)
def test_rechtskraft_job_ueber_echten_worker(sachbearbeitung, sachbearbeitung2, fall_a, eigene_warteschlange):
    with time_machine_travel(datetime(2026, 3, 30, 10, 0, tzinfo=TZ)):
        v = _eroeffnet(sachbearbeitung, sachbearbeitung2, fall_a)
    with echter_worker(app):
        app.send_task("verfuegungen.rechtskraft_eintragen")
        warten_bis(lambda: Verfuegung.objects.filter(pk=v.pk, status=S.RECHTSKRAEFTIG).exists())
    v.refresh_from_db()
    assert v.status == S.RECHTSKRAEFTIG
    assert v.history.first().history_user.username == "job:rechtskraft"
