"""Issue 17: a person's Vertretung (Rechtsvertretung, Verteidigung, gesetzliche Vertretung) — recorded and
ended by the Sachbearbeitung; listed on the person page (block in `contributions`) for everyone who reads
the person. A representative is never deleted: ending the mandate sets its last day."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from kern import rollen
from kern.web.bestaetigung import bestaetigung_verlangen
from kern.web.forms import fehler_uebernehmen
from vollzug import domain
from vollzug.forms import VertretungBeendenForm, VertretungForm
from vollzug.models import Vertretung
from vollzug.queries import personen_fuer_user


def _nur_sachbearbeitung(user, was: str) -> None:
    """Who reads the person but may not record its representatives: 403 (outside the view: 404 before)."""
    if not rollen.darf_person_erfassen(user):
        raise PermissionDenied(f"Keine Berechtigung: {was}.")


@login_required
@require_http_methods(["GET", "POST"])
def vertretung_neu(request, pk):
    person = get_object_or_404(personen_fuer_user(request.user), pk=pk)
    _nur_sachbearbeitung(request.user, "Vertretung erfassen")
    form = VertretungForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.vertretung_erfassen(person=person, **form.cleaned_data, durch=request.user)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, "Vertretung erfasst.")
            return redirect(person.get_absolute_url())
    return render(
        request,
        "vollzug/vertretung_form.html",
        {"person": person, "form": form, "titel": "Vertretung erfassen", "vertretung": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def vertretung_beenden(request, pk):
    personen = personen_fuer_user(request.user)
    v = get_object_or_404(
        Vertretung.objects.filter(person__in=personen.values("pk")).select_related("person"), pk=pk
    )
    _nur_sachbearbeitung(request.user, "Mandat der Vertretung beenden")
    form = VertretungBeendenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Issue 17 item 7: ending the mandate is final; ask first.
        frage = bestaetigung_verlangen(
            request,
            frage=f"Mandat von {v.name} wirklich beenden?",
            folgen=[
                "Briefe nach diesem Tag gehen nicht mehr an diese Vertretung und nennen sie nicht mehr in der "
                "Mitteilung.",
                "Die Vertretung bleibt mit ihrem Enddatum in der Akte; Datum und Ihr Name werden festgehalten.",
            ],
            knopf="Ja, Mandat beenden",
            zurueck=v.person.get_absolute_url(),
        )
        if frage:
            return frage
        try:
            domain.vertretung_beenden(vertretung=v, bis=form.cleaned_data["bis"], durch=request.user)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, "Mandat der Vertretung beendet.")
            return redirect(v.person.get_absolute_url())
    return render(
        request,
        "vollzug/vertretung_form.html",
        {"person": v.person, "form": form, "titel": f"Mandat von {v.name} beenden", "vertretung": v},
    )
