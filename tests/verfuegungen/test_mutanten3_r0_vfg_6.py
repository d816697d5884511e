"""Mutants of R-0-VFG-6 (§ 45 Abs. 2 JVG: disciplinary appeals free unless abusive) that survived (issue 25).

- `serializers.py:146/278`: the API schema shows the costs of an appeal and the costs notice read-only
  (the system decides them).
- `serializers.py:467`: the client's control value `kostenAuferlegt` may be empty; a value that differs
  from the system's decision is refused with the § 45 message, nothing stored.
"""

from datetime import date

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.factories import fall_anlegen
from verfuegungen import domain
from verfuegungen.models import Beschwerde, Verfuegung
from verfuegungen.recht import Beschwerdeergebnis, EroeffnungArt, Verfuegungsstatus

from .test_api import _stand, api_als, reise, url
from .test_verfuegungen import _disziplinar_genehmigt

pytestmark = pytest.mark.django_db


@pytest.fixture
def disziplinar_eroeffnet(personal_a, leitung_a, anstalt_a, sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with reise(date(2026, 3, 30)):
        v = _disziplinar_genehmigt(personal_a, leitung_a, fall, anstalt_a)
        return domain.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)


def _beschwerde(v, client) -> None:
    antwort = client.post(url(v, "beschwerde"), {"eingegangenAm": "2026-04-02"}, format="json")
    assert antwort.status_code == 200


@pytest.mark.rule("R-0-VFG-6")
def test_kontrollwert_kosten_ohne_mutwilligkeit_abgelehnt_mit_meldung_der_disziplinarbeschwerde(
    disziplinar_eroeffnet, sachbearbeitung
):
    v = disziplinar_eroeffnet
    client = api_als(sachbearbeitung)
    _beschwerde(v, client)
    vorher = _stand(v)
    antwort = client.post(
        url(v, "beschwerdeentscheid"),
        {
            "ergebnis": "abgewiesen",
            "entschiedenAm": "2026-04-20",
            "mutwillig": False,
            "kostenAuferlegt": True,
        },
        format="json",
    )
    assert antwort.status_code == 400
    assert antwort.json() == {
        "kostenAuferlegt": [
            "§ 45 Abs. 2 JVG: Das Beschwerdeverfahren ist kostenlos, ausser die Beschwerde wurde mutwillig "
            "erhoben (`mutwillig`)."
        ]
    }
    assert _stand(v) == vorher
    assert Beschwerde.objects.get(verfuegung=v).ergebnis == ""

    # An empty control value: the system decides (not abusive: no costs); stored.
    antwort = client.post(
        url(v, "beschwerdeentscheid"),
        {
            "ergebnis": "abgewiesen",
            "entschiedenAm": "2026-04-20",
            "mutwillig": False,
            "kostenAuferlegt": None,
        },
        format="json",
    )
    assert antwort.status_code == 200, antwort.json()
    b = Beschwerde.objects.get(verfuegung=v)
    assert (b.ergebnis, b.mutwillig, b.kosten_auferlegt) == (Beschwerdeergebnis.ABGEWIESEN, False, False)
    assert Verfuegung.objects.get(pk=v.pk).status == Verfuegungsstatus.BESCHWERDEENTSCHEID


@pytest.mark.rule("R-0-VFG-6")
def test_api_schema_kosten_nur_lesbar_kontrollwert_optional_und_leer_moeglich():
    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    assert schemas["Verfuegungsbeschwerde"]["properties"]["kostenAuferlegt"].get("readOnly") is True
    assert schemas["Verfuegung"]["properties"]["kostenhinweis"].get("readOnly") is True
    eingabe = schemas["BeschwerdeentscheidRequest"]
    assert eingabe["properties"]["kostenAuferlegt"].get("nullable") is True
    assert "kostenAuferlegt" not in eingabe.get("required", [])
