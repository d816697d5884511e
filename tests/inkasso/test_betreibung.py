"""R-STGB-35-1 (Art. 35 Abs. 3 StGB) with Art. 67 Abs. 1 SchKG: the Betreibungsbegehren carries every
field of the official form – creditor, debtor with Wohnort, amount, interest (or none), title and date
of the claim – as a record and as PDF; bad input is refused with the article named."""

import io
from datetime import timedelta
from decimal import Decimal

import pypdf
import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from inkasso import domain
from inkasso.domain import mahnwesen, zahlteile
from inkasso.models import Betreibung, Forderungsstatus
from kern.geld import chf
from tests.inkasso.hilfen import forderung

pytestmark = pytest.mark.django_db
ADRESSE = "Bahnhofstrasse 1\n6003 Luzern"


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def faellig(sachbearbeitung, settings):
    """A claim whose Betreibungsbegehren is due (one reminder, one day after it); the clock stands on
    the third day after the payment deadline."""
    settings.JVG_INKASSO_MAHNFOLGE_TAGE = (1,)
    settings.JVG_INKASSO_BETREIBUNG_NACH_TAGEN = 1
    f = forderung(sachbearbeitung)
    mahnwesen.mahnlauf(heute=f.zahlungsfrist + timedelta(days=1))
    f.refresh_from_db()
    with time_machine.travel(f.zahlungsfrist + timedelta(days=3), tick=False):
        yield f


def _einleiten(f, durch, **kw):
    werte = {"betreibungsamt": "Betreibungsamt Luzern", "schuldner_adresse": ADRESSE} | kw
    return domain.betreibung_einleiten(forderung=f, durch=durch, **werte)


@pytest.mark.rule("R-STGB-35-1")
def test_betreibungsbegehren_pdf_traegt_alle_felder_des_formulars(faellig, sachbearbeitung, settings):
    sachbearbeitung.first_name, sachbearbeitung.last_name = "Anna", "Muster"
    sachbearbeitung.save()
    f = faellig
    b = _einleiten(
        f, sachbearbeitung, zins_prozent=Decimal("5.00"), zins_ab=f.zahlungsfrist + timedelta(days=1)
    )
    f.refresh_from_db()
    assert f.status == Forderungsstatus.BETREIBUNG
    text = _text(zahlteile.betreibung_pdf(b))
    p = f.person
    erwartet = [
        # Gläubiger with address and account (Art. 67 Abs. 1 Ziff. 1 SchKG)
        "Gläubiger",
        settings.JVG_QR_GLAEUBIGER_NAME,
        settings.JVG_QR_GLAEUBIGER_STRASSE,
        settings.JVG_QR_GLAEUBIGER_ORT,
        settings.JVG_QR_IBAN,
        # Schuldner with Wohnort (Ziff. 2)
        "Schuldner",
        f"{p.amtlicher_name} {p.vorname}",
        f"geb. {p.geburtsdatum:%d.%m.%Y}",
        "Bahnhofstrasse 1",
        "6003 Luzern",
        # Forderung and Zins (Ziff. 3)
        "Forderungsbetrag",
        chf(f.saldo),
        f"5.00 % seit {f.zahlungsfrist + timedelta(days=1):%d.%m.%Y}",
        # Forderungsurkunde and its date / Grund (Ziff. 4)
        "Forderungsurkunde",
        f.referenz,
        f.behoerde,
        f"{f.entscheid_datum:%d.%m.%Y}",
        "Art. 80 SchKG",
        f.nummer,
        # kind of enforcement, place, date, signature
        "Pfändung",
        f"Luzern, {timezone.localdate():%d.%m.%Y}",
        "Anna Muster",
    ]
    flach = " ".join(text.split())
    fehlend = [e for e in erwartet if " ".join(e.split()) not in flach]
    assert fehlend == []


@pytest.mark.rule("R-STGB-35-1")
def test_ohne_zins_steht_kein_zins_gefordert(faellig, sachbearbeitung):
    b = _einleiten(faellig, sachbearbeitung)
    assert (b.zins_prozent, b.zins_ab, b.schuldner_adresse) == (None, None, ADRESSE)
    assert "kein Zins gefordert" in _text(zahlteile.betreibung_pdf(b))


@pytest.mark.rule("R-STGB-35-1")
@pytest.mark.parametrize(
    ("kw", "feld", "paragraph"),
    [
        ({"schuldner_adresse": ""}, "schuldner_adresse", "Art. 67 Abs. 1 Ziff. 2 SchKG"),
        ({"schuldner_adresse": " \n  "}, "schuldner_adresse", "Art. 67 Abs. 1 Ziff. 2 SchKG"),
        ({"schuldner_adresse": "x" * 301}, "schuldner_adresse", "höchstens 300"),
        ({"zins_prozent": Decimal("5.00")}, "zins_prozent", "Art. 67 Abs. 1 Ziff. 3 SchKG"),
        ({"zins_ab": "frist+1"}, "zins_prozent", "Art. 67 Abs. 1 Ziff. 3 SchKG"),
        ({"zins_prozent": Decimal("0.00"), "zins_ab": "frist+1"}, "zins_prozent", "Art. 104 Abs. 1 OR"),
        ({"zins_prozent": Decimal("5.01"), "zins_ab": "frist+1"}, "zins_prozent", "Art. 104 Abs. 1 OR"),
        ({"zins_prozent": 5.0, "zins_ab": "frist+1"}, "zins_prozent", "Art. 104 Abs. 1 OR"),
        ({"zins_prozent": Decimal("5.00"), "zins_ab": "frist"}, "zins_ab", "Art. 102 Abs. 2 OR"),
        ({"zins_prozent": Decimal("5.00"), "zins_ab": "morgen"}, "zins_ab", "Art. 102 Abs. 2 OR"),
    ],
)
def test_fehleingaben_mit_artikel(faellig, sachbearbeitung, kw, feld, paragraph):
    f = faellig
    tage = {"frist": f.zahlungsfrist, "frist+1": f.zahlungsfrist + timedelta(days=1)}
    tage["morgen"] = timezone.localdate() + timedelta(days=1)
    kw = {k: tage.get(v, v) if isinstance(v, str) and k == "zins_ab" else v for k, v in kw.items()}
    with pytest.raises(ValidationError) as exc:
        _einleiten(f, sachbearbeitung, **kw)
    assert paragraph in " ".join(exc.value.message_dict[feld])
    assert not Betreibung.objects.exists()


@pytest.mark.rule("R-STGB-35-1")
def test_grenzen_angenommen_und_berechtigung(faellig, sachbearbeitung, revision):
    with pytest.raises(PermissionDenied):
        _einleiten(faellig, revision)
    # Boundaries accepted: 300 characters, 5.00 %, from the day after the deadline up to today.
    b = _einleiten(
        faellig,
        sachbearbeitung,
        schuldner_adresse="x" * 300,
        zins_prozent=Decimal("5.00"),
        zins_ab=timezone.localdate(),
    )
    assert len(b.schuldner_adresse) == 300
    assert b.history.first().history_user == sachbearbeitung


@pytest.mark.rule("R-STGB-35-1")
def test_betreibungsbegehren_im_browser(faellig, sachbearbeitung, client_als):
    client = client_als(sachbearbeitung)
    url = reverse("inkasso:aktion", args=[faellig.pk, "betreibung"])
    antwort = client.post(url, {"betreibungsamt": "Betreibungsamt Luzern", "zins_prozent": "5"})
    assert antwort.status_code == 400
    assert not Betreibung.objects.exists()
    antwort = client.post(
        url,
        {
            "betreibungsamt": "Betreibungsamt Luzern",
            "schuldner_adresse": ADRESSE,
            "zins_prozent": "5.00",
            "zins_ab": f"{timezone.localdate():%d.%m.%Y}",
        },
    )
    assert antwort.status_code == 302
    b = Betreibung.objects.get()
    assert (b.schuldner_adresse, b.zins_prozent) == (ADRESSE, Decimal("5.00"))
    pdf = client.get(reverse("inkasso:betreibung_pdf", args=[faellig.pk]))
    assert pdf.status_code == 200 and "6003 Luzern" in _text(pdf.content)
