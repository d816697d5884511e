"""Browser pages of the disciplinary law (§§ 40–45 JVG).

Thin: visibility from `disziplinar.queries.verfahren_fuer_user` and `queries_ui.rapporte_fuer_user`
(outside → 404), one call of `disziplinar.domain` per write (its PermissionDenied → 403, its
ValidationError next to the fields, R-0-BAD-1). The Verfügung's lifecycle (Gehör, four-eyes, Eröffnung,
PDF, appeal) is the shared page `verfuegungen:detail`; these pages link to it.
"""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from disziplinar import domain, permissions, recht
from disziplinar.forms import (
    BeilageFormSet,
    DeliktFormSet,
    EinstellenForm,
    EntscheidForm,
    RapportFilterForm,
    RapportForm,
    SanktionFormSet,
    StatistikFilterForm,
    StrafanzeigeForm,
    VerfahrenFilterForm,
)
from disziplinar.models import Disziplinarsanktion, Disziplinarverfahren, RapportBeilage, RapportDelikt
from disziplinar.queries import (
    faelle_zum_rapportieren,
    rapporte_fuer_user,
    verfahren_fuer_user,
    vorstrafen,
)
from disziplinar.queries import verfahren_liste as _verfahren_qs
from disziplinar.recht import Sanktionsstatus, Verfahrensstatus
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from kern.rollen import Rolle, hat_rolle
from kern.web.forms import fehler_uebernehmen
from kern.web.seiten import GedeckelterPaginator
from verfuegungen import domain as vfg
from verfuegungen.models import EROEFFNETE_STATUS, Beschwerde
from verfuegungen.recht import Verfuegungsstatus
from vollzug.queries import dossier_filter

PRO_SEITE = 25


def _keine_berechtigung(was: str) -> PermissionDenied:
    return PermissionDenied(f"Keine Berechtigung: {was} (R-0-ROLE-1).")


def _leitet(user, verfahren) -> bool:
    return permissions.darf_verfahren_leiten(user, verfahren)


def _verjaehrung_anzeigen(verfahren, heute) -> None:
    """R-41-5a: days left until the limitation date, and whether to warn (`recht.warnung_tage`)."""
    verfahren.verjaehrung_rest = (verfahren.verjaehrung_am - heute).days
    offen = verfahren.status == Verfahrensstatus.OFFEN
    verfahren.verjaehrung_warnung = offen and 0 <= verfahren.verjaehrung_rest <= recht.warnung_tage()
    verfahren.verjaehrung_abgelaufen = offen and verfahren.verjaehrung_rest < 0


@login_required
@require_GET
def start(request):
    """Entry of the navigation: staff start at the reports, management and authority at the proceedings."""
    if hat_rolle(request.user, Rolle.ANSTALTSPERSONAL):
        return redirect("disziplinar:rapport_liste")
    return redirect("disziplinar:verfahren_liste")


# --- Rapport (R-40-1) ----------------------------------------------------------------------------


@login_required
@require_GET
def rapport_liste(request):
    """Reports the user may see (facility roles: their facility; authority: all), constant queries."""
    form = RapportFilterForm(request.GET or None)
    rapporte = (
        rapporte_fuer_user(request.user)
        .select_related("person", "anstalt", "fall", "gemeldet_durch", "verfahren")
        .prefetch_related(Prefetch("delikte", queryset=RapportDelikt.objects.order_by("pk")))
        .order_by("-tatzeit", "-pk")
    )
    if form.is_valid() and (wert := form.cleaned_data["verfahren"]):
        rapporte = rapporte.filter(verfahren__isnull=(wert == "ohne"))
    # The dossier's "alle anzeigen" (issue 17): ?person=…&fall=…
    rapporte, dossier = dossier_filter(request, rapporte)
    seite = GedeckelterPaginator(rapporte, PRO_SEITE).get_page(request.GET.get("page"))
    return render(
        request,
        "disziplinar/rapport_liste.html",
        {
            "form": form,
            "seite": seite,
            "filter_aktiv": form.is_valid() and any(form.cleaned_data.values()),
            "dossier": dossier,
            "liste_url": reverse("disziplinar:rapport_liste"),
            "kann_rapportieren": permissions.darf_rapportieren_ueberhaupt(request.user),
            "sieht_verfahren": hat_rolle(
                request.user,
                Rolle.ANSTALTSLEITUNG,
                Rolle.SACHBEARBEITUNG,
                Rolle.REVISION,
                Rolle.BEDROHUNGSMANAGEMENT,
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def rapport_neu(request):
    """R-40-1: staff (and management) report an act of a person placed in their facility."""
    user = request.user
    if not permissions.darf_rapportieren_ueberhaupt(user):
        raise _keine_berechtigung("Rapport erfassen")
    faelle = faelle_zum_rapportieren(user)
    daten = request.POST if request.method == "POST" else None
    initial = {}
    if daten is None and request.GET.get("fall", "").isdigit():
        initial["fall"] = faelle.filter(pk=request.GET["fall"]).first()
    form = RapportForm(daten, initial=initial, faelle=faelle)
    delikte = DeliktFormSet(daten, prefix="delikte")
    beilagen = BeilageFormSet(daten, request.FILES or None, prefix="beilagen")
    if daten is not None and all([form.is_valid(), delikte.is_valid(), beilagen.is_valid()]):
        d_zeilen = [i for i, f in enumerate(delikte.forms) if f.cleaned_data.get("tatbestand")]
        b_zeilen = [i for i, f in enumerate(beilagen.forms) if f.cleaned_data.get("datei")]
        c = form.cleaned_data
        try:
            rapport = domain.rapport_erfassen(
                fall=c["fall"],
                tatzeit=c["tatzeit"],
                sachverhalt=c["sachverhalt"],
                zeugen=c["zeugen"],
                delikte=[
                    domain.DeliktDaten(
                        tatbestand=delikte.forms[i].cleaned_data["tatbestand"],
                        teilnahmeform=delikte.forms[i].cleaned_data["teilnahmeform"],
                    )
                    for i in d_zeilen
                ],
                beilagen=[
                    domain.BeilageDaten(
                        titel=beilagen.forms[i].cleaned_data["titel"],
                        datei=beilagen.forms[i].cleaned_data["datei"],
                    )
                    for i in b_zeilen
                ],
                durch=user,
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form, zeilen={"delikte": (delikte, d_zeilen)})
        else:
            messages.success(request, "Rapport erfasst (§ 40 JVG).")
            return redirect("disziplinar:rapport_detail", pk=rapport.pk)
    return render(
        request,
        "disziplinar/rapport_form.html",
        {"form": form, "delikte": delikte, "beilagen": beilagen, "erneut_angezeigt": daten is not None},
    )


def _rapport(request, pk):
    return get_object_or_404(
        rapporte_fuer_user(request.user).select_related("person", "anstalt", "fall", "gemeldet_durch"), pk=pk
    )


@login_required
@require_GET
def rapport_detail(request, pk):
    user = request.user
    r = _rapport(request, pk)
    # R-0-AUDIT-2: opening the report reads the person's file.
    lesezugriff_protokollieren(request_or_user=request, person=r.person_id, objekt=r, aktion=Aktion.ANSICHT)
    verfahren = (
        Disziplinarverfahren.objects.filter(rapport=r)
        .only("pk", "nummer", "status", "anstalt_id", "person_id")
        .first()
    )
    sichtbar = verfahren is not None and verfahren_fuer_user(user).filter(pk=verfahren.pk).exists()
    return render(
        request,
        "disziplinar/rapport_detail.html",
        {
            "r": r,
            "delikte": r.delikte.order_by("pk"),
            "beilagen": r.beilagen.select_related("hochgeladen_durch").order_by("pk"),
            "verfahren": verfahren,
            "verfahren_sichtbar": sichtbar,
            "kann_eroeffnen": verfahren is None
            and permissions.darf_leiten(user, anstalt_id=r.anstalt_id, person_id=r.person_id),
            # Issue 17: staff draft the decision of an open proceeding (the management approves it).
            "kann_entscheiden": verfahren is not None
            and verfahren.status == Verfahrensstatus.OFFEN
            and permissions.darf_entscheid_entwerfen(user, verfahren)
            and domain.verfuegung_von(verfahren) is None,
        },
    )


@login_required
@require_GET
def beilage_download(request, pk):
    """Evidence of a report: only for who sees the report (else 404); every read is logged."""
    beilage = get_object_or_404(
        RapportBeilage.objects.select_related("rapport").filter(rapport__in=rapporte_fuer_user(request.user)),
        pk=pk,
    )
    try:
        datei = beilage.datei.open("rb")
    except FileNotFoundError as fehlt:
        raise Http404("Die Datei ist nicht mehr vorhanden.") from fehlt
    lesezugriff_protokollieren(
        request_or_user=request, person=beilage.rapport.person_id, objekt=beilage, aktion=Aktion.DOKUMENT
    )
    return FileResponse(datei, as_attachment=True, filename=os.path.basename(beilage.datei.name))


@login_required
@require_POST
def verfahren_eroeffnen(request, pk):
    """Open the proceeding of a report (facility management; staff → 403 from the service)."""
    r = _rapport(request, pk)
    try:
        verfahren = domain.verfahren_eroeffnen(rapport=r, durch=request.user)
    except ValidationError as fehler:
        for text in fehler.messages:
            messages.error(request, text)
        return redirect("disziplinar:rapport_detail", pk=r.pk)
    messages.success(
        request,
        f"Disziplinarverfahren {verfahren.nummer} eröffnet; Verjährung am {verfahren.verjaehrung_am:%d.%m.%Y}.",
    )
    return redirect("disziplinar:verfahren_detail", pk=verfahren.pk)


# --- Proceedings ---------------------------------------------------------------------------------


@login_required
@require_GET
def verfahren_liste(request):
    form = VerfahrenFilterForm(request.GET or None)
    qs = _verfahren_qs(request.user)
    if form.is_valid() and (wert := form.cleaned_data["status"]):
        qs = qs.filter(status=wert)
    qs, dossier = dossier_filter(request, qs, fall="rapport__fall")
    seite = GedeckelterPaginator(qs, PRO_SEITE).get_page(request.GET.get("page"))
    heute = timezone.localdate()
    for v in seite.object_list:
        _verjaehrung_anzeigen(v, heute)
        v.verfuegung_status_text = Verfuegungsstatus(v.verfuegung_status).label if v.verfuegung_status else ""
    return render(
        request,
        "disziplinar/verfahren_liste.html",
        {
            "form": form,
            "seite": seite,
            "filter_aktiv": form.is_valid() and any(form.cleaned_data.values()),
            "warnung_tage": recht.warnung_tage(),
            "dossier": dossier,
            "liste_url": reverse("disziplinar:verfahren_liste"),
        },
    )


def _verfahren(request, pk) -> Disziplinarverfahren:
    return get_object_or_404(
        verfahren_fuer_user(request.user).select_related(
            "person", "anstalt", "rapport__fall", "rapport__gemeldet_durch", "geleitet_durch"
        ),
        pk=pk,
    )


def _detail_rendern(request, v, **formulare):
    user = request.user
    heute = timezone.localdate()
    _verjaehrung_anzeigen(v, heute)
    leitet = _leitet(user, v)
    verfuegung = domain.verfuegung_von(v)
    sanktionen = list(verfuegung.disziplinarsanktionen.order_by("art")) if verfuegung else []
    eroeffnet = verfuegung is not None and verfuegung.status in EROEFFNETE_STATUS
    vollstreckbar = eroeffnet and vfg.ist_vollstreckbar(verfuegung)
    for s in sanktionen:
        s.kann_vollziehen = (
            permissions.darf_sanktion_vollziehen(user, v)
            and vollstreckbar
            and s.status == Sanktionsstatus.ANGEORDNET
            and (s.vollzug_beginn is None or s.vollzug_beginn <= heute)
        )
    offen = v.status == Verfahrensstatus.OFFEN
    kontext = {
        "v": v,
        "delikte": v.rapport.delikte.order_by("pk"),
        "vorstrafen": list(vorstrafen(v.person, ausser=v)),
        "verfuegung": verfuegung,
        "sanktionen": sanktionen,
        "beschwerde": Beschwerde.objects.filter(verfuegung=verfuegung).first() if eroeffnet else None,
        "eroeffnet": eroeffnet,
        "vollstreckbar": vollstreckbar,
        "leitet": leitet,
        "kann_entscheiden": offen and verfuegung is None and permissions.darf_entscheid_entwerfen(user, v),
        "warnung_tage": recht.warnung_tage(),
    }
    if leitet and not v.strafanzeige:
        kontext["strafanzeige_form"] = formulare.get("strafanzeige") or StrafanzeigeForm(
            prefix="strafanzeige"
        )
    if leitet and offen and not eroeffnet:
        kontext["einstellen_form"] = formulare.get("einstellen") or EinstellenForm(prefix="einstellen")
    return render(request, "disziplinar/verfahren_detail.html", kontext)


@login_required
@require_GET
def verfahren_detail(request, pk):
    v = _verfahren(request, pk)
    # R-0-AUDIT-2: opening the proceeding reads the person's file.
    lesezugriff_protokollieren(request_or_user=request, person=v.person_id, objekt=v, aktion=Aktion.ANSICHT)
    return _detail_rendern(request, v)


def _strafanzeige(request, v, form):
    domain.strafanzeige_vormerken(
        verfahren=v,
        datum=form.cleaned_data["strafanzeige_am"],
        referenz=form.cleaned_data["referenz"],
        durch=request.user,
    )
    return "Strafanzeige an die Staatsanwaltschaft vorgemerkt (§ 40 Abs. 4 JVG)."


def _einstellen(request, v, form):
    domain.verfahren_einstellen(verfahren=v, grund=form.cleaned_data["einstellung_grund"], durch=request.user)
    return "Disziplinarverfahren eingestellt."


# action → (form class, prefix, call); the call returns the success message.
AKTIONEN = {
    "strafanzeige": (StrafanzeigeForm, _strafanzeige),
    "einstellen": (EinstellenForm, _einstellen),
}


@login_required
@require_POST
def verfahren_aktion(request, pk, aktion):
    """R-40-4 (report to the Staatsanwaltschaft) and stopping the proceeding: one service call each."""
    v = _verfahren(request, pk)
    if aktion not in AKTIONEN:
        raise Http404("Unbekannte Aktion.")
    if not _leitet(request.user, v):
        raise _keine_berechtigung("Disziplinarverfahren leiten")
    form_klasse, aufruf = AKTIONEN[aktion]
    form = form_klasse(request.POST, prefix=aktion)
    if form.is_valid():
        try:
            meldung = aufruf(request, v, form)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, meldung)
            return redirect("disziplinar:verfahren_detail", pk=v.pk)
    return _detail_rendern(request, _verfahren(request, pk), **{aktion: form})


@login_required
@require_http_methods(["GET", "POST"])
def entscheid(request, pk):
    """The decision (R-41-1, R-41-2, R-41-4): sanctions a–f combinable, assessment, reasons → the draft
    Disziplinarverfügung, continued on the Verfügung page (Gehör, four-eyes, Eröffnung, PDF)."""
    v = get_object_or_404(
        verfahren_fuer_user(request.user).select_related("person", "anstalt", "rapport__fall"), pk=pk
    )
    if not permissions.darf_entscheid_entwerfen(request.user, v):
        raise _keine_berechtigung("Disziplinarverfügung entwerfen")
    vorhanden = domain.verfuegung_von(v)
    if vorhanden is not None:
        messages.info(request, f"Zu diesem Verfahren besteht bereits die Verfügung {vorhanden.nummer}.")
        return redirect("verfuegungen:detail", pk=vorhanden.pk)
    daten = request.POST if request.method == "POST" else None
    form = EntscheidForm(daten)
    sanktionen = SanktionFormSet(daten, prefix="sanktionen")
    if daten is not None and form.is_valid() and sanktionen.is_valid():
        zeilen = [i for i, f in enumerate(sanktionen.forms) if f.cleaned_data.get("art")]
        c = form.cleaned_data
        try:
            verfuegung = domain.verfuegung_entwerfen_fuer(
                verfahren=v,
                sanktionen=[
                    domain.SanktionDaten(
                        art=z["art"],
                        dauer_tage=z["dauer_tage"],
                        betrag_chf=z["betrag_chf"],
                        beschreibung=z["beschreibung"],
                        vollzug_beginn=z["vollzug_beginn"],
                        vollzug_ende=z["vollzug_ende"],
                    )
                    for z in (sanktionen.forms[i].cleaned_data for i in zeilen)
                ],
                beurteilung=domain.Beurteilung(
                    verschulden=c["verschulden"],
                    schwere=c["schwere"],
                    persoenliche_verhaeltnisse=c["persoenliche_verhaeltnisse"],
                    auswirkung_resozialisierung=c["auswirkung_resozialisierung"],
                ),
                begruendung=c["begruendung"],
                durch=request.user,
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form, zeilen={"sanktionen": (sanktionen, zeilen)})
        else:
            messages.success(
                request,
                f"Entwurf der Disziplinarverfügung {verfuegung.nummer} erstellt: rechtliches Gehör erfassen, "
                "zur Genehmigung vorlegen (Vier-Augen-Prinzip) und eröffnen.",
            )
            return redirect("verfuegungen:detail", pk=verfuegung.pk)
    _verjaehrung_anzeigen(v, timezone.localdate())
    return render(
        request,
        "disziplinar/entscheid_form.html",
        {
            "v": v,
            "zurueck": reverse("disziplinar:verfahren_detail", args=[v.pk]),
            "form": form,
            "sanktionen": sanktionen,
            "vorstrafen": list(vorstrafen(v.person, ausser=v)),
            "privat": v.anstalt.ist_privat,
            "busse_max": recht.busse_max_chf(),
            "warnung_tage": recht.warnung_tage(),
        },
    )


@login_required
@require_POST
def sanktion_vollziehen(request, pk):
    """§ 44: record the execution of one sanction of an enforceable decision (R-41-5b refused)."""
    s = get_object_or_404(
        Disziplinarsanktion.objects.filter(verfahren__in=verfahren_fuer_user(request.user)), pk=pk
    )
    try:
        s = domain.sanktion_vollziehen(sanktion=s, durch=request.user)
    except ValidationError as fehler:
        for text in fehler.messages:
            messages.error(request, text)
    else:
        messages.success(request, f"Vollzug erfasst: {s.get_art_display()}.")
    return redirect("disziplinar:verfahren_detail", pk=s.verfahren_id)


# --- Statistics ----------------------------------------------------------------------------------


@login_required
@require_GET
def statistik_seite(request):
    """Proceedings, sanctions by kind and facility, limitation cases per month; chart and CSV.
    Facility management: its own facility; sachbearbeitung and revision: all, filterable."""
    user = request.user
    if not permissions.darf_statistik_sehen(user):
        raise _keine_berechtigung("Disziplinarstatistik")
    alle = permissions.sieht_alle_anstalten(user)
    form = StatistikFilterForm(request.GET or None, alle_anstalten=alle)
    jahr, anstalt = timezone.localdate().year, None
    if form.is_valid():
        jahr = form.cleaned_data["jahr"] or jahr
        anstalt = form.cleaned_data.get("anstalt")
    if not alle:
        anstalt = user.anstalt
    daten = domain.statistik_berechnen(jahr=jahr, anstalt_id=anstalt.pk if anstalt else None)
    daten.anstalt_name = anstalt.name if anstalt else "alle Einrichtungen"
    if request.GET.get("format") == "csv":
        antwort = HttpResponse(domain.csv_inhalt(daten), content_type="text/csv; charset=utf-8")
        name = f"disziplinarstatistik-{jahr}" + (f"-{slugify(anstalt.kurzname)}" if anstalt else "")
        antwort["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return antwort
    return render(
        request,
        "disziplinar/statistik.html",
        {
            "form": form,
            "s": daten,
            "diagramm": domain.diagramm(daten),
            "alle_anstalten": alle,
        },
    )
