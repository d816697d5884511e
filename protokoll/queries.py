"""The querysets behind the auditor's filters (R-0-AUDIT-2). Who may read the logs: `protokoll.permissions`."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, Q, QuerySet

from kern.models import Lesezugriff, Sicherheitsereignis
from protokoll.domain.historie import Filter
from vollzug.models import Person


def _begriffe(text: str) -> list[str]:
    return [b for b in text.split() if b][:5]


def _exakt_sonst_namen(modell, schluessel: str, namensfelder: tuple[str, str], text: str) -> QuerySet:
    """The row whose key is exactly `text`; if there is none, the rows whose names contain every word.

    An exact number or username is unambiguous (auditor types "sb": not also "sb2"). Built as one
    queryset, so the caller uses it as a subquery without an extra round trip.
    """
    text = text.strip()
    exakt = Q(**{f"{schluessel}__iexact": text})
    namen = Q()
    for begriff in _begriffe(text):
        namen &= Q(**{f"{namensfelder[0]}__icontains": begriff}) | Q(
            **{f"{namensfelder[1]}__icontains": begriff}
        )
    return modell.objects.filter(exakt | (namen & ~Exists(modell.objects.filter(exakt))))


def personen_suchen(text: str) -> QuerySet[Person]:
    """Persons by Personennummer, else by name (all words)."""
    return _exakt_sonst_namen(Person, "personennummer", ("amtlicher_name", "vorname"), text)


def benutzer_suchen(text: str) -> QuerySet:
    """Users by username, else by first/last name (all words)."""
    return _exakt_sonst_namen(get_user_model(), "username", ("first_name", "last_name"), text)


def lesezugriffe(f: Filter) -> QuerySet[Lesezugriff]:
    """The read log filtered like the change log, newest first."""
    qs = Lesezugriff.objects.select_related("benutzer", "person")
    if f.personen is not None:
        qs = qs.filter(person__in=f.personen.values("pk"))
    if f.benutzer is not None:
        qs = qs.filter(benutzer__in=f.benutzer.values("pk"))
    if f.ab is not None:
        qs = qs.filter(zeitpunkt__gte=f.ab)
    if f.bis is not None:
        qs = qs.filter(zeitpunkt__lt=f.bis)
    if f.typ:
        qs = qs.filter(objekt_typ=f.typ)
    return qs.order_by("-zeitpunkt", "-pk")


def sicherheitsereignisse(*, benutzer: str = "", art: str = "", ab=None, bis_vor=None, **_) -> QuerySet:
    """The security log (issue 18 item 4), newest first: by user name as typed at sign-in (also names
    that do not exist), kind and time span. Two queries per page (count, rows), whatever the page size."""
    qs = Sicherheitsereignis.objects.select_related("benutzer", "durch")
    if benutzer.strip():
        qs = qs.filter(benutzername__icontains=benutzer.strip().lower())
    if art:
        qs = qs.filter(art=art)
    if ab is not None:
        qs = qs.filter(zeitpunkt__gte=ab)
    if bis_vor is not None:
        qs = qs.filter(zeitpunkt__lt=bis_vor)
    return qs.order_by("-zeitpunkt", "-pk")
