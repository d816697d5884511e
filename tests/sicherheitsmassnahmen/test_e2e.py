"""End to end in a real headless Chromium: a staff member proposes an isolation (§ 31 Abs. 2 lit. c) with
the risk and the person's statement (R-31-1, R-0-GEHOER-1), the facility management orders it
(R-0-4EYES-1) and notifies the Verfügung on the shared page; the measure is active from Eröffnung (§ 44)
and the PDF (20 days to the JSD, no suspensive effect) names the measure."""

import io
import os
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from sicherheitsmassnahmen.models import Sicherheitsmassnahme
from sicherheitsmassnahmen.recht import Massnahmenstatus
from tests.conftest import PASSWORT
from tests.factories import fall_anlegen, person_anlegen
from verfuegungen.recht import Verfuegungsstatus

# Playwright's sync API keeps an event loop running in this thread until the module ends; Django must
# allow ORM calls (and the test database flush at teardown) meanwhile (PITFALLS: Playwright).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.e2e


@pytest.fixture
def seite_fuer(browser, live_server):
    """One browser context (own cookies) per user, logged in through the login form."""
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


@pytest.mark.rule("R-31-1", "R-0-GEHOER-1", "R-0-4EYES-1", "R-0-VFG-4", "R-0-VFG-5", "R-31-5")
def test_e2e_absonderung_beantragt_angeordnet_eroeffnet_mit_pdf(
    live_server, seite_fuer, sachbearbeitung, personal_a, leitung_a, anstalt_a
):
    person = person_anlegen(durch=sachbearbeitung, amtlicher_name="Zbinden", vorname="Marco")
    fall = fall_anlegen(durch=sachbearbeitung, person=person, eingewiesen_in=anstalt_a)

    # 1. Staff propose an isolation; first without a risk: the rule's message at the field, nothing saved.
    personal = seite_fuer("personal_a")
    personal.goto(f"{live_server.url}/zwangsmassnahmen/sicherheit/neu/?fall={fall.pk}")
    personal.locator("#id_art").select_option("absonderung")
    personal.locator("#id_sachverhalt").fill("Bedrohte zwei Mitgefangene beim Mittagessen mit einem Messer.")
    personal.locator("#id_begruendung").fill("Verwarnung und Gespräch blieben ohne Wirkung.")
    personal.locator("#id_gehoer_art").select_option("stellungnahme")
    personal.locator("#id_gehoer_text").fill("Ich wurde provoziert.")
    personal.get_by_role("button", name="Antrag der Anstaltsleitung vorlegen").click()
    personal.wait_for_load_state()
    assert "§ 31 Abs. 1 JVG: Mindestens ein Risiko" in personal.locator(".feld-fehler").first.inner_text()
    assert not Sicherheitsmassnahme.objects.exists()
    personal.get_by_label("Fremdgefährdung").check()
    personal.get_by_role("button", name="Antrag der Anstaltsleitung vorlegen").click()
    personal.wait_for_url("**/zwangsmassnahmen/sicherheit/*/")
    m = Sicherheitsmassnahme.objects.get()
    assert (
        "Beantragt – Entscheid der Anstaltsleitung ausstehend"
        in personal.locator("#massnahme-stand").inner_text()
    )
    # Staff cannot order (four eyes): no button for them.
    assert personal.get_by_role("button", name="Massnahme anordnen").count() == 0

    # 2. The facility management orders it.
    leitung = seite_fuer("leitung_a")
    leitung.goto(f"{live_server.url}/zwangsmassnahmen/sicherheit/{m.pk}/")
    leitung.locator("#id_kommentar").first.fill("Angeordnet bis zur Beruhigung.")
    leitung.get_by_role("button", name="Massnahme anordnen").click()
    leitung.wait_for_url(f"**/zwangsmassnahmen/sicherheit/{m.pk}/")
    m.refresh_from_db()
    assert m.verfuegung.status == Verfuegungsstatus.GENEHMIGT
    assert "Angeordnet – Eröffnung ausstehend" in leitung.locator("#massnahme-stand").inner_text()
    assert "Angeordnet bis zur Beruhigung." in leitung.locator("#genehmigungsschritte").inner_text()

    # 3. Notified on the shared Verfügung page (registered mail): active from Eröffnung (§ 44).
    leitung.locator("#verfuegung-link").click()
    leitung.wait_for_url(f"**/verfuegungen/{m.verfuegung.pk}/")
    leitung.locator("#id_eroeffnen-art").select_option("einschreiben")
    leitung.get_by_role("button", name="Eröffnen", exact=True).click()
    leitung.get_by_role("button", name="Ja, Verfügung eröffnen").click()  # the confirmation page (issue 17)
    leitung.wait_for_url(f"**/verfuegungen/{m.verfuegung.pk}/")
    m.refresh_from_db()
    assert m.verfuegung.status == Verfuegungsstatus.EROEFFNET
    assert m.status == Massnahmenstatus.AKTIV

    # 4. The PDF: a PDF naming the measure, the JSD and the 20 days, without suspensive effect.
    href = leitung.get_by_role("link", name="PDF herunterladen").get_attribute("href")
    antwort = leitung.request.get(f"{live_server.url}{href}")
    assert antwort.status == 200
    assert antwort.headers["content-type"] == "application/pdf"
    assert antwort.body()[:4] == b"%PDF"
    text = " ".join((seite.extract_text() or "") for seite in PdfReader(io.BytesIO(antwort.body())).pages)
    text = " ".join(text.split())
    assert "Absonderung von den anderen eingewiesenen Personen" in text
    assert "§ 31 Abs. 2 lit. c JVG" in text
    assert "20 Tagen" in text
    assert "keine aufschiebende Wirkung" in text

    # 5. The measure page shows it active with its next review (§ 31 Abs. 5).
    leitung.goto(f"{live_server.url}/zwangsmassnahmen/sicherheit/{m.pk}/")
    assert "Aktiv" in leitung.locator("#massnahme-stand").inner_text()
    faellig = timezone.localtime(m.naechste_ueberpruefung_am)
    assert faellig == timezone.localtime(m.aktiv_seit) + timedelta(days=7)
    assert f"{faellig:%d.%m.%Y %H:%M}" in leitung.locator("#naechste-ueberpruefung").inner_text()
