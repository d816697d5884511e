"""Browser interface of the Vollzug case core (thin: parse, one service call, render).

Visibility always starts from `vollzug.queries` (objects outside → 404, R-0-ROLE-1); write access
is asked of the named predicates in `kern.rollen` (→ 403); every rule with a § is in
`vollzug.domain`, whose `ValidationError` is shown next to the fields (R-0-BAD-1).
"""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from kern import erweiterungen, rollen
from kern.lesezugriffe import lesezugriff_protokollieren, personen_protokollieren
from kern.models import Aktion
from kern.web.forms import fehler_uebernehmen
from kern.web.seiten import GedeckelterPaginator
from vollzug import domain, views_plan, zeitleiste
from vollzug.forms import (
    DokumentFormSet,
    EinweisenForm,
    EntlassenForm,
    FallFilterForm,
    FallForm,
    PersonForm,
    PersonSucheForm,
    SanktionFormSet,
    VersetzenForm,
)
from vollzug.models import Dokument, Platzierung
from vollzug.permissions import darf_gesundheitsdaten_lesen
from vollzug.queries import (
    faelle_fuer_user,
    fall_ids_zum_begriff,
    fall_listenzeilen,
    offene_platzierung,
    personen_fuer_user,
    vollzugsbeginn_ueberfaellige,
)
from vollzug.recht import Fallstatus
from vollzug.validators import ahv_normalisieren

PRO_SEITE = 25


def _keine_berechtigung(was: str) -> PermissionDenied:
    return PermissionDenied(f"Keine Berechtigung: {was} (R-0-ROLE-1).")


def _faelle_mit_einrichtung(user):
    return (
        faelle_fuer_user(user)
        .select_related("person")
        .annotate(
            einrichtung=offene_platzierung("anstalt__name", bezug="fall"),
            abteilung=offene_platzierung("abteilung", bezug="fall"),
        )
    )


def _seite(request, queryset):
    # Issue 19: capped count, ids first (constant queries from page 1 to page 2000).
    return GedeckelterPaginator(queryset, PRO_SEITE).get_page(request.GET.get("page"))


def _begriffe(q: str) -> list[str]:
    return [b for b in q.split() if b][:5]


# --- Personen --------------------------------------------------------------------------------


@login_required
def person_list(request):
    form = PersonSucheForm(request.GET or None)
    personen = personen_fuer_user(request.user).annotate(
        einrichtung=offene_platzierung("anstalt__name", bezug="fall__person")
    )
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    for begriff in _begriffe(q):
        bedingung = (
            Q(amtlicher_name__icontains=begriff)
            | Q(vorname__icontains=begriff)
            | Q(personennummer__icontains=begriff)
        )
        ahv = ahv_normalisieren(begriff)
        if ahv.isdigit():
            bedingung |= Q(ahv_nummer__contains=ahv)
        personen = personen.filter(bedingung)
    seite = _seite(request, personen)
    # Issue 18 item 10 (R-0-AUDIT-2): the persons a search showed are in the read log.
    personen_protokollieren(
        request=request,
        person_ids=[p.pk for p in seite.object_list],
        objekt_typ="vollzug.person",
        abfrage=request.GET.urlencode(),
    )
    return render(
        request,
        "vollzug/person_list.html",
        {
            "form": form,
            "q": q,
            "seite": seite,
            "darf_person_erfassen": rollen.darf_person_erfassen(request.user),
        },
    )


@login_required
def person_detail(request, pk):
    person = get_object_or_404(personen_fuer_user(request.user), pk=pk)
    # R-0-AUDIT-2: only a found (visible) file is a read; a 404 discloses nothing and logs nothing.
    lesezugriff_protokollieren(request_or_user=request, person=person, objekt=person, aktion=Aktion.ANSICHT)
    faelle = list(_faelle_mit_einrichtung(request.user).filter(person=person))
    return render(
        request,
        "vollzug/person_detail.html",
        {
            "person": person,
            "faelle": faelle,
            "jugendlich": person.ist_jugendlich(),
            "darf_fall_erfassen": rollen.darf_fall_erfassen(request.user),
            # What other modules show of this person (kern.erweiterungen.personenblock).
            "modulbloecke": erweiterungen.personenbloecke_fuer(person, request.user),
            # The dossier's timeline (issue 17): every module's events, newest first.
            "zeitleiste": zeitleiste.fuer_person(person, request.user, faelle),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_neu(request):
    if not rollen.darf_person_erfassen(request.user):
        raise _keine_berechtigung("Person erfassen")
    weiter_zum_fall = request.GET.get("weiter") == "fall"
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = domain.person_erfassen(**form.cleaned_data, durch=request.user)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(
                request, f"Person {person.personennummer} ({person.amtlicher_name} {person.vorname}) erfasst."
            )
            if weiter_zum_fall:
                return redirect(f"{reverse('vollzug:fall_neu')}?person={person.pk}")
            return redirect(person)
    return render(request, "vollzug/person_form.html", {"form": form, "weiter_zum_fall": weiter_zum_fall})


# --- Vollzugsfälle ---------------------------------------------------------------------------


@login_required
def fall_list(request):
    form = FallFilterForm(request.GET or None)
    # Only the list's conditions: the page's rows come from `fall_listenzeilen` (one statement, issue 19).
    faelle = faelle_fuer_user(request.user)
    filter_aktiv = suche = False
    if form.is_valid():
        daten = form.cleaned_data
        for begriff in _begriffe(daten["q"]):
            faelle = faelle.filter(pk__in=fall_ids_zum_begriff(begriff))
            suche = True
        if daten["status"]:
            faelle = faelle.filter(status=daten["status"])
        if daten["anstalt"]:
            faelle = faelle.filter(
                Exists(
                    Platzierung.objects.filter(
                        fall=OuterRef("pk"), bis__isnull=True, anstalt=daten["anstalt"]
                    )
                )
            )
        if daten["ueberfaellig"]:
            faelle = vollzugsbeginn_ueberfaellige(faelle)
        filter_aktiv = any(daten.values())
    # Issue 18 item 10 (R-0-AUDIT-2): the persons of the listed cases are in the read log, written by the
    # statement that reads the rows (issue 19); a list without rows records the empty read.
    gelesen = []

    def zeilen_laden(ids, queryset):
        zeilen = fall_listenzeilen(ids, queryset, request=request, protokollieren_bis=PRO_SEITE)
        gelesen.extend(zeilen[:PRO_SEITE])
        return zeilen

    # A search's id sets are evaluated once for count and page; a status or facility walks its index twice.
    seite = GedeckelterPaginator(
        faelle, PRO_SEITE, zeilen_laden=zeilen_laden, einmal_auswerten=suche
    ).get_page(request.GET.get("page"))
    if not gelesen:
        personen_protokollieren(
            request=request, person_ids=[], objekt_typ="vollzug.vollzugsfall", abfrage=request.GET.urlencode()
        )
    return render(
        request,
        "vollzug/fall_list.html",
        {
            "form": form,
            "seite": seite,
            "filter_aktiv": filter_aktiv,
            "darf_fall_erfassen": rollen.darf_fall_erfassen(request.user),
        },
    )


@login_required
def fall_detail(request, pk):
    user = request.user
    fall = get_object_or_404(faelle_fuer_user(user).select_related("person", "erfasst_durch"), pk=pk)
    lesezugriff_protokollieren(
        request_or_user=request, person=fall.person, objekt=fall, aktion=Aktion.ANSICHT
    )
    platzierungen = list(fall.platzierungen.select_related("anstalt", "angeordnet_durch"))
    aktuell = next((p for p in platzierungen if p.bis is None), None)
    im_vollzug = fall.status == Fallstatus.IM_VOLLZUG
    # §17.3: facility management may order the urgent clinic transfer for persons in its own facility.
    darf_klinik_dringend = (
        aktuell is not None
        and aktuell.anstalt_id == getattr(user, "anstalt_id", None)
        and rollen.darf_versetzen(user, klinik_dringend=True)
    )
    context = {
        "fall": fall,
        "person": fall.person,
        "entscheide": list(fall.entscheide.prefetch_related("sanktionen").order_by("entscheid_datum", "pk")),
        "dokumente": list(fall.dokumente.all()),
        "platzierungen": platzierungen,
        "aktuell": aktuell,
        "kann_einweisen": fall.status == Fallstatus.EINGANG and rollen.darf_einweisen(user),
        "kann_versetzen": im_vollzug and (rollen.darf_versetzen(user) or darf_klinik_dringend),
        # A release may also fall into a §14 interruption (e.g. the end of the sentence).
        "kann_entlassen": fall.status in (Fallstatus.IM_VOLLZUG, Fallstatus.UNTERBROCHEN)
        and rollen.darf_entlassen(user),
        "darf_gesundheitsdaten": darf_gesundheitsdaten_lesen(user, fall.person),
    }
    context.update(views_plan.kontext_fuer_fall(fall, user))
    context["modulbloecke"] = erweiterungen.bloecke_fuer(fall, user)
    # The dossier's timeline (issue 17): the loaded core rows and every module's events, newest first.
    context["zeitleiste"] = zeitleiste.fuer_fall(
        fall,
        user,
        entscheide=context["entscheide"],
        platzierungen=platzierungen,
        dokumente=context["dokumente"],
    )
    return render(request, "vollzug/fall_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def fall_neu(request):
    """R-12-1 (§12): a case from a legally binding decision, with its sanctions and documents."""
    user = request.user
    if not rollen.darf_fall_erfassen(user):
        raise _keine_berechtigung("Vollzugsfall erfassen")
    personen = personen_fuer_user(user)
    daten = request.POST if request.method == "POST" else None
    initial = {}
    if request.method == "GET" and request.GET.get("person", "").isdigit():
        initial["person"] = personen.filter(pk=request.GET["person"]).first()
    form = FallForm(daten, initial=initial, personen=personen)
    sanktionen = SanktionFormSet(daten, prefix="sanktionen")
    dokumente = DokumentFormSet(daten, request.FILES or None, prefix="dokumente")
    if daten is not None and all([form.is_valid(), sanktionen.is_valid(), dokumente.is_valid()]):
        s_zeilen = [i for i, f in enumerate(sanktionen.forms) if f.has_changed() and f.cleaned_data]
        d_zeilen = [i for i, f in enumerate(dokumente.forms) if f.cleaned_data.get("datei")]
        c = form.cleaned_data
        try:
            fall = domain.fall_erfassen(
                person=c["person"],
                entscheid=domain.EntscheidDaten(
                    art=c["art"],
                    behoerde=c["behoerde"].strip(),
                    referenz=c["referenz"].strip(),
                    entscheid_datum=c["entscheid_datum"],
                    rechtskraft_am=c["rechtskraft_am"],
                ),
                sanktionen=[
                    domain.SanktionDaten(
                        art=sanktionen.forms[i].cleaned_data["art"],
                        vollzugsform=sanktionen.forms[i].cleaned_data["vollzugsform"],
                        **sanktionen.forms[i].zahlen(),
                    )
                    for i in s_zeilen
                ],
                dokumente=[
                    domain.DokumentDaten(
                        titel=dokumente.forms[i].cleaned_data["titel"],
                        datei=dokumente.forms[i].cleaned_data["datei"],
                    )
                    for i in d_zeilen
                ],
                eingang_am=c["eingang_am"],
                durch=user,
            )
        except ValidationError as fehler:
            fehler_uebernehmen(
                fehler,
                form,
                zeilen={"sanktionen": (sanktionen, s_zeilen), "dokumente": (dokumente, d_zeilen)},
            )
        else:
            messages.success(request, f"Vollzugsfall {fall.fallnummer} erfasst (§ 12 JVG).")
            return redirect(fall)
    return render(
        request,
        "vollzug/fall_form.html",
        {
            "form": form,
            "sanktionen": sanktionen,
            "dokumente": dokumente,
            "erneut_angezeigt": daten is not None,
        },
    )


def _sichtbarer_fall(request, pk):
    # Object first (404 outside the user's cases), then the predicate (403): existence never leaks.
    return get_object_or_404(faelle_fuer_user(request.user).select_related("person"), pk=pk)


def _aktionsformular(request, fall, form, titel, aufruf, *, felder=None, erfolg):
    """Shared POST handling of the three placement actions: one service call, errors back into the form."""
    if request.method == "POST" and form.is_valid():
        try:
            aufruf(form.cleaned_data)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form, felder=felder)
        else:
            messages.success(request, erfolg)
            return redirect(fall)
    return render(request, "vollzug/fall_aktion.html", {"fall": fall, "form": form, "titel": titel})


@login_required
@require_http_methods(["GET", "POST"])
def fall_einweisen(request, pk):
    fall = _sichtbarer_fall(request, pk)
    if not rollen.darf_einweisen(request.user):
        raise _keine_berechtigung("Einweisung anordnen")
    form = EinweisenForm(request.POST or None)

    def aufruf(c):
        domain.einweisen(
            fall=fall, anstalt=c["anstalt"], am=c["von"], abteilung=c["abteilung"], durch=request.user
        )

    return _aktionsformular(
        request,
        fall,
        form,
        "Einweisen (§ 17 Abs. 1 JVG)",
        aufruf,
        erfolg=f"Fall {fall.fallnummer}: Einweisung erfasst.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def fall_versetzen(request, pk):
    user = request.user
    fall = _sichtbarer_fall(request, pk)
    darf_allgemein = rollen.darf_versetzen(user)
    if not (darf_allgemein or rollen.darf_versetzen(user, klinik_dringend=True)):
        raise _keine_berechtigung("Versetzung anordnen")
    form = VersetzenForm(request.POST or None, request.FILES or None, nur_klinik=not darf_allgemein)

    def aufruf(c):
        domain.versetzen(
            fall=fall,
            anstalt=c["anstalt"],
            am=c["von"],
            art=c["art"],
            grund=c["grund"],
            abteilung=c["abteilung"],
            begruendung=c["begruendung"],
            arztbericht=c["arztbericht"],
            durch=user,
        )

    return _aktionsformular(
        request,
        fall,
        form,
        "Versetzen (§ 17 JVG)",
        aufruf,
        erfolg=f"Fall {fall.fallnummer}: Versetzung erfasst.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def fall_entlassen(request, pk):
    fall = _sichtbarer_fall(request, pk)
    if not rollen.darf_entlassen(request.user):
        raise _keine_berechtigung("Entlassung verfügen")
    form = EntlassenForm(request.POST or None)

    def aufruf(c):
        domain.entlassen(fall=fall, am=c["entlassung_am"], bemerkung=c["bemerkung"], durch=request.user)

    return _aktionsformular(
        request,
        fall,
        form,
        "Definitive Entlassung",
        aufruf,
        erfolg=f"Fall {fall.fallnummer}: definitive Entlassung erfasst.",
    )


# --- Dokumente -------------------------------------------------------------------------------


@login_required
def dokument_download(request, pk):
    # Documents are never served from MEDIA_URL: only through the user's visible cases (R-0-ROLE-1).
    dokument = get_object_or_404(
        Dokument.objects.select_related("fall").filter(fall__in=faelle_fuer_user(request.user)), pk=pk
    )
    try:
        datei = dokument.datei.open("rb")
    except FileNotFoundError as fehlt:
        raise Http404("Die Datei ist nicht mehr vorhanden.") from fehlt
    lesezugriff_protokollieren(
        request_or_user=request, person=dokument.fall.person_id, objekt=dokument, aktion=Aktion.DOKUMENT
    )
    return FileResponse(datei, as_attachment=True, filename=os.path.basename(dokument.datei.name))


@login_required
def arztbericht_download(request, pk):
    """§17.3: the medical report of a clinic transfer is health data: only the deciding authority and
    assigned physicians read it (roles table); others get 404 like for an unknown object."""
    platzierung = get_object_or_404(
        Platzierung.objects.select_related("fall").filter(fall__in=faelle_fuer_user(request.user)), pk=pk
    )
    if not platzierung.arztbericht or not darf_gesundheitsdaten_lesen(request.user, platzierung.fall.person):
        raise Http404("Nicht gefunden.")
    try:
        datei = platzierung.arztbericht.open("rb")
    except FileNotFoundError as fehlt:
        raise Http404("Die Datei ist nicht mehr vorhanden.") from fehlt
    lesezugriff_protokollieren(
        request_or_user=request, person=platzierung.fall.person_id, objekt=platzierung, aktion=Aktion.DOKUMENT
    )
    return FileResponse(datei, as_attachment=True, filename=os.path.basename(platzierung.arztbericht.name))
