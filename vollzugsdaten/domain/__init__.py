"""The domain functions of the Vollzugsdaten: one module per aggregate (calculation, conditional
release, measures). Pages, API and jobs call these, nothing else writes."""

from vollzugsdaten.domain.berechnung import (
    aktuelle_berechnung,
    alle_nachrechnen,
    angaben_speichern,
    eingaben_fuer,
    stand,
)
from vollzugsdaten.domain.entlassung import (
    anhoerung_erfassen,
    bedingt_entlassen,
    bericht_anfordern,
    bericht_erfassen,
    entscheid_entwerfen,
    faellig_am,
    nach_aufhebung,
    nach_eroeffnung,
    pruefung_nachfuehren,
    vor_eroeffnung,
)
from vollzugsdaten.domain.massnahmen import (
    antrag_einreichen,
    antrag_entwurf,
    antwort_erfassen,
    hoechstdauer_ende,
    massnahme_erfassen,
    pruefung_erfassen,
    termine,
)
from vollzugsdaten.domain.massnahmenbeginn import beginn_aus_daten

__all__ = [
    "aktuelle_berechnung",
    "alle_nachrechnen",
    "angaben_speichern",
    "anhoerung_erfassen",
    "antrag_einreichen",
    "antrag_entwurf",
    "antwort_erfassen",
    "bedingt_entlassen",
    "bericht_anfordern",
    "bericht_erfassen",
    "eingaben_fuer",
    "entscheid_entwerfen",
    "faellig_am",
    "beginn_aus_daten",
    "hoechstdauer_ende",
    "massnahme_erfassen",
    "nach_aufhebung",
    "nach_eroeffnung",
    "pruefung_erfassen",
    "pruefung_nachfuehren",
    "stand",
    "termine",
    "vor_eroeffnung",
]
