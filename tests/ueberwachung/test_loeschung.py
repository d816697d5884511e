"""Legal deletion (§ 27 Abs. 3, § 29 Abs. 2 und 4, § 30 Abs. 5 JVG): nothing kept too long, nothing deleted
too early, nothing left behind (files, rows, history copies), a content-free record of each destruction,
and a job that survives being killed. Real files on disk (MEDIA_ROOT in tmp) and the real database
(SQLite locally; CI runs the same tests on PostgreSQL)."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from kern.fristen import TZ
from tests.conftest import echter_worker, warten_bis
from tests.factories import fall_anlegen
from ueberwachung import domain, recht
from ueberwachung.domain import _loeschsatz as loeschsatz
from ueberwachung.domain import loeschung
from ueberwachung.models import (
    Beizug,
    Dateiloeschung,
    EDDatei,
    EDMassnahme,
    Inhaltszugriff,
    Loeschlauf,
    Telefonaufzeichnung,
    Vernichtungsprotokoll,
    Videoaufzeichnung,
    speicher,
)
from ueberwachung.recht import Laufstatus, Objektart, Rechtsgrundlage, Vorgang
from vollzug import domain as vollzug_services

from . import hilfen
from .hilfen import (
    T0,
    aufnehmen,
    datei,
    filmen,
    history_modelle,
    platzieren,
    zeit,
    zone_anlegen,
)

# Fixtures of the shared helper module.
insasse, telefonanlage = hilfen.insasse, hilfen.telefonanlage

FAELLIG = zeit(2026, 6, 9, 10, 15)  # T0 + 100 days (R-29-2 example)


def laufen(jetzt, **kw) -> Loeschlauf:
    with time_machine.travel(jetzt, tick=False):
        return domain.aufzeichnungen_loeschen(**kw)


def history_zeilen(geloescht: dict[str, list[int]]) -> list[str]:
    """History rows of the app that still refer to one of the deleted objects, by their own id or by a
    foreign key (`geloescht`: model name → primary keys)."""
    treffer = []
    for modell in history_modelle():
        for feld in modell._meta.concrete_fields:
            if feld.name == "id" and modell.instance_type.__name__ in geloescht:
                pks = geloescht[modell.instance_type.__name__]
            elif (
                feld.is_relation and feld.name != "history_user" and feld.related_model.__name__ in geloescht
            ):
                pks = geloescht[feld.related_model.__name__]
            else:
                continue
            if modell.objects.filter(**{f"{feld.attname}__in": pks}).exists():
                treffer.append(f"{modell.__name__}.{feld.attname}")
    return treffer


# --- R-29-2: the boundary ---------------------------------------------------------------------------


@pytest.mark.rule("R-29-2")
def test_99_tage_bleibt_100_tage_geloescht(telefonanlage, insasse):
    a = aufnehmen(telefonanlage, insasse)
    assert laufen(T0 + timedelta(days=99)).anzahl_telefon == 0
    assert Telefonaufzeichnung.objects.filter(pk=a.pk).exists()
    assert laufen(T0 + timedelta(days=100)).anzahl_telefon == 1
    assert not Telefonaufzeichnung.objects.filter(pk=a.pk).exists()


@pytest.mark.rule("R-29-2")
def test_grenze_auf_die_minute(telefonanlage, insasse):
    a = aufnehmen(telefonanlage, insasse)
    assert laufen(FAELLIG - timedelta(minutes=1)).anzahl_telefon == 0  # 9 June 10:14
    assert Telefonaufzeichnung.objects.filter(pk=a.pk).exists()
    lauf = laufen(FAELLIG)  # 9 June 10:15
    assert (lauf.anzahl_telefon, lauf.anzahl_dateien) == (1, 1)
    p = Vernichtungsprotokoll.objects.get()
    assert (p.vernichtet_am, p.rechtsgrundlage) == (FAELLIG, Rechtsgrundlage.FRIST_29_2)


@pytest.mark.rule("R-29-2")
def test_beizug_haelt_auch_nach_500_tagen_aufhebung_loescht_beim_naechsten_lauf(
    telefonanlage, insasse, sachbearbeitung
):
    a = aufnehmen(telefonanlage, insasse)
    b = domain.beizug_erfassen(
        aufzeichnung=a,
        verfahrensart="strafverfahren",
        referenz="ST 2026 77",
        behoerde="StA Luzern",
        durch=sachbearbeitung,
    )
    assert laufen(T0 + timedelta(days=500)).anzahl_telefon == 0
    assert Telefonaufzeichnung.objects.filter(pk=a.pk).exists()
    with time_machine.travel(T0 + timedelta(days=500, hours=1), tick=False):
        domain.beizug_aufheben(beizug=b, grund="Urteil rechtskräftig", durch=sachbearbeitung)
    # Older than 100 days: due at once, the next run deletes it (with the hold and its history).
    assert laufen(T0 + timedelta(days=500, hours=1, minutes=15)).anzahl_telefon == 1
    assert not Telefonaufzeichnung.objects.filter(pk=a.pk).exists()
    assert not Beizug.objects.exists() and not Beizug.history.exists()


@pytest.mark.rule("R-29-2")
def test_aufgehobener_beizug_unter_100_tagen_wartet_auf_die_frist(telefonanlage, insasse, leitung_a):
    a = aufnehmen(telefonanlage, insasse)
    b = domain.beizug_erfassen(
        aufzeichnung=a, verfahrensart="zivilverfahren", referenz="Z 1", behoerde="BG", durch=leitung_a
    )
    with time_machine.travel(T0 + timedelta(days=5), tick=False):
        domain.beizug_aufheben(beizug=b, grund="Rückzug", durch=leitung_a)
    assert laufen(T0 + timedelta(days=6)).anzahl_telefon == 0
    assert laufen(FAELLIG).anzahl_telefon == 1


@pytest.mark.rule("R-29-2")
def test_zwei_beizuege_einer_aufgehoben_bleibt_gesperrt(telefonanlage, insasse, leitung_a):
    a = aufnehmen(telefonanlage, insasse)
    b1 = domain.beizug_erfassen(
        aufzeichnung=a, verfahrensart="strafverfahren", referenz="S1", behoerde="StA", durch=leitung_a
    )
    domain.beizug_erfassen(
        aufzeichnung=a, verfahrensart="verwaltungsverfahren", referenz="V1", behoerde="JSD", durch=leitung_a
    )
    domain.beizug_aufheben(beizug=b1, grund="erledigt", durch=leitung_a)
    assert laufen(T0 + timedelta(days=200)).anzahl_telefon == 0


# --- R-30-3: video ------------------------------------------------------------------------------------


@pytest.mark.rule("R-30-3")
def test_video_nach_auswertung_sofort_sonst_100_tage(leitung_a):
    zone = zone_anlegen(leitung_a)
    ausgewertet = filmen(leitung_a, zone, inhalt=b"clip-1")
    unberuehrt = filmen(leitung_a, zone, beginn=T0 + timedelta(minutes=1), inhalt=b"clip-2")
    domain.auswerten(video=ausgewertet, verdachtsart="straftat", verdacht="Körperverletzung", durch=leitung_a)
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        domain.auswertung_abschliessen(video=ausgewertet, durch=leitung_a)
    assert laufen(T0 + timedelta(days=2, minutes=5)).anzahl_video == 1
    assert list(Videoaufzeichnung.objects.values_list("pk", flat=True)) == [unberuehrt.pk]
    assert Vernichtungsprotokoll.objects.get().rechtsgrundlage == Rechtsgrundlage.AUSWERTUNG_30_5
    assert laufen(FAELLIG).anzahl_video == 0  # 10:16 is due at 10:16
    assert laufen(FAELLIG + timedelta(minutes=1)).anzahl_video == 1
    assert set(Vernichtungsprotokoll.objects.values_list("rechtsgrundlage", flat=True)) == {
        Rechtsgrundlage.AUSWERTUNG_30_5,
        Rechtsgrundlage.FRIST_30_5,
    }


@pytest.mark.rule("R-30-3")
def test_video_unter_beizug_bleibt_nach_auswertung(leitung_a, sachbearbeitung):
    v = filmen(leitung_a, zone_anlegen(leitung_a))
    domain.beizug_erfassen(
        aufzeichnung=v, verfahrensart="strafverfahren", referenz="ST 9", behoerde="StA", durch=sachbearbeitung
    )
    domain.auswerten(video=v, verdachtsart="straftat", verdacht="Sachbeschädigung", durch=leitung_a)
    domain.auswertung_abschliessen(video=v, durch=leitung_a)
    assert laufen(T0 + timedelta(days=300)).anzahl_video == 0
    assert Videoaufzeichnung.objects.filter(pk=v.pk).exists()


# --- Nothing left behind ------------------------------------------------------------------------------


@pytest.mark.rule("R-29-2", "R-30-3", "R-27-3")
def test_keine_history_zeile_haelt_noch_inhalt(telefonanlage, insasse, leitung_a, sachbearbeitung):
    a = aufnehmen(telefonanlage, insasse)
    b = domain.beizug_erfassen(
        aufzeichnung=a, verfahrensart="strafverfahren", referenz="S", behoerde="StA", durch=leitung_a
    )
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        domain.beizug_aufheben(beizug=b, grund="erledigt", durch=leitung_a)
    v = filmen(leitung_a, zone_anlegen(leitung_a))
    bv = domain.beizug_erfassen(
        aufzeichnung=v, verfahrensart="zivilverfahren", referenz="Z", behoerde="BG", durch=leitung_a
    )
    domain.beizug_aufheben(beizug=bv, grund="erledigt", durch=leitung_a)
    m = domain.ed_anordnen(
        person=insasse,
        art="fotografien",
        durchgefuehrt_am=date(2026, 3, 1),
        dateien=[datei()],
        durch=leitung_a,
    )
    dateien = [a.datei.name, v.datei.name, *EDDatei.objects.values_list("datei", flat=True)]
    geloescht = {
        "Telefonaufzeichnung": [a.pk],
        "Videoaufzeichnung": [v.pk],
        "Beizug": [b.pk, bv.pk],
        "EDMassnahme": [m.pk],
        "EDDatei": list(EDDatei.objects.values_list("pk", flat=True)),
    }
    assert len(history_zeilen(geloescht)) >= 7  # every kind of row had history copies before

    assert laufen(FAELLIG + timedelta(minutes=5)).gesamt == 2
    with time_machine.travel(zeit(2026, 3, 20), tick=False):
        vollzug_services.entlassen(fall=insasse.faelle.get(), am=zeit(2026, 3, 20, 8), durch=sachbearbeitung)
    with time_machine.travel(zeit(2036, 3, 20, 3), tick=False):
        assert domain.ed_vernichten().anzahl_ed == 1

    assert history_zeilen(geloescht) == []
    assert not any(speicher().exists(name) for name in dateien)
    assert not Dateiloeschung.objects.exists()
    # What remains is content-free: no number, no file name, no hash, no suspicion.
    protokolle = list(Vernichtungsprotokoll.objects.values())
    assert len(protokolle) == 3
    text = str(protokolle)
    for geheim in ("0791234567", "079 123", a.sha256, a.datei.name, "ueberwachung/"):
        assert geheim not in text
    assert {f.name for f in Vernichtungsprotokoll._meta.concrete_fields} == {
        "id", "vorgang", "objektart", "objekt_id", "person", "personennummer", "anstalt",
        "aufgezeichnet_am", "vernichtet_am", "lauf", "rechtsgrundlage", "anzahl_dateien",
    }  # fmt: skip


@pytest.mark.rule("R-29-2", "R-0-AUDIT-1")
def test_vernichtungsprotokoll_und_lauf(telefonanlage, insasse, anstalt_a):
    a = aufnehmen(telefonanlage, insasse)
    lauf = laufen(FAELLIG + timedelta(hours=2))
    p = Vernichtungsprotokoll.objects.get()
    assert {
        "vorgang": p.vorgang,
        "objektart": p.objektart,
        "objekt_id": p.objekt_id,
        "person": p.person,
        "personennummer": p.personennummer,
        "anstalt": p.anstalt,
        "aufgezeichnet_am": p.aufgezeichnet_am,
        "vernichtet_am": p.vernichtet_am,
        "lauf": p.lauf,
        "rechtsgrundlage": p.rechtsgrundlage,
        "anzahl_dateien": p.anzahl_dateien,
    } == {
        "vorgang": Vorgang.VERNICHTET,
        "objektart": Objektart.TELEFON,
        "objekt_id": a.pk,
        "person": insasse,
        "personennummer": insasse.personennummer,
        "anstalt": anstalt_a,
        "aufgezeichnet_am": T0,
        "vernichtet_am": FAELLIG + timedelta(hours=2),
        "lauf": lauf,
        "rechtsgrundlage": Rechtsgrundlage.FRIST_29_2,
        "anzahl_dateien": 1,
    }
    assert (
        lauf.job,
        lauf.status,
        lauf.gestartet_am,
        lauf.beendet_am,
        lauf.anzahl_telefon,
        lauf.anzahl_dateien,
    ) == (
        "ueberwachung-aufzeichnungen",
        Laufstatus.BEENDET,
        FAELLIG + timedelta(hours=2),
        FAELLIG + timedelta(hours=2),
        1,
        1,
    )


@pytest.mark.rule("R-29-2")
def test_idempotent_und_in_batches(telefonanlage, insasse, django_assert_max_num_queries):
    alle = [
        aufnehmen(telefonanlage, insasse, beginn=T0 + timedelta(minutes=i), inhalt=b"x%d" % i)
        for i in range(5)
    ]
    spaet = aufnehmen(telefonanlage, insasse, beginn=T0 + timedelta(days=1))
    lauf = laufen(FAELLIG + timedelta(hours=1), batch=2)
    assert (lauf.anzahl_telefon, lauf.anzahl_dateien) == (5, 5)
    assert laufen(FAELLIG + timedelta(hours=1), batch=2).gesamt == 0
    assert Vernichtungsprotokoll.objects.count() == 5
    assert set(Vernichtungsprotokoll.objects.values_list("objekt_id", flat=True)) == {x.pk for x in alle}
    assert list(Telefonaufzeichnung.objects.values_list("pk", flat=True)) == [spaet.pk]
    # Nothing due: a fixed, small number of statements whatever the table size.
    # (run row, pending files, three kinds × savepoint/select/release, advisory lock on PostgreSQL, end)
    with django_assert_max_num_queries(16):
        laufen(FAELLIG + timedelta(hours=1))


@pytest.mark.rule("R-29-2")
def test_absturz_mitten_im_batch_laesst_batch_unberuehrt(telefonanlage, insasse, monkeypatch):
    aufnahmen = [
        aufnehmen(telefonanlage, insasse, beginn=T0 + timedelta(minutes=i), inhalt=b"y%d" % i)
        for i in range(4)
    ]
    original = loeschsatz.protokolle_schreiben
    aufrufe = []

    def absturz(**kwargs):
        aufrufe.append(1)
        if len(aufrufe) == 2:  # the second batch: ids locked, records being written
            raise RuntimeError("Worker beendet")
        return original(**kwargs)

    monkeypatch.setattr(loeschsatz, "protokolle_schreiben", absturz)
    with pytest.raises(RuntimeError):
        laufen(FAELLIG + timedelta(minutes=10), batch=2)
    # The first batch is complete (rows, history, files, records); the second untouched.
    erste, zweite = aufnahmen[:2], aufnahmen[2:]
    assert set(Vernichtungsprotokoll.objects.values_list("objekt_id", flat=True)) == {x.pk for x in erste}
    assert not any(speicher().exists(x.datei.name) for x in erste)
    assert set(Telefonaufzeichnung.objects.values_list("pk", flat=True)) == {x.pk for x in zweite}
    assert all(speicher().exists(x.datei.name) for x in zweite)
    assert all(Telefonaufzeichnung.history.filter(id=x.pk).exists() for x in zweite)
    abgebrochen = Loeschlauf.objects.get()
    assert (abgebrochen.status, abgebrochen.anzahl_telefon) == (Laufstatus.LAEUFT, 2)

    monkeypatch.setattr(loeschsatz, "protokolle_schreiben", original)
    assert laufen(FAELLIG + timedelta(minutes=15)).anzahl_telefon == 2
    assert Vernichtungsprotokoll.objects.count() == 4
    assert not Telefonaufzeichnung.objects.exists() and not Telefonaufzeichnung.history.exists()
    assert not any(speicher().exists(x.datei.name) for x in aufnahmen)


@pytest.mark.rule("R-29-2")
def test_absturz_zwischen_commit_und_dateiloeschung(telefonanlage, insasse, monkeypatch):
    aufnahmen = [
        aufnehmen(telefonanlage, insasse, beginn=T0 + timedelta(minutes=i), inhalt=b"z%d" % i)
        for i in range(3)
    ]
    storage = speicher()

    def absturz(*args):
        raise RuntimeError("Worker beendet nach dem Commit")

    # Either way of removing files (any storage; the file-system storage's own loop) dies.
    monkeypatch.setattr(FileSystemStorage, "delete", absturz)
    monkeypatch.setattr(loeschung, "_lokal_entfernen", absturz)
    with pytest.raises(RuntimeError):
        laufen(FAELLIG + timedelta(minutes=10), batch=10)
    # Rows, history and records are committed; the files are still there, but recorded as to be removed.
    assert not Telefonaufzeichnung.objects.exists()
    assert Vernichtungsprotokoll.objects.count() == 3
    assert all(storage.exists(x.datei.name) for x in aufnahmen)
    assert sorted(Dateiloeschung.objects.values_list("name", flat=True)) == sorted(
        x.datei.name for x in aufnahmen
    )

    monkeypatch.undo()
    lauf = laufen(FAELLIG + timedelta(minutes=15))
    # The next run removes the orphaned files first; nothing is destroyed (or recorded) twice.
    assert (lauf.nachgeholt_dateien, lauf.anzahl_telefon) == (3, 0)
    assert not any(storage.exists(x.datei.name) for x in aufnahmen)
    assert not Dateiloeschung.objects.exists()
    assert Vernichtungsprotokoll.objects.count() == 3


@pytest.mark.rule("R-29-4")
def test_job_vernichtet_rechtsbeistandsgespraech_auch_unter_beizug(telefonanlage, insasse, leitung_a):
    a = aufnehmen(telefonanlage, insasse, nummer="041 210 00 00")
    domain.beizug_erfassen(
        aufzeichnung=a, verfahrensart="strafverfahren", referenz="S", behoerde="StA", durch=leitung_a
    )
    # Registered without the immediate destruction (e.g. an interrupted call): the hourly job finds it.
    from ueberwachung.models import Rechtsbeistand

    Rechtsbeistand.objects.create(
        person=insasse,
        name="RA",
        nummer="0412100000",
        nummer_normalisiert="0041412100000",
        erfasst_durch=leitung_a,
    )
    assert laufen(T0 + timedelta(days=1)).anzahl_telefon == 1
    assert Vernichtungsprotokoll.objects.get().rechtsgrundlage == Rechtsgrundlage.RECHTSBEISTAND_29_4


# --- R-27-3: ED material --------------------------------------------------------------------------


def ed_mit_entlassung(sachbearbeitung, leitung, anstalt, entlassung: datetime):
    fall = platzieren(sachbearbeitung, anstalt, am=entlassung - timedelta(days=60))
    with time_machine.travel(entlassung - timedelta(days=30), tick=False):
        m = domain.ed_anordnen(
            person=fall.person,
            art="fingerabdruecke",
            durchgefuehrt_am=timezone.localdate(),
            dateien=[datei()],
            durch=leitung,
        )
    with time_machine.travel(entlassung + timedelta(minutes=1), tick=False):
        vollzug_services.entlassen(fall=fall, am=entlassung, durch=sachbearbeitung)
    return fall, m


@pytest.mark.rule("R-27-3", "R-1-ENTL-1")
def test_ed_zehn_jahre_minus_ein_tag_bleibt_plus_ein_tag_vernichtet(sachbearbeitung, leitung_a, anstalt_a):
    entlassung = zeit(2026, 5, 20, 9)
    fall, m = ed_mit_entlassung(sachbearbeitung, leitung_a, anstalt_a, entlassung)
    assert recht.ed_vernichtung_am(entlassung) == date(2036, 5, 20)
    assert domain.ed_vernichtung_am_fuer(fall.person) == date(2036, 5, 20)
    # Released "ten years minus one day ago": kept.
    assert domain.ed_vernichten(heute=date(2036, 5, 19)).anzahl_ed == 0
    assert EDMassnahme.objects.filter(pk=m.pk).exists()
    # Ten years plus one day: destroyed (the last day itself is the day of destruction, "spätestens").
    lauf = domain.ed_vernichten(heute=date(2036, 5, 21))
    assert (lauf.anzahl_ed, lauf.anzahl_dateien) == (1, 1)
    assert not EDMassnahme.objects.exists() and not EDDatei.objects.exists()
    p = Vernichtungsprotokoll.objects.get()
    assert (p.objektart, p.person, p.rechtsgrundlage) == (Objektart.ED, fall.person, Rechtsgrundlage.ED_27_3)


@pytest.mark.rule("R-27-3")
def test_ed_am_letzten_tag_vernichtet_und_schaltjahr(sachbearbeitung, leitung_a, anstalt_a):
    fall, _m = ed_mit_entlassung(sachbearbeitung, leitung_a, anstalt_a, zeit(2028, 2, 29, 23, 30))
    assert recht.ed_vernichtung_am(zeit(2028, 2, 29, 23, 30)) == date(2038, 2, 28)
    assert domain.ed_vernichten(heute=date(2038, 2, 27)).anzahl_ed == 0
    assert domain.ed_vernichten(heute=date(2038, 2, 28)).anzahl_ed == 1


@pytest.mark.rule("R-27-3")
def test_ed_ohne_entlassung_nie_vernichtet(insasse, leitung_a):
    domain.ed_anordnen(
        person=insasse, art="messungen", durchgefuehrt_am=date(2026, 3, 1), dateien=[datei()], durch=leitung_a
    )
    assert domain.ed_vernichten(heute=date(2099, 1, 1)).anzahl_ed == 0
    assert EDMassnahme.objects.count() == 1
    assert domain.ed_vernichtung_am_fuer(insasse) is None


@pytest.mark.rule("R-27-3", "R-1-ENTL-1")
def test_neue_einweisung_pausiert_und_neue_entlassung_startet_neu(sachbearbeitung, leitung_a, anstalt_a):
    entlassung = zeit(2026, 5, 20, 9)
    fall, m = ed_mit_entlassung(sachbearbeitung, leitung_a, anstalt_a, entlassung)
    # New admission in 2030: no destruction while in execution, even after ten years from the first release.
    with time_machine.travel(zeit(2030, 1, 10), tick=False):
        neu = fall_anlegen(
            durch=sachbearbeitung,
            person=fall.person,
            eingewiesen_in=anstalt_a,
            eingewiesen_am=zeit(2030, 1, 10, 8),
        )
    assert domain.ed_vernichten(heute=date(2036, 5, 21)).anzahl_ed == 0
    assert domain.ed_vernichtung_am_fuer(fall.person) is None
    # Released again in 2037: the clock restarts from that release.
    with time_machine.travel(zeit(2037, 1, 10), tick=False):
        vollzug_services.entlassen(fall=neu, am=zeit(2037, 1, 10, 8), durch=sachbearbeitung)
    assert domain.ed_vernichtung_am_fuer(fall.person) == date(2047, 1, 10)
    assert domain.ed_vernichten(heute=date(2047, 1, 9)).anzahl_ed == 0
    assert domain.ed_vernichten(heute=date(2047, 1, 10)).anzahl_ed == 1
    assert not EDMassnahme.objects.filter(pk=m.pk).exists()


@pytest.mark.rule("R-27-3")
def test_ed_stichtag_grenzen():
    for heute in (date(2036, 5, 20), date(2038, 2, 28), date(2036, 2, 29), date(2037, 3, 1)):
        grenze = recht.ed_entlassung_spaetestens(heute)
        letzter = (grenze - timedelta(days=1)).date()
        assert recht.ed_vernichtung_am(letzter) <= heute < recht.ed_vernichtung_am(grenze.date())
        assert grenze.tzinfo == TZ and (grenze.hour, grenze.minute) == (0, 0)


# --- The job through a real worker and broker (PITFALLS: eager mode only emulates a worker) ------------


@pytest.mark.rule("R-29-2", "R-0-AUDIT-1")
@pytest.mark.django_db(transaction=True)
def test_loeschjob_laeuft_ueber_echten_worker_und_broker(telefonanlage, insasse, eigene_warteschlange):
    from jvg_case.celery import app

    # Made more than 100 days before the real today: the job (real clock) must delete it.
    alt = aufnehmen(telefonanlage, insasse)
    jung_beginn = timezone.now() - timedelta(days=1)
    jung = aufnehmen(telefonanlage, insasse, beginn=jung_beginn, inhalt=b"jung")
    assert timezone.now() > alt.loeschung_faellig_am

    with echter_worker(app):
        app.send_task("ueberwachung.aufzeichnungen_loeschen")
        warten_bis(lambda: Vernichtungsprotokoll.objects.filter(objekt_id=alt.pk).exists())

    assert Vernichtungsprotokoll.objects.filter(objekt_id=alt.pk, objektart="telefon").exists()
    assert not Telefonaufzeichnung.objects.filter(pk=alt.pk).exists()
    assert not Telefonaufzeichnung.history.filter(id=alt.pk).exists()
    assert not speicher().exists(alt.datei.name)
    assert Telefonaufzeichnung.objects.filter(pk=jung.pk).exists()
    assert Loeschlauf.objects.get().status == Laufstatus.BEENDET


# --- Issue 23 point 7: the access log after the destruction ---------------------------------------


@pytest.mark.rule("R-29-3")
def test_zugriffsprotokoll_ueberdauert_die_aufzeichnung_ohne_verdachtstext(telefonanlage, insasse, leitung_a):
    """The listening's access record stays after the legal destruction (§ 29 Abs. 2) and holds only the
    letter of § 40 Abs. 2 and the reference: no free text could tell what the recording was about."""
    a = aufnehmen(telefonanlage, insasse)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        domain.abhoeren(aufzeichnung=a, tatbestand="g", referenz="Rapport 2026-17", durch=leitung_a)
    assert laufen(T0 + timedelta(days=100)).anzahl_telefon == 1
    assert not Telefonaufzeichnung.objects.filter(pk=a.pk).exists()
    z = Inhaltszugriff.objects.get(objekt_id=a.pk)
    assert (z.art, z.tatbestand, z.verfahren_referenz, z.verdacht) == ("abhoeren", "g", "Rapport 2026-17", "")
