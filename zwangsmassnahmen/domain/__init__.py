"""Every write of §§ 25, 26, 28 and 32 JVG goes through one function here (STYLE §2), one module per § group:

- `sicherheitshaft` (§ 25): `sicherheitshaft_anordnen` (R-25-1) → `antrag_erfassen` (R-25-2, late filing
  flagged) → `gerichtsentscheid_erfassen` / `haft_beenden`; `haft_erinnerung`: the job
  `sicherheitshaft_erinnern` creates the reminders and the escalation (R-25-2, R-0-FRIST-3).
- `versetzung26` (§ 26 vorübergehende Versetzung): `versetzung26_anordnen` (R-26-1) through
  `vollzug.domain.versetzen`.
- `kontrollen` (§ 28): `kontrolle_erfassen`; body search `leibesvisitation_beantragen` →
  `leibesvisitation_entscheiden` (facility management, four eyes) → `leibesvisitation_durchfuehren` (R-28-1).
- `festnahme` (§ 32): `entweichung_melden` (order and tasks at once, R-32-1) → `einweisungsbehoerde_informiert`,
  `zufuehrung_erfassen`.

Each function checks permission (PermissionDenied → 403; the predicates are in `zwangsmassnahmen.permissions`),
validates with German messages naming the § and rule (ValidationError keyed by parameter), saves with history
and actor (`kern.audit.speichern`) and runs in one transaction. The law's numbers are in `zwangsmassnahmen.recht`.
"""

from zwangsmassnahmen.domain.festnahme import (
    einweisungsbehoerde_informiert,
    entweichung_melden,
    zufuehrung_erfassen,
)
from zwangsmassnahmen.domain.haft_erinnerung import (
    Erinnerungslauf,
    erinnerung_faellig,
    sicherheitshaft_erinnern,
)
from zwangsmassnahmen.domain.kontrollen import (
    kontrolle_erfassen,
    leibesvisitation_beantragen,
    leibesvisitation_durchfuehren,
    leibesvisitation_entscheiden,
)
from zwangsmassnahmen.domain.sicherheitshaft import (
    HaftDaten,
    antrag_erfassen,
    gerichtsentscheid_erfassen,
    haft_beenden,
    ist_ueberfaellig,
    sicherheitshaft_anordnen,
)
from zwangsmassnahmen.domain.versetzung26 import versetzung26_anordnen

__all__ = [
    "Erinnerungslauf",
    "HaftDaten",
    "antrag_erfassen",
    "einweisungsbehoerde_informiert",
    "entweichung_melden",
    "erinnerung_faellig",
    "gerichtsentscheid_erfassen",
    "haft_beenden",
    "ist_ueberfaellig",
    "kontrolle_erfassen",
    "leibesvisitation_beantragen",
    "leibesvisitation_durchfuehren",
    "leibesvisitation_entscheiden",
    "sicherheitshaft_anordnen",
    "sicherheitshaft_erinnern",
    "versetzung26_anordnen",
    "zufuehrung_erfassen",
]
