"""Issue 17 item 6: the main navigation by role (jvg_case/navigation.py, templates/base.html)."""

import re

import pytest
from django.urls import reverse

from jvg_case.navigation import GRUPPEN, KUERZEL, menue_fuer
from jvg_case.zugriffsregeln import REGELN


def _nav(html: str) -> str:
    return html[html.index('<nav class="navigation"') : html.index("</nav>")]


def _gruppen(html: str) -> list[str]:
    nav = _nav(html)
    return [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r'class="nav-oben"[^>]*>(.*?)</', nav)]


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', _nav(html))


def test_jeder_eintrag_nennt_eine_regel_der_zugriffspolitik():
    for gruppe in GRUPPEN:
        for eintrag in gruppe.eintraege:
            for schluessel in (eintrag.url if not eintrag.rollen else None, eintrag.lesen, eintrag.schreiben):
                if schluessel and schluessel != "admin:index":
                    assert schluessel in REGELN, schluessel
    assert len(GRUPPEN) <= 7


@pytest.mark.parametrize("rolle", sorted(KUERZEL))
def test_jede_rolle_hoechstens_sieben_gruppen_und_nur_lesbare_links(rolle):
    for menue in menue_fuer(rolle, "/"):
        assert menue.links
    assert len(menue_fuer(rolle, "/")) <= 7
    # Every link of a role is a page the policy lets it read (no 403/404 behind a menu entry).
    kuerzel = KUERZEL[rolle]
    for gruppe in GRUPPEN:
        for eintrag in gruppe.eintraege:
            if eintrag.sichtbar(kuerzel) and eintrag.url in REGELN:
                assert kuerzel in REGELN[eintrag.url].lesen, (rolle, eintrag.url)


def test_sachbearbeitung_sieht_gruppen_massnahmen_bis_paragraf_39_und_keine_api_doku(
    client_als, sachbearbeitung
):
    html = client_als(sachbearbeitung).get(reverse("vollzug:fall_list")).content.decode()
    assert _gruppen(html) == ["Fälle", "Massnahmen", "Entscheide", "Fristen", "Kosten", "Auswertung"]
    links = _links(html)
    for name in (
        "sicherheitsmassnahmen:liste",
        "zwang:liste",
        "zwangsmedizin:medikation_liste",
        "zwangsmedizin:hungerstreik_liste",
        "zwangsmassnahmen:start",
    ):
        assert reverse(name) in links
    assert reverse("api-docs") not in html
    assert "/admin/" not in links


def test_admin_ohne_fallmenues_mit_admin_und_api_doku(client_als, admin_user):
    html = client_als(admin_user).get(reverse("behoerden:liste")).content.decode()
    assert _gruppen(html) == ["Verwaltung"]
    links = _links(html)
    assert "/admin/" in links
    assert reverse("api-docs") in links
    assert reverse("vollzug:fall_list") not in links
    assert reverse("fristenkontrolle:uebersicht") not in links


def test_partnerbehoerde_ohne_leere_fallmenues(client_als, partner):
    html = client_als(partner).get(reverse("start")).content.decode()
    assert _links(html) == [reverse("api-docs")]
    assert _gruppen(html) == ["API-Dokumentation"]


def test_anstaltspersonal_sieht_keine_kosten_und_keine_verwaltung(client_als, personal_a):
    html = client_als(personal_a).get(reverse("start")).content.decode()
    assert _gruppen(html) == ["Fälle", "Massnahmen", "Entscheide", "Fristen"]
    assert reverse("zwang:meine_stellungnahmen") in _links(html)
    assert reverse("kosten:start") not in html


@pytest.mark.parametrize(
    ("url", "gruppe", "link"),
    [
        ("kosten:start", "Kosten", "kosten:start"),
        ("zwangsmassnahmen:start", "Massnahmen", "zwangsmassnahmen:start"),
        ("zwang:liste", "Massnahmen", "zwang:liste"),
        ("disziplinar:statistik", "Auswertung", "disziplinar:statistik"),
        ("fristenkontrolle:uebersicht", "Fristen", None),
    ],
)
def test_genau_ein_aktiver_eintrag(client_als, revision, url, gruppe, link):
    html = client_als(revision).get(reverse(url)).content.decode()
    nav = _nav(html)
    aktive = re.findall(
        r'<li class="nav-gruppe aktiv">\s*(?:<details[^>]*>\s*<summary[^>]*>|<a[^>]*>)([^<]+)<', nav
    )
    assert aktive == [gruppe]
    assert nav.count("aria-current") == 1
    if link:
        assert f'href="{reverse(link)}" aria-current="page"' in nav


def test_startseite_markiert_den_arbeitskorb_und_keine_gruppe(client_als, revision):
    html = client_als(revision).get(reverse("start")).content.decode()
    assert 'class="arbeitskorb-link" href="/" aria-current="page"' in html
    assert "nav-gruppe aktiv" not in html


def test_zaehler_nur_wenn_der_arbeitskorb_ihn_liefert(client_als, sachbearbeitung):
    # The count comes from the Arbeitskorb (arbeitskorb.templatetags: what the start page last computed);
    # nothing to do, no badge (tests/arbeitskorb/test_arbeitskorb.py shows it with open items).
    client = client_als(sachbearbeitung)
    client.get(reverse("start"))
    html = client.get(reverse("vollzug:fall_list")).content.decode()
    assert 'class="zaehler"' not in html


def test_schmales_menue_ohne_javascript(client_als, sachbearbeitung):
    html = client_als(sachbearbeitung).get(reverse("start")).content.decode()
    assert '<input type="checkbox" id="menue-schalter"' in html
    assert '<label for="menue-schalter" class="menue-knopf">Menü</label>' in html
    assert "<details" in _nav(html)
    assert "<script" not in html.split("</header>")[0]
