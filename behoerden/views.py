"""Pages of the partner-agency module: agencies and credentials (admin), the disclosure log (auditors).

- /behoerden/                        admin: agencies, create, (re)issue credentials (secret shown once), (de)activate
- /behoerden/bekanntgaben/           revision + admin (data-protection officer): disclosure log with filters
- /behoerden/bekanntgaben.csv        the same as CSV (streamed, constant queries; the export is itself logged)
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from behoerden import domain, permissions, queries
from behoerden.forms import BehoerdeForm, BekanntgabeFilterForm
from behoerden.models import Behoerde, Behoerdentyp
from behoerden.recht import FREIGABEN, KATEGORIE_TEXT, scopes_fuer
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from protokoll.domain.export import csv_antwort

PRO_SEITE = 50


def _nur(pruefung, was):
    def dekorator(view):
        @login_required
        @wraps(view)
        def pruefen(request, *args, **kwargs):
            if not pruefung(request.user):
                raise PermissionDenied(f"Keine Berechtigung: {was} (R-0-ROLE-1).")
            return view(request, *args, **kwargs)

        return pruefen

    return dekorator


_nur_admin = _nur(
    permissions.darf_behoerden_verwalten, "Partnerbehörden verwalten (nur Systemadministration)"
)
_nur_revision = _nur(permissions.darf_bekanntgaben_einsehen, "Bekanntgabeprotokoll einsehen (nur Revision)")


def _freigaben_tabelle():
    return [
        {
            "typ": Behoerdentyp(typ).label,
            "scopes": scopes_fuer(typ),
            "kategorien": [KATEGORIE_TEXT[k] for k in f.kategorien],
            "zwecke": f.zwecke,
            "sicht": f.sicht.value,
        }
        for typ, f in FREIGABEN.items()
    ]


def _liste(request, form, status=200):
    behoerden = Behoerde.objects.select_related("anwendung").order_by("name")
    return render(
        request,
        "behoerden/liste.html",
        {"behoerden": behoerden, "form": form, "freigaben": _freigaben_tabelle()},
        status=status,
    )


@_nur_admin
@require_safe
def liste(request):
    return _liste(request, BehoerdeForm())


def _zugang_anzeigen(request, behoerde, geheimnis):
    antwort = render(
        request,
        "behoerden/zugang.html",
        {"behoerde": behoerde, "client_id": behoerde.anwendung.client_id, "geheimnis": geheimnis},
    )
    antwort["Cache-Control"] = "no-store"
    return antwort


@_nur_admin
@require_POST
@never_cache
def neu(request):
    form = BehoerdeForm(request.POST)
    if not form.is_valid():
        return _liste(request, form, status=400)
    try:
        behoerde, geheimnis = domain.behoerde_anlegen(
            daten=domain.BehoerdeDaten(**form.cleaned_data), durch=request.user
        )
    except ValidationError as exc:
        for feld, meldungen in exc.message_dict.items():
            form.add_error(feld if feld in form.fields else None, meldungen)
        return _liste(request, form, status=400)
    return _zugang_anzeigen(request, behoerde, geheimnis)


@_nur_admin
@require_POST
@never_cache
def zugang(request, pk):
    behoerde = get_object_or_404(Behoerde, pk=pk)
    geheimnis = domain.zugang_neu_ausstellen(behoerde=behoerde, durch=request.user)
    behoerde.refresh_from_db()
    return _zugang_anzeigen(request, behoerde, geheimnis)


@_nur_admin
@require_POST
def aktiv(request, pk):
    behoerde = get_object_or_404(Behoerde, pk=pk)
    domain.behoerde_aktiv_setzen(
        behoerde=behoerde, aktiv=request.POST.get("aktiv") == "1", durch=request.user
    )
    return redirect("behoerden:liste")


def _seitennummer(request) -> int:
    wert = request.GET.get("page", "1")
    return min(max(1, int(wert)), 10_000) if wert.isdigit() else 1


def _filter(request):
    form = BekanntgabeFilterForm(request.GET or None)
    if not form.is_bound:
        return form, {}
    return form, (form.filter() if form.is_valid() else None)


@_nur_revision
@require_safe
def bekanntgaben(request):
    form, f = _filter(request)
    seite = None
    if f is not None:
        seite = Paginator(queries.bekanntgaben(**f), PRO_SEITE).get_page(_seitennummer(request))
    return render(request, "behoerden/bekanntgaben.html", {"form": form, "seite": seite})


KOPF = [
    "Zeitpunkt",
    "Behörde",
    "Behördentyp",
    "Sachbearbeitung",
    "Zweck",
    "Gesetzliche Aufgabe",
    "Rechtsgrundlage",
    "Personennummer",
    "Person",
    "Endpunkt",
    "Datenkategorien",
    "IP-Adresse",
]


def _zeilen(qs):
    # iterator(): the export streams in chunks; memory does not grow with the log (constant queries).
    for b in qs.iterator(chunk_size=500):
        yield [
            f"{timezone.localtime(b.zeitpunkt):%d.%m.%Y %H:%M:%S}",
            b.behoerde_name,
            b.get_behoerdentyp_display(),
            b.sachbearbeitung,
            b.zweck,
            b.zweck_text,
            b.rechtsgrundlage,
            b.person.personennummer if b.person else "",
            f"{b.person.amtlicher_name} {b.person.vorname}" if b.person else "",
            b.endpunkt,
            ", ".join(b.kategorien),
            b.ip or "",
        ]


@_nur_revision
@require_safe
def bekanntgaben_csv(request):
    form, f = _filter(request)
    if f is None:
        return render(request, "behoerden/bekanntgaben.html", {"form": form, "seite": None}, status=400)
    # The export discloses the log in bulk: it is itself a logged read (R-0-AUDIT-2).
    lesezugriff_protokollieren(
        request_or_user=request,
        aktion=Aktion.EXPORT,
        objekt_typ="behoerden.bekanntgabe",
        abfrage=request.GET.urlencode(),
    )
    return csv_antwort(
        f"bekanntgaben-{timezone.localtime():%Y%m%d-%H%M}.csv", KOPF, _zeilen(queries.bekanntgaben(**f))
    )
