"""The bounded input of the REST API (issue 18 item 6, R-0-BAD-1): one JSON reader and one paginator.

Kept apart from `kern.web.api` because DRF's settings import them while `rest_framework.views` loads.
"""

import json
import math
import re

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import JSONParser

from kern.web.serializers import INT_MAX

# Issue 18 item 6 (R-0-BAD-1): no request body reaches Python's recursive JSON decoder with a nesting
# deeper than any input of this API has (the deepest is 4), nor smuggles in a number no column can hold:
# `1e400` is `inf` and overflows `int()`, `NaN` compares with nothing, a 5,000-digit integer is a ValueError.
JSON_MAX_TIEFE = 32
MAX_ZIFFERN = 100
# A whole string literal (skipped: brackets in text do not nest) or one bracket.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def json_tiefe_pruefen(text: str, *, maximum: int = JSON_MAX_TIEFE) -> None:
    """ParseError when arrays/objects nest deeper than `maximum`; linear, no recursion."""
    tiefe = 0
    for treffer in _JSON_TOKEN.finditer(text):
        zeichen = treffer.group()
        if zeichen in "[{":
            tiefe += 1
            if tiefe > maximum:
                raise ParseError(f"Ungültiges JSON: höchstens {maximum} verschachtelte Ebenen.")
        elif zeichen in "]}":
            tiefe -= 1


def _zahl_fehler() -> ParseError:
    return ParseError("Ungültiges JSON: Zahl ausserhalb des zulässigen Bereichs.")


def _endliche_zahl(text: str) -> float:
    zahl = float(text)
    if not math.isfinite(zahl):
        raise _zahl_fehler()
    return zahl


def _ganze_zahl(text: str) -> int:
    # Ids and counts past bigint stay integers here: the serializer field names them ("Person nicht
    # gefunden.", "höchstens …"). Only absurd lengths stop here, before int() spends time on them
    # (and before Python's own 4300-digit ValueError, which would be a 500).
    if len(text.lstrip("-")) > MAX_ZIFFERN:
        raise _zahl_fehler()
    return int(text)


def _keine_konstante(text: str):
    raise ParseError(f"Ungültiges JSON: {text} ist keine Zahl.")


def json_laden(text: str):
    """The one JSON reader of the API: bounded depth, finite numbers of bounded length (R-0-BAD-1)."""
    json_tiefe_pruefen(text)
    try:
        return json.loads(
            text, parse_float=_endliche_zahl, parse_int=_ganze_zahl, parse_constant=_keine_konstante
        )
    except json.JSONDecodeError as ursache:
        raise ParseError(f"Ungültiges JSON (Zeile {ursache.lineno}, Spalte {ursache.colno}).") from None
    except RecursionError:  # unreachable behind the depth check; kept so no path is a 500
        raise ParseError(f"Ungültiges JSON: höchstens {JSON_MAX_TIEFE} verschachtelte Ebenen.") from None


class JsonParser(JSONParser):
    """DRF's parser is English, recursive and accepts `NaN`/`1e400`; this one is German and bounded."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding) if stream is not None else ""
        except UnicodeDecodeError:
            raise ParseError("Ungültiges JSON: der Inhalt ist kein UTF-8-kodiertes JSON-Dokument.") from None
        return json_laden(text)


class Seitenweise(LimitOffsetPagination):
    """R-0-BAD-1: `?limit=` is capped, `?offset=` bounded (a 20-digit number overflows SQL's OFFSET)."""

    max_limit = 500
    max_offset = INT_MAX

    def get_offset(self, request):
        return min(super().get_offset(request), self.max_offset)
