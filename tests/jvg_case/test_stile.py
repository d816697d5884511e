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
