"""Browser pages of the threat management (R-BM-1..3).

Thin: visibility from `bedrohung.queries.meldungen_fuer_user` (the team: all reports; other staff: their
own; outside → 404, never 403, so a report's existence does not leak), one call of `bedrohung.domain`
per write (its ValidationError next to the fields, R-0-BAD-1). Every detail, download and list view
writes a row of the team's own access log (`domain.zugriff_protokollieren`), not the general read log.

What the reporting person sees of their own report: what they reported (all their input and the
attachments), its number and status and the assigned contact person (so they know whom to turn to) —
not the team's assessment, risk level, measures or case conferences. Those hold police-law information
about the threatening person and third parties (prior violence, weapons, police and KESB contacts) that
only the team needs to know (R-BM-3); the reporter may even be a party to the conflict.
"""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Min, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bedrohung import domain, permissions, queries
from bedrohung.forms import (
    AbschliessenForm,
    AnsprechpersonForm,
    AnsprechpersonZuweisenForm,
    BeilageForm,
    EinschaetzungForm,
    ErledigtForm,
    FolgeauftragFormSet,
    KonferenzForm,
    MassnahmeForm,
    MeldungFilterForm,
    MeldungForm,
    MerkblattForm,
)
from bedrohung.models import (
    Ansprechperson,
    Bedrohungsmeldung,
    Loeschprotokoll,
    Massnahme,
    Meldungsbeilage,
    Merkblatt,
    Zugriff,
)
from bedrohung.recht import Meldungsstatus, Risikostufe, Stelle, Urheberart, Zugriffsart
from disziplinar.queries import faelle_zum_rapportieren
from kern.web.forms import fehler_uebernehmen
from protokoll.domain import historie
from vollzug.queries import personen_fuer_user

PRO_SEITE = 25
PROTOKOLL_PRO_SEITE = 50
BEILAGE_TITEL_MAX = 150


def _nur_team(user) -> None:
    """R-BM-3: team pages answer 404 to everyone else, so not even their existence leaks."""
    if not permissions.ist_team(user):
        raise Http404("Seite nicht gefunden.")


def _darf_melden(user) -> None:
    if not permissions.darf_melden(user):
        raise PermissionDenied("Keine Berechtigung: Bedrohung melden (R-0-ROLE-1).")


def _meldung(request, pk, *, nur_team=False) -> Bedrohungsmeldung:
    if nur_team:
        _nur_team(request.user)
    return get_object_or_404(
        queries.meldungen_fuer_user(request.user).select_related(
            "gemeldet_durch", "anstalt", "urheber_person", "ansprechperson", "disziplinar_rapport"
        ),
        pk=pk,
    )


def _protokollieren(request, aktion, meldung=None) -> None:
    domain.zugriff_protokollieren(user=request.user, aktion=aktion, meldung=meldung, kanal="web")


def _fehler_als_meldungen(request, fehler) -> None:
    texte = fehler.messages if isinstance(fehler, ValidationError) else [str(fehler)]
    for text in texte:
        messages.error(request, text)


def _seitennummer(request, name="page"):
    return request.GET.get(name)


# --- Report (R-BM-1) -------------------------------------------------------------------------------


@login_required
@require_GET
def start(request):
    """Entry of the navigation: the team starts at the reports, everyone else at their own reports."""
    if permissions.ist_team(request.user):
        return redirect("bedrohung:meldung_liste")
    _darf_melden(request.user)
    return redirect("bedrohung:meine")


@login_required
@require_http_methods(["GET", "POST"])
def melden(request):
    """R-BM-1: any staff member reports a threat: who threatened whom, when, where, how, wording."""
    user = request.user
    _darf_melden(user)
    daten = request.POST if request.method == "POST" else None
    form = MeldungForm(daten, request.FILES or None, personen=personen_fuer_user(user), user=user)
    if daten is not None and form.is_valid():
        c = form.cleaned_data
        try:
            meldung = domain.meldung_erfassen(
                vorfall_am=c["vorfall_am"],
                ort=c["ort"],
                kanal=c["kanal"],
                wortlaut=c["wortlaut"],
                urheber_art=c["urheber_art"],
                betroffene=c["betroffene"],
                anstalt=c["anstalt"],
                urheber_person=c["urheber_person"],
                urheber_beschreibung=c["urheber_beschreibung"],
                zeugen=c["zeugen"],
                sofortbedarf=c["sofortbedarf"],
                beilagen=_beilagen(c["dateien"]),
                durch=user,
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form, felder={"beilagen": "dateien"})
        else:
            messages.success(
                request,
                f"Danke. Ihre Meldung {meldung.nummer} ist beim Bedrohungsmanagement eingegangen.",
            )
            return redirect("bedrohung:meldung_detail", pk=meldung.pk)
    return render(
        request,
        "bedrohung/melden.html",
        {"form": form, "erneut_angezeigt": daten is not None},
    )


def _beilagen(dateien) -> list:
    return [
        domain.BeilageDaten(titel=os.path.basename(d.name)[:BEILAGE_TITEL_MAX] or "Beilage", datei=d)
        for d in dateien
    ]


@login_required
@require_GET
def meine(request):
    """The reporter's own reports (R-BM-3: the reporting person sees their own), constant queries."""
    user = request.user
    _darf_melden(user)
    meldungen = (
        queries.meldungen_fuer_user(user)
        .filter(gemeldet_durch=user)
        .select_related("anstalt", "ansprechperson", "urheber_person")
        .order_by("-gemeldet_am", "-pk")
    )
    seite = Paginator(meldungen, PRO_SEITE).get_page(_seitennummer(request))
    _protokollieren(request, Zugriffsart.LISTE)
    return render(request, "bedrohung/meine.html", {"seite": seite})


@login_required
@require_GET
def meldung_detail(request, pk):
    """The report: the team sees everything; the reporter what they reported and its status (see module)."""
    user = request.user
    m = _meldung(request, pk)
    _protokollieren(request, Zugriffsart.ANSICHT, m)
    team = permissions.ist_team(user)
    kontext = {
        "m": m,
        "team": team,
        "beilagen": list(m.beilagen.select_related("hochgeladen_durch").order_by("hochgeladen_am", "pk")),
        "offen": m.status != Meldungsstatus.ABGESCHLOSSEN,
        "beilage_form": BeilageForm(),
    }
    kontext.update(_disziplinar_kontext(user, m))
    if team:
        kontext.update(_team_kontext(m))
    return render(request, "bedrohung/meldung_detail.html", kontext)


def _disziplinar_kontext(user, m) -> dict:
    """R-BM-1: a threat by an inmate may open a disciplinary report (§ 40 Abs. 2 lit. c), linked not
    copied; the button only for who may report for that person (staff of the facility where the person is
    placed now, the condition of `disziplinar.permissions.darf_rapportieren`)."""
    insasse = m.urheber_art == Urheberart.INSASSE and m.urheber_person_id is not None
    moeglich = insasse and m.disziplinar_rapport_id is None
    return {
        "disziplinar_moeglich": moeglich,
        "kann_disziplinar": moeglich
        and faelle_zum_rapportieren(user).filter(person_id=m.urheber_person_id).exists(),
    }


def _team_kontext(m) -> dict:
    einzel = (
        m.massnahmen.filter(konferenz__isnull=True)
        .select_related("verantwortlich", "erfasst_durch")
        .order_by("erledigt_am", "frist", "pk")
    )
    konferenzen = m.konferenzen.select_related("erfasst_durch").prefetch_related(
        Prefetch(
            "folgeauftraege",
            queryset=Massnahme.objects.select_related("verantwortlich").order_by("frist", "pk"),
        )
    )
    stellen = dict(Stelle.choices)
    konferenzen = list(konferenzen.order_by("-datum", "-pk"))
    for k in konferenzen:
        k.stellen_text = [stellen.get(s, s) for s in k.stellen]
    return {
        "einschaetzungen": list(
            m.einschaetzungen.select_related("erstellt_durch").order_by("-erstellt_am", "-pk")
        ),
        "massnahmen": list(einzel),
        "konferenzen": konferenzen,
        "zuweisen_form": AnsprechpersonZuweisenForm(initial={"ansprechperson": m.ansprechperson_id}),
        "risiko_klasse": risiko_klasse(m.risikostufe),
        "heute": timezone.localdate(),
    }


def risiko_klasse(stufe: str) -> str:
    """CSS class of the risk badge."""
    return {
        Risikostufe.GERING: "badge badge-info",
        Risikostufe.MITTEL: "badge badge-warnung",
        Risikostufe.HOCH: "badge badge-warnung badge-gefahr",
        Risikostufe.AKUT: "badge badge-warnung badge-gefahr",
    }.get(stufe, "badge")


@login_required
@require_POST
def disziplinarrapport(request, pk):
    """R-BM-1: open the § 40 Abs. 2 lit. c report from a threat by an inmate (the service decides who may)."""
    m = _meldung(request, pk)
    try:
        rapport = domain.disziplinarrapport_anlegen(meldung=m, durch=request.user)
    except (ValidationError, PermissionDenied) as fehler:
        _fehler_als_meldungen(request, fehler)
        return redirect("bedrohung:meldung_detail", pk=m.pk)
    messages.success(
        request,
        f"Disziplinarrapport nach § 40 Abs. 2 lit. c JVG eröffnet und mit der Meldung {m.nummer} verknüpft.",
    )
    return redirect("disziplinar:rapport_detail", pk=rapport.pk)


@login_required
@require_POST
def beilage_neu(request, pk):
    """Further attachments (the reporter or the team)."""
    m = _meldung(request, pk)
    form = BeilageForm(request.POST, request.FILES)
    if not form.is_valid():
        for fehler in form.errors.values():
            for text in fehler:
                messages.error(request, text)
        return redirect("bedrohung:meldung_detail", pk=m.pk)
    try:
        for daten in _beilagen(form.cleaned_data["dateien"]):
            domain.beilage_hinzufuegen(meldung=m, titel=daten.titel, datei=daten.datei, durch=request.user)
    except ValidationError as fehler:
        _fehler_als_meldungen(request, fehler)
    else:
        messages.success(request, "Beilage(n) hinzugefügt.")
    return redirect("bedrohung:meldung_detail", pk=m.pk)


@login_required
@require_GET
def beilage_download(request, pk):
    """An attachment: only for who sees the report (else 404); every read is logged (R-BM-3)."""
    beilage = get_object_or_404(
        Meldungsbeilage.objects.select_related("meldung").filter(
            meldung__in=queries.meldungen_fuer_user(request.user)
        ),
        pk=pk,
    )
    try:
        datei = beilage.datei.open("rb")
    except FileNotFoundError as fehlt:
        raise Http404("Die Datei ist nicht mehr vorhanden.") from fehlt
    _protokollieren(request, Zugriffsart.DOKUMENT, beilage.meldung)
    return FileResponse(datei, as_attachment=True, filename=os.path.basename(beilage.datei.name))


# --- Team: list and case management (R-BM-2) -------------------------------------------------------


@login_required
@require_GET
def meldung_liste(request):
    """All reports for the team, filterable by status and risk level; constant queries."""
    _nur_team(request.user)
    form = MeldungFilterForm(request.GET or None)
    jetzt_offen = Q(massnahmen__erledigt_am__isnull=True)
    meldungen = (
        Bedrohungsmeldung.objects.select_related(
            "gemeldet_durch", "anstalt", "ansprechperson", "urheber_person"
        )
        .annotate(
            offene_massnahmen=Count("massnahmen", filter=jetzt_offen),
            naechste_frist=Min("massnahmen__frist", filter=jetzt_offen),
        )
        .order_by("-gemeldet_am", "-pk")
    )
    if form.is_valid():
        if wert := form.cleaned_data["status"]:
            meldungen = meldungen.filter(status=wert)
        if wert := form.cleaned_data["risikostufe"]:
            meldungen = meldungen.filter(risikostufe="" if wert == "ohne" else wert)
    seite = Paginator(meldungen, PRO_SEITE).get_page(_seitennummer(request))
    for m in seite.object_list:
        m.risiko_klasse = risiko_klasse(m.risikostufe)
    _protokollieren(request, Zugriffsart.LISTE)
    return render(
        request,
        "bedrohung/meldung_liste.html",
        {
            "form": form,
            "seite": seite,
            "filter_aktiv": form.is_valid() and any(form.cleaned_data.values()),
        },
    )


def _aktion_rendern(request, m, *, titel, vorlage="bedrohung/aktion_form.html", **kontext):
    return render(request, vorlage, {"m": m, "titel": titel, **kontext})


@login_required
@require_http_methods(["GET", "POST"])
def einschaetzung(request, pk):
    """R-BM-2: the structured assessment (warning behaviours → risk level, with reasoning); each one is
    a new row, so the history of re-assessments stays."""
    m = _meldung(request, pk, nur_team=True)
    daten = request.POST if request.method == "POST" else None
    form = EinschaetzungForm(daten)
    if daten is not None and form.is_valid():
        c = form.cleaned_data
        try:
            domain.einschaetzung_erfassen(meldung=m, durch=request.user, **c)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(
                request, f"Einschätzung erfasst: Risikostufe {Risikostufe(c['risikostufe']).label}."
            )
            return redirect("bedrohung:meldung_detail", pk=m.pk)
    return _aktion_rendern(
        request, m, titel="Risikoeinschätzung", vorlage="bedrohung/einschaetzung_form.html", form=form
    )


@login_required
@require_POST
def ansprechperson_zuweisen(request, pk):
    """R-BM-2: the responsible contact person (a team member)."""
    m = _meldung(request, pk, nur_team=True)
    form = AnsprechpersonZuweisenForm(request.POST)
    if form.is_valid():
        try:
            domain.ansprechperson_zuweisen(
                meldung=m, ansprechperson=form.cleaned_data["ansprechperson"], durch=request.user
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            person = form.cleaned_data["ansprechperson"]
            messages.success(
                request, f"Ansprechperson zugewiesen: {person.get_full_name() or person.username}."
            )
            return redirect("bedrohung:meldung_detail", pk=m.pk)
    return _aktion_rendern(request, m, titel="Ansprechperson zuweisen", form=form, knopf="Zuweisen")


@login_required
@require_http_methods(["GET", "POST"])
def massnahme_neu(request, pk):
    """R-BM-2: a measure with its owner and deadline (shown in the Fristenkontrolle)."""
    m = _meldung(request, pk, nur_team=True)
    daten = request.POST if request.method == "POST" else None
    form = MassnahmeForm(daten)
    if daten is not None and form.is_valid():
        try:
            massnahme = domain.massnahme_erfassen(meldung=m, durch=request.user, **form.cleaned_data)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, f"Massnahme erfasst, Frist {massnahme.frist:%d.%m.%Y}.")
            return redirect(_massnahme_url(massnahme))
    return _aktion_rendern(request, m, titel="Massnahme erfassen", form=form, knopf="Massnahme erfassen")


def _massnahme_url(massnahme) -> str:
    return reverse("bedrohung:meldung_detail", args=[massnahme.meldung_id]) + f"#massnahme-{massnahme.pk}"


@login_required
@require_POST
def massnahme_erledigt(request, pk):
    """R-BM-2: mark a measure or follow-up as done (team)."""
    _nur_team(request.user)
    massnahme = get_object_or_404(
        Massnahme.objects.filter(meldung__in=queries.meldungen_fuer_user(request.user)), pk=pk
    )
    form = ErledigtForm(request.POST)
    bemerkung = form.cleaned_data["bemerkung"] if form.is_valid() else ""
    try:
        domain.massnahme_erledigen(massnahme=massnahme, bemerkung=bemerkung, durch=request.user)
    except ValidationError as fehler:
        _fehler_als_meldungen(request, fehler)
    else:
        messages.success(request, "Massnahme als erledigt vermerkt.")
    return redirect(_massnahme_url(massnahme))


@login_required
@require_http_methods(["GET", "POST"])
def konferenz_neu(request, pk):
    """R-BM-2: an interdisciplinary case conference: bodies, participants, decisions, up to three
    follow-ups with owner and deadline in one form."""
    m = _meldung(request, pk, nur_team=True)
    daten = request.POST if request.method == "POST" else None
    form = KonferenzForm(daten)
    folge = FolgeauftragFormSet(daten, prefix="folge")
    if daten is not None and form.is_valid() and folge.is_valid():
        zeilen = [i for i, f in enumerate(folge.forms) if f.cleaned_data and not f.ist_leer()]
        c = form.cleaned_data
        try:
            domain.konferenz_erfassen(
                meldung=m,
                datum=c["datum"],
                stellen=list(c["stellen"]),
                teilnehmende=c["teilnehmende"],
                beschluesse=c["beschluesse"],
                folgeauftraege=[
                    domain.MassnahmeDaten(
                        art=z["art"],
                        beschreibung=z["beschreibung"],
                        verantwortlich=z["verantwortlich"],
                        frist=z["frist"],
                    )
                    for z in (folge.forms[i].cleaned_data for i in zeilen)
                ],
                durch=request.user,
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form, zeilen={"folgeauftraege": (folge, zeilen)})
        else:
            messages.success(
                request, f"Fallkonferenz erfasst ({len(zeilen)} Folgeauftrag/-aufträge mit Frist)."
            )
            return redirect(reverse("bedrohung:meldung_detail", args=[m.pk]) + "#konferenzen")
    return _aktion_rendern(
        request,
        m,
        titel="Fallkonferenz erfassen",
        vorlage="bedrohung/konferenz_form.html",
        form=form,
        folge=folge,
    )


@login_required
@require_http_methods(["GET", "POST"])
def abschliessen(request, pk):
    """R-BM-2: close the case (the service needs an assessment and no open measure)."""
    m = _meldung(request, pk, nur_team=True)
    daten = request.POST if request.method == "POST" else None
    form = AbschliessenForm(daten)
    if daten is not None and form.is_valid():
        try:
            domain.meldung_abschliessen(
                meldung=m, bemerkung=form.cleaned_data["bemerkung"], durch=request.user
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, f"Fall {m.nummer} abgeschlossen.")
            return redirect("bedrohung:meldung_detail", pk=m.pk)
    return _aktion_rendern(request, m, titel="Fall abschliessen", form=form, knopf="Fall abschliessen")


# --- Team: own access log and change log (R-BM-3) --------------------------------------------------


def aenderungen_seite(*, nummer: int, pro_seite: int = PROTOKOLL_PRO_SEITE) -> historie.Seite:
    """One page of the change log of this app's models (left out of the auditors' general log), newest
    first: the general log's machinery restricted to this app (one query per model)."""
    return historie.aenderungen_seite(
        historie.Filter(),
        nummer=max(1, min(nummer, 10_000)),
        pro_seite=pro_seite,
        modelle=historie.modelle_der_app("bedrohung"),
    )


@login_required
@require_GET
def protokoll(request):
    """The team's own access log, the change log of the threat-management data (with actor) and the
    content-free deletion records (R-BM-3); team only."""
    _nur_team(request.user)
    zugriffe = Paginator(
        Zugriff.objects.select_related("benutzer").order_by("-zeitpunkt", "-pk"), PROTOKOLL_PRO_SEITE
    )
    zseite = zugriffe.get_page(request.GET.get("zpage"))
    wert = request.GET.get("apage", "1")
    aseite = aenderungen_seite(nummer=int(wert) if wert.isdigit() else 1)
    return render(
        request,
        "bedrohung/protokoll.html",
        {
            "zseite": zseite,
            "aseite": aseite,
            "loeschungen": Loeschprotokoll.objects.order_by("-geloescht_am", "-pk")[:PROTOKOLL_PRO_SEITE],
        },
    )


# --- Information material (programme point 14) ------------------------------------------------------


@login_required
@require_GET
def info(request):
    """Guidance for all staff (recognise, report, protect oneself) and the trained contact persons per
    department; the team edits both."""
    user = request.user
    _darf_melden(user)
    team = permissions.ist_team(user)
    ansprechpersonen = Ansprechperson.objects.order_by("abteilung", "name")
    if not team:
        ansprechpersonen = ansprechpersonen.filter(aktiv=True)
    return render(
        request,
        "bedrohung/info.html",
        {
            "team": team,
            "merkblaetter": list(Merkblatt.objects.order_by("reihenfolge", "pk")),
            "ansprechpersonen": list(ansprechpersonen),
        },
    )


def _info_formular(request, *, form_klasse, objekt, speichern, titel, zurueck_anker):
    _nur_team(request.user)
    daten = request.POST if request.method == "POST" else None
    initial = {f: getattr(objekt, f) for f in form_klasse.base_fields} if objekt else None
    form = form_klasse(daten, initial=initial)
    if daten is not None and form.is_valid():
        try:
            speichern(form.cleaned_data)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, f"{titel}: gespeichert.")
            return redirect(reverse("bedrohung:info") + zurueck_anker)
    return render(request, "bedrohung/info_form.html", {"form": form, "titel": titel, "objekt": objekt})


@login_required
@require_http_methods(["GET", "POST"])
def merkblatt_bearbeiten(request, pk=None):
    objekt = (
        get_object_or_404(Merkblatt, pk=pk) if pk is not None and permissions.ist_team(request.user) else None
    )
    if pk is not None and objekt is None:
        raise Http404("Seite nicht gefunden.")

    def speichern(c):
        domain.merkblatt_speichern(
            titel=c["titel"],
            inhalt=c["inhalt"],
            reihenfolge=c["reihenfolge"] or 0,
            merkblatt=objekt,
            durch=request.user,
        )

    return _info_formular(
        request,
        form_klasse=MerkblattForm,
        objekt=objekt,
        speichern=speichern,
        titel="Merkblatt bearbeiten" if objekt else "Merkblatt erfassen",
        zurueck_anker="#merkblaetter",
    )


@login_required
@require_http_methods(["GET", "POST"])
def ansprechperson_bearbeiten(request, pk=None):
    objekt = (
        get_object_or_404(Ansprechperson, pk=pk)
        if pk is not None and permissions.ist_team(request.user)
        else None
    )
    if pk is not None and objekt is None:
        raise Http404("Seite nicht gefunden.")

    def speichern(c):
        domain.ansprechperson_speichern(ansprechperson=objekt, durch=request.user, **c)

    return _info_formular(
        request,
        form_klasse=AnsprechpersonForm,
        objekt=objekt,
        speichern=speichern,
        titel="Ansprechperson bearbeiten" if objekt else "Ansprechperson erfassen",
        zurueck_anker="#ansprechpersonen",
    )
