"""Gemeinnützige Arbeit instead of payment (Art. 79a StGB, issue 22 item 7; R-STGB-79A-1 where the
Vollzugsdaten app catalogues it): on request the unpaid part is worked off, four hours per Tagessatz
or per day of Ersatzfreiheitsstrafe. Logged hours settle the claim in full days (whole blocks of four
hours); work not done is revoked by Verfügung (`inkasso.domain.widerruf`)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inkasso import recht
from inkasso.domain.umwandlung import tage_fuer
from inkasso.models import (
    UMWANDELBAR,
    Arbeitseinsatz,
    Arbeitsstatus,
    Forderung,
    Forderungsstatus,
    GemeinnuetzigeArbeit,
)
from inkasso.permissions import darf_inkasso_bearbeiten
from kern.audit import speichern
from kern.rollen import berechtigung_pruefen


@transaction.atomic
def arbeit_bewilligen(
    *, forderung: Forderung, einsatzbetrieb: str, frist_bis: date, durch
) -> GemeinnuetzigeArbeit:
    """Art. 79a StGB: on the person's request, convert the unpaid part into hours (4 per day)."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Gemeinnützige Arbeit bewilligen")
    f = Forderung.objects.select_for_update().get(pk=forderung.pk)
    if f.art not in UMWANDELBAR:
        raise ValidationError({"forderung": "Art. 79a StGB: nur statt einer Geldstrafe oder Busse."})
    if f.status not in (Forderungsstatus.OFFEN, Forderungsstatus.RATEN, Forderungsstatus.BETREIBUNG):
        raise ValidationError({"forderung": f"Die Forderung ist {f.get_status_display().lower()}."})
    if f.arbeiten.filter(status=Arbeitsstatus.LAUFEND).exists():
        raise ValidationError({"forderung": "Es läuft bereits gemeinnützige Arbeit."})
    if not einsatzbetrieb.strip():
        raise ValidationError({"einsatzbetrieb": "Den Einsatzbetrieb angeben."})
    if frist_bis <= timezone.localdate():
        raise ValidationError({"frist_bis": "Die Frist für die Arbeit liegt in der Zukunft."})
    tage = tage_fuer(f, f.saldo)
    if tage <= 0:
        raise ValidationError({"forderung": "Die Forderung ist bezahlt."})
    wert = f.tagessatz if f.art == "geldstrafe" else (f.betrag / f.efs_tage).quantize(Decimal("0.01"))
    a = speichern(
        GemeinnuetzigeArbeit(
            forderung=f,
            tage=tage,
            stunden_soll=tage * recht.STUNDEN_PRO_TAG,
            wert_pro_tag=wert,
            einsatzbetrieb=einsatzbetrieb.strip()[:200],
            frist_bis=frist_bis,
            bewilligt_durch=durch,
            bewilligt_am=timezone.now(),
        ),
        durch=durch,
        grund=f"Gemeinnützige Arbeit bewilligt: {tage * 4} Stunden (Art. 79a StGB)",
    )
    f.status = Forderungsstatus.GEMEINNUETZIG
    speichern(f, durch=durch, grund="Gemeinnützige Arbeit statt Zahlung", felder=["status"])
    return a


def geleistete_stunden(arbeit: GemeinnuetzigeArbeit) -> Decimal:
    return sum((e.stunden for e in arbeit.einsaetze.all()), Decimal("0"))


@transaction.atomic
def einsatz_erfassen(
    *, arbeit: GemeinnuetzigeArbeit, datum: date, stunden: Decimal, durch, bemerkung: str = ""
) -> Arbeitseinsatz:
    """Log hours (Art. 79a: hours are logged). Every completed block of four hours settles one day's
    worth of the claim; when all hours are done the claim is settled."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Arbeitseinsatz erfassen")
    a = GemeinnuetzigeArbeit.objects.select_for_update().get(pk=arbeit.pk)
    if a.status != Arbeitsstatus.LAUFEND:
        raise ValidationError({"stunden": "Die gemeinnützige Arbeit ist abgeschlossen."})
    if (
        isinstance(stunden, float)
        or not isinstance(stunden, (Decimal, int))
        or not 0 < Decimal(stunden) <= 24
    ):
        raise ValidationError({"stunden": "Stunden pro Einsatz: mehr als 0, höchstens 24."})
    if datum > timezone.localdate() or datum < timezone.localdate(a.bewilligt_am):
        raise ValidationError({"datum": "Das Datum liegt zwischen der Bewilligung und heute."})
    stunden = Decimal(stunden).quantize(Decimal("0.01"))
    bisher = geleistete_stunden(a)
    if bisher + stunden > a.stunden_soll:
        raise ValidationError(
            {"stunden": f"Art. 79a StGB: Es sind noch {a.stunden_soll - bisher} Stunden zu leisten."}
        )
    e = speichern(
        Arbeitseinsatz(
            arbeit=a, datum=datum, stunden=stunden, erfasst_durch=durch, bemerkung=bemerkung[:200]
        ),
        durch=durch,
    )
    f = Forderung.objects.select_for_update().get(pk=a.forderung_id)
    tage_geleistet = int((bisher + stunden) // recht.STUNDEN_PRO_TAG)
    f.erlassen = min(tage_geleistet * a.wert_pro_tag, f.betrag - f.bezahlt)
    felder = ["erlassen"]
    if bisher + stunden == a.stunden_soll:
        a.status = Arbeitsstatus.ERFUELLT
        speichern(a, durch=durch, grund="Gemeinnützige Arbeit geleistet", felder=["status"])
        f.erlassen = f.betrag - f.bezahlt
        f.status = Forderungsstatus.BEZAHLT
        felder.append("status")
    speichern(
        f, durch=durch, grund=f"{tage_geleistet} Tage durch Arbeit getilgt (Art. 79a StGB)", felder=felder
    )
    return e
