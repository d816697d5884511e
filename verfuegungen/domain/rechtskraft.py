"""Rechtskraft (R-0-VFG-3), lifting and execution of a Verfügung, and the Rechtskraft job."""

import logging
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kern import jobs
from kern.audit import system_benutzer
from kern.rollen import berechtigung_pruefen
from verfuegungen.domain.lebenszyklus import _fehler, _sperren, _uebergang_pruefen, verfuegung_uebergang
from verfuegungen.domain.rechtsmittel import _bestaetigte_beschwerde
from verfuegungen.models import Verfuegung
from verfuegungen.permissions import (
    darf_entscheiden,
    darf_genehmigen,
    darf_rechtsmittel_erfassen,
    darf_vollzug_erfassen,
)
from verfuegungen.recht import (
    BESTAETIGT,
    Verfuegungsstatus,
)

S = Verfuegungsstatus

log = logging.getLogger(__name__)


@transaction.atomic
def rechtskraft_feststellen(*, verfuegung: Verfuegung, am: date, durch) -> Verfuegung:
    """After a further appeal that failed: the decision is rechtskräftig on the date the court certifies
    (Rechtskraftbescheinigung). Without a further appeal the job sets it (R-0-VFG-3)."""
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_rechtsmittel_erfassen(durch, v), "Rechtskraft feststellen")
    b = _bestaetigte_beschwerde(v, "am")
    if b.weitergezogen_am is None:
        raise _fehler(
            "am",
            "R-0-VFG-3: Ohne Weiterzug wird die Verfügung nach Ablauf der Weiterzugsfrist von selbst rechtskräftig.",
            "ohne_weiterzug",
        )
    if not isinstance(am, date) or isinstance(am, datetime):
        raise _fehler("am", "Ungültiges Datum.", "datum")
    if am > timezone.localdate() or am < b.weitergezogen_am:
        raise _fehler(
            "am", "Die Rechtskraft liegt zwischen dem Weiterzug und heute (R-0-VFG-3).", "rechtskraft_datum"
        )
    return verfuegung_uebergang(
        verfuegung=v,
        nach=S.RECHTSKRAEFTIG,
        durch=durch,
        grund=f"Rechtskräftig am {am:%d.%m.%Y} (Weiterzug erledigt)",
        rechtskraeftig_am=am,
    )


@transaction.atomic
def aufheben(*, verfuegung: Verfuegung, grund: str, durch) -> Verfuegung:
    """Lift a decision (withdrawal, reconsideration); the reason is required and kept in history."""
    v = _sperren(verfuegung)
    # R-0-4EYES-1: what was approved can only be lifted by someone with the right to approve it.
    if v.status in (S.ENTWURF, S.ZUR_GENEHMIGUNG):
        erlaubt = darf_entscheiden(durch, v)
    else:
        erlaubt = darf_genehmigen(durch, v) or darf_rechtsmittel_erfassen(durch, v)
    berechtigung_pruefen(erlaubt, "Verfügung aufheben")
    if not grund.strip():
        raise _fehler("grund", "Die Aufhebung ist zu begründen.", "grund_fehlt")
    return verfuegung_uebergang(
        verfuegung=v,
        nach=S.AUFGEHOBEN,
        durch=durch,
        grund=f"Aufgehoben: {grund.strip()}",
        aufhebung_grund=grund.strip(),
    )


def ist_vollstreckbar(verfuegung: Verfuegung, jetzt: datetime | None = None) -> bool:
    """R-0-VFG-4 (§ 44): types without suspensive effect from Eröffnung (unless the instance grants
    it); others only when rechtskräftig or when suspensive effect was withdrawn."""
    jetzt = jetzt or timezone.now()
    v = verfuegung
    if v.status in (S.RECHTSKRAEFTIG, S.VOLLZOGEN):
        return True
    if v.status == S.BESCHWERDEENTSCHEID:
        if v.beschwerde.ergebnis not in BESTAETIGT:
            return False
        # § 44: without suspensive effect (or with it withdrawn) the decision stays enforceable; otherwise a
        # further appeal (§ 43 Abs. 2) is still possible, so it waits for Rechtskraft.
        if not v.aufschiebende_wirkung:
            return True
        entzogen = v.aufschiebende_wirkung_entzogen_am
        return entzogen is not None and entzogen <= jetzt
    if v.status not in (S.EROEFFNET, S.ANGEFOCHTEN) or v.eroeffnet_am is None or v.eroeffnet_am > jetzt:
        return False
    if not v.aufschiebende_wirkung:
        erteilt = v.aufschiebende_wirkung_erteilt_am
        return erteilt is None or erteilt > jetzt
    entzogen = v.aufschiebende_wirkung_entzogen_am
    return entzogen is not None and entzogen <= jetzt


@transaction.atomic
def als_vollzogen_markieren(*, verfuegung: Verfuegung, durch, jetzt: datetime | None = None) -> Verfuegung:
    v = _sperren(verfuegung)
    berechtigung_pruefen(darf_vollzug_erfassen(durch, v), "Vollzug erfassen")
    _uebergang_pruefen(v.status, S.VOLLZOGEN)
    if not ist_vollstreckbar(v, jetzt):
        raise _fehler(
            "status",
            "§ 44 JVG (R-0-VFG-4): Die Verfügung ist noch nicht vollstreckbar (Beschwerde mit aufschiebender "
            "Wirkung möglich oder hängig).",
            "nicht_vollstreckbar",
        )
    return verfuegung_uebergang(verfuegung=v, nach=S.VOLLZOGEN, durch=durch, grund="Vollzogen")


# --- Rechtskraft job (R-0-VFG-3) ---------------------------------------------------------------


def rechtskraft_faellige(heute: date):
    """Everything notified whose deadline ended before `heute` (the last day counts fully) and that
    has no appeal (an appeal moves it to angefochten in the same transaction), and every decision whose
    appeal failed and whose further appeal deadline (§ 43 Abs. 2) ended unused. No lower bound: a
    missed run catches up."""
    return Verfuegung.objects.filter(
        Q(status=S.EROEFFNET, rechtsmittelfrist_ende__lt=heute)
        | Q(
            status=S.BESCHWERDEENTSCHEID,
            beschwerde__ergebnis__in=BESTAETIGT,
            beschwerde__weitergezogen_am__isnull=True,
            beschwerde__weiterzug_frist_ende__lt=heute,
        )
    )


def _rechtskraft_ab(v: Verfuegung) -> tuple[date, str]:
    if v.status == S.BESCHWERDEENTSCHEID:
        ende = v.beschwerde.weiterzug_frist_ende
        return ende, f"Rechtskräftig: Weiterzugsfrist am {ende:%d.%m.%Y} unbenützt abgelaufen"
    ende = v.rechtsmittelfrist_ende
    return ende, f"Rechtskräftig: Rechtsmittelfrist am {ende:%d.%m.%Y} unbenützt abgelaufen"


def rechtskraft_eintragen(*, heute: date | None = None, batch: int = 500, zeitbudget_s: float = 50) -> int:
    """R-0-VFG-3: mark decisions rechtskräftig after an unused appeal deadline. Returns the count.

    Runs on the one batch-job runner (kern.jobs): the job's advisory lock keeps two sweeps apart, pages
    by primary key with the rows locked (`skip_locked`: a user's concurrent appeal is not blocked, its
    row is left for the next run), stops at the time budget. Every row goes through the transition
    function, so history names the job as actor; idempotent.
    """
    heute = heute or timezone.localdate()
    job = system_benutzer("rechtskraft")

    def stapel(zeilen: list[Verfuegung]) -> None:
        for v in zeilen:
            ende, grund = _rechtskraft_ab(v)
            verfuegung_uebergang(
                verfuegung=v,
                nach=S.RECHTSKRAEFTIG,
                durch=job,
                grund=grund,
                rechtskraeftig_am=ende + timedelta(days=1),
                nur_geaenderte=True,
            )

    with jobs.sperre("verfuegungen.rechtskraft_eintragen") as frei:
        if not frei:
            log.info("R-0-VFG-3: anderer Lauf aktiv, übersprungen")
            return 0
        # The appeal is joined (outer): lock the Verfügung rows only.
        return jobs.stapelweise(
            rechtskraft_faellige(heute).select_related("beschwerde"),
            batch=batch,
            budget=jobs.Zeitbudget(zeitbudget_s),
            verarbeiten=stapel,
        )
