from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from fristenkontrolle.queries import anzahl_offen
from kern import erweiterungen
from kern.models import Aufgabe
from vollzug.queries import faelle_fuer_user
from vollzug.recht import Fallstatus


@login_required
def start(request):
    """Start page: the user's open tasks and the counts that need attention today."""
    user = request.user
    faelle = faelle_fuer_user(user)
    grenze = timezone.localdate() - timedelta(days=_tage())
    aufgaben = (
        Aufgabe.objects.filter(erledigt_am__isnull=True, fuer_rolle=user.rolle)
        # Case tasks only for visible cases; facility tasks without a case only for that facility.
        .filter(Q(fall__in=faelle) | Q(fall__isnull=True, anstalt_id=user.anstalt_id))
        .select_related("fall")[:20]
    )
    context = {
        "fristen_zaehler": anzahl_offen(user),
        "aufgaben": aufgaben,
        "anzahl_im_vollzug": faelle.filter(status=Fallstatus.IM_VOLLZUG).count(),
        "anzahl_eingang": faelle.filter(status=Fallstatus.EINGANG).count(),
        "anzahl_beginn_ueberfaellig": faelle.filter(status=Fallstatus.EINGANG, eingang_am__lt=grenze).count(),
        "modulkarten": erweiterungen.karten_fuer(user),
    }
    return render(request, "start.html", context)


def _tage() -> int:
    from django.conf import settings

    return settings.JVG_VOLLZUGSBEGINN_UEBERFAELLIG_TAGE
