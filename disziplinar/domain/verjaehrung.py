"""The limitation job of § 41 Abs. 5 (R-41-5a, R-41-5b): close time-barred proceedings and sanctions."""

import logging
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
)
from django.utils import timezone

from disziplinar.models import (
    Disziplinarsanktion,
    Disziplinarverfahren,
)
from disziplinar.recht import Sanktionsstatus, Verfahrensstatus, vollstreckungsverjaehrung
from kern import jobs
from kern.audit import speichern, system_benutzer
from verfuegungen import domain as vfg
from verfuegungen.models import EROEFFNETE_STATUS, Verfuegung
from verfuegungen.recht import Verfuegungsstatus

log = logging.getLogger(__name__)

S = Verfuegungsstatus

VS = Verfahrensstatus


# --- The limitation job (R-41-5a, R-41-5b) --------------------------------------------------------


@dataclass(frozen=True)
class Verjaehrungslauf:
    verfahren: int = 0  # proceedings closed as verjährt (R-41-5a)
    sanktionen: int = 0  # sanctions marked verjährt (R-41-5b)
    nachgefuehrt: int = 0  # sanctions whose limitation date was recorded (R-0-FRIST-2)

    @property
    def gesamt(self) -> int:
        return self.verfahren + self.sanktionen + self.nachgefuehrt


def verfahren_verjaehrt_faellig(heute: date):
    """R-41-5a: open proceedings whose last day passed and whose decision was not notified. No lower
    bound: a missed run catches up."""
    notifiziert = Verfuegung.objects.filter(
        content_type=ContentType.objects.get_for_model(Disziplinarverfahren),
        object_id=OuterRef("pk"),
        status__in=EROEFFNETE_STATUS,
    )
    return Disziplinarverfahren.objects.filter(status=VS.OFFEN, verjaehrung_am__lt=heute).exclude(
        Exists(notifiziert)
    )


def sanktionen_nachzufuehren(heute: date):
    """R-41-5b: ordered sanctions of a binding decision whose limitation date is not yet recorded,
    or recorded as passed (then they become verjährt)."""
    return Disziplinarsanktion.objects.filter(
        status=Sanktionsstatus.ANGEORDNET, verfuegung__rechtskraeftig_am__isnull=False
    ).filter(Q(vollstreckungsverjaehrung_am__isnull=True) | Q(vollstreckungsverjaehrung_am__lt=heute))


def verjaehrung_eintragen(
    *, heute: date | None = None, batch: int = 500, zeitbudget_s: float = 50
) -> Verjaehrungslauf:
    """§ 41 Abs. 5: close time-barred proceedings (R-41-5a) and time-barred sanctions (R-41-5b).

    On the one batch-job runner (kern.jobs): the job's advisory lock keeps two sweeps apart; pages by
    primary key, one transaction per page with the rows locked (`skip_locked`: a row a user is working
    on is left for the next run); both phases share the time budget; idempotent (a second run finds
    nothing). Actor of every history row: the job's system user.

    Proceedings: status → verjaehrt; a draft/submitted/approved decision is lifted (→ aufgehoben, the
    lifecycle allows no other exit before Eröffnung). Sanctions: the limitation date is recorded with
    its method once the decision is binding; when it has passed → verjaehrt, and a decision all of
    whose sanctions became time-barred → verjaehrt.
    """
    heute = heute or timezone.localdate()
    job = system_benutzer("disziplinar-verjaehrung")
    ct = ContentType.objects.get_for_model(Disziplinarverfahren)
    zaehler = {"verfahren": 0, "sanktionen": 0, "nachgefuehrt": 0}

    def verfahren_stapel(zeilen: list[Disziplinarverfahren]) -> None:
        # R-41-5a: proceedings.
        entwuerfe: dict[int, list[Verfuegung]] = {}
        for vf in (
            Verfuegung.objects.select_for_update(of=("self",))
            .filter(content_type=ct, object_id__in=[z.pk for z in zeilen])
            .exclude(status=S.AUFGEHOBEN)
            .order_by("pk")
        ):
            entwuerfe.setdefault(vf.object_id, []).append(vf)
        jetzt, verjaehrt = timezone.now(), []
        for verfahren in zeilen:
            verfuegungen = entwuerfe.get(verfahren.pk, [])
            if any(vf.status in EROEFFNETE_STATUS for vf in verfuegungen):
                continue  # notified meanwhile (concurrent Eröffnung): not time-barred
            for vf in verfuegungen:
                vfg.verfuegung_uebergang(
                    verfuegung=vf,
                    nach=S.AUFGEHOBEN,
                    durch=job,
                    grund="Verfolgungsverjährung (§ 41 Abs. 5 JVG)",
                    aufhebung_grund=(
                        f"Die disziplinarische Verfolgung ist am {verfahren.verjaehrung_am:%d.%m.%Y} "
                        "verjährt (§ 41 Abs. 5 JVG); die Verfügung wurde nicht rechtzeitig eröffnet."
                    ),
                    nur_geaenderte=True,
                )
            verfahren.status, verfahren.abgeschlossen_am = VS.VERJAEHRT, jetzt
            # R-0-AUDIT-1: the job is the actor of each history row, with its reason.
            verfahren._history_user = job
            verfahren._change_reason = f"Verjährt am {verfahren.verjaehrung_am:%d.%m.%Y} (§ 41 Abs. 5 JVG)"
            verjaehrt.append(verfahren)
        # One UPDATE and one history INSERT per batch instead of two statements per row (about ten
        # times faster on PostgreSQL); the rows are locked above, the database constraints still
        # guard the values.
        if verjaehrt:
            Disziplinarverfahren.objects.filter(pk__in=[v.pk for v in verjaehrt]).update(
                status=VS.VERJAEHRT, abgeschlossen_am=jetzt
            )
            Disziplinarverfahren.history.bulk_history_create(verjaehrt, update=True, default_user=job)
            zaehler["verfahren"] += len(verjaehrt)

    def sanktionen_stapel(zeilen: list[Disziplinarsanktion]) -> None:
        # R-41-5b: sanctions.
        betroffen: set[int] = set()
        for s in zeilen:
            frist = vollstreckungsverjaehrung(s.verfuegung.rechtskraeftig_am)
            felder = ["vollstreckungsverjaehrung_am", "vollstreckungsverjaehrung_methode"]
            s.vollstreckungsverjaehrung_am, s.vollstreckungsverjaehrung_methode = (
                frist.ende,
                frist.methode,
            )
            if frist.ende < heute:
                s.status = Sanktionsstatus.VERJAEHRT
                felder.append("status")
                grund = f"Vollzug verjährt am {frist.ende:%d.%m.%Y} (§ 41 Abs. 5 JVG)"
                zaehler["sanktionen"] += 1
                betroffen.add(s.verfuegung_id)
            else:
                grund = f"Vollstreckungsverjährung am {frist.ende:%d.%m.%Y} (§ 41 Abs. 5 JVG)"
                zaehler["nachgefuehrt"] += 1
            speichern(s, durch=job, grund=grund, felder=felder)
        # A decision none of whose sanctions can be executed any more is itself time-barred.
        erledigt = (
            Verfuegung.objects.filter(pk__in=betroffen, status__in=[S.RECHTSKRAEFTIG, S.BESCHWERDEENTSCHEID])
            .annotate(
                offen=Count(
                    "disziplinarsanktionen",
                    filter=~Q(disziplinarsanktionen__status=Sanktionsstatus.VERJAEHRT),
                )
            )
            .filter(offen=0)
            .order_by("pk")
        )
        for vf in erledigt:
            vfg.verfuegung_uebergang(
                verfuegung=vf,
                nach=S.VERJAEHRT,
                durch=job,
                grund="Vollstreckungsverjährung aller Sanktionen (§ 41 Abs. 5 JVG)",
                nur_geaenderte=True,
            )

    with jobs.sperre("disziplinar.verjaehrung_eintragen") as frei:
        if not frei:
            log.info("R-41-5: anderer Lauf aktiv, übersprungen")
            return Verjaehrungslauf(**zaehler)
        budget = jobs.Zeitbudget(zeitbudget_s)
        jobs.stapelweise(
            verfahren_verjaehrt_faellig(heute), batch=batch, budget=budget, verarbeiten=verfahren_stapel
        )
        # The decision is joined (inner): lock the sanction rows only.
        jobs.stapelweise(
            sanktionen_nachzufuehren(heute).select_related("verfuegung"),
            batch=batch,
            budget=budget,
            verarbeiten=sanktionen_stapel,
        )

    return Verjaehrungslauf(**zaehler)
