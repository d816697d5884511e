"""R-0-GEHOER-1 (Art. 29 Abs. 2 BV: hearing before a burdening decision, or afterwards with Gefahr im
Verzug) – survivors of the mutation run (issue 25, session 8):

- the hearing held afterwards needs the person's statement: an empty one is refused, nothing stored;
- it may be held at the very minute Gefahr im Verzug was noted, not one minute before;
- an unknown kind of hearing is refused with the message of the rule, nothing stored;
- the Fristenkontrolle entry of the hearing to be held names the facility where the person is placed;
- the API tells whether a decision is burdening (hearing first), a read-only field in the schema.
"""

from datetime import datetime, timedelta

import pytest
import time_machine
import yaml
from django.core.exceptions import ValidationError
from django.utils import timezone

from kern.erweiterungen import QUELLEN
from kern.fristen import TZ
from tests.factories import fall_anlegen
from verfuegungen import domain
from verfuegungen.models import Anhoerung
from verfuegungen.recht import Anhoerungsart, Verfuegungstyp

from .test_api import api_als, url
from .test_verfuegungen import _entwurf, _meldung

pytestmark = pytest.mark.django_db

T = Verfuegungstyp
VERMERK = datetime(2026, 4, 14, 22, 30, tzinfo=TZ)


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.fixture
def gefahr(sachbearbeitung, fall_a):
    """Zwangsernährung (§ 39) drafted and Gefahr im Verzug noted on 14.04.2026 22:30."""
    with time_machine.travel(VERMERK, tick=False):
        v = _entwurf(T.ZWANGSERNAEHRUNG_39, sachbearbeitung, fall_a)
        return domain.gehoer_erfassen(
            verfuegung=v,
            art=Anhoerungsart.GEFAHR_IM_VERZUG,
            begruendung="Verweigert seit fünf Tagen Nahrung und Flüssigkeit.",
            durch=sachbearbeitung,
        )


def _gespeichert(a: Anhoerung) -> tuple:
    a.refresh_from_db()
    return a.nachgeholt_am, a.nachgeholt_text, a.history.count()


@pytest.mark.rule("R-0-GEHOER-1")
@pytest.mark.parametrize("text", ["", "   \n"])
def test_nachholen_ohne_stellungnahme_abgelehnt(gefahr, sachbearbeitung, text):
    with time_machine.travel(VERMERK + timedelta(days=1), tick=False), pytest.raises(ValidationError) as e:
        domain.gehoer_nachholen(anhoerung=gefahr, text=text, durch=sachbearbeitung)
    assert _meldung(e, "text") == "R-0-GEHOER-1: Die Stellungnahme der Person erfassen."
    assert _gespeichert(gefahr) == (None, "", 1)


@pytest.mark.rule("R-0-GEHOER-1")
def test_nachholen_in_der_minute_des_vermerks_gespeichert_eine_minute_davor_abgelehnt(
    gefahr, sachbearbeitung
):
    with time_machine.travel(VERMERK + timedelta(hours=10), tick=False):
        with pytest.raises(ValidationError) as e:
            domain.gehoer_nachholen(
                anhoerung=gefahr,
                text="Ich esse wieder.",
                am=VERMERK - timedelta(minutes=1),
                durch=sachbearbeitung,
            )
        assert _meldung(e, "am") == "Die Anhörung kann nicht vor dem Vermerk «Gefahr im Verzug» liegen."
        assert _gespeichert(gefahr) == (None, "", 1)

        domain.gehoer_nachholen(
            anhoerung=gefahr, text="  Ich esse wieder. ", am=VERMERK, durch=sachbearbeitung
        )
    assert _gespeichert(gefahr) == (VERMERK, "Ich esse wieder.", 2)


@pytest.mark.rule("R-0-GEHOER-1", "R-0-BAD-1")
@pytest.mark.parametrize("art", ["anhoerung", "", "VERZICHT"])
def test_unbekannte_art_der_anhoerung_abgelehnt(sachbearbeitung, fall_a, art):
    v = _entwurf(T.ZWANGSMEDIKATION_36, sachbearbeitung, fall_a)
    with pytest.raises(ValidationError) as e:
        domain.gehoer_erfassen(verfuegung=v, art=art, text="Ich bin dagegen.", durch=sachbearbeitung)
    assert _meldung(e, "art") == "Unbekannte Art der Anhörung (R-0-GEHOER-1)."
    assert not Anhoerung.objects.exists()


@pytest.mark.rule("R-0-GEHOER-1")
def test_frist_zum_nachholen_nennt_die_einrichtung_der_person(gefahr, sachbearbeitung, anstalt_a):
    quelle = QUELLEN["verfuegung_gehoer_nachholen"][1]
    [eintrag] = quelle(sachbearbeitung, timezone.localdate())
    assert (eintrag.anstalt_id, eintrag.anstalt_name, eintrag.regel) == (
        anstalt_a.pk,
        anstalt_a.name,
        "R-0-GEHOER-1",
    )
    assert anstalt_a.name


@pytest.mark.rule("R-0-GEHOER-1")
def test_api_zeigt_ob_die_verfuegung_belastend_ist_nur_lesbar(client, sachbearbeitung, fall_a):
    belastend = _entwurf(T.ZWANGSERNAEHRUNG_39, sachbearbeitung, fall_a)
    nicht = _entwurf(T.VERSETZUNG_17, sachbearbeitung, fall_a)
    api = api_als(sachbearbeitung)
    assert api.get(url(belastend)).json()["belastend"] is True
    assert api.get(url(nicht)).json()["belastend"] is False

    client.force_login(sachbearbeitung)
    schema = yaml.safe_load(client.get("/api/schema/").content)
    feld = schema["components"]["schemas"]["Verfuegung"]["properties"]["belastend"]
    assert (feld["type"], feld.get("readOnly")) == ("boolean", True)
