"""§ 25 Abs. 2: the reminder job `sicherheitshaft_erinnern` creates the reminders and the escalation
(R-25-2, R-0-FRIST-3)."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from kern import fristen, jobs
from kern.audit import system_benutzer
from kern.models import Aufgabe
from kern.rollen import Rolle
from zwangsmassnahmen.domain._hilfen import (
    _zeit,
)
from zwangsmassnahmen.models import (
    HaftErinnerung,
    Sicherheitshaft,
)
from zwangsmassnahmen.recht import (
    ANTRAG_FRIST_STUNDEN,
    Haftstatus,
    Haftvariante,
    ZwangsmassnahmenAufgabenart,
    erinnerung_stunden,
)

log = logging.getLogger(__name__)


# --- The reminder job (R-25-2) ----------------------------------------------------------------------


@dataclass(frozen=True)
class Erinnerungslauf:
    erinnerungen: int = 0
    eskalationen: int = 0


def erinnerung_faellig(jetzt: datetime):
    """Open arrests (Abs. 1, no filing) whose first reminder point passed and that are not escalated
    yet. No lower bound: a missed run catches up. Uses index haft25_offen_idx."""
    erste = min(erinnerung_stunden())
    return Sicherheitshaft.objects.filter(
        variante=Haftvariante.EIGENE_ANORDNUNG,
        status=Haftstatus.IN_HAFT,
        antrag_am__isnull=True,
        eskaliert_am__isnull=True,
        festnahme_am__lte=jetzt - timedelta(hours=erste),
    )


def _erinnerungsaufgabe(haft: Sicherheitshaft, stunden: int, eskalation: bool) -> Aufgabe:
    frist = _zeit(haft.frist_ende)
    if eskalation:
        titel = f"ÜBERFÄLLIG: Verlängerungsantrag Sicherheitshaft {haft.nummer} (Frist {frist} verpasst)"
        text = (
            "§ 25 Abs. 2 JVG: Die 48 Stunden seit der Festnahme sind abgelaufen, ohne dass ein Antrag an das "
            "Zwangsmassnahmengericht erfasst ist. Antrag sofort einreichen und erfassen oder die Person entlassen."
        )
    else:
        titel = (
            f"Sicherheitshaft {haft.nummer}: Verlängerung beantragen bis {frist} ({stunden} h seit Festnahme)"
        )
        text = (
            f"§ 25 Abs. 2 JVG: Antrag an das Zwangsmassnahmengericht innert 48 Stunden seit der Festnahme "
            f"({_zeit(haft.festnahme_am)}), spätestens {frist}."
        )
    return Aufgabe(
        art=ZwangsmassnahmenAufgabenart.SICHERHEITSHAFT_ANTRAG,
        titel=titel[:200],
        beschreibung=text,
        fuer_rolle=Rolle.SACHBEARBEITUNG,
        anstalt_id=haft.anstalt_id,
        fall_id=haft.fall_id,
        faellig_am=haft.frist_ende,
    )


def sicherheitshaft_erinnern(
    *, jetzt: datetime | None = None, batch: int = 200, zeitbudget_s: float = 50
) -> Erinnerungslauf:
    """R-25-2: one reminder task per configured point (hours after the arrest) and, once the 48 hours
    passed without a filing, one escalation task plus the flag `eskaliert_am`.

    Pages by primary key, one transaction per batch with the rows locked (`skip_locked`: an arrest a
    case worker is filing right now is left for the next run), an advisory lock on PostgreSQL so two
    sweeps never overlap, stops at the time budget. Idempotent: the points already reminded are read
    per batch and the unique constraint (haft, stunden) guards the rest. A constant number of queries
    per batch: tasks, reminders and the history rows are written in bulk with the job as actor.
    """
    jetzt = jetzt or timezone.now()
    punkte = erinnerung_stunden()
    job = system_benutzer("sicherheitshaft-erinnerung")
    zaehler = {"erinnerungen": 0, "eskalationen": 0}

    def stapel(zeilen: list) -> None:
        erledigt = set(
            HaftErinnerung.objects.filter(haft__in=[h.pk for h in zeilen]).values_list("haft_id", "stunden")
        )
        neu: list[tuple[Sicherheitshaft, int, bool]] = []
        eskaliert: list[Sicherheitshaft] = []
        for haft in zeilen:
            for stunden in punkte:
                if (haft.pk, stunden) not in erledigt and fristen.stundenfrist(
                    haft.festnahme_am, stunden
                ).ende <= jetzt:
                    neu.append((haft, stunden, False))
            if jetzt > haft.frist_ende:
                if (haft.pk, ANTRAG_FRIST_STUNDEN) not in erledigt:
                    neu.append((haft, ANTRAG_FRIST_STUNDEN, True))
                haft.eskaliert_am = jetzt
                haft._change_reason = "Frist § 25 Abs. 2 JVG verpasst: eskaliert"
                eskaliert.append(haft)
        if neu:
            aufgaben = bulk_create_with_history(
                [_erinnerungsaufgabe(h, s, e) for h, s, e in neu],
                Aufgabe,
                default_user=job,
                default_change_reason="Erinnerung § 25 Abs. 2 JVG (R-25-2)",
            )
            bulk_create_with_history(
                [
                    HaftErinnerung(haft=h, stunden=s, eskalation=e, aufgabe=a, erstellt_am=jetzt)
                    for (h, s, e), a in zip(neu, aufgaben, strict=True)
                ],
                HaftErinnerung,
                default_user=job,
                default_change_reason="Erinnerung § 25 Abs. 2 JVG (R-25-2)",
            )
            zaehler["erinnerungen"] += sum(1 for _, _, e in neu if not e)
        if eskaliert:
            # One UPDATE and one history INSERT per batch; the rows are locked above.
            Sicherheitshaft.objects.filter(pk__in=[h.pk for h in eskaliert]).update(eskaliert_am=jetzt)
            Sicherheitshaft.history.bulk_history_create(eskaliert, update=True, default_user=job)
            zaehler["eskalationen"] += len(eskaliert)

    with jobs.sperre("zwangsmassnahmen.sicherheitshaft_erinnern") as frei:
        if not frei:
            log.info("R-25-2: anderer Lauf aktiv, übersprungen")
            return Erinnerungslauf(**zaehler)
        jobs.stapelweise(
            erinnerung_faellig(jetzt),
            batch=batch,
            budget=jobs.Zeitbudget(zeitbudget_s),
            verarbeiten=stapel,
        )

    return Erinnerungslauf(**zaehler)
