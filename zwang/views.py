"""Browser pages of § 33 JVG (unmittelbarer Zwang).

Thin: visibility from `queries.protokolle_fuer_user` (outside → 404), one call of `domain` per write
(its PermissionDenied → 403, its ValidationError next to the fields, R-0-BAD-1). Reading a protocol is
logged (R-0-AUDIT-2).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from kern.rollen import ALLE_FAELLE_LESEN, ANSTALTSROLLEN, berechtigung_pruefen, hat_rolle
from kern.web.forms import fehler_uebernehmen
from kern.web.seiten import GedeckelterPaginator
from vollzug.models import Platzierung, Vollzugsfall
from vollzug.queries import dossier_filter
from zwang import domain, permissions
from zwang.domain import korrekturen
from zwang.forms import (
    BeteiligungFormSet,
    FilterForm,
    KorrekturForm,
    ProtokollForm,
    PruefungForm,
    StellungnahmeForm,
    beteiligte_aus,
    personal_der_anstalt,
)
from zwang.models import Beteiligung, Zwangsprotokoll
from zwang.queries import (
    eigene_offene_stellungnahmen,
    mit_offener_stellungnahme,
    nur_medizinteil,
    protokoll_liste,
    protokolle_fuer_user,
)
from zwang.recht import FESSELUNG, Protokollstatus

PRO_SEITE = 25


def _faelle_der_anstalt(user):
    """R-33-1: the cases whose person is placed in the user's facility now (the form's choices)."""
    if not hat_rolle(user, *ANSTALTSROLLEN) or user.anstalt_id is None:
        return Vollzugsfall.objects.none()
    return (
        Vollzugsfall.objects.filter(
            pk__in=Platzierung.objects.filter(anstalt_id=user.anstalt_id, bis__isnull=True).values("fall")
        )
        .select_related("person")
        .order_by("person__amtlicher_name", "person__vorname", "pk")
    )


def _jugendlich(protokoll) -> bool:
    # R-1-JUV-1 at the time of the measure; § 33 Abs. 1 applies to juveniles and adults alike.
    return protokoll.person.ist_jugendlich(am=timezone.localtime(protokoll.beginn).date())


@login_required
@require_GET
def liste(request):
    """All protocols the user may see; filters facility, status, open statements; constant queries."""
    user = request.user
    filter_form = FilterForm(request.GET or None)
    qs = protokoll_liste(user, timezone.now())
    if filter_form.is_valid():
        f = filter_form.cleaned_data
        if f.get("anstalt"):
            qs = qs.filter(anstalt=f["anstalt"])
        if f.get("status"):
            qs = qs.filter(status=f["status"])
        if f.get("offen"):
            qs = mit_offener_stellungnahme(qs)
    # The dossier's "alle anzeigen" (issue 17): ?person=…&fall=…
    qs, dossier = dossier_filter(request, qs)
    seite = GedeckelterPaginator(qs, PRO_SEITE).get_page(request.GET.get("page"))
    for p in seite.object_list:
        p.jugendlich = _jugendlich(p)
    if user.rolle not in ALLE_FAELLE_LESEN:
        del filter_form.fields["anstalt"]  # facility roles see one facility only
    return render(
        request,
        "zwang/liste.html",
        {
            "seite": seite,
            "form": filter_form,
            "filter_aktiv": any(request.GET.get(k) for k in ("anstalt", "status", "offen")),
            "kann_erfassen": hat_rolle(user, *ANSTALTSROLLEN) and user.anstalt_id is not None,
            "nur_medizinteil": nur_medizinteil(user),
            "dossier": dossier,
            "liste_url": reverse("zwang:liste"),
        },
    )


@login_required
@require_GET
def meine_stellungnahmen(request):
    """R-33-1: the statements the user himself still owes, soonest deadline first."""
    offen = list(
        eigene_offene_stellungnahmen(request.user)
        .select_related("protokoll__person", "protokoll__anstalt")
        .order_by("frist", "pk")
    )
    jetzt = timezone.now()
    for b in offen:
        b.ueberfaellig = b.ist_ueberfaellig(jetzt)
    return render(request, "zwang/meine_stellungnahmen.html", {"offen": offen})


def _formular(request, *, protokoll=None, faelle=None):
    """Shared by new and edit: the protocol form and the involved staff; save, then submit if asked."""
    user = request.user
    anstalt_id = protokoll.anstalt_id if protokoll else user.anstalt_id
    personal = personal_der_anstalt(anstalt_id)
    initial = ProtokollForm.initial_aus(protokoll) if protokoll else {"fall": request.GET.get("fall")}
    beteiligte_initial = (
        [{"benutzer": b.benutzer_id, "funktion": b.funktion} for b in protokoll.beteiligte.all()]
        if protokoll
        else []
    )
    daten = request.POST if request.method == "POST" else None
    form = ProtokollForm(daten, initial=initial, faelle=faelle)
    formset = BeteiligungFormSet(
        daten, initial=beteiligte_initial, prefix="beteiligte", form_kwargs={"personal": personal}
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        gespeichert = None
        try:
            with transaction.atomic():
                if protokoll is None:
                    gespeichert = domain.protokoll_erfassen(
                        fall=form.cleaned_data["fall"],
                        daten=form.daten(),
                        beteiligte=beteiligte_aus(formset),
                        durch=user,
                    )
                else:
                    gespeichert = domain.entwurf_aendern(
                        protokoll=protokoll,
                        daten=form.daten(),
                        beteiligte=beteiligte_aus(formset),
                        durch=user,
                    )
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        if gespeichert is not None:
            if "einreichen" not in request.POST:
                messages.success(request, f"Entwurf {gespeichert.nummer} gespeichert.")
                return redirect("zwang:detail", gespeichert.pk)
            try:
                domain.protokoll_einreichen(protokoll=gespeichert, durch=user)
            except ValidationError as exc:
                # Nothing is lost: the draft is saved; the missing parts are shown at their fields.
                fehler_uebernehmen(exc, form)
                messages.warning(
                    request, f"Entwurf {gespeichert.nummer} gespeichert, aber noch nicht eingereicht."
                )
                protokoll = gespeichert
            else:
                messages.success(request, f"Zwangsprotokoll {gespeichert.nummer} eingereicht.")
                return redirect("zwang:detail", gespeichert.pk)
    return render(
        request,
        "zwang/form.html",
        {"form": form, "beteiligte": formset, "protokoll": protokoll},
    )


@login_required
@require_http_methods(["GET", "POST"])
def neu(request):
    if not (hat_rolle(request.user, *ANSTALTSROLLEN) and request.user.anstalt_id is not None):
        raise PermissionDenied("Keine Berechtigung: Zwangsprotokoll erfassen (R-0-ROLE-1).")
    return _formular(request, faelle=_faelle_der_anstalt(request.user))


def _protokoll(request, pk) -> Zwangsprotokoll:
    return get_object_or_404(
        protokolle_fuer_user(request.user).select_related("person", "anstalt", "fall", "erfasst_durch"), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def bearbeiten(request, pk):
    protokoll = _protokoll(request, pk)
    if protokoll.status != Protokollstatus.ENTWURF or protokoll.erfasst_durch_id != request.user.pk:
        raise PermissionDenied(
            "Keine Berechtigung: Entwurf bearbeiten (nur die erfassende Person, R-0-ROLE-1)."
        )
    return _formular(request, protokoll=protokoll)


@login_required
@require_POST
def einreichen(request, pk):
    protokoll = _protokoll(request, pk)
    try:
        domain.protokoll_einreichen(protokoll=protokoll, durch=request.user)
    except ValidationError as exc:
        for meldung in exc.messages:
            messages.error(request, meldung)
        return redirect("zwang:bearbeiten", pk)
    messages.success(request, f"Zwangsprotokoll {protokoll.nummer} eingereicht.")
    return redirect("zwang:detail", pk)


def _detail(request, protokoll, *, pruefung_form=None, stellungnahme_form=None, status=200):
    user = request.user
    lesezugriff_protokollieren(
        request_or_user=request, person=protokoll.person, objekt=protokoll, aktion=Aktion.ANSICHT
    )
    beteiligte = list(protokoll.beteiligte.select_related("benutzer", "erinnerung"))
    jetzt = timezone.now()
    eigene = None
    for b in beteiligte:
        b.ueberfaellig = b.ist_ueberfaellig(jetzt)
        if (
            b.benutzer_id == user.pk
            and b.stellungnahme_am is None
            and protokoll.status != Protokollstatus.ENTWURF
        ):
            eigene = b
    medizin = nur_medizinteil(user)
    darf_pruefen = (
        not medizin
        and protokoll.status == Protokollstatus.EINGEREICHT
        and permissions.darf_pruefen(user, protokoll)
    )
    jugendlich = _jugendlich(protokoll)
    kontext = {
        "p": protokoll,
        "beteiligte": [] if medizin else beteiligte,
        "pruefungen": [] if medizin else list(protokoll.pruefungen.select_related("durch")),
        "korrekturen": [] if medizin else korrekturen(protokoll),
        "nur_medizinteil": medizin,
        "jugendlich": jugendlich,
        "fesselung_jugendlich": jugendlich and bool(FESSELUNG & set(protokoll.mittel or [])),
        "ist_autor_entwurf": protokoll.status == Protokollstatus.ENTWURF
        and protokoll.erfasst_durch_id == user.pk,
        "darf_korrigieren": not medizin
        and protokoll.status != Protokollstatus.ENTWURF
        and permissions.darf_korrigieren(user, protokoll),
        "darf_pruefen": darf_pruefen,
        "pruefung_form": pruefung_form or (PruefungForm() if darf_pruefen else None),
        "eigene": eigene,
        "stellungnahme_form": stellungnahme_form or (StellungnahmeForm() if eigene else None),
    }
    return render(request, "zwang/detail.html", kontext, status=status)


@login_required
@require_GET
def detail(request, pk):
    return _detail(request, _protokoll(request, pk))


@login_required
@require_POST
def pruefen(request, pk):
    protokoll = _protokoll(request, pk)
    # Issue 18 item 6: permission before validation (the domain checks again).
    berechtigung_pruefen(
        permissions.darf_leiten(request.user, protokoll), "Zwangsprotokoll prüfen (Anstaltsleitung)"
    )
    form = PruefungForm(request.POST)
    if form.is_valid():
        try:
            domain.protokoll_pruefen(
                protokoll=protokoll,
                ergebnis=form.cleaned_data["ergebnis"],
                bemerkung=form.cleaned_data["bemerkung"],
                durch=request.user,
            )
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, f"Zwangsprotokoll {protokoll.nummer} geprüft.")
            return redirect("zwang:detail", pk)
    return _detail(request, protokoll, pruefung_form=form, status=400)


@login_required
@require_POST
def stellungnahme(request, pk):
    beteiligung = get_object_or_404(
        Beteiligung.objects.filter(protokoll__in=protokolle_fuer_user(request.user)), pk=pk
    )
    # Permission before validation: only the involved staff member himself, whatever he sent (R-0-ROLE-1).
    berechtigung_pruefen(
        permissions.darf_stellung_nehmen(request.user, beteiligung),
        "Stellungnahme abgeben (nur die beteiligte Person selbst)",
    )
    form = StellungnahmeForm(request.POST)
    if form.is_valid():
        try:
            domain.stellungnahme_abgeben(
                beteiligung=beteiligung, text=form.cleaned_data["stellungnahme"], durch=request.user
            )
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, "Stellungnahme abgegeben.")
            return redirect("zwang:detail", beteiligung.protokoll_id)
    protokoll = _protokoll(request, beteiligung.protokoll_id)
    return _detail(request, protokoll, stellungnahme_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def korrigieren(request, pk):
    protokoll = _protokoll(request, pk)
    if protokoll.status == Protokollstatus.ENTWURF or not permissions.darf_korrigieren(
        request.user, protokoll
    ):
        raise PermissionDenied("Keine Berechtigung: Zwangsprotokoll korrigieren (R-0-ROLE-1).")
    form = KorrekturForm(
        request.POST if request.method == "POST" else None,
        initial=ProtokollForm.initial_aus(protokoll),
        personal=personal_der_anstalt(protokoll.anstalt_id).exclude(
            pk__in=protokoll.beteiligte.values("benutzer")
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.protokoll_korrigieren(
                protokoll=protokoll,
                aenderungen=form.inhalt(),
                grund=form.cleaned_data["grund"],
                neue_beteiligte=form.neue_beteiligte(),
                durch=request.user,
            )
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, f"Korrektur an {protokoll.nummer} gespeichert.")
            return redirect("zwang:detail", pk)
    return render(request, "zwang/korrektur.html", {"form": form, "p": protokoll})
