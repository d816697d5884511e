"""End to end in a real headless Chromium (issue 21, item 8): a case worker opens a case and its dates,
records the court's credit (Art. 51 StGB), starts the ex-officio examination of conditional release,
requests the facility's report, which the facility management writes; hears the person, drafts the
grant as a Verfügung; a second case worker approves and notifies it; once enforceable, the person is
released through the case core's release (which starts the ED clock)."""

import os
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from kern.fristen import TZ
from tests.conftest import PASSWORT
from tests.factories import fall_anlegen, person_anlegen
from verfuegungen import domain as vs
from verfuegungen.recht import Verfuegungsstatus
from vollzug.recht import Fallstatus
from vollzugsdaten.models import Entlassungspruefung

# Playwright's sync API keeps an event loop running in this thread until the module ends; Django must
# allow ORM calls (and the test database flush at teardown) meanwhile (PITFALLS: Playwright).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.e2e


@pytest.fixture
def seite_fuer(browser, live_server):
    """One browser context (own cookies) per user, logged in."""
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


@pytest.mark.rule("R-VD-1", "R-STGB-86-1", "R-STGB-86-2", "R-STGB-87-1", "R-1-ENTL-1")
def test_e2e_fall_daten_pruefung_bericht_anhoerung_verfuegung_entlassung(
    live_server, seite_fuer, sachbearbeitung, sachbearbeitung2, leitung_a, anstalt_a
):
    person = person_anlegen(durch=sachbearbeitung, amtlicher_name="Bühler", vorname="Marco")
    fall = fall_anlegen(
        durch=sachbearbeitung,
        person=person,
        monate=11,
        eingewiesen_in=anstalt_a,
        eingewiesen_am=datetime(2026, 3, 1, 9, 0, tzinfo=TZ),
    )
    heute = timezone.localdate()

    # 1. The case page shows the dates; the Vollzugsdaten page explains them.
    sb = seite_fuer("sb")
    sb.goto(f"{live_server.url}{fall.get_absolute_url()}")
    block = sb.locator("#vollzugsdaten")
    assert "11.10.2026" in block.inner_text()  # two thirds of 11 months from 01.03.2026
    block.get_by_role("link", name="Vollzugsdaten öffnen").click()
    sb.wait_for_url(f"**/vollzugsdaten/faelle/{fall.pk}/")
    assert "Art. 110 Abs. 6 StGB" in sb.locator("#berechnung").inner_text()

    # Credit without its source is refused with the article; with it, a new version says what changed.
    sb.locator("#id_angerechnete_tage").fill("25")
    sb.get_by_role("button", name="Angaben speichern und neu berechnen").click()
    sb.wait_for_load_state()
    assert "Art. 51 StGB: nie geschätzt" in sb.locator("#angaben").inner_text()
    sb.locator("#id_anrechnung_beleg").fill("Urteil, Dispositiv Ziff. 3")
    sb.get_by_role("button", name="Angaben speichern und neu berechnen").click()
    sb.wait_for_url(f"**/vollzugsdaten/faelle/{fall.pk}/")
    versionen = sb.locator("#versionen").inner_text()
    assert "Angerechnete Tage (Art. 51 StGB): 0 → 25." in versionen and "16.09.2026" in versionen

    # 2. The ex-officio examination (due three months before): request the facility's report.
    sb.locator("#pruefungen a").first.click()
    sb.wait_for_url("**/vollzugsdaten/pruefungen/*/")
    pruefung = Entlassungspruefung.objects.get(fall=fall)
    assert "16.06.2026" in sb.locator(".einleitung").inner_text()  # 16.09.2026 − 3 months
    sb.get_by_role("button", name="Bericht bei der Anstaltsleitung anfordern").click()
    sb.wait_for_url(f"**/vollzugsdaten/pruefungen/{pruefung.pk}/")
    assert "Angefordert am" in sb.locator("#bericht").inner_text()

    # 3. The facility management writes the report.
    leitung = seite_fuer("leitung_a")
    leitung.goto(f"{live_server.url}/vollzugsdaten/pruefungen/{pruefung.pk}/")
    leitung.locator("#id_bericht").fill("Gute Führung, zuverlässig in der Schreinerei; Wohnung in Aussicht.")
    leitung.get_by_role("button", name="Bericht erfassen").click()
    leitung.wait_for_url(f"**/vollzugsdaten/pruefungen/{pruefung.pk}/")
    assert "Gute Führung" in leitung.locator("#bericht").inner_text()

    # 4. The person is heard.
    sb.reload()
    sb.locator("#id_aeusserung").fill("Ich möchte bei meiner Schwester in Kriens wohnen und arbeiten.")
    sb.get_by_role("button", name="Anhörung erfassen").click()
    sb.wait_for_url(f"**/vollzugsdaten/pruefungen/{pruefung.pk}/")

    # 5. The grant as a Verfügung: a Probezeit of six years is refused (Art. 87 Abs. 1), two are fine.
    sb.locator("#id_ergebnis").select_option("gewaehrt")
    sb.locator("#id_entlassung_am").fill(heute.isoformat())
    sb.locator("#id_probezeit_jahre").fill("6")
    sb.locator("#id_bewaehrungshilfe").check()
    sb.locator("#id_weisungen").fill("Wohnsitz bei der Schwester in Kriens")
    sb.locator("#id_begruendung").fill("Günstige Prognose nach dem Bericht der Einrichtung und der Anhörung.")
    sb.get_by_role("button", name="Verfügung entwerfen").click()
    sb.wait_for_load_state()
    assert "Art. 87 Abs. 1 StGB" in sb.locator("#entscheid").inner_text()
    sb.locator("#id_probezeit_jahre").fill("2")
    sb.get_by_role("button", name="Verfügung entwerfen").click()
    sb.wait_for_url(f"**/vollzugsdaten/pruefungen/{pruefung.pk}/")
    pruefung.refresh_from_db()
    verfuegung = pruefung.verfuegung
    sb.locator("#entscheid").get_by_role("link", name=verfuegung.nummer).click()
    sb.wait_for_url(f"**/verfuegungen/{verfuegung.pk}/")
    assert "Probezeit beträgt 2 Jahre" in sb.content()
    sb.get_by_role("button", name="Zur Genehmigung vorlegen").click()
    sb.wait_for_url(f"**/verfuegungen/{verfuegung.pk}/")

    # 6. Four eyes: a second case worker approves and notifies it.
    zweite = seite_fuer("sb2")
    zweite.goto(f"{live_server.url}/verfuegungen/{verfuegung.pk}/")
    zweite.get_by_role("button", name="Genehmigen").click()
    zweite.wait_for_url(f"**/verfuegungen/{verfuegung.pk}/")
    zweite.locator("#id_eroeffnen-art").select_option("einschreiben")
    zweite.get_by_role("button", name="Eröffnen", exact=True).click()
    zweite.get_by_role("button", name="Ja, Verfügung eröffnen").click()  # the confirmation page (issue 17)
    zweite.wait_for_url(f"**/verfuegungen/{verfuegung.pk}/")
    verfuegung.refresh_from_db()
    assert verfuegung.status == Verfuegungsstatus.EROEFFNET

    # Not yet enforceable (§ 43 Abs. 2 lit. a JVG: appeal with suspensive effect): release refused.
    sb.goto(f"{live_server.url}/vollzugsdaten/pruefungen/{pruefung.pk}/")
    sb.get_by_role("button", name="Bedingt entlassen").click()
    sb.wait_for_load_state()
    assert "noch nicht vollstreckbar" in sb.locator("#entlassung").inner_text()

    # 7. The appeal deadline passes unused (the Rechtskraft job), then the release.
    vs.rechtskraft_eintragen(heute=verfuegung.rechtsmittelfrist_ende + timedelta(days=1))
    sb.goto(f"{live_server.url}/vollzugsdaten/pruefungen/{pruefung.pk}/")
    sb.get_by_role("button", name="Bedingt entlassen").click()
    sb.wait_for_url(f"**/vollzugsdaten/pruefungen/{pruefung.pk}/")
    assert "Bedingt entlassen am" in sb.locator("#entlassung").inner_text()
    fall.refresh_from_db()
    assert fall.status == Fallstatus.ENTLASSEN
    assert "Bedingte Entlassung (Art. 86 StGB)" in fall.entlassung_bemerkung
