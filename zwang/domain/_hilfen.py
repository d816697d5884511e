"""Small helpers shared by the domain modules of § 33 JVG."""

from datetime import datetime

from django.core.exceptions import ValidationError

from kern.audit import speichern
from kern.models import Aufgabe
from kern.rollen import Rolle
from zwang.models import Zwangsprotokoll
from zwang.recht import (
    Protokollstatus,
    ZwangAufgabenart,
)

S = Protokollstatus


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _sammeln(fehler: dict[str, ValidationError]) -> None:
    if fehler:
        raise ValidationError(fehler)


def _sperren(protokoll: Zwangsprotokoll) -> Zwangsprotokoll:
    return Zwangsprotokoll.objects.select_for_update().get(pk=protokoll.pk)


def _pruefaufgabe(p: Zwangsprotokoll, faellig_am: datetime, durch, *, erneut: bool = False) -> Aufgabe:
    titel = f"Zwangsprotokoll {p.nummer} {'erneut ' if erneut else ''}prüfen (§ 33 Abs. 4 JVG)"
    return speichern(
        Aufgabe(
            art=ZwangAufgabenart.ZWANG_PRUEFUNG,
            titel=titel,
            beschreibung="Prüfung durch die Anstaltsleitung; nicht durch die erfassende oder eine beteiligte "
            "Person (Vier-Augen-Prinzip).",
            fuer_rolle=Rolle.ANSTALTSLEITUNG,
            anstalt_id=p.anstalt_id,
            fall_id=p.fall_id,
            faellig_am=faellig_am,
        ),
        durch=durch,
        grund=titel,
    )


def _aufgabe_erledigen(aufgabe_id: int | None, durch, jetzt: datetime) -> None:
    if aufgabe_id is None:
        return
    aufgabe = Aufgabe.objects.select_for_update().get(pk=aufgabe_id)
    if aufgabe.erledigt_am is None:
        aufgabe.erledigt_am, aufgabe.erledigt_durch = jetzt, durch
        speichern(aufgabe, durch=durch, grund="erledigt", felder=["erledigt_am", "erledigt_durch"])
