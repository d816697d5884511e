"""The start page shows every registered start card; it adds one listener: the navigation's cached
counts are forgotten for the affected users when a decision is submitted, approved, returned or rejected."""

from django.db import transaction
from django.db.models.signals import post_save


def _genehmigungsschritt_gespeichert(sender, instance, created, **kwargs) -> None:
    """Every four-eyes step (vorgelegt, genehmigt, zurückgewiesen, abgelehnt) is one new
    Genehmigungsschritt; after the commit the counts of everyone it concerns are dropped."""
    if not created:
        return
    from arbeitskorb.queries import betroffene_der_genehmigung, zaehler_vergessen

    verfuegung = instance.verfuegung
    transaction.on_commit(lambda: zaehler_vergessen(betroffene_der_genehmigung(verfuegung)))


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    from verfuegungen.models import Genehmigungsschritt

    post_save.connect(
        _genehmigungsschritt_gespeichert,
        sender=Genehmigungsschritt,
        dispatch_uid="arbeitskorb_zaehler_vergessen",
    )
