"""The web toolkit's serializer helpers, shared by every module's REST interface.

Storage ranges (an oversized number is a type error, not a rule question), the shape of every 400, the
translation of a service error key into the API's field path, and DRF's nested errors as flat paths.
"""

import re
from decimal import Decimal, InvalidOperation

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

# Storage ranges of the model's integer columns: larger numbers are a type error, not a rule question.
SMALLINT_MAX = 32767
INT_MAX = 2147483647
BIGINT_MAX = 9223372036854775807  # ids: a foreign-key filter does not guard against overflow itself


class FehlerSerializer(serializers.Serializer):
    detail = serializers.CharField()


# Shape of every 400 of this API: field path → messages; parse errors and the like under "detail".
VALIDIERUNGSFEHLER_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {
        "entscheid.rechtskraftAm": ["§ 12 JVG (R-12-1): Nur rechtskräftige Entscheide werden vollzogen …"]
    },
}


@extend_schema_field({"type": "integer", "description": "ID eines Objekts, das der Aufrufer sehen darf."})
class SichtbareIdFeld(serializers.PrimaryKeyRelatedField):
    """An id the caller may see; any other id reads as "not found", so existence does not leak (R-0-ROLE-1).

    Subclasses set `sichtbar(user) -> QuerySet` (the module's visibility query) and the German messages.
    """

    default_error_messages = {
        "does_not_exist": "Nicht gefunden.",
        "incorrect_type": "Erwartet wird eine ID (ganze Zahl).",
    }

    @staticmethod
    def sichtbar(user):
        raise NotImplementedError

    def get_queryset(self):
        return type(self).sichtbar(self.context["request"].user)


# --- Error paths -------------------------------------------------------------------------------

_LISTENEINTRAG = re.compile(r"^(?P<liste>\w+)\[(?P<index>\d+)\]\.(?P<feld>\w+)$")


def _api_name(serializer: serializers.Serializer, modellfeld: str) -> str | None:
    for feld in serializer.fields.values():
        if feld.source == modellfeld:
            return feld.field_name
    return None


def api_fehlerpfad(serializer: serializers.Serializer, schluessel: str) -> str:
    """Translate a service error key (model names) into the API path of `serializer`'s input.

    'ahv_nummer' → 'vn'; 'sanktionen[0].dauer_tage' → 'sanktionen[0].dauerTage'; a field of a nested
    input ('rechtskraft_am') → 'entscheid.rechtskraftAm'; '__all__' → 'non_field_errors'. The names
    come from the serializers' `source` attributes, so the translation cannot drift from the API.
    """
    if schluessel == "__all__":
        return api_settings.NON_FIELD_ERRORS_KEY
    if treffer := _LISTENEINTRAG.match(schluessel):
        liste = _api_name(serializer, treffer["liste"])
        if liste is not None and isinstance(serializer.fields[liste], serializers.ListSerializer):
            kind = serializer.fields[liste].child
            feld = _api_name(kind, treffer["feld"]) or treffer["feld"]
            return f"{liste}[{treffer['index']}].{feld}"
        return schluessel
    if (name := _api_name(serializer, schluessel)) is not None:
        return name
    for feld in serializer.fields.values():
        if isinstance(feld, serializers.Serializer) and (name := _api_name(feld, schluessel)) is not None:
            return f"{feld.field_name}.{name}"
    return schluessel


def fehler_flach(fehler, pfad: str = "") -> dict[str, list[str]]:
    """DRF's nested input errors as the flat paths the service errors use ('sanktionen[1].dauerTage')."""
    if isinstance(fehler, dict):
        flach = {}
        for schluessel, wert in fehler.items():
            if schluessel == api_settings.NON_FIELD_ERRORS_KEY and pfad:
                unterpfad = pfad
            elif isinstance(schluessel, int):  # ListSerializer: {index: errors of that item}
                unterpfad = f"{pfad}[{schluessel}]"
            else:
                unterpfad = f"{pfad}.{schluessel}" if pfad else str(schluessel)
            for k, v in fehler_flach(wert, unterpfad).items():
                flach.setdefault(k, []).extend(v)
        return flach
    if isinstance(fehler, list) and any(isinstance(e, dict | list) for e in fehler):
        flach = {}
        for index, eintrag in enumerate(fehler):
            for k, v in fehler_flach(eintrag, f"{pfad}[{index}]").items():
                flach.setdefault(k, []).extend(v)
        return flach
    meldungen = fehler if isinstance(fehler, list) else [fehler]
    return {pfad or api_settings.NON_FIELD_ERRORS_KEY: [str(m) for m in meldungen]}


GELD_SCHEMA = {
    "type": "string",
    "pattern": r"^\d{1,10}(\.\d{1,2})?$",
    "example": "1234.55",
    "description": "CHF als Dezimal-Zeichenkette.",
}


@extend_schema_field(GELD_SCHEMA)
class GeldFeld(serializers.Field):
    """CHF to the Rappen as a decimal string both ways (kosten, inkasso): a JSON number would pass through a binary
    float in the parser, so numbers are refused; the input is bounded (20 characters) before it is parsed."""

    default_error_messages = {
        "zahl": 'Beträge als Zeichenkette übergeben (z. B. "1234.55"), nicht als JSON-Zahl.',
        "ungueltig": 'Ungültiger Betrag: erwartet z. B. "1234.55" (höchstens zwei Dezimalstellen).',
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("zahl")
        if len(data) > 20:
            self.fail("ungueltig")
        try:
            wert = Decimal(data.strip())
        except InvalidOperation:
            self.fail("ungueltig")
        if not wert.is_finite() or wert != wert.quantize(Decimal("0.01")) or abs(wert) >= Decimal("1e10"):
            self.fail("ungueltig")
        return wert

    def to_representation(self, value):
        return None if value is None else f"{value:.2f}"
