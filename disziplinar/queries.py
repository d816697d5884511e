"""Read side of the disciplinary law: who sees which proceedings, reports and prior sanctions, and the
list querysets of the pages (one query per list, no per-row lookups)."""

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from disziplinar.models import (
    Disziplinarsanktion,
    Disziplinarverfahren,
    Rapport,
)
from kern.rollen import ALLE_FAELLE_LESEN, ANSTALTSROLLEN, Rolle
from verfuegungen.models import EROEFFNETE_STATUS, Verfuegung
from verfuegungen.recht import Verfuegungsstatus
from vollzug.models import Platzierung, Vollzugsfall
from vollzug.queries import personen_fuer_user


def verfahren_fuer_user(user) -> QuerySet[Disziplinarverfahren]:
    """Exactly the proceedings `user` may see (outside → 404 in views).

    The authority's readers (sachbearbeitung, revision, bedrohungsmanagement) see all; the facility
    management sees those of its facility whose person is placed there now; everyone else none.
    """
    if not (user and user.is_authenticated and user.is_active):
        return Disziplinarverfahren.objects.none()
    if user.rolle in ALLE_FAELLE_LESEN:
        return Disziplinarverfahren.objects.all()
    if user.rolle == Rolle.ANSTALTSLEITUNG:
        return Disziplinarverfahren.objects.filter(
            anstalt_id=user.anstalt_id, person__in=personen_fuer_user(user)
        )
    return Disziplinarverfahren.objects.none()


def verfahren_zum_entwerfen(user) -> QuerySet[Disziplinarverfahren]:
    """The proceedings whose decision `user` may open the draft form of (issue 17): staff of a facility
    reach those of their facility whose person is placed there now, from the report; everyone else
    exactly what `verfahren_fuer_user` shows (so a refusal stays a 403, not a 404)."""
    if user and user.is_authenticated and user.is_active and user.rolle == Rolle.ANSTALTSPERSONAL:
        return Disziplinarverfahren.objects.filter(
            anstalt_id=user.anstalt_id, person__in=personen_fuer_user(user)
        )
    return verfahren_fuer_user(user)


def vorstrafen(person, *, ausser: Disziplinarverfahren | None = None) -> QuerySet[Disziplinarsanktion]:
    """R-41-4 (§ 41 Abs. 4, Wiederholungsfall): the person's earlier disciplinary sanctions.

    Only sanctions of a notified decision count (a draft or a lifted decision sanctions nobody);
    `ausser` leaves out the proceeding being decided.
    """
    qs = Disziplinarsanktion.objects.filter(
        verfahren__person=person, verfuegung__status__in=EROEFFNETE_STATUS
    ).select_related("verfuegung", "verfahren__rapport")
    if ausser is not None:
        qs = qs.exclude(verfahren=ausser)
    return qs.order_by("verfuegung__eroeffnet_am", "art")


def rapporte_fuer_user(user) -> QuerySet[Rapport]:
    """Exactly the reports `user` may see (outside → 404 in views and API)."""
    if not (user and user.is_authenticated and user.is_active):
        return Rapport.objects.none()
    if user.rolle in ALLE_FAELLE_LESEN:
        return Rapport.objects.all()
    if user.rolle in ANSTALTSROLLEN and user.anstalt_id is not None:
        return Rapport.objects.filter(anstalt_id=user.anstalt_id, person__in=personen_fuer_user(user))
    return Rapport.objects.none()


def faelle_zum_rapportieren(user) -> QuerySet[Vollzugsfall]:
    """R-40-1: the cases whose person is placed in the user's facility now (the report form's choices);
    the same condition as `permissions.darf_rapportieren`, which decides again at saving."""
    if user.rolle not in ANSTALTSROLLEN or user.anstalt_id is None:
        return Vollzugsfall.objects.none()
    return (
        Vollzugsfall.objects.filter(
            pk__in=Platzierung.objects.filter(anstalt_id=user.anstalt_id, bis__isnull=True).values("fall")
        )
        .select_related("person")
        .order_by("person__amtlicher_name", "person__vorname", "pk")
    )


def _verfuegung_des_verfahrens(feld: str) -> Subquery:
    # The live (not lifted) decision of the proceeding, as in `domain.verfuegung_von`; the content
    # type is matched by a join, so no extra query for the ContentType.
    return Subquery(
        Verfuegung.objects.filter(
            content_type__app_label="disziplinar",
            content_type__model="disziplinarverfahren",
            object_id=OuterRef("pk"),
        )
        .exclude(status=Verfuegungsstatus.AUFGEHOBEN)
        .order_by("-pk")
        .values(feld)[:1]
    )


def mit_verfuegung(qs: QuerySet[Disziplinarverfahren]) -> QuerySet[Disziplinarverfahren]:
    """Annotate each proceeding with its live decision (pk, number, status) without a query per row."""
    return qs.annotate(
        verfuegung_pk=_verfuegung_des_verfahrens("pk"),
        verfuegung_nummer=_verfuegung_des_verfahrens("nummer"),
        verfuegung_status=_verfuegung_des_verfahrens("status"),
    )


def verfahren_liste(user) -> QuerySet[Disziplinarverfahren]:
    """The proceedings list of `user`: scoped, with person, facility, report and decision in one query."""
    return mit_verfuegung(
        verfahren_fuer_user(user).select_related("person", "anstalt", "rapport", "geleitet_durch")
    ).order_by("-eroeffnet_am", "-pk")


def verfahren_fuer_api(user) -> QuerySet[Disziplinarverfahren]:
    """The visible proceedings with what the API serializer shows: a constant number of queries per page."""
    return (
        verfahren_fuer_user(user)
        .select_related("rapport", "person", "anstalt", "geleitet_durch")
        .prefetch_related(
            "rapport__delikte",
            Prefetch("sanktionen", queryset=Disziplinarsanktion.objects.order_by("pk")),
        )
        .order_by("-eroeffnet_am", "-pk")
    )
