"""The domain of § 14 JVG (Aufschub und Unterbrechung, R-14-1 … R-14-6): every write of a request goes through one
keyword-only, atomic function here.

Steps of a request: `gesuch_erfassen` (R-14-1 request of the person, R-14-3 ground, R-14-4 certificate,
R-14-2 ceiling) → optionally `arztzeugnis_nachreichen` → `gesuch_entscheiden` (R-14-5 assessment,
R-14-2 re-checked under a lock, R-14-4 for a grant, R-14-6 Verfügung) or `gesuch_zurueckziehen`.
Effects of a grant: the summons before the end of a deferral (`aufschub.recht.aufgebot_faellig_am`,
`aufgebot_erfassen`, Fristenkontrolle source in `aufschub.domain.fristen`) and the interruption as it
happens (`unterbrechung_antreten`, `unterbrechung_beenden`, which moves the expected end).

Only the Vollzugsbehörde decides § 14 (roles table): every write needs `sachbearbeitung`."""

from aufschub.domain.entscheid import (
    aufgebot_erfassen,
    gesuch_entscheiden,
    nach_aufhebung,
)
from aufschub.domain.gesuch import (
    arztzeugnis_nachreichen,
    gesuch_erfassen,
    gesuch_zurueckziehen,
)
from aufschub.domain.unterbrechung import (
    unterbrechung_antreten,
    unterbrechung_beenden,
    unterbrechungstage,
)

__all__ = [
    "arztzeugnis_nachreichen",
    "aufgebot_erfassen",
    "gesuch_entscheiden",
    "nach_aufhebung",
    "gesuch_erfassen",
    "gesuch_zurueckziehen",
    "unterbrechung_antreten",
    "unterbrechung_beenden",
    "unterbrechungstage",
]
