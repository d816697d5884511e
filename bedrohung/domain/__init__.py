"""Every write of the threat management goes through one keyword-only, atomic function here (STYLE §2).

Programme «Sicherheit im sozialen Nahraum», points 14 and 15: staff report threats (R-BM-1, any staff
member, `meldung`), the threat-management team assesses them with a structured checklist, names a
contact person, decides measures with owners and deadlines and holds interdisciplinary case conferences
(R-BM-2, `bearbeitung`). The data stay separate from the Vollzug files (R-BM-3): visibility is
`bedrohung.queries`, reads go to the team's own access log (`stammdaten.zugriff_protokollieren`), and
closed cases are deleted after the retention period with a content-free record (`aufbewahrung`).

Each function checks permission (PermissionDenied), validates with German messages naming the rule
(ValidationError keyed by parameter), saves with history and actor (`kern.audit.speichern`) and
runs in one transaction; the report row is locked where two team members could race.
"""

from bedrohung.domain.aufbewahrung import aufbewahrung_durchsetzen
from bedrohung.domain.bearbeitung import (
    MassnahmeDaten,
    ansprechperson_zuweisen,
    einschaetzung_erfassen,
    konferenz_erfassen,
    massnahme_erfassen,
    massnahme_erledigen,
    meldung_abschliessen,
)
from bedrohung.domain.fristen import massnahmen_fristen
from bedrohung.domain.meldung import (
    BeilageDaten,
    beilage_hinzufuegen,
    disziplinarrapport_anlegen,
    meldung_erfassen,
)
from bedrohung.domain.stammdaten import ansprechperson_speichern, merkblatt_speichern, zugriff_protokollieren

__all__ = [
    "BeilageDaten",
    "MassnahmeDaten",
    "ansprechperson_speichern",
    "ansprechperson_zuweisen",
    "aufbewahrung_durchsetzen",
    "beilage_hinzufuegen",
    "disziplinarrapport_anlegen",
    "einschaetzung_erfassen",
    "konferenz_erfassen",
    "massnahme_erfassen",
    "massnahme_erledigen",
    "massnahmen_fristen",
    "meldung_abschliessen",
    "meldung_erfassen",
    "merkblatt_speichern",
    "zugriff_protokollieren",
]
