"""Every write of §§ 27, 29, 30 JVG goes through one function here (STYLE §2), one module per § group:

- `rechtsbeistand` (R-29-4), `telefon` (§ 29), `video` (§ 30: zones and recordings), `beizug` (legal holds,
  R-29-2 / R-30-3), `ed` (§ 27 erkennungsdienstliche Massnahmen);
- `zugriff`: access to content is never a plain read. `abhoeren`, `auswerten`, `einsicht_gewaehren`,
  `ed_einsehen` and `ed_weitergeben` record the justification first (an `Inhaltszugriff` row, append-only);
  only then does `inhalt.inhalt_antwort` stream the file, checking the access row again and logging the read
  (R-0-AUDIT-2);
- `loeschung`: the legal deletion (§ 27 Abs. 3, § 29 Abs. 2, § 30 Abs. 5) and its jobs.

Steps common to all: permission (PermissionDenied → 403; the predicates are in `ueberwachung.permissions`),
validation with German messages naming the rule (ValidationError keyed by field), save with history and actor
(`kern.audit.speichern`). The law's catalogues and periods: `ueberwachung.recht`.
"""

from ueberwachung.domain._hilfen import nummer_normalisieren
from ueberwachung.domain.beizug import beizug_aufheben, beizug_erfassen
from ueberwachung.domain.ed import ed_anordnen, ed_einsehen, ed_weitergeben
from ueberwachung.domain.inhalt import inhalt_antwort
from ueberwachung.domain.loeschung import (
    aufzeichnungen_loeschen,
    ausstehende_dateien_entfernen,
    ed_vernichten,
    ed_vernichtung_am_fuer,
    rechtsbeistand_aufzeichnungen_vernichten,
)
from ueberwachung.domain.rechtsbeistand import (
    darf_rechtsbeistand_bearbeiten,
    rechtsbeistand_entfernen,
    rechtsbeistand_erfassen,
)
from ueberwachung.domain.telefon import telefonaufzeichnung_erfassen
from ueberwachung.domain.video import (
    auswertung_abschliessen,
    videoaufzeichnung_erfassen,
    videozone_aufheben,
    videozone_festlegen,
)
from ueberwachung.domain.zugriff import abhoeren, auswerten, einsicht_gewaehren, zugriff_fuer_inhalt

__all__ = [
    "abhoeren",
    "aufzeichnungen_loeschen",
    "ausstehende_dateien_entfernen",
    "auswerten",
    "auswertung_abschliessen",
    "beizug_aufheben",
    "beizug_erfassen",
    "ed_anordnen",
    "ed_einsehen",
    "ed_vernichten",
    "ed_vernichtung_am_fuer",
    "ed_weitergeben",
    "einsicht_gewaehren",
    "inhalt_antwort",
    "nummer_normalisieren",
    "rechtsbeistand_aufzeichnungen_vernichten",
    "darf_rechtsbeistand_bearbeiten",
    "rechtsbeistand_entfernen",
    "rechtsbeistand_erfassen",
    "telefonaufzeichnung_erfassen",
    "videoaufzeichnung_erfassen",
    "videozone_aufheben",
    "videozone_festlegen",
    "zugriff_fuer_inhalt",
]
