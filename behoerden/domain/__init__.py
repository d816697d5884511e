"""Every write and every rule of the partner-agency module (§§ 12, 21 JVG) lives in one function here.

- Agencies and their OAuth2 clients (`behoerde`): `behoerde_anlegen`, `zugang_neu_ausstellen`, `behoerde_aktiv_setzen`.
- § 21 Abs. 2 (R-21-1, `auskunft`): `zweck_pruefen` (purpose + acting official), `auskunft_erstellen`
  (only the allowed data categories), `bekanntgabe_protokollieren` (append-only disclosure log); who may
  be asked about is `behoerden.queries.personen_fuer_behoerde`.
- § 12 (R-12-1, `zustellung`): `urteil_zustellen` (idempotent intake of a judgment with sanctions and documents).
"""

from behoerden.domain.auskunft import (
    SACHBEARBEITUNG_HEADER,
    SACHBEARBEITUNG_MAX,
    ZWECK_HEADER,
    auskunft_erstellen,
    bekanntgabe_protokollieren,
    zweck_pruefen,
)
from behoerden.domain.behoerde import (
    BehoerdeDaten,
    behoerde_aktiv_setzen,
    behoerde_anlegen,
    zugang_neu_ausstellen,
)
from behoerden.domain.zustellung import (
    PersonDaten,
    Zustellung,
    ZustellungKonflikt,
    ZustellungsDokument,
    urteil_zustellen,
)

__all__ = [
    "BehoerdeDaten",
    "PersonDaten",
    "SACHBEARBEITUNG_HEADER",
    "SACHBEARBEITUNG_MAX",
    "ZWECK_HEADER",
    "Zustellung",
    "ZustellungKonflikt",
    "ZustellungsDokument",
    "auskunft_erstellen",
    "behoerde_aktiv_setzen",
    "behoerde_anlegen",
    "bekanntgabe_protokollieren",
    "urteil_zustellen",
    "zugang_neu_ausstellen",
    "zweck_pruefen",
]
