"""The law of the besondere Sicherheitsmassnahmen (§ 31 JVG): its catalogue in the law's words and the review
intervals (R-31-5; the intervals are set by settings, read here)."""

from datetime import datetime

from django.conf import settings
from django.db import models

from kern import fristen


class Massnahmenart(models.TextChoices):
    # § 31 Abs. 2 lit. a–g JVG ("namentlich zulässig").
    ENTZUG_GEGENSTAENDE = "entzug_gegenstaende", "lit. a: Entziehung oder Vorenthaltung von Gegenständen"
    BEOBACHTUNG = "beobachtung", "lit. b: Beobachtung bei Tag und Nacht"
    ABSONDERUNG = "absonderung", "lit. c: Absonderung von den anderen eingewiesenen Personen"
    KONTAKTBESCHRAENKUNG = (
        "kontaktbeschraenkung",
        "lit. d: Vorübergehende Beschränkung des Kontakts zur Aussenwelt",
    )
    AUFENTHALT_IM_FREIEN = (
        "aufenthalt_im_freien",
        "lit. e: Entziehung oder Beschränkung des Aufenthaltes im Freien",
    )
    GESICHERTER_RAUM = (
        "gesicherter_raum",
        "lit. f: Unterbringung in einem besonders gesicherten Raum ohne gefährdende Gegenstände",
    )
    FESSELUNG = "fesselung", "lit. g: Fesselung"


LITERA = {
    Massnahmenart.ENTZUG_GEGENSTAENDE: "a",
    Massnahmenart.BEOBACHTUNG: "b",
    Massnahmenart.ABSONDERUNG: "c",
    Massnahmenart.KONTAKTBESCHRAENKUNG: "d",
    Massnahmenart.AUFENTHALT_IM_FREIEN: "e",
    Massnahmenart.GESICHERTER_RAUM: "f",
    Massnahmenart.FESSELUNG: "g",
}

# § 31 Abs. 5 Satz 2: not permitted against juveniles; R-31-5: reviewed in hours, not days.
ARTEN_F_G = frozenset({Massnahmenart.GESICHERTER_RAUM, Massnahmenart.FESSELUNG})


def paragraph(art: str) -> str:
    """'§ 31 Abs. 2 lit. c JVG' for an art."""
    return f"§ 31 Abs. 2 lit. {LITERA[Massnahmenart(art)]} JVG"


def ueberpruefung_stunden_fg() -> int:
    """R-31-5: review interval of lit. f/g in hours (settings `JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_STUNDEN_FG`)."""
    return settings.JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_STUNDEN_FG


def ueberpruefung_tage() -> int:
    """R-31-5: review interval of the other measures in days (settings `JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_TAGE`)."""
    return settings.JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_TAGE


def ueberpruefung_faellig_ab(art: str, ab: datetime) -> datetime:
    """R-31-5: next review after `ab`: lit. f/g after JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_STUNDEN_FG
    hours (to the minute, DST-safe), the others after JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_TAGE calendar
    days on the Zurich wall clock."""
    if art in ARTEN_F_G:
        return fristen.stundenfrist(ab, ueberpruefung_stunden_fg()).ende
    return fristen.kalendertage_lokal(ab, ueberpruefung_tage()).ende


def intervall_text(art: str) -> str:
    """The review interval as it follows "mindestens": "alle 7 Tage", "alle 24 Stunden", "täglich"."""
    if art in ARTEN_F_G:
        stunden = ueberpruefung_stunden_fg()
        return "stündlich" if stunden == 1 else f"alle {stunden} Stunden"
    tage = ueberpruefung_tage()
    return "täglich" if tage == 1 else f"alle {tage} Tage"


class Massnahmenstatus(models.TextChoices):
    # Before Eröffnung the phase (submitted, approved, rejected) is the Verfügung's status: one source.
    BEANTRAGT = "beantragt", "Beantragt"
    AKTIV = "aktiv", "Aktiv"
    BEENDET = "beendet", "Aufgehoben (beendet)"


class Risiko(models.TextChoices):
    # § 31 Abs. 1: "das Risiko der Flucht, der Eigen- oder Fremdgefährdung oder der Gefährdung einer Sache".
    FLUCHT = "flucht", "Flucht"
    EIGENGEFAEHRDUNG = "eigengefaehrdung", "Eigengefährdung"
    FREMDGEFAEHRDUNG = "fremdgefaehrdung", "Fremdgefährdung"
    SACHGEFAEHRDUNG = "sachgefaehrdung", "Gefährdung einer Sache"


class Ueberpruefungsergebnis(models.TextChoices):
    # § 31 Abs. 5 Satz 1: kept only while a compelling reason exists.
    FORTSETZEN = "fortsetzen", "Zwingender Grund besteht weiter – Massnahme fortsetzen"
    AUFHEBEN = "aufheben", "Kein zwingender Grund mehr – Massnahme aufheben"


class SicherheitsmassnahmenAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    SICHERHEITSMASSNAHME_GENEHMIGEN = (
        "sicherheitsmassnahme_genehmigen",
        "Antrag auf besondere Sicherheitsmassnahme entscheiden (§ 31)",
    )
    SICHERHEITSMASSNAHME_PRUEFEN = (
        "sicherheitsmassnahme_pruefen",
        "Besondere Sicherheitsmassnahme überprüfen (§ 31 Abs. 5)",
    )
