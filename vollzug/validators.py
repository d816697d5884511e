"""Small validators shared by forms, serializers and models (STYLE §4)."""

import re

from django.core.exceptions import ValidationError

_AHV_FORMAT = re.compile(r"^756\.?[0-9]{4}\.?[0-9]{4}\.?[0-9]{2}$")  # ASCII digits only


def ahv_normalisieren(value: str) -> str:
    """'756.9217.0769.85' → '7569217076985' (stored without dots)."""
    return re.sub(r"[.\s]", "", value or "")


def ahv_formatieren(digits: str) -> str:
    if len(digits) != 13:
        return digits
    return f"{digits[:3]}.{digits[3:7]}.{digits[7:11]}.{digits[11:]}"


def ahv_pruefziffer_ok(digits: str) -> bool:
    # EAN-13: weights 1,3,1,3,… from the left over the first 12 digits.
    summe = sum(int(z) * (3 if i % 2 else 1) for i, z in enumerate(digits[:12]))
    return (10 - summe % 10) % 10 == int(digits[12])


def validate_ahv_nummer(value: str) -> None:
    """AHVN13: 756, nine digits, EAN-13 check digit (R-12-1 person data)."""
    if not value:
        return
    cleaned = re.sub(r"\s", "", value)
    digits = ahv_normalisieren(cleaned)
    if not _AHV_FORMAT.match(cleaned) or len(digits) != 13:
        raise ValidationError(
            "AHV-Nummer ungültig: erwartet 13 Ziffern im Format 756.XXXX.XXXX.XX (eCH-0044 vn, R-12-1).",
            code="ahv_format",
        )
    if not ahv_pruefziffer_ok(digits):
        raise ValidationError(
            "AHV-Nummer ungültig: die Prüfziffer (EAN-13) stimmt nicht (R-12-1).", code="ahv_pruefziffer"
        )
