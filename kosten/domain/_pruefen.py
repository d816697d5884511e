"""Small checks shared by the cost domain modules."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _datum(wert, feld: str) -> date:
    if not isinstance(wert, date) or isinstance(wert, datetime):
        raise _fehler(feld, "Ungültiges Datum: erwartet TT.MM.JJJJ.", "datum")
    return wert


def _text(wert, feld: str, regel: str, was: str) -> str:
    if not isinstance(wert, str) or not wert.strip():
        raise _fehler(feld, f"{regel}: {was} angeben.", "leer")
    return wert.strip()


def _ueberlappt(a_von: date, a_bis: date | None, b_von: date, b_bis: date | None) -> bool:
    return a_von <= (b_bis or date.max) and b_von <= (a_bis or date.max)
