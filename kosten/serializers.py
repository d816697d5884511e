"""Serializers of the cost API (input and output separate, STYLE §6). Input serializers only type the
input; `kosten.domain` owns every rule and message.

Money (R-KOST-1) travels as a decimal STRING ("1234.55") both ways: a JSON number would pass through a
binary float in the parser, so the input field refuses numbers with the rule's message.
"""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from kern.web import serializers as kern_serializers
from kern.web.serializers import BIGINT_MAX
from kosten.recht import Kostenkategorie, Zahler, Zeilenart
from vollzug.recht import Vollzugsform


class GeldFeld(kern_serializers.GeldFeld):
    """CHF to the Rappen as a string; JSON numbers (floats) are refused (R-KOST-1)."""

    default_error_messages = {
        "zahl": 'R-KOST-1: Beträge als Zeichenkette übergeben (z. B. "1234.55"), nicht als JSON-Zahl.',
        "ungueltig": 'R-KOST-1: Ungültiger Betrag: erwartet z. B. "1234.55" (höchstens zwei Dezimalstellen).',
    }


@extend_schema_serializer(component_name="KostenPerson")
class _PersonKurz(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    personennummer = serializers.CharField(read_only=True)
    officialName = serializers.CharField(source="amtlicher_name", read_only=True)
    firstName = serializers.CharField(source="vorname", read_only=True)


@extend_schema_serializer(component_name="KostenSozialdienst")
class _SozialdienstKurz(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    gemeinde = serializers.CharField(read_only=True)


# --- Output ------------------------------------------------------------------------------------


class KostgeldSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    anstalt = serializers.IntegerField(source="anstalt_id", read_only=True)
    anstaltName = serializers.CharField(source="anstalt.name", read_only=True)
    vollzugsform = serializers.ChoiceField(choices=Vollzugsform.choices, read_only=True)
    gueltigAb = serializers.DateField(source="gueltig_ab", read_only=True)
    gueltigBis = serializers.DateField(source="gueltig_bis", read_only=True, allow_null=True)
    betrag = GeldFeld(read_only=True)
    bemerkung = serializers.CharField(read_only=True)


class KostenpositionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    fall = serializers.IntegerField(source="fall_id", read_only=True)
    fallnummer = serializers.CharField(source="fall.fallnummer", read_only=True)
    person = _PersonKurz(source="fall.person", read_only=True)
    kategorie = serializers.ChoiceField(choices=Kostenkategorie.choices, read_only=True)
    datum = serializers.DateField(read_only=True)
    bezeichnung = serializers.CharField(read_only=True)
    betrag = GeldFeld(read_only=True)
    zahler = serializers.ChoiceField(choices=Zahler.choices, read_only=True)
    sozialdienst = _SozialdienstKurz(read_only=True, allow_null=True)
    dritter = serializers.CharField(read_only=True)
    subsidiaer = serializers.BooleanField(read_only=True)
    weiterverrechnungGrund = serializers.CharField(source="weiterverrechnung_grund", read_only=True)
    belegSha256 = serializers.CharField(source="beleg_sha256", read_only=True)
    uneinbringlichAm = serializers.DateField(source="uneinbringlich_am", read_only=True, allow_null=True)
    uneinbringlichGrund = serializers.CharField(source="uneinbringlich_grund", read_only=True)


class AbrechnungszeileSerializer(serializers.Serializer):
    fall = serializers.IntegerField(source="fall_id", read_only=True)
    art = serializers.ChoiceField(choices=Zeilenart.choices, read_only=True)
    kategorie = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)
    von = serializers.DateField(read_only=True)
    bis = serializers.DateField(read_only=True)
    tage = serializers.IntegerField(read_only=True, allow_null=True)
    ansatz = GeldFeld(read_only=True, allow_null=True)
    betrag = GeldFeld(read_only=True)
    position = serializers.IntegerField(source="position_id", read_only=True, allow_null=True)


class AbrechnungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    nummer = serializers.CharField(read_only=True)
    zahler = serializers.ChoiceField(choices=Zahler.choices, read_only=True)
    empfaenger = serializers.CharField(read_only=True)
    sozialdienst = _SozialdienstKurz(read_only=True, allow_null=True)
    person = _PersonKurz(read_only=True, allow_null=True)
    periodeVon = serializers.DateField(source="periode_von", read_only=True)
    periodeBis = serializers.DateField(source="periode_bis", read_only=True)
    total = GeldFeld(read_only=True, help_text="Summe der Zeilen, ungerundet.")
    zahlbetrag = GeldFeld(read_only=True, help_text="Auf 0.05 CHF gerundet (kaufmännisch).")
    anzahlZeilen = serializers.IntegerField(source="anzahl_zeilen", read_only=True)
    anzahlFaelle = serializers.IntegerField(source="anzahl_faelle", read_only=True)
    pdfSha256 = serializers.CharField(source="pdf_sha256", read_only=True)
    erstelltAm = serializers.DateTimeField(source="erstellt_am", read_only=True)


class AbrechnungDetailSerializer(AbrechnungSerializer):
    zeilen = AbrechnungszeileSerializer(many=True, read_only=True)


# --- Input -------------------------------------------------------------------------------------


class KostgeldEingabeSerializer(serializers.Serializer):
    anstalt = serializers.IntegerField(min_value=1, max_value=BIGINT_MAX)
    vollzugsform = serializers.ChoiceField(choices=Vollzugsform.choices)
    gueltigAb = serializers.DateField(source="gueltig_ab")
    gueltigBis = serializers.DateField(source="gueltig_bis", required=False, allow_null=True, default=None)
    betrag = GeldFeld()
    bemerkung = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class KostenpositionEingabeSerializer(serializers.Serializer):
    fall = serializers.IntegerField(min_value=1, max_value=BIGINT_MAX)
    kategorie = serializers.ChoiceField(choices=Kostenkategorie.choices)
    datum = serializers.DateField()
    bezeichnung = serializers.CharField(max_length=200, allow_blank=True)
    betrag = GeldFeld()
    beleg = serializers.FileField(help_text="Quelldokument (R-KOST-1).")
    zahler = serializers.ChoiceField(choices=Zahler.choices, required=False, allow_blank=True, default="")
    dritter = serializers.CharField(required=False, allow_blank=True, max_length=150, default="")
    subsidiaer = serializers.BooleanField(required=False, default=False)
    weiterverrechnungGrund = serializers.CharField(
        source="weiterverrechnung_grund", required=False, allow_blank=True, default=""
    )


class AbschreibenEingabeSerializer(serializers.Serializer):
    grund = serializers.CharField(allow_blank=True)


class AbrechnungEingabeSerializer(serializers.Serializer):
    zahler = serializers.ChoiceField(choices=Zahler.choices)
    periodeVon = serializers.DateField(source="von")
    periodeBis = serializers.DateField(source="bis")
    sozialdienst = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=BIGINT_MAX, default=None
    )
    person = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=BIGINT_MAX, default=None
    )
    dritter = serializers.CharField(required=False, allow_blank=True, max_length=150, default="")


class PositionFilterSerializer(serializers.Serializer):
    zahler = serializers.ChoiceField(choices=Zahler.choices, required=False)
    fall = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
    person = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
