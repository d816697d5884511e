"""The law of §§ 25, 26, 28 and 32 JVG: its catalogues (in the law's words), durations and deadlines."""

from datetime import datetime

from django.conf import settings
from django.db import models

from kern import fristen
from vollzug.recht import Sanktionsart

# § 25 Abs. 2: "innert 48 Stunden seit der Festnahme" — fixed by the law, not configurable.
ANTRAG_FRIST_STUNDEN = 48


def antragsfrist(festnahme_am: datetime) -> fristen.Fristergebnis:
    """R-25-2, R-0-FRIST-3: 48 hours after the arrest, to the minute in Europe/Zurich across DST."""
    return fristen.stundenfrist(festnahme_am, ANTRAG_FRIST_STUNDEN)


def erinnerung_stunden() -> list[int]:
    """R-25-2: hours after the arrest at which the reminders fall due; the last one escalates
    (settings `JVG_SICHERHEITSHAFT_ERINNERUNG_STUNDEN`, within the 48 hours of § 25 Abs. 2)."""
    return list(settings.JVG_SICHERHEITSHAFT_ERINNERUNG_STUNDEN)


# § 26 speaks of "die freiheitsentziehende Massnahme": the sanctions of § 1 that are such measures.
FREIHEITSENTZIEHENDE_MASSNAHMEN = frozenset(
    {Sanktionsart.STATIONAERE_MASSNAHME, Sanktionsart.VERWAHRUNG, Sanktionsart.JUGEND_SCHUTZMASSNAHME}
)


class Haftvariante(models.TextChoices):
    # § 25 Abs. 1: the authority arrests before or with the start of the post-judgment procedure;
    # § 25 Abs. 3: grounds learnt after the procedure started → request to the Verfahrensleitung.
    EIGENE_ANORDNUNG = "abs1", "Anordnung durch die Vollzugsbehörde (§ 25 Abs. 1)"
    ANTRAG_VERFAHRENSLEITUNG = "abs3", "Antrag an die Verfahrensleitung (§ 25 Abs. 3)"


class Nachverfahren(models.TextChoices):
    # Art. 363 ff. StPO: selbständige nachträgliche Entscheide des Gerichts (examples of the StGB).
    RUECKVERSETZUNG = "rueckversetzung", "Rückversetzung in den Straf- oder Massnahmenvollzug"
    FREIHEITSSTRAFE = "freiheitsstrafe", "Anordnung einer Freiheitsstrafe (z. B. Art. 36, 95 StGB)"
    MASSNAHME = "massnahme", "Anordnung einer freiheitsentziehenden Massnahme (z. B. Art. 62c, 65 StGB)"
    ANDERES = "anderes", "anderer nachträglicher richterlicher Entscheid (Art. 363 ff. StPO)"


class Haftstatus(models.TextChoices):
    IN_HAFT = "in_haft", "In Haft, Verlängerungsantrag ausstehend"
    BEANTRAGT = "beantragt", "Verlängerung beantragt"
    BESTAETIGT = "bestaetigt", "Verlängerung bewilligt"
    BEENDET = "beendet", "Beendet"


class GerichtEntscheid(models.TextChoices):
    BESTAETIGT = "bestaetigt", "Verlängerung bewilligt"
    ABGELEHNT = "abgelehnt", "Verlängerung abgelehnt (Entlassung)"


class Gefaehrdung(models.TextChoices):
    # § 26: "zu einer erheblichen Gefährdung der Öffentlichkeit oder des Massnahmenzweckes"
    OEFFENTLICHKEIT = "oeffentlichkeit", "erhebliche Gefährdung der Öffentlichkeit"
    MASSNAHMENZWECK = "massnahmenzweck", "erhebliche Gefährdung des Massnahmenzweckes"


class Kontrollart(models.TextChoices):
    # § 28 Abs. 1 (Durchsuchung), Abs. 2 (Leibesvisitation, Art. 85 Abs. 2 StGB), Abs. 3 (Kontrollen)
    EFFEKTEN = "effekten", "Durchsuchung der persönlichen Effekten (§ 28 Abs. 1)"
    UNTERKUNFT = "unterkunft", "Durchsuchung der Unterkunft (§ 28 Abs. 1)"
    LEIBESVISITATION = "leibesvisitation", "Leibesvisitation (§ 28 Abs. 2, Art. 85 Abs. 2 StGB)"
    ATEMLUFT = "atemluft", "Atemluftkontrolle (§ 28 Abs. 3)"
    URIN = "urin", "Urinkontrolle (§ 28 Abs. 3)"
    BLUT = "blut", "Blutkontrolle (§ 28 Abs. 3)"
    HAAR = "haar", "Haarkontrolle (§ 28 Abs. 3)"


DURCHSUCHUNGEN = frozenset({Kontrollart.EFFEKTEN, Kontrollart.UNTERKUNFT})
TESTS = frozenset({Kontrollart.ATEMLUFT, Kontrollart.URIN, Kontrollart.BLUT, Kontrollart.HAAR})


class Kontrollstatus(models.TextChoices):
    BEANTRAGT = "beantragt", "Beantragt (Anordnung durch Anstaltsleitung ausstehend)"
    ANGEORDNET = "angeordnet", "Angeordnet"
    ABGELEHNT = "abgelehnt", "Abgelehnt"
    DURCHGEFUEHRT = "durchgefuehrt", "Durchgeführt"


class Kontrollergebnis(models.TextChoices):
    UNAUFFAELLIG = "unauffaellig", "unauffällig / negativ"
    FUND = "fund", "Fund / positiv"
    VERWEIGERT = "verweigert", "verweigert"


class Abwesenheitsart(models.TextChoices):
    # § 32 Abs. 1
    ENTWICHEN = "entwichen", "Entweichung"
    UNERLAUBT_ABWESEND = "abwesend", "Unerlaubte Abwesenheit (z. B. nicht zurück aus Urlaub)"


class Zufuehrungsart(models.TextChoices):
    POLIZEI = "polizei", "Festnahme durch die Polizei"
    PERSONAL = "personal", "Festnahme durch Personal der Einrichtung (§ 32 Abs. 2)"
    FREIWILLIG = "freiwillig", "Freiwillige Rückkehr"


class ZwangsmassnahmenAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    SICHERHEITSHAFT_ANTRAG = (
        "sicherheitshaft_antrag",
        "Verlängerung der Sicherheitshaft beim Zwangsmassnahmengericht beantragen (§ 25 Abs. 2)",
    )
    FESTNAHME = "festnahme", "Festnahme und Zuführung anordnen (§ 32)"
