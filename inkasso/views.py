"""Browser pages of Inkasso (issue 22 item 8). Thin: permission first (`inkasso.permissions`), one
domain call per write, its ValidationError next to the field (R-0-BAD-1); reads of a person's claims are
logged (R-0-AUDIT-2); lists run a constant number of queries."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inkasso import domain, forms, queries
from inkasso.domain import mahnwesen, zahlteile
from inkasso.models import ERLEDIGT, GemeinnuetzigeArbeit, Mahnung, Umwandlung
from inkasso.permissions import darf_bericht_sehen, darf_inkasso_bearbeiten, darf_inkasso_lesen
from kern import csv_export
from kern.geld import chf
from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
from kern.web.forms import fehler_uebernehmen
from vollzug.queries import personen_fuer_user

MAX_ZEILEN = 200


def _lesen(user):
    if not darf_inkasso_lesen(user):
        raise PermissionDenied("Keine Berechtigung: Inkasso einsehen (R-0-ROLE-1).")


def _schreiben(user):
    if not darf_inkasso_bearbeiten(user):
        raise PermissionDenied("Keine Berechtigung: Inkasso bearbeiten (R-0-ROLE-1).")


def _forderung(user, pk):
    return get_object_or_404(queries.forderungen_fuer_user(user), pk=pk)


@login_required
@require_GET
def liste(request):
    """For the Inkasso team: claims with balance, age (days since the due date) and status."""
    _lesen(request.user)
    qs = queries.forderungen_fuer_user(request.user).order_by("zahlungsfrist", "pk")
    filter_ = request.GET.get("filter", "")[:20]
    heute = timezone.localdate()
    if filter_ == "ueberfaellig":
        qs = qs.exclude(status__in=ERLEDIGT).filter(offen__gt=0, zahlungsfrist__lt=heute)
    elif filter_ == "offen":
        qs = qs.exclude(status__in=ERLEDIGT).filter(offen__gt=0)
    elif filter_ == "betreibung":
        qs = qs.filter(pk__in=mahnwesen.betreibung_faellige(heute).values("pk"))
    elif filter_ == "umwandlung":
        qs = qs.filter(umwandlung__isnull=False)
    such = request.GET.get("q", "").strip()[:50]
    if such:
        qs = qs.filter(Q(nummer__icontains=such) | Q(person__amtlicher_name__icontains=such))
    zeilen = list(qs[:MAX_ZEILEN])
    for f in zeilen:
        f.alter_tage = max((heute - f.zahlungsfrist).days, 0)
    return render(
        request,
        "inkasso/liste.html",
        {
            "zeilen": zeilen,
            "filter": filter_,
            "q": such,
            "darf_bearbeiten": darf_inkasso_bearbeiten(request.user),
            "max": MAX_ZEILEN,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def neu(request):
    _schreiben(request.user)
    personen = personen_fuer_user(request.user).order_by("amtlicher_name", "vorname")
    form = forms.ForderungForm(request.POST or None, personen=personen)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            f = domain.forderung_erfassen(
                person=d["person"],
                daten=domain.Forderungsdaten(
                    art=d["art"],
                    behoerde=d["behoerde"],
                    referenz=d["referenz"],
                    entscheid_datum=d["entscheid_datum"],
                    rechtskraft_am=d["rechtskraft_am"],
                    betrag=d["betrag"],
                    tagessaetze=d["tagessaetze"],
                    tagessatz=d["tagessatz"],
                    efs_tage=d["efs_tage"],
                    tagessatz_ausnahme=d["tagessatz_ausnahme"],
                ),
                frist_monate=d["frist_monate"],
                durch=request.user,
            )
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(
                request, f"Forderung {f.nummer} erfasst, zahlbar bis {f.zahlungsfrist:%d.%m.%Y}."
            )
            return redirect("inkasso:detail", pk=f.pk)
    return render(
        request,
        "inkasso/form.html",
        {"form": form, "titel": "Forderung erfassen (§ 12 JVG)"},
        status=400 if form.errors else 200,
    )


_AKTIONSFORMULARE = {
    "frist": forms.FristForm,
    "raten": forms.RatenForm,
    "sofort": forms.SofortForm,
    "zahlung": forms.ZahlungForm,
    "umwandlung": forms.GrundForm,
    "abschreiben": forms.GrundForm,
    "arbeit": forms.ArbeitForm,
    "betreibung": forms.BetreibungForm,
    "betreibung_ergebnis": forms.GrundForm,
}


def _detail_kontext(request, f, formulare=None):
    formulare = formulare or {}
    kontext = {
        "f": f,
        "entscheide": f.entscheide.select_related("entschieden_durch"),
        "raten": f.raten.filter(aktiv=True),
        "zahlungen": f.zahlungen.select_related("rate"),
        "mahnungen": f.mahnungen.all(),
        "arbeiten": f.arbeiten.select_related("widerruf_verfuegung").prefetch_related("einsaetze"),
        "umwandlung": Umwandlung.objects.filter(forderung=f).select_related("verfuegung", "fall").first(),
        "betreibung": getattr(f, "betreibung", None) if hasattr(f, "betreibung") else None,
        "darf_bearbeiten": darf_inkasso_bearbeiten(request.user),
        "betreibung_faellig": mahnwesen.betreibung_faellig(f, timezone.localdate()),
        "formulare": {name: formulare.get(name) or klasse() for name, klasse in _AKTIONSFORMULARE.items()},
        "einsatz_form": formulare.get("einsatz") or forms.EinsatzForm(),
    }
    return kontext


@login_required
@require_GET
def detail(request, pk: int):
    _lesen(request.user)
    f = _forderung(request.user, pk)
    lesezugriff_protokollieren(request_or_user=request, person=f.person_id, objekt=f, aktion=Aktion.ANSICHT)
    return render(request, "inkasso/detail.html", _detail_kontext(request, f))


def _aktion_ausfuehren(aktion, f, d, user):
    if aktion == "frist":
        domain.frist_erstrecken(
            forderung=f, neue_frist=d["neue_frist"], begruendung=d["begruendung"], durch=user
        )
        return "Zahlungsfrist erstreckt."
    if aktion == "raten":
        domain.raten_bewilligen(
            forderung=f,
            anzahl=d["anzahl"],
            erste_faellig_am=d["erste_faellig_am"],
            begruendung=d["begruendung"],
            durch=user,
        )
        return "Ratenzahlung bewilligt; je Rate ein Einzahlungsschein."
    if aktion == "sofort":
        domain.sofortige_zahlung_verlangen(
            forderung=f, begruendung=d["begruendung"], sicherheit=d["sicherheit"], durch=user
        )
        return "Entscheid nach Art. 35 Abs. 2 StGB erfasst."
    if aktion == "zahlung":
        z = domain.zahlung_erfassen(
            forderung=f, betrag=d["betrag"], valuta=d["valuta"], bemerkung=d["bemerkung"], durch=user
        )
        return f"Zahlung {chf(z.betrag)} gebucht, Quittung {z.quittung}."
    if aktion == "umwandlung":
        u = domain.umwandlung_beantragen(forderung=f, uneinbringlich_grund=d["begruendung"], durch=user)
        return f"Verfügung {u.verfuegung.nummer} entworfen: {u.tage} Tage Ersatzfreiheitsstrafe."
    if aktion == "fall":
        u = get_object_or_404(Umwandlung, forderung=f)
        u = domain.vollzugsfall_eroeffnen(umwandlung=u, durch=user)
        return f"Vollzugsfall {u.fall.fallnummer} eröffnet."
    if aktion == "abschreiben":
        domain.abschreiben(forderung=f, begruendung=d["begruendung"], durch=user)
        return "Forderung abgeschrieben."
    if aktion == "arbeit":
        a = domain.arbeit_bewilligen(
            forderung=f, einsatzbetrieb=d["einsatzbetrieb"], frist_bis=d["frist_bis"], durch=user
        )
        return f"Gemeinnützige Arbeit bewilligt: {a.stunden_soll} Stunden."
    if aktion == "betreibung":
        domain.betreibung_einleiten(
            forderung=f,
            betreibungsamt=d["betreibungsamt"],
            schuldner_adresse=d["schuldner_adresse"],
            zins_prozent=d.get("zins_prozent"),
            zins_ab=d.get("zins_ab"),
            durch=user,
        )
        return "Betreibungsbegehren erfasst."
    if aktion == "betreibung_ergebnis":
        domain.betreibung_ergebnis(betreibung=f.betreibung, ergebnis=d["begruendung"], durch=user)
        return "Ergebnis der Betreibung erfasst."
    raise Http404


@login_required
@require_POST
def aktion(request, pk: int, aktion: str):
    """One POST endpoint per claim for its decisions and bookings; permission before validation."""
    _schreiben(request.user)
    f = _forderung(request.user, pk)
    if aktion not in _AKTIONSFORMULARE and aktion != "fall":
        raise Http404
    form = _AKTIONSFORMULARE[aktion](request.POST) if aktion in _AKTIONSFORMULARE else None
    if form is None or form.is_valid():
        try:
            meldung = _aktion_ausfuehren(aktion, f, form.cleaned_data if form else {}, request.user)
        except ValidationError as exc:
            if form is None:
                messages.error(request, " ".join(exc.messages))
                return redirect("inkasso:detail", pk=f.pk)
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, meldung)
            return redirect("inkasso:detail", pk=f.pk)
    f = _forderung(request.user, pk)
    return render(request, "inkasso/detail.html", _detail_kontext(request, f, {aktion: form}), status=400)


@login_required
@require_POST
def einsatz(request, pk: int):
    _schreiben(request.user)
    a = get_object_or_404(GemeinnuetzigeArbeit, pk=pk)
    form = forms.EinsatzForm(request.POST)
    if form.is_valid():
        try:
            domain.einsatz_erfassen(
                arbeit=a,
                datum=form.cleaned_data["datum"],
                stunden=form.cleaned_data["stunden"],
                durch=request.user,
            )
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(request, "Arbeitseinsatz erfasst (Art. 79a StGB).")
            return redirect("inkasso:detail", pk=a.forderung_id)
    f = _forderung(request.user, a.forderung_id)
    return render(request, "inkasso/detail.html", _detail_kontext(request, f, {"einsatz": form}), status=400)


@login_required
@require_POST
def widerruf(request, pk: int):
    _schreiben(request.user)
    a = get_object_or_404(GemeinnuetzigeArbeit, pk=pk)
    form = forms.GrundForm(request.POST)
    if form.is_valid():
        try:
            a = domain.arbeit_widerrufen(
                arbeit=a, begruendung=form.cleaned_data["begruendung"], durch=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                f"Widerruf verfügt (Entwurf {a.widerruf_verfuegung.nummer}): zur Genehmigung vorlegen; "
                "die Forderung lebt mit der Eröffnung wieder auf (Art. 79a StGB).",
            )
    else:
        messages.error(request, "Den Widerruf begründen.")
    return redirect("inkasso:detail", pk=a.forderung_id)


def _pdf(inhalt: bytes, name: str) -> HttpResponse:
    antwort = HttpResponse(inhalt, content_type="application/pdf")
    antwort["Content-Disposition"] = f'attachment; filename="{name}"'
    return antwort


@login_required
@require_GET
def pdf(request, pk: int):
    """The payment request with its QR-bill(s) (R-2D-QR-1)."""
    _lesen(request.user)
    f = _forderung(request.user, pk)
    lesezugriff_protokollieren(request_or_user=request, person=f.person_id, objekt=f, aktion=Aktion.DOKUMENT)
    return _pdf(zahlteile.zahlungsaufforderung_pdf(f), f"{f.nummer}.pdf")


@login_required
@require_GET
def mahnung_pdf(request, pk: int):
    _lesen(request.user)
    m = get_object_or_404(Mahnung.objects.select_related("forderung__person"), pk=pk)
    f = _forderung(request.user, m.forderung_id)
    lesezugriff_protokollieren(request_or_user=request, person=f.person_id, objekt=m, aktion=Aktion.DOKUMENT)
    return _pdf(zahlteile.zahlungsaufforderung_pdf(f, mahnung=m), f"{f.nummer}-mahnung-{m.stufe}.pdf")


@login_required
@require_GET
def betreibung_pdf(request, pk: int):
    _lesen(request.user)
    f = _forderung(request.user, pk)
    if not hasattr(f, "betreibung"):
        raise Http404
    return _pdf(zahlteile.betreibung_pdf(f.betreibung), f"{f.nummer}-betreibungsbegehren.pdf")


@login_required
@require_GET
def quittung(request, pk: int):
    _lesen(request.user)
    z = get_object_or_404(queries.zahlungen_fuer_user(request.user), pk=pk)
    return render(request, "inkasso/quittung.html", {"z": z})


@login_required
@require_http_methods(["GET", "POST"])
def importieren(request):
    """R-2D-CAMT-1: upload a camt.054 file."""
    _schreiben(request.user)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        datei = form.cleaned_data["datei"]
        try:
            imp = domain.camt_importieren(datei=datei, dateiname=datei.name, durch=request.user)
        except ValidationError as exc:
            fehler_uebernehmen(exc, form)
        else:
            messages.success(
                request,
                f"{imp.anzahl} Buchungen gelesen: {imp.gebucht} verbucht ({chf(imp.summe)}), {imp.zur_klaerung} zur Klärung, "
                f"{imp.doppelt} bereits verbucht.",
            )
            return redirect("inkasso:klaerung")
    return render(request, "inkasso/import.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def klaerung(request):
    _lesen(request.user)
    if request.method == "POST":
        _schreiben(request.user)
        pk = request.POST.get("posten", "")
        if not pk.isdigit() or len(pk) > 12:
            raise Http404
        posten = get_object_or_404(queries.klaerungsliste(request.user), pk=int(pk))
        form = forms.ZuordnenForm(request.POST)
        if form.is_valid():
            f = (
                queries.forderungen_fuer_user(request.user)
                .filter(nummer=form.cleaned_data["forderung"].strip())
                .first()
            )
            if f is None:
                messages.error(request, "Keine Forderung mit dieser Nummer.")
            else:
                try:
                    domain.klaerung_zuordnen(posten=posten, forderung=f, durch=request.user)
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
                else:
                    messages.success(request, f"Zahlung der Forderung {f.nummer} zugeordnet.")
        return redirect("inkasso:klaerung")
    return render(
        request,
        "inkasso/klaerung.html",
        {
            "posten": list(queries.klaerungsliste(request.user)[:MAX_ZEILEN]),
            "darf_bearbeiten": darf_inkasso_bearbeiten(request.user),
        },
    )


def _bericht_daten(request):
    if not darf_bericht_sehen(request.user):
        raise PermissionDenied("Keine Berechtigung: Bericht offene Posten (R-0-ROLE-1).")
    stichtag = timezone.localdate()
    return stichtag, queries.offene_posten_bericht(request.user, stichtag)


@login_required
@require_GET
def bericht(request):
    """For Revision: open items by age band, with a bar chart (inline SVG) and CSV."""
    stichtag, zeilen = _bericht_daten(request)
    groesste = max((z["summe"] for z in zeilen), default=0) or 1
    for z in zeilen:
        z["breite"] = int(300 * z["summe"] / groesste)
    total = sum(z["summe"] for z in zeilen)
    return render(
        request,
        "inkasso/bericht.html",
        {"stichtag": stichtag, "zeilen": zeilen, "total": total, "anzahl": sum(z["anzahl"] for z in zeilen)},
    )


@login_required
@require_GET
def bericht_csv(request):
    stichtag, zeilen = _bericht_daten(request)
    puffer = io.StringIO()
    w = csv_export.writer(puffer, delimiter=";")  # neutralises formula cells (issue 18)
    w.writerow(["Stichtag", "Altersband", "Anzahl", "Offen CHF"])
    for z in zeilen:
        w.writerow([f"{stichtag:%d.%m.%Y}", z["band"], z["anzahl"], f"{z['summe']:.2f}"])
    lesezugriff_protokollieren(
        request_or_user=request, aktion=Aktion.EXPORT, objekt_typ="inkasso.forderung", abfrage="offene Posten"
    )
    antwort = HttpResponse("\ufeff" + puffer.getvalue(), content_type="text/csv; charset=utf-8")
    antwort["Content-Disposition"] = f'attachment; filename="offene-posten-{stichtag:%Y-%m-%d}.csv"'
    return antwort
