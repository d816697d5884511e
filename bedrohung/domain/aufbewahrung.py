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
    """One report, atomically: files, rows (CASCADE), every history row of the report and its children,
    and the content-free record. Files go first: if the transaction fails after that, the report is still
    due and the next run finishes it; never the other way round (rows gone, files left without a trace)."""
    with transaction.atomic():
        meldung = jobs.gesperrt(loeschung_faellig(heute).filter(pk=pk)).first()
        if meldung is None:  # deleted meanwhile, reopened, or being deleted by a concurrent run
            return False
        beilagen = list(Meldungsbeilage.objects.filter(meldung_id=pk))
        for b in beilagen:
            _datei_entfernen(b.datei)
        protokoll = Loeschprotokoll(
            meldung_nummer=meldung.nummer,
            gemeldet_am=fristen.lokales_datum(meldung.gemeldet_am),
            abgeschlossen_am=fristen.lokales_datum(meldung.abgeschlossen_am),
            geloescht_am=timezone.now(),
            job_lauf=job_lauf[:60],
            anzahl_beilagen=len(beilagen),
            rechtsgrundlage=RECHTSGRUNDLAGE_LOESCHUNG,
        )
        meldung._history_user = job
        meldung.delete()  # CASCADE: attachments, assessments, conferences, measures
        # PITFALLS (simple-history): the deletion wrote '-' rows holding the full content, and the
        # earlier rows hold it too. Remove every history row of the report and of its children; by the
        # report's id, so rows of children deleted earlier go as well.
        # Issue 18: through the one destruction path (content-free record per history row).
        historie_vernichten(Bedrohungsmeldung.history.filter(id=pk), grund=RECHTSGRUNDLAGE_LOESCHUNG)
        for modell in (Meldungsbeilage, Einschaetzung, Fallkonferenz, Massnahme):
            historie_vernichten(modell.history.filter(meldung_id=pk), grund=RECHTSGRUNDLAGE_LOESCHUNG)
        protokoll.full_clean()
        protokoll.save()
    return True


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
    with jobs.sperre("bedrohung.aufbewahrung_durchsetzen") as frei:
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
