"""The law of § 33 JVG (unmittelbarer Zwang): its catalogues, in the law's words where the law has words, and
the statement deadline (R-33-1; its hours are set by settings, read here)."""

from datetime import datetime

from django.conf import settings
from django.db import models

from kern import fristen

# R-33-1: the change reason of a correction's history row starts with this (the detail page lists them).
KORREKTUR_PRAEFIX = "Korrektur: "


class Protokollstatus(models.TextChoices):
    """Entwurf → eingereicht (by the author, complete) → geprüft (facility management, R-0-4EYES-1).
    A correction of a reviewed protocol sends it back to eingereicht: the review no longer covers it."""

    ENTWURF = "entwurf", "Entwurf"
    EINGEREICHT = "eingereicht", "eingereicht, Prüfung offen"
    GEPRUEFT = "geprueft", "geprüft"


# § 33 Abs. 1 lit. a–c JVG: the purposes for which direct force may be used (one boolean field each).
ZWECKE: dict[str, tuple[str, str]] = {
    "zweck_a": ("a", "lit. a: um Personen vor einer erheblichen Gefahr zu schützen"),
    "zweck_b": (
        "b",
        "lit. b: um die Flucht von eingewiesenen Personen zu verhindern oder um flüchtige Personen zu ergreifen",
    ),
    "zweck_c": (
        "c",
        "lit. c: um die betriebliche Sicherheit und Ordnung aufrechtzuerhalten oder wieder herzustellen",
    ),
}


class Subsidiaritaet(models.TextChoices):
    """§ 33 Abs. 2 JVG: force only when other measures failed or are not available."""

    VERSAGT = "versagt", "Andere Massnahmen haben versagt"
    NICHT_VERFUEGBAR = "nicht_verfuegbar", "Andere Massnahmen standen nicht zur Verfügung"


class Zwangsmittel(models.TextChoices):
    """Techniques and equipment (several per protocol). Fesselung here lasts only as long as the force
    itself (§ 33 Abs. 3); kept on afterwards it is a § 31 Abs. 2 lit. g measure with its own order."""

    FESTHALTEN = "festhalten", "Festhalten / Körperkraft"
    HALTETECHNIK = "haltetechnik", "Hebel- oder Haltetechnik"
    TRANSPORTTECHNIK = "transporttechnik", "Transport- oder Führtechnik"
    BODENLAGE = "bodenlage", "Fixierung in Bodenlage"
    HANDSCHELLEN = "handschellen", "Fesselung mit Handschellen"
    FUSSFESSELN = "fussfesseln", "Fesselung der Füsse"
    GURTFIXIERUNG = "gurtfixierung", "Gurtfixierung"
    SCHUTZSCHILD = "schutzschild", "Schutzschild"
    SCHUTZAUSRUESTUNG = "schutzausruestung", "Interventionsgruppe mit Schutzausrüstung"
    PFEFFERSPRAY = "pfefferspray", "Pfefferspray (Reizstoff)"
    MEHRZWECKSTOCK = "mehrzweckstock", "Mehrzweckstock"
    ANDERES = "anderes", "Anderes (in der Beschreibung genannt)"


FESSELUNG = frozenset({Zwangsmittel.HANDSCHELLEN, Zwangsmittel.FUSSFESSELN, Zwangsmittel.GURTFIXIERUNG})


class Verletzung(models.TextChoices):
    """An explicit answer per group of people: "keine" is an answer, an empty field is not."""

    KEINE = "keine", "keine Verletzung"
    VERLETZT = "verletzt", "verletzt"


# The three groups whose injuries the protocol records: field prefix → label.
VERLETZUNGSGRUPPEN: dict[str, str] = {
    "verletzung_person": "eingewiesene Person",
    "verletzung_personal": "Personal",
    "verletzung_dritte": "Dritte",
}


class Arztkontrolle(models.TextChoices):
    DURCHGEFUEHRT = "durchgefuehrt", "angeboten und durchgeführt"
    ABGELEHNT = "abgelehnt", "angeboten, von der Person abgelehnt"


class Einsatzfunktion(models.TextChoices):
    """The role of an involved staff member in the incident."""

    EINSATZLEITUNG = "einsatzleitung", "Einsatzleitung"
    AUSFUEHREND = "ausfuehrend", "Zwang ausgeübt"
    SICHERUNG = "sicherung", "Unterstützung / Sicherung"
    DOKUMENTATION = "dokumentation", "Dokumentation / Kamera"
    BEOBACHTUNG = "beobachtung", "Beobachtung (Zeuge/Zeugin)"


class Pruefergebnis(models.TextChoices):
    RECHTMAESSIG = "rechtmaessig", "rechtmässig"
    BEANSTANDET = "beanstandet", "beanstandet"


class ZwangAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    ZWANG_STELLUNGNAHME = "zwang_stellungnahme", "Stellungnahme zum Zwangsprotokoll abgeben (§ 33 Abs. 4)"
    ZWANG_PRUEFUNG = "zwang_pruefung", "Zwangsprotokoll prüfen (§ 33 Abs. 4)"


def stellungnahme_stunden() -> int:
    """R-33-1: hours after submission within which every involved staff member states (settings
    `JVG_ZWANG_STELLUNGNAHME_STUNDEN`)."""
    return settings.JVG_ZWANG_STELLUNGNAHME_STUNDEN


def stellungnahme_frist(eingereicht_am: datetime) -> fristen.Fristergebnis:
    """R-33-1: statements are due JVG_ZWANG_STELLUNGNAHME_STUNDEN hours after submission, to the minute
    (R-0-FRIST-3: hours in Europe/Zurich across DST)."""
    return fristen.stundenfrist(eingereicht_am, stellungnahme_stunden())
