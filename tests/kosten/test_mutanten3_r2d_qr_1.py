"""Mutants of R-2D-QR-1 (Swiss QR-bill) in the cost statement (`kosten/domain/ausgabe.py:172–182`) that
survived the marked tests (issue 25): an invoice to a third party with an amount carries the payment
part (creditor reference from the invoice number, the payer's name and address); the canton's internal
statement and a statement with nothing to pay carry none."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from kern.qrrechnung import creditor_referenz
from kosten import domain
from kosten.domain import ausgabe
from kosten.recht import Zahler
from tests.factories import fall_anlegen
from tests.kosten.hilfen import position, zeit
from vollzug import domain as vollzug_domain
from vollzug.recht import Vollzugsform

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    anstalt_a.strasse, anstalt_a.hausnummer, anstalt_a.postleitzahl = "Grosshofstrasse", "5", "6010"
    anstalt_a.save()
    with time_machine.travel(zeit(date(2026, 3, 31), 12), tick=False):
        person = vollzug_domain.person_erfassen(
            amtlicher_name="Muster",
            vorname="Hans",
            geschlecht="1",
            geburtsdatum=date(1984, 5, 17),
            durch=sachbearbeitung,
        )
        yield fall_anlegen(durch=sachbearbeitung, person=person, eingewiesen_in=anstalt_a)


def _abrechnung(fall, sb, zahler, betrag, **kw):
    with time_machine.travel(zeit(date(2026, 3, 31), 12), tick=False):
        position(fall, sb, betrag=betrag)
        return domain.abrechnung_erstellen(
            zahler=zahler, von=date(2026, 3, 1), bis=date(2026, 3, 31), durch=sb, **kw
        )


def _gruppiert(referenz: str) -> str:
    return " ".join(referenz[i : i + 4] for i in range(0, len(referenz), 4))


@pytest.mark.rule("R-2D-QR-1", grenze=True)
def test_rechnung_an_die_person_traegt_den_qr_zahlteil(fall, sachbearbeitung):
    a = _abrechnung(fall, sachbearbeitung, Zahler.PERSON, Decimal("0.03"), person=fall.person)
    assert a.zahlbetrag == Decimal("0.05")  # the smallest amount payable
    k = ausgabe.pdf_kontext(a)
    assert k["adresse"] == ["Herr Hans Muster", "c/o JVA Grosshof", "Grosshofstrasse 5", "6010 Kriens"]
    qr = k["qr"]
    assert qr["titel"] == f"Einzahlungsschein zu Rechnung {a.nummer}"
    svg = qr["svg"]
    kern = "".join(c for c in a.nummer if c.isalnum())
    assert _gruppiert(creditor_referenz(kern)) in svg
    # the debtor as the QR-bill holds it: name, street (with the c/o ahead), postcode and town
    assert "Herr Hans Muster" in svg and "c/o JVA Grosshof, Grosshofstrasse 5" in svg and "6010 Kriens" in svg
    assert "0.05" in svg


@pytest.mark.rule("R-2D-QR-1", grenze=True)
def test_ohne_zahlbetrag_und_an_den_kanton_kein_qr_zahlteil(fall, sachbearbeitung, anstalt_a):
    null = _abrechnung(fall, sachbearbeitung, Zahler.PERSON, Decimal("0.02"), person=fall.person)
    assert null.zahlbetrag == Decimal("0.00")
    assert ausgabe.pdf_kontext(null)["qr"] is None
    domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=Vollzugsform.NORMALVOLLZUG,
        gueltig_ab=date(2020, 1, 1),
        betrag=Decimal("285.00"),
        durch=sachbearbeitung,
    )
    kanton = _abrechnung(fall, sachbearbeitung, Zahler.KANTON, Decimal("100.00"))
    assert kanton.zahlbetrag > 0
    assert ausgabe.pdf_kontext(kanton)["qr"] is None
