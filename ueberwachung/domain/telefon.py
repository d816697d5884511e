"""§ 29 JVG (R-29-1, R-29-4): phone recordings, pushed by the phone system or recorded by the management."""

from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kern.audit import speichern
from kern.dateien import datei_sha256
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle
from ueberwachung import recht
from ueberwachung.domain._hilfen import (
    _datei_pruefen,
    _fehler,
    _nummer_pruefen,
    _person_pruefen,
    _text,
    _zeitraum_pruefen,
)
from ueberwachung.models import (
    Rechtsbeistand,
    Telefonaufzeichnung,
    Vernichtungsprotokoll,
)
from ueberwachung.permissions import ist_telefonanlage
from ueberwachung.queries import aktuelle_anstalt_id
from ueberwachung.recht import (
    Objektart,
    Rechtsgrundlage,
    Vorgang,
)
from vollzug.models import Person

# --- Phone recordings (R-29-1, R-29-4) ---------------------------------------------------------------


def telefonaufzeichnung_erfassen(
    *, person: Person, nummer: str, beginn: datetime, ende: datetime, datei: UploadedFile, durch
) -> Telefonaufzeichnung:
    """R-29-1: store a recorded call (the phone system through the API, or the facility management by
    upload). Steps: permission; times; number; file; person placed in a facility (§ 29 Abs. 1: calls of
    inmates); R-29-4 counsel check — a call to a registered counsel number is refused and the refusal
    logged content-free (committed even though the call raises); R-29-2: nothing older than 100 days is
    accepted; save with SHA-256 and the due time of the deletion."""
    berechtigung_pruefen(
        ist_telefonanlage(durch) or hat_rolle(durch, Rolle.ANSTALTSLEITUNG),
        "Telefonaufzeichnung erfassen (R-29-1)",
    )
    _person_pruefen(person)
    _zeitraum_pruefen(beginn, ende, "§ 29 Abs. 1 JVG (R-29-1)")
    normalisiert = _nummer_pruefen(nummer)
    _datei_pruefen(datei, "§ 29 Abs. 1 JVG (R-29-1)")
    anstalt_id = aktuelle_anstalt_id(person)
    if anstalt_id is None:
        raise _fehler(
            "person",
            "§ 29 Abs. 1 JVG (R-29-1): Aufgezeichnet werden nur Gespräche von Personen, die in einer "
            "Vollzugseinrichtung platziert sind.",
            "nicht_platziert",
        )
    if hat_rolle(durch, Rolle.ANSTALTSLEITUNG) and durch.anstalt_id != anstalt_id:
        # R-0-ROLE-1: a person outside the management's facility does not exist for it.
        raise _fehler("person", "R-0-BAD-1: Unbekannte Person.", "person_unbekannt")
    # Issue 23: a removed counsel number still covers the calls made before its removal.
    if (
        Rechtsbeistand.objects.filter(person=person, nummer_normalisiert=normalisiert)
        .filter(Q(entfernt_am__isnull=True) | Q(entfernt_am__gt=beginn))
        .exists()
    ):
        # R-29-4: neither recorded nor listened to. The refusal is logged without the number or content.
        Vernichtungsprotokoll.objects.create(
            vorgang=Vorgang.ABGEWIESEN,
            objektart=Objektart.TELEFON,
            person=person,
            personennummer=person.personennummer,
            anstalt_id=anstalt_id,
            aufgezeichnet_am=beginn,
            vernichtet_am=timezone.now(),
            lauf=None,
            rechtsgrundlage=Rechtsgrundlage.RECHTSBEISTAND_29_4,
        )
        raise _fehler(
            "nummer",
            "§ 29 Abs. 4 JVG (R-29-4): Gespräch mit dem Rechtsbeistand – darf weder aufgezeichnet noch "
            "abgehört werden; die Aufzeichnung wurde nicht gespeichert.",
            "rechtsbeistand",
        )
    faellig = recht.loeschung_faellig_am(beginn)
    if faellig <= timezone.now():
        raise _fehler(
            "beginn",
            f"§ 29 Abs. 2 JVG (R-29-2): Die Aufzeichnung ist älter als {recht.AUFZEICHNUNG_TAGE} Tage und "
            "darf nicht mehr gespeichert werden.",
            "zu_alt",
        )
    with transaction.atomic():
        return speichern(
            Telefonaufzeichnung(
                person=person,
                anstalt_id=anstalt_id,
                nummer=_text(nummer)[:40],
                nummer_normalisiert=normalisiert,
                beginn=beginn,
                ende=ende,
                datei=datei,
                sha256=datei_sha256(datei),
                groesse=datei.size,
                eingegangen_durch=durch,
                loeschung_faellig_am=faellig,
            ),
            durch=durch,
            grund="Telefonaufzeichnung eingegangen (§ 29 Abs. 1 JVG)",
        )
