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
    # The cost, statistics, destruction-log and audit exports: no bare csv.writer left.
    from django.conf import settings

    for pfad in (
        "kosten/abrechnung.py",
        "disziplinar/statistik.py",
        "ueberwachung/views.py",
        "protokoll/export.py",
    ):
        text = (settings.BASE_DIR / pfad).read_text()
        assert "csv_export.writer(" in text and "csv.writer(" not in text.replace("csv_export.writer(", ""), (
            pfad
        )
