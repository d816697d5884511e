"""The law's catalogues, limits and limitation periods of the disciplinary law (§§ 40–45 JVG).

§ 40 offences (`Tatbestand`), § 41 sanctions and their maxima, § 41 Abs. 5 limitation (six months) and the
pure functions that derive a date from them. The rest of the app reads the law only from here.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models

from kern import fristen


class Tatbestand(models.TextChoices):
    """§ 40 JVG: the general clause (Abs. 1) and the examples of Abs. 2 lit. a–l (wording of SRL 305)."""

    ALLGEMEIN = (
        "allgemein",
        "§ 40 Abs. 1: schuldhafter Verstoss gegen das Gesetz, dessen Ausführungsbestimmungen, die Hausordnung, "
        "zusätzliche Weisungen oder Anordnungen der Leitung oder des Personals, oder Beeinträchtigung des "
        "Betriebs in anderer Weise",
    )
    A = "a", "lit. a: Ausbruch, Flucht sowie entsprechende Versuche und Vorbereitungshandlungen"
    B = (
        "b",
        "lit. b: unerlaubte Abwesenheiten wie Nichtrückkehr von einer externen Beschäftigung, vom Ausgang "
        "oder Urlaub",
    )
    C = (
        "c",
        "lit. c: Drohungen und Angriffe auf die körperliche, psychische oder sexuelle Integrität des "
        "Personals, mitinhaftierter Personen oder von Besucherinnen und Besuchern",
    )
    D = "d", "lit. d: rechtswidrige Eingriffe in fremde Vermögenswerte"
    E = "e", "lit. e: Widersetzlichkeit oder Vereitelung, Umgehung oder Verfälschung von Kontrollen"
    F = "f", "lit. f: Sachbeschädigung an Mobiliar und Immobilien"
    G = (
        "g",
        "lit. g: Ein- und Ausführen, Vermitteln und Besitz von verbotenen Gegenständen wie Waffen und "
        "Ähnlichem",
    )
    H = (
        "h",
        "lit. h: Ein- und Ausführen, Handel, Besitz und Konsum von Alkohol, Drogen oder ähnlich wirkenden "
        "Stoffen sowie Missbrauch von Arzneimitteln",
    )
    I = (  # noqa: E741 — the law's letter
        "i",
        "lit. i: unerlaubte Kontakte mit eingewiesenen Personen und Personen ausserhalb der "
        "Vollzugseinrichtung",
    )
    J = (
        "j",
        "lit. j: missbräuchliche Verwendung von Geräten zur elektronischen Kommunikation, von Geräten der "
        "Unterhaltungselektronik, von Hard- und Software und von Speichermedien",
    )
    K = (
        "k",
        "lit. k: schwere Störung von Ruhe und Ordnung der Vollzugseinrichtung oder des Arbeitsbetriebes "
        "sowie Arbeitsverweigerung",
    )
    L = "l", "lit. l: mehrfache Wiederholung von einfachen Disziplinarvergehen"

    @property
    def paragraph(self) -> str:
        return "§ 40 Abs. 1 JVG" if self == Tatbestand.ALLGEMEIN else f"§ 40 Abs. 2 lit. {self.value} JVG"


class Teilnahmeform(models.TextChoices):
    # § 40 Abs. 3: attempt, instigation and aiding are punishable too.
    TAETERSCHAFT = "taeterschaft", "Täterschaft"
    VERSUCH = "versuch", "Versuch (§ 40 Abs. 3)"
    ANSTIFTUNG = "anstiftung", "Anstiftung (§ 40 Abs. 3)"
    GEHILFENSCHAFT = "gehilfenschaft", "Gehilfenschaft (§ 40 Abs. 3)"


class Verfahrensstatus(models.TextChoices):
    OFFEN = "offen", "Offen"
    ENTSCHIEDEN = "entschieden", "Entschieden (Verfügung eröffnet)"
    EINGESTELLT = "eingestellt", "Eingestellt"
    VERJAEHRT = "verjaehrt", "Verjährt (§ 41 Abs. 5)"


class Disziplinarsanktionsart(models.TextChoices):
    """§ 41 Abs. 1 lit. a–f JVG."""

    VERWEIS = "a", "Verweis"
    ENTZUG = "b", "Entzug von Erleichterungen oder einer anstaltsinternen Bewilligung"
    RUECKVERSETZUNG = "c", "Rückversetzung in eine tiefere Stufe gemäss Vollzugsplan"
    BUSSE = "d", "Busse"
    EINSCHLUSS = "e", "Zellen- oder Zimmereinschluss"
    ARREST = "f", "Arrest"

    @property
    def paragraph(self) -> str:
        return f"§ 41 Abs. 1 lit. {self.value} JVG"


# Sanctions whose execution is a period of days (schedule computed by the server).
MIT_DAUER = frozenset({Disziplinarsanktionsart.EINSCHLUSS, Disziplinarsanktionsart.ARREST})
# § 41 Abs. 2: what a private facility with delegated powers may impose (lit. a–e).
PRIVAT_ZULAESSIG = frozenset(
    {
        Disziplinarsanktionsart.VERWEIS,
        Disziplinarsanktionsart.ENTZUG,
        Disziplinarsanktionsart.RUECKVERSETZUNG,
        Disziplinarsanktionsart.BUSSE,
        Disziplinarsanktionsart.EINSCHLUSS,
    }
)


class DisziplinarAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    VERSETZT_MIT_VERFAHREN = "disziplinar_versetzt", "Disziplinarverfahren einer anderen Einrichtung (§ 41)"


class Sanktionsstatus(models.TextChoices):
    ANGEORDNET = "angeordnet", "Angeordnet"
    VOLLZOGEN = "vollzogen", "Vollzogen"
    VERJAEHRT = "verjaehrt", "Verjährt (§ 41 Abs. 5)"
    # Issue 23: the Disziplinarverfügung was lifted or set aside on appeal before the sanction was executed.
    AUFGEHOBEN = "aufgehoben", "Aufgehoben (Verfügung aufgehoben oder Beschwerde gutgeheissen)"


# The law's limits (§ 41 Abs. 1 lit. e/f, Abs. 2). Fixed by the law, not configurable; the database
# constraints and `domain.sanktionen_pruefen` both read them from here.
EINSCHLUSS_MAX_TAGE = 15
ARREST_MAX_TAGE = 10
PRIVAT_EINSCHLUSS_MAX_TAGE = 7
# § 41 Abs. 5: both limitation periods are six months (R-0-FRIST-2).
VERJAEHRUNG_MONATE = 6


# --- Limitation (§ 41 Abs. 5) and the execution schedule -----------------------------------------


def verfolgungsverjaehrung(tatzeit: datetime) -> fristen.Fristergebnis:
    """R-41-5a (§ 41 Abs. 5 Satz 1, R-0-FRIST-2): six months after the act, from its local date."""
    return fristen.monatsfrist(tatzeit, VERJAEHRUNG_MONATE)


def vollstreckungsverjaehrung(rechtskraeftig_am: date) -> fristen.Fristergebnis:
    """R-41-5b (§ 41 Abs. 5 Satz 2, R-0-FRIST-2): six months after the decision became binding."""
    return fristen.monatsfrist(rechtskraeftig_am, VERJAEHRUNG_MONATE)


def vollzugszeitraum(dauer_tage: int, beginn: date) -> tuple[date, date]:
    """Einschluss/Arrest: from `beginn` for `dauer_tage` days, both ends included."""
    return beginn, beginn + timedelta(days=dauer_tage - 1)


def rechtskraft_stichtag(heute: date) -> date:
    """The last Rechtskraft date whose six months ended before `heute` (Art. 77 OR is monotone, so
    every earlier date too). Six months span 181 to 184 days."""
    tag = heute - timedelta(days=182)
    while vollstreckungsverjaehrung(tag).ende >= heute:
        tag -= timedelta(days=1)
    return tag


# --- Values the law leaves to the canton (settings, read at each call) ----------------------------


def busse_max_chf() -> Decimal:
    """R-41-1 (§ 41 Abs. 1 lit. d): the law sets no amount for the Busse; the canton configures the maximum
    (`JVG_DISZIPLINAR_BUSSE_MAX_CHF`)."""
    return Decimal(settings.JVG_DISZIPLINAR_BUSSE_MAX_CHF)


def warnung_tage() -> int:
    """R-41-5a: days before the limitation date from which the Fristenkontrolle and the pages warn
    (`JVG_DISZIPLINAR_WARNUNG_TAGE`)."""
    return settings.JVG_DISZIPLINAR_WARNUNG_TAGE
