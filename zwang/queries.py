"""Who may see which use-of-force protocols (R-0-ROLE-1) and the selectors of lists, cards and the job.

Facility roles see the protocols of their facility whose person is placed there now (outside → 404),
its management also a submitted, unreviewed one after the person's transfer (issue 23);
the authority's readers (sachbearbeitung, revision, bedrohungsmanagement) see all; a physician
(medizin) sees the protocols of persons assigned to him, but only the medical part (time, place,
injuries, medical check: what follow-up care needs). A draft is seen by its author only.
"""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from kern.rollen import ALLE_FAELLE_LESEN, ANSTALTSROLLEN, Rolle
from vollzug.queries import personen_fuer_user
from zwang.models import Beteiligung, Zwangsprotokoll
from zwang.recht import Protokollstatus

S = Protokollstatus


def protokolle_fuer_user(user) -> QuerySet[Zwangsprotokoll]:
    """Exactly the protocols `user` may see (outside → 404 in views and API)."""
    if not (user and user.is_authenticated and user.is_active):
        return Zwangsprotokoll.objects.none()
    if user.rolle in ALLE_FAELLE_LESEN:
        return Zwangsprotokoll.objects.exclude(status=S.ENTWURF)
    if user.rolle in ANSTALTSROLLEN and user.anstalt_id is not None:
        sichtbar = Q(person__in=personen_fuer_user(user))
        if user.rolle == Rolle.ANSTALTSLEITUNG:
            # Issue 23 (decision): after a transfer the management of the facility where the force was
            # used keeps a submitted, not yet reviewed protocol until it has reviewed it (§ 33 Abs. 4).
            sichtbar |= Q(status=S.EINGEREICHT)
        return Zwangsprotokoll.objects.filter(sichtbar, anstalt_id=user.anstalt_id).exclude(
            Q(status=S.ENTWURF) & ~Q(erfasst_durch=user)
        )
    if user.rolle == Rolle.MEDIZIN:
        return Zwangsprotokoll.objects.filter(person__in=personen_fuer_user(user)).exclude(status=S.ENTWURF)
    return Zwangsprotokoll.objects.none()


def nur_medizinteil(user) -> bool:
    """A physician reads the medical part only (see module docstring)."""
    return bool(user and user.is_authenticated and user.rolle == Rolle.MEDIZIN)


def _anzahl(beteiligte: QuerySet) -> Coalesce:
    return Coalesce(
        Subquery(
            beteiligte.filter(protokoll=OuterRef("pk"))
            .order_by()
            .values("protokoll")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def offene_stellungnahmen() -> QuerySet[Beteiligung]:
    """Statements still missing on a submitted protocol."""
    return Beteiligung.objects.filter(stellungnahme_am__isnull=True).exclude(protokoll__status=S.ENTWURF)


def mit_zaehlern(qs: QuerySet[Zwangsprotokoll], jetzt) -> QuerySet[Zwangsprotokoll]:
    """Annotate the number of open and of overdue statements (R-33-1) without a query per row."""
    offen = Beteiligung.objects.filter(stellungnahme_am__isnull=True)
    return qs.annotate(
        anzahl_offen=_anzahl(offen),
        anzahl_ueberfaellig=_anzahl(offen.filter(frist__lt=jetzt)),
    )


def protokoll_liste(user, jetzt) -> QuerySet[Zwangsprotokoll]:
    """The list of `user`: scoped, with person, facility and author joined, counters annotated."""
    return mit_zaehlern(
        protokolle_fuer_user(user).select_related("person", "anstalt", "erfasst_durch"), jetzt
    ).order_by("-beginn", "-pk")


def mit_offener_stellungnahme(qs: QuerySet[Zwangsprotokoll]) -> QuerySet[Zwangsprotokoll]:
    return qs.filter(Exists(offene_stellungnahmen().filter(protokoll=OuterRef("pk"))))


def eigene_offene_stellungnahmen(user) -> QuerySet[Beteiligung]:
    """The statements `user` himself still owes (only he writes them), on protocols he may see."""
    return offene_stellungnahmen().filter(benutzer=user, protokoll__in=protokolle_fuer_user(user))


def stellungnahmen_erinnerung_faellig(jetzt) -> QuerySet[Beteiligung]:
    """R-33-1: overdue statements (strictly after the deadline) without a reminder yet. No lower bound:
    a missed run catches up. Uses the partial index `beteiligung_erinnerung_idx`."""
    return Beteiligung.objects.filter(
        stellungnahme_am__isnull=True,
        erinnerung__isnull=True,
        frist__isnull=False,
        frist__lt=jetzt,
        protokoll__status__in=[S.EINGEREICHT, S.GEPRUEFT],
    )
