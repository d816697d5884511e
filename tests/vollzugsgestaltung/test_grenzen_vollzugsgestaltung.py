"""Boundary tests (issue 25) of the Bewährungshilfe (§ 2 Abs. 1 lit. e, § 19 JVG; R-19-1): a Probezeit of one
to five years (Art. 87 Abs. 1 StGB) and a Weisung whose next control lies between today and 366 days ahead.
Just inside (stored, read back), just outside (German message naming the legal basis, nothing stored), bad
input. Literals.
"""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from kern.fristen import TZ
from tests.factories import person_anlegen
from vollzugsgestaltung import domain, recht
from vollzugsgestaltung.models import Bewaehrungsakte, Weisung

pytestmark = pytest.mark.django_db

HEUTE = date(2026, 3, 2)


def _akte(person, sb, jahre):
    return domain.akte_eroeffnen(
        person=person,
        anlass=recht.Bewaehrungsanlass.BEDINGTE_ENTLASSUNG,
        gericht="Kriminalgericht Luzern",
        referenz="KG 2026 1",
        probezeit_von=date(2026, 3, 1),
        probezeit_jahre=jahre,
        durch=sb,
    )


@pytest.mark.rule("R-19-1", grenze=True)
def test_probezeit_fuenf_jahre_ja_sechs_nein(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=TZ), tick=False):
        for jahre in (6, 0, "5", True, 5.0):
            with pytest.raises(ValidationError) as e:
                _akte(person, sachbearbeitung, jahre)
            assert e.value.message_dict["probezeit_jahre"] == [
                "Art. 87 Abs. 1 StGB: Die Probezeit beträgt mindestens ein und höchstens fünf Jahre."
            ]
        assert not Bewaehrungsakte.objects.exists()
        akte = _akte(person, sachbearbeitung, 5)
    g = Bewaehrungsakte.objects.get(pk=akte.pk)
    assert (g.probezeit_von, g.probezeit_jahre, g.probezeit_bis, g.eroeffnet_durch_id) == (
        date(2026, 3, 1),
        5,
        date(2031, 2, 28),
        sachbearbeitung.pk,
    )


@pytest.mark.rule("R-19-1", grenze=True)
def test_naechste_kontrolle_heute_bis_366_tage(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=TZ), tick=False):
        akte = _akte(person, sachbearbeitung, 2)
        for tag in (HEUTE - timedelta(days=1), HEUTE + timedelta(days=367)):
            with pytest.raises(ValidationError) as e:
                domain.weisung_erfassen(
                    akte=akte, text="Alkoholabstinenz", naechste_kontrolle=tag, durch=sachbearbeitung
                )
            assert e.value.message_dict["naechste_kontrolle"] == [
                "§ 19 Abs. 1 JVG: Die nächste Kontrolle liegt zwischen heute und höchstens einem Jahr."
            ]
        with pytest.raises(ValidationError) as e:
            domain.weisung_erfassen(akte=akte, text="  ", naechste_kontrolle=HEUTE, durch=sachbearbeitung)
        assert "Art. 94 StGB" in e.value.message_dict["text"][0]
        assert not Weisung.objects.exists()

        domain.weisung_erfassen(
            akte=akte, text="Alkoholabstinenz", naechste_kontrolle=HEUTE, durch=sachbearbeitung
        )
        domain.weisung_erfassen(
            akte=akte,
            text="Arbeitsstelle halten",
            naechste_kontrolle=HEUTE + timedelta(days=366),
            durch=sachbearbeitung,
        )
    assert list(
        Weisung.objects.filter(akte=akte).order_by("pk").values_list("text", "naechste_kontrolle")
    ) == [
        ("Alkoholabstinenz", HEUTE),
        ("Arbeitsstelle halten", date(2027, 3, 3)),
    ]
