"""Browser pages of Vollzugsplan (§18): thin — parse, one call into `vollzug.domain`, render.

Visibility starts from `faelle_fuer_user` (a case outside the caller's view is a 404, R-0-ROLE-1); who
may write is `vollzug.permissions.darf_plan_bearbeiten` (403); reading a plan is reading the person's file and
is logged (R-0-AUDIT-2).
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion, Aufgabe
from kern.rollen import Rolle, hat_rolle
from kern.web.forms import fehler_uebernehmen
from vollzug import domain, permissions, recht
from vollzug.forms_plan import StufeForm, VergleichForm, VersionForm
from vollzug.models import Vollzugsfall, Vollzugsplan, Vollzugsplanversion, Vollzugsstufe
from vollzug.queries import faelle_fuer_user, freiheitsstrafe_tage, offene_platzierung
from vollzug.recht import TAGE_PRO_MONAT, VOLLZUGSPLAN_MINDESTTAGE, VollzugAufgabenart


def dauer_text(tage: int) -> str:
    """Days as the sentence reads (month = 30 days, as R-18-1 counts): 240 → '8 Monate'."""
    jahre, rest = divmod(tage, 12 * TAGE_PRO_MONAT)
    monate, tage = divmod(rest, TAGE_PRO_MONAT)
    teile = []
    if jahre:
        teile.append(f"{jahre} Jahr{'e' if jahre != 1 else ''}")
    if monate:
        teile.append(f"{monate} Monat{'e' if monate != 1 else ''}")
    if tage or not teile:
        teile.append(f"{tage} Tag{'e' if tage != 1 else ''}")
    return " ".join(teile)


@dataclass
class PlanUebersicht:
    """What the case page and the plan page show about §18 for one case and one user."""

    fall: Vollzugsfall
    strafe_tage: int
    erforderlich: bool
    plan: Vollzugsplan | None
    versionen: list = field(default_factory=list)  # newest first
    faellig: date | None = None
    faellig_art: str = ""  # "erstellen" (R-18-1) or "überprüfen" (R-18-3)
    ueberfaellig: bool = False
    kann_bearbeiten: bool = False  # management of the current facility, case in execution

    @property
    def strafe_text(self) -> str:
        return dauer_text(self.strafe_tage)

    @property
    def letzte(self):
        return self.versionen[0] if self.versionen else None

    @property
    def regel(self) -> str:
        return "R-18-1" if self.faellig_art == "erstellen" else "R-18-3"

    @property
    def paragraph(self) -> str:
        """What the user reads (issue 17): the §; the rule ID stays in the tooltip."""
        return "§ 18 Abs. 1 JVG" if self.faellig_art == "erstellen" else "§ 18 Abs. 2 JVG"


def _fall_mit_plandaten(user):
    return faelle_fuer_user(user).annotate(
        strafe_tage=freiheitsstrafe_tage(), einrichtung_id=offene_platzierung("anstalt_id", bezug="fall")
    )


def _uebersicht(fall, versionen: list, user) -> PlanUebersicht:
    """`fall` carries the annotations of `_fall_mit_plandaten`; `versionen` are newest first."""
    tage = fall.strafe_tage or 0
    erforderlich = tage >= VOLLZUGSPLAN_MINDESTTAGE
    im_vollzug = fall.status in recht.PLAN_STATUS
    uebersicht = PlanUebersicht(
        fall=fall,
        strafe_tage=tage,
        erforderlich=erforderlich,
        plan=versionen[0].plan if versionen else None,
        versionen=versionen,
        kann_bearbeiten=im_vollzug
        and erforderlich
        and permissions.darf_plan_bearbeiten(user, fall.einrichtung_id),
    )
    if erforderlich and im_vollzug and fall.vollzugsbeginn:
        if versionen:
            uebersicht.faellig = recht.ueberpruefung_faellig_am(versionen[0].erstellt_am)
            uebersicht.faellig_art = "überprüfen"
        else:
            uebersicht.faellig = recht.plan_faellig_am(fall.vollzugsbeginn)
            uebersicht.faellig_art = "erstellen"
        uebersicht.ueberfaellig = domain.ist_ueberfaellig(uebersicht.faellig)
    for v in versionen:
        v.kann_zustellen = v.zugestellt_am is None and permissions.darf_plan_bearbeiten(user, v.anstalt_id)
    return uebersicht


def _versionen(fall_id: int, *, mit_stufen: bool) -> list[Vollzugsplanversion]:
    qs = Vollzugsplanversion.objects.filter(plan__fall_id=fall_id).select_related(
        "plan", "anstalt", "erstellt_durch", "zugestellt_durch"
    )
    if mit_stufen:
        qs = qs.prefetch_related("stufen")
    else:
        # The case page shows only the name of the current stage: one subquery instead of all stages.
        qs = qs.annotate(
            stufe_bezeichnung=Subquery(
                Vollzugsstufe.objects.filter(
                    version=OuterRef("pk"), nummer=OuterRef("plan__aktuelle_stufe")
                ).values("bezeichnung")[:1]
            )
        )
    return list(qs.order_by("-nummer"))


def kontext_fuer_fall(fall, user) -> dict:
    """What the case page (`vollzug.views.fall_detail`) shows of this module: a constant number of
    queries, whatever the number of rows (two: the sentence sum with the current facility, and the
    versions with plan, facility, authors and the current stage's name). Rendered by `_fall_plan.html`."""
    fall_daten = _fall_mit_plandaten(user).filter(pk=fall.pk).values("strafe_tage", "einrichtung_id").first()
    if fall_daten is None:
        return {}
    fall.strafe_tage = fall_daten["strafe_tage"]
    fall.einrichtung_id = fall_daten["einrichtung_id"]
    return {"vollzugsplan": _uebersicht(fall, _versionen(fall.pk, mit_stufen=False), user)}


def _fall_oder_404(request, pk):
    return get_object_or_404(_fall_mit_plandaten(request.user).select_related("person"), pk=pk)


def _lesen_protokollieren(request, fall, objekt):
    lesezugriff_protokollieren(
        request_or_user=request, person=fall.person_id, objekt=objekt, aktion=Aktion.ANSICHT
    )


def _bearbeiten_pruefen(request, fall, was: str) -> None:
    if not permissions.darf_plan_bearbeiten(request.user, fall.einrichtung_id):
        raise PermissionDenied(f"Keine Berechtigung: {was} (R-0-ROLE-1).")


@login_required
def plan_detail(request, pk):
    """All versions with their stages, the current stage and its history (R-18-2/R-18-3)."""
    fall = _fall_oder_404(request, pk)
    versionen = _versionen(fall.pk, mit_stufen=True)
    uebersicht = _uebersicht(fall, versionen, request.user)
    _lesen_protokollieren(request, fall, uebersicht.plan or fall)
    stufenverlauf = []
    if uebersicht.plan is not None:
        vorher = None
        for h in uebersicht.plan.history.select_related("history_user").order_by(
            "history_date", "history_id"
        ):
            if h.aktuelle_stufe != vorher:
                stufenverlauf.append(h)
            vorher = h.aktuelle_stufe
        stufenverlauf.reverse()
    offene_aufgaben = []
    if hat_rolle(request.user, Rolle.SACHBEARBEITUNG):
        offene_aufgaben = list(
            Aufgabe.objects.filter(
                fall=fall, art=VollzugAufgabenart.VOLLZUGSPLAN_ZUGESTELLT, erledigt_am__isnull=True
            ).order_by("faellig_am", "pk")
        )
    return render(
        request,
        "vollzug/plan_detail.html",
        {
            "fall": fall,
            "vp": uebersicht,
            "stufenverlauf": stufenverlauf,
            "offene_aufgaben": offene_aufgaben,
        },
    )


def _version_oder_404(fall, nummer, *, mit_stufen=True):
    qs = Vollzugsplanversion.objects.filter(plan__fall=fall).select_related(
        "plan", "anstalt", "erstellt_durch", "zugestellt_durch"
    )
    if mit_stufen:
        qs = qs.prefetch_related("stufen")
    return get_object_or_404(qs, nummer=nummer)


@login_required
def plan_version(request, pk, nummer):
    fall = _fall_oder_404(request, pk)
    version = _version_oder_404(fall, nummer)
    _lesen_protokollieren(request, fall, version)
    version.kann_zustellen = version.zugestellt_am is None and permissions.darf_plan_bearbeiten(
        request.user, version.anstalt_id
    )
    return render(
        request,
        "vollzug/plan_version.html",
        {
            "fall": fall,
            "version": version,
            "naechste_ueberpruefung": domain.naechste_ueberpruefung(version),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_neu(request, pk):
    """R-18-2 (first version) or R-18-3 (review, prefilled from the latest version)."""
    fall = _fall_oder_404(request, pk)
    _bearbeiten_pruefen(request, fall, "Vollzugsplan erstellen (§ 18 Abs. 1 JVG)")
    letzte = (
        Vollzugsplanversion.objects.filter(plan__fall=fall)
        .select_related("plan")
        .prefetch_related("stufen")
        .order_by("-nummer")
        .first()
    )
    ueberpruefung = letzte is not None
    initial = VersionForm.initial_aus(letzte, letzte.plan.aktuelle_stufe) if letzte else {}
    form = VersionForm(request.POST or None, initial=initial, ueberpruefung=ueberpruefung)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            version = domain.version_erstellen(
                fall=fall,
                gestaltung=c["gestaltung"],
                vollzugsziele=c["vollzugsziele"],
                wiedereingliederung=c["wiedereingliederung"],
                stufen=form.stufen_daten(),
                aktuelle_stufe=c["aktuelle_stufe"],
                anlass=c.get("anlass", ""),
                durch=request.user,
            )
        except ValidationError as fehler:
            fehler_uebernehmen(_stufenfehler_auf_feld(fehler), form)
        else:
            messages.success(
                request,
                f"Vollzugsplan Version {version.nummer} erstellt. Bitte der Vollzugsbehörde zustellen "
                "(§ 18 Abs. 2 JVG).",
            )
            return redirect("vollzug:plan_version", pk=fall.pk, nummer=version.nummer)
    titel = f"Vollzugsplan überprüfen (Version {letzte.nummer + 1})" if letzte else "Vollzugsplan erstellen"
    return render(
        request,
        "vollzug/plan_form.html",
        {
            "fall": fall,
            "form": form,
            "titel": titel,
            "letzte": letzte,
            "erforderlich": (fall.strafe_tage or 0) >= VOLLZUGSPLAN_MINDESTTAGE,
            "strafe_text": dauer_text(fall.strafe_tage or 0),
        },
    )


def _stufenfehler_auf_feld(fehler: ValidationError) -> ValidationError:
    """The service names a stage as `stufen[2].bezeichnung`; the form has one text field for all stages."""
    if not hasattr(fehler, "error_dict"):
        return fehler
    neu: dict[str, list] = {}
    for schluessel, liste in fehler.error_dict.items():
        ziel = "stufen" if schluessel.startswith("stufen[") else schluessel
        neu.setdefault(ziel, []).extend(liste)
    return ValidationError(neu)


@login_required
@require_POST
def plan_zustellen(request, pk, nummer):
    """R-18-3 (§ 18 Abs. 2): the facility management records that it sent this version to the authority."""
    fall = _fall_oder_404(request, pk)
    version = _version_oder_404(fall, nummer, mit_stufen=False)
    if not permissions.darf_plan_bearbeiten(request.user, version.anstalt_id):
        raise PermissionDenied("Keine Berechtigung: Vollzugsplan zustellen (§ 18 Abs. 2 JVG) (R-0-ROLE-1).")
    try:
        domain.version_zustellen(version=version, durch=request.user)
    except ValidationError as fehler:
        for meldung in fehler.messages:
            messages.error(request, meldung)
    else:
        messages.success(request, f"Version {version.nummer} als der Vollzugsbehörde zugestellt erfasst.")
    return redirect("vollzug:plan_version", pk=fall.pk, nummer=version.nummer)


@login_required
@require_POST
def plan_kenntnis(request, pk, aufgabe_pk):
    """§ 18 Abs. 2: the case worker confirms having read a plan the facility sent (settles the task)."""
    fall = _fall_oder_404(request, pk)
    aufgabe = get_object_or_404(
        Aufgabe.objects.filter(fall=fall, art=VollzugAufgabenart.VOLLZUGSPLAN_ZUGESTELLT), pk=aufgabe_pk
    )
    try:
        domain.kenntnis_nehmen(aufgabe=aufgabe, durch=request.user)
    except ValidationError as fehler:
        for meldung in fehler.messages:
            messages.error(request, meldung)
    else:
        messages.success(request, "Vollzugsplan zur Kenntnis genommen.")
    return redirect("vollzug:plan_detail", pk=fall.pk)


@login_required
@require_http_methods(["GET", "POST"])
def plan_stufe(request, pk):
    """R-18-2: the facility management moves the person to another stage of the latest version."""
    fall = _fall_oder_404(request, pk)
    _bearbeiten_pruefen(request, fall, "Vollzugsstufe ändern (§ 18 JVG)")
    letzte = (
        Vollzugsplanversion.objects.filter(plan__fall=fall)
        .select_related("plan")
        .prefetch_related("stufen")
        .order_by("-nummer")
        .first()
    )
    if letzte is None:
        raise Http404("Kein Vollzugsplan.")
    stufen = sorted(letzte.stufen.all(), key=lambda s: s.nummer)
    form = StufeForm(request.POST or None, stufen=stufen, initial={"stufe": letzte.plan.aktuelle_stufe})
    if request.method == "POST" and form.is_valid():
        try:
            domain.stufe_setzen(
                fall=fall,
                stufe=form.cleaned_data["stufe"],
                grund=form.cleaned_data["grund"],
                durch=request.user,
            )
        except ValidationError as fehler:
            fehler_uebernehmen(fehler, form)
        else:
            messages.success(request, f"Vollzugsstufe auf Stufe {form.cleaned_data['stufe']} geändert.")
            return redirect("vollzug:plan_detail", pk=fall.pk)
    return render(
        request,
        "vollzug/plan_stufe.html",
        {"fall": fall, "form": form, "plan": letzte.plan, "stufen": stufen, "letzte": letzte},
    )


@login_required
def plan_vergleich(request, pk):
    """R-18-3: what a review changed between two versions (`?von=1&bis=2`)."""
    fall = _fall_oder_404(request, pk)
    form = VergleichForm(request.GET or None)
    if not form.is_valid():
        raise Http404("Bitte zwei Versionen angeben (?von=1&bis=2).")
    von, bis = form.cleaned_data["von"], form.cleaned_data["bis"]
    versionen = {
        v.nummer: v
        for v in Vollzugsplanversion.objects.filter(plan__fall=fall, nummer__in=[von, bis])
        .select_related("anstalt", "erstellt_durch")
        .prefetch_related("stufen")
    }
    if von not in versionen or bis not in versionen:
        raise Http404("Version nicht gefunden.")
    alt, neu = versionen[von], versionen[bis]
    _lesen_protokollieren(request, fall, neu)
    return render(
        request,
        "vollzug/plan_vergleich.html",
        {"fall": fall, "alt": alt, "neu": neu, "unterschiede": domain.versionen_vergleichen(alt, neu)},
    )
