"""Boundary tests (issue 25) of Inkasso: R-2D-CAMT-1 (camt.054 amounts: CHF 0.01 booked, 0.00 and three
decimals refuse the whole file; paid exactly vs. one Rappen short), R-2D-QR-1 (QR-IBAN institution ids
30000–31999 with a QR reference, the QR reference of every claim stored valid) and R-STGB-36-1
(conversion only after the payment deadline; days from the unpaid amount, part days rounded down,
read back from the stored conversion). Just inside: accepted and read back; just outside: refused,
nothing stored; bad input: refused with a message."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from stdnum import iban as stdnum_iban
from stdnum.ch import esr

from inkasso import camt_beispiel, domain
from inkasso.models import Forderung, Forderungsstatus, Klaerungsposten, Umwandlung, Zahlung, Zahlungsimport
from kern import qrrechnung as qr
from kern.fristen import TZ
from tests.inkasso.hilfen import forderung
from verfuegungen.models import Verfuegung

pytestmark = pytest.mark.django_db

HEUTE = datetime(2027, 3, 2, 9, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _uhr():
    with time_machine.travel(HEUTE, tick=False):
        yield


def _datei(eintraege, msg_id="MSG-1") -> ContentFile:
    """eintraege: (bank reference, amount as text, QR reference); value date 02.03.2027."""
    zeilen = camt_beispiel.als_bytes(
        [(b, Decimal("0"), date(2027, 3, 2), r) for b, _a, r in eintraege], msg_id=msg_id
    ).decode()
    # The template formats Decimals; put the amount text in literally (also malformed ones).
    teile = zeilen.split('<Amt Ccy="CHF">0.00</Amt>')
    betraege = [a for _b, a, _r in eintraege for _ in (0, 1)]
    text = teile[0] + "".join(
        f'<Amt Ccy="CHF">{b}</Amt>{t}' for b, t in zip(betraege, teile[1:], strict=True)
    )
    return ContentFile(text.encode(), name="camt.xml")


def _importieren(sb, eintraege, **kw):
    return domain.camt_importieren(datei=_datei(eintraege, **kw), dateiname="camt.xml", durch=sb)


def _nichts_gebucht():
    return (Zahlung.objects.count(), Klaerungsposten.objects.count(), Zahlungsimport.objects.count()) == (
        0,
        0,
        0,
    )


# --- R-2D-CAMT-1 ---------------------------------------------------------------------------------------


@pytest.mark.rule("R-2D-CAMT-1", grenze=True)
def test_camt_ein_rappen_gebucht_genau_bezahlt_und_ein_rappen_zu_wenig(sachbearbeitung):
    a = forderung(sachbearbeitung, "busse", betrag=Decimal("100.00"))
    b = forderung(sachbearbeitung, "busse", betrag=Decimal("100.00"))
    c = forderung(sachbearbeitung, "busse", betrag=Decimal("100.00"))
    imp = _importieren(
        sachbearbeitung,
        [("B1", "0.01", a.qr_referenz), ("B2", "100.00", b.qr_referenz), ("B3", "99.99", c.qr_referenz)],
    )
    imp = Zahlungsimport.objects.get(pk=imp.pk)
    assert (imp.anzahl, imp.gebucht, imp.zur_klaerung, imp.summe) == (3, 3, 0, Decimal("200.00"))
    a, b, c = (Forderung.objects.get(pk=f.pk) for f in (a, b, c))
    assert (a.bezahlt, a.saldo, a.status) == (Decimal("0.01"), Decimal("99.99"), Forderungsstatus.OFFEN)
    assert (b.saldo, b.status) == (Decimal("0.00"), Forderungsstatus.BEZAHLT)
    assert (c.saldo, c.status) == (Decimal("0.01"), Forderungsstatus.OFFEN)
    assert Zahlung.objects.get(forderung=a).history.get().history_user == sachbearbeitung


@pytest.mark.rule("R-2D-CAMT-1", grenze=True)
@pytest.mark.parametrize(
    "betrag",
    ["0.00", "0.001", "-5.00", "zehn", "NaN", "1e10"],
    ids=["null", "drei_dezimalen", "negativ", "text", "nan", "1e10"],
)
def test_camt_ungueltiger_betrag_weist_die_ganze_datei_ab(sachbearbeitung, betrag):
    f = forderung(sachbearbeitung, "busse", betrag=Decimal("100.00"))
    # The good entry before the bad one is not booked either.
    with pytest.raises(ValidationError) as e:
        _importieren(sachbearbeitung, [("B1", "50.00", f.qr_referenz), ("B2", betrag, f.qr_referenz)])
    text = e.value.message_dict["datei"][0]
    assert text.startswith("camt.054, Zeile ")
    assert f"ungültiger Betrag «{betrag}»" in text and text.endswith("Die Datei wurde nicht verbucht.")
    assert _nichts_gebucht()
    assert Forderung.objects.get(pk=f.pk).bezahlt == Decimal("0.00")


@pytest.mark.rule("R-2D-CAMT-1", grenze=True)
def test_camt_im_browser_abgewiesen_und_gebucht(client_als, sachbearbeitung):
    f = forderung(sachbearbeitung, "busse", betrag=Decimal("100.00"))
    url = reverse("inkasso:import")
    c = client_als(sachbearbeitung)
    schlecht = _datei([("B1", "0.00", f.qr_referenz)]).read()
    antwort = c.post(url, {"datei": SimpleUploadedFile("camt.xml", schlecht, content_type="application/xml")})
    assert antwort.status_code == 400
    assert "ungültiger Betrag" in antwort.content.decode()
    leer = c.post(url, {"datei": SimpleUploadedFile("camt.xml", b"", content_type="application/xml")})
    assert leer.status_code == 400
    assert _nichts_gebucht()
    gut = _datei([("B1", "0.01", f.qr_referenz)]).read()
    ok = c.post(url, {"datei": SimpleUploadedFile("camt.xml", gut, content_type="application/xml")})
    assert ok.status_code == 302
    assert Forderung.objects.get(pk=f.pk).bezahlt == Decimal("0.01")
    # The same file a second time books nothing twice.
    nochmals = c.post(url, {"datei": SimpleUploadedFile("camt.xml", gut, content_type="application/xml")})
    assert nochmals.status_code == 400
    assert "bereits am" in nochmals.content.decode()
    assert Zahlung.objects.count() == 1


# --- R-2D-QR-1 -------------------------------------------------------------------------------------------


def _iban(iid: int) -> str:
    """A Swiss IBAN with the institution id `iid` and a valid check (ISO 13616, computed by python-stdnum)."""
    bban = f"{iid:05d}123000889012"
    return f"CH{stdnum_iban.calc_check_digits('CH00' + bban)}{bban}"


@pytest.mark.rule("R-2D-QR-1", grenze=True)
@pytest.mark.parametrize(
    ("iid", "ist_qr"),
    [(30000, True), (31999, True), (29999, False), (32000, False)],
    ids=["30000", "31999", "29999", "32000"],
)
def test_qr_iban_institut_30000_bis_31999(iid, ist_qr):
    konto = _iban(iid)
    assert stdnum_iban.is_valid(konto)
    assert qr.ist_qr_iban(konto) is ist_qr
    qr_ref, rf_ref = "210000000003139471430009017", "RF18539007547034"
    passend, unpassend = (qr_ref, rf_ref) if ist_qr else (rf_ref, qr_ref)
    qr.kombination_pruefen(konto, passend)
    with pytest.raises(ValidationError) as e:
        qr.kombination_pruefen(konto, unpassend)
    assert e.value.messages[0].startswith("R-2D-QR-1: Zu einer ")


@pytest.mark.rule("R-2D-QR-1", grenze=True)
@pytest.mark.parametrize(
    "referenz",
    [
        "210000000003139471430009018",  # check digit + 1
        "21000000000313947143000901",  # 26 digits
        "2100000000031394714300090170",  # 28 digits
        "21000000000313947143000901A",  # a letter
        "",
        None,
        "２10000000003139471430009017",  # a full-width digit
    ],
    ids=["pruefziffer", "26_ziffern", "28_ziffern", "buchstabe", "leer", "none", "unicode_ziffer"],
)
def test_qr_referenz_ausserhalb_und_fehleingaben(referenz):
    assert not qr.ist_qr_referenz(referenz)
    with pytest.raises(ValidationError) as e:
        qr.kombination_pruefen("CH4431999123000889012", referenz)
    assert e.value.messages == [
        "R-2D-QR-1: Zu einer QR-IBAN gehört eine QR-Referenz (27 Ziffern mit Prüfziffer Modulo 10 rekursiv)."
    ]


@pytest.mark.rule("R-2D-QR-1", grenze=True)
def test_creditor_referenz_21_zeichen_ja_22_nein():
    ref = qr.creditor_referenz("A" * 21)
    assert len(ref) == 25 and qr.ist_creditor_referenz(ref)
    qr.kombination_pruefen("CH9300762011623852957", ref)
    with pytest.raises(ValueError):
        qr.creditor_referenz("A" * 22)
    with pytest.raises(ValueError):
        qr.creditor_referenz("")
    assert not qr.ist_creditor_referenz(ref + "A")
    assert not qr.ist_creditor_referenz("RF19539007547034")
    with pytest.raises(ValidationError) as e:
        qr.kombination_pruefen("CH9300762011623852958", ref)  # IBAN check digits wrong
    assert e.value.messages == ["R-2D-QR-1: Ungültige IBAN des Zahlungsempfängers."]


@pytest.mark.rule("R-2D-QR-1", grenze=True)
def test_jede_forderung_speichert_eine_gueltige_eindeutige_qr_referenz(sachbearbeitung):
    erste = forderung(sachbearbeitung)
    zweite = forderung(sachbearbeitung, "busse")
    refs = list(Forderung.objects.order_by("pk").values_list("qr_referenz", flat=True))
    assert refs == [erste.qr_referenz, zweite.qr_referenz] and refs[0] != refs[1]
    for ref in refs:
        assert len(ref) == 27 and qr.ist_qr_referenz(ref) and esr.is_valid(ref)
        qr.kombination_pruefen(qr.qr_konto(), ref)


# --- R-STGB-36-1 -----------------------------------------------------------------------------------------


def _umwandeln(f, sb, grund="Verlustschein vom 1.4.2027"):
    return domain.umwandlung_beantragen(forderung=f, uneinbringlich_grund=grund, durch=sb)


@pytest.mark.rule("R-STGB-36-1", grenze=True)
def test_umwandlung_erst_am_tag_nach_der_zahlungsfrist(sachbearbeitung):
    f = forderung(sachbearbeitung, tagessaetze=10, tagessatz=Decimal("100.00"), frist_monate=1)
    assert Forderung.objects.get(pk=f.pk).zahlungsfrist == date(2027, 4, 2)
    with (
        time_machine.travel(datetime(2027, 4, 2, 16, 0, tzinfo=TZ), tick=False),
        pytest.raises(ValidationError) as e,
    ):
        _umwandeln(f, sachbearbeitung)
    assert e.value.message_dict["status"] == ["Art. 35/36 StGB: Die Zahlungsfrist läuft noch bis 02.04.2027."]
    assert not Umwandlung.objects.exists() and not Verfuegung.objects.exists()
    with time_machine.travel(datetime(2027, 4, 3, 8, 0, tzinfo=TZ), tick=False):
        u = _umwandeln(f, sachbearbeitung)
    u = Umwandlung.objects.get(pk=u.pk)
    assert (u.tage, u.offen_betrag, u.erfasst_durch) == (10, Decimal("1000.00"), sachbearbeitung)
    assert "Ersatzfreiheitsstrafe von 10 Tagen" in u.verfuegung.dispositiv


@pytest.mark.rule("R-STGB-36-1", grenze=True)
@pytest.mark.parametrize(
    ("bezahlt", "offen", "tage"),
    [("800.00", "200.00", 2), ("800.01", "199.99", 1), ("999.99", "0.01", 1)],
    ids=["zwei_tagessaetze", "ein_rappen_weniger", "ein_rappen_offen"],
)
def test_umwandlung_tage_aus_dem_offenen_betrag_gespeichert(sachbearbeitung, bezahlt, offen, tage):
    f = forderung(sachbearbeitung, tagessaetze=10, tagessatz=Decimal("100.00"), frist_monate=1)
    domain.zahlung_erfassen(
        forderung=f, betrag=Decimal(bezahlt), valuta=date(2027, 3, 2), durch=sachbearbeitung
    )
    with time_machine.travel(datetime(2027, 4, 3, 8, 0, tzinfo=TZ), tick=False):
        u = _umwandeln(f, sachbearbeitung)
    u = Umwandlung.objects.get(pk=u.pk)
    assert (u.offen_betrag, u.tage) == (Decimal(offen), tage)


@pytest.mark.rule("R-STGB-36-1", grenze=True)
def test_umwandlung_fehleingaben(sachbearbeitung):
    ersatz = forderung(sachbearbeitung, "ersatzforderung", frist_monate=1)
    bezahlt = forderung(sachbearbeitung, "busse", betrag=Decimal("100.00"), frist_monate=1)
    domain.zahlung_erfassen(
        forderung=bezahlt, betrag=Decimal("100.00"), valuta=date(2027, 3, 2), durch=sachbearbeitung
    )
    offen = forderung(sachbearbeitung, "busse", betrag=Decimal("100.00"), frist_monate=1)
    with time_machine.travel(datetime(2027, 4, 3, 8, 0, tzinfo=TZ), tick=False):
        with pytest.raises(ValidationError) as e:
            _umwandeln(ersatz, sachbearbeitung)
        assert e.value.message_dict["art"] == [
            "Art. 36 StGB: Nur eine Geldstrafe oder Busse wird in eine Ersatzfreiheitsstrafe umgewandelt."
        ]
        with pytest.raises(ValidationError) as e:
            _umwandeln(bezahlt, sachbearbeitung)
        assert "status" in e.value.message_dict
        for grund in ("", "   ", None):
            with pytest.raises(ValidationError) as e:
                _umwandeln(offen, sachbearbeitung, grund=grund)
            assert e.value.message_dict["uneinbringlich_grund"] == [
                "Art. 36 Abs. 1 StGB: Angeben, weshalb die Forderung auf dem Betreibungsweg uneinbringlich ist."
            ]
    assert not Umwandlung.objects.exists() and not Verfuegung.objects.exists()
