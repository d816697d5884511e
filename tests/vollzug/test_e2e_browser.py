"""End to end in a real headless Chromium (Debian's package; Playwright drives it, no browser download)."""

import os
from datetime import date

import pytest

from tests.conftest import PASSWORT
from tests.factories import person_anlegen

# Playwright's sync API keeps an event loop running in this thread until the module ends; Django must
# allow ORM calls (and the test database flush at teardown) meanwhile (PITFALLS: Playwright).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.e2e


@pytest.mark.rule("R-12-1", "R-0-ROLE-1")
def test_e2e_case_worker_logs_in_creates_a_case_and_sees_it(live_server, seite, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung, amtlicher_name="Brunner", vorname="Sepp")

    seite.goto(f"{live_server.url}/")
    assert "/anmelden/" in seite.url  # login required
    seite.get_by_label("Benutzername").fill("sb")
    seite.get_by_label("Passwort").fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()
    seite.wait_for_url(f"{live_server.url}/")

    seite.goto(f"{live_server.url}/vollzug/faelle/neu/?person={person.pk}")
    seite.locator("#id_person").select_option(str(person.pk))
    seite.locator("#id_art").select_option("urteil")
    seite.locator("#id_behoerde").fill("Kriminalgericht Luzern")
    seite.locator("#id_referenz").fill("SA1 26 4711")
    seite.locator("#id_entscheid_datum").fill(date(2026, 3, 2).isoformat())
    seite.locator("#id_rechtskraft_am").fill(date(2026, 4, 7).isoformat())
    seite.locator("#id_sanktionen-0-art").select_option("freiheitsstrafe")
    seite.locator("#id_sanktionen-0-dauer_monate").fill("9")
    seite.locator("form button[type=submit]").last.click()

    seite.wait_for_url("**/vollzug/faelle/*/")
    inhalt = seite.content()
    assert "SA1 26 4711" in inhalt
    assert "Brunner" in inhalt
    fallnummer = seite.locator("h1").inner_text()

    # The new case is in the case list.
    seite.goto(f"{live_server.url}/vollzug/faelle/?q=Brunner")
    zeilen = seite.locator("table tbody tr")
    assert zeilen.count() == 1
    assert fallnummer.split()[-1] in zeilen.first.inner_text()
