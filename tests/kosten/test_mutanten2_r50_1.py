"""Mutation survivors of R-50-1 (issue 25): costs of ausländerrechtliche Haft (§ 50 JVG), recorded and
read back. The canton bears them without a task to decide; a recharge keeps its stated basis; the item
may be dated today but not tomorrow; the history holds one entry with actor and reason. "Today" is
31.03.2027 (time-machine)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from kern.models import Aufgabe
from kosten import domain
from kosten.models import Kostenposition
from kosten.recht import KostenAufgabenart, Zahler
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
        "kategorie": "50",
        "datum": date(2027, 3, 2),
        "bezeichnung": "Ausschaffungshaft März",
        "betrag": Decimal("3100.00"),
        "beleg": ContentFile(b"Abrechnung Haft", name="abrechnung-haft.pdf"),
        **kw,
    }
    return domain.kostenposition_erfassen(fall=fall, durch=sb, **daten)


@pytest.mark.rule("R-50-1", grenze=True)
def test_50_datum_heute_gespeichert_morgen_abgelehnt_grenze(fall, sachbearbeitung):
    with pytest.raises(ValidationError) as e:
        _erfassen(fall, sachbearbeitung, datum=date(2027, 4, 1))
    assert e.value.message_dict["datum"] == [
        "R-0-BAD-1: Das Datum einer Kostenposition kann nicht in der Zukunft liegen."
    ]
    assert not Kostenposition.objects.exists()
    p = Kostenposition.objects.get(pk=_erfassen(fall, sachbearbeitung, datum=HEUTE).pk)
    assert (p.kategorie, p.datum, p.zahler, p.betrag) == ("50", HEUTE, Zahler.KANTON, Decimal("3100.00"))


@pytest.mark.rule("R-50-1")
def test_50_kanton_ohne_aufgabe_beleg_und_eine_historie(fall, sachbearbeitung):
    p = Kostenposition.objects.get(pk=_erfassen(fall, sachbearbeitung).pk)
    assert (p.zahler, p.subsidiaer, p.weiterverrechnung_grund) == (Zahler.KANTON, False, "")
    assert p.beleg.name == f"kosten/belege/{fall.fallnummer}/abrechnung-haft.pdf"
    assert [(h.history_type, h.history_user, h.history_change_reason) for h in p.history.all()] == [
        ("+", sachbearbeitung, "Kostenposition erfasst")
    ]
    # The canton bears § 50 costs by law: no task "subsidiary item to decide" (§ 47 Abs. 2 lit. b).
    assert not Aufgabe.objects.filter(art=KostenAufgabenart.KOSTEN_PRUEFEN).exists()


@pytest.mark.rule("R-50-1")
def test_50_weiterverrechnung_grundlage_gespeichert(fall, sachbearbeitung):
    p = _erfassen(fall, sachbearbeitung, zahler=Zahler.BUND, weiterverrechnung_grund=" Art. 82 AIG ")
    p = Kostenposition.objects.get(pk=p.pk)
    assert (p.zahler, p.weiterverrechnung_grund) == (Zahler.BUND, "Art. 82 AIG")
    assert domain.fall_uebersicht(fall).weiterverrechnet == Decimal("3100.00")
