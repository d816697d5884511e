"""Shared pieces of the §§ 34–39 domain functions: the case checks, times, tasks, errors."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from kern.audit import speichern
from kern.models import Aufgabe
from vollzug.models import Anstalt, Platzierung, Vollzugsfall
from vollzug.recht import Fallstatus


def fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


# --- Case -------------------------------------------------------------------------------------


def offener_fall_pruefen(fall: Vollzugsfall) -> None:
    if fall.status == Fallstatus.ENTLASSEN:
        raise fehler("fall", "Der Vollzugsfall ist abgeschlossen (definitiv entlassen).", "fall_entlassen")


def aktuelle_anstalt(fall: Vollzugsfall) -> Anstalt | None:
    platz = Platzierung.objects.filter(fall__person_id=fall.person_id, bis__isnull=True).select_related(
        "anstalt"
    )
    p = platz.first()
    return p.anstalt if p else None


# --- Time -------------------------------------------------------------------------------------


def zeitpunkt(am: datetime | None, feld: str, *, nicht_vor: datetime | None = None) -> datetime:
    """A recorded moment: aware, not in the future (R-0-VFG-2: no post-dating), not before `nicht_vor`."""
    jetzt = timezone.now()
    am = am or jetzt
    if not isinstance(am, datetime) or timezone.is_naive(am):
        raise fehler(feld, "Zeitpunkt ohne Zeitzone.", "naiv")
    if am.year < 1900:
        raise fehler(feld, "R-0-BAD-1: Der Zeitpunkt liegt vor 1900.", "zu_frueh")
    if am > jetzt:
        raise fehler(feld, "Der Zeitpunkt kann nicht in der Zukunft liegen.", "zukunft")
    if nicht_vor is not None and am < nicht_vor:
        raise fehler(
            feld, f"Der Zeitpunkt liegt vor dem {timezone.localtime(nicht_vor):%d.%m.%Y %H:%M}.", "zu_frueh"
        )
    return am


def datum_pruefen(tag: date | None, feld: str, was: str) -> date:
    if not isinstance(tag, date) or isinstance(tag, datetime):
        raise fehler(feld, f"{was}: gültiges Datum angeben.", "datum")
    if tag > timezone.localdate():
        raise fehler(feld, f"{was}: Das Datum kann nicht in der Zukunft liegen.", "zukunft")
    if tag.year < 1900:
        raise fehler(feld, f"{was}: Das Datum liegt vor 1900.", "zu_frueh")
    return tag


# --- Tasks ------------------------------------------------------------------------------------


def aufgabe_anlegen(
    *,
    art: str,
    titel: str,
    fall: Vollzugsfall,
    fuer_rolle: str,
    faellig_am: datetime,
    durch,
    anstalt: Anstalt | None = None,
    beschreibung: str = "",
) -> Aufgabe:
    # Task titles are seen by the role they are for: no medical content in them (roles table).
    return speichern(
        Aufgabe(
            art=art,
            titel=titel[:200],
            beschreibung=beschreibung,
            fuer_rolle=fuer_rolle,
            anstalt=anstalt,
            fall=fall,
            faellig_am=faellig_am,
        ),
        durch=durch,
        grund="Aufgabe erstellt",
    )


def aufgabe_erledigen(aufgabe: Aufgabe | None, *, durch, am: datetime | None = None) -> None:
    if aufgabe is None or aufgabe.erledigt_am is not None:
        return
    aufgabe.erledigt_am = am or timezone.now()
    aufgabe.erledigt_durch = durch
    speichern(aufgabe, durch=durch, grund="Aufgabe erledigt", felder=["erledigt_am", "erledigt_durch"])


def person_name(person) -> str:
    return f"{person.vorname} {person.amtlicher_name}"
