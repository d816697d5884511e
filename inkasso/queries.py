"""What a user sees of Inkasso: query functions shared by pages, API and CSV (STYLE §5)."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum

from inkasso import recht
from inkasso.models import ERLEDIGT, Forderung, Klaerungsposten, Zahlung
from inkasso.permissions import darf_inkasso_lesen

_GELD = DecimalField(max_digits=14, decimal_places=2)


def forderungen_fuer_user(user):
    """Every claim for the desk and Revision; nothing for anybody else. One query with the person and
    the balance annotated (constant queries for lists, R-0-ROLE-1)."""
    qs = Forderung.objects.select_related("person", "fall").annotate(
        offen=ExpressionWrapper(F("betrag") - F("bezahlt") - F("erlassen"), output_field=_GELD)
    )
    # An empty result of the same shape, so callers may filter on `offen` whoever asks.
    return qs if darf_inkasso_lesen(user) else qs.none()


def offene_forderungen(user):
    return forderungen_fuer_user(user).exclude(status__in=ERLEDIGT).filter(offen__gt=0)


def zahlungen_fuer_user(user):
    if not darf_inkasso_lesen(user):
        return Zahlung.objects.none()
    return Zahlung.objects.select_related("forderung__person", "rate")


def klaerungsliste(user):
    if not darf_inkasso_lesen(user):
        return Klaerungsposten.objects.none()
    return Klaerungsposten.objects.filter(erledigt_am__isnull=True).select_related("zahlungsimport")


def altersband(tage: int) -> str:
    for von, bis, text in recht.ALTERSBAENDER:
        if tage >= von and (bis is None or tage <= bis):
            return text
    return recht.ALTERSBAENDER[0][2]  # not yet due: youngest band


def offene_posten_bericht(user, stichtag: date) -> list[dict]:
    """Issue 22 item 8: open items by age band (days since the due date, not yet due = 0–30).
    One aggregate query per band (four, constant)."""
    basis = offene_forderungen(user)
    zeilen = []
    for von, bis, text in recht.ALTERSBAENDER:
        filter_ = Q()
        if von > 0:
            filter_ &= Q(zahlungsfrist__lte=date.fromordinal(stichtag.toordinal() - von))
        if bis is not None:
            filter_ &= Q(zahlungsfrist__gt=date.fromordinal(stichtag.toordinal() - bis - 1))
        werte = basis.filter(filter_).aggregate(anzahl=Count("pk"), summe=Sum("offen"))
        zeilen.append({"band": text, "anzahl": werte["anzahl"], "summe": werte["summe"] or Decimal("0.00")})
    return zeilen
