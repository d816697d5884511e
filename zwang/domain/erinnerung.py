"""R-33-1: the periodic job `stellungnahmen_erinnern` (one task per overdue statement)."""

import logging
from datetime import datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from kern import jobs
from kern.audit import system_benutzer
from kern.models import Aufgabe
from zwang.models import Beteiligung
from zwang.queries import stellungnahmen_erinnerung_faellig
from zwang.recht import (
    ZwangAufgabenart,
)

log = logging.getLogger(__name__)


# --- The reminder job (R-33-1) --------------------------------------------------------------------


def _erinnerung(b: Beteiligung) -> Aufgabe:
    name = b.benutzer.get_full_name() or b.benutzer.username
    return Aufgabe(
        art=ZwangAufgabenart.ZWANG_STELLUNGNAHME,
        titel=f"Stellungnahme von {name} zum Zwangsprotokoll {b.protokoll.nummer} überfällig (§ 33 Abs. 4 JVG)"[
            :200
        ],
        beschreibung=f"Fällig war sie am {timezone.localtime(b.frist):%d.%m.%Y %H:%M}; nur {name} selbst kann "
        "sie abgeben.",
        fuer_rolle=b.benutzer.rolle,
        anstalt_id=b.protokoll.anstalt_id,
        fall_id=b.protokoll.fall_id,
        faellig_am=b.frist,
    )


def stellungnahmen_erinnern(
    *, jetzt: datetime | None = None, batch: int = 200, zeitbudget_s: float = 50
) -> int:
    """R-33-1: one ZWANG_STELLUNGNAHME task per overdue statement (strictly after its deadline).

    Pages by primary key, one transaction per batch with the rows locked (`skip_locked`: a statement
    being written now is left for the next run), an advisory lock on PostgreSQL so two sweeps never
    overlap, a constant number of queries per batch (one select, one insert of tasks and their history,
    one update of the statements and their history), stops at the time budget. Idempotent: the task is
    linked on the statement, a second run finds nothing. Actor: the system user "zwang-stellungnahmen".
    Returns the number of reminders created.
    """
    jetzt = jetzt or timezone.now()
    job = system_benutzer("zwang-stellungnahmen")

    def stapel(zeilen: list) -> None:
        aufgaben = bulk_create_with_history(
            [_erinnerung(b) for b in zeilen],
            Aufgabe,
            default_user=job,
            default_change_reason="Erinnerung: Stellungnahme überfällig (§ 33 Abs. 4 JVG)",
        )
        for b, aufgabe in zip(zeilen, aufgaben, strict=True):
            b.erinnerung_id = aufgabe.pk
        Beteiligung.objects.bulk_update(zeilen, ["erinnerung"])
        Beteiligung.history.bulk_history_create(
            zeilen,
            update=True,
            default_user=job,
            default_change_reason="Erinnerung erstellt (§ 33 Abs. 4 JVG)",
        )

    with jobs.sperre("zwang.stellungnahmen_erinnern") as frei:
        if not frei:
            log.info("R-33-1: anderer Lauf aktiv, übersprungen")
            return 0
        # Staff member and protocol are joined: lock the statement rows only.
        erstellt = jobs.stapelweise(
            stellungnahmen_erinnerung_faellig(jetzt).select_related("benutzer", "protokoll"),
            batch=batch,
            budget=jobs.Zeitbudget(zeitbudget_s),
            verarbeiten=stapel,
        )

    log.info("R-33-1: %d Erinnerungen für überfällige Stellungnahmen erstellt", erstellt)
    return erstellt
