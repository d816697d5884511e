"""Small helpers shared by the domain modules of §§ 27, 29, 30 JVG: errors and input checks."""

import re
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from ueberwachung.models import (
    Telefonaufzeichnung,
    Videoaufzeichnung,
)
from vollzug.models import Person


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


NUMMER_MAX = 40  # Telefonaufzeichnung.nummer / nummer_normalisiert, Rechtsbeistand.nummer


def _text(wert) -> str:
    return wert.strip() if isinstance(wert, str) else ""


def nummer_normalisieren(nummer: str) -> str:
    """Phone numbers compared in one form: digits only, international with 00 (+41 44 … = 0041 44 … =
    044 …). Returns "" for anything that is no phone number."""
    roh = _text(nummer)
    # At most 40 characters as entered and normalised (both fields hold 40): a longer number is refused,
    # never stored cut off (issue 25: "+" and 40 more characters used to be accepted and shortened).
    if not roh or len(roh) > NUMMER_MAX or not re.fullmatch(r"\+?[0-9 ./()\-]{3,40}", roh):
        return ""
    ziffern = re.sub(r"\D", "", roh)
    if roh.startswith("+"):
        ziffern = "00" + ziffern
    elif ziffern.startswith("0") and not ziffern.startswith("00"):
        ziffern = "0041" + ziffern[1:]  # Swiss national number
    return ziffern if 3 <= len(ziffern) <= NUMMER_MAX else ""


def _nummer_pruefen(nummer, feld: str = "nummer") -> str:
    normalisiert = nummer_normalisieren(nummer)
    if not normalisiert:
        raise _fehler(
            feld,
            "R-0-BAD-1: Eine Telefonnummer besteht aus Ziffern (optional mit + am Anfang, Leerzeichen, "
            f"Punkten, Bindestrichen oder Klammern), höchstens {NUMMER_MAX} Zeichen.",
            "nummer_ungueltig",
        )
    return normalisiert


def _zeitraum_pruefen(beginn, ende, regel: str) -> None:
    fehler = {}
    for feld, wert in (("beginn", beginn), ("ende", ende)):
        if not isinstance(wert, datetime) or timezone.is_naive(wert):
            fehler[feld] = [
                ValidationError(
                    f"{regel}: Zeitpunkt mit Datum, Uhrzeit und Zeitzone angeben.", code="zeitpunkt"
                )
            ]
        elif wert > timezone.now() + timedelta(minutes=5):
            fehler[feld] = [ValidationError(f"{regel}: Der Zeitpunkt liegt in der Zukunft.", code="zukunft")]
        elif wert.year < 2000:
            fehler[feld] = [ValidationError("R-0-BAD-1: Der Zeitpunkt liegt vor 2000.", code="zu_frueh")]
    if not fehler and ende < beginn:
        fehler["ende"] = [ValidationError(f"{regel}: Das Ende liegt vor dem Beginn.", code="ende_vor_beginn")]
    if fehler:
        raise ValidationError(fehler)


def _datei_pruefen(datei, regel: str) -> None:
    if datei is None or not getattr(datei, "name", "") or not getattr(datei, "size", 0):
        raise _fehler("datei", f"{regel}: Die Aufzeichnungsdatei fehlt oder ist leer.", "datei_fehlt")


def _person_pruefen(person) -> Person:
    if not isinstance(person, Person):
        raise _fehler("person", "R-0-BAD-1: Unbekannte Person.", "person_unbekannt")
    return person


def _aufzeichnung_sperren(aufzeichnung):
    modell = type(aufzeichnung)
    if modell not in (Telefonaufzeichnung, Videoaufzeichnung):
        raise _fehler("aufzeichnung", "R-0-BAD-1: Unbekannte Aufzeichnung.", "unbekannt")
    gesperrt = modell.objects.select_for_update().filter(pk=aufzeichnung.pk).first()
    if gesperrt is None:
        raise _fehler("aufzeichnung", "Die Aufzeichnung ist bereits gelöscht.", "geloescht")
    return gesperrt
