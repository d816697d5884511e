"""End to end in a real headless Chromium: a staff member reports an act (R-40-1), the facility
management opens the proceeding and drafts the decision (Einschluss 3 days, R-41-1), records the hearing
(R-0-GEHOER-1), a second manager approves (R-0-4EYES-1) and notifies it by registered mail; the PDF
with the 5-day instruction (R-42-1) is delivered."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from disziplinar.models import Disziplinarverfahren, Rapport
from disziplinar.recht import Verfahrensstatus
from kern.rollen import Rolle
from tests.conftest import PASSWORT
from tests.factories import fall_anlegen, person_anlegen
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungsstatus

from .test_disziplinar import benutzer

# Playwright's sync API keeps an event loop running in this thread until the module ends; Django must
# allow ORM calls (and the test database flush at teardown) meanwhile (PITFALLS: Playwright).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.e2e


@pytest.fixture
def seite_fuer(browser, live_server):
    """One browser context (own cookies) per user, logged in: `seite_fuer("leitung_a")`."""
    kontexte, fehler = [], []

    def _anmelden(username):
        kontext = browser.new_context(locale="de-CH", timezone_id="Europe/Zurich")
        kontexte.append(kontext)
        page = kontext.new_page()
        page.on("pageerror", lambda exc: fehler.append(str(exc)))
        page.goto(f"{live_server.url}/")
        page.get_by_label("Benutzername").fill(username)
        page.get_by_label("Passwort").fill(PASSWORT)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield _anmelden
    for kontext in kontexte:
        kontext.close()
    assert fehler == [], f"JavaScript-Fehler: {fehler}"


@pytest.mark.rule("R-40-1", "R-41-1", "R-0-GEHOER-1", "R-0-4EYES-1", "R-42-1")
def test_e2e_rapport_bis_eroeffnete_disziplinarverfuegung_mit_pdf(
    live_server, seite_fuer, sachbearbeitung, personal_a, leitung_a, anstalt_a
):
    benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)
    person = person_anlegen(durch=sachbearbeitung, amtlicher_name="Kälin", vorname="Bruno")
    fall = fall_anlegen(durch=sachbearbeitung, person=person, eingewiesen_in=anstalt_a)
    tatzeit = timezone.localtime() - timedelta(hours=5)

    # 1. Staff report the act.
    personal = seite_fuer("personal_a")
    personal.goto(f"{live_server.url}/disziplinar/rapporte/neu/")
    personal.locator("#id_fall").select_option(str(fall.pk))
    personal.locator("#id_tatzeit").fill(tatzeit.strftime("%Y-%m-%dT%H:%M"))
    personal.locator("#id_sachverhalt").fill("Arbeitsverweigerung in der Schreinerei, Werkzeug weggeworfen.")
    personal.locator("#id_zeugen").fill("Werkmeister Huber")
    personal.locator("#id_delikte-0-tatbestand").select_option("k")
    personal.locator("#id_delikte-1-tatbestand").select_option("f")
    personal.locator("#id_delikte-1-teilnahmeform").select_option("versuch")
    personal.get_by_role("button", name="Rapport erfassen").click()
    personal.wait_for_url("**/disziplinar/rapporte/*/")
    rapport = Rapport.objects.get()
    assert "Rapport erfasst" in personal.content()
    # Staff do not lead proceedings: no button to open one.
    assert personal.get_by_role("button", name="Disziplinarverfahren eröffnen").count() == 0

    # 2. The facility management opens the proceeding and drafts the decision.
    leitung = seite_fuer("leitung_a")
    leitung.goto(f"{live_server.url}/disziplinar/rapporte/{rapport.pk}/")
    leitung.get_by_role("button", name="Disziplinarverfahren eröffnen").click()
    leitung.wait_for_url("**/disziplinar/verfahren/*/")
    verfahren = Disziplinarverfahren.objects.get()
    assert f"{verfahren.verjaehrung_am:%d.%m.%Y}" in leitung.locator("#verjaehrung").inner_text()
    leitung.locator("#entscheid-link").click()
    leitung.wait_for_url("**/entscheid/")
    # First a refused limit (Einschluss 16 days): the rule's message at the row, nothing saved.
    leitung.locator("#id_sanktionen-0-art").select_option("e")
    leitung.locator("#id_sanktionen-0-dauer_tage").fill("16")
    leitung.locator("#id_verschulden").fill("Vorsätzlich.")
    leitung.locator("#id_schwere").fill("Störung des Arbeitsbetriebs.")
    leitung.locator("#id_persoenliche_verhaeltnisse").fill("Keine besonderen Umstände.")
    leitung.locator("#id_auswirkung_resozialisierung").fill("Kurzer Einschluss, Arbeitsplatz bleibt.")
    leitung.locator("#id_begruendung").fill("Der Sachverhalt ist durch den Rapport erstellt.")
    leitung.get_by_role("button", name="Verfügung entwerfen").click()
    leitung.wait_for_load_state()
    assert (
        "Zellen- oder Zimmereinschluss höchstens 15 Tage"
        in leitung.locator("tr.zeile-fehler").first.inner_text()
    )
    assert not Verfuegung.objects.exists()
    leitung.locator("#id_sanktionen-0-dauer_tage").fill("3")
    leitung.get_by_role("button", name="Verfügung entwerfen").click()
    leitung.wait_for_url("**/verfuegungen/*/")
    verfuegung = Verfuegung.objects.get()
    assert "Zellen- oder Zimmereinschluss von 3 Tagen" in leitung.content()

    # 3. Hearing (Gehör) and submission for approval.
    leitung.locator("#id_gehoer-art").select_option("stellungnahme")
    leitung.locator("#id_gehoer-text").fill("Ich war an diesem Tag krank.")
    leitung.get_by_role("button", name="Rechtliches Gehör erfassen").click()
    leitung.wait_for_url(f"**/verfuegungen/{verfuegung.pk}/")
    leitung.get_by_role("button", name="Zur Genehmigung vorlegen").click()
    leitung.wait_for_url(f"**/verfuegungen/{verfuegung.pk}/")
    verfuegung.refresh_from_db()
    assert verfuegung.status == Verfuegungsstatus.ZUR_GENEHMIGUNG
    # The drafter cannot approve (four eyes): no button for them.
    assert leitung.get_by_role("button", name="Genehmigen").count() == 0

    # 4. A second manager of the same facility approves and notifies by registered mail.
    zweite = seite_fuer("leitung_a2")
    zweite.goto(f"{live_server.url}/verfuegungen/{verfuegung.pk}/")
    zweite.get_by_role("button", name="Genehmigen").click()
    zweite.wait_for_url(f"**/verfuegungen/{verfuegung.pk}/")
    zweite.locator("#id_eroeffnen-art").select_option("einschreiben")
    zweite.get_by_role("button", name="Eröffnen", exact=True).click()
    zweite.get_by_role("button", name="Ja, Verfügung eröffnen").click()  # the confirmation page (issue 17)
    zweite.wait_for_url(f"**/verfuegungen/{verfuegung.pk}/")
    verfuegung.refresh_from_db()
    verfahren.refresh_from_db()
    assert verfuegung.status == Verfuegungsstatus.EROEFFNET
    assert verfahren.status == Verfahrensstatus.ENTSCHIEDEN

    # 5. The PDF link delivers a PDF (fetched with the page's session cookie).
    href = zweite.get_by_role("link", name="PDF herunterladen").get_attribute("href")
    antwort = zweite.request.get(f"{live_server.url}{href}")
    assert antwort.status == 200
    assert antwort.headers["content-type"] == "application/pdf"
    assert antwort.body()[:4] == b"%PDF"

    # The proceeding page shows the decision and its schedule.
    leitung.goto(f"{live_server.url}/disziplinar/verfahren/{verfahren.pk}/")
    abschnitt = leitung.locator("#verfuegung").inner_text()
    assert verfuegung.nummer in abschnitt
    assert "Eröffnet" in abschnitt
