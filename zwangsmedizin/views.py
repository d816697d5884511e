"""Browser pages of Zwangsmedikation and Zwangsernährung (§§ 34–39 JVG).

Thin: visibility from `queries` (outside → 404), the medical content only for `sieht_gesundheitsdaten`
(and every such read logged, R-0-AUDIT-2), one domain call per write (PermissionDenied → 403,
ValidationError next to the field, R-0-BAD-1). The Verfügung's lifecycle is the shared page
`verfuegungen:detail`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from kern.rollen import Rolle, hat_rolle
from kern.web.bestaetigung import bestaetigung_verlangen
from kern.web.forms import fehler_uebernehmen
from vollzug.queries import dossier_filter, faelle_fuer_user
from zwangsmedizin import forms, permissions
from zwangsmedizin.domain import entscheid, ernaehrung, information, medikation
from zwangsmedizin.queries import (
    hungerstreiks_fuer_user,
    medikationen_fuer_user,
    patientenverfuegungen_fuer_user,
    sieht_gesundheitsdaten,
    sieht_modul,
)
from zwangsmedizin.recht import Medikationsart

PRO_SEITE = 25


@login_required
@require_GET
def start(request):
    """Entry of the module (linked from the shared chapter-5 navigation): what this role may open."""
    return render(
        request,
        "zwangsmedizin/start.html",
        {"inhalt": sieht_gesundheitsdaten(request.user), "modul": sieht_modul(request.user)},
    )


# --- Zwangsmedikation ----------------------------------------------------------------------------


@login_required
@require_GET
def medikation_liste(request):
    """Constant queries: one count, one page (person, Verfügung joined)."""
    filter_form = forms.StatusFilterForm(request.GET or None)
    qs = medikationen_fuer_user(request.user).select_related("person", "anstalt", "verfuegung")
    if filter_form.is_valid() and filter_form.cleaned_data["status"]:
        qs = qs.filter(status=filter_form.cleaned_data["status"])
    # The dossier's "alle anzeigen" (issue 17): ?person=…&fall=…
    qs, dossier = dossier_filter(request, qs)
    seite = Paginator(qs.order_by("-erfasst_am", "-pk"), PRO_SEITE).get_page(request.GET.get("page"))
    return render(
        request,
        "zwangsmedizin/medikation_liste.html",
        {
            "seite": seite,
            "form": filter_form,
            "dossier": dossier,
            "liste_url": reverse("zwangsmedizin:medikation_liste"),
        },
    )


def _medikation(request, pk):
    return get_object_or_404(
        medikationen_fuer_user(request.user).select_related(
            "person", "fall", "anstalt", "arzt", "verfuegung"
        ),
        pk=pk,
    )


AKTIONEN = {
    # name: (form, domain call, label)
    "aufklaerung": (
        forms.ZeitpunktForm,
        lambda m, d, u: information.aufklaerung_erfassen(medikation=m, am=d["am"], durch=u),
    ),
    "gefahr": (
        forms.BegruendungForm,
        lambda m, d, u: information.gefahr_im_verzug_erfassen(
            medikation=m, begruendung=d["begruendung"], durch=u
        ),
    ),
    "angehoerige": (
        forms.AngehoerigeForm,
        lambda m, d, u: information.angehoerige_wunsch_erfassen(
            medikation=m, person_bezeichnung=d["person_bezeichnung"], durch=u
        ),
    ),
    "angehoerige_informiert": (
        forms.ZeitpunktForm,
        lambda m, d, u: information.angehoerige_informiert(medikation=m, am=d["am"], durch=u),
    ),
    "einweisungsbehoerde": (
        forms.ZeitpunktForm,
        lambda m, d, u: information.einweisungsbehoerde_informiert(medikation=m, am=d["am"], durch=u),
    ),
    "verfuegen": (
        forms.BegruendungForm,
        lambda m, d, u: entscheid.verfuegung_entwerfen(medikation=m, begruendung=d["begruendung"], durch=u),
    ),
    "ablehnen": (
        forms.BegruendungForm,
        lambda m, d, u: entscheid.antrag_ablehnen(medikation=m, begruendung=d["begruendung"], durch=u),
    ),
    "nachpruefen": (
        forms.NachpruefungForm,
        lambda m, d, u: entscheid.nachpruefen(
            medikation=m, ergebnis=d["ergebnis"], kommentar=d["kommentar"], durch=u
        ),
    ),
    "beenden": (
        forms.BegruendungForm,
        lambda m, d, u: entscheid.beenden(medikation=m, grund=d["begruendung"], durch=u),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def medikation_detail(request, pk):
    m = _medikation(request, pk)
    inhalt = sieht_gesundheitsdaten(request.user)
    formulare = {name: form_cls(prefix=name) for name, (form_cls, _) in AKTIONEN.items()}
    if request.method == "POST":
        aktion = request.POST.get("aktion", "")
        if aktion not in AKTIONEN:
            raise Http404
        # Issue 18 item 6: permission before validation (the domain checks again).
        if not permissions.darf_medikation_aktion(request.user, m, aktion):
            raise PermissionDenied("Keine Berechtigung für diesen Schritt (§§ 36–37 JVG).")
        form_cls, ausfuehren = AKTIONEN[aktion]
        form = form_cls(request.POST, prefix=aktion)
        formulare[aktion] = form
        if form.is_valid():
            try:
                ergebnis = ausfuehren(m, form.cleaned_data, request.user)
            except ValidationError as exc:
                fehler_uebernehmen(
                    exc, form, felder={"grund": "begruendung"} if "begruendung" in form.fields else None
                )
            else:
                messages.success(request, "Gespeichert.")
                if aktion == "verfuegen":
                    return redirect("verfuegungen:detail", ergebnis.pk)
                return redirect("zwangsmedizin:medikation_detail", m.pk)
    if inhalt:
        # R-0-AUDIT-2: the medical content of a person's file was shown.
        lesezugriff_protokollieren(
            request_or_user=request, person=m.person_id, objekt=m, aktion=Aktion.ANSICHT
        )
    return render(
        request,
        "zwangsmedizin/medikation_detail.html",
        {
            "m": m,
            "inhalt": inhalt,
            "formulare": formulare,
            "ist_behoerde": hat_rolle(request.user, Rolle.SACHBEARBEITUNG),
            "ist_arzt": hat_rolle(request.user, Rolle.MEDIZIN),
            "ist_leitung": hat_rolle(request.user, Rolle.ANSTALTSLEITUNG),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def medikation_neu(request, fall_pk):
    fall = get_object_or_404(faelle_fuer_user(request.user).select_related("person"), pk=fall_pk)
    if not hat_rolle(request.user, Rolle.MEDIZIN):
        raise Http404
    # Permission before validation (R-0-ROLE-1): only the physician assigned to the person (§ 36).
    if request.method == "POST" and not permissions.darf_medikation_beantragen(request.user, fall.person_id):
        raise PermissionDenied("Keine Berechtigung: Zwangsmedikation beantragen (§ 36 JVG, R-0-ROLE-1).")
    form = forms.MedikationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        daten = medikation.Medikationsdaten(
            art=d["art"],
            bericht=d["bericht"],
            medikament=d["medikament"],
            dosierung=d["dosierung"],
            geplante_dauer=d["geplante_dauer"],
            freiwillige_massnahmen=d["freiwillige_massnahmen"],
            grund=d["grund"],
            grund_begruendung=d["grund_begruendung"],
            empfehlung_arzt=d["empfehlung_arzt"],
            empfehlung_datum=d["empfehlung_datum"],
            fachaerztliche_leitung=d["fachaerztliche_leitung"],
            langfristig=d["langfristig"] and d["art"] == Medikationsart.MASSNAHMENINDIZIERT,
        )
        try:
            if d["weg"] == "dringlich":
                m = medikation.dringlich_anordnen(
                    fall=fall,
                    daten=daten,
                    dringlich_begruendung=d["dringlich_begruendung"],
                    aufgeklaert_am=d["aufgeklaert_am"],
                    gefahr_im_verzug_begruendung=d["gefahr_im_verzug_begruendung"],
                    durch=request.user,
                )
            else:
                m = medikation.antrag_stellen(
                    fall=fall, daten=daten, empfehlung_dokument=d["empfehlung_dokument"], durch=request.user
                )
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, "Zwangsmedikation erfasst.")
            return redirect("zwangsmedizin:medikation_detail", m.pk)
    return render(request, "zwangsmedizin/medikation_form.html", {"form": form, "fall": fall})


@login_required
@require_GET
def empfehlung_download(request, pk):
    """§ 38 Abs. 2 recommendation: health data → 404 for everyone not entitled; the download is logged."""
    if not sieht_gesundheitsdaten(request.user):
        raise Http404
    m = _medikation(request, pk)
    if not m.empfehlung_dokument:
        raise Http404
    lesezugriff_protokollieren(request_or_user=request, person=m.person_id, objekt=m, aktion=Aktion.DOKUMENT)
    return FileResponse(
        m.empfehlung_dokument.open("rb"),
        as_attachment=True,
        filename=m.empfehlung_dokument.name.rsplit("/", 1)[-1],
    )


# --- Hungerstreik / Zwangsernährung --------------------------------------------------------------


@login_required
@require_GET
def hungerstreik_liste(request):
    qs = hungerstreiks_fuer_user(request.user).select_related("person", "anstalt", "verfuegung")
    qs, dossier = dossier_filter(request, qs)
    seite = Paginator(qs.order_by("-beginn", "-pk"), PRO_SEITE).get_page(request.GET.get("page"))
    return render(
        request,
        "zwangsmedizin/hungerstreik_liste.html",
        {"seite": seite, "dossier": dossier, "liste_url": reverse("zwangsmedizin:hungerstreik_liste")},
    )


HS_AKTIONEN = {
    "gespraech": (
        forms.GespraechForm,
        lambda h, d, u: ernaehrung.gespraech_erfassen(
            hungerstreik=h, am=d["am"], inhalt=d["inhalt"], reaktion=d["reaktion"], durch=u
        ),
    ),
    "zustand": (
        forms.ZustandForm,
        lambda h, d, u: ernaehrung.zustand_melden(
            hungerstreik=h, zustand=d["zustand"], beurteilung=d["beurteilung"], durch=u
        ),
    ),
    "verfuegen": (
        forms.BegruendungForm,
        lambda h, d, u: ernaehrung.verfuegung_entwerfen(
            hungerstreik=h, begruendung=d["begruendung"], durch=u
        ),
    ),
    "beenden": (
        forms.ZeitpunktForm,
        lambda h, d, u: ernaehrung.hungerstreik_beenden(hungerstreik=h, am=d["am"], durch=u),
    ),
    "patientenverfuegung": (
        forms.PatientenverfuegungForm,
        lambda h, d, u: ernaehrung.patientenverfuegung_erfassen(
            person=h.person,
            datum=d["datum"],
            dokument=d["dokument"],
            lehnt_zwangsernaehrung_ab=d["lehnt_zwangsernaehrung_ab"],
            durch=u,
        ),
    ),
}


# Who may take each step: asked before the form is validated, so a caller without the right gets 403 and
# never a form error (issue 24); the domain function asks the same predicate again under its lock.
HS_RECHTE = {
    "gespraech": lambda u, h: permissions.darf_gespraech_erfassen(u, h.person_id),
    "zustand": lambda u, h: permissions.darf_zustand_melden(u, h.person_id),
    "verfuegen": lambda u, h: permissions.darf_verfuegen(u),
    "beenden": lambda u, h: permissions.darf_hungerstreik_beenden(u, h.person_id),
    "patientenverfuegung": lambda u, h: permissions.darf_patientenverfuegung_erfassen(u, h.person_id),
}


@login_required
@require_http_methods(["GET", "POST"])
def hungerstreik_detail(request, pk):
    h = get_object_or_404(
        hungerstreiks_fuer_user(request.user).select_related(
            "person", "fall", "anstalt", "verfuegung", "zustand_arzt"
        ),
        pk=pk,
    )
    inhalt = sieht_gesundheitsdaten(request.user)
    formulare = {name: form_cls(prefix=name) for name, (form_cls, _) in HS_AKTIONEN.items()}
    if request.method == "POST":
        aktion = request.POST.get("aktion", "")
        if aktion not in HS_AKTIONEN:
            raise Http404
        if not HS_RECHTE[aktion](request.user, h):
            raise PermissionDenied("Keine Berechtigung für diesen Schritt (§ 39 JVG, R-0-ROLE-1).")
        form_cls, ausfuehren = HS_AKTIONEN[aktion]
        form = form_cls(request.POST, request.FILES, prefix=aktion)
        formulare[aktion] = form
        if form.is_valid():
            try:
                ergebnis = ausfuehren(h, form.cleaned_data, request.user)
            except ValidationError as exc:
                fehler_uebernehmen(exc, form)
            else:
                messages.success(request, "Gespeichert.")
                if aktion == "verfuegen":
                    return redirect("verfuegungen:detail", ergebnis.pk)
                return redirect("zwangsmedizin:hungerstreik_detail", h.pk)
    gespraeche, pven = [], []
    if inhalt:
        gespraeche = list(h.gespraeche.select_related("arzt"))
        pven = list(patientenverfuegungen_fuer_user(request.user).filter(person_id=h.person_id))
        lesezugriff_protokollieren(
            request_or_user=request, person=h.person_id, objekt=h, aktion=Aktion.ANSICHT
        )
    return render(
        request,
        "zwangsmedizin/hungerstreik_detail.html",
        {
            "h": h,
            "inhalt": inhalt,
            "gespraeche": gespraeche,
            "patientenverfuegungen": pven,
            "formulare": formulare,
            "ist_behoerde": hat_rolle(request.user, Rolle.SACHBEARBEITUNG),
            "ist_arzt": hat_rolle(request.user, Rolle.MEDIZIN),
            "darf_beenden": HS_RECHTE["beenden"](request.user, h),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def hungerstreik_neu(request, fall_pk):
    fall = get_object_or_404(faelle_fuer_user(request.user).select_related("person"), pk=fall_pk)
    # Permission before validation (R-0-ROLE-1): who may not record gets 403, not the form's errors.
    if request.method == "POST" and not permissions.darf_hungerstreik_erfassen(request.user, fall.person_id):
        raise PermissionDenied("Keine Berechtigung: Hungerstreik erfassen (§ 39 JVG, R-0-ROLE-1).")
    form = forms.HungerstreikForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            h = ernaehrung.hungerstreik_erfassen(
                fall=fall, beginn=form.cleaned_data["beginn"], durch=request.user
            )
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            return redirect("zwangsmedizin:hungerstreik_detail", h.pk)
    return render(request, "zwangsmedizin/hungerstreik_form.html", {"form": form, "fall": fall})


@login_required
@require_GET
def patientenverfuegung_download(request, pk):
    pv = get_object_or_404(patientenverfuegungen_fuer_user(request.user), pk=pk)
    lesezugriff_protokollieren(
        request_or_user=request, person=pv.person_id, objekt=pv, aktion=Aktion.DOKUMENT
    )
    return FileResponse(
        pv.dokument.open("rb"), as_attachment=True, filename=pv.dokument.name.rsplit("/", 1)[-1]
    )


@login_required
@require_POST
def patientenverfuegung_widerrufen(request, pk):
    pv = get_object_or_404(patientenverfuegungen_fuer_user(request.user), pk=pk)
    # Issue 17 item 7: the revocation is final; ask first (only who may revoke a valid one: else the
    # domain's 403 or message, unchanged).
    if pv.widerrufen_am is None and (
        permissions.ist_zugeteilte_aerztin(request.user, pv.person_id)
        or permissions.ist_behoerde(request.user)
    ):
        frage = bestaetigung_verlangen(
            request,
            frage="Widerruf der Patientenverfügung wirklich erfassen?",
            folgen=[
                "Die Patientenverfügung gilt ab jetzt als widerrufen (§ 39 JVG).",
                "Zeitpunkt und Ihr Name werden festgehalten; der Widerruf kann nicht rückgängig gemacht werden.",
            ],
            knopf="Ja, Widerruf erfassen",
            zurueck=reverse("zwangsmedizin:hungerstreik_liste"),
        )
        if frage:
            return frage
    try:
        ernaehrung.patientenverfuegung_widerrufen(patientenverfuegung=pv, durch=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Widerruf der Patientenverfügung erfasst.")
    return redirect("zwangsmedizin:hungerstreik_liste")
