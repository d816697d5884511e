"""A statement as PDF and CSV (R-KOST-1). A long statement's PDF is rendered by the Celery task
`kosten.abrechnung_pdf_erzeugen` (PITFALLS: WeasyPrint); short ones at the first download. Both store the
file with its SHA-256."""

from __future__ import annotations

import hashlib
import io
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from kern import csv_export
from kern.audit import speichern
from kosten.models import Abrechnung
from kosten.recht import Zahler, Zeilenart

NULL = Decimal("0.00")


# --- PDF and CSV ---------------------------------------------------------------------------------


def pdf_kontext(a: Abrechnung) -> dict:
    zeilen = list(a.zeilen.select_related("fall__person").order_by("fall__fallnummer", "von", "pk"))
    faelle: dict[int, dict] = {}
    for z in zeilen:
        f = faelle.setdefault(z.fall_id, {"fall": z.fall, "zeilen": [], "summe": NULL})
        f["zeilen"].append(z)
        f["summe"] += z.betrag
    adresse = []
    if a.zahler == Zahler.SOZIALHILFE:
        adresse = [a.sozialdienst.name, *[z for z in a.sozialdienst.adresse.splitlines() if z.strip()]]
    elif a.zahler == Zahler.PERSON:
        adresse = [f"{a.person.vorname} {a.person.amtlicher_name}", f"geb. {a.person.geburtsdatum:%d.%m.%Y}"]
    elif a.zahler == Zahler.ELTERN:
        adresse = [a.dritter, f"betreffend {a.person.vorname} {a.person.amtlicher_name}"]
    else:
        adresse = [a.empfaenger]
    return {
        "a": a,
        "adresse": adresse,
        "qr": _qr_zahlteil(a, adresse),
        "faelle": list(faelle.values()),
        "ist_rechnung": a.zahler != Zahler.KANTON,
        "ohne_ansatz": sum(1 for z in zeilen if z.art == Zeilenart.KOSTGELD and z.ansatz is None),
    }


def _qr_zahlteil(a: Abrechnung, adresse: list[str]) -> dict | None:
    """R-2D-QR-1 (issue 22): an invoice to a third party carries a Swiss QR-bill; IBAN with a creditor
    reference (ISO 11649) made from the invoice number. The canton's internal statement carries none."""
    if a.zahler == Zahler.KANTON or a.zahlbetrag <= 0:
        return None
    from kern.qrrechnung import Zahlteil, creditor_referenz, iban_konto, zahlteil_svg

    kern = "".join(c for c in a.nummer if c.isalnum())[-21:]
    teil = Zahlteil(
        iban_konto(),
        creditor_referenz(kern),
        a.zahlbetrag,
        adresse[0] if adresse else "",
        tuple(adresse[1:3]),
        f"Rechnung {a.nummer}",
    )
    return {"svg": zahlteil_svg(teil), "titel": f"Einzahlungsschein zu Rechnung {a.nummer}"}


def pdf_rendern(a: Abrechnung) -> bytes:
    from kern.pdf import render_pdf

    return render_pdf("kosten/pdf/abrechnung.html", pdf_kontext(a))


@transaction.atomic
def pdf_speichern(*, abrechnung: Abrechnung, durch) -> Abrechnung:
    """Render the statement's PDF once and store it with its hash (idempotent: a stored PDF stays)."""
    a = Abrechnung.objects.select_for_update().get(pk=abrechnung.pk)
    if a.pdf:
        return a
    inhalt = pdf_rendern(a)
    a.pdf_sha256 = hashlib.sha256(inhalt).hexdigest()
    a.pdf.save(f"{a.nummer}.pdf", ContentFile(inhalt), save=False)
    return speichern(a, durch=durch, grund="PDF erzeugt", felder=["pdf", "pdf_sha256"])


def pdf_synchron_moeglich(a: Abrechnung) -> bool:
    return a.anzahl_zeilen <= settings.JVG_KOSTEN_PDF_SYNCHRON_MAX_ZEILEN


CSV_KOPF = [
    "Abrechnung",
    "Fall",
    "Person",
    "Art",
    "Kategorie",
    "Text",
    "von",
    "bis",
    "Tage",
    "Ansatz CHF",
    "Betrag CHF",
]


def csv_inhalt(a: Abrechnung) -> str:
    """Semicolon-separated (Swiss spreadsheets), dates 31.12.2026, amounts as plain decimals with a
    point (machine-readable, to the Rappen); the last rows hold the total and the amount payable."""
    puffer = io.StringIO()
    w = csv_export.writer(puffer, delimiter=";", lineterminator="\r\n")  # issue 18: neutralises formula cells
    w.writerow(CSV_KOPF)
    for z in (
        a.zeilen.select_related("fall__person")
        .order_by("fall__fallnummer", "von", "pk")
        .iterator(chunk_size=2000)
    ):
        p = z.fall.person
        w.writerow(
            [
                a.nummer,
                z.fall.fallnummer,
                f"{p.amtlicher_name} {p.vorname}",
                Zeilenart(z.art).label,
                z.kategorie,
                z.text,
                f"{z.von:%d.%m.%Y}",
                f"{z.bis:%d.%m.%Y}",
                "" if z.tage is None else z.tage,
                "" if z.ansatz is None else f"{z.ansatz:.2f}",
                f"{z.betrag:.2f}",
            ]
        )
    w.writerow([a.nummer, "", "", "Total (ungerundet)", "", "", "", "", "", "", f"{a.total:.2f}"])
    w.writerow(
        [a.nummer, "", "", "Zahlbetrag (gerundet auf 0.05)", "", "", "", "", "", "", f"{a.zahlbetrag:.2f}"]
    )
    return puffer.getvalue()
