"""R-41-1 (§ 41 Abs. 1 JVG): the proofs that the mutation run (issue 25) showed missing.

Only Einschluss and Arrest (lit. e, f) have a period of execution: a start *or* an end given for any
other sanction is refused at the row, each on its own (not only both together).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from disziplinar import domain
from disziplinar.domain import SanktionDaten
from disziplinar.recht import Disziplinarsanktionsart as A
from vollzug.models import Anstalt
from vollzug.recht import Traegerschaft

KANTONAL = Anstalt(name="K", kurzname="K", ort="L", traegerschaft=Traegerschaft.KANTONAL)


@pytest.mark.rule("R-41-1", grenze=True)
@pytest.mark.parametrize(
    "sanktion",
    [
        SanktionDaten(A.BUSSE, betrag_chf=Decimal("50.00"), vollzug_beginn=date(2026, 12, 7)),
        SanktionDaten(A.VERWEIS, vollzug_ende=date(2026, 12, 9)),
        SanktionDaten(A.ENTZUG, beschreibung="Ausgang", vollzug_beginn=date(2026, 12, 7)),
    ],
    ids=["busse-nur-beginn", "verweis-nur-ende", "entzug-nur-beginn"],
)
def test_vollzugszeitraum_nur_bei_einschluss_und_arrest_auch_halb_angegeben(sanktion):
    with pytest.raises(ValidationError) as exc:
        domain.sanktionen_pruefen(KANTONAL, [sanktion])
    [meldung] = exc.value.message_dict["sanktionen[0].vollzug_beginn"]
    assert meldung.startswith("§ 41 Abs. 1 lit.")
    assert meldung.endswith("(R-41-1): Ein Vollzugszeitraum gibt es nur bei Einschluss und Arrest.")
