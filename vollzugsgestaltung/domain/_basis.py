"""Helpers shared by the domain modules of this app."""

from datetime import date, datetime

from django.core.exceptions import ValidationError


def fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def text_pflicht(wert: str, feld: str, meldung: str, *, max_laenge: int = 5000) -> str:
    wert = (wert or "").strip()
    if not wert:
        raise fehler(feld, meldung, "pflicht")
    if len(wert) > max_laenge:
        raise fehler(feld, f"Höchstens {max_laenge} Zeichen.", "zu_lang")
    return wert


def ist_datum(wert) -> bool:
    return isinstance(wert, date) and not isinstance(wert, datetime)


def datum_pruefen(wert, feld: str, *, nicht_nach: date | None = None) -> date:
    if not ist_datum(wert):
        raise fehler(feld, "Ungültiges Datum.", "datum")
    if nicht_nach is not None and wert > nicht_nach:
        raise fehler(feld, "Das Datum kann nicht in der Zukunft liegen.", "zukunft")
    return wert


def sperren(modell, obj):
    """Lock the row for the rest of the transaction and read it fresh (two clicks never both pass)."""
    return modell.objects.select_for_update().get(pk=obj.pk)
