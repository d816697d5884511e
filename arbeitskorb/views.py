from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from arbeitskorb.queries import offene_aufgaben, zaehler
from kern import erweiterungen


@login_required
def start(request):
    """Start page: the user's open tasks and the counts that need attention today."""
    user = request.user
    context = {
        **zaehler(user),
        "aufgaben": offene_aufgaben(user),
        "modulkarten": erweiterungen.karten_fuer(user),
    }
    return render(request, "start.html", context)
