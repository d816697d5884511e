"""Helpers of the letter tests (issue 17): PDF text per page, whitespace normalised, and the golden files."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

from pypdf import PdfReader

GOLDEN = Path(__file__).parent / "golden"
# Set JVG_GOLDEN_NEU=1 to write the approved wording after a deliberate change of a letter; review the diff.
NEU_SCHREIBEN = os.environ.get("JVG_GOLDEN_NEU") == "1"


def seiten(pdf: bytes) -> list[str]:
    """The text of each page, one line per text line, spaces collapsed."""
    ergebnis = []
    for seite in PdfReader(io.BytesIO(pdf)).pages:
        zeilen = [" ".join(z.split()) for z in (seite.extract_text() or "").splitlines()]
        ergebnis.append("\n".join(z for z in zeilen if z))
    return ergebnis


def text(pdf: bytes) -> str:
    return "\n".join(seiten(pdf))


def flach(s: str) -> str:
    """All whitespace removed: pypdf may split a line anywhere."""
    return re.sub(r"\s+", "", s)


def doppelte_nummern(s: str) -> list[str]:
    """Numbering written twice, like "1. 1." or "2. 2)"."""
    return [m.group(0) for m in re.finditer(r"(?<![\d.])(\d{1,2})[.)]\s*\1[.)](?!\d)", s)]


def ablegen(name: str, pdf: bytes) -> None:
    """JVG_PDF_ABLAGE=<folder> keeps the rendered letters for a look (pdftoppm -png -r 60)."""
    ordner = os.environ.get("JVG_PDF_ABLAGE")
    if ordner:
        Path(ordner).mkdir(parents=True, exist_ok=True)
        (Path(ordner) / f"{name}.pdf").write_bytes(pdf)


def mit_golden_vergleichen(name: str, ist: str) -> None:
    datei = GOLDEN / f"{name}.txt"
    ist = ist.strip() + "\n"
    if NEU_SCHREIBEN or not datei.exists():
        datei.parent.mkdir(exist_ok=True)
        datei.write_text(ist, encoding="utf-8")
        if not NEU_SCHREIBEN:
            raise AssertionError(
                f"Golden-Datei {datei.name} fehlte und wurde geschrieben; prüfen und committen."
            )
        return
    erwartet = datei.read_text(encoding="utf-8")
    assert ist == erwartet, f"Wortlaut weicht von {datei.name} ab (JVG_GOLDEN_NEU=1 schreibt ihn neu)."
