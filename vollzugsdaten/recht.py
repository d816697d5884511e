"""The numbers and consequences of the StGB that this app executes (§ 2 Abs. 1 lit. a and f, § 4 JVG).

Federal law: none of these numbers is configurable (RULEBOOK section 7). Only the lead time of the
ex-officio examination before two thirds (R-STGB-86-2, default three months) and the lead time of the
application to the court before a measure's maximum ends are the authority's choice (settings).
"""

from django.db import models

# Art. 86 Abs. 3 StGB (R-STGB-86-3): after a refusal, examined again at least once a year.
NEUPRUEFUNG_MONATE = 12
# R-STGB-86-2: the lead time of the ex-officio examination may be set per case, with reasons, within
# one to twelve months (system default: settings.JVG_BEDINGTE_ENTLASSUNG_VORLAUF_MONATE).
VORLAUF_MIN_MONATE = 1
VORLAUF_MAX_MONATE = 12
# Art. 87 Abs. 1 StGB (R-STGB-87-1): Probezeit of one to five years.
PROBEZEIT_MIN_JAHRE = 1
PROBEZEIT_MAX_JAHRE = 5


class Massnahmenartikel(models.TextChoices):
    ART_59 = "59", "Behandlung psychischer Störungen (Art. 59 StGB)"
    ART_60 = "60", "Suchtbehandlung (Art. 60 StGB)"
    ART_61 = "61", "Massnahme für junge Erwachsene (Art. 61 StGB)"
    ART_63 = "63", "Ambulante Behandlung (Art. 63 StGB)"
    ART_64 = "64", "Verwahrung (Art. 64 StGB)"


class Beginnherkunft(models.TextChoices):
    """Where a measure's start comes from (BGE 145 IV 65 E. 2.7.1; Art. 64 Abs. 2 StGB)."""

    RECHTSKRAFT = "rechtskraft", "Rechtskraft des anordnenden Entscheids"
    EINTRITT = "eintritt", "Eintritt in die Einrichtung (aus der Freiheit angetreten)"
    STRAFENDE = "strafende", "Tag nach dem Strafende (Art. 64 Abs. 2 StGB)"
    GERICHT = "gericht", "Entscheid des Gerichts (Ersatz der Massnahme)"
    MANUELL = "manuell", "Von Hand festgelegt, mit Begründung"


STATIONAER = frozenset({Massnahmenartikel.ART_59, Massnahmenartikel.ART_60, Massnahmenartikel.ART_61})

# R-STGB-MAX-1: maximum duration in years and how a court may extend it (years per extension, how often).
# Art. 59 Abs. 4: 5 years, extendable by at most 5 years each time; Art. 60 Abs. 4: 3 years, once by
# 1 year; Art. 61 Abs. 4: 4 years, no extension; Art. 63 Abs. 4: 5 years, by 1 to 5 years each time.
HOECHSTDAUER_JAHRE = {
    Massnahmenartikel.ART_59: 5,
    Massnahmenartikel.ART_60: 3,
    Massnahmenartikel.ART_61: 4,
    Massnahmenartikel.ART_63: 5,
}
VERLAENGERUNG_MAX_JAHRE = {
    Massnahmenartikel.ART_59: 5,
    Massnahmenartikel.ART_60: 1,
    Massnahmenartikel.ART_61: 0,
    Massnahmenartikel.ART_63: 5,
}
VERLAENGERUNGEN_HOECHSTENS = {Massnahmenartikel.ART_60: 1, Massnahmenartikel.ART_61: 0}  # others: repeatedly
HOECHSTDAUER_PARAGRAPH = {
    Massnahmenartikel.ART_59: "Art. 59 Abs. 4 StGB",
    Massnahmenartikel.ART_60: "Art. 60 Abs. 4 StGB",
    Massnahmenartikel.ART_61: "Art. 61 Abs. 4 StGB",
    Massnahmenartikel.ART_63: "Art. 63 Abs. 4 StGB",
}

# R-STGB-62D-1: stationary measures examined at least once a year (Art. 62d Abs. 1 StGB).
PRUEFUNG_62D_MONATE = 12
# R-STGB-64B-1: Verwahrung: conditional release yearly, the first time after two years (Art. 64b Abs. 1
# lit. a); change to a therapeutic measure at least every two years (lit. b).
PRUEFUNG_64B_ERSTMALS_MONATE = 24
PRUEFUNG_64B_MONATE = 12
THERAPIEPRUEFUNG_64B_MONATE = 24


class Pruefungsart(models.TextChoices):
    ART_62D = "62d", "Bedingte Entlassung / Aufhebung (Art. 62d Abs. 1 StGB)"
    ART_64B_A = "64b_a", "Bedingte Entlassung aus der Verwahrung (Art. 64b Abs. 1 lit. a StGB)"
    ART_64B_B = "64b_b", "Therapeutische Massnahme statt Verwahrung (Art. 64b Abs. 1 lit. b StGB)"


class Antragsart(models.TextChoices):
    # § 4 Abs. 1 JVG (R-4-1): decisions reserved to a court.
    VERLAENGERUNG = "verlaengerung", "Verlängerung der Massnahme (Art. 59 Abs. 4, 60 Abs. 4, 63 Abs. 4 StGB)"
    AENDERUNG = "aenderung", "Änderung der Sanktion (Art. 62c, 63a StGB)"
    NACHTRAEGLICH = "nachtraeglich", "Andere nachträgliche Anordnung (Art. 65 StGB)"


class Entscheidfolge(models.TextChoices):
    # What the court decided on a change application (Art. 62c, 63a, 65 StGB; § 4 Abs. 1 JVG).
    AUFGEHOBEN = "aufgehoben", "Massnahme aufgehoben (Art. 62c Abs. 1, 63a Abs. 2 StGB)"
    ERSETZT = "ersetzt", "Durch eine andere Massnahme ersetzt (Art. 62c Abs. 3, 4 und 6, 63b, 65 StGB)"


class Antwort(models.TextChoices):
    GUTGEHEISSEN = "gutgeheissen", "gutgeheissen"
    TEILWEISE = "teilweise", "teilweise gutgeheissen"
    ABGEWIESEN = "abgewiesen", "abgewiesen"


class Pruefungsstatus(models.TextChoices):
    OFFEN = "offen", "Offen"
    BERICHT_ANGEFORDERT = "bericht_angefordert", "Bericht der Einrichtung angefordert"
    ENTSCHEID_ENTWORFEN = "entscheid_entworfen", "Verfügung entworfen"
    ENTSCHIEDEN = "entschieden", "Entschieden"


class Ergebnis(models.TextChoices):
    GEWAEHRT = "gewaehrt", "Bedingte Entlassung gewährt"
    VERWEIGERT = "verweigert", "Bedingte Entlassung verweigert"


class VollzugsdatenAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    BERICHT_86 = "bericht_86", "Bericht zur bedingten Entlassung erstellen (Art. 86 Abs. 2 StGB)"


AUFGABEN_REGELN = {VollzugsdatenAufgabenart.BERICHT_86: "R-STGB-86-2"}
