"""A statement as PDF and CSV (R-KOST-1). A long statement's PDF is rendered by the Celery task
`kosten.abrechnung_pdf_erzeugen` (PITFALLS: WeasyPrint); short ones at the first download. Both store the
file with its SHA-256."""

from __future__ import annotations

import hashlib
import io
import textwrap
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kern import csv_export
from kern.audit import speichern
from kern.briefdatum import datum_lang
from kern.geld import chf
from kosten.models import Abrechnung
from kosten.recht import Zahler, Zeilenart

NULL = Decimal("0.00")


# --- PDF and CSV ---------------------------------------------------------------------------------


# Issue 17: the payer's postal address when the payer is an office (the canton's internal statement,
# the federal office); persons, social services and third parties come from their records.
KANTON_ADRESSE = (
    "Kanton Luzern",
    "Justiz- und Sicherheitsdepartement",
    "Departementssekretariat, Finanzen",
    "Bahnhofstrasse 15",
    "6002 Luzern",
)
BUND_ADRESSE = (
    "Bundesamt für Justiz",
    "Fachbereich Straf- und Massnahmenvollzug",
    "Bundesrain 20",
    "3003 Bern",
)
ZAHLUNGSFRIST_TAGE = 30


def _adresse(a: Abrechnung, stichtag) -> list[str]:
    if a.zahler == Zahler.SOZIALHILFE:
        return [a.sozialdienst.name, *[z for z in a.sozialdienst.adresse.splitlines() if z.strip()]]
    if a.zahler == Zahler.PERSON:
        # eCH-0010 address, "c/o" the facility in custody, a juvenile through the statutory representative.
        from vollzug.domain.adressen import empfaenger_fuer

        return list(empfaenger_fuer(a.person, stichtag).adressat.zeilen)
    if a.zahler == Zahler.ELTERN:
        return [a.dritter, f"betreffend {a.person.vorname} {a.person.amtlicher_name}"]
    if a.zahler == Zahler.KANTON:
        return list(KANTON_ADRESSE)
    if a.zahler == Zahler.BUND:
        return list(BUND_ADRESSE)
    return [a.empfaenger]


def _zahlung(a: Abrechnung, stichtag, qr: bool) -> list[str]:
    """Payment terms: 30 days from the statement's date, with the reference to quote."""
    faellig = stichtag + timedelta(days=ZAHLUNGSFRIST_TAGE)
    if a.zahlbetrag <= 0:
        return ["Es ist kein Betrag zu bezahlen."]
    zeilen = [f"Zahlbar innert {ZAHLUNGSFRIST_TAGE} Tagen, das heisst bis {faellig:%d.%m.%Y}."]
    if a.zahler == Zahler.KANTON:
        zeilen.append(f"Verrechnung intern über die Kostenstelle des Justizvollzugs; Referenz {a.nummer}.")
    elif qr:
        zeilen.append("Bitte mit dem beiliegenden QR-Zahlteil einzahlen (die Referenz ist dort angegeben).")
    else:
        zeilen.append(f"Bitte bei der Zahlung die Rechnungsnummer {a.nummer} angeben.")
    zeilen.append(
        f"Fragen zu dieser Abrechnung: {settings.JVG_QR_GLAEUBIGER_NAME}, {settings.JVG_QR_GLAEUBIGER_STRASSE}, "
        f"{settings.JVG_QR_GLAEUBIGER_ORT}."
    )
    return zeilen


# Issue 19: the lines of a statement are set as fixed-width text, one block per case, instead of a table
# of ~6 cells per line: WeasyPrint lays out a few thousand text lines instead of tens of thousands of
# table cells (1,000 cases: see docs in the module docstring of the template). Same content, aligned.
SPALTEN = (40, 23, 5, 10, 14)  # text, period, days, rate, amount (characters); 100 in all with the gaps
_LUECKE = "  "


def _spalten(text: str, zeitraum: str, tage: str, ansatz: str, betrag: str) -> str:
    b = SPALTEN
    teile = textwrap.wrap(text, b[0], break_long_words=True) or [""]
    erste = _LUECKE.join(
        (
            f"{teile[0]:<{b[0]}}",
            f"{zeitraum:<{b[1]}}",
            f"{tage:>{b[2]}}",
            f"{ansatz:>{b[3]}}",
            f"{betrag:>{b[4]}}",
        )
    )
    return "\n".join([erste.rstrip(), *teile[1:]])


def _summenzeile(text: str, betrag: str) -> str:
    links = sum(SPALTEN[:4]) + 4 * len(_LUECKE)
    return f"{text:<{links}}{betrag:>{SPALTEN[4]}}"


SPALTENKOPF = _spalten("Text", "Zeitraum", "Tage", "Ansatz CHF", "Betrag CHF")


def pdf_kontext(a: Abrechnung) -> dict:
    """The statement's PDF context. Lines come pre-formatted as 5-tuples (text, period, days, rate,
    amount): the template only places strings, one cell each (issue 19: render time)."""
    faelle: dict[int, dict] = {}
    ohne_ansatz = 0
    for z in a.zeilen.select_related("fall__person").order_by("fall__fallnummer", "von", "pk"):
        f = faelle.get(z.fall_id)
        if f is None:
            p = z.fall.person
            f = faelle[z.fall_id] = {
                "fall": z.fall,
                "fallnummer": z.fall.fallnummer,
                "titel": f"Fall {z.fall.fallnummer} – {p.amtlicher_name} {p.vorname}",
                "zeilen": [],
                "summe": NULL,
            }
        f["zeilen"].append(
            (
                z.text,
                f"{z.von:%d.%m.%Y} – {z.bis:%d.%m.%Y}",
                "" if z.tage is None else str(z.tage),
                chf(z.ansatz, mit_waehrung=False),
                chf(z.betrag, mit_waehrung=False),
            )
        )
        f["summe"] += z.betrag
        if z.art == Zeilenart.KOSTGELD and z.ansatz is None:
            ohne_ansatz += 1
    for f in faelle.values():
        f["summe_text"] = chf(f["summe"], mit_waehrung=False)
        f["block"] = "\n".join(_spalten(*z) for z in f["zeilen"])
        f["summenzeile"] = _summenzeile(f"Summe Fall {f['fallnummer']}", f["summe_text"])
    stichtag = timezone.localtime(a.erstellt_am).date()
    adresse = _adresse(a, stichtag)
    qr = _qr_zahlteil(a, adresse)
    return {
        "a": a,
        "absender": [
            "Justiz- und Sicherheitsdepartement",
            "Vollzugs- und Bewährungsdienst",
            settings.JVG_QR_GLAEUBIGER_STRASSE,
            settings.JVG_QR_GLAEUBIGER_ORT,
        ],
        "ort_datum": f"Luzern, {datum_lang(stichtag)}",
        "adresse": adresse,
        "qr": qr,
        "zahlung": _zahlung(a, stichtag, qr is not None),
        "faelle": list(faelle.values()),
        "ist_rechnung": a.zahler != Zahler.KANTON,
        "ohne_ansatz": ohne_ansatz,
        "spaltenkopf": SPALTENKOPF,
    }


def _qr_zahlteil(a: Abrechnung, adresse: list[str]) -> dict | None:
    """R-2D-QR-1 (issue 22): an invoice to a third party carries a Swiss QR-bill; IBAN with a creditor
    reference (ISO 11649) made from the invoice number. The canton's internal statement carries none."""
    if a.zahler == Zahler.KANTON or a.zahlbetrag <= 0:
        return None
    from kern.qrrechnung import Zahlteil, creditor_referenz, iban_konto, zahlteil_svg

    kern = "".join(c for c in a.nummer if c.isalnum())[-21:]
    # The QR-bill's combined address has two lines: street (here with a "c/o" line ahead of it) and
    # postcode with town. The first two lines after the name lost the town of a person c/o a facility.
    zeilen = adresse[1:]
    schuldner = (", ".join(zeilen[:-1]), zeilen[-1]) if len(zeilen) >= 2 else tuple(zeilen)
    teil = Zahlteil(
        iban_konto(),
        creditor_referenz(kern),
        a.zahlbetrag,
        adresse[0] if adresse else "",
        schuldner,
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
