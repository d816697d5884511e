"""The rules of Inkasso (§ 2 Abs. 1 lit. d JVG), one module per aggregate; the public services."""

from inkasso.domain.arbeit import arbeit_bewilligen, einsatz_erfassen
from inkasso.domain.forderungen import (
    Forderungsdaten,
    abschreiben,
    forderung_erfassen,
    frist_erstrecken,
    raten_bewilligen,
    sofortige_zahlung_verlangen,
)
from inkasso.domain.mahnwesen import betreibung_einleiten, betreibung_ergebnis, mahnlauf
from inkasso.domain.umwandlung import (
    tage_fuer,
    umwandlung_beantragen,
    vollzugsfaelle_melden,
    vollzugsfall_eroeffnen,
)
from inkasso.domain.widerruf import arbeit_widerrufen
from inkasso.domain.zahlungen import klaerung_zuordnen, zahlung_erfassen
from inkasso.domain.zahlungsimport import camt_importieren

__all__ = [
    "Forderungsdaten",
    "abschreiben",
    "arbeit_bewilligen",
    "arbeit_widerrufen",
    "betreibung_einleiten",
    "betreibung_ergebnis",
    "camt_importieren",
    "einsatz_erfassen",
    "forderung_erfassen",
    "frist_erstrecken",
    "klaerung_zuordnen",
    "mahnlauf",
    "raten_bewilligen",
    "sofortige_zahlung_verlangen",
    "tage_fuer",
    "umwandlung_beantragen",
    "vollzugsfaelle_melden",
    "vollzugsfall_eroeffnen",
    "zahlung_erfassen",
]
