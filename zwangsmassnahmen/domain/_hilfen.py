"""Small helpers shared by the domain modules of §§ 25, 26, 28 and 32 JVG."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from kern import fristen
from kern.audit import speichern
from kern.models import Aufgabe


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _text(wert) -> str:
    return wert.strip() if isinstance(wert, str) else ""


def _zeitpunkt_pruefen(feld: str, wert, jetzt: datetime, was: str, regel: str) -> None:
    if not isinstance(wert, datetime) or timezone.is_naive(wert):
        raise _fehler(feld, f"{regel}: {was} mit Datum und Uhrzeit angeben.", "zeitpunkt_ungueltig")
    if wert.year < 2000:
        raise _fehler(feld, f"R-0-BAD-1: {was} liegt vor dem Jahr 2000.", "zu_frueh")
    if wert > jetzt:
        raise _fehler(feld, f"{regel}: {was} kann nicht in der Zukunft liegen.", "zukunft")


def _zeit(wert: datetime) -> str:
    return f"{timezone.localtime(wert, fristen.TZ):%d.%m.%Y %H:%M}"


def _sperren(obj):
    """Lock the row and bring the caller's instance up to date (two users may act at once)."""
    gesperrt = type(obj).objects.select_for_update().get(pk=obj.pk)
    for f in type(obj)._meta.concrete_fields:
        setattr(obj, f.attname, getattr(gesperrt, f.attname))
    return obj


def _aufgaben_erledigen(aufgaben_ids, durch, grund: str) -> None:
    jetzt = timezone.now()
    for aufgabe in Aufgabe.objects.filter(pk__in=[a for a in aufgaben_ids if a], erledigt_am__isnull=True):
        aufgabe.erledigt_am, aufgabe.erledigt_durch = jetzt, durch
        speichern(aufgabe, durch=durch, grund=grund)
