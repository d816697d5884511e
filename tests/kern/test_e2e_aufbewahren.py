"""Issue 17 item 7 in a real Chromium: after the session expired, the sent form comes back filled in
after the new sign-in, and nothing is submitted."""

import os
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.conftest import PASSWORT
from vollzug.models import Person

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

NEU = "/vollzug/personen/neu/"


@pytest.mark.e2e
def test_e2e_formular_wird_im_browser_vorausgefuellt_nicht_abgesendet(live_server, browser, sachbearbeitung):
    kontext = browser.new_context(locale="de-CH", timezone_id="Europe/Zurich")
    seite = kontext.new_page()
    seite.goto(f"{live_server.url}/anmelden/?next={NEU}")
    seite.get_by_label("Benutzername").fill("sb")
    seite.get_by_label("Passwort").fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()
    seite.wait_for_url(f"{live_server.url}{NEU}")
    seite.get_by_label("Name (amtlich)").fill("Muster-Browser")
    seite.get_by_label("Vorname").fill("Vreni")
    Session.objects.all().update(expire_date=timezone.now() - timedelta(minutes=1))
    seite.locator("main form[method='post'] button[type='submit']").first.click()
    seite.wait_for_url("**/anmelden/**")
    assert "Ihre Eingaben werden danach wieder angezeigt" in seite.content()
    seite.get_by_label("Benutzername").fill("sb")
    seite.get_by_label("Passwort").fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()
    seite.wait_for_url(f"{live_server.url}{NEU}")
    assert "Sitzung abgelaufen — Ihre Eingaben wurden aufbewahrt." in seite.content()
    assert seite.get_by_label("Name (amtlich)").input_value() == "Muster-Browser"
    assert seite.get_by_label("Vorname").input_value() == "Vreni"
    assert not Person.objects.filter(amtlicher_name="Muster-Browser").exists()
    kontext.close()
