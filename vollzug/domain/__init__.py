"""The case core's domain: every write of persons, cases, placements and the § 18 Vollzugsplan goes through one
keyword-only, atomic function here (STYLE §2): permission, validation with the § in the message, save with history
(actor = `durch`), side effects. One module per aggregate; this package re-exports the public API, so callers write
`from vollzug.domain import einweisen` or `from vollzug import domain`."""

from vollzug.domain.faelle import (
    DokumentDaten,
    EntscheidDaten,
    SanktionDaten,
    dokument_hinzufuegen,
    ersatzfreiheitsstrafe_anpassen,
    fall_erfassen,
    vollzugsbeginn_ueberfaellig_melden,
    voraussichtliches_ende_berechnen,
)
from vollzug.domain.personen import (
    person_erfassen,
    vertretung_beenden,
    vertretung_erfassen,
)
from vollzug.domain.platzierungen import (
    einweisen,
    entlassen,
    person_nicht_anderswo_platziert,
    versetzen,
)
from vollzug.domain.vollzugsplan import (
    GRUND_MAX,
    VERGLEICHSFELDER,
    StufeDaten,
    ist_ueberfaellig,
    kenntnis_nehmen,
    naechste_ueberpruefung,
    stufen_als_text,
    version_erstellen,
    version_zustellen,
    versionen_vergleichen,
)
from vollzug.domain.vollzugsstufen import (
    stufe_setzen,
    stufe_zurueckversetzen,
)

__all__ = [
    "DokumentDaten",
    "EntscheidDaten",
    "GRUND_MAX",
    "SanktionDaten",
    "StufeDaten",
    "VERGLEICHSFELDER",
    "dokument_hinzufuegen",
    "einweisen",
    "ersatzfreiheitsstrafe_anpassen",
    "entlassen",
    "fall_erfassen",
    "ist_ueberfaellig",
    "kenntnis_nehmen",
    "naechste_ueberpruefung",
    "person_erfassen",
    "vertretung_beenden",
    "vertretung_erfassen",
    "person_nicht_anderswo_platziert",
    "stufe_setzen",
    "stufe_zurueckversetzen",
    "stufen_als_text",
    "versetzen",
    "version_erstellen",
    "version_zustellen",
    "versionen_vergleichen",
    "vollzugsbeginn_ueberfaellig_melden",
    "voraussichtliches_ende_berechnen",
]
