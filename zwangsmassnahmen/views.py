"""Browser pages of §§ 25, 26, 28, 32 JVG and the landing page of chapter 5 ("Zwangsmassnahmen").

Thin: visibility from `zwangsmassnahmen.queries` (outside → 404), one call of `zwangsmassnahmen.domain`
per write (its PermissionDenied → 403, its ValidationError next to the fields, R-0-BAD-1). Lists run a
constant number of queries (related rows joined, paginated); detail pages log the read (R-0-AUDIT-2).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from kern.rollen import ANSTALTSROLLEN, Rolle, berechtigung_pruefen, hat_rolle
from kern.web.forms import fehler_uebernehmen
from kern.web.seiten import GedeckelterPaginator
from vollzug.models import Platzierung, Vollzugsfall
from vollzug.queries import dossier_filter, faelle_fuer_user
from vollzug.recht import Fallstatus
from zwangsmassnahmen import domain, permissions
from zwangsmassnahmen import forms as f
from zwangsmassnahmen.queries import (
    MODULROLLEN,
    entweichungen_fuer_user,
    haften_fuer_user,
    kontrollen_fuer_user,
    versetzungen_fuer_user,
)
from zwangsmassnahmen.recht import FREIHEITSENTZIEHENDE_MASSNAHMEN, Haftstatus, Haftvariante, Kontrollstatus

PRO_SEITE = 25


def _modul_pruefen(user) -> None:
    # Partner agencies, the threat-management team and admins have no browser access to this module.
    if not hat_rolle(user, *MODULROLLEN):
        raise PermissionDenied("Keine Berechtigung: Zwangsmassnahmen (R-0-ROLE-1).")


def _faelle_vor_ort(user):
    """Cases of persons placed in the user's facility now (forms of facility staff)."""
    if not hat_rolle(user, *ANSTALTSROLLEN) or user.anstalt_id is None:
        return Vollzugsfall.objects.none()
    return (
        Vollzugsfall.objects.filter(
            pk__in=Platzierung.objects.filter(anstalt_id=user.anstalt_id, bis__isnull=True).values("fall")
        )
        .select_related("person")
        .order_by("person__amtlicher_name", "person__vorname", "pk")
    )


def _vorauswahl(request, faelle) -> dict:
    if request.method == "GET" and request.GET.get("fall", "").isdigit():
        return {"fall": faelle.filter(pk=request.GET["fall"]).first()}
    return {}


def _seite(request, qs):
    return GedeckelterPaginator(qs, PRO_SEITE).get_page(request.GET.get("page"))


def _formular(request, form, ausfuehren, *, titel, einleitung, zurueck, felder=None):
    """Render `form`; on a valid POST call `ausfuehren(cleaned_data)` and redirect to what it returns."""
    if request.method == "POST" and form.is_valid():
        try:
            ziel, meldung = ausfuehren(form.cleaned_data)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form, felder=felder)
        else:
            messages.success(request, meldung)
            return redirect(ziel)
    return render(
        request,
        "zwangsmassnahmen/formular.html",
        {"form": form, "titel": titel, "einleitung": einleitung, "zurueck": zurueck},
    )


# --- Landing page ----------------------------------------------------------------------------------


@login_required
@require_GET
def start(request):
    """Chapter 5 landing page: the lists of §§ 25, 26, 28, 32 with open counts, and the other chapter-5
    modules. Five count queries whatever the number of rows."""
    user = request.user
    _modul_pruefen(user)
    jetzt = timezone.now()
    offen = Q(variante=Haftvariante.EIGENE_ANORDNUNG, status=Haftstatus.IN_HAFT, antrag_am__isnull=True)
    haft = haften_fuer_user(user).aggregate(
        offen=Count("pk", filter=offen & Q(frist_ende__gte=jetzt)),
        ueberfaellig=Count("pk", filter=offen & Q(frist_ende__lt=jetzt)),
        laufend=Count("pk", filter=~Q(status=Haftstatus.BEENDET)),
    )
    kontrollen = kontrollen_fuer_user(user).aggregate(
        beantragt=Count("pk", filter=Q(status=Kontrollstatus.BEANTRAGT)),
        angeordnet=Count("pk", filter=Q(status=Kontrollstatus.ANGEORDNET)),
    )
    kontext = {
        "haft": haft,
        "kontrollen": kontrollen,
        "versetzungen_aktiv": versetzungen_fuer_user(user).filter(platzierung__bis__isnull=True).count(),
        "entweichungen_offen": entweichungen_fuer_user(user).filter(zugefuehrt_am__isnull=True).count(),
        "ist_behoerde": hat_rolle(user, Rolle.SACHBEARBEITUNG),
        "ist_anstalt": hat_rolle(user, *ANSTALTSROLLEN),
        "ist_medizin": hat_rolle(user, Rolle.MEDIZIN),
    }
    return render(request, "zwangsmassnahmen/start.html", kontext)


# --- § 25 Sicherheitshaft ----------------------------------------------------------------------------


@login_required
@require_GET
def haft_liste(request):
    _modul_pruefen(request.user)
    form = f.HaftFilterForm(request.GET or None)
    qs = (
        haften_fuer_user(request.user)
        .select_related("fall__person", "anstalt")
        .order_by("-angeordnet_am", "-pk")
    )
    if form.is_valid():
        jetzt = timezone.now()
        offen = Q(variante=Haftvariante.EIGENE_ANORDNUNG, status=Haftstatus.IN_HAFT, antrag_am__isnull=True)
        status = form.cleaned_data["status"]
        if status == "offen":
            qs = qs.filter(offen, frist_ende__gte=jetzt)
        elif status == "ueberfaellig":
            qs = qs.filter(offen, frist_ende__lt=jetzt)
        elif status:
            qs = qs.filter(status=status)
        if anstalt := form.cleaned_data["anstalt"]:
            qs = qs.filter(anstalt=anstalt)
    # The dossier's "alle anzeigen" (issue 17): ?person=…&fall=…
    qs, dossier = dossier_filter(request, qs, person="fall__person")
    seite = _seite(request, qs)
    jetzt = timezone.now()
    for h in seite.object_list:
        h.ueberfaellig = domain.ist_ueberfaellig(h, jetzt)
    return render(
        request,
        "zwangsmassnahmen/haft_liste.html",
        {
            "form": form,
            "seite": seite,
            "filter_aktiv": form.is_valid() and any(form.cleaned_data.values()),
            "kann_anordnen": permissions.darf_haft_anordnen(request.user),
            "dossier": dossier,
            "liste_url": reverse("zwangsmassnahmen:haft_liste"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def haft_neu(request):
    if not permissions.darf_haft_anordnen(request.user):
        raise PermissionDenied("Keine Berechtigung: Sicherheitshaft anordnen (§ 25 JVG, R-0-ROLE-1).")
    faelle = faelle_fuer_user(request.user).select_related("person").order_by("person__amtlicher_name", "pk")
    form = f.HaftForm(request.POST or None, faelle=faelle, initial=_vorauswahl(request, faelle))

    def ausfuehren(d):
        daten = {k: v for k, v in d.items() if k != "fall"}
        haft = domain.sicherheitshaft_anordnen(
            fall=d["fall"], daten=domain.HaftDaten(**daten), durch=request.user
        )
        return haft.get_absolute_url(), f"Sicherheitshaft {haft.nummer} erfasst (§ 25 JVG)."

    return _formular(
        request,
        form,
        ausfuehren,
        titel="Sicherheitshaft anordnen (§ 25 JVG)",
        einleitung="Vor oder gleichzeitig mit der Einleitung eines Verfahrens auf nachträglichen richterlichen "
        "Entscheid (Art. 363 ff. StPO) ordnet die Vollzugsbehörde die Haft an (Abs. 1) und beantragt innert "
        "48 Stunden seit der Festnahme die Verlängerung beim Zwangsmassnahmengericht (Abs. 2). Erfährt sie die "
        "Haftgründe erst nach der Einleitung, beantragt sie die Haft bei der Verfahrensleitung (Abs. 3).",
        zurueck="zwangsmassnahmen:haft_liste",
        felder={"gruende": "grund_oeffentlichkeit"},
    )


def _haft(request, pk):
    _modul_pruefen(request.user)
    return get_object_or_404(
        haften_fuer_user(request.user).select_related(
            "fall__person", "anstalt", "angeordnet_durch", "antrag_erfasst_durch"
        ),
        pk=pk,
    )


_HAFT_AKTIONEN = {
    "antrag": (f.AntragForm, "Antrag erfasst (§ 25 Abs. 2 JVG)."),
    "gericht": (f.GerichtForm, "Entscheid des Zwangsmassnahmengerichts erfasst."),
    "beenden": (f.HaftEndeForm, "Sicherheitshaft beendet."),
}


def _haft_aktion_ausfuehren(aktion, haft, d, user):
    if aktion == "antrag":
        domain.antrag_erfassen(haft=haft, antrag_am=d["antrag_am"], referenz=d["antrag_referenz"], durch=user)
    elif aktion == "gericht":
        domain.gerichtsentscheid_erfassen(
            haft=haft, entscheid=d["gericht_entscheid"], am=d["gericht_entscheid_am"], durch=user
        )
    else:
        domain.haft_beenden(haft=haft, am=d["beendet_am"], grund=d["beendet_grund"], durch=user)


def _haft_rendern(request, haft, formulare=None):
    formulare = formulare or {}
    darf = permissions.darf_haft_anordnen(request.user)
    kontext = {
        "h": haft,
        "ueberfaellig": domain.ist_ueberfaellig(haft),
        "erinnerungen": haft.erinnerungen.select_related("aufgabe").order_by("stunden"),
    }
    if darf and haft.antrag_offen:
        kontext["antrag_form"] = formulare.get("antrag") or f.AntragForm(prefix="antrag")
    if darf and haft.status == Haftstatus.BEANTRAGT:
        kontext["gericht_form"] = formulare.get("gericht") or f.GerichtForm(prefix="gericht")
    if darf and haft.status != Haftstatus.BEENDET:
        kontext["beenden_form"] = formulare.get("beenden") or f.HaftEndeForm(prefix="beenden")
    return render(request, "zwangsmassnahmen/haft_detail.html", kontext)


@login_required
@require_GET
def haft_detail(request, pk):
    haft = _haft(request, pk)
    # R-0-AUDIT-2: opening the detention reads the person's file.
    lesezugriff_protokollieren(
        request_or_user=request, person=haft.fall.person_id, objekt=haft, aktion=Aktion.ANSICHT
    )
    return _haft_rendern(request, haft)


@login_required
@require_POST
def haft_aktion(request, pk, aktion):
    haft = _haft(request, pk)
    if aktion not in _HAFT_AKTIONEN:
        raise Http404
    # Permission before validation: who may not act gets 403, never the form's field errors.
    berechtigung_pruefen(
        permissions.darf_haft_anordnen(request.user), "Sicherheitshaft bearbeiten (§ 25 JVG)"
    )
    form_klasse, meldung = _HAFT_AKTIONEN[aktion]
    form = form_klasse(request.POST, prefix=aktion)
    if form.is_valid():
        try:
            _haft_aktion_ausfuehren(aktion, haft, form.cleaned_data, request.user)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form, felder={"referenz": "antrag_referenz"})
        else:
            messages.success(request, meldung)
            return redirect(haft.get_absolute_url())
    haft.refresh_from_db()
    return _haft_rendern(request, haft, {aktion: form})


# --- § 26 vorübergehende Versetzung ------------------------------------------------------------------


@login_required
@require_GET
def versetzung_liste(request):
    _modul_pruefen(request.user)
    qs = (
        versetzungen_fuer_user(request.user)
        .select_related("fall__person", "von_anstalt", "platzierung__anstalt")
        .order_by("-angeordnet_am", "-pk")
    )
    return render(
        request,
        "zwangsmassnahmen/versetzung_liste.html",
        {"seite": _seite(request, qs), "kann_versetzen": permissions.darf_versetzen_26(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def versetzung_neu(request):
    if not permissions.darf_versetzen_26(request.user):
        raise PermissionDenied(
            "Keine Berechtigung: Vorübergehende Versetzung anordnen (§ 26 JVG, R-0-ROLE-1)."
        )
    faelle = (
        faelle_fuer_user(request.user)
        .filter(
            status=Fallstatus.IM_VOLLZUG,
            entscheide__sanktionen__art__in=sorted(FREIHEITSENTZIEHENDE_MASSNAHMEN),
        )
        .distinct()
        .select_related("person")
        .order_by("person__amtlicher_name", "pk")
    )
    form = f.VersetzungForm(request.POST or None, faelle=faelle, initial=_vorauswahl(request, faelle))

    def ausfuehren(d):
        v = domain.versetzung26_anordnen(**d, durch=request.user)
        return (
            v.get_absolute_url(),
            f"Vorübergehende Versetzung nach {v.platzierung.anstalt} erfasst (§ 26 JVG).",
        )

    return _formular(
        request,
        form,
        ausfuehren,
        titel="Vorübergehende Versetzung (§ 26 JVG)",
        einleitung="Die Vollzugsbehörde kann eine Person in eine andere Vollzugseinrichtung versetzen, wenn die "
        "freiheitsentziehende Massnahme vorübergehend undurchführbar ist und dies zu einer erheblichen "
        "Gefährdung der Öffentlichkeit oder des Massnahmenzweckes führt. Beide Voraussetzungen sind zu begründen.",
        zurueck="zwangsmassnahmen:versetzung_liste",
        felder={"begruendung": "undurchfuehrbar"},
    )


@login_required
@require_GET
def versetzung_detail(request, pk):
    _modul_pruefen(request.user)
    v = get_object_or_404(
        versetzungen_fuer_user(request.user).select_related(
            "fall__person", "von_anstalt", "platzierung__anstalt", "angeordnet_durch"
        ),
        pk=pk,
    )
    lesezugriff_protokollieren(
        request_or_user=request, person=v.fall.person_id, objekt=v, aktion=Aktion.ANSICHT
    )
    return render(request, "zwangsmassnahmen/versetzung_detail.html", {"v": v})


# --- § 28 Kontrollen ---------------------------------------------------------------------------------


@login_required
@require_GET
def kontrolle_liste(request):
    _modul_pruefen(request.user)
    form = f.KontrolleFilterForm(request.GET or None)
    qs = (
        kontrollen_fuer_user(request.user)
        .select_related("fall__person", "anstalt", "durchgefuehrt_durch")
        .order_by("-erfasst_am", "-pk")
    )
    if form.is_valid():
        for feld in ("art", "status"):
            if wert := form.cleaned_data[feld]:
                qs = qs.filter(**{feld: wert})
    return render(
        request,
        "zwangsmassnahmen/kontrolle_liste.html",
        {
            "form": form,
            "seite": _seite(request, qs),
            "filter_aktiv": form.is_valid() and any(form.cleaned_data.values()),
            "kann_erfassen": hat_rolle(request.user, *ANSTALTSROLLEN),
        },
    )


def _anstalt_pruefen(user, was: str) -> None:
    if not hat_rolle(user, *ANSTALTSROLLEN) or user.anstalt_id is None:
        raise PermissionDenied(f"Keine Berechtigung: {was} (R-0-ROLE-1).")


@login_required
@require_http_methods(["GET", "POST"])
def kontrolle_neu(request):
    _anstalt_pruefen(request.user, "Kontrolle erfassen")
    faelle = _faelle_vor_ort(request.user)
    form = f.KontrolleForm(request.POST or None, faelle=faelle, initial=_vorauswahl(request, faelle))

    def ausfuehren(d):
        k = domain.kontrolle_erfassen(**d, durch=request.user)
        return k.get_absolute_url(), f"{k.get_art_display()} erfasst."

    return _formular(
        request,
        form,
        ausfuehren,
        titel="Durchsuchung oder Kontrolle erfassen (§ 28 JVG)",
        einleitung="Durchsuchung der persönlichen Effekten oder der Unterkunft (Abs. 1) oder Atemluft-, Urin-, "
        "Blut- oder Haarkontrolle (Abs. 3). Eine Leibesvisitation braucht einen Verdacht und die Anordnung der "
        "Anstaltsleitung: sie wird separat beantragt.",
        zurueck="zwangsmassnahmen:kontrolle_liste",
    )


@login_required
@require_http_methods(["GET", "POST"])
def leibesvisitation_neu(request):
    _anstalt_pruefen(request.user, "Leibesvisitation beantragen")
    faelle = _faelle_vor_ort(request.user)
    form = f.LeibesvisitationForm(request.POST or None, faelle=faelle, initial=_vorauswahl(request, faelle))

    def ausfuehren(d):
        k = domain.leibesvisitation_beantragen(**d, durch=request.user)
        return k.get_absolute_url(), "Leibesvisitation beantragt; die Anstaltsleitung entscheidet."

    return _formular(
        request,
        form,
        ausfuehren,
        titel="Leibesvisitation beantragen (§ 28 Abs. 2 JVG)",
        einleitung="Nur bei Verdacht, dass die Person unerlaubte Gegenstände auf sich trägt oder in "
        "Körperöffnungen verbirgt. Anordnen muss die Anstaltsleitung (Art. 85 Abs. 2 StGB), nicht wer beantragt; "
        "durchgeführt wird sie von einer Person gleichen Geschlechts.",
        zurueck="zwangsmassnahmen:kontrolle_liste",
    )


def _kontrolle(request, pk):
    _modul_pruefen(request.user)
    return get_object_or_404(
        kontrollen_fuer_user(request.user).select_related(
            "fall__person", "anstalt", "beantragt_durch", "angeordnet_durch", "durchgefuehrt_durch"
        ),
        pk=pk,
    )


def _kontrolle_rendern(request, k, formulare=None):
    formulare = formulare or {}
    user = request.user
    vor_ort = permissions.darf_in_anstalt_handeln(user, anstalt_id=k.anstalt_id, person_id=k.fall.person_id)
    kontext = {"k": k}
    if k.status == Kontrollstatus.BEANTRAGT and vor_ort and hat_rolle(user, Rolle.ANSTALTSLEITUNG):
        kontext["entscheid_form"] = formulare.get("entscheiden") or f.EntscheidForm(prefix="entscheiden")
        kontext["ist_antragsteller"] = k.beantragt_durch_id == user.pk
    if k.status == Kontrollstatus.ANGEORDNET and vor_ort:
        kontext["durchfuehren_form"] = formulare.get("durchfuehren") or f.DurchfuehrungForm(
            prefix="durchfuehren"
        )
    return render(request, "zwangsmassnahmen/kontrolle_detail.html", kontext)


@login_required
@require_GET
def kontrolle_detail(request, pk):
    k = _kontrolle(request, pk)
    lesezugriff_protokollieren(
        request_or_user=request, person=k.fall.person_id, objekt=k, aktion=Aktion.ANSICHT
    )
    return _kontrolle_rendern(request, k)


@login_required
@require_POST
def kontrolle_aktion(request, pk, aktion):
    k = _kontrolle(request, pk)
    formulare = {"entscheiden": f.EntscheidForm, "durchfuehren": f.DurchfuehrungForm}
    if aktion not in formulare:
        raise Http404
    # Issue 18 item 6: permission before validation (the domain checks again).
    berechtigung_pruefen(
        permissions.darf_in_anstalt_handeln(
            request.user,
            anstalt_id=k.anstalt_id,
            person_id=k.fall.person_id,
            nur_leitung=aktion == "entscheiden",
        ),
        "Leibesvisitation anordnen (Anstaltsleitung)"
        if aktion == "entscheiden"
        else "Leibesvisitation durchführen",
    )
    form = formulare[aktion](request.POST, prefix=aktion)
    if form.is_valid():
        try:
            if aktion == "entscheiden":
                domain.leibesvisitation_entscheiden(kontrolle=k, **form.cleaned_data, durch=request.user)
            else:
                domain.leibesvisitation_durchfuehren(kontrolle=k, **form.cleaned_data, durch=request.user)
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form, felder={"durch": "__all__", "status": "__all__"})
        else:
            messages.success(request, "Leibesvisitation: Eintrag gespeichert.")
            return redirect(k.get_absolute_url())
    k.refresh_from_db()
    return _kontrolle_rendern(request, k, {aktion: form})


# --- § 32 Entweichungen ------------------------------------------------------------------------------


@login_required
@require_GET
def entweichung_liste(request):
    _modul_pruefen(request.user)
    form = f.EntweichungFilterForm(request.GET or None)
    qs = (
        entweichungen_fuer_user(request.user)
        .select_related("fall__person", "anstalt")
        .order_by("-festgestellt_am", "-pk")
    )
    if form.is_valid() and (status := form.cleaned_data["status"]):
        qs = qs.filter(zugefuehrt_am__isnull=(status == "offen"))
    return render(
        request,
        "zwangsmassnahmen/entweichung_liste.html",
        {
            "form": form,
            "seite": _seite(request, qs),
            "filter_aktiv": form.is_valid() and any(form.cleaned_data.values()),
            "kann_melden": hat_rolle(request.user, *ANSTALTSROLLEN),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entweichung_neu(request):
    _anstalt_pruefen(request.user, "Entweichung melden")
    faelle = _faelle_vor_ort(request.user)
    form = f.EntweichungForm(request.POST or None, faelle=faelle, initial=_vorauswahl(request, faelle))

    def ausfuehren(d):
        e = domain.entweichung_melden(**d, durch=request.user)
        return (
            e.get_absolute_url(),
            f"Festnahme- und Zuführungsauftrag {e.auftrag_nummer} erteilt (§ 32 JVG).",
        )

    return _formular(
        request,
        form,
        ausfuehren,
        titel="Entweichung oder unerlaubte Abwesenheit melden (§ 32 JVG)",
        einleitung="Die Festnahme und Zuführung wird mit der Meldung unverzüglich angeordnet; die Anstaltsleitung "
        "informiert die Einweisungsbehörde, die Vollzugsbehörde lässt den Auftrag vollziehen.",
        zurueck="zwangsmassnahmen:entweichung_liste",
    )


def _entweichung(request, pk):
    _modul_pruefen(request.user)
    return get_object_or_404(
        entweichungen_fuer_user(request.user).select_related(
            "fall__person",
            "anstalt",
            "gemeldet_durch",
            "einweisungsbehoerde_informiert_durch",
            "zufuehrung_erfasst_durch",
        ),
        pk=pk,
    )


def _entweichung_rendern(request, e, formulare=None):
    formulare = formulare or {}
    user = request.user
    vor_ort = permissions.darf_in_anstalt_handeln(user, anstalt_id=e.anstalt_id, person_id=e.fall.person_id)
    kontext = {"e": e}
    if vor_ort and e.einweisungsbehoerde_informiert_am is None:
        kontext["informiert_form"] = formulare.get("informiert") or f.InformiertForm(prefix="informiert")
    if (vor_ort or hat_rolle(user, Rolle.SACHBEARBEITUNG)) and e.zugefuehrt_am is None:
        kontext["zufuehrung_form"] = formulare.get("zufuehrung") or f.ZufuehrungForm(prefix="zufuehrung")
    return render(request, "zwangsmassnahmen/entweichung_detail.html", kontext)


@login_required
@require_GET
def entweichung_detail(request, pk):
    e = _entweichung(request, pk)
    lesezugriff_protokollieren(
        request_or_user=request, person=e.fall.person_id, objekt=e, aktion=Aktion.ANSICHT
    )
    return _entweichung_rendern(request, e)


@login_required
@require_POST
def entweichung_aktion(request, pk, aktion):
    e = _entweichung(request, pk)
    formulare = {"informiert": f.InformiertForm, "zufuehrung": f.ZufuehrungForm}
    if aktion not in formulare:
        raise Http404
    # Issue 18 item 6: permission before validation (the domain checks again).
    berechtigung_pruefen(
        permissions.darf_entweichung_bearbeiten(request.user, e, behoerde=aktion == "zufuehrung"),
        "Information der Einweisungsbehörde erfassen" if aktion == "informiert" else "Zuführung erfassen",
    )
    form = formulare[aktion](request.POST, prefix=aktion)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if aktion == "informiert":
                domain.einweisungsbehoerde_informiert(
                    entweichung=e, am=d["einweisungsbehoerde_informiert_am"], durch=request.user
                )
            else:
                domain.zufuehrung_erfassen(
                    entweichung=e,
                    am=d["zugefuehrt_am"],
                    art=d["zufuehrung_art"],
                    bemerkung=d["zufuehrung_bemerkung"],
                    durch=request.user,
                )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, "Eintrag gespeichert (§ 32 JVG).")
            return redirect(e.get_absolute_url())
    e.refresh_from_db()
    return _entweichung_rendern(request, e, {aktion: form})
