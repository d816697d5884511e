"""Issue 17 item 7: every CSS class a page uses is styled, and wide tables scroll in their own frame.

Templates rendered to PDF (WeasyPrint, their own stylesheet) are left out: their file name or folder
says "pdf".
"""

import re
from pathlib import Path

from django.conf import settings

BASIS = Path(settings.BASE_DIR)
CSS = (BASIS / "static" / "css" / "app.css").read_text(encoding="utf-8")

# Classes that need no rule of the stylesheet, and why.
ERLAUBT_OHNE_REGEL = {
    "balken-verfahren": "SVG bars coloured by their fill attribute; the class names them for tests",
    "balken-sanktionen": "SVG bars coloured by their fill attribute; the class names them for tests",
    "status-": "prefix of `status-{{ v.status }}`: the concrete state classes are defined",
    "errornote": "Django admin's own class (templates/admin/ extends the admin's base, which styles it)",
    "meldung-": "prefix of `meldung-{{ message.tags }}`: the concrete message classes are defined",
}


def _seitenvorlagen():
    for ordner in [BASIS / "templates", *BASIS.glob("*/templates")]:
        for pfad in ordner.rglob("*.html"):
            if "pdf" not in str(pfad.relative_to(ordner)).lower():
                yield pfad


def _definierte_klassen() -> set[str]:
    ohne_kommentare = re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)
    return set(re.findall(r"\.([A-Za-z_][\w-]*)", ohne_kommentare))


def _benutzte_klassen() -> dict[str, set[str]]:
    benutzt: dict[str, set[str]] = {}
    for pfad in _seitenvorlagen():
        text = pfad.read_text(encoding="utf-8")
        for attribut in re.findall(r'class="([^"]*)"', text):
            # Template tags and variables are not class names ({% if … %}aktiv{% endif %} keeps "aktiv").
            ohne_tags = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", attribut)
            for klasse in ohne_tags.split():
                benutzt.setdefault(klasse, set()).add(str(pfad.relative_to(BASIS)))
    return benutzt


def test_jede_benutzte_klasse_ist_definiert_oder_erlaubt():
    definiert = _definierte_klassen()
    fehlt = {
        k: sorted(v)
        for k, v in _benutzte_klassen().items()
        if k not in definiert and k not in ERLAUBT_OHNE_REGEL
    }
    assert fehlt == {}


def test_angaben_ist_ein_raster_wie_daten():
    regel = re.search(r"\.daten,\s*\.angaben\s*\{([^}]*)\}", CSS)
    assert regel is not None
    assert "display: grid" in regel.group(1)


def test_die_erlaubnisliste_ist_nicht_veraltet():
    benutzt = _benutzte_klassen()
    assert [k for k in ERLAUBT_OHNE_REGEL if k not in benutzt] == []


def test_jede_tabelle_einer_seite_liegt_in_einem_scrollrahmen():
    assert re.search(r"\.tabelle-rahmen\s*\{[^}]*overflow-x:\s*auto", CSS)
    ohne_rahmen = []
    for pfad in _seitenvorlagen():
        text = pfad.read_text(encoding="utf-8")
        for treffer in re.finditer(r"<table\b", text):
            davor = text[: treffer.start()]
            offen = davor.rfind('class="tabelle-rahmen"')
            # The frame is open when no </div> closes it between its opening and the table.
            if offen == -1 or "</div>" in davor[offen:]:
                zeile = davor.count("\n") + 1
                ohne_rahmen.append(f"{pfad.relative_to(BASIS)}:{zeile}")
    assert ohne_rahmen == []


def _rahmen_ohne_tastaturzugang(vorlagen: dict[str, str]) -> list[str]:
    """Every `.tabelle-rahmen` element (name → template text) that a keyboard cannot reach or a screen
    reader cannot name, as `file:line`."""
    fehlt = []
    for name, text in vorlagen.items():
        # A start tag; template tags and variables inside it may hold ">" and quotes.
        for treffer in re.finditer(r"<\w+\b((?:[^>{]|\{\{.*?\}\}|\{%.*?%\})*)>", text):
            attribute = treffer.group(1)
            klasse = re.search(r'\bclass="([^"]*)"', attribute)
            if klasse is None or "tabelle-rahmen" not in re.sub(r"\{%.*?%\}", " ", klasse.group(1)).split():
                continue
            label = re.search(r'\baria-label="((?:[^"{]|\{\{.*?\}\})*)"', attribute)
            if (
                re.search(r'\btabindex="0"', attribute) is None
                or re.search(r'\brole="region"', attribute) is None
                or label is None
                or not label.group(1).strip()
            ):
                fehlt.append(f"{name}:{text[: treffer.start()].count(chr(10)) + 1}")
    return fehlt


def test_jeder_scrollrahmen_ist_per_tastatur_erreichbar_und_benannt():
    """axe `scrollable-region-focusable`: a table frame that scrolls sideways must take the keyboard focus
    (tabindex="0"); as a focusable region it needs a role and a name that a screen reader announces."""
    vorlagen = {str(p.relative_to(BASIS)): p.read_text(encoding="utf-8") for p in _seitenvorlagen()}
    assert sum(text.count('class="tabelle-rahmen"') for text in vorlagen.values()) > 90
    assert _rahmen_ohne_tastaturzugang(vorlagen) == []


def test_scrollrahmen_pruefung_erkennt_fehlende_attribute():
    probe = (
        '<div class="tabelle-rahmen" tabindex="0" role="region" aria-label="Fälle {{ n|default:"" }}"></div>\n'
        '<div class="tabelle-rahmen"><table></table></div>\n'
        '<div class="tabelle-rahmen" tabindex="0" role="region"></div>\n'
        '<div class="tabelle-rahmen" tabindex="-1" role="region" aria-label="Fälle"></div>\n'
        '<div class="tabelle-rahmen" tabindex="0" aria-label="Fälle"></div>\n'
        '<div class="tabelle-rahmen" tabindex="0" role="region" aria-label=" "></div>\n'
        '<div class="tabelle-rahmen-breit"></div>\n'
    )
    assert _rahmen_ohne_tastaturzugang({"probe.html": probe}) == [f"probe.html:{n}" for n in (2, 3, 4, 5, 6)]
