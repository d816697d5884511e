"""Browser pages of the Vollzugsdaten: the dates of a case, the examination of conditional release,
the measures. Thin: visibility from `vollzug.queries.faelle_fuer_user` and the role (outside → 404),
one domain call per write (PermissionDenied → 403, ValidationError next to the fields, R-0-BAD-1).
Reading is logged (R-0-AUDIT-2)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from kern.rollen import hat_rolle
from kern.web.forms import fehler_uebernehmen, jetzt_auf_minute
from vollzug.queries import faelle_fuer_user
from vollzugsdaten import domain
from vollzugsdaten.domain import antragsschreiben
from vollzugsdaten.forms import (
    AngabenForm,
    AnhoerungForm,
    AntragForm,
    AntwortForm,
    BerichtForm,
    EntlassenForm,
    EntscheidForm,
    MassnahmeForm,
    MassnahmenpruefungForm,
)
from vollzugsdaten.models import Entlassungspruefung, Gerichtsantrag, Massnahme, Strafzeitangaben
from vollzugsdaten.permissions import darf_antragsschreiben_lesen, darf_bearbeiten, darf_bericht_erfassen
from vollzugsdaten.queries import LESEROLLEN
from vollzugsdaten.recht import Ergebnis, Pruefungsstatus

_LESER = LESEROLLEN


def _fall(request, pk):
    if not hat_rolle(request.user, *_LESER):
        raise Http404
    return get_object_or_404(faelle_fuer_user(request.user).select_related("person"), pk=pk)


def _pruefung(request, pk) -> Entlassungspruefung:
    if not hat_rolle(request.user, *_LESER):
        raise Http404
    return get_object_or_404(
        Entlassungspruefung.objects.filter(fall__in=faelle_fuer_user(request.user)).select_related(
            "fall", "fall__person", "verfuegung", "bericht_aufgabe"
        ),
        pk=pk,
    )


def _massnahme(request, pk) -> Massnahme:
    if not hat_rolle(request.user, *_LESER):
        raise Http404
    return get_object_or_404(Massnahme.objects.filter(fall__in=faelle_fuer_user(request.user)), pk=pk)


def _darf(erlaubt: bool, was: str) -> None:
    # Permission before validation: a role that sees the object but may not act gets 403 at once.
    if not erlaubt:
        raise PermissionDenied(f"Keine Berechtigung: {was}.")


def _fall_seite(request, fall, *, formulare=None, status=200):
    user = request.user
    lesezugriff_protokollieren(
        request_or_user=request, person=fall.person, objekt=fall, aktion=Aktion.ANSICHT
    )
    berechnung = domain.aktuelle_berechnung(fall)
    angaben = Strafzeitangaben.objects.filter(fall=fall).first()
    bearbeiten = darf_bearbeiten(user)
    massnahmen = list(
        fall.massnahmen.prefetch_related(
            "pruefungen",
            Prefetch("antraege", queryset=Gerichtsantrag.objects.select_related("neue_massnahme")),
        )
    )
    for m in massnahmen:
        m.termine = domain.termine(m)
        m.hoechstdauer = domain.hoechstdauer_ende(m)
    formulare = formulare or {}
    initial = {}
    if angaben:
        initial = {
            f: getattr(angaben, f)
            for f in (
                "lebenslang",
                "angerechnete_tage",
                "anrechnung_beleg",
                "anderswo_tage",
                "anderswo_beleg",
                "vorlauf_monate",
                "vorlauf_begruendung",
            )
        }
    kontext = {
        "fall": fall,
        "berechnung": berechnung,
        "versionen": list(fall.strafzeitberechnungen.order_by("-version")[:20]),
        "angaben": angaben,
        "pruefungen": list(fall.entlassungspruefungen.order_by("-faellig_am", "-pk")),
        "massnahmen": massnahmen,
        "bearbeiten": bearbeiten,
        "antragsschreiben": darf_antragsschreiben_lesen(user),
        "angaben_form": formulare.get("angaben") or (AngabenForm(initial=initial) if bearbeiten else None),
        "massnahme_form": formulare.get("massnahme") or (MassnahmeForm() if bearbeiten else None),
        "massnahmenpruefung_form": formulare.get("massnahmenpruefung")
        or (MassnahmenpruefungForm() if bearbeiten else None),
        "antwort_form": formulare.get("antwort") or (AntwortForm() if bearbeiten else None),
        "fehler_massnahme": formulare.get("massnahme_pk"),
    }
    return render(request, "vollzugsdaten/fall.html", kontext, status=status)


@never_cache
@login_required
@require_GET
def fall(request, pk):
    return _fall_seite(request, _fall(request, pk))


@never_cache
@login_required
@require_POST
def angaben(request, pk):
    f = _fall(request, pk)
    _darf(darf_bearbeiten(request.user), "Strafzeitangaben erfassen")
    form = AngabenForm(request.POST)
    if form.is_valid():
        try:
            domain.angaben_speichern(fall=f, durch=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, "Strafzeitangaben gespeichert; die Daten sind neu berechnet.")
            return redirect("vollzugsdaten:fall", pk)
    return _fall_seite(request, f, formulare={"angaben": form}, status=400)


@never_cache
@login_required
@require_POST
def massnahme_neu(request, pk):
    f = _fall(request, pk)
    _darf(darf_bearbeiten(request.user), "Massnahme erfassen")
    form = MassnahmeForm(request.POST)
    if form.is_valid():
        try:
            domain.massnahme_erfassen(fall=f, durch=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, "Massnahme erfasst.")
            return redirect("vollzugsdaten:fall", pk)
    return _fall_seite(request, f, formulare={"massnahme": form}, status=400)


@never_cache
@login_required
@require_POST
def massnahme_pruefung(request, pk):
    m = _massnahme(request, pk)
    _darf(darf_bearbeiten(request.user), "Überprüfung erfassen")
    form = MassnahmenpruefungForm(request.POST)
    if form.is_valid():
        try:
            domain.pruefung_erfassen(massnahme=m, durch=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, "Überprüfung erfasst.")
            return redirect("vollzugsdaten:fall", m.fall_id)
    return _fall_seite(
        request,
        _fall(request, m.fall_id),
        formulare={"massnahmenpruefung": form, "massnahme_pk": m.pk},
        status=400,
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def antrag_neu(request, pk):
    """R-STGB-MAX-1 / R-4-1: the system drafts the application; the case worker completes and files it."""
    m = _massnahme(request, pk)
    _darf(darf_bearbeiten(request.user), "Antrag ans Gericht stellen")
    if request.method == "POST":
        form = AntragForm(request.POST)
        if form.is_valid():
            try:
                domain.antrag_einreichen(massnahme=m, durch=request.user, **form.cleaned_data)
            except ValidationError as exc:
                fehler_uebernehmen(exc, form)
            else:
                messages.success(request, "Antrag ans Gericht erfasst (§ 4 Abs. 1 JVG).")
                return redirect("vollzugsdaten:fall", m.fall_id)
        status = 400
    else:
        form = AntragForm(initial={**domain.antrag_entwurf(m), "eingereicht_am": jetzt_auf_minute().date()})
        status = 200
    return render(request, "vollzugsdaten/antrag.html", {"m": m, "fall": m.fall, "form": form}, status=status)


@never_cache
@login_required
@require_POST
def antwort(request, pk):
    if not hat_rolle(request.user, *_LESER):
        raise Http404
    a = get_object_or_404(
        Gerichtsantrag.objects.filter(massnahme__fall__in=faelle_fuer_user(request.user)).select_related(
            "massnahme"
        ),
        pk=pk,
    )
    _darf(darf_bearbeiten(request.user), "Entscheid des Gerichts erfassen")
    form = AntwortForm(request.POST)
    if form.is_valid():
        try:
            domain.antwort_erfassen(antrag=a, durch=request.user, **form.cleaned_data)
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, "Entscheid des Gerichts erfasst.")
            return redirect("vollzugsdaten:fall", a.massnahme.fall_id)
    return _fall_seite(
        request,
        _fall(request, a.massnahme.fall_id),
        formulare={"antwort": form, "massnahme_pk": a.massnahme_id},
        status=400,
    )


@never_cache
@login_required
@require_GET
def antrag_pdf(request, pk):
    """R-4-1: the application to the court as a PDF letter (§ 4 Abs. 1 JVG)."""
    if not hat_rolle(request.user, *_LESER):
        raise Http404
    a = get_object_or_404(
        Gerichtsantrag.objects.filter(massnahme__fall__in=faelle_fuer_user(request.user)).select_related(
            "massnahme__fall__person", "erstellt_durch"
        ),
        pk=pk,
    )
    _darf(darf_antragsschreiben_lesen(request.user), "Antrag ans Gericht als PDF")
    inhalt = antragsschreiben.antrag_pdf(a)
    lesezugriff_protokollieren(
        request_or_user=request, person=a.massnahme.fall.person, objekt=a, aktion=Aktion.DOKUMENT
    )
    antwort = HttpResponse(inhalt, content_type="application/pdf")
    antwort["Content-Disposition"] = f'attachment; filename="{antragsschreiben.dateiname(a)}"'
    return antwort


# --- Conditional release (Art. 86–87 StGB) ---------------------------------------------------------


def _pruefung_seite(request, p, *, formulare=None, status=200):
    user = request.user
    lesezugriff_protokollieren(request_or_user=request, person=p.fall.person, objekt=p, aktion=Aktion.ANSICHT)
    formulare = formulare or {}
    bearbeiten = darf_bearbeiten(user)
    offen = p.status != Pruefungsstatus.ENTSCHIEDEN
    kontext = {
        "p": p,
        "fall": p.fall,
        "berechnung": domain.aktuelle_berechnung(p.fall),
        "bearbeiten": bearbeiten,
        "kann_anfordern": bearbeiten
        and p.bericht_aufgabe_id is None
        and p.status in (Pruefungsstatus.OFFEN, Pruefungsstatus.BERICHT_ANGEFORDERT),
        "bericht_form": formulare.get("bericht")
        or (BerichtForm() if offen and p.bericht_am is None and darf_bericht_erfassen(user, p) else None),
        "anhoerung_form": formulare.get("anhoerung")
        or (
            AnhoerungForm(initial={"am": jetzt_auf_minute()})
            if offen and bearbeiten and p.anhoerung_am is None
            else None
        ),
        "entscheid_form": formulare.get("entscheid")
        or (
            EntscheidForm()
            if bearbeiten and p.status in (Pruefungsstatus.OFFEN, Pruefungsstatus.BERICHT_ANGEFORDERT)
            else None
        ),
        "entlassen_form": formulare.get("entlassen")
        or (
            EntlassenForm(initial={"am": jetzt_auf_minute()})
            if bearbeiten
            and p.status == Pruefungsstatus.ENTSCHIEDEN
            and p.ergebnis == Ergebnis.GEWAEHRT
            and p.entlassen_am is None
            else None
        ),
    }
    return render(request, "vollzugsdaten/pruefung.html", kontext, status=status)


@never_cache
@login_required
@require_GET
def pruefung(request, pk):
    return _pruefung_seite(request, _pruefung(request, pk))


def _schritt(request, pk, form_klasse, schluessel, aufruf, erfolg, *, bericht=False):
    p = _pruefung(request, pk)
    erlaubt = darf_bericht_erfassen(request.user, p) if bericht else darf_bearbeiten(request.user)
    _darf(erlaubt, "Prüfung der bedingten Entlassung")
    form = form_klasse(request.POST) if form_klasse else None
    if form is None or form.is_valid():
        try:
            aufruf(p, form.cleaned_data if form else {})
        except ValidationError as exc:
            if form is None:
                for meldung in exc.messages:
                    messages.error(request, meldung)
                return redirect("vollzugsdaten:pruefung", pk)
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, erfolg)
            return redirect("vollzugsdaten:pruefung", pk)
    return _pruefung_seite(request, p, formulare={schluessel: form}, status=400)


@never_cache
@login_required
@require_POST
def bericht_anfordern(request, pk):
    return _schritt(
        request,
        pk,
        None,
        "",
        lambda p, d: domain.bericht_anfordern(pruefung=p, durch=request.user),
        "Bericht bei der Anstaltsleitung angefordert (Art. 86 Abs. 2 StGB).",
    )


@never_cache
@login_required
@require_POST
def bericht(request, pk):
    return _schritt(
        request,
        pk,
        BerichtForm,
        "bericht",
        lambda p, d: domain.bericht_erfassen(pruefung=p, bericht=d["bericht"], durch=request.user),
        "Bericht der Einrichtung erfasst.",
        bericht=True,
    )


@never_cache
@login_required
@require_POST
def anhoerung(request, pk):
    return _schritt(
        request,
        pk,
        AnhoerungForm,
        "anhoerung",
        lambda p, d: domain.anhoerung_erfassen(
            pruefung=p, aeusserung=d["aeusserung"], am=d["am"], durch=request.user
        ),
        "Anhörung erfasst.",
    )


@never_cache
@login_required
@require_POST
def entscheid(request, pk):
    def aufruf(p, d):
        v = domain.entscheid_entwerfen(pruefung=p, durch=request.user, **d)
        messages.info(request, f"Verfügung {v.nummer} entworfen: zur Genehmigung vorlegen und eröffnen.")

    return _schritt(request, pk, EntscheidForm, "entscheid", aufruf, "Entscheid entworfen.")


@never_cache
@login_required
@require_POST
def entlassen(request, pk):
    return _schritt(
        request,
        pk,
        EntlassenForm,
        "entlassen",
        lambda p, d: domain.bedingt_entlassen(pruefung=p, am=d["am"], durch=request.user),
        "Die Person ist bedingt entlassen (Art. 86 StGB).",
    )
