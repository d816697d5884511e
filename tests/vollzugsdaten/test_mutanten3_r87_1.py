"""R-STGB-87-1 (Art. 87 Abs. 1 StGB: Probezeit of one to five years) under mutation (issue 25).

The check of the Probezeit (`entlassung._probezeit_pruefen`) was part of `_gewaehrung_pruefen`, whose
docstring named the rule only as "-87-1"; its mutants were counted under R-STGB-86-1, and the two mutants
of R-STGB-87-1 were those of the neighbouring constraint of Art. 86 Abs. 3. Boundaries: 1 and 5 years
stored; 0, 6 and none refused at the field, nothing drafted.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from verfuegungen.models import Verfuegung
from vollzugsdaten import domain
from vollzugsdaten.models import Entlassungspruefung
from vollzugsdaten.recht import Ergebnis, Pruefungsstatus

from .test_entlassung import _vorbereitet

pytestmark = pytest.mark.django_db


def _gewaehren(p, sb, jahre):
    return domain.entscheid_entwerfen(
        pruefung=p,
        ergebnis=Ergebnis.GEWAEHRT,
        begruendung="Gute Prognose.",
        entlassung_am=date(2026, 10, 11),
        probezeit_jahre=jahre,
        durch=sb,
    )


@pytest.mark.rule("R-STGB-87-1", grenze=True)
@pytest.mark.parametrize("jahre", [1, 5])
def test_probezeit_grenze_innerhalb_gespeichert(fall_im_vollzug, sachbearbeitung, leitung_a, jahre):
    domain.aktuelle_berechnung(fall_im_vollzug)
    p = _vorbereitet(Entlassungspruefung.objects.get(fall=fall_im_vollzug), sachbearbeitung, leitung_a)
    v = _gewaehren(p, sachbearbeitung, jahre)
    g = Entlassungspruefung.objects.get(pk=p.pk)
    assert (g.status, g.ergebnis, g.probezeit_jahre, g.verfuegung) == (
        Pruefungsstatus.ENTSCHEID_ENTWORFEN,
        Ergebnis.GEWAEHRT,
        jahre,
        v,
    )
    text = "1 Jahr (" if jahre == 1 else "5 Jahre ("
    assert f"Die Probezeit beträgt {text}Art. 87 Abs. 1 StGB)." in v.dispositiv


@pytest.mark.rule("R-STGB-87-1", grenze=True)
@pytest.mark.parametrize("jahre", [0, 6, None])
def test_probezeit_grenze_ausserhalb_abgelehnt_nichts_gespeichert(
    fall_im_vollzug, sachbearbeitung, leitung_a, jahre
):
    domain.aktuelle_berechnung(fall_im_vollzug)
    p = _vorbereitet(Entlassungspruefung.objects.get(fall=fall_im_vollzug), sachbearbeitung, leitung_a)
    with pytest.raises(ValidationError) as e:
        _gewaehren(p, sachbearbeitung, jahre)
    assert e.value.message_dict == {
        "probezeit_jahre": ["Die Probezeit beträgt ein bis fünf Jahre (Art. 87 Abs. 1 StGB)."]
    }
    g = Entlassungspruefung.objects.get(pk=p.pk)
    assert (g.status, g.ergebnis, g.probezeit_jahre, g.verfuegung) == (p.status, "", None, None)
    assert not Verfuegung.objects.exists()
