"""The law of the case core: the catalogues of the JVG (§§ 1, 5, 12, 14, 16, 17), its durations and limits,
and the small pure functions deriving a legal consequence (due days of § 13 and § 18).

Values the ordinance leaves open are settings (`jvg_case/settings.py`, block "Legal parameters"); they are
read here, at call time, so a test's `override_settings` applies.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models

from kern.fristen import lokales_datum, monatsfrist


class Traegerschaft(models.TextChoices):
    KANTONAL = "kantonal", "kantonal"
    PRIVAT = "privat", "privat (Bewilligung § 6 JVG)"


class Entscheidart(models.TextChoices):
    # §12: rechtskräftige Strafbefehle, Urteile oder Vollzugsentscheide
    URTEIL = "urteil", "Urteil"
    STRAFBEFEHL = "strafbefehl", "Strafbefehl"
    VOLLZUGSENTSCHEID = "vollzugsentscheid", "Vollzugsentscheid"


class Sanktionsart(models.TextChoices):
    # §1 JVG, R-1-1
    FREIHEITSSTRAFE = "freiheitsstrafe", "Freiheitsstrafe"
    ERSATZFREIHEITSSTRAFE = "ersatzfreiheitsstrafe", "Ersatzfreiheitsstrafe"
    STATIONAERE_MASSNAHME = "stationaere_massnahme", "Stationäre therapeutische Massnahme (Art. 59–61 StGB)"
    VERWAHRUNG = "verwahrung", "Verwahrung (Art. 64 StGB)"
    AMBULANTE_MASSNAHME = "ambulante_massnahme", "Ambulante Massnahme (Art. 63 StGB)"
    GEMEINNUETZIGE_ARBEIT = "gemeinnuetzige_arbeit", "Gemeinnützige Arbeit"
    BEWAEHRUNGSHILFE = "bewaehrungshilfe", "Bewährungshilfe"
    JUGEND_FREIHEITSENTZUG = "jugend_freiheitsentzug", "Jugend: Freiheitsentzug"
    JUGEND_SCHUTZMASSNAHME = "jugend_schutzmassnahme", "Jugend: Schutzmassnahme"


# Sanctions that are served for a fixed time and so need a duration (and count for §18).
FREIHEITSSTRAFEN = frozenset(
    {Sanktionsart.FREIHEITSSTRAFE, Sanktionsart.ERSATZFREIHEITSSTRAFE, Sanktionsart.JUGEND_FREIHEITSENTZUG}
)


class Vollzugsform(models.TextChoices):
    # §5.1b, §16, R-1-1
    NORMALVOLLZUG = "normalvollzug", "Normalvollzug"
    HALBGEFANGENSCHAFT = "halbgefangenschaft", "Halbgefangenschaft"
    TAGEWEISE = "tageweise", "Tageweiser Vollzug"
    ARBEITSEXTERNAT = "arbeitsexternat", "Arbeitsexternat"
    WOHN_UND_ARBEITSEXTERNAT = "wohn_arbeitsexternat", "Wohn- und Arbeitsexternat"


class Fallstatus(models.TextChoices):
    EINGANG = "eingang", "Eingang (Vollzug nicht begonnen)"
    IM_VOLLZUG = "im_vollzug", "Im Vollzug"
    UNTERBROCHEN = "unterbrochen", "Vollzug unterbrochen (§ 14)"
    ENTLASSEN = "entlassen", "Definitiv entlassen"


class Platzierungsart(models.TextChoices):
    EINWEISUNG = "einweisung", "Einweisung (§ 17 Abs. 1)"
    VERSETZUNG = "versetzung", "Versetzung (§ 17 Abs. 2)"
    VERSETZUNG_KLINIK = "versetzung_klinik", "Versetzung in Klinik/Spital (§ 17 Abs. 3)"
    WIEDEREINTRITT = "wiedereintritt", "Wiedereintritt nach Unterbrechung (§ 14)"
    VERSETZUNG_VORUEBERGEHEND = "versetzung_26", "Vorübergehende Versetzung (§ 26)"


class Versetzungsgrund(models.TextChoices):
    # §17 Abs. 2 lit. a–e
    A = "a", "a) Zustand oder Verhalten der Person"
    B = "b", "b) Behandlung erfordert es"
    C = "c", "c) Eingliederung wird eher erreicht"
    D = "d", "d) Sicherheit der Person, Mitgefangener oder des Personals"
    E = "e", "e) Belegungsprobleme"


class VollzugAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    MELDUNG_VERSETZUNG_DRINGEND = "versetzung_dringend", "Meldung dringende Versetzung (§ 17 Abs. 3)"
    VOLLZUGSBEGINN_UEBERFAELLIG = "vollzugsbeginn", "Vollzugsbeginn überfällig (§ 13)"
    VOLLZUGSPLAN_ZUGESTELLT = "vollzugsplan_zugestellt", "Vollzugsplan zur Kenntnis nehmen (§ 18 Abs. 2)"
    EINWEISUNGSBEHOERDE_INFORMIEREN = "einweisungsbehoerde_informieren", "Einweisungsbehörde informieren"


# Cases whose plan can be drawn up, reviewed or moved: "während der Dauer des Vollzugs" (§ 18 Abs. 2).
PLAN_STATUS = (Fallstatus.IM_VOLLZUG, Fallstatus.UNTERBROCHEN)

# R-18-1 (§18 Abs. 1 "zu mindestens sechs Monaten Freiheitsstrafe verurteilt"), summed over the case's
# custodial sentences. Mixed units are compared in days with a month as 30 days and a year as twelve
# months (360 days): 5 months 29 days = 179 days < 180 days = 6 months.
TAGE_PRO_MONAT = 30
VOLLZUGSPLAN_MINDESTTAGE = 6 * TAGE_PRO_MONAT

# §18 Abs. 2 sets no deadline for the authority to read a plan it received. The task gives its case
# worker ten calendar days: long enough for a considered reading (and a question back to the facility),
# short enough that the authority knows the plan before the next decision it takes on the case
# (§ 19: continuous care). An internal handling period, not a legal deadline, so no working-day shift.
KENNTNISNAHME_TAGE = 10


def vollzugsbeginn_ueberfaellig_tage() -> int:
    """R-13-1 (§ 13 "sofort"): a case in intake counts as overdue after this many calendar days (setting)."""
    return settings.JVG_VOLLZUGSBEGINN_UEBERFAELLIG_TAGE


def jugend_altersgrenze() -> int:
    """R-1-JUV-1: jugendlich = under this age (Art. 1 JStG; setting)."""
    return settings.JVG_JUGEND_ALTERSGRENZE


def plan_faellig_am(vollzugsbeginn: datetime) -> date:
    """R-18-1: the first plan is due N days (default 60) after the local day of the Vollzugsbeginn."""
    return lokales_datum(vollzugsbeginn) + timedelta(days=settings.JVG_VOLLZUGSPLAN_FRIST_TAGE)


def ueberpruefung_faellig_am(letzte_version_am: datetime) -> date:
    """R-18-3: the next review is due N months (default 6, Art. 77 OR) after the latest version."""
    return monatsfrist(lokales_datum(letzte_version_am), settings.JVG_VOLLZUGSPLAN_UEBERPRUEFUNG_MONATE).ende
