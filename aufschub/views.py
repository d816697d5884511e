"""Browser pages of Aufschub und Unterbrechung (§14).

Thin: visibility from `vollzug.queries` (a request of a case outside the user's view is a 404), one
call of `aufschub.domain` per write, its `ValidationError` shown next to the fields (R-0-BAD-1).
The medical certificate is health data: only `darf_gesundheitsdaten_lesen` sees it (others 404).
"""

import os
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from aufschub import domain as aufschub
from aufschub import permissions, queries, recht
from aufschub.forms import (
    AntretenForm,
    ArztzeugnisForm,
    BeendenForm,
    EntscheidForm,
    GesuchFilterForm,
    GesuchForm,
)
from aufschub.models import Aufschubgesuch
from aufschub.recht import Gesuchsart, Gesuchsgrund, Gesuchsstatus
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from kern.web.bestaetigung import bestaetigung_verlangen
from kern.web.forms import fehler_uebernehmen
from verfuegungen.models import EROEFFNETE_STATUS
from verfuegungen.recht import Verfuegungsstatus
from vollzug.models import Sanktion
from vollzug.permissions import darf_gesundheitsdaten_lesen
from vollzug.queries import dossier_filter, faelle_fuer_user
from vollzug.recht import Fallstatus

PRO_SEITE = 25


def _sichtbare_gesuche(user):
    return queries.mit_verfuegung(
        Aufschubgesuch.objects.filter(fall__in=faelle_fuer_user(user)).select_related(
            "fall__person", "sanktion"
        )
    )


def _verfuegung_steht(gesuch) -> bool:
    return gesuch.verfuegung_id is not None and gesuch.verfuegung_status != Verfuegungsstatus.AUFGEHOBEN


def _aufgebot_offen(gesuch, fall) -> bool:
    return (
        gesuch.art == Gesuchsart.AUFSCHUB
        and gesuch.status == Gesuchsstatus.BEWILLIGT
        and gesuch.aufgebot_am is None
        and fall.status == Fallstatus.EINGANG
        and _verfuegung_steht(gesuch)
    )


def _anzeigen(gesuch, fall, heute) -> None:
    """What the templates show of a request (computed once, no queries)."""
    gesuch.aufgebot_faellig = recht.aufgebot_faellig_am(gesuch) if _aufgebot_offen(gesuch, fall) else None
    gesuch.aufgebot_ueberfaellig = gesuch.aufgebot_faellig is not None and gesuch.aufgebot_faellig <= heute
    gesuch.verfuegung_status_text = (
        Verfuegungsstatus(gesuch.verfuegung_status).label if gesuch.verfuegung_status else ""
    )
    gesuch.tage_begehrt = recht.tage(gesuch.begehrt_von, gesuch.begehrt_bis)
    gesuch.tage_bewilligt = (
        recht.tage(gesuch.bewilligt_von, gesuch.bewilligt_bis) if gesuch.bewilligt_von else None
    )


def kontext_fuer_fall(fall, user) -> dict:
    """What the case page (`vollzug.views.fall_detail`) shows of this module: a constant number of
    queries, whatever the number of rows. Rendered by the included template partial.

    Two queries: the case's requests (with their latest Verfügung as subqueries) and its custodial
    sanctions. The remaining allowance per sanction and kind (R-14-2) is computed from the requests
    with the same arithmetic as `queries.kontingent`."""
    gesuche = list(
        queries.mit_verfuegung(fall.aufschubgesuche.select_related("sanktion")).order_by(
            "-eingereicht_am", "-pk"
        )
    )
    sanktionen = list(
        Sanktion.objects.filter(
            entscheid__fall=fall, art__in=sorted(recht.AUFSCHIEBBARE_SANKTIONEN)
        ).order_by("pk")
    )
    heute = timezone.localdate()
    perioden = defaultdict(list)
    for g in gesuche:
        _anzeigen(g, fall, heute)
        if g.status == Gesuchsstatus.BEWILLIGT and _verfuegung_steht(g):
            perioden[(g.sanktion_id, g.art)].append((g.bewilligt_von, g.bewilligt_bis))
    kontingente = [
        {"sanktion": s, "art": recht.ART_KURZ[art], "k": recht.kontingent_aus(perioden[(s.pk, art)])}
        for s in sanktionen
        for art in Gesuchsart.values
    ]
    return {
        "gesuche14": gesuche,
        "kontingente14": kontingente,
        "kann_gesuch14_erfassen": permissions.darf_gesuch_bearbeiten(user)
        and fall.status in (Fallstatus.EINGANG, Fallstatus.IM_VOLLZUG)
        and bool(sanktionen),
    }


# --- List --------------------------------------------------------------------------------------


@login_required
def gesuch_liste(request):
    """All § 14 requests the user may see, filterable by status and kind (constant queries per page)."""
    form = GesuchFilterForm(request.GET or None)
    gesuche = _sichtbare_gesuche(request.user).order_by("-eingereicht_am", "-pk")
    if form.is_valid():
        if wert := form.cleaned_data["status"]:
            gesuche = gesuche.filter(status=wert)
        if wert := form.cleaned_data["art"]:
            gesuche = gesuche.filter(art=wert)
    # The dossier's "alle anzeigen" (issue 17): ?person=…&fall=…
    gesuche, dossier = dossier_filter(request, gesuche, person="fall__person")
    seite = Paginator(gesuche, PRO_SEITE).get_page(request.GET.get("page"))
    heute = timezone.localdate()
    for g in seite.object_list:
        _anzeigen(g, g.fall, heute)
    return render(
        request,
        "aufschub/aufschub_liste.html",
        {
            "form": form,
            "seite": seite,
            "filter_aktiv": form.is_valid() and any(form.cleaned_data.values()),
            "dossier": dossier,
            "liste_url": reverse("vollzug:gesuch14_liste"),
        },
    )


# --- New request -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def gesuch_neu(request, pk):
    fall = get_object_or_404(faelle_fuer_user(request.user).select_related("person"), pk=pk)
    if not permissions.darf_gesuch_bearbeiten(request.user):
        raise PermissionDenied("Keine Berechtigung: Gesuch nach § 14 erfassen (R-0-ROLE-1).")
    initial = {"art": Gesuchsart.AUFSCHUB if fall.status == Fallstatus.EINGANG else Gesuchsart.UNTERBRECHUNG}
    form = GesuchForm(request.POST or None, request.FILES or None, fall=fall, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            gesuch = aufschub.gesuch_erfassen(fall=fall, **form.cleaned_data, durch=request.user)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, f"Gesuch um {gesuch.get_art_display()} erfasst (§ 14 JVG).")
            return redirect("vollzug:gesuch14_detail", pk=gesuch.pk)
    return render(request, "aufschub/aufschub_form.html", {"fall": fall, "form": form})


# --- Detail and actions ------------------------------------------------------------------------


def _gesuch(request, pk) -> Aufschubgesuch:
    return get_object_or_404(_sichtbare_gesuche(request.user), pk=pk)


def _detail_rendern(request, gesuch, **formulare):
    user = request.user
    fall = gesuch.fall
    _anzeigen(gesuch, fall, timezone.localdate())
    schreibt = permissions.darf_gesuch_bearbeiten(user)
    offen = gesuch.status == Gesuchsstatus.EINGEREICHT
    darf_gesundheit = darf_gesundheitsdaten_lesen(user, fall.person)
    unterbrechung = gesuch.art == Gesuchsart.UNTERBRECHUNG and gesuch.status == Gesuchsstatus.BEWILLIGT
    kontext = {
        "gesuch": gesuch,
        "fall": fall,
        "kontingent": queries.kontingent(gesuch.sanktion, gesuch.art, beginn=gesuch.begehrt_von),
        "darf_gesundheitsdaten": darf_gesundheit,
        # §14 Abs. 3: a request for Hafterstehungsunfähigkeit describes health; its reasons are health data.
        "begruendung_sichtbar": gesuch.grund != Gesuchsgrund.A or darf_gesundheit,
        "zeugnis_aktuell": bool(gesuch.arztzeugnis)
        and recht.arztzeugnis_aktuell(gesuch.arztzeugnis_ausgestellt_am, gesuch.eingereicht_am),
        "schreibt": schreibt,
        "kann_aufgebot": schreibt and gesuch.aufgebot_faellig is not None,
        "verfuegung_eroeffnet": gesuch.verfuegung_status in EROEFFNETE_STATUS,
    }
    if schreibt and offen:
        kontext["entscheid_form"] = formulare.get("entscheid") or EntscheidForm(prefix="entscheid")
        kontext["zeugnis_form"] = formulare.get("arztzeugnis") or ArztzeugnisForm(prefix="zeugnis")
    if (
        schreibt
        and unterbrechung
        and gesuch.unterbrechung_ab is None
        and fall.status == Fallstatus.IM_VOLLZUG
    ):
        kontext["antreten_form"] = formulare.get("antreten") or AntretenForm(prefix="antreten")
    if schreibt and unterbrechung and gesuch.unterbrechung_ab and not gesuch.unterbrechung_beendet_am:
        kontext["beenden_form"] = formulare.get("beenden") or BeendenForm(prefix="beenden")
    return render(request, "aufschub/aufschub_detail.html", kontext)


@login_required
def gesuch_detail(request, pk):
    gesuch = _gesuch(request, pk)
    # R-0-AUDIT-2: opening the request reads the person's file.
    lesezugriff_protokollieren(
        request_or_user=request, person=gesuch.fall.person, objekt=gesuch, aktion=Aktion.ANSICHT
    )
    return _detail_rendern(request, gesuch)


def _entscheiden(request, gesuch, form):
    verfuegung = aufschub.gesuch_entscheiden(gesuch=gesuch, **form.cleaned_data, durch=request.user)
    return f"Entscheid erfasst; Entwurf der Verfügung {verfuegung.nummer} erstellt: prüfen und zur Genehmigung vorlegen."


def _arztzeugnis(request, gesuch, form):
    aufschub.arztzeugnis_nachreichen(
        gesuch=gesuch,
        datei=form.cleaned_data["arztzeugnis"],
        ausgestellt_am=form.cleaned_data["arztzeugnis_ausgestellt_am"],
        durch=request.user,
    )
    return "Arztzeugnis nachgereicht (§ 14 Abs. 3 JVG)."


def _antreten(request, gesuch, form):
    aufschub.unterbrechung_antreten(
        gesuch=gesuch, am=form.cleaned_data["unterbrechung_ab"], durch=request.user
    )
    return "Antritt der Unterbrechung erfasst; der Vollzug ist unterbrochen."


def _beenden(request, gesuch, form):
    aufschub.unterbrechung_beenden(
        gesuch=gesuch,
        am=form.cleaned_data["unterbrechung_beendet_am"],
        anstalt=form.cleaned_data["anstalt"],
        durch=request.user,
    )
    return "Wiedereintritt erfasst; das voraussichtliche Vollzugsende ist angepasst."


# action → (form class, prefix, call); the call returns the success message.
AKTIONEN = {
    "entscheid": (EntscheidForm, "entscheid", _entscheiden),
    "arztzeugnis": (ArztzeugnisForm, "zeugnis", _arztzeugnis),
    "antreten": (AntretenForm, "antreten", _antreten),
    "beenden": (BeendenForm, "beenden", _beenden),
}


@login_required
@require_POST
def gesuch_aktion(request, pk, aktion):
    """The decision, a late certificate and the interruption's start and end: one service call each."""
    gesuch = _gesuch(request, pk)
    if aktion not in AKTIONEN:
        raise Http404("Unbekannte Aktion.")
    if not permissions.darf_gesuch_bearbeiten(request.user):
        raise PermissionDenied("Keine Berechtigung: Gesuch nach § 14 bearbeiten (R-0-ROLE-1).")
    form_klasse, prefix, aufruf = AKTIONEN[aktion]
    form = form_klasse(request.POST, request.FILES, prefix=prefix)
    if form.is_valid():
        try:
            meldung = aufruf(request, gesuch, form)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, meldung)
            return redirect("vollzug:gesuch14_detail", pk=gesuch.pk)
    return _detail_rendern(request, gesuch, **{aktion: form})


@login_required
@require_POST
def gesuch_schritt(request, pk, schritt):
    """Actions without input: withdraw the request, record the summons (R-14-6)."""
    gesuch = _gesuch(request, pk)
    funktionen = {
        "zurueckziehen": (aufschub.gesuch_zurueckziehen, "Gesuch als zurückgezogen erfasst."),
        "aufgebot": (aufschub.aufgebot_erfassen, "Versand des Aufgebots erfasst (§ 14 JVG)."),
    }
    if schritt not in funktionen:
        raise Http404("Unbekannte Aktion.")
    funktion, meldung = funktionen[schritt]
    if schritt == "zurueckziehen":
        # Issue 17 item 7: withdrawing closes the request for good; a slipped click must not.
        if not permissions.darf_gesuch_bearbeiten(request.user):
            raise PermissionDenied("Keine Berechtigung: Gesuch zurückziehen.")
        if gesuch.status == Gesuchsstatus.EINGEREICHT and (
            frage := bestaetigung_verlangen(
                request,
                frage="Gesuch wirklich als zurückgezogen erfassen?",
                folgen=[
                    f"Das Gesuch um {gesuch.get_art_display()} vom {gesuch.eingereicht_am:%d.%m.%Y} wird "
                    "abgeschlossen und nicht mehr entschieden.",
                    "Der Vollzug geht ohne Aufschub weiter; der Schritt wird im Änderungsprotokoll festgehalten "
                    "und lässt sich nicht rückgängig machen.",
                ],
                knopf="Ja, Gesuch ist zurückgezogen",
                zurueck=reverse("vollzug:gesuch14_detail", args=[gesuch.pk]),
            )
        ):
            return frage
    try:
        funktion(gesuch=gesuch, durch=request.user)
    except ValidationError as fehler:
        for text in fehler.messages:
            messages.error(request, text)
    else:
        messages.success(request, meldung)
    return redirect("vollzug:gesuch14_detail", pk=gesuch.pk)


@login_required
def arztzeugnis_download(request, pk):
    """§ 14 Abs. 3: the certificate is health data — the deciding authority and assigned physicians
    read it (roles table); everyone else gets 404 as for an unknown object. Every read is logged."""
    gesuch = get_object_or_404(
        Aufschubgesuch.objects.select_related("fall__person").filter(fall__in=faelle_fuer_user(request.user)),
        pk=pk,
    )
    if not gesuch.arztzeugnis or not darf_gesundheitsdaten_lesen(request.user, gesuch.fall.person):
        raise Http404("Nicht gefunden.")
    try:
        datei = gesuch.arztzeugnis.open("rb")
    except FileNotFoundError as fehlt:
        raise Http404("Die Datei ist nicht mehr vorhanden.") from fehlt
    lesezugriff_protokollieren(
        request_or_user=request, person=gesuch.fall.person_id, objekt=gesuch, aktion=Aktion.DOKUMENT
    )
    return FileResponse(datei, as_attachment=True, filename=os.path.basename(gesuch.arztzeugnis.name))
