"""The bounded input of the REST API (issue 18 item 6, R-0-BAD-1): one JSON reader and one paginator.

Kept apart from `kern.web.api` because DRF's settings import them while `rest_framework.views` loads.
"""

import json
import math
import re

from django.conf import settings
from django.db.models import QuerySet
from rest_framework.exceptions import ParseError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from kern.web import seiten
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
    """R-0-BAD-1: `?limit=` is capped, `?offset=` bounded (a 20-digit number overflows SQL's OFFSET).

    Issue 19, at a million cases: the page's ids are selected first (the ordering's index), then only those
    rows are loaded with their joins and prefetches; `next` comes from one row more than the page, not from
    the count. `count` is exact up to 10 000 and otherwise 10 000 plus `count_gedeckelt: true` (a COUNT(*)
    over a million rows cost 60–110 ms per request, seconds for a search); `?gesamt=true` asks for the exact
    total (documented in the OpenAPI schema).
    """

    max_limit = 500
    max_offset = INT_MAX
    gesamt_query_param = "gesamt"

    def get_offset(self, request):
        return min(super().get_offset(request), self.max_offset)

    def paginate_queryset(self, queryset, request, view=None):
        if not isinstance(queryset, QuerySet) or queryset.query.combinator:
            self.hat_weitere = None
            self.gedeckelt = False
            return super().paginate_queryset(queryset, request, view)
        seite = self.seite_auswaehlen(queryset, request)
        if seite is None:
            return None
        return self.seite_abschliessen(queryset, list(seite))

    def seite_auswaehlen(self, queryset: QuerySet, request) -> QuerySet | None:
        """The page as a queryset of at most `limit` + 1 rows (one more tells whether a next page exists):
        the ids selected first through the ordering's index, then only those rows with the joins and
        annotations. None without pagination (no limit)."""
        ids = self.seiten_ids(queryset, request)
        if ids is None:
            return None
        return seiten._ohne_bedingungen(queryset).filter(pk__in=ids)

    def seiten_ids(self, queryset: QuerySet, request) -> QuerySet | None:
        """The ids of the page and of one look-ahead row, in list order, as a sliced `values("pk")`
        queryset (the list's conditions and ordering, through the ordering's index); None without a limit."""
        self.request = request
        self.limit = self.get_limit(request)
        if self.limit is None:
            return None
        self.offset = self.get_offset(request)
        return queryset.values("pk")[self.offset : self.offset + self.limit + 1]

    def seite_abschliessen(self, queryset: QuerySet, zeilen: list) -> list:
        """The page's rows (at most `limit` + 1, in list order) without the look-ahead row; sets `count`."""
        self.hat_weitere = len(zeilen) > self.limit
        zeilen = zeilen[: self.limit]
        self.gedeckelt = False
        request = self.request
        if request.query_params.get(self.gesamt_query_param, "").lower() in ("1", "true", "ja"):
            self.count = queryset.values("pk").order_by().count()
        elif not self.hat_weitere and (zeilen or self.offset == 0):
            self.count = self.offset + len(zeilen)  # the last page tells the total without counting
        else:
            # Capped, or (the whole table, far above the cap) PostgreSQL's estimate: reported as the cap.
            anzahl, self.gedeckelt, geschaetzt = seiten.anzahl_gedeckelt(queryset, seiten.GRENZE)
            self.count = seiten.GRENZE if geschaetzt else anzahl
        return zeilen

    def get_next_link(self):
        if self.hat_weitere is None:
            return super().get_next_link()
        if not self.hat_weitere:
            return None
        url = self.request.build_absolute_uri()
        url = replace_query_param(url, self.limit_query_param, self.limit)
        return replace_query_param(url, self.offset_query_param, self.offset + self.limit)

    def get_paginated_response(self, data):
        antwort = {"count": self.count}
        if self.gedeckelt:  # only then: the shape of every answer up to 10 000 rows is unchanged
            antwort["count_gedeckelt"] = True
        antwort.update(next=self.get_next_link(), previous=self.get_previous_link(), results=data)
        return Response(antwort)

    def get_paginated_response_schema(self, schema):
        antwort = super().get_paginated_response_schema(schema)
        antwort["properties"]["count"]["description"] = (
            "Anzahl Treffer; über 10 000 nur 10 000 (dann ist count_gedeckelt wahr). "
            "Die genaue Gesamtzahl liefert ?gesamt=true."
        )
        antwort["properties"]["count_gedeckelt"] = {
            "type": "boolean",
            "description": "Nur vorhanden (und dann wahr), wenn es mehr als 10 000 Treffer gibt und count "
            "deshalb gedeckelt ist.",
        }
        return antwort

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.gesamt_query_param,
                "required": False,
                "in": "query",
                "description": "true: die genaue Gesamtzahl zählen (bei sehr vielen Treffern langsam).",
                "schema": {"type": "boolean"},
            },
        ]
