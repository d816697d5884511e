"""Issue 17 items 6 and 7 in a real headless Chromium: on a phone (390 px) no page scrolls sideways and
the header takes less than a quarter of the height; the menu folds and opens without JavaScript; at
1366 px wide tables scroll inside their own frame, not the page."""

import os
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from kosten import domain as kosten
from kosten.recht import Zahler
from tests.conftest import PASSWORT
from tests.factories import fall_anlegen
from tests.kosten.hilfen import zeit
from tests.kosten.test_ansichten import _faelle_mit_kosten
from tests.zwang.hilfen import protokoll
from vollzug.recht import Vollzugsform

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.e2e

SEITEN_SB = [
    "/",
    "/vollzug/personen/",
    "/vollzug/faelle/",
    "/vollzug/gesuche-14/",
    "/verfuegungen/",
    "/fristen/",
    "/kosten/",
    "/kosten/positionen/",
    "/zwangsmassnahmen/",
    "/zwangsmassnahmen/sicherheit/",
    "/zwangsmassnahmen/zwang/",
    "/zwangsmassnahmen/medizinisch/",
    "/disziplinar/statistik/",
    "/inkasso/",
]


def _anmelden(kontext, basis, name):
    seite = kontext.new_page()
    seite.goto(f"{basis}/anmelden/")
    seite.get_by_label("Benutzername").fill(name)
    seite.get_by_label("Passwort").fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()
    seite.wait_for_url(f"{basis}/")
    return seite


def _breite(seite) -> int:
    return seite.evaluate("document.documentElement.scrollWidth")


def _mit_daten(sachbearbeitung, personal_a, anstalt_a):
    # Rows make tables wide: a case in the facility and a § 33 protocol about it.
    fall = fall_anlegen(
        durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=timezone.now() - timedelta(days=3)
    )
    protokoll(personal_a, fall)


def test_e2e_telefon_kein_seitliches_scrollen_kopf_unter_einem_viertel(
    live_server, browser, sachbearbeitung, personal_a, anstalt_a
):
    _mit_daten(sachbearbeitung, personal_a, anstalt_a)
    # The cost statement scrolled sideways on a phone (issue 17 finding 7): one with three cases.
    with time_machine.travel(zeit(date(2026, 3, 31), 12), tick=False):
        kosten.kostgeld_erfassen(
            anstalt=anstalt_a,
            vollzugsform=Vollzugsform.NORMALVOLLZUG,
            gueltig_ab=date(2026, 1, 1),
            betrag=Decimal("285.00"),
            durch=sachbearbeitung,
        )
        _faelle_mit_kosten(3, sachbearbeitung, anstalt_a)
        abrechnung = kosten.abrechnung_erstellen(
            zahler=Zahler.KANTON, von=date(2026, 3, 1), bis=date(2026, 3, 31), durch=sachbearbeitung
        )
    kontext = browser.new_context(
        locale="de-CH",
        timezone_id="Europe/Zurich",
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
    )
    seite = _anmelden(kontext, live_server.url, "sb")
    zu_breit = {}
    for pfad in [*SEITEN_SB, f"/kosten/abrechnungen/{abrechnung.pk}/"]:
        seite.goto(f"{live_server.url}{pfad}")
        if _breite(seite) > 390:
            zu_breit[pfad] = _breite(seite)
    assert zu_breit == {}

    seite.goto(f"{live_server.url}/kosten/")
    kopf = seite.locator("header.kopf").bounding_box()
    assert kopf["height"] < 844 / 4
    # The menu is folded; its button opens it (a checkbox label: no JavaScript in this context).
    assert not seite.get_by_role("link", name="Kostenübersicht").is_visible()
    seite.locator("label.menue-knopf").click()
    seite.get_by_text("Kosten", exact=True).click()
    assert seite.get_by_role("link", name="Kostenübersicht").is_visible()
    assert _breite(seite) <= 390
    kontext.close()


def test_e2e_breite_tabellen_scrollen_im_eigenen_rahmen(
    live_server, browser, sachbearbeitung, personal_a, anstalt_a, bedrohung
):
    _mit_daten(sachbearbeitung, personal_a, anstalt_a)
    kontext = browser.new_context(
        locale="de-CH", timezone_id="Europe/Zurich", viewport={"width": 1366, "height": 768}
    )
    seite = _anmelden(kontext, live_server.url, "sb")
    for pfad in ("/zwangsmassnahmen/zwang/", "/disziplinar/statistik/", "/vollzug/faelle/"):
        seite.goto(f"{live_server.url}{pfad}")
        assert seite.locator("main table").count() >= 1, pfad
        assert _breite(seite) <= 1366, pfad
        # Every table sits in a frame that scrolls by itself.
        rahmenlos = seite.evaluate(
            "[...document.querySelectorAll('main table')].filter(t => !t.closest('.tabelle-rahmen')).length"
        )
        assert rahmenlos == 0, pfad
    team = _anmelden(
        browser.new_context(
            locale="de-CH", timezone_id="Europe/Zurich", viewport={"width": 1366, "height": 768}
        ),
        live_server.url,
        "btm",
    )
    team.goto(f"{live_server.url}/bedrohung/meldungen/")
    assert _breite(team) <= 1366
    kontext.close()
