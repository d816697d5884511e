"""End to end in a real headless Chromium: the case worker records a daily rate and a cost item,
creates a statement and downloads its PDF (R-KOST-1, R-46-1)."""

import os
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from kosten.models import Abrechnung, Kostenposition, Kostgeld
from tests.conftest import PASSWORT
from tests.factories import fall_anlegen

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.e2e


@pytest.mark.rule("R-KOST-1", "R-46-1")
def test_e2e_tagesansatz_position_abrechnung_pdf(live_server, browser, sachbearbeitung, anstalt_a, tmp_path):
    fall = fall_anlegen(
        durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=timezone.now() - timedelta(days=3)
    )
    heute = timezone.localdate()
    kontext = browser.new_context(locale="de-CH", timezone_id="Europe/Zurich", accept_downloads=True)
    fehler = []
    seite = kontext.new_page()
    seite.on("pageerror", lambda exc: fehler.append(str(exc)))
    # Straight to the module (the start page also shows other modules' cards, not under test here).
    seite.goto(f"{live_server.url}/anmelden/?next=/kosten/")
    seite.get_by_label("Benutzername").fill("sb")
    seite.get_by_label("Passwort").fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()
    seite.wait_for_url(f"{live_server.url}/kosten/")

    # 1. Daily rate, reached through the navigation.
    assert seite.locator(".nav-gruppe.aktiv summary").text_content() == "Kosten"
    assert seite.locator('.navigation a[aria-current="page"]').text_content() == "Kostenübersicht"
    seite.get_by_role("link", name="Tagesansätze").first.click()
    seite.locator("#id_anstalt").select_option(str(anstalt_a.pk))
    seite.locator("#id_gueltig_ab").fill(f"{heute.year - 1}-01-01")
    seite.locator("#id_betrag").fill("285.00")
    seite.get_by_role("button", name="Tagesansatz speichern").click()
    seite.wait_for_load_state()
    assert "CHF 285.00" in seite.locator("#ansaetze").inner_text()
    assert Kostgeld.objects.count() == 1

    # 2. A cost item on the case's cost page (§ 46 Abs. 2 lit. b → canton).
    seite.goto(f"{live_server.url}/kosten/faelle/{fall.pk}/")
    seite.get_by_role("link", name="Kostenposition erfassen").click()
    seite.locator("#id_kategorie").select_option("46b")
    seite.locator("#id_datum").fill(heute.isoformat())
    seite.locator("#id_bezeichnung").fill("Zuführung")
    seite.locator("#id_betrag").fill("1234.57")
    beleg = tmp_path / "beleg.pdf"
    beleg.write_bytes(b"%PDF-1.4 Beleg")
    seite.locator("#id_beleg").set_input_files(str(beleg))
    seite.get_by_role("button", name="Position speichern").click()
    seite.wait_for_url("**/kosten/positionen/*/")
    assert "CHF 1'234.57" in seite.locator("#betrag").inner_text()
    assert Kostenposition.objects.get().zahler == "kanton"

    # 3. Statement for the canton; only the amount payable is rounded.
    seite.goto(f"{live_server.url}/kosten/abrechnungen/neu/")
    seite.locator("#id_zahler").select_option("kanton")
    seite.locator("#id_periode_von").fill((heute - timedelta(days=10)).isoformat())
    seite.locator("#id_periode_bis").fill(heute.isoformat())
    seite.get_by_role("button", name="Abrechnung erstellen").click()
    seite.wait_for_url("**/kosten/abrechnungen/*/")
    a = Abrechnung.objects.get()
    tage = 4  # entry three days ago counts, up to today inclusive; the exit day would not
    assert a.total == 285 * tage + Decimal("1234.57")
    assert seite.locator("#zahlbetrag").inner_text().endswith(".55")

    # 4. Download the PDF.
    with seite.expect_download() as download_info:
        seite.locator("#pdf-link").click()
    pfad = download_info.value.path()
    with open(pfad, "rb") as datei:
        assert datei.read(4) == b"%PDF"
    assert download_info.value.suggested_filename == f"{a.nummer}.pdf"
    kontext.close()
    assert fehler == []
