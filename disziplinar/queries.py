"""Who may see which disciplinary proceedings (R-0-ROLE-1), and the selectors the rules need."""

from django.db.models import QuerySet

from disziplinar.models import Disziplinarsanktion, Disziplinarverfahren
from kern.rollen import ALLE_FAELLE_LESEN, Rolle
from verfuegungen.models import EROEFFNETE_STATUS
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
