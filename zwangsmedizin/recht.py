"""The law of Zwangsmedikation and Zwangsernährung (§§ 34–39 JVG): its catalogues in the law's words, which
measures qualify for § 38, and the review period of § 38 Abs. 4 (set by settings, read here)."""

import re

from django.conf import settings
from django.db import models

from vollzug.recht import Sanktionsart

# § 38 Abs. 1 names Art. 59 StGB (stationary therapeutic measure) and Art. 63 (outpatient). Our sanction
# kind STATIONAERE_MASSNAHME covers Art. 59–61: a sanction whose note names Art. 60 (addiction) or
# Art. 61 (young adults) is not an Art. 59 measure and does not qualify.
_ART_60_61 = re.compile(r"\bArt\.?\s*6[01]\b", re.IGNORECASE)
SANKTIONEN_38 = (Sanktionsart.STATIONAERE_MASSNAHME, Sanktionsart.AMBULANTE_MASSNAHME)


def sanktion_ist_massnahme_59_63(art: str, bemerkung: str) -> bool:
    """R-38-1: an Art. 63 measure always; a stationary measure unless its note names Art. 60 or 61 StGB."""
    if art == Sanktionsart.AMBULANTE_MASSNAHME:
        return True
    return art == Sanktionsart.STATIONAERE_MASSNAHME and not _ART_60_61.search(bemerkung or "")


def ueberpruefung_38_monate() -> int:
    """R-38-1 (§ 38 Abs. 4): months after the order within which a long-term measure-indicated forced
    medication is reviewed and re-ordered (settings `JVG_ZWANGSMEDIKATION_38_UEBERPRUEFUNG_MONATE`)."""
    return settings.JVG_ZWANGSMEDIKATION_38_UEBERPRUEFUNG_MONATE


class Medikationsart(models.TextChoices):
    # § 34–37: the ordinary forced medication; § 38: indicated by an Art. 59/63 StGB measure.
    ORDENTLICH = "ordentlich", "Zwangsmedikation (§§ 35–37 JVG)"
    MASSNAHMENINDIZIERT = "massnahmenindiziert", "Massnahmenindizierte Zwangsmedikation (§ 38 JVG)"


class Anordnungsweg(models.TextChoices):
    # § 36 Abs. 1: the authority decides on report and request; Abs. 2: in urgency the physician decides.
    ANTRAG = "antrag", "Bericht und Antrag an die Vollzugsbehörde (§ 36 Abs. 1)"
    DRINGLICH = "dringlich", "Dringlicher Entscheid der Ärztin/des Arztes (§ 36 Abs. 2)"


class Grund35(models.TextChoices):
    # § 35 Abs. 2 lit. a–c JVG, wording of the law.
    A = "a", "a) Verhalten gefährdet die eigene Sicherheit oder Gesundheit schwerwiegend"
    B = "b", "b) unmittelbare Gefahr für Leib und Leben Dritter abwenden"
    C = (
        "c",
        (
            "c) schwerwiegende Störung des Zusammenlebens (massive soziale Auffälligkeit oder erhebliches "
            "destruktives Potenzial) beseitigen"
        ),
    )


class Medikationsstatus(models.TextChoices):
    BEANTRAGT = "beantragt", "Beantragt (Entscheid der Behörde offen)"
    DRINGLICH_ANGEORDNET = "dringlich", "Dringlich ärztlich angeordnet (Nachprüfung offen)"
    ANGEORDNET = "angeordnet", "Angeordnet"
    ABGELEHNT = "abgelehnt", "Antrag abgelehnt"
    NICHT_BESTAETIGT = "nicht_bestaetigt", "Dringliche Anordnung nicht bestätigt"
    BEENDET = "beendet", "Beendet"
    ERSETZT = "ersetzt", "Durch Neuanordnung ersetzt (§ 38 Abs. 4)"


# States in which the medication may be carried out.
WIRKSAME_STATUS = (Medikationsstatus.DRINGLICH_ANGEORDNET, Medikationsstatus.ANGEORDNET)
# States in which the request still waits for the authority.
OFFENE_STATUS = (Medikationsstatus.BEANTRAGT, Medikationsstatus.DRINGLICH_ANGEORDNET)


class Nachpruefung(models.TextChoices):
    # § 36 Abs. 2, R-36-1: the authority reviews an urgent decision afterwards.
    BESTAETIGT = "bestaetigt", "Bestätigt"
    NICHT_BESTAETIGT = "nicht_bestaetigt", "Nicht bestätigt"


class Hungerstreikstatus(models.TextChoices):
    LAUFEND = "laufend", "Laufend"
    ANGEORDNET = "angeordnet", "Zwangsernährung angeordnet (§ 39 Abs. 3)"
    BEENDET = "beendet", "Beendet"


class Zustand39(models.TextChoices):
    # § 39 Abs. 3: loss of consciousness or incapacity of judgment, as assessed by the physician.
    BEWUSSTLOS = "bewusstlos", "Bewusstseinsverlust"
    URTEILSUNFAEHIG = "urteilsunfaehig", "Urteilsunfähigkeit"


class ZwangsmedizinAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    ZWANGSMEDIKATION_ANTRAG = (
        "zwangsmedikation_antrag",
        "Antrag auf Zwangsmedikation entscheiden (§ 36 Abs. 1)",
    )
    ZWANGSMEDIKATION_PRUEFEN = (
        "zwangsmedikation_pruefen",
        "Dringliche Zwangsmedikation nachträglich prüfen (§ 36 Abs. 2)",
    )
    ZWANGSMEDIKATION_NEU_ANORDNEN = (
        "zwangsmedikation_neu",
        "Massnahmenindizierte Zwangsmedikation überprüfen und neu anordnen (§ 38 Abs. 4)",
    )
    ANGEHOERIGE_INFORMIEREN = "angehoerige_informieren", "Angehörige informieren (§ 37 Abs. 1)"
    ZWANGSERNAEHRUNG_ENTSCHEIDEN = "zwangsernaehrung", "Zwangsernährung entscheiden (§ 39 Abs. 3)"
