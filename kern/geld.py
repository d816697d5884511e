"""Money rules of R-KOST-1 in one place (kernel: used by `kosten` and `inkasso`): `Decimal` CHF to the Rappen, never float; only the final amount
payable is rounded, half-up to 0.05 CHF; Swiss formatting `CHF 1'234.55`."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError

RAPPEN = Decimal("0.01")
FUENF_RAPPEN = Decimal("0.05")


def geld(wert, feld: str, *, null_erlaubt: bool = False) -> Decimal:
    """Check one amount handed to a domain function: a finite `Decimal` (or int) with at most two
    decimals, positive (or ≥ 0 with `null_erlaubt`). A float is refused — binary floating point cannot
    hold 0.10 exactly, and money paths must never pass through it (R-KOST-1)."""
    if isinstance(wert, (bool, float)) or not isinstance(wert, (Decimal, int)):
        raise ValidationError(
            {
                feld: ValidationError(
                    "R-KOST-1: Geldbeträge sind als Dezimalzahl in CHF zu übergeben (keine Gleitkommazahl).",
                    code="kein_decimal",
                )
            }
        )
    wert = Decimal(wert)
    if not wert.is_finite():
        raise ValidationError({feld: ValidationError("R-KOST-1: Ungültiger Betrag.", code="ungueltig")})
    if wert != wert.quantize(RAPPEN):
        raise ValidationError(
            {
                feld: ValidationError(
                    "R-KOST-1: Beträge in CHF auf den Rappen (höchstens zwei Dezimalstellen).", code="rappen"
                )
            }
        )
    if wert < 0 or (wert == 0 and not null_erlaubt):
        raise ValidationError(
            {feld: ValidationError("R-KOST-1: Der Betrag muss grösser als null sein.", code="nicht_positiv")}
        )
    return wert.quantize(RAPPEN)


def zahlbetrag_runden(total: Decimal) -> Decimal:
    """R-KOST-1: the final amount payable, rounded half-up to 0.05 CHF (1.025 → 1.05, 1.024 → 1.00).
    Called once per statement on the unrounded total; nothing before it rounds."""
    if not isinstance(total, Decimal):
        raise TypeError("R-KOST-1: zahlbetrag_runden erwartet Decimal.")
    try:
        stufen = (total / FUENF_RAPPEN).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:
        raise TypeError("R-KOST-1: ungültiger Betrag.") from exc
    return (stufen * FUENF_RAPPEN).quantize(RAPPEN)


def chf(betrag, *, mit_waehrung: bool = True) -> str:
    """de-CH: `CHF 1'234.55` (apostrophe as thousands separator, point as decimal mark)."""
    if betrag is None or betrag == "":
        return ""
    if isinstance(betrag, float):
        raise TypeError("R-KOST-1: Geldbeträge nie als float formatieren.")
    betrag = Decimal(betrag)
    text = f"{abs(betrag):,.2f}".replace(",", "'")
    if betrag < 0:
        text = "-" + text
    return f"CHF {text}" if mit_waehrung else text
