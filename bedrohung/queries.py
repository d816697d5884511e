"""Who may see which threat reports (R-BM-3): one place, used by every view, API, deadline source and job.

Reports are visible only to the threat-management team (all reports) and to the reporting person (their
own). Everyone else sees none: views answer 404, never 403, so the existence of a report does not leak.
The Vollzug queries (`vollzug.queries`) know nothing of this app, so the Vollzug search, case pages and
the agency API cannot reach a report.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import QuerySet

from bedrohung.enums import Meldungsstatus
from bedrohung.models import Bedrohungsmeldung
from kern import fristen
from kern.rollen import Rolle, hat_rolle

# Every staff role may report a threat (R-BM-1); agencies (REST clients) and background jobs may not.
MELDENDE_ROLLEN = frozenset(
    {
        Rolle.SACHBEARBEITUNG,
        Rolle.ANSTALTSLEITUNG,
        Rolle.ANSTALTSPERSONAL,
        Rolle.MEDIZIN,
        Rolle.REVISION,
        Rolle.BEDROHUNGSMANAGEMENT,
        Rolle.ADMIN,
    }
)


def ist_team(user) -> bool:
    """R-BM-3: member of the cantonal threat-management team (assesses, decides measures, closes)."""
    return hat_rolle(user, Rolle.BEDROHUNGSMANAGEMENT)


def darf_melden(user) -> bool:
    """R-BM-1: any staff member may report a threat (never an agency client or a job)."""
    return hat_rolle(user, *MELDENDE_ROLLEN)


def meldungen_fuer_user(user) -> QuerySet[Bedrohungsmeldung]:
    """Exactly the reports `user` may see (R-BM-3): the team all, other staff their own, everyone else none."""
    if ist_team(user):
        return Bedrohungsmeldung.objects.all()
    if darf_melden(user):
        return Bedrohungsmeldung.objects.filter(gemeldet_durch=user)
    return Bedrohungsmeldung.objects.none()


def loeschstichtag(heute: date) -> date:
    """R-BM-3: reports closed on or before this local date are past their retention period on `heute`.

    A report closed on day D may be kept until `jahresfrist(D, JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE)` (same
    date, 29 Feb → 28 Feb) inclusive and is deleted from the day after. `jahresfrist` is monotone, so
    the latest such D is found by stepping back from `heute` minus the years (at most a few steps).
    """
    jahre = settings.JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE
    try:
        tag = heute.replace(year=heute.year - jahre)
    except ValueError:  # 29 February in a common year
        tag = heute.replace(year=heute.year - jahre, day=28)
    while fristen.jahresfrist(tag, jahre).ende < heute:
        tag += timedelta(days=1)
    while fristen.jahresfrist(tag, jahre).ende >= heute:
        tag -= timedelta(days=1)
    return tag


def loeschung_faellig(heute: date) -> QuerySet[Bedrohungsmeldung]:
    """R-BM-3: closed reports whose retention period ended before `heute` (no lower bound: a missed run
    catches up). Compared on the local closing date, in Python-computed bounds (no database `now()`)."""
    # `abgeschlossen_am` (local date) <= stichtag  ⇔  abgeschlossen_am < 00:00 Zurich of the next day.
    grenze = datetime.combine(loeschstichtag(heute) + timedelta(days=1), time.min, tzinfo=fristen.TZ)
    return Bedrohungsmeldung.objects.filter(status=Meldungsstatus.ABGESCHLOSSEN, abgeschlossen_am__lt=grenze)
