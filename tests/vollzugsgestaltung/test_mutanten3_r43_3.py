"""Mutants of R-43-3 (§ 43 Abs. 3 JVG) that survived the marked tests (issue 25).

- `oeffnungen.py:282` `[:200]`: the task's title is cut to the 200 characters of its field.
- `oeffnungen.py:306`: an opening for Art. 59 that nobody appealed has no Staatsanwaltschaft to invite.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kern.models import Aufgabe
from tests.factories import fall_anlegen, person_anlegen
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from vollzugsgestaltung import domain, recht
from vollzugsgestaltung.models import Vollzugsoeffnung

from .conftest import beantragen, eroeffnen
from .test_grenzen_b_vollzugsgestaltung import reise

pytestmark = pytest.mark.django_db

G = recht.Vollzugsgrundlage


def _entschieden(person, grundlage, sb, sb2, leitung_a, anstalt_a) -> Vollzugsoeffnung:
    """An opening decision notified on 03.03.2027 (not appealed)."""
    with reise(3):
        fall = fall_anlegen(durch=sb, person=person, eingewiesen_in=anstalt_a, monate=8)
        o = beantragen(fall, leitung_a, grundlage=grundlage)
        v = domain.oeffnung_entscheiden(oeffnung=o, bewilligen=False, begruendung="Rückfallgefahr.", durch=sb)
        eroeffnen(v, sb, sb2)
    return Vollzugsoeffnung.objects.get(pk=o.pk)


@pytest.mark.rule("R-43-3", grenze=True)
def test_aufgabe_mit_langem_namen_auf_200_zeichen_gekuerzt(
    sachbearbeitung, sachbearbeitung2, leitung_a, anstalt_a
):
    person = person_anlegen(durch=sachbearbeitung, amtlicher_name="N" * 100, vorname="V" * 100)
    o = _entschieden(person, G.ART_59, sachbearbeitung, sachbearbeitung2, leitung_a, anstalt_a)
    with reise(5):
        vfg.beschwerde_erfassen(
            verfuegung=Verfuegung.objects.get(pk=o.verfuegung_id),
            eingegangen_am=date(2027, 3, 4),
            durch=sachbearbeitung,
        )
    titel = Aufgabe.objects.get(art=recht.Aufgabenart.STELLUNGNAHME_STA, fall=o.fall).titel
    voll = f"§ 43 Abs. 3 JVG: Staatsanwaltschaft zur Beschwerde einladen – {person}"
    assert len(voll) > 201
    assert (len(titel), titel) == (200, voll[:200])


@pytest.mark.rule("R-43-3", grenze=True)
def test_ohne_beschwerde_keine_einladung_der_staatsanwaltschaft(
    sachbearbeitung, sachbearbeitung2, leitung_a, anstalt_a
):
    o = _entschieden(None, G.ART_59, sachbearbeitung, sachbearbeitung2, leitung_a, anstalt_a)
    assert o.beschwerde_am is None
    with reise(8), pytest.raises(ValidationError) as e:
        domain.stellungnahme_sta_erfassen(oeffnung=o, eingeladen_am=date(2027, 3, 4), durch=sachbearbeitung)
    assert e.value.message_dict["sta_eingeladen_am"] == [
        "§ 43 Abs. 3 JVG: Die Staatsanwaltschaft wird nur bei einer Beschwerde gegen eine Vollzugsöffnung "
        "bei Art. 59, Art. 64 StGB oder lebenslänglicher Strafe eingeladen."
    ]
    o.refresh_from_db()
    assert (o.sta_eingeladen_am, o.sta_stellungnahme_am, o.sta_stellungnahme) == (None, None, "")
    assert not Aufgabe.objects.filter(art=recht.Aufgabenart.STELLUNGNAHME_STA).exists()
