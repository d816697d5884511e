"""Mutants of R-0-VFG-2 (Eröffnung) that survived the marked tests (issue 25, session 7).

- `verfuegungen/serializers.py:193/194, 242/243`: the API schema shows the end of the appeal deadline and
  the decision date as read-only and empty until set – the system computes both, nobody writes them.
- `sicherheitsmassnahmen/domain/eroeffnung.py:42`: the Eröffnung of a § 31 decision activates its measure
  from the oral announcement that came first (both dates recorded, the deadline runs from the written one).
- `zwangsmedizin/domain/_hilfen.py:40–47`: a recorded moment of §§ 34–39 is never post-dated: now is the
  last moment accepted, the moment it may not precede is the first.
"""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from drf_spectacular.generators import SchemaGenerator

from kern.fristen import TZ
from sicherheitsmassnahmen.models import Sicherheitsmassnahme
from sicherheitsmassnahmen.recht import Massnahmenstatus
from tests.sicherheitsmassnahmen.hilfen import (  # noqa: F401  (fixture fall_a)
    anordnen,
    beantragen,
    eroeffnen,
    fixture_fall_a,
)
from verfuegungen.models import Verfuegung
from verfuegungen.recht import EroeffnungArt, Verfuegungsstatus
from zwangsmedizin.domain._hilfen import zeitpunkt

JETZT = datetime(2026, 6, 10, 15, 0, tzinfo=TZ)


@pytest.mark.rule("R-0-VFG-2")
def test_api_schema_fristende_und_entscheiddatum_nur_lesbar_und_leer_moeglich():
    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    for name in ("Verfuegung", "VerfuegungUebersicht"):
        feld = schemas[name]["properties"]["rechtsmittelfristEnde"]
        assert (feld.get("readOnly"), feld.get("nullable"), feld.get("format")) == (True, True, "date"), name
    feld = schemas["Verfuegung"]["properties"]["entscheidDatum"]
    assert (feld.get("readOnly"), feld.get("nullable"), feld.get("format")) == (True, True, "date")


@pytest.mark.django_db
@pytest.mark.rule("R-0-VFG-2")
def test_eroeffnung_aktiviert_die_massnahme_ab_der_muendlichen_eroeffnung(fall_a, personal_a, leitung_a):  # noqa: F811
    with time_machine.travel(datetime(2026, 6, 10, 9, 0, tzinfo=TZ), tick=False):
        m = beantragen(fall_a, personal_a)
        anordnen(m, leitung_a)
    with time_machine.travel(JETZT, tick=False):
        eroeffnen(m, personal_a, muendlich_am=datetime(2026, 6, 10, 9, 30, tzinfo=TZ))
    v = Verfuegung.objects.get(pk=m.verfuegung_id)
    assert (v.status, v.eroeffnung_art) == (Verfuegungsstatus.EROEFFNET, EroeffnungArt.EINSCHREIBEN)
    assert (v.eroeffnet_am, v.muendlich_eroeffnet_am) == (JETZT, datetime(2026, 6, 10, 9, 30, tzinfo=TZ))
    g = Sicherheitsmassnahme.objects.get(pk=m.pk)
    assert (g.status, g.aktiv_seit) == (Massnahmenstatus.AKTIV, datetime(2026, 6, 10, 9, 30, tzinfo=TZ))
    assert g.history.latest("history_id").history_change_reason == (
        "Eröffnet: vollzogen ab 10.06.2026 09:30 (§ 44 JVG)"
    )


def _meldung(e: pytest.ExceptionInfo, feld: str) -> list[str]:
    return e.value.message_dict[feld]


@pytest.mark.rule("R-0-VFG-2", grenze=True)
def test_zeitpunkt_der_zwangsmedizin_nie_in_der_zukunft_nie_vor_dem_beginn():
    beginn = JETZT - timedelta(hours=1)
    with time_machine.travel(JETZT, tick=False):
        # Just inside: now, the beginning itself, and no moment given (= now).
        assert zeitpunkt(JETZT, "am") == JETZT
        assert zeitpunkt(beginn, "am", nicht_vor=beginn) == beginn
        assert zeitpunkt(None, "am", nicht_vor=beginn) == JETZT
        falsch = [
            (JETZT + timedelta(microseconds=1), None, "Der Zeitpunkt kann nicht in der Zukunft liegen."),
            (beginn - timedelta(microseconds=1), beginn, "Der Zeitpunkt liegt vor dem 10.06.2026 14:00."),
            (datetime(2026, 6, 10, 14, 0), None, "Zeitpunkt ohne Zeitzone."),
            ("10.06.2026", None, "Zeitpunkt ohne Zeitzone."),
        ]
        for am, nicht_vor, text in falsch:
            with pytest.raises(ValidationError) as e:
                zeitpunkt(am, "am", nicht_vor=nicht_vor)
            assert _meldung(e, "am") == [text], am
