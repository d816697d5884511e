"""R-46-1 (§ 46 JVG: Vollzugskosten borne by the canton unless third parties pay): proofs that the
mutation run (issue 25) showed missing.

- `positionen.py:171, 200, 202`: a § 46 item paid by third parties keeps the stated basis and the
  source document's name; one history entry; an item the canton bears by law opens no task.
- `contributions.py:162`: who pays what is shown on the case page to the authority and revision only.

"Today" is 31.03.2027 (time-machine); the items are dated in March 2027."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse

from kern.models import Aufgabe
from kosten import domain
from kosten.contributions import fallblock_kontext
from kosten.models import Kostenposition
from kosten.recht import Zahler
from tests.factories import fall_anlegen
from tests.kosten.hilfen import zeit

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with time_machine.travel(zeit(date(2027, 3, 31), 12), tick=False):
        yield fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def _erfassen(fall, sb, **kw):
    daten = {
        "kategorie": "46b",
        "datum": date(2027, 3, 2),
        "bezeichnung": "Transport in die Klinik",
        "betrag": Decimal("240.60"),
        "beleg": ContentFile(b"Rechnung Transport", name="rechnung-transport.pdf"),
        **kw,
    }
    return domain.kostenposition_erfassen(fall=fall, durch=sb, **daten)


@pytest.mark.rule("R-46-1")
def test_46_dritte_mit_grundlage_und_beleg_gespeichert(fall, sachbearbeitung):
    p = _erfassen(
        fall,
        sachbearbeitung,
        zahler=Zahler.DRITTE,
        dritter="Unfallversicherung",
        weiterverrechnung_grund=" Kostengutsprache vom 01.03.2027  ",
    )
    p = Kostenposition.objects.get(pk=p.pk)
    assert (p.kategorie, p.zahler, p.dritter, p.weiterverrechnung_grund, p.subsidiaer) == (
        "46b",
        Zahler.DRITTE,
        "Unfallversicherung",
        "Kostengutsprache vom 01.03.2027",
        False,
    )
    assert p.beleg.name == f"kosten/belege/{fall.fallnummer}/rechnung-transport.pdf"
    assert [(h.history_type, h.history_user, h.history_change_reason) for h in p.history.all()] == [
        ("+", sachbearbeitung, "Kostenposition erfasst")
    ]


@pytest.mark.rule("R-46-1")
def test_46_kanton_traegt_ohne_aufgabe(fall, sachbearbeitung):
    # Borne by the canton by law (§ 46 Abs. 1): nothing to decide, unlike a subsidiary § 47 item.
    p = _erfassen(fall, sachbearbeitung)
    assert Kostenposition.objects.get(pk=p.pk).zahler == Zahler.KANTON
    assert not Aufgabe.objects.exists()


@pytest.mark.rule("R-46-1")
def test_fallseite_zeigt_kosten_nur_behoerde_und_revision(
    fall, sachbearbeitung, revision, leitung_a, personal_a
):
    _erfassen(fall, sachbearbeitung)
    for user in (sachbearbeitung, revision):
        block = fallblock_kontext(fall, user)
        assert (block["fall"], block["url"]) == (fall, reverse("kosten:fall", args=[fall.pk]))
        assert block["u"].kanton_positionen == Decimal("240.60")
    for user in (leitung_a, personal_a):
        assert fallblock_kontext(fall, user) is None
