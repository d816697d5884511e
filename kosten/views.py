"""Browser pages of the cost module (§§ 46–50 JVG).

Thin: who may read is `permissions.darf_kosten_lesen` (authority, revision; others 403 — facility roles
and partner agencies have no browser access to costs), who may write `darf_kosten_bearbeiten`; one call
of a domain function per write, its ValidationError next to the fields (R-0-BAD-1). Reads of a
person's cost data are logged (R-0-AUDIT-2). Lists run a constant number of queries.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from kern.web.forms import fehler_uebernehmen
from kern.web.seiten import GedeckelterPaginator
from kosten import domain, permissions, recht
from kosten.forms import (
    AbrechnungForm,
    AbschreibenForm,
    BeteiligungForm,
    KostgeldForm,
    PositionFilterForm,
    PositionForm,
    WohnsitzForm,
)
from kosten.models import Abrechnung, Kostenposition, Kostgeld
from vollzug.queries import faelle_fuer_user, personen_fuer_user

PRO_SEITE = 50


def _lesen_pruefen(user) -> None:
    if not permissions.darf_kosten_lesen(user):
        raise PermissionDenied("Keine Berechtigung: Kosten einsehen (R-0-ROLE-1).")


def _bearbeiten_pruefen(user, was: str) -> None:
    if not permissions.darf_kosten_bearbeiten(user):
        raise PermissionDenied(f"Keine Berechtigung: {was} (R-0-ROLE-1).")


@login_required
@require_GET
def start(request):
    _lesen_pruefen(request.user)
    return render(
        request,
        "kosten/start.html",
        {
            "abrechnungen": Abrechnung.objects.select_related("sozialdienst", "person").order_by(
                "-erstellt_am", "-pk"
            )[:10],
            "anzahl_positionen": Kostenposition.objects.count(),
            "anzahl_ansaetze": Kostgeld.objects.count(),
            "darf_bearbeiten": permissions.darf_kosten_bearbeiten(request.user),
        },
    )


# --- Daily rates -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def kostgeld_liste(request):
    """R-KOST-1: daily rates per facility and Vollzugsform with their periods; new rate on the same page."""
    user = request.user
    _lesen_pruefen(user)
    form = None
    if permissions.darf_kosten_bearbeiten(user):
        form = KostgeldForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                k = domain.kostgeld_erfassen(durch=user, **form.cleaned_data)
            except ValidationError as exc:
                fehler_uebernehmen(exc, form)
            else:
                messages.success(request, f"Tagesansatz erfasst: {k}.")
                return redirect("kosten:kostgeld_liste")
    elif request.method == "POST":
        _bearbeiten_pruefen(user, "Kostgeld erfassen")
    from kosten.contributions import ohne_tagesansatz

    luecken = (
        ohne_tagesansatz().select_related("anstalt", "fall__person").order_by("anstalt__name", "pk")[:100]
    )
    return render(
        request,
        "kosten/kostgeld_liste.html",
        {
            "ansaetze": Kostgeld.objects.select_related("anstalt").order_by(
                "anstalt__name", "vollzugsform", "-gueltig_ab"
            ),
            "form": form,
            "luecken": luecken,
            "heute": timezone.localdate(),
        },
    )


# --- Cost items --------------------------------------------------------------------------------


@login_required
@require_GET
def position_liste(request):
    _lesen_pruefen(request.user)
    filter_form = PositionFilterForm(request.GET or None)
    qs = Kostenposition.objects.select_related("fall__person", "sozialdienst").order_by("-datum", "-pk")
    if filter_form.is_valid() and filter_form.cleaned_data["zahler"]:
        qs = qs.filter(zahler=filter_form.cleaned_data["zahler"])
    seite = GedeckelterPaginator(qs, PRO_SEITE).get_page(request.GET.get("page"))
    return render(
        request,
        "kosten/position_liste.html",
        {
            "seite": seite,
            "filter_form": filter_form,
            "darf_bearbeiten": permissions.darf_kosten_bearbeiten(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def position_neu(request, fall_pk: int):
    user = request.user
    _bearbeiten_pruefen(user, "Kostenposition erfassen")
    fall = get_object_or_404(faelle_fuer_user(user).select_related("person"), pk=fall_pk)
    form = PositionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        daten = dict(form.cleaned_data)
        try:
            p = domain.kostenposition_erfassen(fall=fall, durch=user, **daten)
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, f"Kostenposition erfasst: {p.get_zahler_display()}.")
            return redirect(p.get_absolute_url())
    return render(request, "kosten/position_form.html", {"form": form, "fall": fall})


@login_required
@require_GET
def position_detail(request, pk: int):
    user = request.user
    _lesen_pruefen(user)
    p = get_object_or_404(
        Kostenposition.objects.select_related(
            "fall__person", "sozialdienst", "erfasst_durch", "uneinbringlich_durch"
        ),
        pk=pk,
    )
    lesezugriff_protokollieren(request_or_user=request, person=p.fall.person, objekt=p, aktion=Aktion.ANSICHT)
    return render(
        request,
        "kosten/position_detail.html",
        {
            "p": p,
            "zeilen": p.abrechnungszeilen.select_related("abrechnung"),
            "abschreiben_form": AbschreibenForm()
            if permissions.darf_kosten_bearbeiten(user)
            and p.uneinbringlich_am is None
            and p.zahler in recht.ABSCHREIBBAR
            else None,
        },
    )


@login_required
@require_GET
def position_beleg(request, pk: int):
    user = request.user
    _lesen_pruefen(user)
    p = get_object_or_404(Kostenposition.objects.select_related("fall"), pk=pk)
    lesezugriff_protokollieren(
        request_or_user=request, person=p.fall.person_id, objekt=p, aktion=Aktion.DOKUMENT
    )
    return FileResponse(p.beleg.open("rb"), as_attachment=True, filename=p.beleg.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def position_abschreiben(request, pk: int):
    user = request.user
    _bearbeiten_pruefen(user, "Kostenposition abschreiben")
    p = get_object_or_404(Kostenposition, pk=pk)
    form = AbschreibenForm(request.POST)
    if form.is_valid():
        try:
            domain.position_abschreiben(
                position=p, grund=form.cleaned_data["uneinbringlich_grund"], durch=user
            )
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, "Als uneinbringlich abgeschrieben (§ 47 Abs. 2 lit. b JVG).")
            return redirect(p.get_absolute_url())
    p = Kostenposition.objects.select_related("fall__person", "sozialdienst", "erfasst_durch").get(pk=pk)
    return render(
        request,
        "kosten/position_detail.html",
        {"p": p, "zeilen": p.abrechnungszeilen.all(), "abschreiben_form": form},
        status=400,
    )


# --- Unterstützungswohnsitz and participation --------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def wohnsitz_neu(request, person_pk: int):
    user = request.user
    _bearbeiten_pruefen(user, "Unterstützungswohnsitz erfassen")
    person = get_object_or_404(personen_fuer_user(user), pk=person_pk)
    form = WohnsitzForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.unterstuetzungswohnsitz_erfassen(person=person, durch=user, **form.cleaned_data)
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, "Unterstützungswohnsitz erfasst (§ 47 Abs. 2 JVG).")
            return redirect("vollzug:person_detail", person.pk)
    bisher = person.unterstuetzungswohnsitze.select_related("sozialdienst").order_by("-gueltig_ab")
    return render(request, "kosten/wohnsitz_form.html", {"form": form, "person": person, "bisher": bisher})


@login_required
@require_http_methods(["GET", "POST"])
def beteiligung_neu(request, fall_pk: int):
    user = request.user
    _bearbeiten_pruefen(user, "Kostenbeteiligung festsetzen")
    fall = get_object_or_404(faelle_fuer_user(user).select_related("person"), pk=fall_pk)
    form = BeteiligungForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        c = dict(form.cleaned_data)
        eltern = []
        for i in (1, 2):
            name, adresse, betrag = (
                c.pop(f"eltern{i}_name"),
                c.pop(f"eltern{i}_adresse"),
                c.pop(f"eltern{i}_betrag"),
            )
            if name or adresse or betrag is not None:
                eltern.append(domain.ElternDaten(name, adresse, betrag))
        try:
            kb = domain.kostenbeteiligung_erfassen(fall=fall, durch=user, eltern=eltern, **c)
        except ValidationError as exc:
            umbenannt = {}
            for i in range(len(eltern)):
                for feld, ziel in (("name", "name"), ("adresse", "adresse"), ("betrag_pro_tag", "betrag")):
                    umbenannt[f"eltern[{i}].{feld}"] = f"eltern{i + 1}_{ziel}"
            umbenannt["eltern"] = "eltern1_name"
            fehler_uebernehmen(exc, form, felder=umbenannt)
        else:
            messages.success(
                request, f"Kostenbeteiligung festgesetzt; Verfügung {kb.verfuegung.nummer} als Entwurf."
            )
            return redirect("verfuegungen:detail", kb.verfuegung_id)
    return render(
        request,
        "kosten/beteiligung_form.html",
        {"form": form, "fall": fall, "jugendlich": fall.person.ist_jugendlich()},
    )


# --- Case overview ------------------------------------------------------------------------------


@login_required
@require_GET
def fall(request, pk: int):
    """Who bears which cost of this case, with a chart (server-rendered SVG)."""
    user = request.user
    _lesen_pruefen(user)
    f = get_object_or_404(faelle_fuer_user(user).select_related("person"), pk=pk)
    lesezugriff_protokollieren(request_or_user=request, person=f.person, objekt=f, aktion=Aktion.ANSICHT)
    return render(
        request,
        "kosten/fall.html",
        {
            "fall": f,
            "u": domain.fall_uebersicht(f),
            "wohnsitze": f.person.unterstuetzungswohnsitze.select_related("sozialdienst").order_by(
                "-gueltig_ab"
            ),
            "darf_bearbeiten": permissions.darf_kosten_bearbeiten(user),
        },
    )


# --- Statements ---------------------------------------------------------------------------------


@login_required
@require_GET
def abrechnung_liste(request):
    _lesen_pruefen(request.user)
    qs = Abrechnung.objects.select_related("sozialdienst", "person", "erstellt_durch").order_by(
        "-erstellt_am", "-pk"
    )
    seite = Paginator(qs, PRO_SEITE).get_page(request.GET.get("page"))
    return render(
        request,
        "kosten/abrechnung_liste.html",
        {"seite": seite, "darf_bearbeiten": permissions.darf_kosten_bearbeiten(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def abrechnung_neu(request):
    user = request.user
    _bearbeiten_pruefen(user, "Abrechnung erstellen")
    form = AbrechnungForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        person = None
        if c["personennummer"]:
            person = personen_fuer_user(user).filter(personennummer=c["personennummer"].strip()).first()
            if person is None:
                form.add_error("personennummer", "Keine Person mit dieser Personennummer.")
        if not form.errors:
            try:
                a = domain.abrechnung_erstellen(
                    zahler=c["zahler"],
                    von=c["periode_von"],
                    bis=c["periode_bis"],
                    sozialdienst=c["sozialdienst"],
                    person=person,
                    dritter=c["dritter"],
                    durch=user,
                )
            except ValidationError as exc:
                fehler_uebernehmen(exc, form, felder={"person": "personennummer"})
            else:
                messages.success(request, f"Abrechnung {a.nummer} erstellt.")
                return redirect(a.get_absolute_url())
    return render(request, "kosten/abrechnung_form.html", {"form": form})


def _abrechnung(user, pk) -> Abrechnung:
    _lesen_pruefen(user)
    return get_object_or_404(
        Abrechnung.objects.select_related("sozialdienst", "person", "erstellt_durch"), pk=pk
    )


@login_required
@require_GET
def abrechnung_detail(request, pk: int):
    a = _abrechnung(request.user, pk)
    zeilen = a.zeilen.select_related("fall__person").order_by("fall__fallnummer", "von", "pk")
    seite = Paginator(zeilen, 200).get_page(request.GET.get("page"))
    lesezugriff_protokollieren(request_or_user=request, person=a.person, objekt=a, aktion=Aktion.ANSICHT)
    return render(
        request,
        "kosten/abrechnung_detail.html",
        {"a": a, "seite": seite, "pdf_bereit": bool(a.pdf) or domain.pdf_synchron_moeglich(a)},
    )


@login_required
@require_GET
def abrechnung_pdf(request, pk: int):
    a = _abrechnung(request.user, pk)
    if not a.pdf:
        if not domain.pdf_synchron_moeglich(a):
            messages.info(
                request,
                "Das PDF dieser umfangreichen Abrechnung wird im Hintergrund erstellt. Bitte später erneut versuchen.",
            )
            return redirect(a.get_absolute_url())
        a = domain.pdf_speichern(abrechnung=a, durch=request.user)
    lesezugriff_protokollieren(request_or_user=request, person=a.person, objekt=a, aktion=Aktion.EXPORT)
    return FileResponse(
        a.pdf.open("rb"), as_attachment=True, filename=f"{a.nummer}.pdf", content_type="application/pdf"
    )


@login_required
@require_GET
def abrechnung_csv(request, pk: int):
    a = _abrechnung(request.user, pk)
    lesezugriff_protokollieren(request_or_user=request, person=a.person, objekt=a, aktion=Aktion.EXPORT)
    antwort = HttpResponse(domain.csv_inhalt(a), content_type="text/csv; charset=utf-8")
    antwort["Content-Disposition"] = f'attachment; filename="{a.nummer}.csv"'
    return antwort
