from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from arbeitskorb.queries import eintraege, gruppieren, kennzahlen, zaehler_aus, zaehler_merken
from kern import erweiterungen
from kern.lesezugriffe import personen_protokollieren


@login_required
def start(request):
    """The Arbeitskorb, start page of every role: what this user must do now, grouped by due time;
    below it the overview counts and every module's start cards."""
    user = request.user
    jetzt = timezone.now()
    zeilen = eintraege(user, jetzt=jetzt)
    # R-0-AUDIT-2 (issue 18 item 10): the list names persons: read log, one bulk insert.
    personen_protokollieren(
        request=request, person_ids=[z.person_id for z in zeilen], objekt_typ="arbeitskorb.eintrag"
    )
    zaehler = zaehler_aus(zeilen, jetzt)
    zaehler_merken(user, zaehler)
    context = {
        **kennzahlen(user),
        "gruppen": gruppieren(zeilen, jetzt),
        "korb_zaehler": zaehler,
        "ansicht": "start",
        "modulkarten": erweiterungen.karten_fuer(user),
    }
    return render(request, "start.html", context)
