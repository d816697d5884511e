"""Postal addresses for letters (issue 17): eCH-0010 lines of a person at liberty, the facility's address
for a person in custody ("c/o"), and the representatives a letter goes to or is copied to.

Pure functions over rows the caller loaded (no queries here except `empfaenger_fuer`, which reads the
open placement and the representatives: two queries, whatever the letter).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from vollzug.models import Anstalt, Geschlecht, Person, Platzierung, Vertretung, Vertretungsfunktion

F = Vertretungsfunktion
FEHLT = "Postadresse nicht erfasst"


@dataclass(frozen=True, slots=True)
class Empfaenger:
    """One addressee or copy recipient: the lines of the envelope window and a one-line form for
    the distribution list ("Mitteilung an")."""

    zeilen: tuple[str, ...]
    rolle: str  # "betroffene Person", "gesetzliche Vertretung", …
    im_vollzug: bool = False
    vollstaendig: bool = True  # street, postcode and town known: registered mail possible

    @property
    def einzeilig(self) -> str:
        return ", ".join(self.zeilen)


@dataclass(frozen=True, slots=True)
class Briefempfaenger:
    adressat: Empfaenger
    kopien: tuple[Empfaenger, ...] = field(default_factory=tuple)
    anstalt: Anstalt | None = None  # where the person is placed on the letter's date, if anywhere


def anrede(person: Person) -> str:
    return {Geschlecht.MAENNLICH: "Herr", Geschlecht.WEIBLICH: "Frau"}.get(person.geschlecht, "")


def name_mit_anrede(person: Person) -> str:
    return " ".join(t for t in (anrede(person), person.vorname, person.amtlicher_name) if t)


def _strasse(strasse: str, hausnummer: str) -> str:
    return " ".join(t for t in (strasse.strip(), hausnummer.strip()) if t)


def _ort(plz: str, ort: str) -> str:
    return " ".join(t for t in (plz.strip(), ort.strip()) if t)


def anstalt_zeilen(anstalt: Anstalt) -> list[str]:
    """The facility's postal lines: name, street and number, postcode and town."""
    return [
        z
        for z in (
            anstalt.name,
            _strasse(anstalt.strasse, anstalt.hausnummer),
            _ort(anstalt.postleitzahl, anstalt.ort),
        )
        if z
    ]


def person_empfaenger(person: Person, anstalt: Anstalt | None) -> Empfaenger:
    """In custody: "c/o" the facility's postal address. At liberty: the person's eCH-0010 address."""
    name = name_mit_anrede(person)
    if anstalt is not None:
        zeilen = (name, f"c/o {anstalt.name}", *anstalt_zeilen(anstalt)[1:])
        return Empfaenger(zeilen, "betroffene Person", True, bool(anstalt.strasse and anstalt.postleitzahl))
    strasse = _strasse(person.strasse, person.hausnummer)
    ort = _ort(person.postleitzahl, person.ort)
    if not (strasse and person.postleitzahl and person.ort):
        return Empfaenger((name, *(z for z in (strasse, ort) if z), FEHLT), "betroffene Person", False, False)
    return Empfaenger((name, strasse, ort), "betroffene Person", False, True)


def vertretung_empfaenger(v: Vertretung) -> Empfaenger:
    zeilen = (v.name, _strasse(v.strasse, v.hausnummer), _ort(v.postleitzahl, v.ort))
    return Empfaenger(tuple(z for z in zeilen if z), v.get_funktion_display(), False, True)


def aktuelle_anstalt(person: Person) -> Anstalt | None:
    platz = (
        Platzierung.objects.filter(fall__person_id=person.pk, bis__isnull=True)
        .select_related("anstalt")
        .order_by("-von")
        .first()
    )
    return platz.anstalt if platz else None


def empfaenger_fuer(person: Person, am: date) -> Briefempfaenger:
    """Who a letter about `person` dated `am` goes to, and who gets a copy.

    * A juvenile (under 18 on `am`, R-1-JUV-1) is addressed through the statutory representative.
    * A person with a Rechtsvertretung is addressed through it (the representative receives the
      letter; the person gets a copy).
    * Otherwise the person: "c/o" the facility when in custody, else at the own postal address.
    Every other active representative (Verteidigung, a statutory representative of an adult) gets a copy.
    """
    anstalt = aktuelle_anstalt(person)
    vertretungen = list(
        Vertretung.objects.filter(Q(bis__isnull=True) | Q(bis__gte=am), person_id=person.pk).order_by("pk")
    )
    person_e = person_empfaenger(person, anstalt)
    gesetzlich = next((v for v in vertretungen if v.funktion == F.GESETZLICHE_VERTRETUNG), None)
    rechtsvertretung = next((v for v in vertretungen if v.funktion == F.RECHTSVERTRETUNG), None)
    if person.ist_jugendlich(am) and gesetzlich is not None:
        haupt = gesetzlich
    elif person.ist_jugendlich(am):
        # No statutory representative recorded: the letter still names who it is for.
        haupt = None
        person_e = Empfaenger(
            ("An die gesetzliche Vertretung von", *person_e.zeilen),
            "betroffene Person (minderjährig)",
            person_e.im_vollzug,
            person_e.vollstaendig,
        )
    else:
        haupt = rechtsvertretung
    if haupt is None:
        kopien = tuple(vertretung_empfaenger(v) for v in vertretungen)
        return Briefempfaenger(person_e, kopien, anstalt)
    adressat = vertretung_empfaenger(haupt)
    if haupt.funktion == F.GESETZLICHE_VERTRETUNG:
        adressat = Empfaenger(
            (
                *adressat.zeilen[:1],
                f"als gesetzliche Vertretung von {person.vorname} {person.amtlicher_name}",
                *adressat.zeilen[1:],
            ),
            adressat.rolle,
            False,
            True,
        )
    kopien = (person_e, *(vertretung_empfaenger(v) for v in vertretungen if v.pk != haupt.pk))
    return Briefempfaenger(adressat, kopien, anstalt)
