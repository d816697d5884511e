"""Browser interface of the data-protection module (thin: scope → form → one domain call → render).

A person outside the user's view answers 404 (`personen_fuer_user`); a role that may see the person but
not this module answers 403. Domain errors appear at the form fields (R-0-BAD-1).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from datenschutz import domain, permissions
from datenschutz.forms import (
    AnzeigeForm,
    BeendenForm,
    EntbindungForm,
    KontaktForm,
    MandatForm,
    WiderrufForm,
)
from datenschutz.permissions import (
    darf_auskunft_erteilen,
    darf_fachperson_zuteilen,
    darf_schweigepflicht_erfassen,
    darf_schweigepflicht_lesen,
)
from datenschutz.queries import entbindungen_fuer_user, mandate_fuer_user, personen_datenschutz
from disziplinar.models import Disziplinarverfahren
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from kern.rollen import Rolle, hat_rolle
from kern.web.bestaetigung import bestaetigung_verlangen
from kern.web.forms import fehler_uebernehmen
from vollzug.models import Person
from vollzug.queries import personen_fuer_user


def _verboten(was: str) -> PermissionDenied:
    return PermissionDenied(f"Keine Berechtigung: {was} (R-0-ROLE-1).")


def _person(user, pk) -> Person:
    """The person if the user sees it (else 404); 403 if the role has no business in this module."""
    person = get_object_or_404(personen_fuer_user(user), pk=pk)
    if not (darf_schweigepflicht_lesen(user) or darf_fachperson_zuteilen(user)):
        raise _verboten("Datenschutz (§§ 22, 23 JVG)")
    return person


def _person_url(person) -> str:
    return reverse("datenschutz:person", args=[person.pk])


@login_required
def person(request, pk):
    """§§ 22, 23: a person's consents, contacts, reports and expert mandates."""
    user = request.user
    p = _person(user, pk)
    lesezugriff_protokollieren(request_or_user=request, person=p, objekt=p, aktion=Aktion.ANSICHT)
    sieht_23 = personen_datenschutz(user).filter(pk=p.pk).exists()
    kontext = {
        "person": p,
        "sieht_23": sieht_23,
        "kann_erfassen": sieht_23 and darf_schweigepflicht_erfassen(user),
        "kann_zuteilen": darf_fachperson_zuteilen(user),
        "kann_auskunft": darf_auskunft_erteilen(user),
        "mandate": mandate_fuer_user(user).filter(person=p).select_related("fachperson", "zuteilung"),
    }
    if sieht_23:
        kontext.update(
            entbindungen=p.entbindungen.select_related("erfasst_durch"),
            kontakte=p.drittkontakte.select_related("entbindung", "erfasst_durch"),
            anzeigen=p.strafanzeigen_23.select_related("erstattet_durch", "disziplinarverfahren"),
        )
    return render(request, "datenschutz/person.html", kontext)


def _formularseite(request, *, person, form, titel, regel, ziel="datenschutz/formular.html"):
    return render(request, ziel, {"person": person, "form": form, "titel": titel, "regel": regel})


def _erfassen_pruefen(user, pk) -> Person:
    p = _person(user, pk)
    if not (darf_schweigepflicht_erfassen(user) and personen_datenschutz(user).filter(pk=p.pk).exists()):
        raise _verboten("§ 23 JVG erfassen")
    return p


@login_required
@require_http_methods(["GET", "POST"])
def entbindung_neu(request, pk):
    p = _erfassen_pruefen(request.user, pk)
    form = EntbindungForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.entbindung_erfassen(
                person=p, daten=domain.Entbindungsdaten(**form.cleaned_data), durch=request.user
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, "Schweigepflichtentbindung erfasst (§ 23 Abs. 1 JVG).")
            return redirect(_person_url(p))
    return _formularseite(
        request, person=p, form=form, titel="Schweigepflichtentbindung erfassen", regel="§ 23 Abs. 1 JVG"
    )


@login_required
@require_http_methods(["GET", "POST"])
def entbindung_widerrufen(request, pk):
    e = get_object_or_404(entbindungen_fuer_user(request.user).select_related("person"), pk=pk)
    # The same predicate as the domain function and the API, before the form (issue 24).
    if not permissions.darf_entbindung_widerrufen(request.user, e):
        raise _verboten("Schweigepflichtentbindung widerrufen (§ 23 JVG)")
    p = _person(request.user, e.person_id)
    form = WiderrufForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Issue 17 item 7: the revocation ends the release at once; ask first.
        frage = bestaetigung_verlangen(
            request,
            frage="Schweigepflichtentbindung wirklich widerrufen?",
            folgen=[
                "Ab dem Widerrufsdatum dürfen die entbundenen Fachpersonen nichts mehr bekannt geben "
                "(§ 23 Abs. 1 JVG).",
                "Datum, Bemerkung und Ihr Name werden festgehalten; der Widerruf kann nicht rückgängig "
                "gemacht werden.",
            ],
            knopf="Ja, widerrufen",
            zurueck=_person_url(p),
        )
        if frage:
            return frage
        try:
            domain.entbindung_widerrufen(
                entbindung=e,
                am=form.cleaned_data["widerrufen_am"],
                bemerkung=form.cleaned_data["bemerkung"],
                durch=request.user,
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, "Schweigepflichtentbindung widerrufen.")
            return redirect(_person_url(p))
    return _formularseite(request, person=p, form=form, titel=f"Widerruf: {e}", regel="§ 23 Abs. 1 JVG")


@login_required
def entbindung_dokument(request, pk):
    e = get_object_or_404(entbindungen_fuer_user(request.user), pk=pk)
    if not e.dokument:
        raise Http404
    lesezugriff_protokollieren(request_or_user=request, person=e.person_id, objekt=e, aktion=Aktion.DOKUMENT)
    return FileResponse(
        e.dokument.open("rb"), as_attachment=True, filename=e.dokument.name.rsplit("/", 1)[-1]
    )


@login_required
@require_http_methods(["GET", "POST"])
def kontakt_neu(request, pk):
    p = _erfassen_pruefen(request.user, pk)
    form = KontaktForm(request.POST or None, entbindungen=p.entbindungen.all())
    if request.method == "POST" and form.is_valid():
        try:
            domain.kontakt_erfassen(
                person=p, daten=domain.Kontaktdaten(**form.cleaned_data), durch=request.user
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, "Kontakt mit Dritten erfasst (§ 23 JVG).")
            return redirect(_person_url(p))
    return _formularseite(
        request, person=p, form=form, titel="Kontakt mit Dritten erfassen", regel="§ 23 Abs. 1 und 2 JVG"
    )


@login_required
@require_http_methods(["GET", "POST"])
def anzeige_neu(request, pk):
    p = _erfassen_pruefen(request.user, pk)
    verfahren = Disziplinarverfahren.objects.filter(person=p, strafanzeige=True)
    form = AnzeigeForm(request.POST or None, verfahren=verfahren)
    if request.method == "POST" and form.is_valid():
        try:
            domain.strafanzeige_erfassen(
                person=p, daten=domain.Anzeigedaten(**form.cleaned_data), durch=request.user
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, "Strafanzeige erfasst (§ 23 Abs. 3 JVG).")
            return redirect(_person_url(p))
    return _formularseite(
        request, person=p, form=form, titel="Strafanzeige an die Staatsanwaltschaft", regel="§ 23 Abs. 3 JVG"
    )


@login_required
@require_http_methods(["GET", "POST"])
def mandat_neu(request, pk):
    p = _person(request.user, pk)
    if not darf_fachperson_zuteilen(request.user):
        raise _verboten("Fachperson zuteilen (§ 22 JVG)")
    form = MandatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        c = dict(form.cleaned_data)
        fachperson = c.pop("fachperson")
        try:
            domain.fachperson_zuteilen(
                person=p, fachperson=fachperson, daten=domain.Mandatsdaten(**c), durch=request.user
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, "Fachperson zugeteilt (§ 22 JVG).")
            return redirect(_person_url(p))
    return _formularseite(request, person=p, form=form, titel="Fachperson zuteilen", regel="§ 22 JVG")


@login_required
@require_http_methods(["GET", "POST"])
def mandat_beenden(request, pk):
    m = get_object_or_404(mandate_fuer_user(request.user).select_related("person"), pk=pk)
    if not darf_fachperson_zuteilen(request.user):
        raise _verboten("Mandat beenden (§ 22 JVG)")
    form = BeendenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Issue 17 item 7: ending the mandate removes the expert's access at once; ask first.
        frage = bestaetigung_verlangen(
            request,
            frage=f"Mandat {m.referenz} wirklich beenden?",
            folgen=[
                "Der Zugriff der Fachperson auf die Daten der Person endet sofort (§ 22 JVG).",
                "Grund und Ihr Name werden festgehalten; für einen neuen Auftrag braucht es ein neues Mandat.",
            ],
            knopf="Ja, Mandat beenden",
            zurueck=_person_url(m.person),
        )
        if frage:
            return frage
        try:
            domain.mandat_beenden(mandat=m, grund=form.cleaned_data["grund"], durch=request.user)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, "Mandat beendet; der Zugriff der Fachperson ist aufgehoben.")
            return redirect(_person_url(m.person))
    return _formularseite(
        request, person=m.person, form=form, titel=f"Mandat {m.referenz} beenden", regel="§ 22 JVG"
    )


@login_required
def mandate(request):
    """§ 22: the expert mandates (sachbearbeitung, revision: all; an expert: his own)."""
    if not hat_rolle(request.user, Rolle.SACHBEARBEITUNG, Rolle.REVISION, Rolle.MEDIZIN):
        raise _verboten("Mandate von Fachpersonen")
    liste = mandate_fuer_user(request.user).select_related("person", "fachperson", "zuteilung")[:200]
    return render(request, "datenschutz/mandate.html", {"mandate": liste})


# --- Subject access ----------------------------------------------------------------------------------


def _auskunft_person(request, pk) -> Person:
    if not darf_auskunft_erteilen(request.user):
        raise _verboten("Auskunft an die betroffene Person erstellen")
    return get_object_or_404(personen_fuer_user(request.user), pk=pk)


@login_required
def auskunft_seite(request, pk):
    p = _auskunft_person(request, pk)
    return render(
        request,
        "datenschutz/auskunft.html",
        {"person": p, "bereiche": [a.bezeichnung for a in domain.abschnitte()]},
    )


@login_required
def auskunft_json(request, pk):
    p = _auskunft_person(request, pk)
    domain.auskunft_beginnen(person=p, request_or_user=request, format="json")
    antwort = StreamingHttpResponse(
        domain.auskunft_json(person=p, durch=request.user), content_type="application/json; charset=utf-8"
    )
    antwort["Content-Disposition"] = f'attachment; filename="auskunft-{p.personennummer}.json"'
    return antwort


@login_required
def auskunft_pdf(request, pk):
    p = _auskunft_person(request, pk)
    domain.auskunft_beginnen(person=p, request_or_user=request, format="pdf")
    antwort = HttpResponse(domain.auskunft_pdf(person=p, durch=request.user), content_type="application/pdf")
    antwort["Content-Disposition"] = f'attachment; filename="auskunft-{p.personennummer}.pdf"'
    return antwort
