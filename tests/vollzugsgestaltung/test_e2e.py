"""End to end in a real headless Chromium: the facility requests a leave for a person under Art. 75a
StGB; the authority cannot decide before the Fachkommission's assessment is recorded (R-STGB-75A-1),
then decides and the Verfügung draft is linked."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import PASSWORT
from tests.factories import fall_anlegen, person_anlegen
from vollzugsgestaltung.models import Vollzugsoeffnung

# Playwright's sync API keeps an event loop running in this thread (PITFALLS: Playwright).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.e2e


def _anmelden(seite, url, benutzer):
    seite.goto(f"{url}/anmelden/")
    seite.get_by_label("Benutzername").fill(benutzer)
    seite.get_by_label("Passwort").fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()
    seite.wait_for_url(f"{url}/")


@pytest.mark.rule("R-STGB-75A-1")
def test_e2e_urlaub_75a_erst_nach_fachkommission(live_server, browser, sachbearbeitung, leitung_a, anstalt_a):
    person = person_anlegen(durch=sachbearbeitung, amtlicher_name="Kälin", vorname="Bruno")
    fall = fall_anlegen(durch=sachbearbeitung, person=person, eingewiesen_in=anstalt_a)
    morgen = timezone.localtime() + timedelta(days=1)

    # The facility management requests the leave from the case page.
    kontext = browser.new_context(locale="de-CH", timezone_id="Europe/Zurich")
    seite = kontext.new_page()
    _anmelden(seite, live_server.url, "leitung_a")
    seite.goto(f"{live_server.url}{fall.get_absolute_url()}")
    seite.get_by_role("link", name="Vollzugsöffnung beantragen").click()
    seite.wait_for_url("**/oeffnung/neu/")
    seite.locator("#id_art").select_option("urlaub")
    seite.locator("#id_grundlage").select_option("art_59")
    seite.locator("#id_gemeingefaehrlich_75a").check()
    seite.locator("#id_von").fill(morgen.replace(hour=9, minute=0).strftime("%Y-%m-%dT%H:%M"))
    seite.locator("#id_bis").fill(morgen.replace(hour=17, minute=0).strftime("%Y-%m-%dT%H:%M"))
    seite.locator("#id_begruendung").fill("Begleiteter Urlaub gemäss Vollzugsplan.")
    seite.get_by_role("button", name="Speichern").click()
    seite.wait_for_url("**/oeffnungen/*/")
    o = Vollzugsoeffnung.objects.get(fall=fall)
    assert seite.locator("#oeffnung-status").inner_text() == "Beantragt"
    kontext.close()

    # The case worker: deciding first is refused with the article, nothing is saved.
    kontext = browser.new_context(locale="de-CH", timezone_id="Europe/Zurich")
    seite = kontext.new_page()
    _anmelden(seite, live_server.url, "sb")
    seite.goto(f"{live_server.url}{o.get_absolute_url()}")
    seite.locator("#id_entscheiden-bewilligen_0").check()
    seite.locator("#id_entscheiden-begruendung").fill("Stufe 2 erreicht.")
    seite.get_by_role("button", name="Entscheiden und Verfügung entwerfen").click()
    seite.wait_for_load_state()
    assert (
        "Art. 75a Abs. 1 StGB: Bei gemeingefährlichen Personen"
        in seite.locator("#aktion-entscheiden").inner_text()
    )
    o.refresh_from_db()
    assert o.status == "beantragt" and o.verfuegung_id is None

    # The Fachkommission's assessment, then the decision with its Verfügung draft.
    seite.goto(f"{live_server.url}{o.get_absolute_url()}")
    seite.locator("#id_fachkommission-am").fill(timezone.localdate().isoformat())
    seite.locator("#id_fachkommission-ergebnis").select_option("mit_auflagen")
    seite.locator("#id_fachkommission-text").fill("Begleitet durch zwei Mitarbeitende.")
    seite.get_by_role("button", name="Beurteilung der Fachkommission erfassen").click()
    seite.wait_for_load_state()
    seite.locator("#id_entscheiden-bewilligen_0").check()
    seite.locator("#id_entscheiden-begruendung").fill("Stufe 2 erreicht; Fachkommission befürwortet.")
    seite.locator("#id_entscheiden-auflagen").fill("Begleitung durch zwei Mitarbeitende.")
    seite.get_by_role("button", name="Entscheiden und Verfügung entwerfen").click()
    seite.wait_for_load_state()
    o.refresh_from_db()
    assert o.status == "bewilligt" and o.verfuegung is not None
    assert seite.locator("#oeffnung-status").inner_text() == "Bewilligt"
    assert o.verfuegung.nummer in seite.content()
    kontext.close()
