"""End to end in a real headless Chromium (issue 22 item 9): the Inkasso desk records a claim, downloads
its payment request with the Swiss QR-bill, imports the bank's camt.054 file, and the claim is paid
(R-2D-1, R-2D-QR-1, R-2D-CAMT-1)."""

import io
import os
from datetime import timedelta
from decimal import Decimal

import pypdf
import pytest
from django.utils import timezone
from stdnum.ch import esr

from inkasso import camt_beispiel
from inkasso.models import Forderung, Forderungsstatus
from tests.conftest import PASSWORT
from tests.factories import person_anlegen

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.e2e


@pytest.mark.rule("R-2D-1", "R-2D-QR-1", "R-2D-CAMT-1")
def test_e2e_forderung_qr_rechnung_camt_import_bezahlt(live_server, browser, sachbearbeitung, tmp_path):
    person = person_anlegen(durch=sachbearbeitung, amtlicher_name="Zahlmann")
    heute = timezone.localdate()
    kontext = browser.new_context(locale="de-CH", timezone_id="Europe/Zurich", accept_downloads=True)
    fehler = []
    seite = kontext.new_page()
    seite.on("pageerror", lambda exc: fehler.append(str(exc)))
    seite.goto(f"{live_server.url}/anmelden/?next=/inkasso/")
    seite.get_by_label("Benutzername").fill("sb")
    seite.get_by_label("Passwort").fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()
    seite.wait_for_url(f"{live_server.url}/inkasso/")

    # 1. The claim from the judgment: Geldstrafe of 12 Tagessätze at CHF 85 (Art. 34 StGB).
    seite.get_by_role("link", name="Forderung erfassen").click()
    seite.locator("#id_person").select_option(str(person.pk))
    seite.locator("#id_art").select_option("geldstrafe")
    seite.locator("#id_referenz").fill("ST 2026 4711")
    seite.locator("#id_entscheid_datum").fill((heute - timedelta(days=40)).isoformat())
    seite.locator("#id_rechtskraft_am").fill((heute - timedelta(days=5)).isoformat())
    seite.locator("#id_tagessaetze").fill("12")
    seite.locator("#id_tagessatz").fill("85.00")
    seite.locator("#id_frist_monate").fill("2")
    seite.get_by_role("button", name="Speichern").click()
    seite.wait_for_url("**/inkasso/forderungen/*/")
    f = Forderung.objects.get()
    assert f.betrag == Decimal("1020.00")
    assert seite.locator("#saldo").inner_text() == "CHF 1'020.00"

    # 2. The payment request with its QR-bill.
    with seite.expect_download() as download_info:
        seite.locator("#qr-pdf").click()
    with open(download_info.value.path(), "rb") as datei:
        text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(datei.read())).pages)
    assert "Zahlteil" in text and esr.format(f.qr_referenz) in text

    # 3. The bank's camt.054 with the payment under that reference.
    datei = tmp_path / "camt054.xml"
    datei.write_bytes(camt_beispiel.als_bytes([("E2E-1", Decimal("1020.00"), heute, f.qr_referenz)]))
    seite.goto(f"{live_server.url}/inkasso/import/")
    seite.locator("#id_datei").set_input_files(str(datei))
    seite.get_by_role("button", name="Importieren").click()
    seite.wait_for_url("**/inkasso/klaerung/")
    assert "1 verbucht" in seite.content()

    # 4. Paid.
    seite.goto(f"{live_server.url}/inkasso/forderungen/{f.pk}/")
    assert seite.locator("#status").inner_text() == "Bezahlt"
    assert seite.locator("#saldo").inner_text() == "CHF 0.00"
    f.refresh_from_db()
    assert f.status == Forderungsstatus.BEZAHLT
    kontext.close()
    assert fehler == []
