"""Fristenkontrolle (R-0-FRIST-4): one page and one iCal export over every registered deadline source.

Nothing here names a module: sources decide visibility (R-0-ROLE-1), this code only filters, sorts,
groups and renders. A new module's deadlines appear without a change to this file.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fristenkontrolle.domain import ical
from fristenkontrolle.forms import FristFilterForm
from fristenkontrolle.queries import alle_fristen, gruppieren
from kern.erweiterungen import QUELLEN
from kern.fristen import TZ
from kern.klartext import ohne_regel_ids
from kern.lesezugriffe import personen_protokollieren
from kern.models import Aktion

GRUPPEN_TITEL = {
    "ueberfaellig": "Überfällig",
    "diese_woche": "Diese Woche",
    "spaeter": "Später",
}


def _fristen(request, form):
    jetzt = timezone.now()
    filter_ = form.filter() if form.is_bound and form.is_valid() else {}
    eintraege = alle_fristen(request.user, heute=jetzt.astimezone(TZ).date(), **filter_)
    # Issue 18 item 10 (R-0-AUDIT-2): the overview and the iCal export name persons: read log.
    personen_protokollieren(
        request=request,
        person_ids=[e.person_id for e in eintraege],
        objekt_typ="fristenkontrolle.frist",
        aktion=Aktion.EXPORT if request.resolver_match.url_name == "ical" else Aktion.LISTE,
        abfrage=request.GET.urlencode(),
    )
    return jetzt, eintraege


@login_required
@require_GET
def uebersicht(request):
    form = FristFilterForm(request.GET or None, user=request.user)
    jetzt, eintraege = _fristen(request, form)
    bezeichnungen = {typ: bezeichnung for typ, (bezeichnung, _quelle) in QUELLEN.items()}
    gruppen = [
        {
            "schluessel": schluessel,
            "titel": GRUPPEN_TITEL[schluessel],
            "zeilen": [{"frist": e, "typ": bezeichnungen.get(e.typ, e.typ)} for e in liste],
        }
        for schluessel, liste in gruppieren(eintraege, jetzt).items()
    ]
    return render(
        request,
        "fristenkontrolle/uebersicht.html",
        {
            "form": form,
            "gruppen": gruppen,
            "anzahl": len(eintraege),
            "jetzt": jetzt,
            "filter_aktiv": form.is_bound,
            "abfrage": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def ical_export(request):
    form = FristFilterForm(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        meldungen = [
            f"{form.fields[f].label or f}: {ohne_regel_ids(m)}" for f, ms in form.errors.items() for m in ms
        ]
        return HttpResponseBadRequest("\n".join(meldungen), content_type="text/plain; charset=utf-8")
    jetzt, eintraege = _fristen(request, form)
    inhalt = ical.kalender(eintraege, jetzt=jetzt, absolute_url=request.build_absolute_uri)
    antwort = HttpResponse(inhalt.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    antwort["Content-Disposition"] = 'attachment; filename="fristen.ics"'
    return antwort
