"""Read side of the disciplinary law: who sees which proceedings, reports and prior sanctions, and the
list querysets of the pages (one query per list, no per-row lookups)."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from disziplinar.models import (
    Disziplinarsanktion,
    Disziplinarverfahren,
    Rapport,
)
from disziplinar.recht import Sanktionsstatus, Verfahrensstatus
from kern.rollen import ALLE_FAELLE_LESEN, ANSTALTSROLLEN, Rolle
from verfuegungen.models import EROEFFNETE_STATUS, Verfuegung
from verfuegungen.recht import Verfuegungsstatus
from vollzug.models import Platzierung, Vollzugsfall


def _aktuell_hier(anstalt_id, person_ref: str) -> Exists:
    return Exists(
        Platzierung.objects.filter(anstalt_id=anstalt_id, bis__isnull=True, fall__person=OuterRef(person_ref))
    )


def _sanktion_zu_vollziehen() -> Exists:
    # A sanction of a notified decision that is still to be executed (not executed, not time-barred).
    return Exists(
        Disziplinarsanktion.objects.filter(
            verfahren=OuterRef("pk"),
            status=Sanktionsstatus.ANGEORDNET,
            verfuegung__status__in=EROEFFNETE_STATUS,
        )
    )


def verfahren_fuer_user(user) -> QuerySet[Disziplinarverfahren]:
    """Exactly the proceedings `user` may see (outside → 404 in views).

    The authority's readers (sachbearbeitung, revision, bedrohungsmanagement) see all; partner agencies,
    physicians and the administration none. Issue 17 (roles table: staff report incidents and draft
    proposals, and see only persons placed in their facility): staff read the proceedings of their
    facility on persons placed there now — read-only, every action asks its own predicate
    (`permissions`); after a transfer staff of neither facility see it. Issue 23 (decision, § 41 Abs. 1
    JVG: the management of the facility where the offence happened leads and decides):
    - the leading facility (`anstalt`) sees its proceedings while the person is placed there, and an
      open proceeding also after a transfer, until it is decided, closed or time-barred — only that
      proceeding, not the person's other data (`personen_fuer_user` is unchanged);
    - the receiving facility (person placed there now) sees, read-only, another facility's proceeding
      that is still open or has a sanction still to be executed (it executes that sanction,
      `permissions.darf_sanktion_vollziehen`).
    """
    if not (user and user.is_authenticated and user.is_active):
        return Disziplinarverfahren.objects.none()
    if user.rolle in ALLE_FAELLE_LESEN:
        return Disziplinarverfahren.objects.all()
    if user.rolle == Rolle.ANSTALTSPERSONAL and user.anstalt_id is not None:
        return Disziplinarverfahren.objects.filter(
            _aktuell_hier(user.anstalt_id, "person"), anstalt_id=user.anstalt_id
        )
    if user.rolle == Rolle.ANSTALTSLEITUNG and user.anstalt_id is not None:
        hier = _aktuell_hier(user.anstalt_id, "person")
        offen = Q(status=Verfahrensstatus.OFFEN)
        return Disziplinarverfahren.objects.filter(
            Q(anstalt_id=user.anstalt_id) & (hier | offen) | hier & (offen | _sanktion_zu_vollziehen())
        )
    return Disziplinarverfahren.objects.none()


def offene_geleitete_verfahren(user) -> QuerySet | None:
    """Issue 23: the pks of the open proceedings the user's facility management leads, whose
    Verfügung it drafts, approves and notifies also after the person's transfer (registered with
    `kern.erweiterungen.gegenstand_sichtbar`); None for every other role."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    if user.rolle != Rolle.ANSTALTSLEITUNG or user.anstalt_id is None:
        return None
    return Disziplinarverfahren.objects.filter(
        anstalt_id=user.anstalt_id, status=Verfahrensstatus.OFFEN
    ).values("pk")


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
    """Exactly the reports `user` may see (outside → 404 in views and API).

    Facility roles see the reports of their facility on persons placed there now. Issue 23: after a
    transfer the management (not the staff) of the facility where the offence happened keeps the
    report while no proceeding exists yet or its proceeding is open, so it can open and decide it
    (§ 41 Abs. 1).
    """
    if not (user and user.is_authenticated and user.is_active):
        return Rapport.objects.none()
    if user.rolle in ALLE_FAELLE_LESEN:
        return Rapport.objects.all()
    if user.rolle in ANSTALTSROLLEN and user.anstalt_id is not None:
        sichtbar = Q(_aktuell_hier(user.anstalt_id, "person"))
        if user.rolle == Rolle.ANSTALTSLEITUNG:
            sichtbar |= Q(verfahren__isnull=True) | Q(verfahren__status=Verfahrensstatus.OFFEN)
        return Rapport.objects.filter(sichtbar, anstalt_id=user.anstalt_id)
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
