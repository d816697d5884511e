"""Serializers of the partner-agency API (§§ 12, 21 JVG), input and output separate (STYLE §6).

Input serializers only type the input; the rules (§ 12 Rechtskraft, sanctions R-1-1, idempotency) are the
services'. Output serializers describe the answer of `domain.auskunft_erstellen` for the schema: every
category block is optional, because an agency gets only the blocks of its type (recht.FREIGABEN).
"""

import base64
import binascii

from django.conf import settings
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from behoerden.recht import Kategorie
from kern.web.serializers import BIGINT_MAX
from vollzug.models import Geschlecht
from vollzug.recht import Entscheidart, Sanktionsart, Vollzugsform
from vollzug.serializers import PersonEingabeSerializer, SanktionEingabeSerializer

# --- Output: Auskunft (§ 21 Abs. 2) -------------------------------------------------------------


def _inline_wahl(choices, **kw) -> serializers.ChoiceField:
    """A choice field `art` described by a pattern instead of an enum: drf-spectacular names every enum by
    its field name, and `art` carries other choice sets elsewhere in the API (enum name collision)."""
    werte = [w for w, _ in choices]
    schema = {
        "type": "string",
        "pattern": "^(" + "|".join(werte) + ")$",
        "description": "Eines von: " + ", ".join(werte),
    }
    klasse = extend_schema_field(schema)(type("_InlineWahl", (serializers.ChoiceField,), {}))
    return klasse(choices=choices, **kw)


@extend_schema_serializer(component_name="AuskunftPersonalien")
class _PersonalienSerializer(serializers.Serializer):
    officialName = serializers.CharField()
    firstName = serializers.CharField()
    sex = serializers.ChoiceField(choices=Geschlecht.choices, help_text="eCH-0044 sexType.")
    dateOfBirth = serializers.DateField()
    vn = serializers.CharField(allow_null=True, help_text="AHVN13 (13 Ziffern) oder null.")


@extend_schema_serializer(component_name="AuskunftHaftstatus")
class _HaftstatusSerializer(serializers.Serializer):
    imVollzug = serializers.BooleanField(help_text="Zurzeit in einer Vollzugseinrichtung platziert.")
    seit = serializers.DateTimeField(allow_null=True)
    voraussichtlichesEnde = serializers.DateField(allow_null=True)


@extend_schema_serializer(component_name="AuskunftAnstalt")
class _AnstaltSerializer(serializers.Serializer):
    name = serializers.CharField()
    ort = serializers.CharField()


@extend_schema_serializer(component_name="AuskunftSanktion")
class _SanktionSerializer(serializers.Serializer):
    art = _inline_wahl(Sanktionsart.choices)
    vollzugsform = serializers.CharField(allow_blank=True)
    dauerJahre = serializers.IntegerField()
    dauerMonate = serializers.IntegerField()
    dauerTage = serializers.IntegerField()
    stunden = serializers.IntegerField()


@extend_schema_serializer(component_name="AuskunftEntscheid")
class _EntscheidSerializer(serializers.Serializer):
    art = _inline_wahl(Entscheidart.choices)
    behoerde = serializers.CharField()
    referenz = serializers.CharField()
    entscheidDatum = serializers.DateField()
    rechtskraftAm = serializers.DateField()


@extend_schema_serializer(component_name="AuskunftEntlassung")
class _EntlassungSerializer(serializers.Serializer):
    entlassen = serializers.BooleanField(help_text="Alle Fälle der Person sind definitiv entlassen.")
    am = serializers.DateTimeField(allow_null=True)


@extend_schema_serializer(component_name="Auskunft")
class AuskunftSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="ID der Person (für spätere Abfragen und Benachrichtigungen).")
    kategorien = serializers.ListField(
        child=serializers.ChoiceField(choices=[k.value for k in Kategorie]),
        help_text="Die Datenkategorien dieser Antwort (= die Freigabe des Behördentyps).",
    )
    personalien = _PersonalienSerializer(required=False)
    haftstatus = _HaftstatusSerializer(required=False)
    anstalt = _AnstaltSerializer(required=False, allow_null=True, help_text="Kategorie anstalt_adresse.")
    vollzugsform = serializers.ChoiceField(choices=Vollzugsform.choices, required=False, allow_null=True)
    sanktionen = _SanktionSerializer(many=True, required=False)
    entscheide = _EntscheidSerializer(many=True, required=False)
    entlassung = _EntlassungSerializer(required=False)


class AuskunftFilterSerializer(serializers.Serializer):
    vn = serializers.CharField(
        required=False,
        max_length=20,
        help_text="AHV-Nummer (AHVN13), mit oder ohne Punkte. Exakte Suche; Listen ohne Suchbegriff gibt es nicht.",
    )
    referenz = serializers.CharField(
        required=False, max_length=60, help_text="Nur Strafbehörden: eigene Geschäftsnummer (§ 12 JVG)."
    )


class AuskunftPfadSerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1, max_value=BIGINT_MAX)


# --- Input: Urteilszustellung (§ 12) ------------------------------------------------------------

ERLAUBTE_DATEITYPEN = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/tiff",
    "application/xml",
    "text/xml",
    "text/plain",
)
MAX_DOKUMENTE = 20


@extend_schema_serializer(component_name="UrteilszustellungEntscheid")
class ZustellungEntscheidSerializer(serializers.Serializer):
    art = _inline_wahl(Entscheidart.choices)
    referenz = serializers.CharField(
        max_length=60, help_text="Geschäftsnummer der zustellenden Strafbehörde."
    )
    entscheidDatum = serializers.DateField(source="entscheid_datum")
    rechtskraftAm = serializers.DateField(source="rechtskraft_am")


@extend_schema_serializer(component_name="UrteilszustellungDokument")
class ZustellungDokumentSerializer(serializers.Serializer):
    titel = serializers.CharField(max_length=150)
    dateiname = serializers.RegexField(
        r"^[\w.\- ]{1,100}$",
        help_text="Dateiname ohne Pfad (Buchstaben, Ziffern, Punkt, Binde- und Unterstrich).",
        error_messages={
            "invalid": "Dateiname ohne Pfad, höchstens 100 Zeichen (Buchstaben, Ziffern, . - _)."
        },
    )
    contentType = serializers.ChoiceField(source="content_type", choices=ERLAUBTE_DATEITYPEN)
    inhalt = serializers.CharField(
        help_text="Dateiinhalt Base64-kodiert (RFC 4648); Grösse gemäss JVG_ZUSTELLUNG_DOKUMENT_MAX_BYTES.",
        trim_whitespace=False,
    )

    def validate_inhalt(self, wert: str) -> bytes:
        grenze = settings.JVG_ZUSTELLUNG_DOKUMENT_MAX_BYTES
        if len(wert) > (grenze // 3 + 1) * 4 + 4:
            raise serializers.ValidationError(f"§ 12 JVG (R-12-1): Dokument grösser als {grenze:,} Bytes.")
        try:
            daten = base64.b64decode(wert, validate=True)
        except (binascii.Error, ValueError):
            raise serializers.ValidationError("Kein gültiges Base64 (RFC 4648).") from None
        if not daten:
            raise serializers.ValidationError("Das Dokument ist leer.")
        if len(daten) > grenze:
            raise serializers.ValidationError(f"§ 12 JVG (R-12-1): Dokument grösser als {grenze:,} Bytes.")
        return daten


@extend_schema_serializer(component_name="Urteilszustellung")
class ZustellungEingabeSerializer(serializers.Serializer):
    person = PersonEingabeSerializer(
        help_text="Personalien nach eCH-0044; mit AHV-Nummer wird eine erfasste Person übernommen."
    )
    entscheid = ZustellungEntscheidSerializer()
    # An empty list passes here on purpose: the service answers with its § 12 message.
    sanktionen = SanktionEingabeSerializer(many=True, allow_empty=True)
    dokumente = ZustellungDokumentSerializer(many=True, required=False, max_length=MAX_DOKUMENTE)


@extend_schema_serializer(component_name="UrteilszustellungFall")
class _FallKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    fallnummer = serializers.CharField()


@extend_schema_serializer(component_name="UrteilszustellungPerson")
class _PersonKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    personennummer = serializers.CharField()


@extend_schema_serializer(component_name="UrteilszustellungQuittung")
class ZustellungQuittungSerializer(serializers.Serializer):
    referenz = serializers.CharField()
    zugestelltAm = serializers.DateTimeField(source="zugestellt_am")
    neu = serializers.BooleanField(help_text="false: dieselbe Zustellung war schon eingegangen (idempotent).")
    fall = _FallKurzSerializer()
    person = _PersonKurzSerializer()
