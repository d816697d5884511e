"""The one CSV writer of every export (issue 18, finding 10; OWASP CSV injection): a cell that starts with
`= + - @`, a tab or a carriage return is prefixed with `'`, so a spreadsheet shows it as text instead of
running it as a formula. Plain numbers (`-12.50`, `+3`) stay numbers: the cost exports are machine-read.
"""

import csv
import re

_FORMEL_ZEICHEN = ("=", "+", "-", "@", "\t", "\r")
_ZAHL = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def zelle(wert) -> str:
    text = "" if wert is None else str(wert)
    if text.startswith(_FORMEL_ZEICHEN) and not _ZAHL.match(text):
        return "'" + text
    return text


class _Schreiber:
    def __init__(self, ziel, **optionen):
        self._w = csv.writer(ziel, **optionen)

    def writerow(self, zeile):
        return self._w.writerow([zelle(w) for w in zeile])

    def writerows(self, zeilen):
        for zeile in zeilen:
            self.writerow(zeile)


def writer(ziel, **optionen) -> _Schreiber:
    """Like `csv.writer`, every cell neutralised (semicolon and CRLF are the callers' choice)."""
    return _Schreiber(ziel, **optionen)
