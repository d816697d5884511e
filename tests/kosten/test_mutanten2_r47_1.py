"""Mutation survivors of R-47-1 (issue 25): the recording of a § 47 Abs. 3 item, read back as stored.

The item goes to the person (or named third parties); what the clerk entered is kept (the stated basis,
the source document's name), the history holds exactly one entry with actor and reason, and the item's
date may be today but not tomorrow. "Today" is 31.03.2027 (time-machine)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from kern.models import Aufgabe
from kosten import domain
from kosten.models import Kostenposition
from kosten.recht import Zahler
from tests.factories import fall_anlegen
from tests.kosten.hilfen import zeit

pytestmark = pytest.mark.django_db

HEUTE = date(2027, 3, 31)


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with time_machine.travel(zeit(HEUTE, 12), tick=False):
        yield fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def _erfassen(fall, sb, **kw):
    daten = {
        "kategorie": "47e",
        "datum": date(2027, 3, 2),
        "bezeichnung": "Zahnarzt",
        "betrag": Decimal("180.35"),
        "beleg": ContentFile(b"Rechnung Zahnarzt", name="rechnung-zahnarzt.pdf"),
        **kw,
    }
    return domain.kostenposition_erfassen(fall=fall, durch=sb, **daten)


@pytest.mark.rule("R-47-1", grenze=True)
def test_47_datum_heute_gespeichert_morgen_abgelehnt_grenze(fall, sachbearbeitung):
    with pytest.raises(ValidationError) as e:
        _erfassen(fall, sachbearbeitung, datum=date(2027, 4, 1))
    assert e.value.message_dict["datum"] == [
        "R-0-BAD-1: Das Datum einer Kostenposition kann nicht in der Zukunft liegen."
    ]
    assert not Kostenposition.objects.exists()
    p = _erfassen(fall, sachbearbeitung, datum=HEUTE)
    p = Kostenposition.objects.get(pk=p.pk)
    assert (p.kategorie, p.datum, p.zahler, p.betrag) == ("47e", HEUTE, Zahler.PERSON, Decimal("180.35"))


@pytest.mark.rule("R-47-1")
def test_47_dritte_mit_grundlage_gespeichert(fall, sachbearbeitung):
    p = _erfassen(
        fall,
        sachbearbeitung,
        zahler=Zahler.DRITTE,
        dritter="CSS Versicherung",
        weiterverrechnung_grund="  Kostengutsprache vom 01.03.2027 ",
    )
    ohne = _erfassen(fall, sachbearbeitung, weiterverrechnung_grund=None)
    gespeichert = Kostenposition.objects.get(pk=p.pk)
    assert (gespeichert.zahler, gespeichert.dritter, gespeichert.weiterverrechnung_grund) == (
        Zahler.DRITTE,
        "CSS Versicherung",
        "Kostengutsprache vom 01.03.2027",
    )
    assert Kostenposition.objects.get(pk=ohne.pk).weiterverrechnung_grund == ""


@pytest.mark.rule("R-47-1")
def test_47_beleg_und_eine_historie_mit_person_und_grund(fall, sachbearbeitung):
    p = Kostenposition.objects.get(pk=_erfassen(fall, sachbearbeitung).pk)
    assert p.zahler == Zahler.PERSON
    assert p.beleg.name == f"kosten/belege/{fall.fallnummer}/rechnung-zahnarzt.pdf"
    p.beleg.open("rb")
    with p.beleg:
        assert p.beleg.read() == b"Rechnung Zahnarzt"
    eintraege = list(p.history.all())
    assert [(h.history_type, h.history_user, h.history_change_reason) for h in eintraege] == [
        ("+", sachbearbeitung, "Kostenposition erfasst")
    ]
    # Borne by the person: nothing for the canton to decide.
    assert not Aufgabe.objects.exists()
