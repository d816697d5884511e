"""Issue 20 item 3: liveness, readiness, the heartbeat of the legal jobs, metrics, request id and JSON logs."""

import json
import logging
from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.urls import reverse
from django.utils import timezone

from betrieb import herzschlag, protokollierung, pruefungen
from jvg_case.beat import BEAT_SCHEDULE
from kern.models import Aufgabe, Joblauf
from kern.rollen import Rolle


def _erfolg(job: str, vor: timedelta) -> Joblauf:
    ende = timezone.now() - vor
    return Joblauf.objects.create(
        job=job,
        gestartet_am=ende - timedelta(seconds=3),
        beendet_am=ende,
        status=Joblauf.Status.ERFOLGREICH,
        verarbeitet=7,
        host="worker-1",
        pid=1,
    )


@pytest.fixture
def alle_jobs_frisch(db, monkeypatch):
    # The test database is built without migrations (no django_migrations table): taken into operation
    # a day ago.
    monkeypatch.setattr(herzschlag, "betriebsbeginn", lambda: timezone.now() - timedelta(days=1))
    return [_erfolg(j.name, timedelta(minutes=1)) for j in herzschlag.RECHTLICHE_JOBS]


@pytest.fixture
def migriert(monkeypatch):
    # --nomigrations: the models are there, the migration records are not; everything else is real.
    monkeypatch.setitem(pruefungen.PRUEFUNGEN, "migrationen", lambda: None)


def _schedule_takt(task: str) -> timedelta:
    """The gap between two runs of `task` in jvg_case/beat.py (crontab with */n minutes or listed hours)."""
    (eintrag,) = [e for e in BEAT_SCHEDULE.values() if e["task"] == task]
    plan: crontab = eintrag["schedule"]
    if len(plan.hour) == 24:
        minuten = sorted(plan.minute)
        return timedelta(minutes=60 // len(minuten))
    return timedelta(hours=24 // len(plan.hour))


def test_herzschlag_kennt_den_takt_jedes_rechtlichen_jobs_aus_dem_beat_plan():
    for job in herzschlag.RECHTLICHE_JOBS:
        assert (job.name, job.takt) == (job.name, _schedule_takt(job.name))
        assert job.toleranz >= job.takt or job.takt >= timedelta(hours=6)


def test_lebt_antwortet_ohne_anmeldung(client):
    antwort = client.get("/gesundheit/")
    assert (antwort.status_code, antwort.json()) == (200, {"status": "ok"})
    assert "no-store" in antwort["Cache-Control"]


@pytest.mark.django_db
def test_bereit_mit_frischen_jobs_ist_ok(client, alle_jobs_frisch, migriert):
    antwort = client.get(reverse("betrieb:bereit"))
    assert antwort.status_code == 200
    assert antwort.json() == {
        "status": "ok",
        "pruefungen": {
            n: "ok" for n in ("datenbank", "broker", "speicher", "migrationen", "rechtliche_jobs")
        },
    }


@pytest.mark.django_db
def test_bereit_meldet_nicht_angewendete_migrationen(client, alle_jobs_frisch, settings):
    # The real migrations against the test database, which has no migration records: all are pending.
    settings.MIGRATION_MODULES = {}
    antwort = client.get(reverse("betrieb:bereit"))
    assert antwort.status_code == 503
    assert antwort.json()["pruefungen"]["migrationen"].endswith("`manage.py migrate` ausführen.")


@pytest.mark.django_db
def test_ueberfaelliger_loeschjob_macht_bereit_rot_legt_eine_aufgabe_an_und_warnt(
    client, client_als, alle_jobs_frisch, migriert, admin_user, sachbearbeitung, personal_a
):
    loeschjob = "ueberwachung.aufzeichnungen_loeschen"
    Joblauf.objects.filter(job=loeschjob).delete()
    # Boundary: the last success exactly at the limit (15 min + 45 min) is not overdue; a minute more is.
    _erfolg(loeschjob, timedelta(minutes=59))
    assert herzschlag.ueberfaellige() == []
    Joblauf.objects.filter(job=loeschjob).update(beendet_am=timezone.now() - timedelta(minutes=61))

    antwort = client.get(reverse("betrieb:bereit"))
    assert antwort.status_code == 503
    assert antwort.json()["pruefungen"]["rechtliche_jobs"] == (
        "Überfällig: Löschung der Aufzeichnungen nach 100 Tagen (§ 29 Abs. 2, § 30 Abs. 5 JVG)"
    )
    client.get(reverse("betrieb:bereit"))  # polled again: still one task
    aufgabe = Aufgabe.objects.get(art=herzschlag.AUFGABENART)
    assert (aufgabe.fuer_rolle, aufgabe.erledigt_am) == (Rolle.ADMIN, None)
    assert aufgabe.titel.startswith("Rechtlicher Job überfällig: Löschung der Aufzeichnungen")
    assert aufgabe.history.get().history_user.username == "job:betrieb.herzschlag"

    for user in (admin_user, sachbearbeitung):
        seite = client_als(user).get(reverse("start")).content.decode()
        assert "Rechtliche Jobs überfällig" in seite
    assert "Rechtliche Jobs überfällig" not in client_als(personal_a).get(reverse("start")).content.decode()


@pytest.mark.django_db
def test_abgebrochener_lauf_mit_fortsetzung_zaehlt_als_herzschlag_fehlgeschlagener_nicht(alle_jobs_frisch):
    job = "verfuegungen.rechtskraft_eintragen"
    Joblauf.objects.filter(job=job).delete()
    _erfolg(job, timedelta(hours=13))
    fehl = _erfolg(job, timedelta(hours=1))
    Joblauf.objects.filter(pk=fehl.pk).update(status=Joblauf.Status.FEHLGESCHLAGEN)
    assert [h.job.name for h in herzschlag.ueberfaellige()] == [job]
    Joblauf.objects.filter(pk=fehl.pk).update(status=Joblauf.Status.ABGEBROCHEN)
    assert herzschlag.ueberfaellige() == []


@pytest.mark.django_db
def test_neue_installation_ohne_lauf_ist_erst_nach_der_toleranz_ueberfaellig(monkeypatch):
    assert herzschlag.betriebsbeginn() is None  # never migrated: measured from now
    assert herzschlag.ueberfaellige() == []
    monkeypatch.setattr(herzschlag, "betriebsbeginn", lambda: timezone.now() - timedelta(minutes=59))
    assert herzschlag.ueberfaellige() == []
    monkeypatch.setattr(herzschlag, "betriebsbeginn", lambda: timezone.now() - timedelta(minutes=61))
    assert [h.job.name for h in herzschlag.ueberfaellige()] == ["ueberwachung.aufzeichnungen_loeschen"]


@pytest.mark.django_db
def test_bereit_meldet_fehlende_datenbank_ohne_interna(client, monkeypatch, migriert, alle_jobs_frisch):
    def kaputt():
        raise OSError("connection refused to 10.0.0.5:5432 password=geheim")

    monkeypatch.setitem(pruefungen.PRUEFUNGEN, "datenbank", kaputt)
    antwort = client.get(reverse("betrieb:bereit"))
    assert antwort.status_code == 503
    assert antwort.json()["pruefungen"]["datenbank"] == "Datenbank nicht erreichbar."
    assert "geheim" not in antwort.content.decode()


@pytest.mark.django_db
def test_speicherpruefung_scheitert_bei_nicht_beschreibbarer_ablage(settings, tmp_path):
    # A file where the folder should be (root writes even into a read-only folder).
    ablage = tmp_path / "keine-ablage"
    ablage.write_text("")
    settings.MEDIA_ROOT = ablage
    with pytest.raises(OSError):
        pruefungen.speicher()


@pytest.mark.django_db
def test_metriken_nur_mit_token(client, settings, alle_jobs_frisch):
    settings.JVG_METRIKEN_TOKEN = "metriken-token-fuer-tests"
    assert client.get("/betrieb/metriken/").status_code == 404
    assert client.get("/betrieb/metriken/", HTTP_AUTHORIZATION="Bearer falsch").status_code == 404
    client.get("/gesundheit/")  # one observed request
    antwort = client.get("/betrieb/metriken/", HTTP_AUTHORIZATION="Bearer metriken-token-fuer-tests")
    assert antwort.status_code == 200
    text = antwort.content.decode()
    assert 'jvg_http_anfrage_sekunden_count{methode="GET",status="200"}' in text
    assert 'jvg_job_letzte_zeilen{job="verfuegungen.rechtskraft_eintragen"} 7.0' in text
    assert 'jvg_job_letzte_dauer_sekunden{job="verfuegungen.rechtskraft_eintragen"} 3.0' in text
    assert 'jvg_rechtlicher_job_ueberfaellig{job="ueberwachung.ed_vernichten"} 0.0' in text
    settings.JVG_METRIKEN_TOKEN = ""
    assert client.get("/betrieb/metriken/", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_anfrage_id_vom_proxy_wird_uebernommen_fremde_zeichen_nicht(client):
    assert client.get("/gesundheit/", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    neu = client.get("/gesundheit/", HTTP_X_REQUEST_ID="x\n{injiziert}")["X-Request-ID"]
    assert len(neu) == 32 and neu.isalnum()
    assert len(client.get("/gesundheit/", HTTP_X_REQUEST_ID="a" * 65)["X-Request-ID"]) == 32


def test_json_protokoll_eine_zeile_mit_anfrage_id():
    record = logging.LogRecord("jvg.test", logging.WARNING, __file__, 1, "Lauf %s", ("x",), None)
    record.job = "verfuegungen.rechtskraft_eintragen"
    token = protokollierung.ANFRAGE_ID.set("req-42")
    try:
        protokollierung.AnfrageIdFilter().filter(record)
        zeile = protokollierung.JsonFormatter().format(record)
    finally:
        protokollierung.ANFRAGE_ID.reset(token)
    assert "\n" not in zeile
    eintrag = json.loads(zeile)
    assert {k: eintrag[k] for k in ("stufe", "logger", "meldung", "anfrage_id", "job")} == {
        "stufe": "WARNING",
        "logger": "jvg.test",
        "meldung": "Lauf x",
        "anfrage_id": "req-42",
        "job": "verfuegungen.rechtskraft_eintragen",
    }


def test_anfrage_id_reist_mit_der_celery_nachricht():
    class Anfrage:
        pass

    class Task:
        request = Anfrage()

    headers: dict = {}
    token = protokollierung.ANFRAGE_ID.set("req-7")
    try:
        protokollierung._beim_senden(headers=headers)
    finally:
        protokollierung.ANFRAGE_ID.reset(token)
    assert headers == {protokollierung.HEADER: "req-7"}
    task = Task()
    setattr(task.request, protokollierung.HEADER, "req-7")
    protokollierung._vor_task(task=task)
    assert protokollierung.ANFRAGE_ID.get() == "req-7"
    protokollierung._nach_task(task=task)
    assert protokollierung.ANFRAGE_ID.get() == "-"


def test_geheimnis_aus_datei(tmp_path, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from kern.env import env_str

    datei = tmp_path / "secret_key"
    datei.write_text("s" * 60 + "\n")
    monkeypatch.setenv("JVG_TEST_GEHEIMNIS_FILE", str(datei))
    assert env_str("JVG_TEST_GEHEIMNIS") == "s" * 60
    monkeypatch.setenv("JVG_TEST_GEHEIMNIS", "direkt")
    with pytest.raises(ImproperlyConfigured, match="beide gesetzt"):
        env_str("JVG_TEST_GEHEIMNIS")
    monkeypatch.delenv("JVG_TEST_GEHEIMNIS")
    monkeypatch.setenv("JVG_TEST_GEHEIMNIS_FILE", str(tmp_path / "fehlt"))
    with pytest.raises(ImproperlyConfigured, match="nicht lesbar"):
        env_str("JVG_TEST_GEHEIMNIS")
