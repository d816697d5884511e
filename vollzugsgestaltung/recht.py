"""The law's numbers and catalogues of this app (StGB articles the JVG executes; §§ 16, 19, 43, 51 JVG).

Federal numbers are not configurable (RULEBOOK section 7). Durations of sentences are compared in days:
the duration *to be executed* (after the court's credit, Art. 51 StGB) is entered in days; the limits
of the StGB given in months are converted with the convention stated here (12 months = 365 days,
6 months = 180 days), so a sentence of exactly "12 Monate" (365 days) still qualifies.
"""

from django.db import models

# --- Vollzugsöffnungen (Art. 75a, 77a, 84 Abs. 6 StGB; § 43 Abs. 3 JVG) -----------------------------


class Oeffnungsart(models.TextChoices):
    AUSGANG = "ausgang", "Ausgang (Art. 84 Abs. 6 StGB)"
    URLAUB = "urlaub", "Urlaub (Art. 84 Abs. 6 StGB)"
    ARBEITSEXTERNAT = "arbeitsexternat", "Arbeitsexternat (Art. 77a StGB)"
    WOHN_ARBEITSEXTERNAT = "wohn_arbeitsexternat", "Wohn- und Arbeitsexternat (Art. 77a Abs. 2 StGB)"


class Vollzugsgrundlage(models.TextChoices):
    # What the person is executing: decides § 43 Abs. 3 JVG (Art. 59, Art. 64, lifelong).
    FREIHEITSSTRAFE = "freiheitsstrafe", "Freiheitsstrafe (befristet)"
    LEBENSLAENGLICH = "lebenslaenglich", "Lebenslängliche Freiheitsstrafe"
    ART_59 = "art_59", "Stationäre therapeutische Massnahme (Art. 59 StGB)"
    ART_60_61 = "art_60_61", "Suchtbehandlung / Massnahme für junge Erwachsene (Art. 60, 61 StGB)"
    ART_64 = "art_64", "Verwahrung (Art. 64 StGB)"


# § 43 Abs. 3 JVG: an appeal against an opening decision in these cases → the Staatsanwaltschaft comments.
STELLUNGNAHME_STA_BEI = frozenset(
    {Vollzugsgrundlage.LEBENSLAENGLICH, Vollzugsgrundlage.ART_59, Vollzugsgrundlage.ART_64}
)


class Oeffnungsstatus(models.TextChoices):
    BEANTRAGT = "beantragt", "Beantragt"
    BEWILLIGT = "bewilligt", "Bewilligt"
    ABGELEHNT = "abgelehnt", "Abgelehnt"
    ANGETRETEN = "angetreten", "Angetreten"
    ZURUECKGEKEHRT = "zurueckgekehrt", "Zurückgekehrt"
    NICHT_ZURUECKGEKEHRT = "nicht_zurueckgekehrt", "Nicht zurückgekehrt"


class Fachkommissionsergebnis(models.TextChoices):
    # Art. 75a Abs. 1 StGB: the Konkordat's Fachkommission assesses the Gemeingefährlichkeit.
    BEFUERWORTET = "befuerwortet", "befürwortet"
    MIT_AUFLAGEN = "mit_auflagen", "befürwortet mit Auflagen"
    ABGELEHNT = "abgelehnt", "nicht befürwortet"


# --- Besondere Vollzugsformen (§ 16 JVG; Art. 77b, 79a, 79b StGB) ------------------------------------


class Vollzugsform16(models.TextChoices):
    HALBGEFANGENSCHAFT = "halbgefangenschaft", "Halbgefangenschaft (Art. 77b StGB)"
    ELECTRONIC_MONITORING = "electronic_monitoring", "Electronic Monitoring (Art. 79b StGB)"
    GEMEINNUETZIGE_ARBEIT = "gemeinnuetzige_arbeit", "Gemeinnützige Arbeit (Art. 79a StGB)"


class Formstatus(models.TextChoices):
    ABKLAERUNG = "abklaerung", "Voraussetzungen in Abklärung"
    BEFOHLEN = "befohlen", "Vollzugsbefehl erlassen"
    ABGELEHNT = "abgelehnt", "Abgelehnt"
    ERFUELLT = "erfuellt", "Vollzogen / geleistet"
    UMGEWANDELT = "umgewandelt", "In die Sanktion zurückgewandelt (Art. 79a Abs. 6 StGB)"


# Upper limits of the sentence to be executed, in days (convention above).
HALBGEFANGENSCHAFT_MAX_TAGE = 365  # Art. 77b Abs. 1 StGB: höchstens zwölf Monate
EM_MIN_TAGE = 20  # Art. 79b Abs. 1 lit. a StGB: 20 Tage …
EM_MAX_TAGE = 365  # … bis zwölf Monate
GA_MAX_TAGE = 180  # Art. 79a Abs. 1 lit. a StGB: Freiheitsstrafe von nicht mehr als sechs Monaten
GA_STUNDEN_PRO_TAG = 4  # Art. 79a Abs. 4 StGB: vier Stunden = ein Tag / ein Tagessatz
GA_FRIST_MAX_MONATE = 24  # Art. 79a Abs. 5 StGB: Frist von höchstens zwei Jahren
GA_STUNDEN_PRO_EINTRAG_MAX = 24  # one log entry covers one day's work

# --- Bewährungshilfe (§ 2 Abs. 1 lit. e, § 19 JVG; Art. 87, 93–95 StGB) -------------------------------


class Bewaehrungsanlass(models.TextChoices):
    BEDINGTE_ENTLASSUNG = "bedingte_entlassung", "Bedingte Entlassung (Art. 86, 87 StGB)"
    BEDINGTE_STRAFE = "bedingte_strafe", "Bedingte / teilbedingte Strafe (Art. 44 StGB)"


class Eintragsart(models.TextChoices):
    KONTAKT = "kontakt", "Kontakt / Gespräch"
    BERICHT = "bericht", "Bericht"
    KONTROLLE = "kontrolle", "Weisungskontrolle"


PROBEZEIT_MIN_JAHRE = 1  # Art. 87 Abs. 1 / Art. 44 Abs. 1 StGB
PROBEZEIT_MAX_JAHRE = 5
KONTROLLINTERVALL_MAX_TAGE = 366  # a control date at least once a year (§ 19 Abs. 1: durchgehende Betreuung)

# --- Begnadigung (§ 51 JVG; Art. 381–383 StGB) ---------------------------------------------------------


class Gnadenstatus(models.TextChoices):
    EINGEREICHT = "eingereicht", "Eingereicht"
    WEITERGELEITET = "weitergeleitet", "An den Kantonsrat weitergeleitet"
    ENTSCHIEDEN = "entschieden", "Vom Kantonsrat entschieden"


class Gnadenentscheid(models.TextChoices):
    GUTGEHEISSEN = "gutgeheissen", "Begnadigung gewährt"
    TEILWEISE = "teilweise", "Teilweise gewährt (Milderung)"
    ABGEWIESEN = "abgewiesen", "Abgewiesen"
    NICHTEINTRETEN = "nichteintreten", "Nicht eingetreten"


KANTONSRAT = "Kantonsrat des Kantons Luzern"


class Aufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    NICHTRUECKKEHR_32 = "nichtrueckkehr_32", "Nichtrückkehr: Entweichung melden (§ 32 JVG)"
    NICHTRUECKKEHR_40 = (
        "nichtrueckkehr_40",
        "Nichtrückkehr: Disziplinarrapport prüfen (§ 40 Abs. 2 lit. b JVG)",
    )
    STELLUNGNAHME_STA = (
        "stellungnahme_sta_43",
        "Beschwerde Vollzugsöffnung: Staatsanwaltschaft (§ 43 Abs. 3 JVG)",
    )
    GERICHTSMELDUNG_95 = "gerichtsmeldung_95", "Weisung missachtet: Meldung an das Gericht (Art. 95 StGB)"


AUFGABEN_REGELN = {
    Aufgabenart.NICHTRUECKKEHR_32: "R-32-1",
    Aufgabenart.NICHTRUECKKEHR_40: "R-40-1",
    Aufgabenart.STELLUNGNAHME_STA: "R-43-3",
    Aufgabenart.GERICHTSMELDUNG_95: "R-19-1",
}
