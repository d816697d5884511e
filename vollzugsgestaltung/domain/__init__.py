"""The rules of this app: one module per aggregate, one named function per write (STYLE §2)."""

from vollzugsgestaltung.domain.begnadigung import entscheid_erfassen as gnadenentscheid_erfassen
from vollzugsgestaltung.domain.begnadigung import gesuch_erfassen as gnadengesuch_erfassen
from vollzugsgestaltung.domain.begnadigung import weiterleiten as gnadengesuch_weiterleiten
from vollzugsgestaltung.domain.bewaehrungshilfe import (
    akte_abschliessen,
    akte_eroeffnen,
    eintrag_erfassen,
    gerichtsantwort_erfassen,
    gerichtsmeldung_senden,
    nach_bedingter_entlassung,
    weisung_erfassen,
    weisung_kontrollieren,
)
from vollzugsgestaltung.domain.oeffnungen import (
    antritt_erfassen,
    fachkommission_erfassen,
    fachkommission_fehlt,
    nach_beschwerde,
    nichtrueckkehr_feststellen,
    oeffnung_beantragen,
    oeffnung_entscheiden,
    rueckkehr_erfassen,
    stellungnahme_sta_erfassen,
)
from vollzugsgestaltung.domain.oeffnungen import nach_aufhebung as oeffnung_nach_aufhebung
from vollzugsgestaltung.domain.vollzugsformen import (
    arbeitsstunden_erfassen,
    geleistete_stunden,
    offene_tage,
    stunden_fuer,
    umwandeln,
    vollzugsbefehl_erlassen,
    vollzugsform_ablehnen,
    vollzugsform_beantragen,
    voraussetzung_verletzt,
)
from vollzugsgestaltung.domain.vollzugsformen import nach_aufhebung as umwandlung_nach_aufhebung

__all__ = [
    "akte_abschliessen",
    "akte_eroeffnen",
    "antritt_erfassen",
    "arbeitsstunden_erfassen",
    "eintrag_erfassen",
    "fachkommission_erfassen",
    "fachkommission_fehlt",
    "geleistete_stunden",
    "gerichtsantwort_erfassen",
    "gerichtsmeldung_senden",
    "nach_bedingter_entlassung",
    "oeffnung_nach_aufhebung",
    "umwandlung_nach_aufhebung",
    "gnadenentscheid_erfassen",
    "gnadengesuch_erfassen",
    "gnadengesuch_weiterleiten",
    "nach_beschwerde",
    "nichtrueckkehr_feststellen",
    "oeffnung_beantragen",
    "oeffnung_entscheiden",
    "offene_tage",
    "rueckkehr_erfassen",
    "stellungnahme_sta_erfassen",
    "stunden_fuer",
    "umwandeln",
    "voraussetzung_verletzt",
    "vollzugsbefehl_erlassen",
    "vollzugsform_ablehnen",
    "vollzugsform_beantragen",
    "weisung_erfassen",
    "weisung_kontrollieren",
]
