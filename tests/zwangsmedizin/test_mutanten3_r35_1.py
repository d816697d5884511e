"""Mutants of R-35-1 (§ 35 Abs. 2 JVG: a ground a–c) that survived the marked tests (issue 25).

- `medikation.py:89` `and → or`, `:95` `and → or`, `not in → in`: the grounds a–c of § 35 Abs. 2 are
  required for an ordinary Zwangsmedikation only; a massnahmenindizierte one (§ 38) may name one, and
  then only a–c. No test marked with R-35-1 made a § 38 request.
"""

import pytest
from django.core.exceptions import ValidationError

from vollzug.recht import Sanktionsart
from zwangsmedizin.domain import medikation
from zwangsmedizin.models import Zwangsmedikation

from .hilfen import daten_38, fall_zugeteilt, pdf

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-35-1", grenze=True)
def test_massnahmenindiziert_ohne_grund_oder_mit_grund_a_bis_c_gespeichert_lit_d_nicht(
    sachbearbeitung, anstalt_a, medizin
):
    fall = fall_zugeteilt(
        sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin, art=Sanktionsart.STATIONAERE_MASSNAHME
    )
    with pytest.raises(ValidationError) as e:
        medikation.antrag_stellen(
            fall=fall, daten=daten_38(grund="d"), durch=medizin, empfehlung_dokument=pdf()
        )
    assert e.value.message_dict == {"grund": ["Unbekannter Grund nach § 35 Abs. 2 JVG."]}
    assert not Zwangsmedikation.objects.exists()

    ohne = medikation.antrag_stellen(fall=fall, daten=daten_38(), durch=medizin, empfehlung_dokument=pdf())
    mit = medikation.antrag_stellen(
        fall=fall, daten=daten_38(grund="b"), durch=medizin, empfehlung_dokument=pdf()
    )
    gespeichert = {
        m.pk: (m.art, m.grund, m.status) for m in Zwangsmedikation.objects.filter(pk__in=[ohne.pk, mit.pk])
    }
    assert gespeichert == {
        ohne.pk: ("massnahmenindiziert", "", "beantragt"),
        mit.pk: ("massnahmenindiziert", "b", "beantragt"),
    }
