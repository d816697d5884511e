"""Small checks shared by the threat-management domain modules."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from bedrohung.models import Bedrohungsmeldung
from bedrohung.permissions import ist_team
from bedrohung.recht import Meldungsstatus
from kern.audit import speichern
from kern.rollen import berechtigung_pruefen


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _text(wert) -> str:
    return (wert or "").strip() if isinstance(wert, str) or wert is None else str(wert).strip()


def _ist_datum(wert) -> bool:
    return isinstance(wert, date) and not isinstance(wert, datetime)


def _zeitpunkt_pruefen(feld: str, wert, jetzt: datetime, was: str, regel: str) -> None:
    if not isinstance(wert, datetime) or timezone.is_naive(wert):
        raise _fehler(feld, f"{regel}: {was} mit Datum und Uhrzeit angeben.", "zeitpunkt_ungueltig")
    if wert.year < 1900:
        raise _fehler(feld, "R-0-BAD-1: Der Zeitpunkt liegt vor 1900.", "zu_frueh")
    if wert > jetzt:
        raise _fehler(feld, f"{regel}: {was} kann nicht in der Zukunft liegen.", "zukunft")


def _team_pruefen(durch, was: str) -> None:
    berechtigung_pruefen(ist_team(durch), f"{was} (nur Bedrohungsmanagement, R-BM-3)")


def _sperren(meldung: Bedrohungsmeldung) -> Bedrohungsmeldung:
    """Lock the report row and bring the caller's instance up to date (two team members may act at once)."""
    gesperrt = Bedrohungsmeldung.objects.select_for_update().get(pk=meldung.pk)
    for f in Bedrohungsmeldung._meta.concrete_fields:
        setattr(meldung, f.attname, getattr(gesperrt, f.attname))
    return meldung


def _offen_pruefen(meldung: Bedrohungsmeldung) -> None:
    if meldung.status == Meldungsstatus.ABGESCHLOSSEN:
        raise ValidationError(
            f"R-BM-2: Die Meldung {meldung.nummer} ist abgeschlossen; sie kann nicht mehr bearbeitet werden.",
            code="abgeschlossen",
        )


def _in_bearbeitung(meldung: Bedrohungsmeldung, durch, grund: str) -> None:
    """The team took up the case: neu → in_bearbeitung (saved with history)."""
    if meldung.status == Meldungsstatus.NEU:
        meldung.status = Meldungsstatus.IN_BEARBEITUNG
        speichern(meldung, durch=durch, grund=grund, felder=["status"])
