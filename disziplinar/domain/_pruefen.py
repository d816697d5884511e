"""Small helpers shared by the disciplinary domain modules."""

from datetime import date, datetime

from django.core.exceptions import ValidationError


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _ist_datum(wert) -> bool:
    return isinstance(wert, date) and not isinstance(wert, datetime)
