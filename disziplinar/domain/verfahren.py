"""The proceeding (§ 41 Abs. 1): opened by the facility management, closed without sanction or
reported to the prosecution; time-barred after six months (R-41-5a)."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from disziplinar.domain._pruefen import _fehler, _ist_datum
from disziplinar.models import (
    Disziplinarverfahren,
    Rapport,
)
from disziplinar.permissions import darf_leiten, darf_verfahren_leiten
from disziplinar.recht import Verfahrensstatus, verfolgungsverjaehrung
from kern import fristen
from kern.audit import naechste_nummer, speichern
from kern.rollen import berechtigung_pruefen
from verfuegungen import domain as vfg
from verfuegungen.models import EROEFFNETE_STATUS, Verfuegung
from verfuegungen.recht import Verfuegungsstatus

S = Verfuegungsstatus

VS = Verfahrensstatus


def _verfolgung_verjaehrt(verfahren: Disziplinarverfahren, tag: date) -> ValidationError:
    tat = timezone.localtime(verfahren.rapport.tatzeit) if hasattr(verfahren, "rapport") else None
    seit = f" (Tat vom {tat:%d.%m.%Y})" if tat else ""
    return _fehler(
        "verjaehrung_am",
        f"§ 41 Abs. 5 JVG (R-41-5a): Die disziplinarische Verfolgung ist verjährt{seit}: spätestens am "
        f"{verfahren.verjaehrung_am:%d.%m.%Y} musste die Verfügung eröffnet sein, heute ist der {tag:%d.%m.%Y}.",
        "verjaehrt",
    )


@transaction.atomic
def verfahren_eroeffnen(*, rapport: Rapport, durch) -> Disziplinarverfahren:
    """Open the one proceeding of a report. Steps: lock the report; permission (management of the
    report's facility, person placed there); once per report; not already time-barred (R-41-5a);
    compute and record the limitation date with its method (R-0-FRIST-2)."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    berechtigung_pruefen(
        darf_leiten(durch, anstalt_id=rapport.anstalt_id, person_id=rapport.person_id),
        "Disziplinarverfahren eröffnen",
    )
    vorhanden = Disziplinarverfahren.objects.filter(rapport=rapport).first()
    if vorhanden is not None:
        raise _fehler(
            "rapport", f"Zu diesem Rapport besteht bereits das Verfahren {vorhanden.nummer}.", "doppelt"
        )
    frist = verfolgungsverjaehrung(rapport.tatzeit)
    jetzt = timezone.now()
    verfahren = Disziplinarverfahren(
        rapport=rapport,
        person_id=rapport.person_id,
        anstalt_id=rapport.anstalt_id,
        geleitet_durch=durch,
        eroeffnet_am=jetzt,
        verjaehrung_am=frist.ende,
        verjaehrung_methode=frist.methode,
    )
    heute = timezone.localdate(jetzt)
    if heute > frist.ende:
        raise _verfolgung_verjaehrt(verfahren, heute)
    verfahren.full_clean(exclude=["nummer"])
    verfahren.nummer = f"D-{heute.year}-{naechste_nummer(f'disziplinar-{heute.year}'):05d}"
    return speichern(
        verfahren, durch=durch, grund=f"Disziplinarverfahren eröffnet; Verjährung am {frist.ende:%d.%m.%Y}"
    )


def _verfahren_sperren(verfahren: Disziplinarverfahren) -> Disziplinarverfahren:
    # of=self: PostgreSQL refuses FOR UPDATE on nullable joins; the joined rows need no lock.
    return (
        Disziplinarverfahren.objects.select_for_update(of=("self",))
        .select_related("rapport__fall", "person", "anstalt")
        .get(pk=verfahren.pk)
    )


@transaction.atomic
def strafanzeige_vormerken(
    *, verfahren: Disziplinarverfahren, datum: date, referenz: str = "", durch
) -> Disziplinarverfahren:
    """R-40-4 (§ 40 Abs. 4): record the report to the Staatsanwaltschaft (criminal prosecution stays
    possible besides the disciplinary one, in any state of the proceeding)."""
    v = _verfahren_sperren(verfahren)
    berechtigung_pruefen(darf_verfahren_leiten(durch, v), "Strafanzeige vormerken")
    if not _ist_datum(datum):
        raise _fehler("strafanzeige_am", "§ 40 Abs. 4 JVG (R-40-4): Datum der Strafanzeige angeben.", "datum")
    if datum > timezone.localdate():
        raise _fehler(
            "strafanzeige_am",
            "§ 40 Abs. 4 JVG (R-40-4): Das Datum der Strafanzeige kann nicht in der Zukunft liegen.",
            "zukunft",
        )
    if datum < fristen.lokales_datum(v.rapport.tatzeit):
        raise _fehler(
            "strafanzeige_am",
            "§ 40 Abs. 4 JVG (R-40-4): Die Strafanzeige kann nicht vor der Tat liegen.",
            "vor_tat",
        )
    v.strafanzeige = True
    v.strafanzeige_am = datum
    v.strafanzeige_referenz = (referenz or "").strip()
    return speichern(
        v, durch=durch, grund="Strafanzeige an die Staatsanwaltschaft vorgemerkt (§ 40 Abs. 4 JVG)"
    )


def verfuegung_von(verfahren: Disziplinarverfahren) -> Verfuegung | None:
    """The proceeding's current (not lifted) Disziplinarverfügung, if any."""
    return (
        Verfuegung.objects.filter(
            content_type=ContentType.objects.get_for_model(Disziplinarverfahren), object_id=verfahren.pk
        )
        .exclude(status=S.AUFGEHOBEN)
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def verfahren_einstellen(*, verfahren: Disziplinarverfahren, grund: str, durch) -> Disziplinarverfahren:
    """Close an open proceeding without sanction; a draft decision is lifted with it."""
    v = _verfahren_sperren(verfahren)
    berechtigung_pruefen(darf_verfahren_leiten(durch, v), "Disziplinarverfahren einstellen")
    if v.status != VS.OFFEN:
        raise _fehler("status", f"Das Verfahren ist bereits «{v.get_status_display()}».", "nicht_offen")
    if not (grund or "").strip():
        raise _fehler("einstellung_grund", "Die Einstellung ist zu begründen.", "grund_fehlt")
    entwurf = verfuegung_von(v)
    if entwurf is not None:
        if entwurf.status in EROEFFNETE_STATUS:
            raise _fehler("status", "Die Verfügung ist bereits eröffnet.", "eroeffnet")
        vfg.aufheben(verfuegung=entwurf, grund=f"Verfahren eingestellt: {grund.strip()}", durch=durch)
    v.status = VS.EINGESTELLT
    v.einstellung_grund = grund.strip()
    v.abgeschlossen_am = timezone.now()
    return speichern(v, durch=durch, grund="Disziplinarverfahren eingestellt")
