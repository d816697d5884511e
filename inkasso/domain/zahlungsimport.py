"""Import of a camt.054 file (R-2D-CAMT-1): check the whole file first (`inkasso.domain.camt`), then
book it page by page in one transaction. See `inkasso.domain.camt` for parsing, safety and idempotency."""

from collections.abc import Iterator

from defusedxml.ElementTree import DefusedXMLParser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from inkasso.domain import umwandlung
from inkasso.domain.camt import BATCH, STUECK, CamtFehler, Eintrag, _Ziel, eintraege_lesen
from inkasso.domain.zahlungen import NICHT_ZAHLBAR, anwenden
from inkasso.models import (
    Forderung,
    Klaerungsposten,
    Rate,
    Umwandlung,
    Zahlung,
    Zahlungsimport,
    Zahlungsquelle,
)
from inkasso.permissions import darf_inkasso_bearbeiten
from kern.audit import speichern
from kern.rollen import berechtigung_pruefen


def _pruefen(datei) -> tuple[str, str, int]:
    try:
        return eintraege_lesen(datei, lambda e: None)
    except CamtFehler as exc:
        raise ValidationError(
            {
                "datei": ValidationError(
                    f"camt.054, Zeile {exc.zeile}: {exc.meldung}. Die Datei wurde nicht verbucht.",
                    code="camt",
                )
            }
        ) from None


def _seiten(datei) -> Iterator[list[Eintrag]]:
    seite: list[Eintrag] = []
    puffer: list[list[Eintrag]] = []

    def ausgeben(e: Eintrag):
        seite.append(e)
        if len(seite) >= BATCH:
            puffer.append(seite.copy())
            seite.clear()

    # Second pass: the file was checked; the parser yields pages as it goes (bounded: one page + one chunk).
    ziel = _Ziel(ausgeben)
    parser = DefusedXMLParser(target=ziel, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    ziel.zeile = lambda: parser.parser.CurrentLineNumber
    datei.seek(0)
    while stueck := datei.read(STUECK):
        parser.feed(stueck)
        while puffer:
            yield puffer.pop(0)
    parser.close()
    while puffer:
        yield puffer.pop(0)
    if seite:
        yield seite


@transaction.atomic
def camt_importieren(*, datei, dateiname: str, durch) -> Zahlungsimport:
    """R-2D-CAMT-1: check the whole file, then book every entry (match by reference) or send it to the
    clarification list, in one transaction. Returns the import record with its counts."""
    berechtigung_pruefen(darf_inkasso_bearbeiten(durch), "Zahlungen importieren")
    sha, msg_id, anzahl = _pruefen(datei)
    frueher = Zahlungsimport.objects.filter(sha256=sha).first()
    if frueher is not None:
        raise ValidationError(
            {
                "datei": ValidationError(
                    f"R-2D-CAMT-1: Diese Datei wurde bereits am {timezone.localtime(frueher.importiert_am):%d.%m.%Y %H:%M} "
                    "importiert; nichts wurde ein zweites Mal gebucht.",
                    code="doppelt",
                )
            }
        )
    imp = Zahlungsimport(
        dateiname=(dateiname or "camt054.xml")[:200],
        sha256=sha,
        nachricht_id=msg_id,
        anzahl=anzahl,
        importiert_durch=durch,
        importiert_am=timezone.now(),
    )
    try:
        with transaction.atomic():
            speichern(imp, durch=durch, grund="camt.054 importiert")
    except IntegrityError:
        raise ValidationError({"datei": "R-2D-CAMT-1: Diese Datei wird gerade importiert."}) from None
    for seite in _seiten(datei):
        _seite_buchen(imp, seite, durch)
    return speichern(
        imp, durch=durch, grund="Import abgeschlossen", felder=["gebucht", "zur_klaerung", "doppelt", "summe"]
    )


def _seite_buchen(imp: Zahlungsimport, seite: list[Eintrag], durch) -> None:
    """Book one page of entries with a constant number of queries: look up the page's references and
    bank keys, decide each entry in memory, then write payments, clarification entries, instalments and
    claims in bulk – each with its history row and actor (bulk_*_with_history, PITFALLS). Claims of the
    page are locked; converted ones among them get their Ersatzfreiheitsstrafe reduced (Art. 36 Abs. 1)."""
    referenzen = {e.referenz for e in seite if e.referenz}
    schluessel = {e.schluessel for e in seite}
    bekannt = set(Zahlung.objects.filter(schluessel__in=schluessel).values_list("schluessel", flat=True))
    bekannt |= set(
        Klaerungsposten.objects.filter(schluessel__in=schluessel).values_list("schluessel", flat=True)
    )
    raten = {r.qr_referenz: r for r in Rate.objects.filter(qr_referenz__in=referenzen, aktiv=True)}
    forderung_ids = {r.forderung_id for r in raten.values()}
    forderungen = {
        f.pk: f
        for f in Forderung.objects.select_for_update().filter(
            Q(pk__in=forderung_ids) | Q(qr_referenz__in=referenzen)
        )
    }
    nach_referenz = {f.qr_referenz: f for f in forderungen.values()}
    jetzt = timezone.now()
    zahlungen, posten, geaendert, raten_geaendert = [], [], {}, {}
    for e in seite:
        if e.schluessel in bekannt:
            imp.doppelt += 1
            continue
        bekannt.add(e.schluessel)
        rate = raten.get(e.referenz)
        forderung = forderungen.get(rate.forderung_id) if rate else nach_referenz.get(e.referenz)
        grund = ""
        if not e.gutschrift:
            grund = "Belastung / Rückbuchung"
        elif not e.referenz:
            grund = "ohne Referenz"
        elif forderung is None:
            grund = "Referenz keiner Forderung zugeordnet"
        elif forderung.status in NICHT_ZAHLBAR:
            grund = f"Forderung {forderung.nummer} ist abgeschrieben"
        if grund:
            posten.append(
                Klaerungsposten(
                    zahlungsimport=imp,
                    schluessel=e.schluessel,
                    referenz=e.referenz,
                    betrag=e.betrag if e.gutschrift else -e.betrag,
                    valuta=e.valuta,
                    grund=grund,
                    zeile=e.zeile,
                )
            )
            imp.zur_klaerung += 1
            continue
        zahlungen.append(
            Zahlung(
                forderung=forderung,
                rate=rate,
                betrag=e.betrag,
                valuta=e.valuta,
                quelle=Zahlungsquelle.CAMT,
                referenz=e.referenz,
                schluessel=e.schluessel,
                zahlungsimport=imp,
                bemerkung=e.text[:200],
                erfasst_durch=durch,
                erfasst_am=jetzt,
            )
        )
        anwenden(forderung, rate, e.betrag)
        geaendert[forderung.pk] = forderung
        if rate is not None:
            raten_geaendert[rate.pk] = rate
        imp.gebucht += 1
        imp.summe += e.betrag
    grund = f"Zahlung aus {imp.dateiname}"[:100]
    bulk_create_with_history(zahlungen, Zahlung, default_user=durch, default_change_reason=grund)
    bulk_create_with_history(posten, Klaerungsposten, default_user=durch, default_change_reason="Zur Klärung")
    if raten_geaendert:
        bulk_update_with_history(
            list(raten_geaendert.values()), Rate, ["bezahlt"], default_user=durch, default_change_reason=grund
        )
    if geaendert:
        bulk_update_with_history(
            list(geaendert.values()),
            Forderung,
            ["bezahlt", "status"],
            default_user=durch,
            default_change_reason=grund,
        )
        for u in Umwandlung.objects.filter(forderung_id__in=geaendert, sanktion__isnull=False).select_related(
            "sanktion"
        ):
            umwandlung.nach_zahlung(geaendert[u.forderung_id], durch, u)
