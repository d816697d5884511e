"""Issue 18 (finding 10): one CSV writer neutralises formula cells in every export."""

import io

import pytest

from kern import csv_export


@pytest.mark.parametrize(
    ("wert", "zelle"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+41 41 228 00 00", "'+41 41 228 00 00"),
        ("-1+cmd|' /C calc'!A0", "'-1+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("-12.50", "-12.50"),  # a plain number stays a number
        ("+3", "+3"),
        ("Meier", "Meier"),
        (None, ""),
        (7, "7"),
    ],
)
def test_cell_neutralised(wert, zelle):
    assert csv_export.zelle(wert) == zelle


def test_writer_applies_it_to_every_cell():
    puffer = io.StringIO()
    csv_export.writer(puffer, delimiter=";", lineterminator="\r\n").writerow(["=1+1", "ok", "-5"])
    assert puffer.getvalue() == "'=1+1;ok;-5\r\n"


def test_every_export_module_uses_it():
    # Every export of the project (costs, statistics, destruction logs, audit, Inkasso …): no bare
    # csv.writer outside the one writer, so no export can bypass the neutralisation.
    from django.conf import settings

    gefunden = []
    for pfad in settings.BASE_DIR.rglob("*.py"):
        teile = pfad.relative_to(settings.BASE_DIR).parts
        if teile[0] in {".venv", "var", "tests"} or pfad == settings.BASE_DIR / "kern" / "csv_export.py":
            continue
        text = pfad.read_text(encoding="utf-8")
        if "csv.writer(" in text.replace("csv_export.writer(", "") or "csv.DictWriter(" in text:
            gefunden.append(str(pfad.relative_to(settings.BASE_DIR)))
    assert gefunden == []
    assert "csv_export.writer(" in (settings.BASE_DIR / "kosten" / "domain" / "ausgabe.py").read_text()
