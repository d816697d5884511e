"""The deadline overview reads every registered source (QUELLEN); on the dossier (case and person page,
issue 17) it adds the open tasks of the case for the user's role and the link to the person's deadlines."""

from django.db.models import Q
from django.urls import reverse

from kern import erweiterungen
from kern.models import Aufgabe


def _link(person) -> str:
    return f"{reverse('fristenkontrolle:uebersicht')}?person_id={person.pk}"


def fallblock(fall, user) -> dict:
    """One query: the case's open tasks addressed to the user's role (of the own facility for facility
    roles), due first; a task of another role stays with that role (e.g. the physicians' §§ 34–39 tasks)."""
    aufgaben = Aufgabe.objects.filter(fall=fall, erledigt_am__isnull=True, fuer_rolle=user.rolle)
    if getattr(user, "anstalt_id", None):
        aufgaben = aufgaben.filter(Q(anstalt__isnull=True) | Q(anstalt_id=user.anstalt_id))
    return {"aufgaben": list(aufgaben.order_by("faellig_am", "pk")[:20]), "fristen_url": _link(fall.person)}


def personenblock(person, user) -> dict:
    return {"aufgaben": None, "fristen_url": _link(person)}


def registrieren() -> None:
    """Called once by the AppConfig's ready(): everything this app adds to others, in one place."""
    erweiterungen.fallblock("fristenkontrolle/_dossier.html", fallblock)
    erweiterungen.personenblock("fristenkontrolle/_dossier.html", personenblock)
