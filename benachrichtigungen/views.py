"""Admin pages of the webhook subscriptions (thin: form → one service call → render)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from behoerden.models import Behoerdentyp
from benachrichtigungen import domain
from benachrichtigungen.forms import AbonnementForm
from benachrichtigungen.models import Abonnement, Zustellung
from benachrichtigungen.queries import abonnemente_mit_zahlen
from benachrichtigungen.recht import EREIGNISSE_JE_TYP
from kern.ereignisse import Ereignistyp
from kern.rollen import Rolle, hat_rolle
from kern.web.forms import fehler_uebernehmen


def _nur_admin(user) -> None:
    if not hat_rolle(user, Rolle.ADMIN):
        raise PermissionDenied("Keine Berechtigung: Webhook-Abonnemente verwalten (R-0-ROLE-1).")


def _tabelle():
    return [
        (Behoerdentyp(typ).label, [Ereignistyp(t).label for t in Ereignistyp.values if t in erlaubt])
        for typ, erlaubt in EREIGNISSE_JE_TYP.items()
    ]


@login_required
def liste(request):
    _nur_admin(request.user)
    abos = abonnemente_mit_zahlen(Abonnement.objects.all()).order_by("behoerde__name", "pk")
    return render(request, "benachrichtigungen/liste.html", {"abonnemente": abos, "tabelle": _tabelle()})


@login_required
@require_http_methods(["GET", "POST"])
def neu(request):
    _nur_admin(request.user)
    form = AbonnementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            abo, geheimnis = domain.abonnement_anlegen(
                behoerde=c["behoerde"], url=c["url"], ereignistypen=c["ereignistypen"], durch=request.user
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            # Shown once, on this answer only (never stored, never redirected through a URL).
            return render(request, "benachrichtigungen/geheimnis.html", {"abo": abo, "geheimnis": geheimnis})
    return render(request, "benachrichtigungen/form.html", {"form": form, "tabelle": _tabelle()})


@login_required
def detail(request, pk):
    _nur_admin(request.user)
    abo = get_object_or_404(Abonnement.objects.select_related("behoerde"), pk=pk)
    zustellungen = Zustellung.objects.filter(abonnement=abo).prefetch_related("versuche").order_by("-pk")[:50]
    return render(request, "benachrichtigungen/detail.html", {"abo": abo, "zustellungen": zustellungen})


@login_required
@require_POST
def aktion(request, pk, was):
    _nur_admin(request.user)
    abo = get_object_or_404(Abonnement, pk=pk)
    if was == "geheimnis":
        geheimnis = domain.geheimnis_erneuern(abonnement=abo, durch=request.user)
        return render(request, "benachrichtigungen/geheimnis.html", {"abo": abo, "geheimnis": geheimnis})
    if was not in ("aktivieren", "deaktivieren"):
        raise PermissionDenied("Unbekannte Aktion.")
    domain.abonnement_aendern(
        abonnement=abo, aenderung=domain.Aenderung(aktiv=was == "aktivieren"), durch=request.user
    )
    messages.success(request, "Abonnement aktiviert." if was == "aktivieren" else "Abonnement deaktiviert.")
    return redirect("benachrichtigungen:detail", pk=abo.pk)


@login_required
@require_POST
def erneut(request, pk):
    _nur_admin(request.user)
    z = get_object_or_404(Zustellung, pk=pk)
    try:
        domain.erneut_zustellen(zustellung=z, durch=request.user)
    except ValidationError as fehler:
        messages.error(request, " ".join(fehler.messages))
    else:
        messages.success(request, "Zustellung erneut ausgelöst.")
    return redirect("benachrichtigungen:detail", pk=z.abonnement_id)
