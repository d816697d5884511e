"""The one batch-job runner of every periodic sweep (deadline reminders, Rechtskraft, limitation,
legally mandated deletion, webhook catch-up), modelled on healthchecks' `sendalerts`.

What every job gets from here, so that no module writes the loop again:

* **One lock per job name** (`sperre`): a PostgreSQL session advisory lock on `hashtext(job name)`, held
  for the whole run and released at its end, so two sweeps of the same job never overlap (a second
  one finds the lock taken and skips). The lock dies with the database session, so a killed worker
  never leaves it behind. SQLite (the local `make run`) serialises writers anyway: there it is a no-op.
* **Keyset paging** (`stapelweise`): pages ordered by primary key (`pk > last`), never OFFSET, each page
  in its own transaction with its rows locked by `select_for_update(skip_locked=True, of=("self",))`:
  a row a user is working on right now is left for the next run, and only the job's own table is
  locked where a nullable relation is joined (PostgreSQL refuses FOR UPDATE on the nullable side).
  Jobs that must finish one object per transaction (deletions with files) page ids with `id_seiten`
  and lock each object with `gesperrt`.
* **A time budget** (`Zeitbudget`): far below Celery's visibility timeout (1 h); a job stopped with work
  left re-queues itself (`Joblauf.fortsetzen`), so it never waits for the next beat.
* **Redelivery after a crash**: the tasks run with `acks_late=True` and `reject_on_worker_lost=True`
  (`job_task`), so the message of a worker killed mid-sweep goes back to the queue; every job is
  idempotent and pages from the start, so the redelivered run finishes the rest.
* **A run record** (`kern.models.Joblauf`): job name, start, end, status, rows processed, worker host and
  pid. A record whose worker died stays "läuft" until the next run of any job or the next worker start
  (`verwaiste_laeufe_schliessen`) closes it as failed: on the same host when its pid is gone, on another
  host when it is older than `JOBLAUF_MAX_DAUER`.
"""

from __future__ import annotations

import functools
import logging
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from celery import shared_task
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

log = logging.getLogger(__name__)

# Celery's Redis visibility timeout is one hour: a run older than that on another host cannot be alive
# (its message would have been redelivered), so its record is closed as failed.
JOBLAUF_MAX_DAUER = timedelta(hours=1)

# For every batch job's task: a killed worker's message is redelivered (the jobs are idempotent).
TASK_OPTIONEN = {"acks_late": True, "reject_on_worker_lost": True}


class Zeitbudget:
    """Seconds a run may take; checked between pages (and between objects where each is long)."""

    def __init__(self, sekunden: float):
        self.ende = time.monotonic() + sekunden

    def uebrig(self) -> bool:
        return time.monotonic() < self.ende


@contextmanager
def sperre(job: str) -> Iterator[bool]:
    """Yield True if this run may proceed: the job's PostgreSQL advisory lock is ours until the block
    ends (SQLite: always True). False: another run of the same job holds it; skip, do not wait."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtext(%s))", [job])
        frei = cursor.fetchone()[0]
    try:
        yield frei
    finally:
        if frei:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [job])


def gesperrt(queryset: QuerySet, *, of: tuple[str, ...] = ("self",)) -> QuerySet:
    """The rows of `queryset` locked for this transaction; rows locked by someone else are skipped."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=of)
    return queryset.select_for_update()


def stapelweise(
    queryset: QuerySet,
    *,
    batch: int,
    budget: Zeitbudget,
    verarbeiten: Callable[[list], object],
    nach_commit: Callable[[object], None] | None = None,
    of: tuple[str, ...] = ("self",),
) -> int:
    """Call `verarbeiten(rows)` for each locked page of `queryset` (keyset by pk), one transaction per
    page, until nothing is left or the budget is spent. Returns the number of rows handed over.

    `queryset` selects what is due *now* (model instances, or `.values(...)` rows that include "pk");
    rows a page changes must drop out of it or stay behind the keyset (`pk > last`), so a page is never
    handed over twice in one run. `nach_commit(result)` gets what `verarbeiten` returned, after the
    page's transaction committed (e.g. removing files only once their rows are gone for good).
    """
    letzte_pk, anzahl = 0, 0
    while budget.uebrig():
        with transaction.atomic():
            zeilen = list(gesperrt(queryset.filter(pk__gt=letzte_pk).order_by("pk"), of=of)[:batch])
            if not zeilen:
                break
            letzte = zeilen[-1]
            letzte_pk = letzte["pk"] if isinstance(letzte, dict) else letzte.pk
            ergebnis = verarbeiten(zeilen)
        anzahl += len(zeilen)
        if nach_commit is not None:
            nach_commit(ergebnis)
    return anzahl


def id_seiten(queryset: QuerySet, *, batch: int, budget: Zeitbudget) -> Iterator[list[int]]:
    """Pages of primary keys of `queryset` (keyset, no lock, no transaction held open), for jobs that
    handle each object in a transaction of its own (`gesperrt(... .filter(pk=pk))` inside it)."""
    letzte_pk = 0
    while budget.uebrig():
        pks = list(queryset.filter(pk__gt=letzte_pk).order_by("pk").values_list("pk", flat=True)[:batch])
        if not pks:
            return
        letzte_pk = pks[-1]
        yield pks


# --- Run records ----------------------------------------------------------------------------------


def _host() -> str:
    return socket.gethostname()[:100]


def _prozess_lebt(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    return True


def verwaiste_laeufe_schliessen(*, jetzt=None) -> int:
    """Close every "läuft" record whose worker is gone as failed; returns how many.

    Same host: the pid no longer exists. Any host: older than JOBLAUF_MAX_DAUER (its message would have
    been redelivered by then; this also covers a pid reused by another process). Called at every run
    start and when a Celery worker starts (jvg_case/celery.py).
    """
    from kern.models import Joblauf

    jetzt = jetzt or timezone.now()
    geschlossen = 0
    for lauf in Joblauf.objects.filter(status=Joblauf.Status.LAEUFT).order_by("pk"):
        zu_alt = lauf.gestartet_am < jetzt - JOBLAUF_MAX_DAUER
        if zu_alt or (lauf.host == _host() and not _prozess_lebt(lauf.pid)):
            geschlossen += Joblauf.objects.filter(pk=lauf.pk, status=Joblauf.Status.LAEUFT).update(
                status=Joblauf.Status.FEHLGESCHLAGEN,
                beendet_am=jetzt,
                meldung="Worker nicht mehr aktiv: Lauf abgebrochen (die Aufgabe wird erneut zugestellt).",
            )
    if geschlossen:
        log.warning("%d verwaiste Jobläufe als fehlgeschlagen geschlossen", geschlossen)
    return geschlossen


class Lauf:
    """Handle of the running job inside its task: count rows, ask for a continuation."""

    def __init__(self, eintrag):
        self.eintrag = eintrag
        self.verarbeitet = 0
        self._fortsetzen = False

    def fortsetzen(self) -> None:
        """Work is left after the time budget: the task re-queues itself; the record says so."""
        self._fortsetzen = True


@contextmanager
def lauf(job: str) -> Iterator[Lauf]:
    """A run record around one run of `job`: "läuft" at the start (after closing orphaned records),
    then "erfolgreich", "abgebrochen" (stopped at the budget, continuation queued) or "fehlgeschlagen"
    (an exception, which is re-raised)."""
    from kern.models import Joblauf

    verwaiste_laeufe_schliessen()
    eintrag = Joblauf.objects.create(job=job, host=_host(), pid=os.getpid(), gestartet_am=timezone.now())
    handle = Lauf(eintrag)
    try:
        yield handle
    except BaseException as exc:
        Joblauf.objects.filter(pk=eintrag.pk).update(
            status=Joblauf.Status.FEHLGESCHLAGEN,
            beendet_am=timezone.now(),
            verarbeitet=handle.verarbeitet,
            meldung=f"{type(exc).__name__}: {exc}"[:500],
        )
        raise
    Joblauf.objects.filter(pk=eintrag.pk).update(
        status=Joblauf.Status.ABGEBROCHEN if handle._fortsetzen else Joblauf.Status.ERFOLGREICH,
        beendet_am=timezone.now(),
        verarbeitet=handle.verarbeitet,
    )


def job_task(name: str, **optionen):
    """Declare a batch job's Celery task: explicit name, acks_late + reject_on_worker_lost, and a run
    record around every run. The function receives the `Lauf` and reports `lauf.verarbeitet` and, if
    work is left, calls `lauf.fortsetzen()` and re-queues itself."""

    def dekorieren(funktion: Callable[[Lauf], object]):
        @functools.wraps(funktion)
        def ausfuehren():
            with lauf(name) as handle:
                return funktion(handle)

        return shared_task(name=name, **TASK_OPTIONEN, **optionen)(ausfuehren)

    return dekorieren
