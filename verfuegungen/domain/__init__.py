"""The domain of the Verfügung lifecycle (STYLE §2, §3): every write of a Verfügung goes through one keyword-only,
atomic function here. The lifecycle is ONE transition function (`verfuegung_uebergang`) over the table of allowed moves
(`verfuegungen.recht.UEBERGAENGE`); the named steps (`genehmigen`, `eroeffnen`, …) check permission and the rule of
their step, lock the row and move it through that function. UI views, module code and the Rechtskraft job call them.
One module per step of the lifecycle; this package re-exports the public API (`from verfuegungen import domain`)."""

from verfuegungen.domain.entwurf import (
    Entwurfsdaten,
    ablehnen,
    entwurf_bearbeiten,
    genehmigen,
    verfuegung_entwerfen,
    zur_genehmigung_vorlegen,
    zurueckweisen,
)
from verfuegungen.domain.eroeffnung import (
    eroeffnen,
    pdf_erzeugen,
    pdf_kontext,
)
from verfuegungen.domain.gehoer import (
    gehoer_erfassen,
    gehoer_gewahrt,
    gehoer_nachholen,
)
from verfuegungen.domain.lebenszyklus import (
    verfuegung_uebergang,
)
from verfuegungen.domain.rechtskraft import (
    als_vollzogen_markieren,
    aufheben,
    ist_vollstreckbar,
    rechtskraft_eintragen,
    rechtskraft_faellige,
    rechtskraft_feststellen,
)
from verfuegungen.domain.rechtsmittel import (
    aufschiebende_wirkung_entziehen,
    aufschiebende_wirkung_erteilen,
    beschwerde_erfassen,
    beschwerdeentscheid_erfassen,
    weiterzug_erfassen,
)
from verfuegungen.domain.versetzung import (
    fallblock,
    versetzungsverfuegung_entwerfen,
)

__all__ = [
    "Entwurfsdaten",
    "ablehnen",
    "als_vollzogen_markieren",
    "aufheben",
    "aufschiebende_wirkung_entziehen",
    "aufschiebende_wirkung_erteilen",
    "beschwerde_erfassen",
    "beschwerdeentscheid_erfassen",
    "entwurf_bearbeiten",
    "eroeffnen",
    "fallblock",
    "gehoer_erfassen",
    "gehoer_gewahrt",
    "gehoer_nachholen",
    "genehmigen",
    "ist_vollstreckbar",
    "pdf_erzeugen",
    "pdf_kontext",
    "rechtskraft_eintragen",
    "rechtskraft_faellige",
    "rechtskraft_feststellen",
    "verfuegung_entwerfen",
    "verfuegung_uebergang",
    "versetzungsverfuegung_entwerfen",
    "weiterzug_erfassen",
    "zur_genehmigung_vorlegen",
    "zurueckweisen",
]
