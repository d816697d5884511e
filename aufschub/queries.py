"""Read-side selectors of § 14: the Verfügung of a request, and what is granted of a sanction's year (R-14-2)."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from aufschub.models import Aufschubgesuch
from aufschub.recht import Gesuchsstatus, Kontingent, kontingent_aus
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungsstatus


def _ct():
    # Cached by Django after the first call: no query per request.
    return ContentType.objects.get_for_model(Aufschubgesuch)


def mit_stehender_verfuegung(gesuch_ref: str = "pk") -> Exists:
    """A Verfügung of the request that was not lifted (R-14-2: a lifted grant does not count)."""
    return Exists(
        Verfuegung.objects.filter(content_type=_ct(), object_id=OuterRef(gesuch_ref)).exclude(
            status=Verfuegungsstatus.AUFGEHOBEN
        )
    )


def mit_verfuegung(queryset: QuerySet[Aufschubgesuch]) -> QuerySet[Aufschubgesuch]:
    """Annotate the latest Verfügung of each request (id, number, status) as scalar subqueries, so
    lists show the decision without a query per row."""
    neueste = Verfuegung.objects.filter(content_type=_ct(), object_id=OuterRef("pk")).order_by("-pk")
    return queryset.annotate(
        verfuegung_id=Subquery(neueste.values("pk")[:1]),
        verfuegung_nummer=Subquery(neueste.values("nummer")[:1]),
        verfuegung_status=Subquery(neueste.values("status")[:1]),
    )


def verfuegung_von(gesuch: Aufschubgesuch) -> Verfuegung | None:
    """The latest Verfügung of the request (None before the decision)."""
    return Verfuegung.objects.filter(content_type=_ct(), object_id=gesuch.pk).order_by("-pk").first()


def bewilligte(sanktion, art: str, ausser=None) -> QuerySet[Aufschubgesuch]:
    # Issue 23: a grant whose Verfügung was set aside on appeal (bewilligung_beendet_am) counts no more.
    qs = Aufschubgesuch.objects.filter(
        sanktion=sanktion, art=art, status=Gesuchsstatus.BEWILLIGT, bewilligung_beendet_am__isnull=True
    ).filter(mit_stehender_verfuegung())
    if ausser is not None:
        qs = qs.exclude(pk=getattr(ausser, "pk", ausser))
    return qs


def kontingent(sanktion, art: str, ausser=None, *, beginn: date | None = None) -> Kontingent:
    """R-14-2 (§ 14 Abs. 1 "um höchstens ein Jahr … für höchstens ein Jahr"): what is granted of one
    sanction's deferrals (or interruptions), the limit and the rest, and the anchor of the year.

    Counts requests with status bewilligt whose Verfügung was not lifted, except `ausser`; days
    inclusive. Returns `(genutzt_tage, limit_tage, rest_tage, anker)` (a `Kontingent`). One query."""
    perioden = list(bewilligte(sanktion, art, ausser).values_list("bewilligt_von", "bewilligt_bis"))
    return kontingent_aus(perioden, beginn)
