"""Legal deletion of recordings (§ 29 Abs. 2, § 29 Abs. 4, § 30 Abs. 5) and ED material (§ 27 Abs. 3).

Nothing kept too long, nothing deleted too early, nothing left behind:

- **Selection**: everything due (`queries.telefon_faellig`, `video_faellig`, `telefon_rechtsbeistand`,
  `ed_faellig`), so a missed run catches up; paged by primary key (bounded memory, no cursor held across
  writes).
- **One transaction per batch** (PostgreSQL advisory lock, ids locked `FOR UPDATE SKIP LOCKED`, 5,000 a
  batch), as set-based SQL (`_loeschsatz`, issue 19): a content-free `Vernichtungsprotokoll` per object
  (`INSERT … SELECT`), one `Dateiloeschung` row per file (the intent to remove it, `RETURNING`), the child
  rows (holds, ED files), the rows and **every history copy of them** (PITFALLS: simple-history keeps the
  full content of deleted rows), ids as one array parameter. The rows are deleted with a raw DELETE:
  deleting through the ORM would first write one more history row per object holding the content.
- **After the commit** the files are removed and their `Dateiloeschung` rows with them. A worker killed
  in the middle of a batch leaves the batch untouched (rolled back: still due, next run); killed between
  commit and file removal, it leaves `Dateiloeschung` rows that the next run removes first
  (`ausstehende_dateien_entfernen`). So no orphan file, nothing deleted twice (one record per object,
  unique), nothing due left behind.
- **Counts**: a `Loeschlauf` row per run (also the return value) and one log line.

Must be called outside a transaction (the Celery tasks are): the files go only after the batch commit.
"""

import contextlib
import logging
import os
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from kern import fristen, jobs
from ueberwachung import queries
from ueberwachung.domain._loeschsatz import Grundlage, batch_loeschen, zeilen_loeschen
from ueberwachung.models import (
    Dateiloeschung,
    EDMassnahme,
    Loeschlauf,
    Telefonaufzeichnung,
    Vernichtungsprotokoll,
    Videoaufzeichnung,
    speicher,
)
from ueberwachung.recht import Laufstatus, Objektart, Rechtsgrundlage, Vorgang

log = logging.getLogger(__name__)

JOB_AUFZEICHNUNGEN = "ueberwachung-aufzeichnungen"
JOB_ED = "ueberwachung-ed"
JOB_RECHTSBEISTAND = "ueberwachung-rechtsbeistand"
JOB_NACHHOLEN = "ueberwachung-nachholen"  # destructions repeated after a restore (betrieb, docs/betrieb.md)
# One lock for every deletion of this module (kern.jobs.sperre): the sweeps and an immediate § 29 Abs. 4
# destruction never work at the same time.
SPERRE = "ueberwachung.loeschung"
# Rows per batch (one transaction, a fixed number of statements): measured in docs/leistung.md («Löschlauf»).
BATCH = 5000


def _batch(batch: int | None) -> int:
    """The batch size asked for, else the setting `JVG_LOESCHUNG_BATCH` (default BATCH)."""
    return batch or getattr(settings, "JVG_LOESCHUNG_BATCH", BATCH)


# --- Files -----------------------------------------------------------------------------------------


def _dateien_entfernen(eintraege: list[tuple[int, str]]) -> int:
    """Remove the files of committed deletions, then their intent rows. A missing file is fine (an
    interrupted earlier run removed it already)."""
    if not eintraege:
        return 0
    storage = speicher()
    if isinstance(storage, FileSystemStorage):
        _lokal_entfernen(storage, [name for _pk, name in eintraege])
    else:
        for _pk, name in eintraege:
            storage.delete(name)
    zeilen_loeschen(Dateiloeschung, "id", [pk for pk, _ in eintraege])
    return len(eintraege)


def _lokal_entfernen(storage: FileSystemStorage, namen: list[str]) -> None:
    """`storage.delete` for a file-system storage, without its per-file `realpath` (a third of the run's
    time at 10,000 files): the same refusal of names outside the storage by a normalised prefix check."""
    basis = os.path.abspath(storage.location)
    for name in namen:
        pfad = os.path.normpath(os.path.join(basis, name))
        if not pfad.startswith(basis + os.sep):
            raise SuspiciousFileOperation(f"Datei ausserhalb der Ablage: {name!r}")
        with contextlib.suppress(FileNotFoundError):
            os.remove(pfad)


def ausstehende_dateien_entfernen(*, batch: int | None = None) -> int:
    """Finish the file removals of runs that died between their commit and the removal."""
    batch = _batch(batch)
    anzahl, letzte_pk = 0, 0
    while True:
        eintraege = list(
            Dateiloeschung.objects.filter(pk__gt=letzte_pk).order_by("pk").values_list("pk", "name")[:batch]
        )
        if not eintraege:
            return anzahl
        letzte_pk = eintraege[-1][0]
        anzahl += _dateien_entfernen(eintraege)


# --- One kind of object -----------------------------------------------------------------------------


def _art_loeschen(*, lauf, auswahl, objektart, grundlage: Grundlage, batch, budget: jobs.Zeitbudget) -> int:
    """Every due object of `auswahl`, page by page (ids locked `FOR UPDATE SKIP LOCKED`), each page one
    set-based batch (`_loeschsatz.batch_loeschen`) in its own transaction; files after each commit."""
    modell = auswahl.model
    return jobs.stapelweise(
        auswahl.values("pk"),
        batch=batch,
        budget=budget,
        verarbeiten=lambda zeilen: batch_loeschen(
            [z["pk"] for z in zeilen],
            lauf=lauf,
            modell=modell,
            objektart=objektart,
            grundlage=grundlage,
            jetzt=timezone.now(),
        ),
        # Committed: now the files (a crash here leaves the intent rows for the next run).
        nach_commit=_dateien_entfernen,
    )


def _lauf_beginnen(job: str) -> Loeschlauf:
    lauf = Loeschlauf.objects.create(job=job, gestartet_am=timezone.now())
    lauf.nachgeholt_dateien = ausstehende_dateien_entfernen()
    if lauf.nachgeholt_dateien:
        lauf.save(update_fields=["nachgeholt_dateien"])
    return lauf


def _lauf_beenden(lauf: Loeschlauf) -> Loeschlauf:
    lauf.refresh_from_db()
    lauf.status = Laufstatus.BEENDET
    lauf.beendet_am = timezone.now()
    lauf.save(update_fields=["status", "beendet_am"])
    log.info(
        "%s (Lauf %s): %d Telefon-, %d Videoaufzeichnungen, %d ED-Massnahmen vernichtet; %d Dateien entfernt, "
        "%d Dateien früherer Läufe nachgeholt",
        lauf.job,
        lauf.pk,
        lauf.anzahl_telefon,
        lauf.anzahl_video,
        lauf.anzahl_ed,
        lauf.anzahl_dateien,
        lauf.nachgeholt_dateien,
    )
    return lauf


# § 30 Abs. 5: right after the evaluation, otherwise at the latest after 100 days.
VIDEO_GRUNDLAGE = (Rechtsgrundlage.AUSWERTUNG_30_5, Rechtsgrundlage.FRIST_30_5)


# --- The jobs ----------------------------------------------------------------------------------------


def aufzeichnungen_loeschen(
    *, jetzt: datetime | None = None, batch: int | None = None, zeitbudget_s: float = 300
) -> Loeschlauf:
    """R-29-2, R-29-4, R-30-3 (hourly or more often): counsel calls found afterwards (whatever their age or
    hold: § 29 Abs. 4 forbids the recording itself), then every phone and video recording whose due time
    (`loeschung_faellig_am`, start + 100 days or the end of a video's evaluation) has come and that is not
    attached to a proceeding. `jetzt` is taken from Python's clock (PITFALLS: not the database's now())."""
    jetzt = jetzt or timezone.now()
    with jobs.sperre(SPERRE) as frei:
        if not frei:
            log.info("%s: anderer Löschlauf aktiv, übersprungen", JOB_AUFZEICHNUNGEN)
            return Loeschlauf(job=JOB_AUFZEICHNUNGEN)
        lauf = _lauf_beginnen(JOB_AUFZEICHNUNGEN)
        gemeinsam = {"lauf": lauf, "batch": _batch(batch), "budget": jobs.Zeitbudget(zeitbudget_s)}
        _art_loeschen(
            auswahl=queries.telefon_rechtsbeistand(),
            objektart=Objektart.TELEFON,
            grundlage=Rechtsgrundlage.RECHTSBEISTAND_29_4,
            **gemeinsam,
        )
        _art_loeschen(
            auswahl=queries.telefon_faellig(jetzt),
            objektart=Objektart.TELEFON,
            grundlage=Rechtsgrundlage.FRIST_29_2,
            **gemeinsam,
        )
        _art_loeschen(
            auswahl=queries.video_faellig(jetzt),
            objektart=Objektart.VIDEO,
            grundlage=VIDEO_GRUNDLAGE,
            **gemeinsam,
        )
        return _lauf_beenden(lauf)


def ed_vernichten(
    *, heute: date | None = None, batch: int | None = None, zeitbudget_s: float = 300
) -> Loeschlauf:
    """R-27-3 (daily): ED measures (with their files) of persons whose latest definitive release was ten
    years ago (`recht.ed_vernichtung_am`), unless they are in execution again."""
    heute = heute or timezone.localdate()
    with jobs.sperre(SPERRE) as frei:
        if not frei:
            log.info("%s: anderer Löschlauf aktiv, übersprungen", JOB_ED)
            return Loeschlauf(job=JOB_ED)
        lauf = _lauf_beginnen(JOB_ED)
        _art_loeschen(
            lauf=lauf,
            auswahl=queries.ed_faellig(heute),
            objektart=Objektart.ED,
            grundlage=Rechtsgrundlage.ED_27_3,
            batch=_batch(batch),
            budget=jobs.Zeitbudget(zeitbudget_s),
        )
        return _lauf_beenden(lauf)


def rechtsbeistand_aufzeichnungen_vernichten(
    *, person_id: int, nummer_normalisiert: str
) -> Loeschlauf | None:
    """R-29-4: a counsel number registered after calls to it were recorded: destroy them at once (each
    with its record, § 29 Abs. 4). None when there is nothing to destroy."""
    auswahl = Telefonaufzeichnung.objects.filter(person_id=person_id, nummer_normalisiert=nummer_normalisiert)
    if not auswahl.exists():
        return None
    with jobs.sperre(SPERRE) as frei:
        if not frei:
            # The running sweep destroys counsel calls first (telefon_rechtsbeistand), these included.
            log.info("%s: anderer Löschlauf aktiv, übersprungen", JOB_RECHTSBEISTAND)
            return None
        lauf = _lauf_beginnen(JOB_RECHTSBEISTAND)
        _art_loeschen(
            lauf=lauf,
            auswahl=auswahl,
            objektart=Objektart.TELEFON,
            grundlage=Rechtsgrundlage.RECHTSBEISTAND_29_4,
            batch=_batch(None),
            budget=jobs.Zeitbudget(300),
        )
        return _lauf_beenden(lauf)


def ed_vernichtung_am_fuer(person) -> date | None:
    """The day ED material of `person` is destroyed (None: no release yet, or in execution again)."""
    zeile = (
        queries.ed_personen_mit_frist()
        .filter(pk=getattr(person, "pk", person))
        .values("letzte_entlassung", "in_vollzug")
        .first()
    )
    if not zeile or zeile["letzte_entlassung"] is None or zeile["in_vollzug"]:
        return None
    from ueberwachung.recht import ed_vernichtung_am

    return ed_vernichtung_am(fristen.lokales_datum(zeile["letzte_entlassung"]))


# --- After a restore (betrieb: `manage.py vernichtungen_nachholen`) ------------------------------------

_MODELLE = {
    Objektart.TELEFON: Telefonaufzeichnung,
    Objektart.VIDEO: Videoaufzeichnung,
    Objektart.ED: EDMassnahme,
}


def vernichtungen_exportieren():
    """The content-free destruction log (kind, id, legal basis, when) as JSON-ready entries, by pk."""
    for z in (
        Vernichtungsprotokoll.objects.filter(vorgang=Vorgang.VERNICHTET, objekt_id__isnull=False)
        .order_by("pk")
        .values("objektart", "objekt_id", "rechtsgrundlage", "vernichtet_am")
        .iterator(chunk_size=2000)
    ):
        yield {
            "art": "ueberwachung",
            "objektart": z["objektart"],
            "objekt_id": z["objekt_id"],
            "rechtsgrundlage": z["rechtsgrundlage"],
            "vernichtet_am": z["vernichtet_am"].isoformat(),
        }


def vernichtungen_nachholen(eintraege: list[dict], *, batch: int | None = None) -> int:
    """§§ 27, 29, 30 after a restore: destroy again every recording and ED measure the (newer) destruction
    log names and that the restored database holds, with the same legal basis and a new record of run
    JOB_NACHHOLEN (the restored copy and its files are gone again). Unknown kinds and ids are ignored."""
    gruppen: dict[tuple[str, str], list[int]] = {}
    for e in eintraege:
        if e.get("objektart") in _MODELLE and isinstance(e.get("objekt_id"), int):
            gruppen.setdefault((e["objektart"], e.get("rechtsgrundlage") or ""), []).append(e["objekt_id"])
    if not gruppen:
        return 0
    with jobs.sperre(SPERRE) as frei:
        if not frei:
            raise RuntimeError("Ein Löschlauf ist aktiv: nach seinem Ende erneut ausführen.")
        lauf = _lauf_beginnen(JOB_NACHHOLEN)
        for (objektart, grundlage), ids in sorted(gruppen.items()):
            _art_loeschen(
                lauf=lauf,
                auswahl=_MODELLE[objektart].objects.filter(pk__in=ids),
                objektart=objektart,
                grundlage=grundlage,
                batch=_batch(batch),
                budget=jobs.Zeitbudget(24 * 3600),  # by hand, once: finish whatever it takes
            )
        lauf = _lauf_beenden(lauf)
    return lauf.gesamt
