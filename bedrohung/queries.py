"""Who may see which threat reports (R-BM-3): one place, used by every view, API, deadline source and job.

Reports are visible only to the threat-management team (all reports) and to the reporting person (their
own). Everyone else sees none: views answer 404, never 403, so the existence of a report does not leak.
The Vollzug queries (`vollzug.queries`) know nothing of this app, so the Vollzug search, case pages and
the agency API cannot reach a report.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, QuerySet

from bedrohung.models import Bedrohungsmeldung, Einschaetzung, Fallkonferenz, Massnahme
from bedrohung.permissions import darf_melden, ist_team
from bedrohung.recht import Meldungsstatus, loeschstichtag
from kern import fristen


def meldungen_fuer_user(user) -> QuerySet[Bedrohungsmeldung]:
    """Exactly the reports `user` may see (R-BM-3): the team all, other staff their own, everyone else none."""
    if ist_team(user):
        return Bedrohungsmeldung.objects.all()
    if darf_melden(user):
        return Bedrohungsmeldung.objects.filter(gemeldet_durch=user)
    return Bedrohungsmeldung.objects.none()


def loeschung_faellig(heute: date) -> QuerySet[Bedrohungsmeldung]:
    """R-BM-3: closed reports whose retention period ended before `heute` (no lower bound: a missed run
    catches up). Compared on the local closing date, in Python-computed bounds (no database `now()`)."""
    # `abgeschlossen_am` (local date) <= stichtag  ⇔  abgeschlossen_am < 00:00 Zurich of the next day.
    grenze = datetime.combine(loeschstichtag(heute) + timedelta(days=1), time.min, tzinfo=fristen.TZ)
    return Bedrohungsmeldung.objects.filter(status=Meldungsstatus.ABGESCHLOSSEN, abgeschlossen_am__lt=grenze)


def meldungen_fuer_api(user) -> QuerySet[Bedrohungsmeldung]:
    """The team's reports with everything the serializer shows: a constant number of queries per page."""
    if not ist_team(user):
        return Bedrohungsmeldung.objects.none()
    return (
        meldungen_fuer_user(user)
        .select_related("gemeldet_durch", "anstalt", "urheber_person", "ansprechperson")
        .prefetch_related(
            "beilagen",
            Prefetch("einschaetzungen", queryset=Einschaetzung.objects.select_related("erstellt_durch")),
            Prefetch("konferenzen", queryset=Fallkonferenz.objects.select_related("erfasst_durch")),
            Prefetch("massnahmen", queryset=Massnahme.objects.select_related("verantwortlich")),
        )
        .order_by("-gemeldet_am", "-pk")
    )
