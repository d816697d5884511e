"""Browser pages of §§ 27, 29, 30 JVG.

Thin: visibility from `queries` (outside → 404; roles without any access to this module → 403), one
service call per write (its PermissionDenied → 403, its ValidationError next to the fields). Lists run a
constant number of queries. Content is only streamed by `inhalt` after a justified access.
"""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kern import csv_export
from kern.fristen import TZ
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from kern.rollen import Rolle, hat_rolle
from kern.web.bestaetigung import bestaetigung_verlangen
from kern.web.forms import fehler_uebernehmen
from ueberwachung import domain, permissions, queries, recht
from ueberwachung import forms as f
from ueberwachung.domain import inhalt_antwort
from ueberwachung.models import EDDatei, Telefonaufzeichnung, Videoaufzeichnung
from vollzug.queries import personen_fuer_user

PRO_SEITE = 50


def _sicht(request) -> None:
    if not queries.sieht_modul(request.user):
        raise PermissionDenied("Keine Berechtigung: Überwachungsdaten (§§ 27, 29, 30 JVG, R-0-ROLE-1).")


def _personen_der_anstalt(user):
    return (
        personen_fuer_user(user).order_by("amtlicher_name", "vorname", "pk")
        if permissions.ist_anstaltsleitung(user)
        else None
    )


def _ausfuehren(request, form, aufruf, erfolg: str):
    """Run one service call; on ValidationError attach the messages to the form and return None."""
    try:
        ergebnis = aufruf()
    except ValidationError as exc:
        fehler_uebernehmen(exc, form)
        return None
    messages.success(request, erfolg)
    return ergebnis


@login_required
@require_GET
def start(request):
    _sicht(request)
    if hat_rolle(request.user, Rolle.REVISION):
        return redirect("ueberwachung:vernichtung_liste")
    return redirect("ueberwachung:telefon_liste")


# --- Lists ----------------------------------------------------------------------------------------


def _filter(request, qs):
    form = f.ListenFilterForm(request.GET or None)
    if form.is_valid():
        if bis := form.cleaned_data["faellig_bis"]:
            qs = qs.filter(
                loeschung_faellig_am__lt=datetime.combine(bis + timedelta(days=1), time(0), tzinfo=TZ)
            )
        if anstalt := form.cleaned_data["anstalt"]:
            qs = qs.filter(anstalt_id=anstalt)
    return form, qs


def _aktiv_beigezogen():
    return Count("beizuege", filter=Q(beizuege__aufgehoben_am__isnull=True))


@login_required
@require_GET
def telefon_liste(request):
    _sicht(request)
    qs = (
        queries.telefon_fuer_user(request.user)
        .select_related("person", "anstalt")
        .annotate(beizuege_aktiv=_aktiv_beigezogen())
        .order_by("-beginn", "-pk")
    )
    form, qs = _filter(request, qs)
    seite = Paginator(qs, PRO_SEITE).get_page(request.GET.get("page"))
    return render(
        request,
        "ueberwachung/telefon_liste.html",
        {"seite": seite, "form": form, "kann_erfassen": permissions.ist_anstaltsleitung(request.user)},
    )


@login_required
@require_GET
def video_liste(request):
    _sicht(request)
    qs = (
        queries.video_fuer_user(request.user)
        .select_related("zone", "anstalt", "person")
        .annotate(beizuege_aktiv=_aktiv_beigezogen())
        .order_by("-beginn", "-pk")
    )
    form, qs = _filter(request, qs)
    seite = Paginator(qs, PRO_SEITE).get_page(request.GET.get("page"))
    return render(
        request,
        "ueberwachung/video_liste.html",
        {"seite": seite, "form": form, "kann_erfassen": permissions.ist_anstaltsleitung(request.user)},
    )


@login_required
@require_GET
def beizug_liste(request):
    _sicht(request)
    qs = (
        queries.beizuege_fuer_user(request.user)
        .select_related("telefon__person", "video__zone")
        .order_by("aufgehoben_am", "-beigezogen_am", "-pk")
    )
    seite = Paginator(qs, PRO_SEITE).get_page(request.GET.get("page"))
    return render(request, "ueberwachung/beizug_liste.html", {"seite": seite})


@login_required
@require_GET
def zugriff_liste(request):
    _sicht(request)
    qs = (
        queries.zugriffe_fuer_user(request.user)
        .select_related("benutzer", "person")
        .order_by("-zeitpunkt", "-pk")
    )
    seite = Paginator(qs, PRO_SEITE).get_page(request.GET.get("page"))
    return render(request, "ueberwachung/zugriff_liste.html", {"seite": seite})


# --- Phone recordings -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def telefon_neu(request):
    """R-29-1: upload by the facility management (the phone system uses the API)."""
    if not permissions.ist_anstaltsleitung(request.user):
        raise PermissionDenied("Keine Berechtigung: Telefonaufzeichnung erfassen (R-0-ROLE-1).")
    form = f.TelefonForm(
        request.POST or None, request.FILES or None, personen=_personen_der_anstalt(request.user)
    )
    if request.method == "POST" and form.is_valid():
        a = _ausfuehren(
            request,
            form,
            lambda: domain.telefonaufzeichnung_erfassen(**form.cleaned_data, durch=request.user),
            "Telefonaufzeichnung gespeichert (§ 29 Abs. 1 JVG).",
        )
        if a is not None:
            return redirect("ueberwachung:telefon_detail", a.pk)
    return render(
        request,
        "ueberwachung/formular.html",
        {"form": form, "titel": "Telefonaufzeichnung erfassen (§ 29 JVG)", "datei": True},
    )


def _telefon(request, pk) -> Telefonaufzeichnung:
    return get_object_or_404(
        queries.telefon_fuer_user(request.user).select_related("person", "anstalt"), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def telefon_detail(request, pk):
    _sicht(request)
    a = _telefon(request, pk)
    lesezugriff_protokollieren(request_or_user=request, person=a.person_id, objekt=a, aktion=Aktion.ANSICHT)
    return _aufzeichnung_seite(request, a, "ueberwachung/telefon_detail.html")


def _nur_leitung(request, aufzeichnung, was):
    """Issue 18 item 6: refuse before the form is read (the domain checks again)."""
    if not queries.ist_leitung(request.user, aufzeichnung.anstalt_id):
        raise PermissionDenied(f"Keine Berechtigung: {was}.")


@login_required
@require_POST
def telefon_abhoeren(request, pk):
    _sicht(request)
    a = _telefon(request, pk)
    _nur_leitung(request, a, "Telefonaufzeichnung abhören (nur Anstaltsleitung, § 29 Abs. 3 JVG)")
    form = f.AbhoerenForm(request.POST)
    if form.is_valid():
        z = _ausfuehren(
            request,
            form,
            lambda: domain.abhoeren(aufzeichnung=a, **form.cleaned_data, durch=request.user),
            "Abhören protokolliert (§ 29 Abs. 3 JVG).",
        )
        if z is not None:
            return redirect("ueberwachung:zugriff_detail", z.pk)
    return _aufzeichnung_seite(request, a, "ueberwachung/telefon_detail.html", abhoeren=form, status=400)


# --- Video ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def video_neu(request):
    if not permissions.ist_anstaltsleitung(request.user):
        raise PermissionDenied("Keine Berechtigung: Videoaufzeichnung erfassen (R-0-ROLE-1).")
    zonen = queries.zonen_fuer_user(request.user).filter(aufgehoben_am__isnull=True)
    form = f.VideoForm(
        request.POST or None, request.FILES or None, zonen=zonen, personen=_personen_der_anstalt(request.user)
    )
    if request.method == "POST" and form.is_valid():
        v = _ausfuehren(
            request,
            form,
            lambda: domain.videoaufzeichnung_erfassen(**form.cleaned_data, durch=request.user),
            "Videoaufzeichnung gespeichert (§ 30 JVG).",
        )
        if v is not None:
            return redirect("ueberwachung:video_detail", v.pk)
    return render(
        request,
        "ueberwachung/formular.html",
        {"form": form, "titel": "Videoaufzeichnung erfassen (§ 30 JVG)", "datei": True},
    )


def _video(request, pk) -> Videoaufzeichnung:
    return get_object_or_404(
        queries.video_fuer_user(request.user).select_related("zone", "anstalt", "person"), pk=pk
    )


@login_required
@require_GET
def video_detail(request, pk):
    _sicht(request)
    v = _video(request, pk)
    lesezugriff_protokollieren(request_or_user=request, person=v.person_id, objekt=v, aktion=Aktion.ANSICHT)
    return _aufzeichnung_seite(request, v, "ueberwachung/video_detail.html")


@login_required
@require_POST
def video_auswerten(request, pk):
    _sicht(request)
    v = _video(request, pk)
    _nur_leitung(request, v, "Videoaufzeichnung auswerten (nur Anstaltsleitung, § 30 Abs. 3 JVG)")
    form = f.AuswertenForm(request.POST)
    if form.is_valid():
        z = _ausfuehren(
            request,
            form,
            lambda: domain.auswerten(video=v, **form.cleaned_data, durch=request.user),
            "Auswertung protokolliert (§ 30 Abs. 3 JVG).",
        )
        if z is not None:
            return redirect("ueberwachung:zugriff_detail", z.pk)
    return _aufzeichnung_seite(request, v, "ueberwachung/video_detail.html", auswerten=form, status=400)


@login_required
@require_POST
def video_abschliessen(request, pk):
    _sicht(request)
    v = _video(request, pk)
    try:
        domain.auswertung_abschliessen(video=v, durch=request.user)
        messages.success(
            request,
            "Auswertung abgeschlossen: die Aufzeichnung wird beim nächsten Löschlauf vernichtet (§ 30 Abs. 5 JVG).",
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("ueberwachung:video_detail", v.pk)


@login_required
@require_POST
def einsicht(request, art, pk):
    _sicht(request)
    if art not in ("telefon", "video"):
        raise Http404("Nicht gefunden.")
    a = _telefon(request, pk) if art == "telefon" else _video(request, pk)
    _nur_leitung(request, a, "Einsicht gewähren (nur Anstaltsleitung, § 30 Abs. 4 JVG)")
    form = f.EinsichtForm(request.POST, beizuege=a.beizuege.filter(aufgehoben_am__isnull=True))
    if form.is_valid():
        z = _ausfuehren(
            request,
            form,
            lambda: domain.einsicht_gewaehren(aufzeichnung=a, **form.cleaned_data, durch=request.user),
            "Einsicht protokolliert (§ 30 Abs. 4 JVG).",
        )
        if z is not None:
            return redirect("ueberwachung:zugriff_detail", z.pk)
    vorlage = "ueberwachung/telefon_detail.html" if art == "telefon" else "ueberwachung/video_detail.html"
    return _aufzeichnung_seite(request, a, vorlage, einsicht=form, status=400)


# --- Holds ------------------------------------------------------------------------------------------


@login_required
@require_POST
def beizug_neu(request, art, pk):
    _sicht(request)
    if art not in ("telefon", "video"):
        raise Http404("Nicht gefunden.")
    a = _telefon(request, pk) if art == "telefon" else _video(request, pk)
    if not permissions.darf_beiziehen(request.user, a):
        raise PermissionDenied("Keine Berechtigung: Aufzeichnung einem Verfahren beiziehen.")
    form = f.BeizugForm(request.POST)
    if form.is_valid():
        b = _ausfuehren(
            request,
            form,
            lambda: domain.beizug_erfassen(aufzeichnung=a, **form.cleaned_data, durch=request.user),
            "Beizug erfasst: die Aufzeichnung wird nicht gelöscht, solange er besteht.",
        )
        if b is not None:
            return redirect(f"ueberwachung:{art}_detail", a.pk)
    vorlage = "ueberwachung/telefon_detail.html" if art == "telefon" else "ueberwachung/video_detail.html"
    return _aufzeichnung_seite(request, a, vorlage, beizug=form, status=400)


@login_required
@require_POST
def beizug_aufheben(request, pk):
    _sicht(request)
    b = get_object_or_404(queries.beizuege_fuer_user(request.user), pk=pk)
    form = f.AufhebenForm(request.POST)
    if form.is_valid():
        try:
            domain.beizug_aufheben(beizug=b, grund=form.cleaned_data["grund"], durch=request.user)
            messages.success(request, "Beizug aufgehoben.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, "Den Grund der Aufhebung angeben.")
    if b.telefon_id:
        return redirect("ueberwachung:telefon_detail", b.telefon_id)
    return redirect("ueberwachung:video_detail", b.video_id)


def _aufzeichnung_seite(request, a, vorlage, *, status=200, **formulare):
    leitung = queries.ist_leitung(request.user, a.anstalt_id)
    beizuege = list(a.beizuege.select_related("beigezogen_durch").order_by("pk"))
    kontext = {
        "a": a,
        "beizuege": beizuege,
        "beigezogen": any(b.aktiv for b in beizuege),
        "leitung": leitung,
        "darf_beiziehen": permissions.darf_beiziehen_ueberhaupt(request.user),
        "zugriffe": queries.zugriffe_fuer_user(request.user)
        .filter(objektart=a.objektart, objekt_id=a.pk)
        .select_related("benutzer")
        .order_by("-zeitpunkt"),
        "abhoeren": formulare.get("abhoeren") or f.AbhoerenForm(),
        "auswerten": formulare.get("auswerten") or f.AuswertenForm(),
        "beizug": formulare.get("beizug") or f.BeizugForm(),
        "einsicht": formulare.get("einsicht")
        or f.EinsichtForm(beizuege=a.beizuege.filter(aufgehoben_am__isnull=True)),
        "aufheben": f.AufhebenForm(),
        "faellig": a.loeschung_faellig_am <= timezone.now(),
    }
    return render(request, vorlage, kontext, status=status)


# --- Access and content -------------------------------------------------------------------------------


@login_required
@require_GET
def zugriff_detail(request, pk):
    """The page after a justified access: the player (or the file list) for the content."""
    zugriff, objekt = domain.zugriff_fuer_inhalt(zugriff_id=pk, user=request.user)
    if objekt is None:
        # Expired or no longer entitled: the log entry stays visible to who may see the log, else 404.
        eintrag = get_object_or_404(queries.zugriffe_fuer_user(request.user), pk=pk)
        return render(request, "ueberwachung/zugriff_detail.html", {"z": eintrag, "abgelaufen": True})
    dateien = list(objekt.dateien.order_by("pk")) if zugriff.objektart == "ed" else []
    return render(
        request,
        "ueberwachung/zugriff_detail.html",
        {"z": zugriff, "objekt": objekt, "dateien": dateien, "abgelaufen": False},
    )


@login_required
@require_GET
def inhalt(request, pk):
    return inhalt_antwort(request, pk, request.GET.get("datei"))


# --- Zones ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def zonen(request):
    _sicht(request)
    form = f.ZoneForm(request.POST or None)
    if request.method == "POST":
        if not permissions.ist_anstaltsleitung(request.user):
            raise PermissionDenied("Keine Berechtigung: Videozone festlegen (R-0-ROLE-1).")
        if form.is_valid() and _ausfuehren(
            request,
            form,
            lambda: domain.videozone_festlegen(**form.cleaned_data, durch=request.user),
            "Videozone festgelegt (§ 30 Abs. 2 JVG).",
        ):
            return redirect("ueberwachung:zonen")
    zonen_qs = (
        queries.zonen_fuer_user(request.user)
        .select_related("anstalt")
        .order_by("aufgehoben_am", "bezeichnung")
    )
    return render(
        request,
        "ueberwachung/zonen.html",
        {"zonen": zonen_qs, "form": form, "kann_festlegen": permissions.ist_anstaltsleitung(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def zone_aufheben(request, pk):
    _sicht(request)
    zone = get_object_or_404(queries.zonen_fuer_user(request.user), pk=pk)
    # Issue 17 item 7: a one-click lift asks first (only the management, who may lift; else the domain's 403).
    if zone.aufgehoben_am is None and queries.ist_leitung(request.user, zone.anstalt_id):
        frage = bestaetigung_verlangen(
            request,
            frage=f"Videozone «{zone.bezeichnung}» wirklich aufheben?",
            folgen=[
                "Die Videoüberwachung dieses Bereichs endet; bestehende Aufzeichnungen behalten ihre Zone.",
                "Die Aufhebung wird festgehalten und lässt sich nicht rückgängig machen (§ 30 Abs. 2 JVG).",
            ],
            knopf="Ja, Videozone aufheben",
            zurueck=reverse("ueberwachung:zonen"),
        )
        if frage:
            return frage
    try:
        domain.videozone_aufheben(zone=zone, durch=request.user)
        messages.success(request, "Videozone aufgehoben.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("ueberwachung:zonen")


# --- Counsel ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def rechtsbeistaende(request):
    _sicht(request)
    form = f.RechtsbeistandForm(
        request.POST or None, personen=personen_fuer_user(request.user).order_by("amtlicher_name", "vorname")
    )
    if request.method == "POST":
        if not permissions.darf_beiziehen_ueberhaupt(request.user):
            raise PermissionDenied("Keine Berechtigung: Rechtsbeistand erfassen (R-0-ROLE-1).")
        if form.is_valid() and _ausfuehren(
            request,
            form,
            lambda: domain.rechtsbeistand_erfassen(**form.cleaned_data, durch=request.user),
            "Rechtsbeistand erfasst; Gespräche mit dieser Nummer werden nicht aufgezeichnet (§ 29 Abs. 4 JVG).",
        ):
            return redirect("ueberwachung:rechtsbeistaende")
    liste = (
        queries.rechtsbeistaende_fuer_user(request.user)
        .select_related("person")
        .order_by("person__amtlicher_name", "name")
    )
    seite = Paginator(liste, PRO_SEITE).get_page(request.GET.get("page"))
    return render(
        request,
        "ueberwachung/rechtsbeistaende.html",
        {"seite": seite, "form": form, "kann_erfassen": permissions.darf_beiziehen_ueberhaupt(request.user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def rechtsbeistand_entfernen(request, pk):
    """Issue 23: remove a counsel number with a reason (the service checks the role and the person's
    facility); calls made before the removal stay refused."""
    _sicht(request)
    b = get_object_or_404(queries.rechtsbeistaende_fuer_user(request.user), pk=pk)
    if not domain.darf_rechtsbeistand_bearbeiten(request.user, b.person_id):
        raise PermissionDenied("Keine Berechtigung: Rechtsbeistand entfernen (R-0-ROLE-1).")
    form = f.AufhebenForm(request.POST)
    if form.is_valid():
        try:
            domain.rechtsbeistand_entfernen(beistand=b, grund=form.cleaned_data["grund"], durch=request.user)
            messages.success(
                request,
                "Rechtsbeistand entfernt; Gespräche vor der Entfernung bleiben abgewiesen (§ 29 Abs. 4 JVG).",
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, "Den Grund der Entfernung angeben.")
    return redirect("ueberwachung:rechtsbeistaende")


# --- ED -----------------------------------------------------------------------------------------------


@login_required
@require_GET
def ed_liste(request):
    _sicht(request)
    qs = (
        queries.ed_fuer_user(request.user)
        .select_related("person", "anstalt")
        .annotate(
            anzahl_dateien=Count("dateien"),
            letzte_entlassung=queries.letzte_entlassung(),
            in_vollzug=queries.im_vollzug(),
        )
        .order_by("-durchgefuehrt_am", "-pk")
    )
    if request.GET.get("person", "").isdigit():
        qs = qs.filter(person_id=request.GET["person"])
    seite = Paginator(qs, PRO_SEITE).get_page(request.GET.get("page"))
    for m in seite.object_list:
        m.vernichtung_am = (
            None
            if m.in_vollzug or m.letzte_entlassung is None
            else recht.ed_vernichtung_am(m.letzte_entlassung)
        )
    return render(
        request,
        "ueberwachung/ed_liste.html",
        {"seite": seite, "kann_erfassen": permissions.ist_anstaltsleitung(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ed_neu(request):
    if not permissions.ist_anstaltsleitung(request.user):
        raise PermissionDenied("Keine Berechtigung: ED-Massnahme anordnen (R-0-ROLE-1).")
    form = f.EDForm(request.POST or None, request.FILES or None, personen=_personen_der_anstalt(request.user))
    if request.method == "POST" and form.is_valid():
        m = _ausfuehren(
            request,
            form,
            lambda: domain.ed_anordnen(**form.cleaned_data, durch=request.user),
            "Erkennungsdienstliche Massnahme gespeichert (§ 27 Abs. 1 JVG).",
        )
        if m is not None:
            return redirect("ueberwachung:ed_detail", m.pk)
    return render(
        request,
        "ueberwachung/formular.html",
        {"form": form, "titel": "ED-Massnahme anordnen (§ 27 JVG)", "datei": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ed_detail(request, pk):
    _sicht(request)
    m = get_object_or_404(
        queries.ed_fuer_user(request.user)
        .select_related("person", "anstalt", "angeordnet_durch")
        .prefetch_related(Prefetch("dateien", queryset=EDDatei.objects.order_by("pk"))),
        pk=pk,
    )
    lesezugriff_protokollieren(request_or_user=request, person=m.person_id, objekt=m, aktion=Aktion.ANSICHT)
    zweck, weitergabe, status = f.EDZweckForm(), f.EDWeitergabeForm(), 200
    if request.method == "POST":
        # The right before the form (issue 24): a reader without it gets 403, not the form's 400.
        if not permissions.darf_ed_verwalten(request.user, m):
            raise PermissionDenied(
                "Keine Berechtigung: ED-Unterlagen einsehen (nur Anstaltsleitung, § 27 JVG)."
            )
        if request.POST.get("aktion") == "weitergeben":
            weitergabe = f.EDWeitergabeForm(request.POST)
            if weitergabe.is_valid() and (
                z := _ausfuehren(
                    request,
                    weitergabe,
                    lambda: domain.ed_weitergeben(massnahme=m, **weitergabe.cleaned_data, durch=request.user),
                    "Weitergabe an die Polizei protokolliert (§ 27 Abs. 2 JVG).",
                )
            ):
                return redirect("ueberwachung:zugriff_detail", z.pk)
        else:
            zweck = f.EDZweckForm(request.POST)
            if zweck.is_valid() and (
                z := _ausfuehren(
                    request,
                    zweck,
                    lambda: domain.ed_einsehen(
                        massnahme=m, zweck=zweck.cleaned_data["zweck"], durch=request.user
                    ),
                    "Einsicht protokolliert.",
                )
            ):
                return redirect("ueberwachung:zugriff_detail", z.pk)
        status = 400
    return render(
        request,
        "ueberwachung/ed_detail.html",
        {
            "m": m,
            "zweck": zweck,
            "weitergabe": weitergabe,
            "darf": permissions.darf_ed_verwalten(request.user, m),
            "vernichtung_am": domain.ed_vernichtung_am_fuer(m.person_id),
            "zugriffe": queries.zugriffe_fuer_user(request.user)
            .filter(objektart="ed", objekt_id=m.pk)
            .select_related("benutzer"),
        },
        status=status,
    )


# --- Destruction log (auditors, management, authority) ---------------------------------------------------


def _protokoll(request):
    return (
        queries.protokoll_fuer_user(request.user)
        .select_related("anstalt", "lauf")
        .order_by("-vernichtet_am", "-pk")
    )


@login_required
@require_GET
def vernichtung_liste(request):
    _sicht(request)
    seite = Paginator(_protokoll(request), PRO_SEITE).get_page(request.GET.get("page"))
    laeufe = queries.sieht_modul(request.user) and hat_rolle(
        request.user, Rolle.REVISION, Rolle.SACHBEARBEITUNG
    )
    from ueberwachung.models import Loeschlauf

    return render(
        request,
        "ueberwachung/vernichtung_liste.html",
        {
            "seite": seite,
            "laeufe": Loeschlauf.objects.order_by("-gestartet_am", "-pk")[:10] if laeufe else [],
        },
    )


class _Echo:
    def write(self, wert):
        return wert


@login_required
@require_GET
def vernichtung_csv(request):
    """The destruction log as CSV (streamed, bounded memory); the export itself is logged."""
    _sicht(request)
    lesezugriff_protokollieren(
        request_or_user=request, objekt_typ="ueberwachung.vernichtungsprotokoll", aktion=Aktion.EXPORT
    )
    schreiber = csv_export.writer(_Echo(), delimiter=";")  # issue 18: neutralises formula cells
    kopf = [
        "ID", "Vorgang", "Art", "Objekt-ID", "Person-ID", "Personennummer", "Einrichtung",
        "Aufgezeichnet am", "Vernichtet am", "Lauf", "Rechtsgrundlage", "Dateien",
    ]  # fmt: skip

    def zeilen():
        yield "\ufeff" + schreiber.writerow(kopf)
        for p in _protokoll(request).iterator(chunk_size=1000):
            yield schreiber.writerow(
                [
                    p.pk,
                    p.get_vorgang_display(),
                    p.get_objektart_display(),
                    p.objekt_id or "",
                    p.person_id or "",
                    p.personennummer,
                    p.anstalt.name if p.anstalt_id else "",
                    f"{timezone.localtime(p.aufgezeichnet_am):%d.%m.%Y %H:%M}" if p.aufgezeichnet_am else "",
                    f"{timezone.localtime(p.vernichtet_am):%d.%m.%Y %H:%M}",
                    p.lauf_id or "",
                    p.get_rechtsgrundlage_display(),
                    p.anzahl_dateien,
                ]
            )

    antwort = StreamingHttpResponse(zeilen(), content_type="text/csv; charset=utf-8")
    antwort["Content-Disposition"] = 'attachment; filename="vernichtungsprotokoll.csv"'
    return antwort
