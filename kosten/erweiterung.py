"""Contributions of the cost module to shared pages (`kern.erweiterungen`): the block "Kosten" on
the case page and a start-page card for facilities whose placed persons have no valid daily rate."""

from django.db.models import CharField, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from kern.erweiterungen import Karte
from kosten.abrechnung import fall_uebersicht
from kosten.models import Kostgeld
from kosten.services import darf_kosten_lesen
from vollzug.enums import Vollzugsform
from vollzug.models import Platzierung, Sanktion


def fallblock_kontext(fall, user) -> dict | None:
    """Who pays what for this case (R-46-1 … R-48-1), for the authority and revision only."""
    if not darf_kosten_lesen(user):
        return None
    u = fall_uebersicht(fall)
    return {"fall": fall, "u": u, "url": reverse("kosten:fall", args=[fall.pk])}


def _form_des_falls():
    return Coalesce(
        Subquery(
            Sanktion.objects.filter(entscheid__fall=OuterRef("fall_id"))
            .exclude(vollzugsform="")
            .order_by("pk")
            .values("vollzugsform")[:1]
        ),
        Value(Vollzugsform.NORMALVOLLZUG),
        output_field=CharField(),
    )


def ohne_tagesansatz(heute=None):
    """Open placements for which no daily rate of the facility and the case's Vollzugsform is valid today."""
    heute = heute or timezone.localdate()
    gueltig = Kostgeld.objects.filter(
        anstalt_id=OuterRef("anstalt_id"), vollzugsform=OuterRef("k_form"), gueltig_ab__lte=heute
    ).filter(Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=heute))
    return (
        Platzierung.objects.filter(bis__isnull=True)
        .annotate(k_form=_form_des_falls())
        .exclude(Exists(gueltig))
    )


def startkarten(user) -> list[Karte]:
    if not darf_kosten_lesen(user):
        return []
    anzahl = ohne_tagesansatz().count()
    if not anzahl:
        return []
    return [
        Karte(
            zahl=anzahl,
            text="Platzierungen ohne gültigen Tagesansatz (§ 46 Abs. 2 lit. a JVG, R-KOST-1)",
            url=reverse("kosten:kostgeld_liste"),
            warnung=True,
        )
    ]
