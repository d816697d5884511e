"""R-BM-3: closed reports are deleted after the retention period, leaving a content-free record."""

import logging
import os
from datetime import date

from django.db import connection, transaction
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
from kern.audit_kette import historie_vernichten, historie_vernichten_nach

log = logging.getLogger(__name__)

SPERRE = "bedrohung.aufbewahrung_durchsetzen"  # one lock for the sweep and the replay after a restore
JOB_NACHHOLEN = "bedrohung-nachholen"


# --- Retention (R-BM-3) ----------------------------------------------------------------------------


def _datei_entfernen(storage, name: str) -> None:
    """Delete an attachment's file (a missing file is fine: an earlier, interrupted run removed it) and
    the report's then empty folder on a file-system storage."""
    if not name:
        return
    storage.delete(name)
    try:
        ordner = os.path.dirname(storage.path(name))
        if os.path.isdir(ordner) and not os.listdir(ordner):
            os.rmdir(ordner)
    except (NotImplementedError, OSError):
        pass


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
            _datei_entfernen(b.datei.storage, b.datei.name)
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


def _zeilen_loeschen(modell, spalte: str, ids: list[int]) -> None:
    """One raw DELETE for the page (no ORM delete: no '-' history row with the full content, PITFALLS)."""
    qn = connection.ops.quote_name
    platzhalter = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {qn(modell._meta.db_table)} WHERE {qn(spalte)} IN ({platzhalter})",  # noqa: S608
            [int(i) for i in ids],
        )


def _batch_vernichten(zeilen: list[dict], *, job_lauf: str) -> int:
    """Issue 19: one locked page of due reports (inside the runner's transaction), set-based: a fixed
    number of statements whatever the page's size. Files first (as `_vernichten`: if the transaction fails
    afterwards, the reports are still due and the next run finishes them), then one content-free record
    per report (one INSERT), the children and the reports by `DELETE … = ANY` (no ORM delete: it would
    write '-' history rows with the full content), and every history row of them through the one
    destruction path (`historie_vernichten_nach`). Returns the number of reports deleted."""
    ids = [z["pk"] for z in zeilen]
    beilagen = list(Meldungsbeilage.objects.filter(meldung_id__in=ids).values_list("meldung_id", "datei"))
    storage = Meldungsbeilage._meta.get_field("datei").storage
    anzahl: dict[int, int] = {}
    for meldung_id, name in beilagen:
        anzahl[meldung_id] = anzahl.get(meldung_id, 0) + 1
        _datei_entfernen(storage, name)
    jetzt = timezone.now()
    # A replay onto a database that still holds a record (unique per report) keeps that one.
    vorhanden = set(
        Loeschprotokoll.objects.filter(meldung_nummer__in=[z["nummer"] for z in zeilen]).values_list(
            "meldung_nummer", flat=True
        )
    )
    Loeschprotokoll.objects.bulk_create(
        [
            Loeschprotokoll(
                meldung_nummer=z["nummer"],
                gemeldet_am=fristen.lokales_datum(z["gemeldet_am"]),
                abgeschlossen_am=fristen.lokales_datum(z["abgeschlossen_am"]),
                geloescht_am=jetzt,
                job_lauf=job_lauf[:60],
                anzahl_beilagen=anzahl.get(z["pk"], 0),
                rechtsgrundlage=RECHTSGRUNDLAGE_LOESCHUNG[:200],
            )
            for z in zeilen
            if z["nummer"] not in vorhanden
        ]
    )
    # Children first (a follow-up measure refers to its conference), each with its history copies;
    # by the report's id, so history rows of children deleted earlier go as well.
    for modell in (Massnahme, Fallkonferenz, Einschaetzung, Meldungsbeilage):
        _zeilen_loeschen(modell, "meldung_id", ids)
        historie_vernichten_nach(modell.history.model, "meldung_id", ids, grund=RECHTSGRUNDLAGE_LOESCHUNG)
    _zeilen_loeschen(Bedrohungsmeldung, "id", ids)
    historie_vernichten_nach(Bedrohungsmeldung.history.model, "id", ids, grund=RECHTSGRUNDLAGE_LOESCHUNG)
    return len(ids)


def aufbewahrung_durchsetzen(
    *, heute: date | None = None, batch: int = 500, zeitbudget_s: float = 300
) -> int:
    """R-BM-3: delete closed reports whose retention period (`JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE` years from
    the local closing date, `jahresfrist`) ended before `heute`, each with a content-free `Loeschprotokoll`.

    On the one batch-job runner (kern.jobs): the job's lock keeps two runs apart; pages by primary key
    (`batch` at a time: bounded memory), each page in its own transaction with its rows locked
    (`skip_locked`) and deleted set-based (`_batch_vernichten`, issue 19), so a worker dying mid-run leaves
    whole pages deleted or untouched and the next run finishes the rest. Idempotent: a second run finds
    nothing. Stops at the time budget (the task re-queues).
    Returns the number of deleted reports. Actor of the job: the system user "bedrohung-aufbewahrung".
    """
    heute = heute or timezone.localdate()
    system_benutzer("bedrohung-aufbewahrung")  # the job's named actor (R-0-AUDIT-1), created on first use
    job_lauf = f"bedrohung-aufbewahrung:{timezone.now().isoformat(timespec='seconds')}"
    with jobs.sperre(SPERRE) as frei:
        if not frei:
            log.info("R-BM-3: anderer Lauf aktiv, übersprungen")
            return 0
        geloescht = jobs.stapelweise(
            loeschung_faellig(heute).values("pk", "nummer", "gemeldet_am", "abgeschlossen_am"),
            batch=batch,
            budget=jobs.Zeitbudget(zeitbudget_s),
            verarbeiten=lambda zeilen: _batch_vernichten(zeilen, job_lauf=job_lauf),
        )
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
