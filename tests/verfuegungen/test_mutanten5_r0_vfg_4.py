"""R-0-VFG-4 (§ 44 JVG): proofs the mutation run of issue 25 (session 7, helper m5_c) showed missing.

- `verfuegungen/domain/rechtsmittel.py:81/82, 87/88`: suspensive effect is granted by the appeal instance
  only during an appeal, and not to an appeal that has it by law already (§ 44: only decisions without it
  can be given it).
- `verfuegungen/domain/rechtskraft.py:90, 96, 101, 103`: a decision is executable from the very moment
  suspensive effect is withdrawn, and no longer from the moment the appeal instance grants it; an upheld
  appeal stops execution even of a decision without suspensive effect.
- `verfuegungen/serializers.py:200, 208`: the API shows the suspensive effect read-only, and an approved
  decision not yet notified as not executable.
- `verfuegungen/domain/rechtsmittel.py:105/106, 109/110`: the deciding authority withdraws suspensive
  effect only where it exists and only once, and no longer once the decision is rechtskräftig; the first
  withdrawal is stored with its reason.
"""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from drf_spectacular.generators import SchemaGenerator

from kern.fristen import TZ
from verfuegungen import domain
from verfuegungen.domain.rechtskraft import rechtskraft_eintragen
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Beschwerdeergebnis, Verfuegungsstatus, Verfuegungstyp

from .test_api import api_als
from .test_verfuegungen import (  # noqa: F401  (fixtures disziplinar_eroeffnet, fall_a)
    _behoerde_genehmigt,
    _disziplinar_genehmigt,
    _eroeffnen,
    _meldung,
    disziplinar_eroeffnet,
    fall_a,
)

S = Verfuegungsstatus
ERSTER_TAG = datetime(2026, 3, 30, 10, 0, tzinfo=TZ)


@pytest.fixture
def versetzung_eroeffnet(sachbearbeitung, sachbearbeitung2, fall_a):  # noqa: F811
    with time_machine.travel(ERSTER_TAG, tick=False):
        v = _behoerde_genehmigt(Verfuegungstyp.VERSETZUNG_17, sachbearbeitung, sachbearbeitung2, fall_a)
        return _eroeffnen(v, sachbearbeitung)


@pytest.mark.rule("R-0-VFG-4")
def test_entzug_nur_wo_aufschiebende_wirkung_besteht_und_nur_einmal(
    disziplinar_eroeffnet,  # noqa: F811
    versetzung_eroeffnet,
    sachbearbeitung,
    leitung_a,
):
    # A Disziplinarverfügung has no suspensive effect (§ 44): nothing to withdraw.
    with pytest.raises(ValidationError) as e:
        domain.aufschiebende_wirkung_entziehen(
            verfuegung=disziplinar_eroeffnet, begruendung="Gefahr für Mitgefangene", durch=leitung_a
        )
    assert _meldung(e, "begruendung") == "R-0-VFG-4: Hier gibt es keine aufschiebende Wirkung zu entziehen."
    assert Verfuegung.objects.get(pk=disziplinar_eroeffnet.pk).aufschiebende_wirkung_entzogen_am is None

    with time_machine.travel(datetime(2026, 4, 1, 9, 0, tzinfo=TZ), tick=False):
        domain.aufschiebende_wirkung_entziehen(
            verfuegung=versetzung_eroeffnet, begruendung="Sicherheit der Mitgefangenen", durch=sachbearbeitung
        )
    with (
        time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=TZ), tick=False),
        pytest.raises(ValidationError) as e,
    ):
        domain.aufschiebende_wirkung_entziehen(
            verfuegung=versetzung_eroeffnet, begruendung="Nochmals", durch=sachbearbeitung
        )
    assert _meldung(e, "begruendung") == "R-0-VFG-4: Hier gibt es keine aufschiebende Wirkung zu entziehen."
    v = Verfuegung.objects.get(pk=versetzung_eroeffnet.pk)
    assert (v.aufschiebende_wirkung_entzogen_am, v.aufschiebende_wirkung_entzug_begruendung) == (
        datetime(2026, 4, 1, 9, 0, tzinfo=TZ),
        "Sicherheit der Mitgefangenen",
    )


@pytest.mark.rule("R-0-VFG-4")
def test_kein_entzug_nach_rechtskraft(versetzung_eroeffnet, sachbearbeitung):
    # Day 20 ends Monday 20.04.2026; unchallenged, the decision is rechtskräftig on 21.04.
    assert rechtskraft_eintragen(heute=date(2026, 4, 21)) == 1
    v = Verfuegung.objects.get(pk=versetzung_eroeffnet.pk)
    assert v.status == S.RECHTSKRAEFTIG
    with pytest.raises(ValidationError) as e:
        domain.aufschiebende_wirkung_entziehen(verfuegung=v, begruendung="Zu spät", durch=sachbearbeitung)
    assert _meldung(e, "begruendung") == "R-0-VFG-4: In diesem Status ist kein Entzug mehr möglich."
    v.refresh_from_db()
    assert (v.aufschiebende_wirkung_entzogen_am, v.aufschiebende_wirkung_entzug_begruendung) == (None, "")


@pytest.mark.rule("R-0-VFG-4")
def test_erteilen_nur_waehrend_der_beschwerde_und_nicht_bei_aufschiebender_wirkung_von_gesetzes_wegen(
    disziplinar_eroeffnet,  # noqa: F811
    versetzung_eroeffnet,
    sachbearbeitung,
):
    # Eröffnet, not (yet) challenged: the appeal instance has nothing to grant.
    with pytest.raises(ValidationError) as e:
        domain.aufschiebende_wirkung_erteilen(verfuegung=disziplinar_eroeffnet, durch=sachbearbeitung)
    assert _meldung(e, "status") == (
        "§ 44 JVG (R-0-VFG-4): Aufschiebende Wirkung erteilt die Beschwerdeinstanz während der Beschwerde."
    )
    assert Verfuegung.objects.get(pk=disziplinar_eroeffnet.pk).aufschiebende_wirkung_erteilt_am is None
    # A Versetzung (§ 17) has suspensive effect by law: an appeal against it cannot be given it again.
    domain.beschwerde_erfassen(
        verfuegung=versetzung_eroeffnet, eingegangen_am=date(2026, 4, 2), durch=sachbearbeitung
    )
    v = Verfuegung.objects.get(pk=versetzung_eroeffnet.pk)
    assert (v.status, v.aufschiebende_wirkung) == (S.ANGEFOCHTEN, True)
    with pytest.raises(ValidationError) as e:
        domain.aufschiebende_wirkung_erteilen(verfuegung=v, durch=sachbearbeitung)
    assert _meldung(e, "status") == "§ 44 JVG (R-0-VFG-4): Die Beschwerde hat bereits aufschiebende Wirkung."
    v.refresh_from_db()
    assert (v.aufschiebende_wirkung_erteilt_am, v.aufschiebende_wirkung_erteilt_durch_instanz) == (None, "")


@pytest.mark.rule("R-0-VFG-4")
def test_gutgeheissene_beschwerde_macht_auch_ohne_aufschiebende_wirkung_nicht_vollstreckbar(
    disziplinar_eroeffnet,  # noqa: F811
    sachbearbeitung,
):
    v = disziplinar_eroeffnet
    assert (v.aufschiebende_wirkung, domain.ist_vollstreckbar(v)) == (False, True)
    with time_machine.travel(datetime(2026, 4, 20, 10, 0, tzinfo=TZ), tick=False):
        domain.beschwerde_erfassen(verfuegung=v, eingegangen_am=date(2026, 4, 2), durch=sachbearbeitung)
        v.refresh_from_db()
        domain.beschwerdeentscheid_erfassen(
            verfuegung=v,
            ergebnis=Beschwerdeergebnis.GUTGEHEISSEN,
            am=date(2026, 4, 20),
            durch=sachbearbeitung,
        )
    v = Verfuegung.objects.get(pk=v.pk)
    assert (v.status, v.beschwerde.ergebnis) == (S.BESCHWERDEENTSCHEID, Beschwerdeergebnis.GUTGEHEISSEN)
    assert domain.ist_vollstreckbar(v) is False


@pytest.mark.rule("R-0-VFG-4", grenze=True)
def test_nach_abweisung_vollstreckbar_ab_dem_moment_des_entzugs_grenze(versetzung_eroeffnet, sachbearbeitung):
    entzug = datetime(2026, 4, 1, 9, 0, tzinfo=TZ)
    with time_machine.travel(entzug, tick=False):
        domain.aufschiebende_wirkung_entziehen(
            verfuegung=versetzung_eroeffnet, begruendung="Sicherheit der Mitgefangenen", durch=sachbearbeitung
        )
    with time_machine.travel(datetime(2026, 4, 22, 10, 0, tzinfo=TZ), tick=False):
        domain.beschwerde_erfassen(
            verfuegung=versetzung_eroeffnet, eingegangen_am=date(2026, 4, 2), durch=sachbearbeitung
        )
        v = Verfuegung.objects.get(pk=versetzung_eroeffnet.pk)
        domain.beschwerdeentscheid_erfassen(
            verfuegung=v, ergebnis=Beschwerdeergebnis.ABGEWIESEN, am=date(2026, 4, 20), durch=sachbearbeitung
        )
    v = Verfuegung.objects.get(pk=v.pk)
    assert (v.status, v.aufschiebende_wirkung, v.aufschiebende_wirkung_entzogen_am) == (
        S.BESCHWERDEENTSCHEID,
        True,
        entzug,
    )
    assert domain.ist_vollstreckbar(v, entzug) is True
    assert domain.ist_vollstreckbar(v, entzug - timedelta(seconds=1)) is False


@pytest.mark.rule("R-0-VFG-4")
def test_api_schema_aufschiebende_wirkung_nur_lesbar():
    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    feld = schemas["Verfuegung"]["properties"]["aufschiebendeWirkung"]
    assert (feld.get("readOnly"), feld.get("type")) == (True, "boolean")
    assert feld["description"] == "§ 44 JVG: hat eine Beschwerde von Gesetzes wegen aufschiebende Wirkung?"


@pytest.mark.rule("R-0-VFG-4", grenze=True)
def test_disziplinar_nicht_mehr_vollstreckbar_ab_dem_moment_der_erteilung_grenze(
    disziplinar_eroeffnet,  # noqa: F811
    sachbearbeitung,
):
    erteilt = datetime(2026, 4, 3, 11, 0, tzinfo=TZ)
    with time_machine.travel(erteilt, tick=False):
        domain.beschwerde_erfassen(
            verfuegung=disziplinar_eroeffnet, eingegangen_am=date(2026, 4, 2), durch=sachbearbeitung
        )
        v = Verfuegung.objects.get(pk=disziplinar_eroeffnet.pk)
        domain.aufschiebende_wirkung_erteilen(verfuegung=v, durch=sachbearbeitung)
    v = Verfuegung.objects.get(pk=v.pk)
    assert (v.status, v.aufschiebende_wirkung_erteilt_am) == (S.ANGEFOCHTEN, erteilt)
    assert domain.ist_vollstreckbar(v, erteilt - timedelta(seconds=1)) is True
    assert domain.ist_vollstreckbar(v, erteilt) is False


@pytest.mark.rule("R-0-VFG-4", grenze=True)
def test_versetzung_vollstreckbar_ab_dem_moment_des_entzugs_grenze(versetzung_eroeffnet, sachbearbeitung):
    entzug = datetime(2026, 4, 1, 9, 0, tzinfo=TZ)
    with time_machine.travel(entzug, tick=False):
        domain.aufschiebende_wirkung_entziehen(
            verfuegung=versetzung_eroeffnet, begruendung="Sicherheit der Mitgefangenen", durch=sachbearbeitung
        )
    v = Verfuegung.objects.get(pk=versetzung_eroeffnet.pk)
    assert (v.status, v.aufschiebende_wirkung_entzogen_am) == (S.EROEFFNET, entzug)
    assert domain.ist_vollstreckbar(v, entzug - timedelta(seconds=1)) is False
    assert domain.ist_vollstreckbar(v, entzug) is True


@pytest.mark.rule("R-0-VFG-4")
def test_api_genehmigte_disziplinarverfuegung_vor_eroeffnung_nicht_vollstreckbar(
    personal_a,
    leitung_a,
    anstalt_a,
    fall_a,  # noqa: F811
):
    v = _disziplinar_genehmigt(personal_a, leitung_a, fall_a, anstalt_a)
    daten = api_als(leitung_a).get(f"/api/v1/verfuegungen/{v.pk}/").json()
    # No suspensive effect (§ 44), yet nothing to execute before the Eröffnung.
    assert (daten["status"], daten["eroeffnetAm"], daten["aufschiebendeWirkung"], daten["vollstreckbar"]) == (
        S.GENEHMIGT,
        None,
        False,
        False,
    )
