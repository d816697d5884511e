"""Pages for auditors (role `revision` only, R-0-AUDIT-1/-2): the change log and the read log, with CSV.

Read-only: every view answers GET/HEAD only. An export discloses case data in bulk, so it is itself
logged as a read (aktion `export`, with the filter as `abfrage`).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from kern.audit_kette import tabellenname
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion, Kettenpruefung
from kern.web.seiten import GedeckelterPaginator
from protokoll.domain import export, historie
from protokoll.forms import ProtokollFilterForm, SicherheitsFilterForm
from protokoll.permissions import darf_protokolle_einsehen
from protokoll.queries import lesezugriffe as lesezugriffe_qs
from protokoll.queries import sicherheitsereignisse

PRO_SEITE = 50


def _nur_revision(view):
    @login_required
    @require_safe
    @wraps(view)
    def pruefen(request, *args, **kwargs):
        if not darf_protokolle_einsehen(request.user):
            raise PermissionDenied("Keine Berechtigung: Protokolle einsehen (nur Revision, R-0-ROLE-1).")
        return view(request, *args, **kwargs)

    return pruefen


def _formular(request, **kw) -> tuple[ProtokollFilterForm, historie.Filter | None]:
    """The bound filter form and its resolved filter; None if the input is invalid (errors shown, no rows)."""
    form = ProtokollFilterForm(request.GET or None, **kw)
    if not form.is_bound:
        return form, historie.Filter()
    return form, form.filter() if form.is_valid() else None


def _kette() -> dict:
    """The last run of the chain check (issue 18 item 4): "Kette geprüft bis …" or the first broken row."""
    pruefung = Kettenpruefung.objects.order_by("-zeitpunkt", "-pk").first()
    name = tabellenname(pruefung.bruch_tabelle) if pruefung and not pruefung.intakt else ""
    return {"kette": pruefung, "kette_tabelle": name}


def _seite(request, vorlage: str, kontext: dict, status: int = 200):
    return render(request, vorlage, {**kontext, **_kette()}, status=status)


def _seitennummer(request) -> int:
    wert = request.GET.get("page", "1")
    # R-0-BAD-1: an absurd page number must not overflow the SQL offset.
    return min(max(1, int(wert)), 10_000) if wert.isdigit() else 1


def _dateiname(art: str) -> str:
    return f"{art}-{timezone.localtime():%Y%m%d-%H%M}.csv"


def _export_protokollieren(request, objekt_typ: str) -> None:
    lesezugriff_protokollieren(
        request_or_user=request, aktion=Aktion.EXPORT, objekt_typ=objekt_typ, abfrage=request.GET.urlencode()
    )


@_nur_revision
def aenderungen(request):
    form, f = _formular(request)
    seite = historie.aenderungen_seite(f, nummer=_seitennummer(request), pro_seite=PRO_SEITE) if f else None
    return _seite(request, "protokoll/aenderungen.html", {"form": form, "seite": seite})


@_nur_revision
def aenderungen_csv(request):
    form, f = _formular(request)
    if f is None:
        return _seite(request, "protokoll/aenderungen.html", {"form": form, "seite": None}, status=400)
    _export_protokollieren(request, "protokoll.aenderungen")
    return export.csv_antwort(
        _dateiname("aenderungen"), export.AENDERUNGEN_KOPF, export.aenderungen_zeilen(f)
    )


@_nur_revision
def lesezugriffe(request):
    form, f = _formular(request, mit_export_typen=True)
    seite = (
        GedeckelterPaginator(lesezugriffe_qs(f), PRO_SEITE).get_page(request.GET.get("page")) if f else None
    )
    return _seite(request, "protokoll/lesezugriffe.html", {"form": form, "seite": seite})


@_nur_revision
def lesezugriffe_csv(request):
    form, f = _formular(request, mit_export_typen=True)
    if f is None:
        return _seite(request, "protokoll/lesezugriffe.html", {"form": form, "seite": None}, status=400)
    _export_protokollieren(request, "protokoll.lesezugriffe")
    return export.csv_antwort(
        _dateiname("lesezugriffe"), export.LESEZUGRIFFE_KOPF, export.lesezugriffe_zeilen(lesezugriffe_qs(f))
    )


@_nur_revision
def sicherheit(request):
    """Issue 18 item 4: the security log (sign-ins, failures, lockouts, second factor, role changes,
    tokens), filterable by person, kind and date, paginated."""
    form = SicherheitsFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return _seite(request, "protokoll/sicherheit.html", {"form": form, "seite": None}, status=400)
    qs = sicherheitsereignisse(**(form.cleaned_data if form.is_bound else {}))
    seite = GedeckelterPaginator(qs, PRO_SEITE).get_page(_seitennummer(request))
    return _seite(request, "protokoll/sicherheit.html", {"form": form, "seite": seite})
