"""The beat heartbeat: each legal job's last successful run (kern.models.Joblauf), and which are overdue.

A dead beat stops no request and raises no error: it silently stops every legal deadline. So the
readiness check (polled by the proxy, Docker and the monitoring every few seconds) asks here whether a
legal job has not succeeded for longer than its schedule allows, and then fails, opens one admin task per
overdue job, and the start page shows a warning (betrieb.contributions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Max
from django.utils import timezone

from kern.audit import speichern, system_benutzer
from kern.models import Aufgabe, Joblauf
from kern.rollen import Rolle


@dataclass(frozen=True)
class RechtlicherJob:
    name: str  # the Celery task name (jvg_case/beat.py)
    bezeichnung: str  # plain German with the §, shown to the administration
    takt: timedelta  # the schedule's gap between two runs
    toleranz: timedelta  # how long a run may be missing beyond it before the job counts as overdue

    @property
    def hoechstalter(self) -> timedelta:
        return self.takt + self.toleranz


# The legal jobs whose silent stop breaks the law (issue 20). `takt` mirrors jvg_case/beat.py
# (tests/betrieb/test_herzschlag.py compares them); the tolerance lets one run fail or take long.
RECHTLICHE_JOBS: tuple[RechtlicherJob, ...] = (
    RechtlicherJob(
        "ueberwachung.aufzeichnungen_loeschen",
        "Löschung der Aufzeichnungen nach 100 Tagen (§ 29 Abs. 2, § 30 Abs. 5 JVG)",
        takt=timedelta(minutes=15),
        toleranz=timedelta(minutes=45),
    ),
    RechtlicherJob(
        "ueberwachung.ed_vernichten",
        "Vernichtung erkennungsdienstlicher Unterlagen (§ 27 Abs. 3 JVG)",
        takt=timedelta(days=1),
        toleranz=timedelta(hours=6),
    ),
    RechtlicherJob(
        "disziplinar.verjaehrung_eintragen",
        "Verjährung im Disziplinarrecht (§ 41 Abs. 5 JVG)",
        takt=timedelta(hours=6),
        toleranz=timedelta(hours=6),
    ),
    RechtlicherJob(
        "verfuegungen.rechtskraft_eintragen",
        "Rechtskraft der Verfügungen nach unbenutzter Rechtsmittelfrist (§§ 42, 43 JVG)",
        takt=timedelta(hours=6),
        toleranz=timedelta(hours=6),
    ),
)

AUFGABENART = "betrieb_job_ueberfaellig"
ERFOLG = (Joblauf.Status.ERFOLGREICH, Joblauf.Status.ABGEBROCHEN)  # "abgebrochen": continued at once


@dataclass(frozen=True)
class Herzschlag:
    job: RechtlicherJob
    letzter_erfolg: datetime | None
    ueberfaellig: bool


def betriebsbeginn() -> datetime | None:
    """When the database was first migrated: a new installation's jobs are measured from there."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():  # never migrated (a test database built from the models)
        return None
    return recorder.migration_qs.order_by("applied").values_list("applied", flat=True).first()


def herzschlaege(*, jetzt: datetime | None = None) -> list[Herzschlag]:
    """Every legal job with its last successful run; two queries whatever the number of runs."""
    jetzt = jetzt or timezone.now()
    letzte = dict(
        Joblauf.objects.filter(job__in=[j.name for j in RECHTLICHE_JOBS], status__in=ERFOLG)
        .values("job")
        .annotate(letzter=Max("beendet_am"))
        .values_list("job", "letzter")
    )
    beginn = betriebsbeginn() or jetzt
    return [
        Herzschlag(
            job=job,
            letzter_erfolg=letzte.get(job.name),
            ueberfaellig=(letzte.get(job.name) or beginn) < jetzt - job.hoechstalter,
        )
        for job in RECHTLICHE_JOBS
    ]


def ueberfaellige(*, jetzt: datetime | None = None) -> list[Herzschlag]:
    return [h for h in herzschlaege(jetzt=jetzt) if h.ueberfaellig]


def admin_aufgaben_anlegen(ueberfaellig: list[Herzschlag]) -> int:
    """One open admin task per overdue legal job (idempotent: an open task of the job is not repeated).
    The actor is the heartbeat's own system user (R-0-AUDIT-1). Returns the number of new tasks."""
    if not ueberfaellig:
        return 0
    neu = 0
    with transaction.atomic():
        offen = set(
            Aufgabe.objects.select_for_update()
            .filter(art=AUFGABENART, erledigt_am__isnull=True)
            .values_list("titel", flat=True)
        )
        for h in ueberfaellig:
            titel = f"Rechtlicher Job überfällig: {h.job.bezeichnung}"[:200]
            if titel in offen:
                continue
            seit = (
                f"letzter erfolgreicher Lauf am {timezone.localtime(h.letzter_erfolg):%d.%m.%Y %H:%M}"
                if h.letzter_erfolg
                else "noch kein erfolgreicher Lauf seit der Inbetriebnahme"
            )
            speichern(
                Aufgabe(
                    art=AUFGABENART,
                    titel=titel,
                    beschreibung=(
                        f"Der Job «{h.job.bezeichnung}» lief zuletzt nicht mehr ({seit}). Gesetzliche Fristen "
                        "werden nicht durchgesetzt, solange er steht. Celery-Beat und Worker prüfen "
                        "(docs/betrieb.md, «Überwachung») und den Job von Hand starten."
                    ),
                    fuer_rolle=Rolle.ADMIN,
                    faellig_am=timezone.now(),
                ),
                durch=system_benutzer("betrieb.herzschlag"),
                grund="Herzschlag: rechtlicher Job überfällig",
            )
            neu += 1
    return neu
