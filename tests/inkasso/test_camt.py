"""R-2D-CAMT-1: camt.054 import – matching by reference, partial and overpayments, the clarification
list, idempotency (file and entry), and a malformed file refused whole with the line named."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from inkasso import domain
from inkasso.domain.camt import eintraege_lesen
from inkasso.models import Forderungsstatus, Klaerungsposten, Zahlung, Zahlungsimport, Zahlungsquelle
from tests.inkasso.hilfen import camt, forderung, importieren

pytestmark = pytest.mark.django_db


def _fehler(durch, inhalt: bytes) -> str:
    with pytest.raises(ValidationError) as exc:
        domain.camt_importieren(datei=ContentFile(inhalt), dateiname="x.xml", durch=durch)
    return exc.value.error_dict["datei"][0].message


@pytest.mark.rule("R-2D-CAMT-1")
def test_zuordnung_nach_referenz_teil_und_ueberzahlung(sachbearbeitung):
    a = forderung(sachbearbeitung)  # CHF 1000
    b = forderung(sachbearbeitung, "busse", betrag=Decimal("200.00"))
    imp = importieren(
        sachbearbeitung,
        [
            ("B1", "400.00", a.qr_referenz),
            ("B2", "250.00", b.qr_referenz),
            ("B3", "10.00", "210000000003139471430009017"),
            ("B4", "5.00", ""),
        ],
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (imp.anzahl, imp.gebucht, imp.zur_klaerung, imp.doppelt, imp.summe) == (
        4,
        2,
        2,
        0,
        Decimal("650.00"),
    )
    assert (a.bezahlt, a.saldo, a.status) == (Decimal("400.00"), Decimal("600.00"), Forderungsstatus.OFFEN)
    assert (b.saldo, b.status) == (Decimal("-50.00"), Forderungsstatus.BEZAHLT)  # overpaid: refund 50
    z = a.zahlungen.get()
    assert (z.quelle, z.schluessel, z.zahlungsimport, z.erfasst_durch) == (
        Zahlungsquelle.CAMT,
        "tx:B1-1",
        imp,
        sachbearbeitung,
    )
    assert z.history.get().history_user == sachbearbeitung
    gruende = dict(Klaerungsposten.objects.values_list("referenz", "grund"))
    assert gruende == {
        "210000000003139471430009017": "Referenz keiner Forderung zugeordnet",
        "": "ohne Referenz",
    }


@pytest.mark.rule("R-2D-CAMT-1")
def test_rate_wird_nach_ihrer_referenz_gebucht(sachbearbeitung):
    f = forderung(sachbearbeitung, "busse", betrag=Decimal("300.00"))
    raten = domain.raten_bewilligen(
        forderung=f,
        anzahl=3,
        erste_faellig_am=timezone.localdate(),
        begruendung="Gesuch",
        durch=sachbearbeitung,
    )
    importieren(sachbearbeitung, [("R1", "100.00", raten[1].qr_referenz)])
    raten[1].refresh_from_db()
    f.refresh_from_db()
    assert (raten[1].bezahlt, f.bezahlt, f.status) == (
        Decimal("100.00"),
        Decimal("100.00"),
        Forderungsstatus.RATEN,
    )


@pytest.mark.rule("R-2D-CAMT-1")
def test_dieselbe_datei_zweimal_bucht_nichts_doppelt(sachbearbeitung):
    f = forderung(sachbearbeitung)
    inhalt = camt([("B1", "400.00", f.qr_referenz)]).read()
    domain.camt_importieren(datei=ContentFile(inhalt), dateiname="a.xml", durch=sachbearbeitung)
    with pytest.raises(ValidationError) as exc:
        domain.camt_importieren(datei=ContentFile(inhalt), dateiname="a.xml", durch=sachbearbeitung)
    assert exc.value.error_dict["datei"][0].code == "doppelt"
    f.refresh_from_db()
    assert (f.bezahlt, Zahlung.objects.count(), Zahlungsimport.objects.count()) == (Decimal("400.00"), 1, 1)


@pytest.mark.rule("R-2D-CAMT-1")
def test_dieselbe_buchung_in_anderer_datei_bucht_nichts_doppelt(sachbearbeitung):
    f = forderung(sachbearbeitung)
    importieren(sachbearbeitung, [("B1", "400.00", f.qr_referenz), ("K1", "3.00", "")], msg_id="INTRADAY")
    imp = importieren(
        sachbearbeitung,
        [("B1", "400.00", f.qr_referenz), ("K1", "3.00", ""), ("B2", "1.00", f.qr_referenz)],
        msg_id="TAGESENDE",
    )
    f.refresh_from_db()
    assert (imp.gebucht, imp.doppelt, imp.zur_klaerung, f.bezahlt) == (1, 2, 0, Decimal("401.00"))


GUT = b"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
<BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>M1</MsgId></GrpHdr><Ntfctn>
<Ntry><Amt Ccy="CHF">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><ValDt><Dt>2026-03-01</Dt></ValDt><AcctSvcrRef>A1</AcctSvcrRef></Ntry>
<Ntry><CdtDbtInd>CRDT</CdtDbtInd><ValDt><Dt>2026-03-01</Dt></ValDt><AcctSvcrRef>A2</AcctSvcrRef></Ntry>
</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
"""

OHNE_FEHLER = GUT.replace(b"<Ntry><CdtDbtInd>", b'<Ntry><Amt Ccy="CHF">5.00</Amt><CdtDbtInd>')


def test_die_vorlage_ohne_fehler_ist_gueltig():
    gelesen = []
    _sha, msg_id, anzahl = eintraege_lesen(io.BytesIO(OHNE_FEHLER), gelesen.append)
    assert (msg_id, anzahl, [e.zeile for e in gelesen]) == ("M1", 2, [4, 5])


@pytest.mark.rule("R-2D-CAMT-1", "R-0-BAD-1")
@pytest.mark.parametrize(
    ("inhalt", "erwartet"),
    [
        (GUT, "camt.054, Zeile 5: Buchung ohne Betrag (Amt)"),
        (GUT.replace(b"10.00", b"10.001"), "camt.054, Zeile 4: ungültiger Betrag"),
        (GUT.replace(b'Ccy="CHF">10', b'Ccy="EUR">10'), "camt.054, Zeile 4: Währung «EUR» statt CHF"),
        (
            GUT.replace(b"<AcctSvcrRef>A1</AcctSvcrRef>", b""),
            "camt.054, Zeile 4: Buchung ohne Referenz der Bank",
        ),
        (OHNE_FEHLER.replace(b"</Ntfctn>", b""), "camt.054, Zeile 6: kein gültiges XML"),
        (GUT.replace(b"camt.054.001.08", b"camt.053.001.08"), "camt.054, Zeile 2: keine camt.054-Datei"),
        (b"", "camt.054, Zeile 1: kein gültiges XML"),
    ],
)
def test_fehlerhafte_datei_ganz_abgewiesen_mit_zeile(sachbearbeitung, inhalt, erwartet):
    assert _fehler(sachbearbeitung, inhalt).startswith(erwartet)
    assert (Zahlung.objects.count(), Klaerungsposten.objects.count(), Zahlungsimport.objects.count()) == (
        0,
        0,
        0,
    )


@pytest.mark.rule("R-2D-CAMT-1")
def test_fehler_am_ende_bucht_auch_die_guten_buchungen_davor_nicht(sachbearbeitung):
    f = forderung(sachbearbeitung)
    inhalt = (
        camt([("B1", "400.00", f.qr_referenz)])
        .read()
        .replace(b"</Ntfctn>", b"<Ntry><CdtDbtInd>CRDT</CdtDbtInd></Ntry></Ntfctn>")
    )
    assert "Buchung ohne Betrag" in _fehler(sachbearbeitung, inhalt)
    f.refresh_from_db()
    assert f.bezahlt == Decimal("0.00")


@pytest.mark.rule("R-2D-CAMT-1")
def test_xml_bombe_und_externe_entitaet_abgewiesen(sachbearbeitung):
    bombe = b"""<?xml version="1.0"?>
<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">&lol2;</Document>"""
    assert "DTD oder Entitäten sind nicht erlaubt" in _fehler(sachbearbeitung, bombe)
    extern = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>"""
    assert "nicht erlaubt" in _fehler(sachbearbeitung, extern)


@pytest.mark.rule("R-2D-CAMT-1")
def test_belastung_und_abgeschriebene_forderung_zur_klaerung(sachbearbeitung):
    f = forderung(sachbearbeitung, "verfahrenskosten")
    domain.abschreiben(forderung=f, begruendung="Verlustschein", durch=sachbearbeitung)
    importieren(sachbearbeitung, [("D1", "50.00", f.qr_referenz)], gutschrift=False)
    importieren(sachbearbeitung, [("C1", "50.00", f.qr_referenz)])
    posten = list(Klaerungsposten.objects.order_by("pk").values_list("betrag", "grund"))
    assert posten == [
        (Decimal("-50.00"), "Belastung / Rückbuchung"),
        (Decimal("50.00"), f"Forderung {f.nummer} ist abgeschrieben"),
    ]
    # The desk clarifies and assigns an entry to another claim.
    g = forderung(sachbearbeitung)
    p = Klaerungsposten.objects.get(betrag=Decimal("50.00"))
    domain.klaerung_zuordnen(posten=p, forderung=g, durch=sachbearbeitung)
    g.refresh_from_db()
    p.refresh_from_db()
    assert (g.bezahlt, p.zahlung.forderung, p.erledigt_am is not None) == (Decimal("50.00"), g, True)
    with pytest.raises(ValidationError):
        domain.klaerung_zuordnen(posten=p, forderung=g, durch=sachbearbeitung)
    with pytest.raises(ValidationError):
        domain.klaerung_zuordnen(
            posten=Klaerungsposten.objects.get(betrag__lt=0), forderung=g, durch=sachbearbeitung
        )


@pytest.mark.rule("R-2D-CAMT-1")
def test_manuelle_zahlung_mit_quittung(sachbearbeitung):
    f = forderung(sachbearbeitung)
    z = domain.zahlung_erfassen(
        forderung=f, betrag=Decimal("100.00"), valuta=timezone.localdate(), durch=sachbearbeitung
    )
    assert z.quittung.startswith(f"Q-{timezone.localdate().year}-") and z.quelle == Zahlungsquelle.MANUELL
    with pytest.raises(ValidationError):
        domain.zahlung_erfassen(
            forderung=f, betrag=Decimal("0.00"), valuta=timezone.localdate(), durch=sachbearbeitung
        )
    with pytest.raises(ValidationError):
        domain.zahlung_erfassen(forderung=f, betrag=100.0, valuta=timezone.localdate(), durch=sachbearbeitung)
