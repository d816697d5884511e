"""Mutant of R-29-3 (§ 29 Abs. 3 JVG, listening to a recorded call) that survived the marked tests.

- `zugriff.py:83` `and → or`: the refusal names the letter only for a known letter of § 40 Abs. 2 that is
  not allowed ("– nicht lit. b"); for the general clause of § 40 Abs. 1 or an unknown value it names none.
"""

import pytest
from django.core.exceptions import ValidationError

from ueberwachung import domain
from ueberwachung.models import Inhaltszugriff

from . import hilfen
from .hilfen import aufnehmen

insasse, telefonanlage = hilfen.insasse, hilfen.telefonanlage

pytestmark = pytest.mark.django_db

MELDUNG = (
    "§ 29 Abs. 3 JVG (R-29-3): Abhören nur bei Verdacht auf ein Disziplinarvergehen nach § 40 Abs. 2 "
    "lit. a, c, g, h, i oder j"
)


@pytest.mark.rule("R-29-3")
def test_abgelehnter_tatbestand_nur_mit_bekanntem_buchstaben_genannt(telefonanlage, insasse, leitung_a):
    a = aufnehmen(telefonanlage, insasse)
    for tatbestand, meldung in (
        ("allgemein", f"{MELDUNG}."),
        ("zz", f"{MELDUNG}."),
        ("d", f"{MELDUNG} – nicht lit. d."),
    ):
        with pytest.raises(ValidationError) as e:
            domain.abhoeren(
                aufzeichnung=a, tatbestand=tatbestand, referenz="Rapport 2026-17", durch=leitung_a
            )
        assert e.value.message_dict == {"tatbestand": [meldung]}
    assert not Inhaltszugriff.objects.exists()
    z = domain.abhoeren(aufzeichnung=a, tatbestand="c", referenz="Rapport 2026-17", durch=leitung_a)
    g = Inhaltszugriff.objects.get()
    assert (g.pk, g.tatbestand, g.verfahren_referenz, g.benutzer) == (z.pk, "c", "Rapport 2026-17", leitung_a)
