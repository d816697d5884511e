"""Benchmark of the legal deletion (issue 19: «Deletion sweep at 100k and at 1M ≥ 10,000 rows/s, with RSS
independent of N»), for `manage.py bench_loeschung` and for `bench_skala`:

    from ueberwachung.leistung import bench_loeschung
    messung = bench_loeschung(100_000)   # -> Messung(zeilen_pro_s=…, rss_spitze_mb=…, …)

Setup (not measured): one facility, one placed person, N phone recordings due for deletion with one
history row each (as ingestion writes), and a small file each in the configured storage. On PostgreSQL the
rows are written by set-based SQL (`generate_series`), elsewhere by `bulk_create`. Then the real job
`domain.aufzeichnungen_loeschen` runs once, measured: wall time, rows per second, and the peak resident set
of the process during the run (Linux: the peak is reset before the run through /proc/self/clear_refs and
read from VmHWM afterwards; no tracemalloc, it slows Python 3–4×, PITFALLS). Afterwards the bench's own
master data and records are removed. Writes into the configured database: use a bench database.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone

from kern.models import Benutzer, Vernichtung
from kern.rollen import Rolle
from ueberwachung import domain
from ueberwachung.domain.loeschung import BATCH
from ueberwachung.models import Beizug, Loeschlauf, Telefonaufzeichnung, Vernichtungsprotokoll, speicher
from vollzug.models import Anstalt, Person, Platzierung, Vollzugsfall
from vollzug.recht import Fallstatus, Platzierungsart, Traegerschaft


@dataclass(frozen=True)
class Messung:
    anzahl: int
    batch: int
    sekunden: float
    dateien: int
    rss_vorher_mb: float
    rss_spitze_mb: float
    vorbereitung_s: float

    @property
    def zeilen_pro_s(self) -> float:
        return self.anzahl / self.sekunden if self.sekunden else 0.0

    def __str__(self):
        return (
            f"Löschlauf: {self.anzahl} Aufzeichnungen, {self.dateien} Dateien in {self.sekunden:.2f} s "
            f"({self.zeilen_pro_s:.0f} Zeilen/s, Batch {self.batch}); RSS vor dem Lauf {self.rss_vorher_mb:.0f} MB, "
            f"Spitze im Lauf {self.rss_spitze_mb:.0f} MB (Vorbereitung {self.vorbereitung_s:.1f} s)"
        )


def _status_mb(feld: str) -> float:
    try:
        for zeile in Path("/proc/self/status").read_text().splitlines():
            if zeile.startswith(feld + ":"):
                return int(zeile.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _spitze_zuruecksetzen() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS (Linux ≥ 4.0)


def bench_loeschung(
    anzahl: int, *, batch: int = BATCH, dateien: bool = True, aufraeumen: bool = True, ausgabe=None
) -> Messung:
    """Measure one deletion run over `anzahl` due recordings (see module doc)."""
    if anzahl < 1 or batch < 1:
        raise ValueError("anzahl und batch müssen positiv sein.")
    # With DEBUG on, Django keeps the SQL of the run in memory: that, not the job, would be measured.
    settings.DEBUG = False
    melden = ausgabe or (lambda text: None)
    marke = uuid.uuid4().hex[:8]
    person, anstalt, fall, benutzer = _stammdaten(marke)
    beginn_lauf = timezone.now()
    eigene_laeufe: list[int] = []
    try:
        t0 = time.monotonic()
        _aufzeichnungen(anzahl, person, anstalt, benutzer, dateien=dateien)
        vorbereitung = time.monotonic() - t0
        melden(f"Vorbereitet: {anzahl} fällige Aufzeichnungen in {vorbereitung:.1f} s")
        rss_vorher = _status_mb("VmRSS")
        _spitze_zuruecksetzen()
        t0 = time.monotonic()
        lauf = domain.aufzeichnungen_loeschen(batch=batch, zeitbudget_s=24 * 3600)
        dauer = time.monotonic() - t0
        eigene_laeufe.append(lauf.pk)
        # The job deletes every due recording, also those already in the database (bench_daten loads 1 %
        # due video recordings): all rows it deleted count, not only the bench's own phone recordings.
        messung = Messung(
            anzahl=lauf.gesamt,
            batch=batch,
            sekunden=dauer,
            dateien=lauf.anzahl_dateien,
            rss_vorher_mb=rss_vorher,
            rss_spitze_mb=_status_mb("VmHWM"),
            vorbereitung_s=vorbereitung,
        )
        melden(str(messung))
        if lauf.gesamt != anzahl:
            melden(
                f"Davon vorbereitet: {lauf.anzahl_telefon} Telefonaufzeichnungen; weitere fällige in der "
                f"Datenbank: {lauf.anzahl_video} Video, {lauf.anzahl_ed} ED"
            )
        rest = Telefonaufzeichnung.objects.filter(person=person).count()
        zweiter = domain.aufzeichnungen_loeschen(batch=batch)
        eigene_laeufe.append(zweiter.pk)
        melden(f"Übrig: {rest}; zweiter Lauf: {zweiter.gesamt} (idempotent)")
        return messung
    finally:
        if aufraeumen:
            _aufraeumen(person, anstalt, fall, benutzer, seit=beginn_lauf, eigene_laeufe=eigene_laeufe)
            melden("Aufgeräumt: Bench-Stammdaten und -Protokolle entfernt.")


def _stammdaten(marke):
    anstalt = Anstalt.objects.create(
        name=f"Bench-JVA Überwachung {marke}", kurzname=f"bench-u-{marke}", ort="Luzern",
        traegerschaft=Traegerschaft.KANTONAL,
    )  # fmt: skip
    benutzer = Benutzer.objects.create(username=f"bench-u-{marke}", rolle=Rolle.SACHBEARBEITUNG)
    person = Person.objects.create(
        personennummer=f"B{marke}", amtlicher_name="Bench", vorname="Überwachung", geschlecht="1",
        geburtsdatum="1980-01-01",
    )  # fmt: skip
    beginn = timezone.now() - timedelta(days=400)
    fall = Vollzugsfall.objects.create(
        fallnummer=f"B{marke}", person=person, status=Fallstatus.IM_VOLLZUG, eingang_am=beginn.date(),
        vollzugsbeginn=beginn, erfasst_durch=benutzer,
    )  # fmt: skip
    Platzierung.objects.create(
        fall=fall, anstalt=anstalt, art=Platzierungsart.EINWEISUNG, von=beginn, angeordnet_durch=benutzer
    )
    return person, anstalt, fall, benutzer


def _aufzeichnungen(anzahl, person, anstalt, benutzer, *, dateien: bool) -> None:
    basis = timezone.now() - timedelta(days=150)
    if connection.vendor == "postgresql":
        _aufzeichnungen_sql(anzahl, person, anstalt, benutzer, basis)
    else:
        _aufzeichnungen_orm(anzahl, person, anstalt, benutzer, basis)
    if dateien:
        _dateien_schreiben(person)


def _aufzeichnungen_sql(anzahl, person, anstalt, benutzer, basis) -> None:
    t = Telefonaufzeichnung._meta.db_table
    h = Telefonaufzeichnung.history.model._meta.db_table
    spalten = [f.column for f in Telefonaufzeichnung._meta.concrete_fields if f.column != "id"]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {t} ({', '.join(spalten)}) "  # noqa: S608 (names from the model)
            "SELECT %(person)s, %(anstalt)s, '079 000 00 00', '0041790000000', b, b + interval '5 minutes', "
            "'ueberwachung/bench/' || %(marke)s || '/' || i || '.ogg', repeat('0', 64), 16, now(), %(benutzer)s, "
            "b + interval '100 days' "
            "FROM generate_series(1, %(anzahl)s) AS i, LATERAL (SELECT %(basis)s + i * interval '1 second' AS b) x",
            {
                "person": person.pk, "anstalt": anstalt.pk, "marke": person.personennummer, "benutzer": benutzer.pk,
                "anzahl": anzahl, "basis": basis,
            },
        )  # fmt: skip
        alle = [f.column for f in Telefonaufzeichnung._meta.concrete_fields]
        cursor.execute(
            f"INSERT INTO {h} ({', '.join(alle)}, history_date, history_type, history_user_id) "  # noqa: S608
            f"SELECT {', '.join(alle)}, eingegangen_am, '+', %s FROM {t} WHERE person_id = %s",
            [benutzer.pk, person.pk],
        )


def _aufzeichnungen_orm(anzahl, person, anstalt, benutzer, basis) -> None:
    for start in range(0, anzahl, 1000):
        zeilen = []
        for i in range(start, min(start + 1000, anzahl)):
            beginn = basis + timedelta(seconds=i)
            zeilen.append(
                Telefonaufzeichnung(
                    person=person, anstalt=anstalt, nummer="079 000 00 00", nummer_normalisiert="0041790000000",
                    beginn=beginn, ende=beginn + timedelta(minutes=5),
                    datei=f"ueberwachung/bench/{person.personennummer}/{i}.ogg", sha256="0" * 64, groesse=16,
                    eingegangen_durch=benutzer, loeschung_faellig_am=beginn + timedelta(days=100),
                )
            )  # fmt: skip
        with transaction.atomic():
            erstellt = Telefonaufzeichnung.objects.bulk_create(zeilen)
            Telefonaufzeichnung.history.bulk_history_create(erstellt, default_user=benutzer)


def _dateien_schreiben(person) -> None:
    """One small file per recording: directly on a file-system storage (fast), else through its API."""
    storage = speicher()
    namen = Telefonaufzeichnung.objects.filter(person=person).values_list("datei", flat=True)
    try:
        ordner = Path(storage.path(f"ueberwachung/bench/{person.personennummer}"))
    except NotImplementedError:
        for name in namen.iterator(chunk_size=2000):
            storage.save(name, ContentFile(b"bench-audio"))
        return
    ordner.mkdir(parents=True, exist_ok=True)
    for name in namen.iterator(chunk_size=2000):
        with open(ordner / os.path.basename(name), "wb") as f:
            f.write(b"bench-audio")


def _aufraeumen(person, anstalt, fall, benutzer, *, seit, eigene_laeufe) -> None:
    laeufe = list(
        Loeschlauf.objects.filter(protokolle__person=person).values_list("pk", flat=True).distinct()
    )
    Vernichtungsprotokoll.objects.filter(person=person).delete()
    # A run that also destroyed other due records (a bench_daten database) keeps their protocols and so
    # stays; the bench's runs without protocols of their own (the idempotent second run) go.
    Loeschlauf.objects.filter(pk__in=[*laeufe, *eigene_laeufe], protokolle__isnull=True).delete()
    Vernichtung.objects.filter(
        zeitpunkt__gte=seit,
        tabelle__in=[Telefonaufzeichnung.history.model._meta.db_table, Beizug.history.model._meta.db_table],
    ).delete()
    pks = {Vollzugsfall: fall.pk, Person: person.pk, Anstalt: anstalt.pk, Benutzer: benutzer.pk}
    Platzierung.objects.filter(fall=fall).delete()
    Platzierung.history.filter(fall_id=fall.pk).delete()
    for objekt in (fall, person, anstalt, benutzer):
        objekt.delete()
    for modell, pk in pks.items():
        modell.history.filter(id=pk).delete()
    try:
        ordner = Path(speicher().path(f"ueberwachung/bench/{person.personennummer}"))
        if ordner.is_dir() and not any(ordner.iterdir()):
            ordner.rmdir()
    except (NotImplementedError, OSError):
        pass
