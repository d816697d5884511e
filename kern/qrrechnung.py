"""Swiss QR-bill (R-2D-QR-1): references and the payment part, shared by `inkasso` and `kosten`.

Two combinations are valid under the SIX Implementation Guidelines (IG QR-bill, v2.3):

* a **QR-IBAN** (institution id 30000–31999) with a **QR reference**: 27 digits, the last one the
  modulo-10 recursive check digit of the first 26 (the former ESR/ISR algorithm);
* an ordinary **IBAN** with a **creditor reference** (ISO 11649: ``RF`` + two check digits + up to 21
  alphanumerics, checked by ISO 7064 mod 97-10).

The references are computed here (small, testable at their boundaries); the payment part itself (QR code,
Swiss cross, layout, fonts, scissors line) is drawn by the maintained `qrbill` library, never by hand.
The creditor's account and address are settings (`JVG_QR_*`), so a test system never prints the
production account.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

import qrbill
from django.conf import settings
from django.core.exceptions import ValidationError
from stdnum import iban as stdnum_iban

# Table of the modulo-10 recursive algorithm (IG QR-bill, annex B; ESR manual of PostFinance).
_MOD10_TABELLE = (0, 9, 4, 6, 8, 2, 7, 1, 3, 5)
QR_IID_VON, QR_IID_BIS = 30000, 31999


def mod10_pruefziffer(ziffern: str) -> int:
    """The modulo-10 recursive check digit of a string of digits."""
    if not ziffern.isdigit() or not ziffern.isascii():
        raise ValueError("Nur Ziffern.")
    uebertrag = 0
    for ziffer in ziffern:
        uebertrag = _MOD10_TABELLE[(uebertrag + int(ziffer)) % 10]
    return (10 - uebertrag) % 10


def qr_referenz(praefix: int, laufnummer: int) -> str:
    """A 27-digit QR reference: prefix (series, up to 6 digits) and running number, zero-padded to 26
    digits, then the check digit. Unique as long as (prefix, number) is."""
    if praefix < 0 or laufnummer < 0:
        raise ValueError("Negative Nummer.")
    basis = f"{praefix:06d}{laufnummer:020d}"
    if len(basis) != 26:
        raise ValueError("QR-Referenz: Nummer zu gross (26 Ziffern plus Prüfziffer).")
    return basis + str(mod10_pruefziffer(basis))


def ist_qr_referenz(wert: str) -> bool:
    return (
        isinstance(wert, str)
        and len(wert) == 27
        and wert.isdigit()
        and wert.isascii()
        and mod10_pruefziffer(wert[:26]) == int(wert[26])
    )


def _mod97(text: str) -> int:
    zahl = "".join(str(int(c, 36)) for c in text)
    return int(zahl) % 97


def creditor_referenz(kern: str) -> str:
    """ISO 11649 creditor reference: ``RF`` + check digits + `kern` (1–21 letters/digits)."""
    kern = kern.upper()
    if not (1 <= len(kern) <= 21) or not kern.isalnum() or not kern.isascii():
        raise ValueError("Creditor Reference: 1 bis 21 Buchstaben oder Ziffern.")
    pruef = 98 - _mod97(kern + "RF00")
    return f"RF{pruef:02d}{kern}"


def ist_creditor_referenz(wert: str) -> bool:
    if not isinstance(wert, str) or not wert.isascii() or not (5 <= len(wert) <= 25):
        return False
    wert = wert.upper()
    return (
        wert.startswith("RF") and wert[2:4].isdigit() and wert.isalnum() and _mod97(wert[4:] + wert[:4]) == 1
    )


def referenz_normalisieren(wert: str) -> str:
    """What a bank file or a user gives (with spaces, lower case) in the stored form."""
    return "".join(str(wert or "").split()).upper()[:35]


def ist_qr_iban(konto: str) -> bool:
    konto = stdnum_iban.compact(konto)
    return (
        stdnum_iban.is_valid(konto)
        and konto[:2] in ("CH", "LI")
        and QR_IID_VON <= int(konto[4:9]) <= QR_IID_BIS
    )


def kombination_pruefen(konto: str, referenz: str) -> None:
    """R-2D-QR-1: QR-IBAN only with a QR reference, IBAN only with a creditor reference."""
    if ist_qr_iban(konto):
        if not ist_qr_referenz(referenz):
            raise ValidationError(
                "R-2D-QR-1: Zu einer QR-IBAN gehört eine QR-Referenz (27 Ziffern mit Prüfziffer Modulo 10 rekursiv)."
            )
    elif stdnum_iban.is_valid(konto):
        if not ist_creditor_referenz(referenz):
            raise ValidationError(
                "R-2D-QR-1: Zu einer IBAN gehört eine Creditor Reference nach ISO 11649 (RF…)."
            )
    else:
        raise ValidationError("R-2D-QR-1: Ungültige IBAN des Zahlungsempfängers.")


@dataclass(frozen=True, slots=True)
class Zahlteil:
    """Everything one payment part shows (one per payment request, one per instalment)."""

    konto: str
    referenz: str
    betrag: Decimal | None
    schuldner_name: str
    schuldner_zeilen: tuple[str, ...] = ()
    mitteilung: str = ""


def glaeubiger() -> dict:
    return {
        "name": settings.JVG_QR_GLAEUBIGER_NAME,
        "line1": settings.JVG_QR_GLAEUBIGER_STRASSE,
        "line2": settings.JVG_QR_GLAEUBIGER_ORT,
        "country": "CH",
    }


def qr_konto() -> str:
    """The QR-IBAN for QR references (Inkasso)."""
    return settings.JVG_QR_IBAN_QR


def iban_konto() -> str:
    """The ordinary IBAN for creditor references (invoices of `kosten`)."""
    return settings.JVG_QR_IBAN


def zahlteil_bill(teil: Zahlteil) -> qrbill.QRBill:
    kombination_pruefen(teil.konto, teil.referenz)
    schuldner = None
    if teil.schuldner_name:
        zeilen = [z for z in teil.schuldner_zeilen if z.strip()][:2]
        schuldner = {
            "name": teil.schuldner_name[:70],
            "line1": zeilen[0][:70] if zeilen else "",
            "line2": (zeilen[1] if len(zeilen) > 1 else "Schweiz")[:70],
            "country": "CH",
        }
    return qrbill.QRBill(
        account=teil.konto,
        creditor=glaeubiger(),
        amount=None if teil.betrag is None else f"{teil.betrag:.2f}",
        currency="CHF",
        debtor=schuldner,
        reference_number=teil.referenz,
        additional_information=teil.mitteilung[:140],
        language="de",
    )


def zahlteil_svg(teil: Zahlteil) -> str:
    """The payment part with receipt (210 × 105 mm) as SVG, for inline use in a WeasyPrint PDF."""
    ausgabe = io.StringIO()
    zahlteil_bill(teil).as_svg(ausgabe)
    svg = ausgabe.getvalue()
    # Inline in HTML: drop the XML declaration.
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :]
    return svg.strip()


def qr_daten(teil: Zahlteil) -> str:
    """The Swiss Payments Code (content of the QR code), e.g. for tests and the bank's validator."""
    return zahlteil_bill(teil).qr_data()
