"""Mutants of R-27-1 (§ 27 Abs. 1 JVG, erkennungsdienstliche Massnahmen) that survived the marked tests.

- `ed.py:95–96`: the management looks at the material only with a recorded purpose (access logged).
- `ed.py:59` `getattr(d, "size", 0)`, `0 → 1`: something that is not a file is refused as material.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ueberwachung import domain
from ueberwachung.models import EDMassnahme, Inhaltszugriff

from . import hilfen
from .hilfen import datei

insasse = hilfen.insasse

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-27-1")
def test_ed_einsehen_nur_mit_zweck(insasse, leitung_a):
    m = domain.ed_anordnen(
        person=insasse,
        art="fotografien",
        durchgefuehrt_am=date(2026, 3, 1),
        dateien=[datei("foto.png", b"png")],
        durch=leitung_a,
    )
    for zweck in ("", "   ", None):
        with pytest.raises(ValidationError) as e:
            domain.ed_einsehen(massnahme=m, zweck=zweck, durch=leitung_a)
        assert e.value.message_dict == {
            "zweck": ["§ 27 Abs. 1 JVG (R-27-1): Den Zweck angeben (Sicherung des Vollzugs)."]
        }
    assert not Inhaltszugriff.objects.exists()
    z = domain.ed_einsehen(massnahme=m, zweck="  Identität prüfen ", durch=leitung_a)
    g = Inhaltszugriff.objects.get()
    assert (g.pk, g.art, g.objekt_id, g.benutzer, g.verdacht) == (
        z.pk,
        "ed_ansicht",
        m.pk,
        leitung_a,
        "Identität prüfen",
    )


@pytest.mark.rule("R-27-1")
def test_ed_material_nur_als_datei(insasse, leitung_a):
    for dateien in (["foto.png"], [datei("leer.png", b"")], []):
        with pytest.raises(ValidationError) as e:
            domain.ed_anordnen(
                person=insasse,
                art="fotografien",
                durchgefuehrt_am=date(2026, 3, 1),
                dateien=dateien,
                durch=leitung_a,
            )
        assert e.value.message_dict == {
            "dateien": [
                "§ 27 Abs. 1 JVG (R-27-1): Das Material als Datei(en) beilegen (keine leeren Dateien)."
            ]
        }
    assert not EDMassnahme.objects.exists()
