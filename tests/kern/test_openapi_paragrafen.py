"""Issue 17 item 5: API users read the § of the law in the OpenAPI document, never an internal rule ID."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from kern.web.openapi import ohne_regel_ids, paragraf


@pytest.mark.parametrize(
    ("text", "erwartet"),
    [
        ("§ 21 Abs. 2 JVG (R-21-1): Code", "§ 21 Abs. 2 JVG: Code"),
        ("Nur Sachbearbeitung. R-14-1: Aufschub", "Nur Sachbearbeitung. § 14 JVG: Aufschub"),
        ("Die Rolle darf das nicht (R-0-ROLE-1).", "Die Rolle darf das nicht."),
        ("Kosten (R-KOST-1, R-47-2)", "Kosten (§ 47 JVG)"),
        ("Forderung (R-2D-1, R-STGB-35-1)", "Forderung (§ 2 Abs. 1 lit. d JVG, Art. 35 StGB)"),
        ("R-41-1a: sechs Monate", "§ 41 JVG: sechs Monate"),
        ("Zuordnung nach QR-Referenz", "Zuordnung nach QR-Referenz"),
    ],
)
def test_regel_id_wird_paragraf(text, erwartet):
    assert ohne_regel_ids(text) == erwartet


def test_paragraf():
    assert paragraf("R-31-2") == "§ 31 JVG"
    assert paragraf("R-STGB-75A-1") == "Art. 75a StGB"
    assert paragraf("R-0-4EYES-1") == ""
    assert paragraf("R-BM-3") == ""


@pytest.mark.django_db
def test_schema_ohne_regel_ids():
    """The whole generated document: no summary, description, title or example names a rule ID."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    texte = []

    def sammeln(knoten, text=False):
        if isinstance(knoten, dict):
            for k, v in knoten.items():
                sammeln(v, text or k in {"example", "examples"} or k in {"summary", "description", "title"})
        elif isinstance(knoten, list):
            for v in knoten:
                sammeln(v, text)
        elif text and isinstance(knoten, str):
            texte.append(knoten)

    sammeln(schema)
    assert texte
    treffer = [t for t in texte if re.search(r"(?<![\w-])R-[0-9A-Z]+(-[0-9A-Z]+)*-[0-9]", t)]
    assert treffer == []
    assert any("§ 14 JVG" in t for t in texte)
