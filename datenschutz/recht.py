"""The catalogues and periods of the data-protection module (§§ 22, 23 JVG): mandates and specialities of
experts (§ 22), recipients, purposes and offence gravity of § 23, and the default end of an assessment's
access (`JVG_FACHPERSON_ZUGRIFF_MONATE`)."""

from datetime import date

from django.conf import settings
from django.db import models

from kern import fristen


class Mandatsart(models.TextChoices):
    # § 22: "mit einer Begutachtung oder Behandlung betraut"
    BEGUTACHTUNG = "begutachtung", "Begutachtung"
    BEHANDLUNG = "behandlung", "Behandlung"


class Fachrichtung(models.TextChoices):
    # § 22: Psychiaterinnen und Psychiater, Ärztinnen und Ärzte, Psychologinnen und Psychologen, andere
    PSYCHIATRIE = "psychiatrie", "Psychiatrie"
    MEDIZIN = "medizin", "Medizin (Ärztin/Arzt)"
    PSYCHOLOGIE = "psychologie", "Psychologie"
    ANDERE = "andere", "Andere Fachperson"


class Empfaengerart(models.TextChoices):
    # § 23 Abs. 2: "namentlich mit Schuldenberatungsstellen, Arbeitsvermittlungsstellen, Krankenversicherungen,
    # Arbeitgebern, Wohnungsvermietern, Opfern oder Familienangehörigen"
    SCHULDENBERATUNG = "schuldenberatung", "Schuldenberatungsstelle"
    ARBEITSVERMITTLUNG = "arbeitsvermittlung", "Arbeitsvermittlungsstelle"
    KRANKENVERSICHERUNG = "krankenversicherung", "Krankenversicherung"
    ARBEITGEBER = "arbeitgeber", "Arbeitgeber/in"
    VERMIETER = "vermieter", "Wohnungsvermieter/in"
    OPFER = "opfer", "Opfer"
    FAMILIE = "familie", "Familienangehörige"
    ANDERE = "andere", "Andere Dritte"


class Kontaktzweck(models.TextChoices):
    # § 23 Abs. 2: a contact without consent only "sofern dies zur Resozialisierung oder Rückfallverhinderung
    # der betreuten Person wesentlich beiträgt"
    RESOZIALISIERUNG = "resozialisierung", "Resozialisierung"
    RUECKFALLVERHINDERUNG = "rueckfallverhinderung", "Rückfallverhinderung"


class Deliktsschwere(models.TextChoices):
    # § 23 Abs. 3: "ein von Amtes wegen zu verfolgendes Vergehen oder Verbrechen" (Art. 10 StGB)
    VERBRECHEN = "verbrechen", "Verbrechen (Art. 10 Abs. 2 StGB)"
    VERGEHEN = "vergehen", "Vergehen (Art. 10 Abs. 3 StGB)"


class DatenschutzAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    AUSKUNFT_ERTEILEN = "auskunft", "Auskunftsgesuch der betroffenen Person beantworten"


def standard_ende(ab: date) -> date:
    """The default end of an assessment's access (configurable months, Art. 77 OR counting)."""
    return fristen.monatsfrist(ab, settings.JVG_FACHPERSON_ZUGRIFF_MONATE).ende


STAATSANWALTSCHAFT = "Staatsanwaltschaft des Kantons Luzern"
