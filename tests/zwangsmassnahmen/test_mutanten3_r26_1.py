"""Mutants of R-26-1 (§ 26 JVG vorübergehende Versetzung) that survived the marked tests (issue 25).

- `versetzung26.py:84` `<` → `<=`: the expected end of a temporary transfer may be the day of the
  transfer itself; the day before is refused and nothing moves.
"""

import pytest
from django.core.exceptions import ValidationError

from vollzug.models import Platzierung
from zwangsmassnahmen import domain
from zwangsmassnahmen.models import VoruebergehendeVersetzung

from .hilfen import massnahmenfall, reise, zeit

pytestmark = pytest.mark.django_db

GRUENDE = {
    "undurchfuehrbar": "Therapieplatz im Massnahmenzentrum wegen Wasserschaden gesperrt.",
    "gefaehrdung": "oeffentlichkeit",
    "gefaehrdung_begruendung": "Hohe Rückfallgefahr; offene Station nicht vertretbar.",
}


@pytest.mark.rule("R-26-1", grenze=True)
def test_voraussichtliches_ende_am_tag_der_versetzung_ja_am_vortag_nein_grenze(
    sachbearbeitung, anstalt_a, anstalt_b
):
    fall = massnahmenfall(sachbearbeitung, anstalt_a)
    am = zeit(2026, 11, 2, 8)
    with reise(zeit(2026, 11, 2, 9)):
        with pytest.raises(ValidationError) as e:
            domain.versetzung26_anordnen(
                fall=fall,
                anstalt=anstalt_b,
                am=am,
                voraussichtlich_bis=zeit(2026, 11, 1).date(),
                durch=sachbearbeitung,
                **GRUENDE,
            )
        assert e.value.message_dict == {
            "voraussichtlich_bis": ["Das voraussichtliche Ende liegt vor der Versetzung."]
        }
        assert not VoruebergehendeVersetzung.objects.exists()
        assert Platzierung.objects.get(fall=fall, bis__isnull=True).anstalt == anstalt_a

        v = domain.versetzung26_anordnen(
            fall=fall,
            anstalt=anstalt_b,
            am=am,
            voraussichtlich_bis=zeit(2026, 11, 2).date(),
            durch=sachbearbeitung,
            **GRUENDE,
        )
    g = VoruebergehendeVersetzung.objects.get(pk=v.pk)
    assert (g.voraussichtlich_bis, g.von_anstalt, g.platzierung.anstalt, g.platzierung.von) == (
        zeit(2026, 11, 2).date(),
        anstalt_a,
        anstalt_b,
        am,
    )
