"""Issue 17, item 9: one journey per role in a real headless Chromium on the demo data (`manage.py
demo_daten`), each with a screenshot under var/e2e/ (CI artifact) and an axe-core check (served from the
vendored npm package static/vendor/axe-core/axe.min.js, no CDN) that fails on serious or critical
violations. The partner agency has no journey: it works through the API only."""

import os
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from kern import erweiterungen
from kern.models import Benutzer
from sicherheitsmassnahmen.models import Sicherheitsmassnahme
from sicherheitsmassnahmen.recht import Massnahmenart, Risiko
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Anhoerungsart, EroeffnungArt, Verfuegungsstatus, Verfuegungstyp
from vollzug.models import Platzierung, Vollzugsfall

# Playwright's sync API keeps an event loop running in this thread until the module ends; Django must
# allow ORM calls (and the test database flush at teardown) meanwhile (PITFALLS: Playwright).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.e2e

AXE = settings.BASE_DIR / "static" / "vendor" / "axe-core" / "axe.min.js"
BILDER = settings.BASE_DIR / "var" / "e2e"


@pytest.fixture
def demo(transactional_db):
    call_command("demo_daten", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def als(browser, live_server, demo):
    """One browser context (own cookies) per demo login, logged in; the module reuses one browser."""
    kontexte, fehler = [], []

    def _anmelden(username):
        kontext = browser.new_context(
            locale="de-CH", timezone_id="Europe/Zurich", viewport={"width": 1366, "height": 768}
        )
        kontexte.append(kontext)
        page = kontext.new_page()
        page.on("pageerror", lambda exc: fehler.append(str(exc)))
        page.goto(f"{live_server.url}/anmelden/")
        page.get_by_label("Benutzername").fill(username)
        page.get_by_label("Passwort").fill(erweiterungen.DEMO_PASSWORT)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield _anmelden
    for kontext in kontexte:
        kontext.close()
    assert fehler == [], f"JavaScript-Fehler: {fehler}"


def pruefen(page, name: str) -> None:
    """Screenshot (var/e2e/<name>.png) and axe-core: no serious or critical violation on this page."""
    BILDER.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(BILDER / f"{name}.png"), full_page=True)
    # As a file of the app's own origin (the CSP allows only 'self' scripts; an inline tag is refused).
    assert AXE.exists(), "axe-core fehlt: static/vendor/axe-core/axe.min.js"
    page.add_script_tag(url=f"{settings.STATIC_URL}vendor/axe-core/axe.min.js")
    verstoesse = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
        }"""
    )
    assert verstoesse == [], f"axe-core auf {page.url}:\n" + "\n".join(verstoesse)


def test_revision_liest_das_aenderungsprotokoll(als, live_server):
    page = als("revision")
    pruefen(page, "revision_arbeitskorb")
    page.goto(f"{live_server.url}/revision/aenderungen/")
    page.locator("#id_person").fill("Muster")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url("**/revision/aenderungen/?*")
    zeilen = page.locator("table.liste tbody tr")
    assert zeilen.count() > 0
    assert "Änderungsprotokoll" in page.locator("h1").inner_text()
    pruefen(page, "revision_aenderungsprotokoll")


def test_bedrohungsmanagement_schaetzt_eine_meldung_ein(als, live_server):
    page = als("bedrohungsmanagement")
    pruefen(page, "bedrohung_arbeitskorb")
    page.goto(f"{live_server.url}/bedrohung/meldungen/")
    pruefen(page, "bedrohung_meldungen")
    page.locator("table tbody tr a").first.click()
    page.wait_for_url("**/bedrohung/meldungen/*/")
    page.get_by_role("link", name="Einschätzung erfassen").click()
    page.wait_for_url("**/einschaetzung/")
    page.get_by_label("Leakage: Ankündigung gegenüber Dritten").check()
    page.get_by_label("Fixierung auf eine Person oder Sache").check()
    page.get_by_label("Risikostufe").select_option(index=2)
    page.get_by_label("Begründung der Einschätzung").fill(
        "Drohung gegen Familie einer Mitarbeiterin, konkret und mit Wissen um den Wohnort."
    )
    pruefen(page, "bedrohung_einschaetzung_formular")
    page.get_by_role("button", name="Einschätzung speichern").click()
    page.wait_for_url("**/bedrohung/meldungen/*/")
    assert "Einschätzung erfasst" in page.content()
    assert page.locator("#einschaetzungen article").count() == 1
    pruefen(page, "bedrohung_meldung_eingeschaetzt")


def test_personal_rapportiert_ein_disziplinarvergehen_und_nimmt_zu_zwang_stellung(als, live_server):
    page = als("personal.grosshof")
    pruefen(page, "personal_arbeitskorb")
    # A disciplinary report (§ 40) on a person placed in the own facility.
    page.goto(f"{live_server.url}/disziplinar/rapporte/neu/")
    page.get_by_label("Eingewiesene Person (Vollzugsfall)").select_option(index=1)
    vorgestern = (timezone.localtime() - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Zeitpunkt der Tat").fill(vorgestern)
    page.get_by_label("Sachverhalt").fill("Beim Hofgang wurde ein Mitinsasse beschimpft und gestossen.")
    page.locator("#id_delikte-0-tatbestand").select_option(index=1)
    pruefen(page, "personal_rapport_formular")
    page.get_by_role("button", name="Rapport erfassen").click()
    page.wait_for_url("**/disziplinar/rapporte/*/")
    assert "Mitinsasse beschimpft" in page.content()
    pruefen(page, "personal_rapport")
    # The open § 33 statement on a use of force in which this staff member took part.
    page.goto(f"{live_server.url}/zwangsmassnahmen/zwang/stellungnahmen/")
    page.locator("table tbody tr a").first.click()
    page.wait_for_url("**/zwangsmassnahmen/zwang/*/*")
    page.get_by_label("Meine Stellungnahme").fill(
        "Ich hielt den rechten Arm fest, bis die Person ruhig war; keine Verletzungen."
    )
    pruefen(page, "personal_stellungnahme_formular")
    page.get_by_role("button", name="Stellungnahme abgeben").click()
    page.wait_for_load_state()
    assert "Ich hielt den rechten Arm fest" in page.locator("article.stellungnahme").first.inner_text() or (
        "Ich hielt den rechten Arm fest" in page.content()
    )
    pruefen(page, "personal_stellungnahme")


def test_anstaltsleitung_entscheidet_einen_antrag_nach_31_und_eroeffnet_ihn(als, live_server):
    # The staff member files the request in the browser (§ 31 Abs. 1): a person placed in Grosshof who has
    # no measure yet (the demo's active one concerns another person).
    personal = Benutzer.objects.get(username="personal.grosshof")
    platz = (
        Platzierung.objects.filter(anstalt_id=personal.anstalt_id, bis__isnull=True)
        .exclude(fall__sicherheitsmassnahmen__isnull=False)
        .select_related("fall")
        .order_by("pk")
        .first()
    )
    antrag = als("personal.grosshof")
    antrag.goto(f"{live_server.url}/zwangsmassnahmen/sicherheit/neu/")
    antrag.get_by_label("Person / Vollzugsfall").select_option(str(platz.fall.pk))
    antrag.get_by_label("Massnahme (§ 31 Abs. 2 JVG)").select_option(str(Massnahmenart.ABSONDERUNG))
    antrag.get_by_label(str(Risiko.FREMDGEFAEHRDUNG.label), exact=True).check()
    antrag.get_by_label("Sachverhalt: Verhalten oder psychischer Zustand").fill(
        "Die Person bedrohte beim Mittagessen zwei Mitinsassen mit einer Gabel."
    )
    antrag.get_by_label("Begründung (warum nötig, warum mildere Mittel nicht genügen)").fill(
        "Eine Verwarnung genügte nicht; die Absonderung schützt die Mitinsassen."
    )
    antrag.locator("#id_gehoer_art").select_option(str(Anhoerungsart.GEFAHR_IM_VERZUG))
    antrag.get_by_label("Begründung der Gefahr im Verzug").fill("Akute Fremdgefährdung.")
    pruefen(antrag, "personal_31_antrag_formular")
    antrag.get_by_role("button", name="Antrag der Anstaltsleitung vorlegen").click()
    antrag.wait_for_url("**/zwangsmassnahmen/sicherheit/*/")
    assert "der Anstaltsleitung vorgelegt" in antrag.content()
    pruefen(antrag, "personal_31_antrag")
    m = Sicherheitsmassnahme.objects.get(fall=platz.fall)
    assert m.beantragt_durch == personal and m.art == Massnahmenart.ABSONDERUNG
    assert m.verfuegung.status == Verfuegungsstatus.ZUR_GENEHMIGUNG

    page = als("leitung.grosshof")
    pruefen(page, "leitung_arbeitskorb")
    page.goto(f"{live_server.url}/zwangsmassnahmen/sicherheit/{m.pk}/")
    entscheid = page.locator("#genehmigen-form")
    entscheid.get_by_label("Kommentar").fill("Angeordnet für drei Tage; Überprüfung täglich.")
    pruefen(page, "leitung_31_antrag")
    entscheid.get_by_role("button", name="Massnahme anordnen").click()
    page.wait_for_load_state()
    m.refresh_from_db()
    assert m.verfuegung is not None

    # Issue it: handed over in the facility against a signed receipt.
    page.goto(f"{live_server.url}/verfuegungen/{m.verfuegung.pk}/")
    pruefen(page, "leitung_31_verfuegung")
    aktion = page.locator("#aktion-eroeffnen")
    aktion.get_by_label("Art der Eröffnung").select_option(EroeffnungArt.UEBERGABE_ANSTALT)
    aktion.get_by_label("Empfangsbestätigung (unterzeichnet)").set_input_files(
        files=[{"name": "empfang.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 Empfang"}]
    )
    aktion.get_by_role("button", name="Eröffnen").click()
    # A final action asks first (issue 17 item 7); the upload is chosen again there.
    page.wait_for_url("**/aktion/eroeffnen/")
    pruefen(page, "leitung_31_eroeffnen_bestaetigen")
    page.get_by_label("Die gewählte Datei bitte erneut auswählen").set_input_files(
        files=[{"name": "empfang.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 Empfang"}]
    )
    page.locator("section.bestaetigung button[type=submit]").click()
    page.wait_for_url(f"**/verfuegungen/{m.verfuegung.pk}/")
    m.verfuegung.refresh_from_db()
    assert m.verfuegung.eroeffnet_am is not None
    pruefen(page, "leitung_31_eroeffnet")


def test_sachbearbeitung_entwirft_einen_entscheid_nach_14_und_die_zweite_genehmigt(als, live_server):
    # The demo's open § 14 request (Schmid Daniel): from the work basket to the case.
    page = als("sachbearbeitung")
    pruefen(page, "sachbearbeitung_arbeitskorb")
    page.locator("table tbody tr", has_text="Schmid").locator("a").first.click()
    page.wait_for_load_state()
    if not re.search(r"/faelle/\d+/", page.url):  # a task's page names its case
        page.locator("a[href*='/faelle/']").first.click()
        page.wait_for_url(re.compile(r"/faelle/\d+/"))
    pruefen(page, "sachbearbeitung_fall")
    page.locator("main a[href*='/gesuche-14/']:not([href$='/neu/'])").first.click()
    page.wait_for_url("**/gesuche-14/*/")
    entscheid = page.locator("#entscheid")
    entscheid.get_by_label("Gesuch bewilligen").check()
    entscheid.get_by_label("Voraussichtliche Vollzugsdauer (§ 14 Abs. 1)").fill(
        "Zweieinhalb Jahre; der Aufschub um zwei Monate fällt dagegen nicht ins Gewicht."
    )
    entscheid.get_by_label("Fluchtgefahr", exact=True).select_option(index=1)
    entscheid.get_by_label("Wiederholungsgefahr", exact=True).select_option(index=1)
    entscheid.get_by_label("Begründung des Entscheids").fill(
        "Die Geburt des zweiten Kindes ist ein wichtiger Grund; keine Fluchtgefahr."
    )
    pruefen(page, "sachbearbeitung_14_entscheid")
    entscheid.get_by_role("button", name="Entscheiden und Verfügung entwerfen").click()
    page.wait_for_load_state()
    assert page.locator(".formfehler, .errorlist").count() == 0, page.locator("#entscheid").inner_text()[
        :1500
    ]
    vfg = Verfuegung.objects.get(typ=Verfuegungstyp.AUFSCHUB_14, fall__entscheide__referenz="SA2 25 310")
    page.goto(f"{live_server.url}/verfuegungen/{vfg.pk}/")
    pruefen(page, "sachbearbeitung_14_entwurf")
    page.locator("#aktion-vorlegen").get_by_role("button", name="Zur Genehmigung vorlegen").click()
    page.wait_for_url(f"**/verfuegungen/{vfg.pk}/")
    assert "Zur Genehmigung vorgelegt" in page.content()

    # The second case worker finds the approval in the work basket (four eyes).
    page2 = als("sachbearbeitung2")
    pruefen(page2, "sachbearbeitung2_arbeitskorb")
    page2.locator(f"a[href*='/verfuegungen/{vfg.pk}/']").first.click()
    page2.wait_for_url(f"**/verfuegungen/{vfg.pk}/*")
    page2.locator("#aktion-genehmigen").get_by_role("button", name="Genehmigen").click()
    page2.wait_for_url(f"**/verfuegungen/{vfg.pk}/")
    vfg.refresh_from_db()
    assert vfg.status == Verfuegungsstatus.GENEHMIGT
    pruefen(page2, "sachbearbeitung2_14_genehmigt")


def test_medizin_stellt_einen_antrag_nach_36(als, live_server):
    # The physician sees only assigned persons: the demo assigns the first person (Muster Hans).
    fall = Vollzugsfall.objects.get(entscheide__referenz="SA1 24 1234")
    page = als("medizin")
    pruefen(page, "medizin_arbeitskorb")
    page.goto(f"{live_server.url}/zwangsmassnahmen/medizinisch/medikationen/")
    pruefen(page, "medizin_medikationen")
    page.goto(f"{live_server.url}/zwangsmassnahmen/medizinisch/faelle/{fall.pk}/medikation/")
    page.locator("[name=weg]").select_option("antrag")
    page.locator("[name=art]").select_option("ordentlich")
    page.locator("[name=bericht]").fill(
        "Akute Psychose mit Fremdgefährdung; die Person lehnt jede Behandlung ab."
    )
    page.locator("[name=medikament]").fill("Olanzapin")
    page.locator("[name=dosierung]").fill("10 mg täglich, oral oder i. m.")
    page.locator("[name=geplante_dauer]").fill("2 Wochen")
    page.locator("[name=freiwillige_massnahmen]").fill("Gespräche und orale Medikation abgelehnt.")
    page.locator("[name=grund]").select_option("a")
    page.locator("[name=grund_begruendung]").fill("Ernsthafte Gefahr für Mitinsassen und Personal.")
    pruefen(page, "medizin_36_formular")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/medizinisch/medikationen/*/")
    assert "Olanzapin" in page.content()
    pruefen(page, "medizin_36_antrag")
