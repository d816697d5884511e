"""Issue 18 item 1 end to end in headless Chromium: enrolment of the second factor, then a TOTP sign-in."""

import os

import pytest

from kern import anmeldung
from tests.conftest import PASSWORT

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # PITFALLS: Playwright's sync API inside pytest-django

pytestmark = pytest.mark.e2e


def _passwort(seite, url):
    seite.goto(f"{url}/")
    seite.get_by_label("Benutzername").fill("sb")
    seite.get_by_label("Passwort").fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()


def test_e2e_enrolment_and_totp_sign_in(live_server, seite, sachbearbeitung, settings):
    settings.JVG_MFA_PFLICHT = True  # as in production
    _passwort(seite, live_server.url)
    seite.wait_for_url("**/anmelden/zweiter-faktor/einrichten/")
    geheimnis = seite.locator("#totp-geheimnis").inner_text().strip()
    seite.get_by_label("Code aus der Authenticator-App").fill(
        anmeldung.code(geheimnis, anmeldung.aktueller_schritt())
    )
    seite.get_by_role("button", name="Einrichten").click()
    seite.wait_for_url(f"{live_server.url}/")
    seite.get_by_role("button", name="Abmelden").click()

    _passwort(seite, live_server.url)
    seite.wait_for_url("**/anmelden/zweiter-faktor/**")
    seite.get_by_label("Code aus der Authenticator-App").fill("000000")
    seite.get_by_role("button", name="Bestätigen").click()
    assert "Der Code ist falsch oder abgelaufen." in seite.content()
    seite.get_by_label("Code aus der Authenticator-App").fill(
        anmeldung.code(geheimnis, anmeldung.aktueller_schritt() + 1)  # the enrolment code is spent
    )
    seite.get_by_role("button", name="Bestätigen").click()
    seite.wait_for_url(f"{live_server.url}/")
    assert seite.get_by_role("button", name="Abmelden").is_visible()
