"""End to end in a real headless Chromium: a staff member reports a threat with an attachment (R-BM-1),
a member of the threat-management team assesses it (risk level, R-BM-2), records an interdisciplinary
case conference with a follow-up and deadline (R-BM-2); the follow-up appears on the report page. The
reporter sees the status of their report but not the team's data (R-BM-3)."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from bedrohung.models import Bedrohungsmeldung, Massnahme
from bedrohung.recht import Meldungsstatus, Risikostufe
from tests.conftest import PASSWORT

# Playwright's sync API keeps an event loop running in this thread until the module ends; Django must
# allow ORM calls (and the test database flush at teardown) meanwhile (PITFALLS: Playwright).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.e2e


@pytest.fixture
def seite_fuer(browser, live_server):
    """One browser context (own cookies) per user, logged in: `seite_fuer("btm")`."""
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


@pytest.mark.rule("R-BM-1", "R-BM-2", "R-BM-3")
def test_e2e_meldung_einschaetzung_fallkonferenz_mit_folgeauftrag(
    live_server, seite_fuer, personal_a, bedrohung
):
    vorfall = timezone.localtime() - timedelta(hours=3)
    frist = timezone.localdate() + timedelta(days=10)

    # 1. A staff member reports a threat in a few clicks.
    melder = seite_fuer("personal_a")
    melder.goto(f"{live_server.url}/bedrohung/melden/")
    melder.locator('input[name="urheber_art"][value="besucher"]').check()
    melder.locator("#id_urheber_beschreibung").fill("Besucher von Insasse K., ca. 30 Jahre, Tattoo am Hals")
    melder.locator("#id_betroffene").fill("Aufseher Roth")
    melder.locator("#id_vorfall_am").fill(vorfall.strftime("%Y-%m-%dT%H:%M"))
    melder.locator("#id_kanal").select_option("persoenlich")
    melder.locator("#id_ort").fill("Besucherraum 2")
    melder.locator("#id_wortlaut").fill("Wir wissen, wo deine Kinder zur Schule gehen.")
    melder.locator("#id_sofortbedarf").fill("Begleitung zum Parkplatz heute Abend")
    melder.locator("#id_dateien").set_input_files(
        [{"name": "notiz.txt", "mimeType": "text/plain", "buffer": b"Gedaechtnisprotokoll"}]
    )
    melder.get_by_role("button", name="Meldung absenden").click()
    melder.wait_for_url("**/bedrohung/meldungen/*/")
    meldung = Bedrohungsmeldung.objects.get()
    assert "ist beim Bedrohungsmanagement eingegangen" in melder.content()
    assert meldung.beilagen.count() == 1 and meldung.gemeldet_durch == personal_a

    # 2. A team member opens it from the list and assesses it.
    team = seite_fuer("btm")
    team.goto(f"{live_server.url}/bedrohung/meldungen/")
    team.get_by_role("link", name=meldung.nummer).click()
    team.wait_for_url(f"**/bedrohung/meldungen/{meldung.pk}/")
    assert team.locator("#risikostufe").inner_text() == "noch nicht eingeschätzt"
    team.get_by_role("link", name="Einschätzung erfassen").click()
    team.get_by_label("Fixierung auf eine Person oder Sache").check()
    team.get_by_label("Eskalation über die Zeit").check()
    team.locator("#id_risikostufe").select_option("hoch")
    team.locator("#id_begruendung").fill("Konkrete Drohung gegen Angehörige, Wissen über Schule der Kinder.")
    team.get_by_role("button", name="Einschätzung speichern").click()
    team.wait_for_url(f"**/bedrohung/meldungen/{meldung.pk}/")
    assert team.locator("#risikostufe").inner_text() == "hoch"

    # 3. The team records a case conference with one follow-up.
    team.get_by_role("link", name="Fallkonferenz erfassen").click()
    team.get_by_label("Polizei", exact=True).check()
    team.get_by_label("KESB").check()
    team.locator("#id_teilnehmende").fill("Kapo Luzern (Wm Huber), KESB Luzern (Frau Aregger)")
    team.locator("#id_beschluesse").fill("Gefährderansprache durch die Polizei; Besuchsverbot prüfen.")
    team.locator("#id_folge-0-art").select_option("hausverbot")
    team.locator("#id_folge-0-verantwortlich").select_option(str(bedrohung.pk))
    team.locator("#id_folge-0-frist").fill(frist.isoformat())
    team.locator("#id_folge-0-beschreibung").fill("Besuchsverbot für den Besucher verfügen lassen")
    team.get_by_role("button", name="Fallkonferenz speichern").click()
    team.wait_for_url(f"**/bedrohung/meldungen/{meldung.pk}/#konferenzen")

    # 4. The follow-up appears on the report page, with owner and deadline.
    folge = Massnahme.objects.get()
    zeile = team.locator(f"#massnahme-{folge.pk}")
    assert "Besuchsverbot für den Besucher verfügen lassen" in zeile.inner_text()
    assert frist.strftime("%d.%m.%Y") in zeile.inner_text()
    assert "Polizei, KESB" in team.locator("#konferenzen").inner_text()
    meldung.refresh_from_db()
    assert (meldung.status, meldung.risikostufe) == (Meldungsstatus.IN_BEARBEITUNG, Risikostufe.HOCH)

    # 5. The reporter sees the status, not the team's assessment or conference.
    melder.goto(f"{live_server.url}/bedrohung/meldungen/{meldung.pk}/")
    inhalt = melder.content()
    assert "in Bearbeitung" in inhalt and "Wir wissen, wo deine Kinder" in inhalt
    assert "Besuchsverbot" not in inhalt and "Konkrete Drohung gegen Angehörige" not in inhalt
