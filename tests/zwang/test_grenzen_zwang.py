"""Boundary tests (issue 25) of § 33 JVG, unmittelbarer Zwang (R-33-1): the protocol's times (not in the future,
end not before start, medical check not before the force) and its completeness at submission. Just inside
(stored, read back), just outside (German message naming the §, nothing stored), bad input.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from kern.fristen import TZ
from zwang import domain
from zwang.models import Zwangsprotokoll

from . import hilfen
from .hilfen import beteiligt, daten

fall_a = hilfen.fall_a  # fixture of the shared helper module

pytestmark = pytest.mark.django_db


def _erfassen(autor, fall, **kw):
    return domain.protokoll_erfassen(fall=fall, daten=daten(**kw), beteiligte=beteiligt(autor), durch=autor)


@pytest.mark.rule("R-33-1", grenze=True)
def test_zeiten_jetzt_ja_eine_sekunde_spaeter_nein(personal_a, fall_a):
    # The clock stands still at a whole second after the case was placed (the fixture used the real clock).
    JETZT = timezone.now().astimezone(TZ).replace(microsecond=0) + timedelta(seconds=1)  # noqa: N806
    beginn = JETZT - timedelta(minutes=8)
    with time_machine.travel(JETZT, tick=False):
        falsch = [
            ({"beginn": beginn, "ende": JETZT + timedelta(seconds=1)}, "ende", "zukunft"),
            ({"beginn": beginn, "ende": beginn - timedelta(seconds=1)}, "ende", "ende_vor_beginn"),
            (
                {"beginn": beginn, "ende": JETZT, "arztkontrolle_am": beginn - timedelta(seconds=1)},
                "arztkontrolle_am",
                "kontrolle_vor_beginn",
            ),
            ({"beginn": beginn.replace(tzinfo=None), "ende": None}, "beginn", "zeitzone_fehlt"),
            ({"beginn": beginn, "ende": JETZT, "mittel": ["taser"]}, "mittel", "mittel_ungueltig"),
            (
                {"beginn": beginn, "ende": JETZT, "mittel": ["festhalten", "festhalten"]},
                "mittel",
                "mittel_ungueltig",
            ),
        ]
        for kw, feld, code in falsch:
            with pytest.raises(ValidationError) as e:
                _erfassen(personal_a, fall_a, **kw)
            assert [f.code for f in e.value.error_dict[feld]] == [code]
            assert e.value.message_dict[feld][0].startswith("§ 33 Abs. 4 JVG (R-33-1)")
            assert not Zwangsprotokoll.objects.exists()

        # Just inside: the force ended now, the medical check at its very start; a draft may also end
        # at the moment it began.
        p = _erfassen(personal_a, fall_a, beginn=beginn, ende=JETZT, arztkontrolle_am=beginn)
        kurz = _erfassen(personal_a, fall_a, beginn=beginn, ende=beginn, arztkontrolle_am=beginn)
    assert Zwangsprotokoll.objects.filter(pk=kurz.pk).values_list("beginn", "ende").get() == (beginn, beginn)
    g = Zwangsprotokoll.objects.get(pk=p.pk)
    assert (g.beginn, g.ende, g.arztkontrolle_am, g.erfasst_durch_id) == (
        beginn,
        JETZT,
        beginn,
        personal_a.pk,
    )
    assert g.history.get().history_user_id == personal_a.pk


@pytest.mark.rule("R-33-1", grenze=True)
def test_einreichen_nur_vollstaendig_mit_zweck(personal_a, fall_a):
    p = _erfassen(personal_a, fall_a, zweck_a=False, ort="  ")
    with pytest.raises(ValidationError) as e:
        domain.protokoll_einreichen(protokoll=p, durch=personal_a)
    assert e.value.message_dict["zweck"][0].startswith("§ 33 Abs. 1 JVG (R-33-1): Mindestens einen Zweck")
    assert e.value.message_dict["ort"] == ["§ 33 Abs. 4 JVG (R-33-1): Den Ort angeben."]
    g = Zwangsprotokoll.objects.get(pk=p.pk)
    assert (g.status, g.eingereicht_am) == ("entwurf", None)

    q = _erfassen(personal_a, fall_a, zweck_a=False, zweck_c=True)
    domain.protokoll_einreichen(protokoll=q, durch=personal_a)
    g = Zwangsprotokoll.objects.get(pk=q.pk)
    assert (g.status, g.zweck_a, g.zweck_c, g.eingereicht_am is not None) == (
        "eingereicht",
        False,
        True,
        True,
    )
