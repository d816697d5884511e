"""R-38-1 (§ 38 Abs. 1 JVG): the Art. 59/63 check at Eröffnung (issue 25, survivor
`zwangsmedizin/domain/entscheid.py:263`).

A massnahmenindizierte Zwangsmedikation is ordered only while the case executes an Art. 59 or Art. 63 StGB
measure. The request checks it; the Eröffnung checks it again, because the case may change between the
request and the order: then the order is refused with the § and nothing takes effect. Just inside: the same
flow with the measure unchanged is ordered.
"""

import pytest
from django.core.exceptions import ValidationError

from verfuegungen.recht import Verfuegungsstatus
from vollzug.models import Sanktion
from vollzug.recht import Sanktionsart
from zwangsmedizin.domain import entscheid, information, medikation
from zwangsmedizin.models import Zwangsmedikation
from zwangsmedizin.recht import Medikationsstatus

from .hilfen import daten_38, durchziehen, fall_zugeteilt, pdf


@pytest.fixture
def fall_59(sachbearbeitung, anstalt_a, medizin):
    return fall_zugeteilt(
        sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin, art=Sanktionsart.STATIONAERE_MASSNAHME
    )


def _bis_zur_eroeffnung(fall, arzt, sb, sb2, *, vorher=None):
    m = medikation.antrag_stellen(fall=fall, daten=daten_38(), durch=arzt, empfehlung_dokument=pdf())
    information.aufklaerung_erfassen(medikation=m, durch=arzt)
    v = entscheid.verfuegung_entwerfen(medikation=m, begruendung="Voraussetzungen erfüllt.", durch=sb)
    if vorher:
        vorher()
    durchziehen(v, entwerfer=sb, genehmiger=sb2)
    return m


@pytest.mark.rule("R-38-1", grenze=True)
def test_fall_ohne_massnahme_59_63_seit_dem_antrag_wird_nicht_angeordnet(
    fall_59, medizin, sachbearbeitung, sachbearbeitung2
):
    def massnahme_aufgehoben():
        # The court converted the measure into a prison sentence after the request (Art. 62c StGB).
        Sanktion.objects.filter(entscheid__fall=fall_59).update(
            art=Sanktionsart.FREIHEITSSTRAFE, dauer_monate=8
        )

    with pytest.raises(ValidationError) as exc:
        _bis_zur_eroeffnung(fall_59, medizin, sachbearbeitung, sachbearbeitung2, vorher=massnahme_aufgehoben)

    assert [e.message for e in exc.value.error_dict["art"]] == [
        "§ 38 Abs. 1 JVG (R-38-1): Massnahmenindizierte Zwangsmedikation nur bei einer stationären "
        "therapeutischen Massnahme nach Art. 59 StGB oder einer ambulanten Massnahme nach Art. 63 StGB "
        "– nicht bei Freiheitsstrafe oder Verwahrung (Art. 64 StGB)."
    ]
    m = Zwangsmedikation.objects.select_related("verfuegung").get()
    assert (m.status, m.angeordnet_am, m.naechste_ueberpruefung_am) == (
        Medikationsstatus.BEANTRAGT,
        None,
        None,
    )
    assert m.verfuegung.status != Verfuegungsstatus.EROEFFNET and m.verfuegung.eroeffnet_am is None


@pytest.mark.rule("R-38-1", grenze=True)
def test_fall_mit_massnahme_59_wird_angeordnet(fall_59, medizin, sachbearbeitung, sachbearbeitung2):
    m = _bis_zur_eroeffnung(fall_59, medizin, sachbearbeitung, sachbearbeitung2)

    m = Zwangsmedikation.objects.select_related("verfuegung").get(pk=m.pk)
    assert m.status == Medikationsstatus.ANGEORDNET
    assert m.verfuegung.status == Verfuegungsstatus.EROEFFNET
    assert m.angeordnet_am == m.verfuegung.eroeffnet_am and m.naechste_ueberpruefung_am is not None
