"""R-BM-3: retention of the threat management. Closed cases are deleted after
JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE years (default 5) with a content-free record; no history row, no file
remains (PITFALLS: simple-history keeps the content of deleted rows)."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bedrohung import domain
from bedrohung.models import (
    Bedrohungsmeldung,
    Einschaetzung,
    Fallkonferenz,
    Loeschprotokoll,
    Massnahme,
    Meldungsbeilage,
    Zugriff,
)
from bedrohung.recht import Massnahmenart, Meldungsstatus, Risikostufe, Stelle, Zugriffsart, loeschstichtag
from kern.fristen import TZ
from tests.conftest import echter_worker, warten_bis

from .test_bedrohung import WORTLAUT, meldung

KINDER = (Meldungsbeilage, Einschaetzung, Fallkonferenz, Massnahme)


def zeit(tag: date, stunde: int = 10, minute: int = 0) -> datetime:
    return datetime(tag.year, tag.month, tag.day, stunde, minute, tzinfo=TZ)


def abgeschlossen(melder, team, am: datetime, *, beilagen: int = 1) -> Bedrohungsmeldung:
    """A complete case (attachments, assessment, conference with follow-up, measure, contact person),
    reported two days before and closed at `am`, as the team does it."""
    with time_machine.travel(am - timedelta(days=2), tick=False):
        m = meldung(
            melder,
            beilagen=[
                domain.BeilageDaten(
                    f"Beweis {i}", SimpleUploadedFile(f"beweis{i}.txt", f"Drohung {i}".encode())
                )
                for i in range(beilagen)
            ],
        )
        domain.einschaetzung_erfassen(
            meldung=m, risikostufe=Risikostufe.HOCH, begruendung="Ankündigung mit Ort", durch=team
        )
        domain.ansprechperson_zuweisen(meldung=m, ansprechperson=team, durch=team)
        domain.konferenz_erfassen(
            meldung=m,
            datum=timezone.now(),
            stellen=[Stelle.POLIZEI],
            teilnehmende="Kapo, Team",
            beschluesse="Gefährderansprache",
            folgeauftraege=[
                domain.MassnahmeDaten(Massnahmenart.GESPRAECH, "Ansprache", team, timezone.localdate())
            ],
            durch=team,
        )
        domain.massnahme_erfassen(
            meldung=m,
            art=Massnahmenart.SCHUTZ,
            beschreibung="Begleitung",
            verantwortlich=team,
            frist=timezone.localdate(),
            durch=team,
        )
    with time_machine.travel(am - timedelta(hours=1), tick=False):
        for massnahme in m.massnahmen.all():
            domain.massnahme_erledigen(massnahme=massnahme, durch=team)
        domain.zugriff_protokollieren(user=team, aktion=Zugriffsart.ANSICHT, meldung=m)
    with time_machine.travel(am, tick=False):
        domain.meldung_abschliessen(meldung=m, bemerkung="Keine Gefahr mehr", durch=team)
    m.refresh_from_db()
    return m


def historie_von(pk: int) -> dict[str, int]:
    zahlen = {"Bedrohungsmeldung": Bedrohungsmeldung.history.filter(id=pk).count()}
    for modell in KINDER:
        zahlen[modell.__name__] = modell.history.filter(meldung_id=pk).count()
    return zahlen


# --- The period (5 years from the local closing date, R-0-FRIST-2 style) ---------------------------


@pytest.mark.rule("R-BM-3")
@pytest.mark.parametrize(
    ("geschlossen", "letzter_tag"),
    [
        (zeit(date(2026, 3, 10)), date(2031, 3, 10)),
        # 00:30 in Zurich is still the previous day in UTC: the local date counts.
        (zeit(date(2026, 3, 11), 0, 30), date(2031, 3, 11)),
        # 29 February: the period ends on 28 February of the common year (jahresfrist, Art. 77 OR).
        (zeit(date(2028, 2, 29)), date(2033, 2, 28)),
    ],
)
def test_geloescht_am_tag_nach_ablauf_nicht_am_letzten_tag(personal_a, bedrohung, geschlossen, letzter_tag):
    m = abgeschlossen(personal_a, bedrohung, geschlossen)
    assert loeschstichtag(letzter_tag + timedelta(days=1)) == timezone.localdate(m.abgeschlossen_am)

    assert domain.aufbewahrung_durchsetzen(heute=letzter_tag) == 0
    assert Bedrohungsmeldung.objects.filter(pk=m.pk).exists()

    assert domain.aufbewahrung_durchsetzen(heute=letzter_tag + timedelta(days=1)) == 1
    assert not Bedrohungsmeldung.objects.filter(pk=m.pk).exists()


@pytest.mark.rule("R-BM-3")
def test_frist_ist_konfigurierbar_und_job_nimmt_heute_aus_der_uhr(personal_a, bedrohung, settings):
    m = abgeschlossen(personal_a, bedrohung, zeit(date(2026, 3, 10)))
    settings.JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE = 2
    with time_machine.travel(zeit(date(2028, 3, 10), 23, 59), tick=False):
        assert domain.aufbewahrung_durchsetzen() == 0
    with time_machine.travel(zeit(date(2028, 3, 11), 0, 1), tick=False):
        assert domain.aufbewahrung_durchsetzen() == 1
    assert Loeschprotokoll.objects.get().meldung_nummer == m.nummer


# --- What remains: a content-free record, nothing else ---------------------------------------------


@pytest.mark.rule("R-BM-3", "R-0-AUDIT-1")
def test_loeschung_hinterlaesst_nur_inhaltsfreies_protokoll(personal_a, bedrohung):
    m = abgeschlossen(personal_a, bedrohung, zeit(date(2026, 3, 10)), beilagen=2)
    pk, nummer = m.pk, m.nummer
    dateien = [(b.datei.storage, b.datei.name) for b in m.beilagen.all()]
    assert len(dateien) == 2 and all(storage.exists(name) for storage, name in dateien)
    vorher = historie_von(pk)
    assert all(vorher.values()), vorher  # every kind of row had history before

    jetzt = zeit(date(2031, 3, 11), 2, 15)
    with time_machine.travel(jetzt, tick=False):
        assert domain.aufbewahrung_durchsetzen() == 1

    # The report and its children are gone, and so is every history row holding their content.
    assert not Bedrohungsmeldung.objects.filter(pk=pk).exists()
    for modell in KINDER:
        assert not modell.objects.filter(meldung_id=pk).exists()
    assert historie_von(pk) == dict.fromkeys(vorher, 0)
    # The files are removed from storage, and the report's folder with them.
    assert not any(storage.exists(name) for storage, name in dateien)
    storage = dateien[0][0]
    assert not storage.exists(f"bedrohung/{nummer}")

    protokoll = Loeschprotokoll.objects.get()
    assert {
        "meldung_nummer": protokoll.meldung_nummer,
        "gemeldet_am": protokoll.gemeldet_am,
        "abgeschlossen_am": protokoll.abgeschlossen_am,
        "geloescht_am": protokoll.geloescht_am,
        "anzahl_beilagen": protokoll.anzahl_beilagen,
        "rechtsgrundlage": protokoll.rechtsgrundlage,
    } == {
        "meldung_nummer": nummer,
        "gemeldet_am": date(2026, 3, 8),
        "abgeschlossen_am": date(2026, 3, 10),
        "geloescht_am": jetzt,
        "anzahl_beilagen": 2,
        "rechtsgrundlage": "Programm Sicherheit im sozialen Nahraum, Pkt. 14–15; Aufbewahrung 5 Jahre "
        "(JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE)",
    }
    assert protokoll.job_lauf == "bedrohung-aufbewahrung:2031-03-11T01:15:00+00:00"  # the job run (UTC)
    # Content-free: nothing of the wording, the persons or the reasoning (the model has no such field).
    feldnamen = {f.name for f in Loeschprotokoll._meta.concrete_fields}
    assert feldnamen == {
        "id",
        "meldung_nummer",
        "gemeldet_am",
        "abgeschlossen_am",
        "geloescht_am",
        "job_lauf",
        "anzahl_beilagen",
        "rechtsgrundlage",
    }
    assert WORTLAUT not in str(Loeschprotokoll.objects.values().get())
    # The access log keeps who read which number, no content.
    assert list(Zugriff.objects.values_list("meldung_nummer", "aktion")) == [(nummer, "ansicht")]


@pytest.mark.rule("R-BM-3")
def test_offene_faelle_werden_nie_geloescht(personal_a, bedrohung):
    with time_machine.travel(zeit(date(2019, 1, 7)), tick=False):
        neu = meldung(personal_a)
        in_bearbeitung = meldung(personal_a)
        domain.einschaetzung_erfassen(
            meldung=in_bearbeitung, risikostufe=Risikostufe.GERING, begruendung="x", durch=bedrohung
        )
    alt = abgeschlossen(personal_a, bedrohung, zeit(date(2019, 2, 1)))

    assert domain.aufbewahrung_durchsetzen(heute=date(2040, 1, 1)) == 1

    assert set(Bedrohungsmeldung.objects.values_list("pk", "status")) == {
        (neu.pk, Meldungsstatus.NEU),
        (in_bearbeitung.pk, Meldungsstatus.IN_BEARBEITUNG),
    }
    assert Bedrohungsmeldung.history.filter(id=neu.pk).exists()
    assert Einschaetzung.history.filter(meldung_id=in_bearbeitung.pk).exists()
    assert list(Loeschprotokoll.objects.values_list("meldung_nummer", flat=True)) == [alt.nummer]


@pytest.mark.rule("R-BM-3")
def test_idempotent_und_in_batches(personal_a, bedrohung, django_assert_max_num_queries):
    faelle = [abgeschlossen(personal_a, bedrohung, zeit(date(2026, 3, 10 + i)), beilagen=0) for i in range(3)]
    spaeter = abgeschlossen(personal_a, bedrohung, zeit(date(2026, 6, 1)), beilagen=0)

    assert domain.aufbewahrung_durchsetzen(heute=date(2031, 4, 1), batch=2) == 3
    assert domain.aufbewahrung_durchsetzen(heute=date(2031, 4, 1), batch=2) == 0
    assert set(Loeschprotokoll.objects.values_list("meldung_nummer", flat=True)) == {f.nummer for f in faelle}
    assert list(Bedrohungsmeldung.objects.values_list("pk", flat=True)) == [spaeter.pk]
    # Nothing due: one look-up in the page's transaction (inside the test's transaction a savepoint and
    # its release) and the job's user, no writes; on PostgreSQL also the job's advisory lock and its
    # release (kern.jobs.sperre, issue 16: every batch job takes it).
    with django_assert_max_num_queries(4 if connection.vendor != "postgresql" else 6):
        assert domain.aufbewahrung_durchsetzen(heute=date(2031, 4, 1)) == 0


def _absturz_bei(monkeypatch, nummer: str):
    """The worker dies while writing the records of the page that holds report `nummer`."""
    original = Loeschprotokoll.objects.bulk_create

    def absturz(protokolle, *args, **kwargs):
        if any(p.meldung_nummer == nummer for p in protokolle):
            raise RuntimeError("Worker beendet")
        return original(protokolle, *args, **kwargs)

    monkeypatch.setattr(Loeschprotokoll.objects, "bulk_create", absturz)


@pytest.mark.rule("R-BM-3")
def test_abbruch_mitten_im_lauf_laesst_ganze_faelle_zurueck(personal_a, bedrohung, monkeypatch):
    erster = abgeschlossen(personal_a, bedrohung, zeit(date(2026, 3, 10)))
    zweiter = abgeschlossen(personal_a, bedrohung, zeit(date(2026, 3, 11)))
    _absturz_bei(monkeypatch, zweiter.nummer)
    with pytest.raises(RuntimeError):
        domain.aufbewahrung_durchsetzen(heute=date(2031, 4, 1), batch=1)

    # The first page is gone with its record; the second is untouched (rows, history), not half-deleted.
    assert Loeschprotokoll.objects.get().meldung_nummer == erster.nummer
    assert Bedrohungsmeldung.objects.filter(pk=zweiter.pk).exists()
    assert all(historie_von(zweiter.pk).values())
    assert Massnahme.objects.filter(meldung_id=zweiter.pk).count() == 2

    monkeypatch.undo()
    assert domain.aufbewahrung_durchsetzen(heute=date(2031, 4, 1)) == 1
    assert Loeschprotokoll.objects.count() == 2
    assert historie_von(zweiter.pk) == dict.fromkeys(historie_von(zweiter.pk), 0)


@pytest.mark.rule("R-BM-3")
def test_abbruch_laesst_die_ganze_seite_zurueck(personal_a, bedrohung, monkeypatch):
    """Issue 19: a page is deleted set-based in one transaction: a crash leaves all of its reports."""
    faelle = [abgeschlossen(personal_a, bedrohung, zeit(date(2026, 3, 10 + i))) for i in range(3)]
    _absturz_bei(monkeypatch, faelle[1].nummer)
    with pytest.raises(RuntimeError):
        domain.aufbewahrung_durchsetzen(heute=date(2031, 4, 1), batch=3)

    assert not Loeschprotokoll.objects.exists()
    for f in faelle:
        assert Bedrohungsmeldung.objects.filter(pk=f.pk).exists()
        assert all(historie_von(f.pk).values())
        assert f.beilagen.count() == 1

    monkeypatch.undo()
    assert domain.aufbewahrung_durchsetzen(heute=date(2031, 4, 1), batch=3) == 3
    assert not Bedrohungsmeldung.objects.exists()
    assert Loeschprotokoll.objects.count() == 3


@pytest.mark.rule("R-BM-3")
def test_seite_mit_fester_anzahl_abfragen(personal_a, bedrohung):
    """Issue 19: the statements of one page do not grow with its size (set-based, no ORM delete)."""
    assert domain.aufbewahrung_durchsetzen(heute=date(2000, 1, 1)) == 0  # creates the job's actor

    def abfragen(anzahl: int, start: date) -> int:
        for i in range(anzahl):
            abgeschlossen(personal_a, bedrohung, zeit(start + timedelta(days=i)), beilagen=2)
        with CaptureQueriesContext(connection) as ctx:
            assert domain.aufbewahrung_durchsetzen(heute=date(2040, 1, 1)) == anzahl
        return len(ctx.captured_queries)

    assert abfragen(1, date(2026, 1, 1)) == abfragen(6, date(2026, 2, 1))


@pytest.mark.rule("R-BM-1", "R-BM-3")
def test_verknuepfter_disziplinarrapport_bleibt_bestehen(sachbearbeitung, personal_a, bedrohung, anstalt_a):
    from bedrohung.recht import Urheberart
    from disziplinar.models import Rapport
    from tests.factories import fall_anlegen

    with time_machine.travel(zeit(date(2026, 3, 1)), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        m = meldung(personal_a, urheber_art=Urheberart.INSASSE, urheber_person=fall.person)
        rapport = domain.disziplinarrapport_anlegen(meldung=m, durch=personal_a)
        domain.einschaetzung_erfassen(meldung=m, risikostufe="gering", begruendung="x", durch=bedrohung)
        domain.meldung_abschliessen(meldung=m, bemerkung="Disziplinarisch erledigt", durch=bedrohung)

    assert domain.aufbewahrung_durchsetzen(heute=date(2031, 3, 2)) == 1
    # The disciplinary file has its own legal basis and retention (JVG): it stays, with the number only.
    assert Rapport.objects.get(pk=rapport.pk).sachverhalt.count(m.nummer) == 1


# --- The job through a real worker and broker (PITFALLS: eager mode only emulates a worker) --------


@pytest.mark.rule("R-BM-3", "R-0-AUDIT-1")
@pytest.mark.django_db(transaction=True)
def test_aufbewahrungsjob_laeuft_ueber_echten_worker_und_broker(personal_a, bedrohung, eigene_warteschlange):
    from jvg_case.celery import app
    from kern.models import Benutzer

    # Closed more than five years before the real today: the job (real clock) must delete it.
    alt = abgeschlossen(personal_a, bedrohung, zeit(date(2020, 6, 1)))
    with time_machine.travel(zeit(date(2026, 1, 5)), tick=False):
        jung = meldung(personal_a)
    assert timezone.localdate() > date(2025, 6, 1)

    with echter_worker(app):
        app.send_task("bedrohung.aufbewahrung_durchsetzen")
        warten_bis(lambda: Loeschprotokoll.objects.filter(meldung_nummer=alt.nummer).exists())

    assert Loeschprotokoll.objects.filter(meldung_nummer=alt.nummer).exists()
    assert not Bedrohungsmeldung.objects.filter(pk=alt.pk).exists()
    assert historie_von(alt.pk) == dict.fromkeys(historie_von(alt.pk), 0)
    assert Bedrohungsmeldung.objects.filter(pk=jung.pk).exists()
    # The job ran as its own named actor (R-0-AUDIT-1).
    assert Benutzer.objects.filter(username="job:bedrohung-aufbewahrung", rolle="system").exists()


# --- After a restore: the replay from the deletion log (issue 20 item 5) ----------------------------


@pytest.mark.rule("R-BM-3")
@pytest.mark.eigentuemer  # the replay after a restore runs as the owner (docs/betrieb.md, «Wiederherstellen»)
def test_export_und_nachholen_loeschen_eine_wiederhergestellte_meldung_erneut(personal_a, bedrohung):
    from bedrohung.domain import aufbewahrung
    from betrieb import sicherung

    weg = abgeschlossen(personal_a, bedrohung, zeit(date(2026, 3, 10)))
    with time_machine.travel(zeit(date(2031, 3, 11), 2), tick=False):
        assert domain.aufbewahrung_durchsetzen() == 1
    log = list(aufbewahrung.vernichtungen_exportieren())
    assert log == [
        {
            "art": "bedrohung",
            "meldung_nummer": weg.nummer,
            "gemeldet_am": "2026-03-08",
            "abgeschlossen_am": "2026-03-10",
            "geloescht_am": Loeschprotokoll.objects.get().geloescht_am.isoformat(),
            "rechtsgrundlage": Loeschprotokoll.objects.get().rechtsgrundlage,
        }
    ]
    # A database restored from an older backup holds the report again (here: still open, the backup
    # predates its closing) and not its record; a report the log does not name stays.
    Loeschprotokoll.objects.all().delete()
    wieder = meldung(personal_a, beilagen=[domain.BeilageDaten("Beweis", SimpleUploadedFile("b.txt", b"x"))])
    Bedrohungsmeldung.objects.filter(pk=wieder.pk).update(nummer=weg.nummer)
    bleibt = meldung(personal_a)
    datei = wieder.beilagen.get().datei
    assert datei.storage.exists(datei.name) and historie_von(wieder.pk)["Bedrohungsmeldung"] >= 1

    fremd = {"art": "bedrohung", "meldung_nummer": "BM-1999-999"}
    ergebnis = sicherung.vernichtungen_nachholen([*log, fremd, {"art": "bedrohung", "meldung_nummer": 7}])
    assert ergebnis["bedrohung"] == 1

    assert not Bedrohungsmeldung.objects.filter(pk=wieder.pk).exists()
    assert Bedrohungsmeldung.objects.filter(pk=bleibt.pk).exists()
    assert historie_von(wieder.pk) == dict.fromkeys(historie_von(wieder.pk), 0)
    assert not datei.storage.exists(datei.name)
    protokoll = Loeschprotokoll.objects.get()
    assert (protokoll.meldung_nummer, protokoll.gemeldet_am, protokoll.abgeschlossen_am) == (
        weg.nummer,
        date(2026, 3, 8),
        date(2026, 3, 10),
    )
    assert protokoll.job_lauf.startswith("bedrohung-nachholen:")
    # Idempotent: a second replay finds nothing.
    assert aufbewahrung.vernichtungen_nachholen(log) == 0
    assert Loeschprotokoll.objects.count() == 1
