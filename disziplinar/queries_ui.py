"""Visibility of reports (R-40-1, R-0-ROLE-1) and the list selectors of the browser pages.

A report is "visible only within the facility and to the authority": the facility's staff and
management see the reports of their facility whose person is placed there now, the authority's
readers (sachbearbeitung, revision, bedrohungsmanagement) see all. Shared with the API
(`disziplinar/api.py` imports `rapporte_fuer_user` from here).
"""

from django.db.models import OuterRef, QuerySet, Subquery

from disziplinar.models import Disziplinarverfahren, Rapport
from disziplinar.queries import verfahren_fuer_user
from kern.rollen import ALLE_FAELLE_LESEN, ANSTALTSROLLEN
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungsstatus
from vollzug.models import Platzierung, Vollzugsfall
from vollzug.queries import personen_fuer_user


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
    the same condition as `services.darf_rapportieren`, which decides again at saving."""
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
    # The live (not lifted) decision of the proceeding, as in `services.verfuegung_von`; the content
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
