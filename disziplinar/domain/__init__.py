"""The disciplinary law (§§ 40–45 JVG): every write goes through one keyword-only, atomic function here.

Steps of a case: `rapport_erfassen` (staff, R-40-1) → `verfahren_eroeffnen` (facility management) →
`verfuegung_entwerfen_fuer` (R-41-1/-2/-4, R-41-5a) → the shared Verfügung lifecycle (Gehör,
four-eyes approval) → `verfuegung_eroeffnen` (R-41-5a at notification, execution schedule) →
`sanktion_vollziehen` (§ 44: from Eröffnung). `verjaehrung_eintragen` is the periodic job of
§ 41 Abs. 5 (R-41-5a, R-41-5b). Modules: `rapport`, `verfahren`, `sanktionen`, `verfuegung`,
`verjaehrung`, `fristen` (deadline source), `statistik`.
"""

from disziplinar.domain.fristen import verjaehrung_fristen
from disziplinar.domain.rapport import BeilageDaten, DeliktDaten, beilage_hinzufuegen, rapport_erfassen
from disziplinar.domain.sanktionen import SanktionDaten, sanktion_vollziehen, sanktionen_pruefen
from disziplinar.domain.statistik import (
    MONATSNAMEN,
    Balken,
    Diagramm,
    Monatszeile,
    Sanktionszeile,
    Statistik,
    Verjaehrungszeile,
    csv_inhalt,
    diagramm,
    statistik_berechnen,
)
from disziplinar.domain.verfahren import (
    strafanzeige_vormerken,
    verfahren_einstellen,
    verfahren_eroeffnen,
    verfuegung_von,
)
from disziplinar.domain.verfuegung import (
    Beurteilung,
    eroeffnung_pruefen,
    nach_aufhebung,
    nach_eroeffnung,
    verfuegung_entwerfen_fuer,
    verfuegung_eroeffnen,
)
from disziplinar.domain.verjaehrung import (
    Verjaehrungslauf,
    sanktionen_nachzufuehren,
    verfahren_verjaehrt_faellig,
    verjaehrung_eintragen,
)

__all__ = [
    "Balken",
    "BeilageDaten",
    "Beurteilung",
    "DeliktDaten",
    "Diagramm",
    "MONATSNAMEN",
    "Monatszeile",
    "SanktionDaten",
    "Sanktionszeile",
    "Statistik",
    "Verjaehrungslauf",
    "Verjaehrungszeile",
    "beilage_hinzufuegen",
    "csv_inhalt",
    "diagramm",
    "eroeffnung_pruefen",
    "nach_aufhebung",
    "nach_eroeffnung",
    "rapport_erfassen",
    "sanktion_vollziehen",
    "sanktionen_nachzufuehren",
    "sanktionen_pruefen",
    "statistik_berechnen",
    "strafanzeige_vormerken",
    "verfahren_einstellen",
    "verfahren_eroeffnen",
    "verfahren_verjaehrt_faellig",
    "verfuegung_entwerfen_fuer",
    "verfuegung_eroeffnen",
    "verfuegung_von",
    "verjaehrung_eintragen",
    "verjaehrung_fristen",
]
