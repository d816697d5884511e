"""Mutants of R-23-3 (§ 23 Abs. 3 JVG, Strafanzeige) that survived the marked tests (issue 25).

- `schweigepflicht.py:268`: the addressed Staatsanwaltschaft (stripped; empty means the cantonal one).
- `schweigepflicht.py:289`: its name is cut to the field length of 150 characters.
- `schweigepflicht.py:291`: the offence (Tatbestand) is stored without surrounding blanks.
"""

import pytest
from django.utils import timezone

from datenschutz import domain
from datenschutz.models import Strafanzeige
from datenschutz.recht import STAATSANWALTSCHAFT, Deliktsschwere
from tests.factories import fall_anlegen

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a).person


def _anzeige(durch, person, **kw):
    werte = {
        "datum": timezone.localdate(),
        "referenz": "JVG-SA-2026-9",
        "schwere": Deliktsschwere.VERBRECHEN,
        "sachverhalt": "Bei der Zellenkontrolle wurde ein Messer gefunden.",
    }
    werte.update(kw)
    return domain.strafanzeige_erfassen(person=person, daten=domain.Anzeigedaten(**werte), durch=durch)


@pytest.mark.rule("R-23-3")
def test_staatsanwaltschaft_und_tatbestand_bereinigt_gespeichert(personal_a, person):
    a = _anzeige(
        personal_a,
        person,
        staatsanwaltschaft="  Staatsanwaltschaft Emmen  ",
        tatbestand="  Art. 139 StGB  ",
    )
    g = Strafanzeige.objects.get(pk=a.pk)
    assert (g.staatsanwaltschaft, g.tatbestand, g.erstattet_durch) == (
        "Staatsanwaltschaft Emmen",
        "Art. 139 StGB",
        personal_a,
    )
    leer = _anzeige(personal_a, person, referenz="JVG-SA-2026-10", staatsanwaltschaft="   ", tatbestand=None)
    g = Strafanzeige.objects.get(pk=leer.pk)
    assert (g.staatsanwaltschaft, g.tatbestand) == (STAATSANWALTSCHAFT, "")


@pytest.mark.rule("R-23-3")
def test_staatsanwaltschaft_grenze_150_zeichen(personal_a, person):
    genau = "S" * 150
    a = _anzeige(personal_a, person, staatsanwaltschaft=genau)
    assert Strafanzeige.objects.get(pk=a.pk).staatsanwaltschaft == genau
    b = _anzeige(personal_a, person, referenz="JVG-SA-2026-11", staatsanwaltschaft="T" * 151)
    assert Strafanzeige.objects.get(pk=b.pk).staatsanwaltschaft == "T" * 150
