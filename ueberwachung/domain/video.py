"""§ 30 JVG (R-30-1, R-30-3): video zones (which rooms may be watched, lit. a/b) and video recordings."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from kern.audit import speichern
from kern.dateien import datei_sha256
from kern.rollen import Rolle, berechtigung_pruefen, hat_rolle
from ueberwachung import recht
from ueberwachung.domain._hilfen import _datei_pruefen, _fehler, _text, _zeitraum_pruefen
from ueberwachung.models import (
    Inhaltszugriff,
    Videoaufzeichnung,
    Videozone,
)
from ueberwachung.queries import aktuelle_anstalt_id, ist_leitung
from ueberwachung.recht import (
    ORDENTLICHE_UNTERKUENFTE,
    SPEZIELLE_UNTERKUENFTE,
    Objektart,
    Raumart,
    Zonengrund,
    Zugriffsart,
)
from vollzug.models import Person

# --- Video zones and recordings (R-30-1, R-30-3) -----------------------------------------------------


@transaction.atomic
def videozone_festlegen(
    *, bezeichnung: str, raumart: str, grund: str = "", begruendung: str = "", durch
) -> Videozone:
    """R-30-1 (§ 30 Abs. 2): the facility management defines a zone of its own facility. Ordinary quarters
    are refused; disciplinary and security cells need a recorded reason (special circumstances or health)."""
    berechtigung_pruefen(
        hat_rolle(durch, Rolle.ANSTALTSLEITUNG) and durch.anstalt_id is not None,
        "Videozone festlegen (R-30-1)",
    )
    fehler = {}
    if not _text(bezeichnung):
        fehler["bezeichnung"] = [
            ValidationError(
                "§ 30 Abs. 2 JVG (R-30-1): Den Raum oder die Fläche bezeichnen.", code="bezeichnung_fehlt"
            )
        ]
    if raumart not in Raumart.values:
        fehler["raumart"] = [
            ValidationError("§ 30 Abs. 2 JVG (R-30-1): Unbekannte Art des Raums.", code="raumart_ungueltig")
        ]
    elif raumart in ORDENTLICHE_UNTERKUENFTE:
        fehler["raumart"] = [
            ValidationError(
                "§ 30 Abs. 2 lit. a JVG (R-30-1): Die ordentlichen Unterkünfte der eingewiesenen Personen "
                "dürfen nicht visuell überwacht werden.",
                code="ordentliche_unterkunft",
            )
        ]
    elif raumart in SPEZIELLE_UNTERKUENFTE:
        if grund not in Zonengrund.values:
            fehler["grund"] = [
                ValidationError(
                    "§ 30 Abs. 2 lit. b JVG (R-30-1): Disziplinar- und Sicherheitszellen nur, wenn besondere "
                    "Umstände oder der Gesundheitszustand es erfordern – Grund angeben.",
                    code="grund_fehlt",
                )
            ]
        if not _text(begruendung):
            fehler["begruendung"] = [
                ValidationError(
                    "§ 30 Abs. 2 lit. b JVG (R-30-1): Die besonderen Umstände bzw. den Gesundheitszustand "
                    "begründen.",
                    code="begruendung_fehlt",
                )
            ]
    elif grund:
        fehler["grund"] = [
            ValidationError(
                "§ 30 Abs. 2 JVG (R-30-1): Ein Grund wird nur für Disziplinar- und Sicherheitszellen erfasst.",
                code="grund_unnoetig",
            )
        ]
    if fehler:
        raise ValidationError(fehler)
    return speichern(
        Videozone(
            anstalt_id=durch.anstalt_id,
            bezeichnung=_text(bezeichnung)[:120],
            raumart=raumart,
            grund=grund or "",
            begruendung=_text(begruendung),
            festgelegt_durch=durch,
        ),
        durch=durch,
        grund="Videozone festgelegt (§ 30 Abs. 2 JVG)",
    )


@transaction.atomic
def videozone_aufheben(*, zone: Videozone, durch) -> Videozone:
    """R-30-1: the management ends the surveillance of a zone (recordings keep their zone)."""
    zone = Videozone.objects.select_for_update().get(pk=zone.pk)
    berechtigung_pruefen(ist_leitung(durch, zone.anstalt_id), "Videozone aufheben (R-30-1)")
    if zone.aufgehoben_am is not None:
        raise _fehler("zone", "§ 30 Abs. 2 JVG (R-30-1): Die Zone ist bereits aufgehoben.", "aufgehoben")
    zone.aufgehoben_am = timezone.now()
    return speichern(
        zone, durch=durch, grund="Videozone aufgehoben (§ 30 Abs. 2 JVG)", felder=["aufgehoben_am"]
    )


def videoaufzeichnung_erfassen(
    *,
    zone: Videozone,
    beginn: datetime,
    ende: datetime,
    datei: UploadedFile,
    person: Person | None = None,
    durch,
) -> Videoaufzeichnung:
    """R-30-3: store a video recording of one zone of the management's facility (the zone must have been
    in force when recording began). Not older than 100 days; deletion due at start + 100 days."""
    berechtigung_pruefen(
        isinstance(zone, Videozone) and ist_leitung(durch, zone.anstalt_id),
        "Videoaufzeichnung erfassen (R-30-3)",
    )
    _zeitraum_pruefen(beginn, ende, "§ 30 JVG (R-30-3)")
    _datei_pruefen(datei, "§ 30 JVG (R-30-3)")
    if zone.festgelegt_am > beginn or (zone.aufgehoben_am is not None and zone.aufgehoben_am < beginn):
        raise _fehler(
            "zone",
            "§ 30 Abs. 2 JVG (R-30-1): Die Zone war zu diesem Zeitpunkt nicht zur Überwachung festgelegt.",
            "zone_nicht_in_kraft",
        )
    if person is not None and aktuelle_anstalt_id(person) != zone.anstalt_id:
        raise _fehler("person", "R-0-BAD-1: Unbekannte Person.", "person_unbekannt")
    faellig = recht.loeschung_faellig_am(beginn)
    if faellig <= timezone.now():
        raise _fehler(
            "beginn",
            f"§ 30 Abs. 5 JVG (R-30-3): Die Aufzeichnung ist älter als {recht.AUFZEICHNUNG_TAGE} Tage und "
            "darf nicht mehr gespeichert werden.",
            "zu_alt",
        )
    with transaction.atomic():
        return speichern(
            Videoaufzeichnung(
                zone=zone,
                anstalt_id=zone.anstalt_id,
                person=person,
                beginn=beginn,
                ende=ende,
                datei=datei,
                sha256=datei_sha256(datei),
                groesse=datei.size,
                eingegangen_durch=durch,
                loeschung_faellig_am=faellig,
            ),
            durch=durch,
            grund="Videoaufzeichnung gespeichert (§ 30 JVG)",
        )


@transaction.atomic
def auswertung_abschliessen(*, video: Videoaufzeichnung, durch) -> Videoaufzeichnung:
    """§ 30 Abs. 5 (R-30-3): the management closes the evaluation; the recording is due at once (the next
    run of the deletion job destroys it) unless it is attached to a proceeding."""
    video = Videoaufzeichnung.objects.select_for_update().get(pk=video.pk)
    berechtigung_pruefen(ist_leitung(durch, video.anstalt_id), "Auswertung abschliessen (R-30-2)")
    if video.auswertung_abgeschlossen_am is not None:
        raise _fehler(
            "video", "§ 30 Abs. 5 JVG (R-30-3): Die Auswertung ist bereits abgeschlossen.", "abgeschlossen"
        )
    if not Inhaltszugriff.objects.filter(
        objektart=Objektart.VIDEO, objekt_id=video.pk, art=Zugriffsart.AUSWERTEN
    ).exists():
        raise _fehler(
            "video",
            "§ 30 Abs. 3 JVG (R-30-2): Es ist keine Auswertung erfasst; abgeschlossen wird eine begonnene Auswertung.",
            "keine_auswertung",
        )
    jetzt = timezone.now()
    video.auswertung_abgeschlossen_am = jetzt
    video.loeschung_faellig_am = min(video.loeschung_faellig_am, jetzt)
    return speichern(
        video,
        durch=durch,
        grund="Auswertung abgeschlossen (§ 30 Abs. 5 JVG)",
        felder=["auswertung_abgeschlossen_am", "loeschung_faellig_am"],
    )
