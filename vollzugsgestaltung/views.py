"""Browser pages of Vollzugsöffnungen, § 16 forms, Bewährungshilfe and Begnadigung.

Thin: visibility from `queries` (outside it: 404), permission before validation, one `domain` call per
write, its `ValidationError` shown next to the fields (R-0-BAD-1). Every detail page logs the read
(R-0-AUDIT-2). Actions are POSTs to `<detail>/<aktion>/`; an error re-renders the detail page (200).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required as _login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from kern.web.forms import fehler_uebernehmen
from vollzug.models import Sanktion
from vollzug.queries import faelle_fuer_user, personen_fuer_user
from vollzug.recht import Fallstatus
from vollzugsgestaltung import domain, permissions, queries, recht
from vollzugsgestaltung import forms as f
from vollzugsgestaltung.models import Gerichtsmeldung

LISTE_MAX = 50


def login_required(view):
    """Signed in, and the answer is never stored by a browser or proxy (personal data)."""
    return never_cache(_login_required(view))


def _lesen(request, person, objekt) -> None:
    lesezugriff_protokollieren(request_or_user=request, person=person, objekt=objekt, aktion=Aktion.ANSICHT)


@dataclass(frozen=True)
class Schritt:
    form: type
    darf: Callable  # (user, objekt) -> bool
    ausfuehren: Callable  # (objekt, cleaned_data, user) -> object
    meldung: str


def _verweigert(was: str):
    raise PermissionDenied(f"Keine Berechtigung: {was} (R-0-ROLE-1).")


def _aktion(request, objekt, schritte: dict, aktion: str, rendern, weiter: str):
    """Permission first, then the form, then the one domain call; errors land in the form."""
    schritt = schritte.get(aktion)
    if schritt is None:
        raise Http404
    if not schritt.darf(request.user, objekt):
        _verweigert(schritt.meldung)
    form = schritt.form(request.POST, prefix=aktion, **_form_kw(aktion, objekt))
    if form.is_valid():
        try:
            schritt.ausfuehren(objekt, form.cleaned_data, request.user)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, f"{schritt.meldung}: gespeichert.")
            return redirect(weiter)
    return rendern(request, objekt, {aktion: form})


def _form_kw(aktion: str, objekt) -> dict:
    if aktion == "kontrolle":
        return {"weisungen": objekt.weisungen.filter(aufgehoben_am__isnull=True)}
    return {}


KNOEPFE = {
    "fachkommission": "Beurteilung der Fachkommission erfassen",
    "entscheiden": "Entscheiden und Verfügung entwerfen",
    "antritt": "Antritt erfassen",
    "rueckkehr": "Rückkehr erfassen",
    "nichtrueckkehr": "Nichtrückkehr feststellen",
    "staatsanwaltschaft": "Staatsanwaltschaft erfassen",
    "befehl": "Vollzugsbefehl erlassen",
    "ablehnen": "Ablehnen",
    "stunden": "Stunden erfassen",
    "umwandeln": "Umwandeln und Verfügung entwerfen",
    "weisung": "Weisung erfassen",
    "eintrag": "Eintrag erfassen",
    "kontrolle": "Kontrolle erfassen",
    "abschliessen": "Akte abschliessen",
    "weiterleiten": "An den Kantonsrat weiterleiten",
    "entscheid": "Entscheid des Kantonsrats erfassen",
}


def _formulare(angebote: dict, gebunden: dict, objekt=None) -> dict:
    """The action forms to show: the offered ones, empty, and every bound form with its errors, even if
    its action is no longer offered (R-0-BAD-1: a refused input is never dropped silently)."""
    formen = {n: gebunden.get(n) or k(prefix=n, **_form_kw(n, objekt)) for n, k in angebote.items()}
    formen.update({n: form for n, form in gebunden.items() if n not in formen and "-" not in n})
    for name, form in formen.items():
        form.knopf = KNOEPFE.get(name, "Speichern")
    return formen


# --- Overview -------------------------------------------------------------------------------------------


@login_required
def start(request):
    """The latest entries of each procedure the user may see (five queries, whatever the numbers)."""
    user = request.user
    return render(
        request,
        "vollzugsgestaltung/start.html",
        {
            "oeffnungen": list(queries.oeffnungen_fuer_user(user).order_by("-von", "-pk")[:LISTE_MAX]),
            "formen": list(queries.vollzugsformen_fuer_user(user).order_by("-gesuch_am", "-pk")[:LISTE_MAX]),
            "akten": list(queries.akten_fuer_user(user).order_by("-probezeit_von", "-pk")[:LISTE_MAX]),
            "gnadengesuche": list(
                queries.gnadengesuche_fuer_user(user).order_by("-eingereicht_am", "-pk")[:LISTE_MAX]
            ),
        },
    )


def kontext_fuer_fall(fall, user) -> dict | None:
    """The case page's block: openings and § 16 forms of the case (two queries)."""
    oeffnungen = list(queries.oeffnungen_fuer_user(user).filter(fall=fall).order_by("-von", "-pk")[:20])
    formen = list(queries.vollzugsformen_fuer_user(user).filter(fall=fall).order_by("-gesuch_am", "-pk")[:20])
    kann_beantragen = fall.status == Fallstatus.IM_VOLLZUG and permissions.darf_oeffnung_beantragen(
        user, fall
    )
    kann_form = permissions.darf_vollzugsform_bearbeiten(user) and fall.status != Fallstatus.ENTLASSEN
    if not (oeffnungen or formen or kann_beantragen or kann_form):
        return None
    return {
        "oeffnungen": oeffnungen,
        "formen": formen,
        "kann_beantragen": kann_beantragen,
        "kann_form": kann_form,
    }


def kontext_fuer_person(person, user) -> dict | None:
    """The person page's block: probation files and pardon requests (authority and auditors; two queries)."""
    if not queries.sieht_bewaehrung(user):
        return None
    return {
        "akten": list(queries.akten_fuer_user(user).filter(person=person).order_by("-probezeit_von", "-pk")),
        "gnadengesuche": list(
            queries.gnadengesuche_fuer_user(user).filter(person=person).order_by("-eingereicht_am", "-pk")
        ),
        "kann_erfassen": permissions.darf_bewaehrung_bearbeiten(user),
    }


# --- Vollzugsöffnungen ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def oeffnung_neu(request, pk):
    fall = get_object_or_404(faelle_fuer_user(request.user).select_related("person"), pk=pk)
    if not permissions.darf_oeffnung_beantragen(request.user, fall):
        _verweigert("Vollzugsöffnung beantragen")
    form = f.OeffnungForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            o = domain.oeffnung_beantragen(fall=fall, **form.cleaned_data, durch=request.user)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form, felder={"fall": "__all__"})
        else:
            messages.success(request, f"{o.get_art_display()} beantragt.")
            return redirect("vollzugsgestaltung:oeffnung_detail", pk=o.pk)
    return render(
        request,
        "vollzugsgestaltung/formular.html",
        {"titel": "Vollzugsöffnung beantragen", "fall": fall, "form": form},
    )


def _oeffnung_rendern(request, o, formulare=None):
    formulare = formulare or {}
    user = request.user
    S = recht.Oeffnungsstatus
    entscheidet = permissions.darf_entscheiden(user)
    bewegt = permissions.darf_bewegung_erfassen(user, o)
    angebote = {}
    if entscheidet and o.status == S.BEANTRAGT:
        if o.gemeingefaehrlich_75a:
            angebote["fachkommission"] = f.FachkommissionForm
        angebote["entscheiden"] = f.OeffnungEntscheidForm
    if bewegt and o.status == S.BEWILLIGT:
        angebote["antritt"] = f.ZeitpunktForm
    if bewegt and o.status == S.ANGETRETEN:
        angebote["rueckkehr"] = f.ZeitpunktForm
        angebote["nichtrueckkehr"] = f.NichtrueckkehrForm
    if (
        entscheidet
        and o.beschwerde_am
        and o.grundlage in recht.STELLUNGNAHME_STA_BEI
        and not o.sta_stellungnahme_am
    ):
        angebote["staatsanwaltschaft"] = f.StellungnahmeStaForm
    formen = _formulare(angebote, formulare)
    return render(
        request,
        "vollzugsgestaltung/oeffnung_detail.html",
        {
            "o": o,
            "fall": o.fall,
            "formulare": formen,
            "fachkommission_fehlt": domain.fachkommission_fehlt(o),
            "sta_noetig": o.grundlage in recht.STELLUNGNAHME_STA_BEI,
        },
    )


def _oeffnung(request, pk):
    return get_object_or_404(queries.oeffnungen_fuer_user(request.user), pk=pk)


@login_required
def oeffnung_detail(request, pk):
    o = _oeffnung(request, pk)
    _lesen(request, o.fall.person, o)
    return _oeffnung_rendern(request, o)


def _entscheiden(o, d, u):
    return domain.oeffnung_entscheiden(oeffnung=o, durch=u, **d)


OEFFNUNG_SCHRITTE = {
    "fachkommission": Schritt(
        f.FachkommissionForm,
        lambda u, o: permissions.darf_entscheiden(u),
        lambda o, d, u: domain.fachkommission_erfassen(
            oeffnung=o, am=d["am"], ergebnis=d["ergebnis"], text=d["text"], durch=u
        ),
        "Beurteilung der Fachkommission",
    ),
    "entscheiden": Schritt(
        f.OeffnungEntscheidForm,
        lambda u, o: permissions.darf_entscheiden(u),
        _entscheiden,
        "Entscheid über die Vollzugsöffnung",
    ),
    "antritt": Schritt(
        f.ZeitpunktForm,
        permissions.darf_bewegung_erfassen,
        lambda o, d, u: domain.antritt_erfassen(oeffnung=o, am=d["am"], durch=u),
        "Antritt",
    ),
    "rueckkehr": Schritt(
        f.ZeitpunktForm,
        permissions.darf_bewegung_erfassen,
        lambda o, d, u: domain.rueckkehr_erfassen(oeffnung=o, am=d["am"], durch=u),
        "Rückkehr",
    ),
    "nichtrueckkehr": Schritt(
        f.NichtrueckkehrForm,
        permissions.darf_bewegung_erfassen,
        lambda o, d, u: domain.nichtrueckkehr_feststellen(oeffnung=o, bemerkung=d["bemerkung"], durch=u),
        "Nichtrückkehr",
    ),
    "staatsanwaltschaft": Schritt(
        f.StellungnahmeStaForm,
        lambda u, o: permissions.darf_entscheiden(u),
        lambda o, d, u: domain.stellungnahme_sta_erfassen(
            oeffnung=o,
            eingeladen_am=d["eingeladen_am"],
            stellungnahme_am=d["stellungnahme_am"],
            text=d["text"],
            durch=u,
        ),
        "Stellungnahme der Staatsanwaltschaft (§ 43 Abs. 3 JVG)",
    ),
}


@login_required
@require_POST
def oeffnung_aktion(request, pk, aktion):
    o = _oeffnung(request, pk)
    return _aktion(request, o, OEFFNUNG_SCHRITTE, aktion, _oeffnung_rendern, o.get_absolute_url())


# --- § 16 -------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def form_neu(request, pk):
    fall = get_object_or_404(faelle_fuer_user(request.user).select_related("person"), pk=pk)
    if not permissions.darf_vollzugsform_bearbeiten(request.user):
        _verweigert("Besondere Vollzugsform erfassen")
    sanktionen = Sanktion.objects.filter(entscheid__fall=fall).order_by("pk")
    form = f.VollzugsformForm(request.POST or None, sanktionen=sanktionen)
    if request.method == "POST" and form.is_valid():
        try:
            v = domain.vollzugsform_beantragen(fall=fall, **form.cleaned_data, durch=request.user)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, f"{v.get_form_display()} erfasst (§ 16 JVG).")
            return redirect("vollzugsgestaltung:form_detail", pk=v.pk)
    return render(
        request,
        "vollzugsgestaltung/formular.html",
        {"titel": "Besondere Vollzugsform (§ 16 JVG)", "fall": fall, "form": form},
    )


def _form_rendern(request, v, formulare=None):
    formulare = formulare or {}
    S, F = recht.Formstatus, recht.Vollzugsform16
    angebote = {}
    if permissions.darf_vollzugsform_bearbeiten(request.user):
        if v.status == S.ABKLAERUNG:
            angebote = {"befehl": f.VollzugsbefehlForm, "ablehnen": f.AblehnenForm}
        elif v.status == S.BEFOHLEN and v.form == F.GEMEINNUETZIGE_ARBEIT:
            angebote = {"stunden": f.StundenForm, "umwandeln": f.UmwandlungForm}
    einsaetze = list(v.einsaetze.all())
    geleistet = sum(e.stunden for e in einsaetze)
    return render(
        request,
        "vollzugsgestaltung/form_detail.html",
        {
            "v": v,
            "fall": v.fall,
            "einsaetze": einsaetze,
            "geleistet": geleistet,
            "offene_tage": domain.offene_tage(v, geleistet),
            "formulare": _formulare(angebote, formulare),
        },
    )


def _vollzugsform(request, pk):
    return get_object_or_404(queries.vollzugsformen_fuer_user(request.user), pk=pk)


@login_required
def form_detail(request, pk):
    v = _vollzugsform(request, pk)
    _lesen(request, v.fall.person, v)
    return _form_rendern(request, v)


def _darf_form(u, v):
    return permissions.darf_vollzugsform_bearbeiten(u)


FORM_SCHRITTE = {
    "befehl": Schritt(
        f.VollzugsbefehlForm,
        _darf_form,
        lambda v, d, u: domain.vollzugsbefehl_erlassen(vollzugsform=v, durch=u, **d),
        "Vollzugsbefehl (§ 16 JVG)",
    ),
    "ablehnen": Schritt(
        f.AblehnenForm,
        _darf_form,
        lambda v, d, u: domain.vollzugsform_ablehnen(vollzugsform=v, durch=u, **d),
        "Ablehnung",
    ),
    "stunden": Schritt(
        f.StundenForm,
        _darf_form,
        lambda v, d, u: domain.arbeitsstunden_erfassen(vollzugsform=v, durch=u, **d),
        "Arbeitsstunden",
    ),
    "umwandeln": Schritt(
        f.UmwandlungForm,
        _darf_form,
        lambda v, d, u: domain.umwandeln(vollzugsform=v, durch=u, **d),
        "Umwandlung (Art. 79a Abs. 6 StGB)",
    ),
}


@login_required
@require_POST
def form_aktion(request, pk, aktion):
    v = _vollzugsform(request, pk)
    return _aktion(request, v, FORM_SCHRITTE, aktion, _form_rendern, v.get_absolute_url())


# --- Bewährungshilfe --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def akte_neu(request, pk):
    person = get_object_or_404(personen_fuer_user(request.user), pk=pk)
    if not permissions.darf_bewaehrung_bearbeiten(request.user):
        _verweigert("Bewährungsakte eröffnen")
    form = f.AkteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fall = person.faelle.order_by("-pk").first()
        try:
            akte = domain.akte_eroeffnen(person=person, fall=fall, **form.cleaned_data, durch=request.user)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, "Bewährungsakte eröffnet.")
            return redirect("vollzugsgestaltung:akte_detail", pk=akte.pk)
    return render(
        request,
        "vollzugsgestaltung/formular.html",
        {"titel": "Bewährungsakte eröffnen (§ 19 JVG)", "person": person, "form": form},
    )


def _akte_rendern(request, akte, formulare=None):
    formulare = formulare or {}
    angebote = {}
    weisungen = list(akte.weisungen.all())
    if permissions.darf_bewaehrung_bearbeiten(request.user) and akte.abgeschlossen_am is None:
        angebote = {"weisung": f.WeisungForm, "eintrag": f.EintragForm, "abschliessen": f.AbschlussForm}
        if any(w.aufgehoben_am is None for w in weisungen):
            angebote["kontrolle"] = f.KontrolleForm
    meldungen = list(akte.gerichtsmeldungen.all())
    meldeformen = {}
    if permissions.darf_bewaehrung_bearbeiten(request.user):
        for m in meldungen:
            gebunden = formulare.get(f"senden-{m.pk}") or formulare.get(f"antwort-{m.pk}")
            if gebunden is not None:
                meldeformen[m.pk] = gebunden
            elif m.gesendet_am is None:
                meldeformen[m.pk] = f.MeldungSendenForm(prefix="senden", initial={"bericht": m.bericht})
            elif m.antwort_am is None:
                meldeformen[m.pk] = f.GerichtsantwortForm(prefix="antwort")
    return render(
        request,
        "vollzugsgestaltung/akte_detail.html",
        {
            "akte": akte,
            "weisungen": weisungen,
            "eintraege": list(akte.eintraege.select_related("weisung")),
            "meldungen": [(m, meldeformen.get(m.pk)) for m in meldungen],
            "formulare": _formulare(angebote, formulare, akte),
        },
    )


def _akte(request, pk):
    return get_object_or_404(queries.akten_fuer_user(request.user), pk=pk)


@login_required
def akte_detail(request, pk):
    akte = _akte(request, pk)
    _lesen(request, akte.person, akte)
    return _akte_rendern(request, akte)


def _darf_bew(u, a):
    return permissions.darf_bewaehrung_bearbeiten(u)


AKTE_SCHRITTE = {
    "weisung": Schritt(
        f.WeisungForm, _darf_bew, lambda a, d, u: domain.weisung_erfassen(akte=a, durch=u, **d), "Weisung"
    ),
    "eintrag": Schritt(
        f.EintragForm, _darf_bew, lambda a, d, u: domain.eintrag_erfassen(akte=a, durch=u, **d), "Eintrag"
    ),
    "kontrolle": Schritt(
        f.KontrolleForm,
        _darf_bew,
        lambda a, d, u: domain.weisung_kontrollieren(durch=u, **d),
        "Weisungskontrolle",
    ),
    "abschliessen": Schritt(
        f.AbschlussForm,
        _darf_bew,
        lambda a, d, u: domain.akte_abschliessen(akte=a, am=d["am"], durch=u),
        "Abschluss",
    ),
}


@login_required
@require_POST
def akte_aktion(request, pk, aktion):
    akte = _akte(request, pk)
    return _aktion(request, akte, AKTE_SCHRITTE, aktion, _akte_rendern, akte.get_absolute_url())


@login_required
@require_POST
def meldung_aktion(request, pk, aktion):
    m = get_object_or_404(
        Gerichtsmeldung.objects.filter(akte__in=queries.akten_fuer_user(request.user)), pk=pk
    )
    if aktion not in ("senden", "antwort"):
        raise Http404
    if not permissions.darf_bewaehrung_bearbeiten(request.user):
        _verweigert("Meldung an das Gericht")
    form = (f.MeldungSendenForm if aktion == "senden" else f.GerichtsantwortForm)(request.POST, prefix=aktion)
    if form.is_valid():
        try:
            if aktion == "senden":
                domain.gerichtsmeldung_senden(meldung=m, durch=request.user, **form.cleaned_data)
            else:
                domain.gerichtsantwort_erfassen(
                    meldung=m,
                    am=form.cleaned_data["am"],
                    antwort=form.cleaned_data["antwort"],
                    durch=request.user,
                )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form, felder={"antwort_am": "am"})
        else:
            messages.success(request, "Meldung an das Gericht: gespeichert.")
            return redirect(m.akte.get_absolute_url())
    return _akte_rendern(request, m.akte, {f"{aktion}-{m.pk}": form})


# --- Begnadigung -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def gnade_neu(request, pk):
    person = get_object_or_404(personen_fuer_user(request.user), pk=pk)
    if not permissions.darf_begnadigung_bearbeiten(request.user):
        _verweigert("Begnadigungsgesuch erfassen")
    form = f.GnadengesuchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fall = person.faelle.order_by("-pk").first()
        try:
            g = domain.gnadengesuch_erfassen(
                person=person, fall=fall, **form.cleaned_data, durch=request.user
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, "Begnadigungsgesuch erfasst (§ 51 JVG).")
            return redirect("vollzugsgestaltung:gnade_detail", pk=g.pk)
    return render(
        request,
        "vollzugsgestaltung/formular.html",
        {"titel": "Begnadigungsgesuch erfassen (§ 51 JVG)", "person": person, "form": form},
    )


def _gnade_rendern(request, g, formulare=None):
    formulare = formulare or {}
    angebote = {}
    if permissions.darf_begnadigung_bearbeiten(request.user):
        if g.status == recht.Gnadenstatus.EINGEREICHT:
            angebote = {"weiterleiten": f.WeiterleitenForm}
        elif g.status == recht.Gnadenstatus.WEITERGELEITET:
            angebote = {"entscheid": f.GnadenentscheidForm}
    return render(
        request,
        "vollzugsgestaltung/gnade_detail.html",
        {
            "g": g,
            "kantonsrat": recht.KANTONSRAT,
            "formulare": _formulare(angebote, formulare),
        },
    )


def _gnade(request, pk):
    return get_object_or_404(queries.gnadengesuche_fuer_user(request.user), pk=pk)


@login_required
def gnade_detail(request, pk):
    g = _gnade(request, pk)
    _lesen(request, g.person, g)
    return _gnade_rendern(request, g)


def _darf_gnade(u, g):
    return permissions.darf_begnadigung_bearbeiten(u)


GNADE_SCHRITTE = {
    "weiterleiten": Schritt(
        f.WeiterleitenForm,
        _darf_gnade,
        lambda g, d, u: domain.gnadengesuch_weiterleiten(
            gesuch=g,
            am=d["am"],
            bericht=d["bericht"],
            vollzug_aussetzen=d["vollzug_aussetzen"],
            aussetzung_begruendung=d["aussetzung_begruendung"],
            durch=u,
        ),
        "Weiterleitung an den Kantonsrat",
    ),
    "entscheid": Schritt(
        f.GnadenentscheidForm,
        _darf_gnade,
        lambda g, d, u: domain.gnadenentscheid_erfassen(
            gesuch=g, entscheid=d["entscheid"], am=d["am"], text=d["text"], durch=u
        ),
        "Entscheid des Kantonsrats",
    ),
}


@login_required
@require_POST
def gnade_aktion(request, pk, aktion):
    g = _gnade(request, pk)
    return _aktion(request, g, GNADE_SCHRITTE, aktion, _gnade_rendern, g.get_absolute_url())
