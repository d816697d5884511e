"""Read side of the partner agencies: whom an agency may ask about (§ 21 Abs. 2, `recht.Sicht`), the
deliveries of a case (§ 12) and the auditors' search over the disclosure log (R-21-1)."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from behoerden.models import Behoerde, Bekanntgabe, Urteilszustellung
from behoerden.recht import Sicht, freigabe
from vollzug.models import Entscheid, Person, Platzierung, Vollzugsfall

# --- § 21 Abs. 2: whom and what -----------------------------------------------------------------


def personen_fuer_behoerde(behoerde: Behoerde) -> QuerySet[Person]:
    """Exactly the persons this agency may ask about (recht.Sicht); any other answers 404."""
    if not behoerde.aktiv:
        return Person.objects.none()
    sicht = freigabe(behoerde.typ).sicht
    if sicht == Sicht.EIGENE_ENTSCHEIDE:
        return Person.objects.filter(
            Exists(Entscheid.objects.filter(fall__person=OuterRef("pk"), behoerde=behoerde.name))
            | Exists(Urteilszustellung.objects.filter(person=OuterRef("pk"), behoerde=behoerde))
        )
    if sicht == Sicht.MIT_FALL:
        return Person.objects.filter(Exists(Vollzugsfall.objects.filter(person=OuterRef("pk"))))
    if sicht == Sicht.UNTERSTUETZUNGSWOHNSITZ:
        from kosten.models import Unterstuetzungswohnsitz

        heute = timezone.localdate()
        aktuell = Subquery(
            Unterstuetzungswohnsitz.objects.filter(person=OuterRef("pk"), gueltig_ab__lte=heute)
            .order_by("-gueltig_ab")
            .values("gemeinde")[:1]
        )
        return (
            Person.objects.annotate(_zug_gemeinde=aktuell)
            .filter(_zug_gemeinde__iexact=behoerde.gemeinde)
            .filter(Exists(Vollzugsfall.objects.filter(person=OuterRef("pk"))))
        )
    return Person.objects.none()


def auskunft_queryset(behoerde: Behoerde) -> QuerySet[Person]:
    """Visible persons with what `auskunft_erstellen` reads prefetched (constant queries per request)."""
    return personen_fuer_behoerde(behoerde).prefetch_related(
        Prefetch(
            "faelle",
            queryset=Vollzugsfall.objects.order_by("-eingang_am", "-pk").prefetch_related(
                Prefetch("platzierungen", queryset=Platzierung.objects.select_related("anstalt")),
                Prefetch(
                    "entscheide", queryset=Entscheid.objects.order_by("pk").prefetch_related("sanktionen")
                ),
            ),
        )
    )


def zustellungen_fuer_fall(fall) -> QuerySet[Urteilszustellung]:
    return Urteilszustellung.objects.filter(fall=fall).select_related("behoerde")


def bekanntgaben(
    *, behoerde=None, person=None, personennummer: str = "", zweck: str = "", von=None, bis=None
) -> QuerySet[Bekanntgabe]:
    """The auditors' search over the disclosure log (R-21-1); all filters optional, newest first."""
    qs = Bekanntgabe.objects.select_related("person")
    if behoerde is not None:
        qs = qs.filter(behoerde=behoerde)
    if person is not None:
        qs = qs.filter(person=person)
    if personennummer:
        qs = qs.filter(person__personennummer=personennummer)
    if zweck:
        qs = qs.filter(Q(zweck__iexact=zweck) | Q(zweck_text__icontains=zweck))
    if von is not None:
        qs = qs.filter(zeitpunkt__gte=von)
    if bis is not None:
        qs = qs.filter(zeitpunkt__lt=bis)
    return qs.order_by("-zeitpunkt", "-pk")
