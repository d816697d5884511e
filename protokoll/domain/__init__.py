"""The auditors' logs (R-0-AUDIT-1, R-0-AUDIT-2): the change log across all history tables (`historie`) and the
CSV exports of both logs (`export`). Read-only: this app writes nothing. Callers write `from protokoll.domain import historie`."""

from protokoll.domain.export import (
    AENDERUNGEN_KOPF,
    LESEZUGRIFFE_KOPF,
    aenderungen_zeilen,
    csv_antwort,
    lesezugriffe_zeilen,
)
from protokoll.domain.historie import (
    AKTIONEN,
    GEHEIME_FELDER,
    Eintrag,
    Feldaenderung,
    Filter,
    Seite,
    aenderungen_alle,
    aenderungen_seite,
    akteur_text,
    modelle_der_app,
    typ_auswahl,
    verfolgte_modelle,
    wert_text,
)

__all__ = [
    "AENDERUNGEN_KOPF",
    "AKTIONEN",
    "Eintrag",
    "Feldaenderung",
    "Filter",
    "GEHEIME_FELDER",
    "LESEZUGRIFFE_KOPF",
    "Seite",
    "aenderungen_alle",
    "aenderungen_seite",
    "aenderungen_zeilen",
    "akteur_text",
    "csv_antwort",
    "lesezugriffe_zeilen",
    "modelle_der_app",
    "typ_auswahl",
    "verfolgte_modelle",
    "wert_text",
]
