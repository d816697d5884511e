"""Persons (§ 12, eCH-0044 names, AHV number R-12-1): recorded through one function here (STYLE §2)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kern import rollen
from kern.audit import naechste_nummer, speichern
from kern.rollen import berechtigung_pruefen
from vollzug.models import Person, Vertretung
from vollzug.validators import ahv_normalisieren, validate_ahv_nummer


@transaction.atomic
def person_erfassen(
    *,
    amtlicher_name: str,
    vorname: str,
    geschlecht: str,
    geburtsdatum: date,
    ahv_nummer: str = "",
    strasse: str = "",
    hausnummer: str = "",
    postleitzahl: str = "",
    ort: str = "",
    durch,
) -> Person:
    """Record a person (eCH-0044 names, optional eCH-0010 postal address). Steps: permission, AHV check
    digit (model validator), number, save."""
    berechtigung_pruefen(rollen.darf_person_erfassen(durch), "Person erfassen")
    person = Person(
        amtlicher_name=amtlicher_name.strip(),
        vorname=vorname.strip(),
        geschlecht=geschlecht,
        geburtsdatum=geburtsdatum,
        ahv_nummer=ahv_normalisieren(ahv_nummer),
        strasse=(strasse or "").strip(),
        hausnummer=(hausnummer or "").strip(),
        postleitzahl=(postleitzahl or "").strip(),
        ort=(ort or "").strip(),
    )
    if geburtsdatum and geburtsdatum > timezone.localdate():
        raise ValidationError(
            {
                "geburtsdatum": ValidationError(
                    "Das Geburtsdatum liegt in der Zukunft.", code="geburtsdatum_zukunft"
                )
            }
        )
    if ahv_nummer:
        # Check what the user typed (dotted or plain) before normalising, so the message fits the input.
        try:
            validate_ahv_nummer(ahv_nummer.strip())
        except ValidationError as exc:
            raise ValidationError({"ahv_nummer": exc}) from exc
    if person.ahv_nummer and Person.objects.filter(ahv_nummer=person.ahv_nummer).exists():
        raise ValidationError(
            {
                "ahv_nummer": ValidationError(
                    "R-12-1: Zu dieser AHV-Nummer ist bereits eine Person erfasst.", code="ahv_doppelt"
                )
            }
        )
    person.full_clean(exclude=["personennummer"])
    person.personennummer = f"P-{naechste_nummer('person'):06d}"
    try:
        with transaction.atomic():
            return speichern(person, durch=durch, grund="Person erfasst")
    except IntegrityError as exc:
        # A concurrent request recorded the same AHV number between our check and the insert.
        raise ValidationError(
            {
                "ahv_nummer": ValidationError(
                    "R-12-1: Zu dieser AHV-Nummer ist bereits eine Person erfasst.", code="ahv_doppelt"
                )
            }
        ) from exc


@transaction.atomic
def vertretung_erfassen(
    *,
    person: Person,
    funktion: str,
    name: str,
    strasse: str,
    postleitzahl: str,
    ort: str,
    hausnummer: str = "",
    durch,
) -> Vertretung:
    """Issue 17: record a person's legal representative, counsel or statutory representative with the
    postal address letters go to. Same permission as recording a person; saved with history."""
    berechtigung_pruefen(rollen.darf_person_erfassen(durch), "Vertretung erfassen")
    v = Vertretung(
        person=person,
        funktion=funktion,
        name=(name or "").strip(),
        strasse=(strasse or "").strip(),
        hausnummer=(hausnummer or "").strip(),
        postleitzahl=(postleitzahl or "").strip(),
        ort=(ort or "").strip(),
    )
    v.full_clean()
    return speichern(v, durch=durch, grund=f"{v.get_funktion_display()} erfasst")


@transaction.atomic
def vertretung_beenden(*, vertretung: Vertretung, bis, durch) -> Vertretung:
    """Issue 17: end a representation mandate on day `bis` (kept, never deleted; letters dated after it no
    longer go to the representative). Same permission as recording it; saved with history. `bis` may not
    lie before today (a mandate is not ended retroactively: letters already sent named the representative)."""
    berechtigung_pruefen(rollen.darf_person_erfassen(durch), "Vertretung beenden")
    v = Vertretung.objects.select_for_update().get(pk=vertretung.pk)
    if v.bis is not None:
        raise ValidationError({"bis": f"Das Mandat ist bereits am {v.bis:%d.%m.%Y} beendet worden."})
    if bis is None or bis < timezone.localdate():
        raise ValidationError({"bis": "Das Ende des Mandats kann nicht vor dem heutigen Tag liegen."})
    v.bis = bis
    return speichern(v, durch=durch, grund=f"{v.get_funktion_display()} beendet", felder=["bis"])
