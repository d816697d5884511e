"""The law of the costs (§§ 46–50 JVG) in one place: payers and legal categories (§ 46 Abs. 2, § 47
Abs. 3, §§ 49, 50), the cantons, the bases of a participation (§ 48), who may carry which category
(R-46-1, R-47-1/-2, R-49-1, R-50-1), and the money rules of R-KOST-1: `Decimal` CHF to the Rappen, never
float; only the final amount payable is rounded, half-up to 0.05 CHF; Swiss formatting `CHF 1'234.55`."""

from __future__ import annotations

from django.db import models

from kern import geld as geld_regeln


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


# R-KOST-1's money rules (Decimal to the Rappen, 5-Rappen rounding of the amount payable, de-CH format) live
# once in the kernel, shared with inkasso (issue 22); re-exported here as kosten's law constants.
RAPPEN, FUENF_RAPPEN = geld_regeln.RAPPEN, geld_regeln.FUENF_RAPPEN
geld, zahlbetrag_runden, chf = geld_regeln.geld, geld_regeln.zahlbetrag_runden, geld_regeln.chf


# Who may carry an item of each category when nothing is subsidiary (R-46-1, R-47-1, R-49-1, R-50-1).
ERLAUBTE_ZAHLER = {
    **{k: {Zahler.KANTON, Zahler.DRITTE, Zahler.BUND} for k in VOLLZUGSKOSTEN_46},
    **{k: {Zahler.PERSON, Zahler.DRITTE} for k in AUSLAGEN_47},
    Kostenkategorie.FU_49: {Zahler.PERSON, Zahler.DRITTE, Zahler.KANTON},
    Kostenkategorie.AUSLAENDERRECHT_50: {Zahler.KANTON, Zahler.PERSON, Zahler.BUND, Zahler.DRITTE},
}
STANDARDZAHLER = {
    **{k: Zahler.KANTON for k in VOLLZUGSKOSTEN_46},
    **{k: Zahler.PERSON for k in AUSLAGEN_47},
    Kostenkategorie.FU_49: Zahler.PERSON,
    Kostenkategorie.AUSLAENDERRECHT_50: Zahler.KANTON,
}
# Categories social assistance may carry subsidiarily: § 47 Abs. 2 (and § 57 EGZGB for FU costs).
SUBSIDIAER_MOEGLICH = AUSLAGEN_47 | {Kostenkategorie.FU_49}


ABSCHREIBBAR = (Zahler.PERSON, Zahler.DRITTE, Zahler.BUND, Zahler.ELTERN)


GRUNDLAGE_BUCHSTABE = {
    Beteiligungsgrundlage.ARBEITSLEISTUNG: "a",
    Beteiligungsgrundlage.EINKOMMEN_VERMOEGEN: "b",
    Beteiligungsgrundlage.EXTERNAT: "c",
}
