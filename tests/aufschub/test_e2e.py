"""End to end in a real headless Chromium: a case worker files a § 14 deferral on ground (a) and can
grant it only with a current medical certificate (R-14-4); the grant drafts the Verfügung (R-14-6)."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from aufschub.models import Aufschubgesuch
from aufschub.recht import Gesuchsstatus
from tests.conftest import PASSWORT
from tests.factories import fall_anlegen, person_anlegen

# Playwright's sync API keeps an event loop running in this thread until the module ends; Django must
# allow ORM calls (and the test database flush at teardown) meanwhile (PITFALLS: Playwright).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.e2e


def _zeugnis(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": b"%PDF-1.4 Arztzeugnis"}


@pytest.mark.rule("R-14-1", "R-14-4", "R-14-6")
def test_e2e_aufschub_grund_a_nur_mit_aktuellem_arztzeugnis(live_server, seite, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung, amtlicher_name="Imhof", vorname="Rita")
    fall = fall_anlegen(durch=sachbearbeitung, person=person)  # not yet started: Aufschub possible
    heute = timezone.localdate()

    seite.goto(f"{live_server.url}/")
    seite.get_by_label("Benutzername").fill("sb")
    seite.get_by_label("Passwort").fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()
    seite.wait_for_url(f"{live_server.url}/")

    # The case page offers the request; the form files it without a certificate.
    seite.goto(f"{live_server.url}{fall.get_absolute_url()}")
    seite.get_by_role("link", name="Gesuch erfassen").click()
    seite.wait_for_url("**/gesuche-14/neu/")
    assert seite.locator("#id_art_0").is_checked()  # Aufschub preselected for a case in intake
    seite.locator("#id_grund").select_option("a")
    seite.locator("#id_begehrt_von").fill((heute + timedelta(days=20)).isoformat())
    seite.locator("#id_begehrt_bis").fill((heute + timedelta(days=80)).isoformat())
    seite.locator("#id_begruendung").fill("Schwere Erkrankung, Operation geplant.")
    seite.get_by_role("button", name="Gesuch erfassen").click()
    seite.wait_for_url("**/gesuche-14/*/")
    gesuch = Aufschubgesuch.objects.get(fall=fall)
    assert "fehlt" in seite.content()

    # Granting without a certificate: refused with R-14-4 on the page.
    def entscheiden():
        seite.locator("#id_entscheid-bewilligen_0").check()
        seite.locator("#id_entscheid-beurteilung_vollzugsdauer").fill("Acht Monate Freiheitsstrafe.")
        seite.locator("#id_entscheid-fluchtgefahr").select_option("gering")
        seite.locator("#id_entscheid-wiederholungsgefahr").select_option("keine")
        seite.locator("#id_entscheid-entscheid_begruendung").fill(
            "Hafterstehungsunfähigkeit ärztlich belegt."
        )
        seite.get_by_role("button", name="Entscheiden und Verfügung entwerfen").click()
        seite.wait_for_load_state()

    entscheiden()
    fehler = seite.locator("#entscheid .formfehler").inner_text()
    assert "§ 14 Abs. 3 JVG: Ohne aktuelles, begründetes Arztzeugnis" in fehler
    gesuch.refresh_from_db()
    assert gesuch.status == Gesuchsstatus.EINGEREICHT

    # A certificate issued 40 days before the request is not current.
    seite.locator("#id_zeugnis-arztzeugnis").set_input_files(_zeugnis("alt.pdf"))
    seite.locator("#id_zeugnis-arztzeugnis_ausgestellt_am").fill((heute - timedelta(days=40)).isoformat())
    seite.get_by_role("button", name="Arztzeugnis speichern").click()
    seite.wait_for_load_state()
    meldung = seite.locator("#arztzeugnis .feld-fehler .errorlist").inner_text()
    assert "§ 14 Abs. 3 JVG: Das Arztzeugnis ist nicht aktuell" in meldung
    assert "40 Tage vor dem Gesuch" in meldung

    # A current one is accepted; now the grant succeeds and links its Verfügung draft.
    seite.locator("#id_zeugnis-arztzeugnis").set_input_files(_zeugnis("aktuell.pdf"))
    seite.locator("#id_zeugnis-arztzeugnis_ausgestellt_am").fill((heute - timedelta(days=3)).isoformat())
    seite.get_by_role("button", name="Arztzeugnis speichern").click()
    seite.wait_for_url(f"**/gesuche-14/{gesuch.pk}/")
    assert "Arztzeugnis nachgereicht" in seite.content()

    entscheiden()
    seite.wait_for_url(f"**/gesuche-14/{gesuch.pk}/")
    gesuch.refresh_from_db()
    assert gesuch.status == Gesuchsstatus.BEWILLIGT
    link = seite.locator("#verfuegung-link")
    assert link.inner_text().startswith("Verfügung V-")
    link.click()
    seite.wait_for_url("**/verfuegungen/*/")
    assert "Aufschub des Vollzugs (§ 14 JVG): Bewilligung" in seite.content()
