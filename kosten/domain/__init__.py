"""Every write of the cost module goes through one function here (STYLE §2): keyword-only, atomic,
checks permission and the rule (with the § in the message), saves with history (`audit.speichern`).

Rules: R-46-1 (Vollzugskosten: canton unless third parties), R-47-1/R-47-2 (personal expenses; routing
of subsidiary items by Unterstützungswohnsitz), R-48-1 (Kostenbeteiligung by Verfügung), R-49-1/R-50-1
(recharges recorded), R-KOST-1 (Decimal, payer, category, source document, daily rates per facility
with validity periods). Modules: `stammdaten` (Kostgeld, Unterstützungswohnsitz), `positionen`,
`beteiligung` (§ 48), `abgrenzung` (accrual § 46 Abs. 2 lit. a), `abrechnung` (statements),
`ausgabe` (PDF, CSV), `uebersicht` (a case's costs at a glance).
"""

from kosten.domain.abgrenzung import (
    EIN_TAG,
    Abschnitt,
    Ansatz,
    Aufenthalt,
    tage_zuordnen,
    vollzugsformen_fuer,
    vollzugskosten,
    vollzugskosten_fuer,
)
from kosten.domain.abrechnung import Zeile, abrechnung_erstellen, tage_im_bereich, zeilen_sammeln
from kosten.domain.ausgabe import (
    CSV_KOPF,
    csv_inhalt,
    pdf_kontext,
    pdf_rendern,
    pdf_speichern,
    pdf_synchron_moeglich,
)
from kosten.domain.beteiligung import ElternDaten, kostenbeteiligung_erfassen, nach_aufhebung
from kosten.domain.positionen import (
    Zuweisung,
    kostenposition_erfassen,
    position_abschreiben,
    zahler_bestimmen,
)
from kosten.domain.stammdaten import kostgeld_erfassen, unterstuetzungswohnsitz_erfassen
from kosten.domain.uebersicht import Uebersicht, fall_uebersicht

__all__ = [
    "Abschnitt",
    "Ansatz",
    "Aufenthalt",
    "CSV_KOPF",
    "EIN_TAG",
    "ElternDaten",
    "Uebersicht",
    "Zeile",
    "Zuweisung",
    "abrechnung_erstellen",
    "csv_inhalt",
    "fall_uebersicht",
    "kostenbeteiligung_erfassen",
    "kostenposition_erfassen",
    "kostgeld_erfassen",
    "pdf_kontext",
    "pdf_rendern",
    "pdf_speichern",
    "pdf_synchron_moeglich",
    "position_abschreiben",
    "tage_im_bereich",
    "tage_zuordnen",
    "unterstuetzungswohnsitz_erfassen",
    "vollzugsformen_fuer",
    "vollzugskosten",
    "vollzugskosten_fuer",
    "zahler_bestimmen",
    "zeilen_sammeln",
    "nach_aufhebung",
]
