"""Browser pages of the besondere Sicherheitsmassnahmen (§ 31 JVG).

Thin: visibility from `queries.massnahmen_fuer_user` (outside → 404), one call of `domain` per write
(its PermissionDenied → 403, its ValidationError next to the fields, R-0-BAD-1). The order's lifecycle
after approval (Eröffnung, PDF, appeal) is the shared page `verfuegungen:detail`; these pages link to it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from kern.web.bestaetigung import bestaetigung_verlangen
from kern.web.forms import fehler_uebernehmen
from sicherheitsmassnahmen import domain, permissions, recht
from sicherheitsmassnahmen.forms import (
    AblehnenForm,
    AntragForm,
    AufhebenForm,
    FilterForm,
    GenehmigenForm,
    UeberpruefungForm,
)
from sicherheitsmassnahmen.queries import (
    faelle_zum_beantragen,
    massnahmen_fuer_user,
    massnahmen_liste,
    nach_zustand,
)
from sicherheitsmassnahmen.recht import Massnahmenstatus
from verfuegungen import domain as vfg
from verfuegungen.recht import Verfuegungsstatus
from vollzug.queries import dossier_filter

PRO_SEITE = 25


def _gehoer(daten: dict) -> domain.Gehoer | None:
    if not daten.get("gehoer_art"):
        return None
    return domain.Gehoer(
        art=daten["gehoer_art"],
        text=daten.get("gehoer_text", ""),
        begruendung=daten.get("gehoer_begruendung", ""),
    )


@login_required
@require_GET
def liste(request):
    """Measures the user may see, filterable by facility, kind and state; constant queries per page."""
    form = FilterForm(request.GET or None)
    massnahmen = massnahmen_liste(request.user)
    jetzt = timezone.now()
    if form.is_valid():
        c = form.cleaned_data
        if c["anstalt"]:
            massnahmen = massnahmen.filter(anstalt=c["anstalt"])
        if c["art"]:
            massnahmen = massnahmen.filter(art=c["art"])
        massnahmen = nach_zustand(massnahmen, c["zustand"], jetzt)
    # The dossier's "alle anzeigen" (issue 17): ?person=…&fall=…
    massnahmen, dossier = dossier_filter(request, massnahmen)
    seite = Paginator(massnahmen, PRO_SEITE).get_page(request.GET.get("page"))
    for m in seite.object_list:
        m.phase_text = domain.phase(m)
        m.ueberfaellig = domain.ist_ueberfaellig(m, jetzt)
    return render(
        request,
        "sicherheitsmassnahmen/liste.html",
        {
            "form": form,
            "seite": seite,
            "filter_aktiv": form.is_valid() and any(form.cleaned_data.values()),
            "kann_beantragen": permissions.darf_beantragen_ueberhaupt(request.user),
            "dossier": dossier,
            "liste_url": reverse("sicherheitsmassnahmen:liste"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def neu(request):
    """R-31-1: staff (or management) propose a measure for a person placed in their facility."""
    user = request.user
    if not permissions.darf_beantragen_ueberhaupt(user):
        raise PermissionDenied("Keine Berechtigung: Sicherheitsmassnahme beantragen (R-0-ROLE-1).")
    faelle = faelle_zum_beantragen(user)
    daten = request.POST if request.method == "POST" else None
    initial = {}
    if daten is None and request.GET.get("fall", "").isdigit():
        initial["fall"] = faelle.filter(pk=request.GET["fall"]).first()
    form = AntragForm(daten, initial=initial, faelle=faelle)
    if daten is not None and form.is_valid():
        c = form.cleaned_data
        try:
            m = domain.massnahme_beantragen(
                fall=c["fall"],
                art=c["art"],
                risiken=c["risiken"],
                sachverhalt=c["sachverhalt"],
                begruendung=c["begruendung"],
                ausgestaltung=c["ausgestaltung"],
                gehoer=_gehoer(c),
                durch=user,
            )
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, f"Antrag {m.nummer} erfasst und der Anstaltsleitung vorgelegt.")
            return redirect(m)
    return render(request, "sicherheitsmassnahmen/antrag_form.html", {"form": form})


def _sichtbar(request, pk):
    return get_object_or_404(
        massnahmen_fuer_user(request.user).select_related(
            "person", "anstalt", "fall", "verfuegung", "beantragt_durch", "beendet_durch"
        ),
        pk=pk,
    )


def _detail(request, m, *, status=200, **formulare):
    user = request.user
    v = m.verfuegung
    zu_entscheiden = (
        m.status == Massnahmenstatus.BEANTRAGT
        and v is not None
        and v.status == Verfuegungsstatus.ZUR_GENEHMIGUNG
        and permissions.darf_anordnen(user, m)
    )
    leitet = m.status == Massnahmenstatus.AKTIV and permissions.darf_anordnen(user, m)
    kontext = {
        "m": m,
        "v": v,
        "phase": domain.phase(m),
        "ueberfaellig": domain.ist_ueberfaellig(m),
        "intervall": recht.intervall_text(m.art),
        "schritte": list(v.genehmigungsschritte.select_related("durch")) if v else [],
        "anhoerungen": list(v.anhoerungen.all()) if v else [],
        "ueberpruefungen": list(m.ueberpruefungen.select_related("durch")),
        "vollstreckbar": v is not None and vfg.ist_vollstreckbar(v),
        "zu_entscheiden": zu_entscheiden,
        "leitet": leitet,
        "ist_antragsteller": user.pk == m.beantragt_durch_id,
        "genehmigen_form": formulare.get("genehmigen_form") or GenehmigenForm(),
        "ablehnen_form": formulare.get("ablehnen_form") or AblehnenForm(),
        "ueberpruefung_form": formulare.get("ueberpruefung_form") or UeberpruefungForm(),
        "aufheben_form": formulare.get("aufheben_form") or AufhebenForm(),
    }
    return render(request, "sicherheitsmassnahmen/detail.html", kontext, status=status)


@login_required
@require_GET
def detail(request, pk):
    m = _sichtbar(request, pk)
    # R-0-AUDIT-2: opening a person's measure is a read of their file.
    lesezugriff_protokollieren(request_or_user=request, person=m.person_id, objekt=m, aktion=Aktion.ANSICHT)
    return _detail(request, m)


def _aktion(request, pk, form_klasse, formname, ausfuehren, meldung, felder=None, bestaetigen=None):
    m = _sichtbar(request, pk)
    if not permissions.darf_anordnen(request.user, m):
        # Issue 18 item 6: refuse before the form is read (every action here is the management's, § 31 Abs. 1).
        raise PermissionDenied("Keine Berechtigung: nur die Anstaltsleitung entscheidet (§ 31 Abs. 1 JVG).")
    form = form_klasse(request.POST)
    if form.is_valid():
        if bestaetigen is not None and (frage := bestaetigen(m)):
            return frage
        try:
            ausfuehren(m, form.cleaned_data)
        except ValidationError as exc:
            fehler_uebernehmen(exc, form, felder=felder)
        else:
            messages.success(request, meldung)
            return redirect(m)
    m.refresh_from_db()
    return _detail(request, m, status=400, **{formname: form})


@login_required
@require_POST
def genehmigen(request, pk):
    """R-31-1 / R-0-4EYES-1: the facility management orders the measure (Verfügung genehmigt)."""
    return _aktion(
        request,
        pk,
        GenehmigenForm,
        "genehmigen_form",
        lambda m, c: domain.massnahme_genehmigen(
            massnahme=m, durch=request.user, kommentar=c["kommentar"], gehoer=_gehoer(c)
        ),
        "Massnahme angeordnet. Sie gilt ab der Eröffnung der Verfügung (§ 44 JVG).",
        felder={"anhoerung": "gehoer_art"},
    )


@login_required
@require_POST
def ablehnen(request, pk):
    return _aktion(
        request,
        pk,
        AblehnenForm,
        "ablehnen_form",
        lambda m, c: domain.massnahme_ablehnen(massnahme=m, durch=request.user, kommentar=c["kommentar"]),
        "Antrag abgelehnt.",
    )


@login_required
@require_POST
def ueberpruefen(request, pk):
    """R-31-5: review (continue with the next review computed, or lift)."""
    return _aktion(
        request,
        pk,
        UeberpruefungForm,
        "ueberpruefung_form",
        lambda m, c: domain.massnahme_ueberpruefen(
            massnahme=m, ergebnis=c["ergebnis"], begruendung=c["begruendung"], durch=request.user
        ),
        "Überprüfung erfasst (§ 31 Abs. 5 JVG).",
    )


@login_required
@require_POST
def aufheben(request, pk):
    return _aktion(
        request,
        pk,
        AufhebenForm,
        "aufheben_form",
        lambda m, c: domain.massnahme_aufheben(massnahme=m, grund=c["grund"], durch=request.user),
        "Massnahme aufgehoben.",
        bestaetigen=lambda m: _aufheben_bestaetigen(request, m),
    )


def _aufheben_bestaetigen(request, m):
    """Issue 17 item 7: lifting ends the measure at once; ask first (only who may lift: else the domain's 403)."""
    if not permissions.darf_anordnen(request.user, m):
        return None
    return bestaetigung_verlangen(
        request,
        frage="Besondere Sicherheitsmassnahme wirklich aufheben?",
        folgen=[
            "Die Massnahme endet sofort; Zeitpunkt, Grund und Ihr Name werden festgehalten (§ 31 Abs. 5 JVG).",
            "Eine erneute Massnahme braucht einen neuen Antrag und eine neue Verfügung.",
        ],
        knopf="Ja, Massnahme aufheben",
        zurueck=m.get_absolute_url(),
    )
