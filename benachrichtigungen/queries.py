"""Read side of the webhook subscriptions: who sees which subscriptions (an agency its own, the
administration all), and the delivery counts of a list in one query."""

from django.db.models import Count, Q, QuerySet

from benachrichtigungen.models import Abonnement, Zustellstatus
from kern.rollen import Rolle, hat_rolle


def abonnemente_fuer_user(user) -> QuerySet[Abonnement]:
    """An agency sees its own subscriptions, the administration all, everyone else none."""
    if hat_rolle(user, Rolle.ADMIN):
        return Abonnement.objects.all()
    if hat_rolle(user, Rolle.PARTNERBEHOERDE):
        return Abonnement.objects.filter(behoerde__benutzer=user)
    return Abonnement.objects.none()


def abonnemente_mit_zahlen(qs):
    return qs.select_related("behoerde").annotate(
        n_zugestellt=Count("zustellungen", filter=Q(zustellungen__status=Zustellstatus.ZUGESTELLT)),
        n_ausstehend=Count("zustellungen", filter=Q(zustellungen__status=Zustellstatus.AUSSTEHEND)),
        n_fehlgeschlagen=Count("zustellungen", filter=Q(zustellungen__status=Zustellstatus.FEHLGESCHLAGEN)),
    )
