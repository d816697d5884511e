"""Every write of a besondere Sicherheitsmassnahme (§ 31 JVG) goes through one function here (STYLE §2),
one module per step of the measure's life (proposal → order → execution → review → lifting):

- `antrag`: the proposal IS the draft of the order (R-31-1, R-0-4EYES-1, R-0-GEHOER-1): `massnahme_beantragen`,
  `massnahme_genehmigen` / `massnahme_ablehnen`, the juvenile and placement checks, the phase a person reads.
- `eroeffnung`: the measure becomes active at Eröffnung (§ 44, R-0-VFG-4): `eroeffnung_pruefen`, `nach_eroeffnung`.
- `ueberpruefung`: § 31 Abs. 5 (R-31-5) review and lifting, and the escalation job `ueberpruefungen_eskalieren`.
- `versetzung`: § 31 Abs. 4 (R-31-4) `nach_versetzung`, `nach_austritt`.

Who may act: `sicherheitsmassnahmen.permissions`; the catalogue and the review intervals:
`sicherheitsmassnahmen.recht`.
"""

from sicherheitsmassnahmen.domain.antrag import (
    Gehoer,
    jugendschutz_pruefen,
    massnahme_ablehnen,
    massnahme_beantragen,
    massnahme_genehmigen,
    phase,
    platzierung_pruefen,
)
from sicherheitsmassnahmen.domain.eroeffnung import eroeffnung_pruefen, nach_aufhebung, nach_eroeffnung
from sicherheitsmassnahmen.domain.ueberpruefung import (
    ist_ueberfaellig,
    massnahme_aufheben,
    massnahme_ueberpruefen,
    ueberpruefung_ueberfaellig,
    ueberpruefungen_eskalieren,
)
from sicherheitsmassnahmen.domain.versetzung import nach_austritt, nach_versetzung

__all__ = [
    "Gehoer",
    "eroeffnung_pruefen",
    "ist_ueberfaellig",
    "jugendschutz_pruefen",
    "massnahme_ablehnen",
    "massnahme_aufheben",
    "massnahme_beantragen",
    "massnahme_genehmigen",
    "massnahme_ueberpruefen",
    "nach_austritt",
    "nach_aufhebung",
    "nach_eroeffnung",
    "nach_versetzung",
    "phase",
    "platzierung_pruefen",
    "ueberpruefung_ueberfaellig",
    "ueberpruefungen_eskalieren",
]
