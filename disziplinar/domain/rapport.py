"""Rapport (§ 40, R-40-1): staff report an offence with the facts, the offences and attachments."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from disziplinar.domain._pruefen import _fehler
from disziplinar.models import (
    Rapport,
    RapportBeilage,
    RapportDelikt,
)
from disziplinar.permissions import darf_rapportieren
from disziplinar.recht import Tatbestand, Teilnahmeform
from kern.audit import speichern
from kern.dateien import datei_sha256
from kern.rollen import berechtigung_pruefen
from vollzug.models import Vollzugsfall

# --- Rapport (R-40-1) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliktDaten:
    tatbestand: str  # Tatbestand: "allgemein" (§ 40 Abs. 1) or "a".."l" (§ 40 Abs. 2)
    teilnahmeform: str = Teilnahmeform.TAETERSCHAFT


@dataclass(frozen=True)
class BeilageDaten:
    titel: str
    datei: UploadedFile = field(repr=False)


def _tatzeit_pruefen(tatzeit, jetzt: datetime) -> None:
    if not isinstance(tatzeit, datetime) or timezone.is_naive(tatzeit):
        raise _fehler(
            "tatzeit", "R-40-1: Zeitpunkt der Tat mit Datum und Uhrzeit angeben.", "tatzeit_ungueltig"
        )
    if tatzeit.year < 1900:
        raise _fehler("tatzeit", "R-0-BAD-1: Der Zeitpunkt liegt vor 1900.", "zu_frueh")
    if tatzeit > jetzt:
        raise _fehler(
            "tatzeit",
            "§ 40 JVG (R-40-1): Der Zeitpunkt der Tat kann nicht in der Zukunft liegen.",
            "tatzeit_zukunft",
        )


def _delikte_pruefen(delikte) -> None:
    if not delikte:
        raise _fehler(
            "delikte",
            "§ 40 JVG (R-40-1): Mindestens ein Disziplinarvergehen angeben (§ 40 Abs. 2 lit. a–l oder die "
            "Generalklausel von Abs. 1).",
            "delikt_fehlt",
        )
    fehler = {}
    gesehen = set()
    for i, d in enumerate(delikte):
        if d.tatbestand not in Tatbestand.values:
            fehler[f"delikte[{i}].tatbestand"] = "§ 40 JVG (R-40-1): Unbekannter Tatbestand."
        elif d.tatbestand in gesehen:
            fehler[f"delikte[{i}].tatbestand"] = "§ 40 JVG (R-40-1): Jeder Tatbestand nur einmal je Rapport."
        gesehen.add(d.tatbestand)
        if d.teilnahmeform not in Teilnahmeform.values:
            fehler[f"delikte[{i}].teilnahmeform"] = (
                "§ 40 Abs. 3 JVG (R-40-1): Teilnahmeform ist Täterschaft, Versuch, Anstiftung oder Gehilfenschaft."
            )
    if fehler:
        raise ValidationError(fehler)


@transaction.atomic
def rapport_erfassen(
    *,
    fall: Vollzugsfall,
    tatzeit: datetime,
    sachverhalt: str,
    delikte: list[DeliktDaten],
    durch,
    zeugen: str = "",
    beilagen: list[BeilageDaten] = (),
) -> Rapport:
    """R-40-1: record a report. Steps: permission (staff of the facility where the person is placed
    now — that facility is the report's); time of the act (aware, not in the future); facts; at least
    one offence with its participation form; save report, offences and evidence (SHA-256), with history."""
    berechtigung_pruefen(darf_rapportieren(durch, fall), "Rapport erfassen")
    jetzt = timezone.now()
    _tatzeit_pruefen(tatzeit, jetzt)
    if not (sachverhalt or "").strip():
        raise _fehler("sachverhalt", "§ 40 JVG (R-40-1): Den Sachverhalt beschreiben.", "sachverhalt_fehlt")
    _delikte_pruefen(delikte)
    rapport = speichern(
        Rapport(
            fall=fall,
            person_id=fall.person_id,
            anstalt_id=durch.anstalt_id,
            tatzeit=tatzeit,
            gemeldet_durch=durch,
            sachverhalt=sachverhalt.strip(),
            zeugen=(zeugen or "").strip(),
            erfasst_am=jetzt,
        ),
        durch=durch,
        grund="Rapport erfasst (§ 40 JVG)",
    )
    for d in delikte:
        speichern(
            RapportDelikt(rapport=rapport, tatbestand=d.tatbestand, teilnahmeform=d.teilnahmeform),
            durch=durch,
        )
    for b in beilagen:
        beilage_hinzufuegen(rapport=rapport, titel=b.titel, datei=b.datei, durch=durch)
    return rapport


@transaction.atomic
def beilage_hinzufuegen(*, rapport: Rapport, titel: str, datei: UploadedFile, durch) -> RapportBeilage:
    """Evidence for a report, by the reporting facility; the hash fixes the file as received."""
    berechtigung_pruefen(
        darf_rapportieren(durch, rapport.fall) and durch.anstalt_id == rapport.anstalt_id,
        "Beilage hinzufügen",
    )
    if not (titel or "").strip():
        raise _fehler("titel", "Titel der Beilage angeben.", "titel_fehlt")
    return speichern(
        RapportBeilage(
            rapport=rapport,
            titel=titel.strip(),
            datei=datei,
            sha256=datei_sha256(datei),
            hochgeladen_am=timezone.now(),
            hochgeladen_durch=durch,
        ),
        durch=durch,
        grund="Beilage zum Rapport",
    )
