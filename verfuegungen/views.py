"""Browser interface of the Verfügungen (thin: parse, one service call, render).

Visibility starts from `queries.verfuegungen_fuer_user` (outside → 404, R-0-ROLE-1); an action the
state or role does not allow → 403; rule violations come back as German field messages (R-0-BAD-1).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from kern.web.bestaetigung import bestaetigung_verlangen
from kern.web.forms import fehler_uebernehmen
from kern.web.seiten import GedeckelterPaginator
from verfuegungen import domain, permissions
from verfuegungen import forms as f
from verfuegungen.domain import versetzung
from verfuegungen.models import Anhoerung, Beschwerde, Genehmigungsschritt
from verfuegungen.queries import verfuegungen_fuer_user
from vollzug.models import Platzierung
from vollzug.queries import dossier_filter, faelle_fuer_user

PRO_SEITE = 25


def _mit_details(user):
    return verfuegungen_fuer_user(user).select_related(
        "person", "fall", "anstalt", "entworfen_durch", "genehmigt_durch"
    )


@login_required
@require_GET
def liste(request):
    form = f.VerfuegungFilterForm(request.GET or None)
    qs = (
        verfuegungen_fuer_user(request.user)
        .select_related("person", "anstalt")
        .order_by("-entworfen_am", "-pk")
    )
    if form.is_valid():
        if form.cleaned_data["status"]:
            qs = qs.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["typ"]:
            qs = qs.filter(typ=form.cleaned_data["typ"])
    # The dossier's "alle anzeigen" (issue 17): ?person=…&fall=…
    qs, dossier = dossier_filter(request, qs)
    seite = GedeckelterPaginator(qs, PRO_SEITE).get_page(request.GET.get("page"))
    return render(
        request,
        "verfuegungen/liste.html",
        {"form": form, "seite": seite, "dossier": dossier, "liste_url": reverse("verfuegungen:liste")},
    )


def _verfuegung(request, pk):
    return get_object_or_404(
        _mit_details(request.user).prefetch_related(
            Prefetch("genehmigungsschritte", queryset=Genehmigungsschritt.objects.select_related("durch")),
            Prefetch("anhoerungen", queryset=Anhoerung.objects.select_related("erfasst_durch")),
        ),
        pk=pk,
    )


# One entry per action: form class and the service call with the form's data.
AKTIONEN = {
    "vorlegen": (
        f.KommentarForm,
        lambda v, d, u: domain.zur_genehmigung_vorlegen(verfuegung=v, durch=u, **d),
    ),
    "genehmigen": (f.KommentarForm, lambda v, d, u: domain.genehmigen(verfuegung=v, durch=u, **d)),
    "zurueckweisen": (f.KommentarForm, lambda v, d, u: domain.zurueckweisen(verfuegung=v, durch=u, **d)),
    "ablehnen": (f.KommentarForm, lambda v, d, u: domain.ablehnen(verfuegung=v, durch=u, **d)),
    "gehoer": (f.GehoerForm, lambda v, d, u: domain.gehoer_erfassen(verfuegung=v, durch=u, **d)),
    "gehoer_nachholen": (
        f.GehoerNachholenForm,
        lambda v, d, u: domain.gehoer_nachholen(anhoerung=_anhoerung(v, d.pop("anhoerung")), durch=u, **d),
    ),
    "eroeffnen": (f.EroeffnenForm, lambda v, d, u: domain.eroeffnen(verfuegung=v, durch=u, **d)),
    "beschwerde": (
        f.BeschwerdeForm,
        lambda v, d, u: domain.beschwerde_erfassen(verfuegung=v, durch=u, **d),
    ),
    "beschwerdeentscheid": (
        f.BeschwerdeentscheidForm,
        lambda v, d, u: domain.beschwerdeentscheid_erfassen(verfuegung=v, durch=u, **d),
    ),
    "weiterzug": (f.WeiterzugForm, lambda v, d, u: domain.weiterzug_erfassen(verfuegung=v, durch=u, **d)),
    "rechtskraft": (
        f.RechtskraftForm,
        lambda v, d, u: domain.rechtskraft_feststellen(verfuegung=v, durch=u, **d),
    ),
    "aufschiebende_wirkung": (
        f.AufschiebendeWirkungForm,
        lambda v, d, u: domain.aufschiebende_wirkung_erteilen(verfuegung=v, durch=u, **d),
    ),
    "aufheben": (f.AufhebenForm, lambda v, d, u: domain.aufheben(verfuegung=v, durch=u, **d)),
}

# Issue 17 item 7: final steps ask first (question, consequences, button).
BESTAETIGEN = {
    "eroeffnen": (
        "Verfügung {nummer} wirklich eröffnen?",
        [
            "Die Verfügung wird der betroffenen Person eröffnet und ist danach nicht mehr änderbar.",
            "Die Rechtsmittelfrist beginnt zu laufen; die Eröffnung lässt sich nicht rückgängig machen.",
        ],
        "Ja, Verfügung eröffnen",
    ),
    "aufheben": (
        "Verfügung {nummer} wirklich aufheben?",
        [
            "Die Verfügung verliert ihre Wirkung; ihr Vollzug endet.",
            "Die Aufhebung mit ihrem Grund wird im Änderungsprotokoll festgehalten und lässt sich nicht "
            "rückgängig machen.",
        ],
        "Ja, Verfügung aufheben",
    ),
}


def _bestaetigung(request, v, aktion):
    frage, folgen, knopf = BESTAETIGEN[aktion]
    return bestaetigung_verlangen(
        request,
        frage=frage.format(nummer=v.nummer),
        folgen=folgen,
        knopf=knopf,
        zurueck=reverse("verfuegungen:detail", args=[v.pk]),
    )


MELDUNGEN = {
    "vorlegen": "Zur Genehmigung vorgelegt.",
    "genehmigen": "Verfügung genehmigt.",
    "zurueckweisen": "Zur Überarbeitung zurückgewiesen.",
    "ablehnen": "Antrag abgelehnt.",
    "gehoer": "Rechtliches Gehör erfasst.",
    "gehoer_nachholen": "Nachträgliche Anhörung erfasst.",
    "eroeffnen": "Verfügung eröffnet; die Rechtsmittelfrist läuft.",
    "beschwerde": "Beschwerde erfasst.",
    "beschwerdeentscheid": "Beschwerdeentscheid erfasst.",
    "weiterzug": "Weiterzug erfasst; die Rechtskraft wartet auf den Entscheid der nächsten Instanz.",
    "rechtskraft": "Rechtskraft eingetragen.",
    "aufschiebende_wirkung": "Erteilung der aufschiebenden Wirkung erfasst.",
    "aufheben": "Verfügung aufgehoben.",
}


def _anhoerung(v, pk):
    anhoerung = v.anhoerungen.filter(pk=pk).first()
    if anhoerung is None:
        raise ValidationError({"text": "Diese Anhörung gehört nicht zu dieser Verfügung."})
    return anhoerung


def _detail_rendern(request, v, gebunden=None, status=200):
    aktionen = permissions.erlaubte_aktionen(v, request.user)
    formulare = {}
    for name in sorted(aktionen):
        if gebunden and gebunden[0] == name:
            formulare[name] = gebunden[1]
        else:
            formulare[name] = AKTIONEN[name][0](prefix=name)
    offen = [a for a in v.anhoerungen.all() if a.art == "gefahr_im_verzug" and a.nachgeholt_am is None]
    if "gehoer_nachholen" in formulare and offen and not formulare["gehoer_nachholen"].is_bound:
        formulare["gehoer_nachholen"] = f.GehoerNachholenForm(
            prefix="gehoer_nachholen", initial={"anhoerung": offen[0].pk}
        )
    beschwerde = Beschwerde.objects.filter(verfuegung=v).first()
    return render(
        request,
        "verfuegungen/detail.html",
        {
            "v": v,
            "beschwerde": beschwerde,
            "formulare": formulare,
            "vollstreckbar": domain.ist_vollstreckbar(v) if v.eroeffnet_am else False,
            "darf_vorschau": not v.pdf and permissions.darf_entscheiden(request.user, v),
        },
        status=status,
    )


@login_required
@require_GET
def detail(request, pk):
    v = _verfuegung(request, pk)
    # R-0-AUDIT-2: opening a decision reads the person's file.
    lesezugriff_protokollieren(request_or_user=request, person=v.person, objekt=v, aktion=Aktion.ANSICHT)
    return _detail_rendern(request, v)


@login_required
@require_POST
def aktion(request, pk, aktion):
    v = _verfuegung(request, pk)
    if aktion not in AKTIONEN:
        raise Http404("Unbekannte Aktion.")
    if aktion not in permissions.erlaubte_aktionen(v, request.user):
        raise PermissionDenied("Keine Berechtigung oder im aktuellen Status nicht möglich (R-0-ROLE-1).")
    form_klasse, ausfuehren = AKTIONEN[aktion]
    form = form_klasse(request.POST, request.FILES, prefix=aktion)
    if form.is_valid():
        daten = {k: w for k, w in form.cleaned_data.items() if w not in (None, "")}
        if aktion in BESTAETIGEN and (frage := _bestaetigung(request, v, aktion)):
            return frage
        try:
            ausfuehren(v, daten, request.user)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, MELDUNGEN[aktion])
            return redirect("verfuegungen:detail", pk=v.pk)
    return _detail_rendern(request, _verfuegung(request, pk), gebunden=(aktion, form))


@login_required
@require_GET
def pdf(request, pk):
    v = get_object_or_404(verfuegungen_fuer_user(request.user), pk=pk)
    if not v.pdf:
        raise Http404("Zu dieser Verfügung ist (noch) kein PDF abgelegt.")
    lesezugriff_protokollieren(request_or_user=request, person=v.person, objekt=v, aktion=Aktion.DOKUMENT)
    return FileResponse(
        v.pdf.open("rb"), as_attachment=True, filename=f"{v.nummer}.pdf", content_type="application/pdf"
    )


@login_required
@require_GET
def vorschau(request, pk):
    v = get_object_or_404(_mit_details(request.user), pk=pk)
    inhalt = domain.pdf_erzeugen(verfuegung=v, durch=request.user)
    lesezugriff_protokollieren(request_or_user=request, person=v.person, objekt=v, aktion=Aktion.DOKUMENT)
    antwort = HttpResponse(inhalt, content_type="application/pdf")
    antwort["Content-Disposition"] = f'inline; filename="{v.nummer}-vorschau.pdf"'
    return antwort


# --- § 17: the Verfügung of a transfer (route in the `vollzug` namespace, urls_vollzug.py) ---


@login_required
@require_POST
def platzierung_verfuegung(request, pk):
    """§17: draft the written Verfügung of a transfer and continue on the Verfügung's page."""
    platzierung = get_object_or_404(
        Platzierung.objects.filter(fall__in=faelle_fuer_user(request.user)).select_related("fall"), pk=pk
    )
    try:
        verfuegung = versetzung.versetzungsverfuegung_entwerfen(platzierung=platzierung, durch=request.user)
    except ValidationError as exc:
        for meldung in exc.messages:
            messages.error(request, meldung)
        return redirect(platzierung.fall)
    except PermissionDenied as exc:
        raise PermissionDenied("Keine Berechtigung: Verfügung entwerfen (R-0-ROLE-1).") from exc
    messages.success(request, f"Entwurf {verfuegung.nummer} erstellt: prüfen und zur Genehmigung vorlegen.")
    return redirect("verfuegungen:detail", pk=verfuegung.pk)
