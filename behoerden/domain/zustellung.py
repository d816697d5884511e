"""§ 12 (R-12-1): `urteil_zustellen`, the idempotent intake of a judgment with sanctions and documents."""

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from behoerden.domain.auskunft import SACHBEARBEITUNG_MAX
from behoerden.models import Behoerde, Urteilszustellung
from behoerden.recht import BehoerdenAufgabenart, Endpunkt, freigabe
from kern.audit import speichern
from kern.models import Aufgabe
from kern.rollen import Rolle, berechtigung_pruefen
from vollzug import domain as vollzug_services
from vollzug.models import Person

# --- § 12: judgment intake ------------------------------------------------------------------------


class ZustellungKonflikt(Exception):
    """The same reference was delivered before with other content (API: 409)."""


@dataclass(frozen=True)
class PersonDaten:
    amtlicher_name: str
    vorname: str
    geschlecht: str
    geburtsdatum: date
    ahv_nummer: str = ""


@dataclass(frozen=True)
class ZustellungsDokument:
    titel: str
    dateiname: str
    inhalt: bytes = field(repr=False)
    content_type: str = "application/pdf"


@dataclass(frozen=True)
class Zustellung:
    person: PersonDaten
    art: str
    referenz: str
    entscheid_datum: date
    rechtskraft_am: date
    sanktionen: list = field(default_factory=list)  # vollzug.domain.SanktionDaten
    dokumente: list = field(default_factory=list)  # ZustellungsDokument

    def fingerabdruck(self) -> str:
        """SHA-256 of the canonical content: same delivery → same value; documents by their hash."""
        inhalt = {
            "person": {**self.person.__dict__, "geburtsdatum": self.person.geburtsdatum.isoformat()},
            "art": self.art,
            "referenz": self.referenz,
            "entscheid_datum": self.entscheid_datum.isoformat(),
            "rechtskraft_am": self.rechtskraft_am.isoformat(),
            "sanktionen": [s.__dict__ for s in self.sanktionen],
            "dokumente": [
                {
                    "titel": d.titel,
                    "dateiname": d.dateiname,
                    "content_type": d.content_type,
                    "sha256": hashlib.sha256(d.inhalt).hexdigest(),
                }
                for d in self.dokumente
            ],
        }
        roh = json.dumps(inhalt, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
        return hashlib.sha256(roh.encode()).hexdigest()


def _person_finden_oder_erfassen(daten: PersonDaten, akteur) -> Person:
    from vollzug.validators import ahv_normalisieren

    ahv = ahv_normalisieren(daten.ahv_nummer) if daten.ahv_nummer else ""
    if ahv:
        vorhanden = Person.objects.filter(ahv_nummer=ahv).first()
        if vorhanden is not None:
            if vorhanden.geburtsdatum != daten.geburtsdatum:
                raise ValidationError(
                    {
                        "geburtsdatum": ValidationError(
                            "§ 12 JVG (R-12-1): Die AHV-Nummer gehört zu einer erfassten Person mit anderem "
                            "Geburtsdatum – Personalien prüfen.",
                            code="person_widerspruch",
                        )
                    }
                )
            return vorhanden
    return vollzug_services.person_erfassen(**daten.__dict__, durch=akteur)


_DATEINAME_UNERLAUBT = re.compile(r"[^\w.\- ]")


def _zustellung_vergleichen(vorhanden: Urteilszustellung, fingerabdruck: str) -> Urteilszustellung:
    if vorhanden.inhalt_sha256 != fingerabdruck:
        raise ZustellungKonflikt(
            f"§ 12 JVG (R-12-1): Der Entscheid {vorhanden.referenz} wurde am "
            f"{timezone.localtime(vorhanden.zugestellt_am):%d.%m.%Y} mit anderem Inhalt zugestellt "
            f"(Fall {vorhanden.fall.fallnummer}). Eine Berichtigung bitte der Vollzugsbehörde direkt melden."
        )
    return vorhanden


def urteil_zustellen(
    *, behoerde: Behoerde, zustellung: Zustellung, sachbearbeitung: str
) -> tuple[Urteilszustellung, bool]:
    """R-12-1 (§ 12 JVG): a Strafbehörde delivers a legally binding judgment, penal order or enforcement
    decision with its sanctions and documents. All or nothing in one transaction (person by AHV number
    reused, case, decision, sanctions, documents, task for the case workers). Idempotent by (agency,
    reference): the same content again → the same delivery (`neu` False); other content → ZustellungKonflikt.
    Actor of every history row: the agency's user."""
    berechtigung_pruefen(
        behoerde.aktiv and Endpunkt.URTEILSZUSTELLUNG in freigabe(behoerde.typ).endpunkte,
        "Entscheide zustellen (§ 12 JVG: nur Strafbehörden)",
    )
    fingerabdruck = zustellung.fingerabdruck()
    vorhanden = (
        Urteilszustellung.objects.filter(behoerde=behoerde, referenz=zustellung.referenz)
        .select_related("fall", "person")
        .first()
    )
    if vorhanden is not None:
        return _zustellung_vergleichen(vorhanden, fingerabdruck), False
    benutzer = behoerde.benutzer
    akteur = benutzer  # rollen.darf_fall_erfassen admits a delivering Strafbehörde (§ 12)
    try:
        with transaction.atomic():
            person = _person_finden_oder_erfassen(zustellung.person, akteur)
            fall = vollzug_services.fall_erfassen(
                person=person,
                entscheid=vollzug_services.EntscheidDaten(
                    art=zustellung.art,
                    behoerde=behoerde.name,
                    referenz=zustellung.referenz,
                    entscheid_datum=zustellung.entscheid_datum,
                    rechtskraft_am=zustellung.rechtskraft_am,
                ),
                sanktionen=list(zustellung.sanktionen),
                dokumente=[
                    vollzug_services.DokumentDaten(
                        titel=d.titel,
                        datei=ContentFile(d.inhalt, name=_DATEINAME_UNERLAUBT.sub("_", d.dateiname)),
                    )
                    for d in zustellung.dokumente
                ],
                durch=akteur,
            )
            jetzt = timezone.now()
            eintrag = speichern(
                Urteilszustellung(
                    behoerde=behoerde,
                    referenz=zustellung.referenz,
                    fall=fall,
                    person=person,
                    inhalt_sha256=fingerabdruck,
                    sachbearbeitung=sachbearbeitung[:SACHBEARBEITUNG_MAX],
                    zugestellt_am=jetzt,
                ),
                durch=benutzer,
                grund="Entscheid zugestellt (§ 12 JVG)",
            )
            # The case workers' inbox (start page): open tasks of their role.
            speichern(
                Aufgabe(
                    art=BehoerdenAufgabenart.FALL_ZUGESTELLT,
                    titel=f"Zugestellter Entscheid {zustellung.referenz} ({behoerde.name}): prüfen und "
                    f"Vollzug einleiten (§ 12 JVG)",
                    beschreibung=f"Fall {fall.fallnummer}, Person {person.personennummer}; zugestellt durch "
                    f"{sachbearbeitung[:SACHBEARBEITUNG_MAX]}.",
                    fuer_rolle=Rolle.SACHBEARBEITUNG,
                    fall=fall,
                    faellig_am=jetzt,
                ),
                durch=benutzer,
                grund="Entscheid zugestellt (§ 12 JVG)",
            )
            return eintrag, True
    except ValidationError as exc:
        codes = {e.code for fehlerliste in getattr(exc, "error_dict", {}).values() for e in fehlerliste}
        if "entscheid_doppelt" not in codes:
            raise
        # A concurrent delivery of the same reference won the race, or a case worker recorded it by hand.
        vorhanden = (
            Urteilszustellung.objects.filter(behoerde=behoerde, referenz=zustellung.referenz)
            .select_related("fall", "person")
            .first()
        )
        if vorhanden is None:
            raise ZustellungKonflikt(
                f"§ 12 JVG (R-12-1): Der Entscheid {zustellung.referenz} ist bei der Vollzugsbehörde bereits "
                "erfasst."
            ) from exc
        return _zustellung_vergleichen(vorhanden, fingerabdruck), False
    except IntegrityError:  # unique (behoerde, referenz) of the delivery itself
        vorhanden = (
            Urteilszustellung.objects.filter(behoerde=behoerde, referenz=zustellung.referenz)
            .select_related("fall", "person")
            .first()
        )
        if vorhanden is None:
            raise
        return _zustellung_vergleichen(vorhanden, fingerabdruck), False
