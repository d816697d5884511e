"""Small helpers shared by the domain modules of § 31 JVG."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from kern.audit import speichern
from kern.models import Aufgabe
from sicherheitsmassnahmen.models import Sicherheitsmassnahme
from sicherheitsmassnahmen.recht import (
    Massnahmenstatus,
)
from verfuegungen.recht import Verfuegungsstatus

S = Massnahmenstatus
VS = Verfuegungsstatus
_WOCHENTAGE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _sperren(massnahme: Sicherheitsmassnahme) -> Sicherheitsmassnahme:
    # Every step re-reads the row under a lock: a review and the escalation job, or two managers, at
    # once → the second sees the first one's result.
    return (
        Sicherheitsmassnahme.objects.select_for_update(of=("self",))
        .select_related("person", "anstalt", "fall", "verfuegung")
        .get(pk=massnahme.pk)
    )


def _aufgabe_erledigen(m: Sicherheitsmassnahme, durch, jetzt: datetime) -> None:
    if m.pruefaufgabe_id is None:
        return
    aufgabe = Aufgabe.objects.select_for_update().get(pk=m.pruefaufgabe_id)
    if aufgabe.erledigt_am is None:
        aufgabe.erledigt_am, aufgabe.erledigt_durch = jetzt, durch
        speichern(aufgabe, durch=durch, grund=f"Überprüfung {m.nummer} erfasst")
    m.pruefaufgabe = None


def _beenden(m: Sicherheitsmassnahme, *, durch, grund: str, am: datetime) -> Sicherheitsmassnahme:
    _aufgabe_erledigen(m, durch, am)
    m.status = S.BEENDET
    m.beendet_am = max(am, m.aktiv_seit)
    m.beendet_durch = durch
    m.beendigungsgrund = grund.strip()
    kurz = grund.strip() if len(grund.strip()) <= 80 else grund.strip()[:79] + "…"
    return speichern(m, durch=durch, grund=f"Aufgehoben: {kurz}")


def _zeit(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d.%m.%Y %H:%M}"
