"""Choices of the cost module (§§ 46–50 JVG), in the law's words."""

from django.db import models


class Zahler(models.TextChoices):
    """Who pays a cost (R-KOST-1: every item has one payer)."""

    KANTON = "kanton", "Kanton Luzern"
    PERSON = "person", "Eingewiesene Person"
    SOZIALHILFE = "sozialhilfe", "Sozialhilfe der Gemeinde (§ 47 Abs. 2 lit. a)"
    DRITTE = "dritte", "Dritte"
    BUND = "bund", "Bund"
    # § 48 Abs. 2 / Art. 45 JStPO: parents of a juvenile contribute within their duty of maintenance.
    ELTERN = "eltern", "Eltern (Art. 45 JStPO)"


class Kostenkategorie(models.TextChoices):
    """Legal category of a cost item: § 46 Abs. 2 lit. a–d, § 47 Abs. 3 lit. a–l, § 49, § 50."""

    # § 46 Abs. 2: Vollzugskosten, borne by the canton unless third parties pay (R-46-1).
    V46_A = "46a", "§ 46 Abs. 2 lit. a: Unterkunft, Verpflegung, Betreuung, Sicherheit, Arbeit (Kostgeld)"
    V46_B = "46b", "§ 46 Abs. 2 lit. b: Transport (Zuführung, Überstellung)"
    V46_C = "46c", "§ 46 Abs. 2 lit. c: Sicherheitsaufwand im Spital"
    V46_D = "46d", "§ 46 Abs. 2 lit. d: Fahrten zu Einvernahmen, Gericht, Ärzten, Therapie"
    # § 47 Abs. 3: persönliche Auslagen, borne by the person (R-47-1).
    P47_A = "47a", "§ 47 Abs. 3 lit. a: Medizinische Behandlung im Spital"
    P47_B = "47b", "§ 47 Abs. 3 lit. b: Medikamente"
    P47_C = "47c", "§ 47 Abs. 3 lit. c: Medizinische Hilfsmittel"
    P47_D = "47d", "§ 47 Abs. 3 lit. d: Ambulante Therapien ausserhalb der Einrichtung"
    P47_E = "47e", "§ 47 Abs. 3 lit. e: Zahnärztliche Behandlungen"
    P47_F = "47f", "§ 47 Abs. 3 lit. f: Persönliche Effekten"
    P47_G = "47g", "§ 47 Abs. 3 lit. g: Externe Ausbildung"
    P47_H = "47h", "§ 47 Abs. 3 lit. h: Urlaub und Freizeitgestaltung"
    P47_I = "47i", "§ 47 Abs. 3 lit. i: AHV-/IV-Beiträge"
    P47_J = "47j", "§ 47 Abs. 3 lit. j: Krankenkassenprämien, Franchisen, Selbstbehalte"
    P47_K = "47k", "§ 47 Abs. 3 lit. k: Mietzahlungen, Lagerung von Möbeln"
    P47_L = "47l", "§ 47 Abs. 3 lit. l: Alimente, Genugtuungs- und Gerichtskosten"
    # § 49: FU in a facility of the Straf- und Massnahmenvollzug → § 57 EGZGB (R-49-1).
    FU_49 = "49", "§ 49: Fürsorgerische Unterbringung (§ 57 EGZGB)"
    # § 50: ausländerrechtliche Haft, canton unless recharged (R-50-1).
    AUSLAENDERRECHT_50 = "50", "§ 50: Ausländerrechtliche Haft"


VOLLZUGSKOSTEN_46 = frozenset(
    {Kostenkategorie.V46_A, Kostenkategorie.V46_B, Kostenkategorie.V46_C, Kostenkategorie.V46_D}
)
AUSLAGEN_47 = frozenset(k for k in Kostenkategorie if k.value.startswith("47"))


class Kanton(models.TextChoices):
    """Cantons (ISO 3166-2:CH) for the Unterstützungswohnsitz; `AUSLAND` = none in Switzerland."""

    LU = "LU", "Luzern"
    AG = "AG", "Aargau"
    AI = "AI", "Appenzell Innerrhoden"
    AR = "AR", "Appenzell Ausserrhoden"
    BE = "BE", "Bern"
    BL = "BL", "Basel-Landschaft"
    BS = "BS", "Basel-Stadt"
    FR = "FR", "Freiburg"
    GE = "GE", "Genf"
    GL = "GL", "Glarus"
    GR = "GR", "Graubünden"
    JU = "JU", "Jura"
    NE = "NE", "Neuenburg"
    NW = "NW", "Nidwalden"
    OW = "OW", "Obwalden"
    SG = "SG", "St. Gallen"
    SH = "SH", "Schaffhausen"
    SO = "SO", "Solothurn"
    SZ = "SZ", "Schwyz"
    TG = "TG", "Thurgau"
    TI = "TI", "Tessin"
    UR = "UR", "Uri"
    VD = "VD", "Waadt"
    VS = "VS", "Wallis"
    ZG = "ZG", "Zug"
    ZH = "ZH", "Zürich"
    AUSLAND = "--", "kein Unterstützungswohnsitz in der Schweiz"


class Beteiligungsgrundlage(models.TextChoices):
    """§ 48 / Art. 380 Abs. 2 StGB: from what the person participates."""

    ARBEITSLEISTUNG = "arbeitsleistung", "Verrechnung mit der Arbeitsleistung (Art. 380 Abs. 2 lit. a StGB)"
    EINKOMMEN_VERMOEGEN = "einkommen_vermoegen", "Einkommen und Vermögen bei Arbeitsverweigerung (lit. b)"
    EXTERNAT = "externat", "Anteil am Einkommen in Halbgefangenschaft/Arbeitsexternat (lit. c)"


class Zeilenart(models.TextChoices):
    KOSTGELD = "kostgeld", "Vollzugskosten (Kostgeld)"
    POSITION = "position", "Kostenposition"
    BETEILIGUNG = "beteiligung", "Kostenbeteiligung (§ 48)"


class KostenAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    KOSTEN_PRUEFEN = "kosten_pruefen", "Kostenposition prüfen (§§ 46–50)"
