"""R-2D-QR-1: QR reference (mod 10 recursive), creditor reference (ISO 11649), the valid combinations,
and the payment part in the PDFs of Inkasso (one per instalment) and of kosten invoices."""

import io
from decimal import Decimal

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum import iso11649
from stdnum.ch import esr

from inkasso import domain
from inkasso.domain import zahlteile
from kern import qrrechnung as qr
from tests.inkasso.hilfen import forderung


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.rule("R-2D-QR-1")
def test_qr_referenz_pruefziffer_wie_sixbeispiel():
    # Example of the SIX Implementation Guidelines: 21 00000 00003 13947 14300 09017.
    assert qr.mod10_pruefziffer("21000000000313947143000901") == 7
    assert qr.ist_qr_referenz("210000000003139471430009017")
    assert not qr.ist_qr_referenz("210000000003139471430009018")  # wrong check digit
    assert not qr.ist_qr_referenz("21000000000313947143000901")  # 26 digits
    assert not qr.ist_qr_referenz("2100000000031394714300090177")  # 28 digits
    for n in (0, 1, 9, 10, 99_999, 2026_0000123):
        ref = qr.qr_referenz(1, n)
        assert len(ref) == 27 and esr.is_valid(ref), ref


@pytest.mark.rule("R-2D-QR-1")
def test_qr_referenz_zu_grosse_nummer():
    qr.qr_referenz(999_999, 10**20 - 1)
    with pytest.raises(ValueError):
        qr.qr_referenz(999_999, 10**20)
    with pytest.raises(ValueError):
        qr.qr_referenz(1_000_000, 1)


@pytest.mark.rule("R-2D-QR-1")
def test_creditor_referenz_iso11649():
    assert qr.creditor_referenz("539007547034") == "RF18539007547034"  # example of ISO 11649
    assert iso11649.is_valid(qr.creditor_referenz("K202600001"))
    assert qr.ist_creditor_referenz("RF18539007547034")
    assert not qr.ist_creditor_referenz("RF19539007547034")
    with pytest.raises(ValueError):
        qr.creditor_referenz("A" * 22)


@pytest.mark.rule("R-2D-QR-1")
def test_kombination_qr_iban_nur_mit_qr_referenz():
    qr_iban, iban = "CH4431999123000889012", "CH9300762011623852957"
    assert qr.ist_qr_iban(qr_iban) and not qr.ist_qr_iban(iban)
    qr.kombination_pruefen(qr_iban, "210000000003139471430009017")
    qr.kombination_pruefen(iban, "RF18539007547034")
    with pytest.raises(ValidationError):
        qr.kombination_pruefen(qr_iban, "RF18539007547034")
    with pytest.raises(ValidationError):
        qr.kombination_pruefen(iban, "210000000003139471430009017")
    with pytest.raises(ValidationError):
        qr.kombination_pruefen("CH0000000000000000000", "RF18539007547034")
    daten = qr.qr_daten(qr.Zahlteil(qr_iban, "210000000003139471430009017", Decimal("12.50"), "Max Muster"))
    zeilen = daten.splitlines()
    assert zeilen[:3] == ["SPC", "0200", "1"] and "QRR" in zeilen and "12.50" in zeilen


@pytest.mark.django_db
@pytest.mark.rule("R-2D-QR-1")
def test_zahlungsaufforderung_mit_qr_rechnung_und_je_rate_ein_schein(sachbearbeitung):
    f = forderung(sachbearbeitung, "busse", betrag=Decimal("900.00"))
    text = _text(zahlteile.zahlungsaufforderung_pdf(f))
    assert text.count("Zahlteil") == 1
    assert "CH44 3199 9123 0008 8901 2" in text
    assert esr.format(f.qr_referenz) in text
    raten = domain.raten_bewilligen(
        forderung=f,
        anzahl=3,
        erste_faellig_am=timezone.localdate(),
        begruendung="Gesuch",
        durch=sachbearbeitung,
    )
    text = _text(zahlteile.zahlungsaufforderung_pdf(f))
    assert text.count("Zahlteil") == 3
    for r in raten:
        assert esr.format(r.qr_referenz) in text
    assert "CHF 300.00" in text.replace("\u00a0", " ")


@pytest.mark.django_db
@pytest.mark.rule("R-2D-QR-1")
def test_kosten_rechnung_an_dritte_mit_qr_rechnung(sachbearbeitung, anstalt_a):
    from datetime import timedelta

    from django.core.files.base import ContentFile

    from kosten import domain
    from kosten.recht import Kostenkategorie, Zahler
    from tests.factories import fall_anlegen

    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    heute = timezone.localdate()
    domain.kostenposition_erfassen(
        fall=fall,
        kategorie=Kostenkategorie.P47_B,
        datum=heute - timedelta(days=2),
        bezeichnung="Medikamente",
        betrag=Decimal("86.35"),
        beleg=ContentFile(b"x", name="beleg.txt"),
        durch=sachbearbeitung,
    )
    a = domain.abrechnung_erstellen(
        zahler=Zahler.PERSON,
        person=fall.person,
        von=heute - timedelta(days=10),
        bis=heute,
        durch=sachbearbeitung,
    )
    text = _text(domain.pdf_rendern(a))
    assert "Zahlteil" in text
    kern = "".join(c for c in a.nummer if c.isalnum())
    assert iso11649.format(qr.creditor_referenz(kern)) in text
    assert "CH93 0076 2011 6238 5295 7" in text
