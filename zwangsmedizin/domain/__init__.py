"""Every write of §§ 34–39 JVG goes through one function here (STYLE §2), one module per procedure step:

- `medikation`: Zwangsmedikation — the physician's report and request (R-35-1, R-36-1) and the urgent order
  (§ 36 Abs. 2), with the § 38 checks (R-38-1).
- `information`: § 37 (R-37-1) — information before the order unless Gefahr im Verzug, relatives, Einweisungsbehörde.
- `entscheid`: the authority's decision (a ZWANGSMEDIKATION_36 Verfügung in the shared lifecycle), refusal,
  review, end, and the Eröffnung hooks.
- `ernaehrung`: Zwangsernährung (§ 39, R-39-1) — hunger strike, information sessions, Patientenverfügung,
  the physician's finding, the ZWANGSERNAEHRUNG_39 Verfügung and its Eröffnung hooks.
- `neuanordnung`: the § 38 Abs. 4 reminder job (R-38-1).

The two procedures have steps of the same name (`verfuegung_entwerfen`, `eroeffnung_pruefen`,
`nach_eroeffnung`): callers name the module (`from zwangsmedizin.domain import entscheid, ernaehrung`), and the
package re-exports only the names that are unique. Who may act: `zwangsmedizin.permissions`; catalogues and
§ 38 qualification: `zwangsmedizin.recht`."""

from zwangsmedizin.domain.entscheid import antrag_ablehnen, beenden, nachpruefen
from zwangsmedizin.domain.ernaehrung import (
    ablehnende_patientenverfuegung,
    gespraech_erfassen,
    hungerstreik_beenden,
    hungerstreik_erfassen,
    patientenverfuegung_erfassen,
    patientenverfuegung_widerrufen,
    zustand_melden,
)
from zwangsmedizin.domain.information import (
    angehoerige_informiert,
    angehoerige_wunsch_erfassen,
    aufklaerung_erfassen,
    einweisungsbehoerde_informiert,
    gefahr_im_verzug_erfassen,
)
from zwangsmedizin.domain.medikation import (
    Medikationsdaten,
    antrag_stellen,
    dringlich_anordnen,
    massnahme_38_pruefen,
    massnahme_59_63_vorhanden,
)
from zwangsmedizin.domain.neuanordnung import neuanordnung_erinnern, neuanordnung_faellig

__all__ = [
    "Medikationsdaten",
    "ablehnende_patientenverfuegung",
    "angehoerige_informiert",
    "angehoerige_wunsch_erfassen",
    "antrag_ablehnen",
    "antrag_stellen",
    "aufklaerung_erfassen",
    "beenden",
    "dringlich_anordnen",
    "einweisungsbehoerde_informiert",
    "gefahr_im_verzug_erfassen",
    "gespraech_erfassen",
    "hungerstreik_beenden",
    "hungerstreik_erfassen",
    "massnahme_38_pruefen",
    "massnahme_59_63_vorhanden",
    "nachpruefen",
    "neuanordnung_erinnern",
    "neuanordnung_faellig",
    "patientenverfuegung_erfassen",
    "patientenverfuegung_widerrufen",
    "zustand_melden",
]
