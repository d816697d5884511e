"""The data-protection module (§§ 20–23 JVG): every write goes through one keyword-only, atomic function here.

Modules: `fachpersonen` (§ 22, R-22-1: experts' mandates and their access), `schweigepflicht` (§ 23,
R-23-1, R-23-3: consents, contacts with third parties, reports to the Staatsanwaltschaft), `auskunft`
(the person's right of access: everything the system holds about one person, as JSON and PDF).
"""

from datenschutz.domain.auskunft import (
    FORMAT_VERSION,
    HINWEIS_BEDROHUNG,
    HINWEIS_DATEIEN,
    STUECK,
    Abschnitt,
    abschnitte,
    auskunft_beginnen,
    auskunft_json,
    auskunft_pdf,
    datenkatalog,
    eintraege,
    lesezugriffe,
    nicht_zugeordnete_modelle,
    pdf_kontext,
    versionen,
)
from datenschutz.domain.fachpersonen import REGEL, Mandatsdaten, fachperson_zuteilen, mandat_beenden
from datenschutz.domain.schweigepflicht import (
    R_23_1,
    R_23_2,
    R_23_3,
    Anzeigedaten,
    Entbindungsdaten,
    Kontaktdaten,
    entbindung_erfassen,
    entbindung_widerrufen,
    kontakt_erfassen,
    strafanzeige_erfassen,
)

__all__ = [
    "Abschnitt",
    "Anzeigedaten",
    "Entbindungsdaten",
    "FORMAT_VERSION",
    "HINWEIS_BEDROHUNG",
    "HINWEIS_DATEIEN",
    "Kontaktdaten",
    "Mandatsdaten",
    "REGEL",
    "R_23_1",
    "R_23_2",
    "R_23_3",
    "STUECK",
    "abschnitte",
    "auskunft_beginnen",
    "auskunft_json",
    "auskunft_pdf",
    "datenkatalog",
    "eintraege",
    "entbindung_erfassen",
    "entbindung_widerrufen",
    "fachperson_zuteilen",
    "kontakt_erfassen",
    "lesezugriffe",
    "mandat_beenden",
    "nicht_zugeordnete_modelle",
    "pdf_kontext",
    "strafanzeige_erfassen",
    "versionen",
]
