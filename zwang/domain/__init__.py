"""Every write of § 33 JVG (unmittelbarer Zwang) goes through one function here (STYLE §2), one module per step:

- `protokoll`: the content (`ProtokollDaten`, `BeteiligungDaten`) and its checks (R-33-1); the draft:
  `protokoll_erfassen` / `entwurf_aendern` (by staff or management of the facility where the person is placed).
- `pruefung`: `protokoll_einreichen` (author; complete, R-33-1; deadline of every statement; review task for the
  management) → `stellungnahme_abgeben` (each involved staff member himself) → `protokoll_pruefen` (facility
  management, never the author nor an involved person, R-0-4EYES-1).
- `korrektur`: `protokoll_korrigieren` changes a submitted protocol with a reason (history row with the reason; a
  reviewed protocol goes back to review); `korrekturen` / `korrekturen_fuer` read the corrections back.
- `erinnerung`: `stellungnahmen_erinnern`, the periodic job.

Who may act: `zwang.permissions`; the catalogues and the statement deadline: `zwang.recht`."""

from zwang.domain.erinnerung import stellungnahmen_erinnern
from zwang.domain.korrektur import (
    Aenderung,
    Korrektur,
    korrekturen,
    korrekturen_fuer,
    protokoll_korrigieren,
    wert_text,
)
from zwang.domain.protokoll import (
    INHALTSFELDER,
    BeteiligungDaten,
    ProtokollDaten,
    entwurf_aendern,
    protokoll_erfassen,
    zweck_felder,
)
from zwang.domain.pruefung import protokoll_einreichen, protokoll_pruefen, stellungnahme_abgeben

__all__ = [
    "Aenderung",
    "BeteiligungDaten",
    "INHALTSFELDER",
    "Korrektur",
    "ProtokollDaten",
    "entwurf_aendern",
    "korrekturen",
    "korrekturen_fuer",
    "protokoll_einreichen",
    "protokoll_erfassen",
    "protokoll_korrigieren",
    "protokoll_pruefen",
    "stellungnahme_abgeben",
    "stellungnahmen_erinnern",
    "wert_text",
    "zweck_felder",
]
