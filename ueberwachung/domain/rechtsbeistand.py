"""R-29-4: counsel numbers — calls to them are not recorded, and what was recorded is destroyed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle
from ueberwachung.domain._hilfen import _fehler, _nummer_pruefen, _person_pruefen, _text
from ueberwachung.models import (
    Rechtsbeistand,
)
from ueberwachung.queries import aktuelle_anstalt_id, ist_leitung
from vollzug.models import Person

# --- Counsel numbers (R-29-4) ------------------------------------------------------------------------


def rechtsbeistand_erfassen(*, person: Person, name: str, nummer: str, durch) -> Rechtsbeistand:
    """R-29-4: register a counsel's number for a person (authority, or the management of the facility
    where the person is placed). Recordings of calls to this number that exist already are destroyed at
    once, each with a content-free record (`loeschung.rechtsbeistand_aufzeichnungen_vernichten`)."""
    from ueberwachung.domain.loeschung import rechtsbeistand_aufzeichnungen_vernichten

    _person_pruefen(person)
    berechtigung_pruefen(
        hat_rolle(durch, Rolle.SACHBEARBEITUNG) or ist_leitung(durch, aktuelle_anstalt_id(person)),
        "Rechtsbeistand erfassen (R-29-4)",
    )
    fehler = {}
    if not _text(name):
        fehler["name"] = [
            ValidationError(
                "§ 29 Abs. 4 JVG (R-29-4): Den Namen des Rechtsbeistands angeben.", code="name_fehlt"
            )
        ]
    try:
        normalisiert = _nummer_pruefen(nummer)
    except ValidationError as exc:
        fehler.update(exc.error_dict)
        normalisiert = ""
    if (
        normalisiert
        and Rechtsbeistand.objects.filter(
            person=person, nummer_normalisiert=normalisiert, entfernt_am__isnull=True
        ).exists()
    ):
        fehler["nummer"] = [
            ValidationError(
                "§ 29 Abs. 4 JVG (R-29-4): Diese Nummer ist für die Person bereits erfasst.", code="doppelt"
            )
        ]
    if fehler:
        raise ValidationError(fehler)
    with transaction.atomic():
        beistand = Rechtsbeistand(
            person=person,
            name=_text(name)[:150],
            nummer=_text(nummer)[:40],
            nummer_normalisiert=normalisiert,
            erfasst_durch=durch,
        )
        speichern(beistand, durch=durch, grund="Rechtsbeistand erfasst (§ 29 Abs. 4 JVG)")
    # After the commit: the destruction job part removes files only after its own commit.
    rechtsbeistand_aufzeichnungen_vernichten(person_id=person.pk, nummer_normalisiert=normalisiert)
    return beistand


def darf_rechtsbeistand_bearbeiten(user, person_id: int) -> bool:
    """The authority, or the management of the facility where the person is placed now."""
    return hat_rolle(user, Rolle.SACHBEARBEITUNG) or ist_leitung(user, aktuelle_anstalt_id(person_id))


@transaction.atomic
def rechtsbeistand_entfernen(*, beistand: Rechtsbeistand, grund: str, durch) -> Rechtsbeistand:
    """Issue 23: remove a counsel number (e.g. the mandate ended), with a reason; kept with who, when and
    why, and logged in its history. Calls made before the removal stay refused at ingestion and are
    destroyed (`telefon.aufzeichnung_erfassen`, `queries.telefon_rechtsbeistand`: removal after the
    call's start); only calls made after it may be recorded again (§ 29 Abs. 1)."""
    b = Rechtsbeistand.objects.select_for_update().get(pk=beistand.pk)
    berechtigung_pruefen(
        darf_rechtsbeistand_bearbeiten(durch, b.person_id), "Rechtsbeistand entfernen (R-29-4)"
    )
    if b.entfernt_am is not None:
        raise _fehler(
            "grund", "§ 29 Abs. 4 JVG (R-29-4): Diese Nummer ist bereits entfernt.", "schon_entfernt"
        )
    grund = _text(grund)
    if not grund:
        raise _fehler(
            "grund",
            "§ 29 Abs. 4 JVG (R-29-4): Den Grund der Entfernung angeben (z. B. Mandat beendet).",
            "grund_fehlt",
        )
    b.entfernt_am, b.entfernt_durch, b.entfernung_grund = timezone.now(), durch, grund
    return speichern(b, durch=durch, grund=f"Rechtsbeistand entfernt (§ 29 Abs. 4 JVG): {grund}")
