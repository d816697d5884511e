"""§ 27 JVG (R-27-1, R-27-2): erkennungsdienstliche Massnahmen — order, view, pass on."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.dateien import datei_sha256
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle
from ueberwachung.domain._hilfen import _fehler, _person_pruefen, _text
from ueberwachung.domain.zugriff import _zugriff
from ueberwachung.models import (
    EDDatei,
    EDMassnahme,
    Inhaltszugriff,
)
from ueberwachung.permissions import darf_ed_verwalten
from ueberwachung.queries import aktuelle_anstalt_id, ist_leitung
from ueberwachung.recht import (
    EDArt,
    Zugriffsart,
)
from vollzug.models import Person

# --- ED measures (R-27-1, R-27-2) --------------------------------------------------------------------


def ed_anordnen(
    *, person: Person, art: str, durchgefuehrt_am, dateien: list[UploadedFile], bemerkung: str = "", durch
) -> EDMassnahme:
    """R-27-1: the facility management orders an ED measure for a person placed in its facility; the
    material is stored as files (SHA-256 each) with kind and date."""
    _person_pruefen(person)
    berechtigung_pruefen(
        hat_rolle(durch, Rolle.ANSTALTSLEITUNG) and ist_leitung(durch, aktuelle_anstalt_id(person)),
        "Erkennungsdienstliche Massnahme anordnen (nur Anstaltsleitung, § 27 Abs. 1 JVG, R-27-1)",
    )
    fehler = {}
    if art not in EDArt.values:
        fehler["art"] = [
            ValidationError(
                "§ 27 Abs. 1 JVG (R-27-1): Fingerabdrücke, Fotografien, Messungen oder körperliche Merkmale.",
                code="art_ungueltig",
            )
        ]
    heute = timezone.localdate()
    if not hasattr(durchgefuehrt_am, "year") or isinstance(durchgefuehrt_am, datetime):
        fehler["durchgefuehrt_am"] = [
            ValidationError("§ 27 Abs. 1 JVG (R-27-1): Datum angeben.", code="datum")
        ]
    elif durchgefuehrt_am > heute:
        fehler["durchgefuehrt_am"] = [
            ValidationError("R-0-BAD-1: Das Datum liegt in der Zukunft.", code="zukunft")
        ]
    dateien = list(dateien or [])
    if not dateien or any(not getattr(d, "size", 0) for d in dateien):
        fehler["dateien"] = [
            ValidationError(
                "§ 27 Abs. 1 JVG (R-27-1): Das Material als Datei(en) beilegen (keine leeren Dateien).",
                code="dateien_fehlen",
            )
        ]
    if fehler:
        raise ValidationError(fehler)
    with transaction.atomic():
        massnahme = speichern(
            EDMassnahme(
                person=person,
                anstalt_id=durch.anstalt_id,
                art=art,
                durchgefuehrt_am=durchgefuehrt_am,
                bemerkung=_text(bemerkung),
                angeordnet_durch=durch,
            ),
            durch=durch,
            grund="Erkennungsdienstliche Massnahme angeordnet (§ 27 Abs. 1 JVG)",
        )
        for datei in dateien:
            speichern(
                EDDatei(massnahme=massnahme, datei=datei, sha256=datei_sha256(datei), groesse=datei.size),
                durch=durch,
                grund="ED-Material gespeichert (§ 27 Abs. 1 JVG)",
            )
    return massnahme


def ed_einsehen(*, massnahme: EDMassnahme, zweck: str, durch) -> Inhaltszugriff:
    """R-27-1: the facility management looks at the material (purpose recorded, access logged)."""
    berechtigung_pruefen(
        darf_ed_verwalten(durch, massnahme), "ED-Unterlagen einsehen (nur Anstaltsleitung, § 27 JVG)"
    )
    if not _text(zweck):
        raise _fehler(
            "zweck", "§ 27 Abs. 1 JVG (R-27-1): Den Zweck angeben (Sicherung des Vollzugs).", "zweck_fehlt"
        )
    return _zugriff(art=Zugriffsart.ED_ANSICHT, objekt=massnahme, durch=durch, verdacht=_text(zweck))


def ed_weitergeben(*, massnahme: EDMassnahme, empfaenger: str, zweck: str, durch) -> Inhaltszugriff:
    """R-27-2 (§ 27 Abs. 2): results go to the police for police tasks (in particular a search); every
    disclosure is logged with recipient, purpose and date."""
    berechtigung_pruefen(
        darf_ed_verwalten(durch, massnahme),
        "ED-Unterlagen weitergeben (nur Anstaltsleitung, § 27 Abs. 2 JVG)",
    )
    fehler = {}
    if not _text(empfaenger):
        fehler["empfaenger"] = [
            ValidationError(
                "§ 27 Abs. 2 JVG (R-27-2): Die empfangende Polizeistelle angeben.", code="empfaenger_fehlt"
            )
        ]
    if not _text(zweck):
        fehler["zweck"] = [
            ValidationError(
                "§ 27 Abs. 2 JVG (R-27-2): Den polizeilichen Zweck angeben (z. B. Fahndung).",
                code="zweck_fehlt",
            )
        ]
    if fehler:
        raise ValidationError(fehler)
    return _zugriff(
        art=Zugriffsart.ED_WEITERGABE,
        objekt=massnahme,
        durch=durch,
        empfaenger=_text(empfaenger)[:150],
        verdacht=_text(zweck),
    )
