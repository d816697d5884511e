"""Mutants of R-2D-MAHN-1 (reminder sequence before debt enforcement) that survived the marked tests
(issue 25): the marked tests only saw the Betreibung refused, never opened after the full sequence.

- `mahnwesen.py:147–164`: once the sequence is through, the Betreibungsbegehren is stored with the
  office (cut to its 200 characters) and the debtor's address (at most 300 characters, Art. 67 SchKG).
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from inkasso import domain
from inkasso.domain import mahnwesen
from inkasso.models import Betreibung, Forderung, Forderungsstatus

from .hilfen import forderung

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemahnt(sachbearbeitung, settings):
    """A claim with the whole sequence (one reminder) sent; the Betreibung is due 20 days after it."""
    settings.JVG_INKASSO_MAHNFOLGE_TAGE = (1,)
    settings.JVG_INKASSO_BETREIBUNG_NACH_TAGEN = 20
    f = forderung(sachbearbeitung)
    assert mahnwesen.mahnlauf(heute=f.zahlungsfrist + timedelta(days=1)) == 1
    return Forderung.objects.get(pk=f.pk)


@pytest.mark.rule("R-2D-MAHN-1", "R-STGB-35-1", grenze=True)
def test_betreibung_am_20_tag_nach_der_letzten_mahnung_gespeichert(gemahnt, sachbearbeitung):
    f = gemahnt
    amt = "Betreibungsamt " + "L" * 200
    adresse = "Bahnhofstrasse 1\n" + "6" * (300 - 17)
    assert len(adresse) == 300
    with (
        time_machine.travel(f.letzte_mahnung_am + timedelta(days=19), tick=False),
        pytest.raises(ValidationError) as e,
    ):
        domain.betreibung_einleiten(
            forderung=f, betreibungsamt=amt, schuldner_adresse=adresse, durch=sachbearbeitung
        )
    assert e.value.message_dict["forderung"] == [
        "Art. 35 Abs. 3 StGB (R-2D-MAHN-1): Die Betreibung folgt erst nach allen Mahnungen (1) und 20 Tagen "
        "nach der letzten."
    ]
    assert not Betreibung.objects.exists()
    assert Forderung.objects.get(pk=f.pk).status == Forderungsstatus.OFFEN

    with time_machine.travel(f.letzte_mahnung_am + timedelta(days=20), tick=False):
        b = domain.betreibung_einleiten(
            forderung=f,
            betreibungsamt=f"  {amt}  ",
            schuldner_adresse=f"\n {adresse} \n",
            durch=sachbearbeitung,
        )
    b = Betreibung.objects.get(pk=b.pk)
    assert (b.betreibungsamt, b.schuldner_adresse, b.gestellt_am) == (
        amt[:200],
        adresse,
        f.letzte_mahnung_am + timedelta(days=20),
    )
    assert Forderung.objects.get(pk=f.pk).status == Forderungsstatus.BETREIBUNG


@pytest.mark.rule("R-2D-MAHN-1", "R-STGB-35-1", grenze=True)
@pytest.mark.parametrize(
    ("amt", "adresse", "feld", "text"),
    [
        ("   ", "Bahnhofstrasse 1", "betreibungsamt", "Das zuständige Betreibungsamt angeben"),
        ("Betreibungsamt Luzern", None, "schuldner_adresse", "Art. 67 Abs. 1 Ziff. 2 SchKG: Die Adresse"),
        ("Betreibungsamt Luzern", " \n ", "schuldner_adresse", "Art. 67 Abs. 1 Ziff. 2 SchKG: Die Adresse"),
        (
            "Betreibungsamt Luzern",
            "x" * 301,
            "schuldner_adresse",
            "Die Adresse umfasst höchstens 300 Zeichen.",
        ),
    ],
    ids=["ohne_amt", "ohne_adresse", "adresse_leer", "adresse_301"],
)
def test_betreibung_nach_der_mahnfolge_fehleingaben(gemahnt, sachbearbeitung, amt, adresse, feld, text):
    f = gemahnt
    with (
        time_machine.travel(f.letzte_mahnung_am + timedelta(days=20), tick=False),
        pytest.raises(ValidationError) as e,
    ):
        domain.betreibung_einleiten(
            forderung=f, betreibungsamt=amt, schuldner_adresse=adresse, durch=sachbearbeitung
        )
    assert e.value.message_dict[feld][0].startswith(text)
    assert not Betreibung.objects.exists()
    assert Forderung.objects.get(pk=f.pk).status == Forderungsstatus.OFFEN
