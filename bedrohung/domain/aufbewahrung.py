"""R-BM-3: closed reports are deleted after the retention period, leaving a content-free record."""

import logging
import os
from datetime import date

from django.db import transaction
from django.utils import timezone

from bedrohung.models import (
    Bedrohungsmeldung,
    Einschaetzung,
    Fallkonferenz,
    Loeschprotokoll,
    Massnahme,
    Meldungsbeilage,
)
from bedrohung.queries import loeschung_faellig
from bedrohung.recht import RECHTSGRUNDLAGE_LOESCHUNG
from kern import fristen, jobs
from kern.audit import system_benutzer
from kern.audit_kette import historie_vernichten

log = logging.getLogger(__name__)

SPERRE = "bedrohung.aufbewahrung_durchsetzen"  # one lock for the sweep and the replay after a restore
JOB_NACHHOLEN = "bedrohung-nachholen"


# --- Retention (R-BM-3) ----------------------------------------------------------------------------


def _datei_entfernen(datei) -> None:
    """Delete an attachment's file (a missing file is fine: an earlier, interrupted run removed it) and
    the report's then empty folder on a file-system storage."""
    if not datei:
        return
    storage, name = datei.storage, datei.name
    storage.delete(name)
    try:
        ordner = os.path.dirname(storage.path(name))
        if os.path.isdir(ordner) and not os.listdir(ordner):
            os.rmdir(ordner)
    except (NotImplementedError, OSError):
        pass


def _meldung_loeschen(pk: int, heute: date, job, job_lauf: str) -> bool:
    """One due report (still due when locked: not reopened meanwhile), see `_vernichten`."""
    return _vernichten(loeschung_faellig(heute).filter(pk=pk), job, job_lauf)


def _vernichten(auswahl, job, job_lauf: str, *, vorlage: dict | None = None) -> bool:
    """One report, atomically: files, rows (CASCADE), every history row of the report and its children,
    and the content-free record. Files go first: if the transaction fails after that, the report is still
    due and the next run finishes it; never the other way round (rows gone, files left without a trace).
    `vorlage`: the entry of the destruction log a replay repeats (its dates and legal basis)."""
    vorlage = vorlage or {}
    with transaction.atomic():
        meldung = jobs.gesperrt(auswahl).first()
        if meldung is None:  # deleted meanwhile, reopened, or being deleted by a concurrent run
            return False
        pk = meldung.pk
        beilagen = list(Meldungsbeilage.objects.filter(meldung_id=pk))
        for b in beilagen:
            _datei_entfernen(b.datei)
        protokoll = Loeschprotokoll(
            meldung_nummer=meldung.nummer,
            gemeldet_am=_datum(vorlage.get("gemeldet_am")) or fristen.lokales_datum(meldung.gemeldet_am),
            abgeschlossen_am=_datum(vorlage.get("abgeschlossen_am"))
            or fristen.lokales_datum(meldung.abgeschlossen_am or timezone.now()),
            geloescht_am=timezone.now(),
            job_lauf=job_lauf[:60],
            anzahl_beilagen=len(beilagen),
            rechtsgrundlage=(vorlage.get("rechtsgrundlage") or RECHTSGRUNDLAGE_LOESCHUNG)[:200],
        )
        meldung._history_user = job
        meldung.delete()  # CASCADE: attachments, assessments, conferences, measures
        # PITFALLS (simple-history): the deletion wrote '-' rows holding the full content, and the
        # earlier rows hold it too. Remove every history row of the report and of its children; by the
        # report's id, so rows of children deleted earlier go as well.
        # Issue 18: through the one destruction path (content-free record per history row).
        historie_vernichten(Bedrohungsmeldung.history.filter(id=pk), grund=protokoll.rechtsgrundlage)
        for modell in (Meldungsbeilage, Einschaetzung, Fallkonferenz, Massnahme):
            historie_vernichten(modell.history.filter(meldung_id=pk), grund=protokoll.rechtsgrundlage)
        # A replay onto a database that still holds the record (it is unique per report) keeps that one.
        if not Loeschprotokoll.objects.filter(meldung_nummer=meldung.nummer).exists():
            protokoll.full_clean()
            protokoll.save()
    return True


def _datum(wert) -> date | None:
    try:
        return date.fromisoformat(wert) if isinstance(wert, str) else None
    except ValueError:
        return None


def aufbewahrung_durchsetzen(
    *, heute: date | None = None, batch: int = 200, zeitbudget_s: float = 300
) -> int:
    """R-BM-3: delete closed reports whose retention period (`JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE` years from
    the local closing date, `jahresfrist`) ended before `heute`, each with a content-free `Loeschprotokoll`.

    On the one batch-job runner (kern.jobs): the job's lock keeps two runs apart; pages ids by primary key
    (`batch` at a time: bounded memory, no cursor held open across writes); each report is deleted in its
    own transaction with its row locked (`skip_locked`), so a worker dying mid-run leaves whole reports
    deleted or untouched and the next run finishes the rest. Idempotent: a second run finds nothing. Stops at the time budget (the task re-queues).
    Returns the number of deleted reports. Actor of the job: the system user "bedrohung-aufbewahrung".
    """
    heute = heute or timezone.localdate()
    job = system_benutzer("bedrohung-aufbewahrung")
    job_lauf = f"bedrohung-aufbewahrung:{timezone.now().isoformat(timespec='seconds')}"
    geloescht = 0
    with jobs.sperre(SPERRE) as frei:
        if not frei:
            log.info("R-BM-3: anderer Lauf aktiv, übersprungen")
            return 0
        budget = jobs.Zeitbudget(zeitbudget_s)
        for pks in jobs.id_seiten(loeschung_faellig(heute), batch=batch, budget=budget):
            for pk in pks:
                if _meldung_loeschen(pk, heute, job, job_lauf):
                    geloescht += 1
                if not budget.uebrig():
                    break
    log.info("R-BM-3: %d Bedrohungsmeldungen nach Ablauf der Aufbewahrung gelöscht (%s)", geloescht, job_lauf)
    return geloescht


# --- After a restore (betrieb: `manage.py vernichtungen_nachholen`, issue 20 item 5) ----------------


def vernichtungen_exportieren():
    """The content-free deletion log (report number, dates, legal basis) as JSON-ready entries, by pk."""
    for z in (
        Loeschprotokoll.objects.order_by("pk")
        .values("meldung_nummer", "gemeldet_am", "abgeschlossen_am", "geloescht_am", "rechtsgrundlage")
        .iterator(chunk_size=2000)
    ):
        yield {
            "art": "bedrohung",
            "meldung_nummer": z["meldung_nummer"],
            "gemeldet_am": z["gemeldet_am"].isoformat(),
            "abgeschlossen_am": z["abgeschlossen_am"].isoformat(),
            "geloescht_am": z["geloescht_am"].isoformat(),
            "rechtsgrundlage": z["rechtsgrundlage"],
        }


def vernichtungen_nachholen(eintraege: list[dict], *, batch: int = 500) -> int:
    """R-BM-3 after a restore: delete again every report the (newer) deletion log names and the restored
    database holds, whatever its state there (the backup may predate its closing), each with its files,
    history and a content-free record of run JOB_NACHHOLEN. Unknown numbers are ignored; returns how many
    reports were deleted (a second replay finds nothing)."""
    vorlagen = {
        e["meldung_nummer"]: e
        for e in eintraege
        if isinstance(e.get("meldung_nummer"), str) and 0 < len(e["meldung_nummer"]) <= 20
    }
    if not vorlagen:
        return 0
    job = system_benutzer("bedrohung-aufbewahrung")
    job_lauf = f"{JOB_NACHHOLEN}:{timezone.now().isoformat(timespec='seconds')}"
    geloescht = 0
    with jobs.sperre(SPERRE) as frei:
        if not frei:
            raise RuntimeError(
                "Ein Löschlauf des Bedrohungsmanagements ist aktiv: nach seinem Ende erneut ausführen."
            )
        nummern = sorted(vorlagen)
        for start in range(0, len(nummern), batch):
            vorhanden = Bedrohungsmeldung.objects.filter(nummer__in=nummern[start : start + batch])
            for pk, nummer in vorhanden.order_by("pk").values_list("pk", "nummer"):
                auswahl = Bedrohungsmeldung.objects.filter(pk=pk)
                if _vernichten(auswahl, job, job_lauf, vorlage=vorlagen[nummer]):
                    geloescht += 1
    log.info(
        "R-BM-3: %d Bedrohungsmeldungen nach einer Wiederherstellung erneut gelöscht (%s)",
        geloescht,
        job_lauf,
    )
    return geloescht
