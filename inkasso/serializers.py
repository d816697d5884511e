"""Serializers of the Inkasso API (input and output separate, STYLE §6). Input serializers only type the
input; `inkasso.domain` owns every rule and message. Money travels as a decimal string, never a JSON
number (R-KOST-1: a JSON number would pass through a binary float)."""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from inkasso.models import Forderungsart
from kern.dateien import CAMT, DateiArtValidator
from kern.web.serializers import BIGINT_MAX, GeldFeld


@extend_schema_serializer(component_name="InkassoPerson")
class _PersonKurz(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    personennummer = serializers.CharField(read_only=True)
    officialName = serializers.CharField(source="amtlicher_name", read_only=True)
    firstName = serializers.CharField(source="vorname", read_only=True)


class ForderungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="inkassoforderung-detail", read_only=True)
    nummer = serializers.CharField(read_only=True)
    person = _PersonKurz(read_only=True)
    art = serializers.CharField(read_only=True)
    artText = serializers.CharField(source="get_art_display", read_only=True)
    behoerde = serializers.CharField(read_only=True)
    referenz = serializers.CharField(read_only=True)
    entscheidDatum = serializers.DateField(source="entscheid_datum", read_only=True)
    rechtskraftAm = serializers.DateField(source="rechtskraft_am", read_only=True)
    tagessaetze = serializers.IntegerField(read_only=True, allow_null=True)
    tagessatz = GeldFeld(read_only=True, allow_null=True)
    efsTage = serializers.IntegerField(source="efs_tage", read_only=True, allow_null=True)
    betrag = GeldFeld(read_only=True)
    bezahlt = GeldFeld(read_only=True)
    offen = GeldFeld(source="saldo", read_only=True)
    zahlungsfrist = serializers.DateField(read_only=True)
    status = serializers.CharField(read_only=True)
    mahnstufe = serializers.IntegerField(read_only=True)
    qrReferenz = serializers.CharField(source="qr_referenz", read_only=True)


class ForderungEingabeSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1, max_value=BIGINT_MAX)
    art = serializers.ChoiceField(choices=Forderungsart.choices)
    behoerde = serializers.CharField(max_length=200)
    referenz = serializers.CharField(max_length=100)
    entscheidDatum = serializers.DateField(source="entscheid_datum")
    rechtskraftAm = serializers.DateField(source="rechtskraft_am")
    betrag = GeldFeld(required=False, allow_null=True)
    tagessaetze = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=10_000)
    tagessatz = GeldFeld(required=False, allow_null=True)
    efsTage = serializers.IntegerField(
        source="efs_tage", required=False, allow_null=True, min_value=0, max_value=10_000
    )
    tagessatzAusnahme = serializers.BooleanField(source="tagessatz_ausnahme", required=False, default=False)
    fristMonate = serializers.IntegerField(source="frist_monate", min_value=0, max_value=100, default=1)


class ZahlungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    forderung = serializers.CharField(source="forderung.nummer", read_only=True)
    betrag = GeldFeld(read_only=True)
    valuta = serializers.DateField(read_only=True)
    quelle = serializers.CharField(read_only=True)
    quittung = serializers.CharField(read_only=True)


class ZahlungEingabeSerializer(serializers.Serializer):
    betrag = GeldFeld()
    valuta = serializers.DateField()
    bemerkung = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)


class ZahlungsimportSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    dateiname = serializers.CharField(read_only=True)
    anzahl = serializers.IntegerField(read_only=True)
    gebucht = serializers.IntegerField(read_only=True)
    zurKlaerung = serializers.IntegerField(source="zur_klaerung", read_only=True)
    doppelt = serializers.IntegerField(read_only=True)
    summe = GeldFeld(read_only=True)


class ZahlungsimportEingabeSerializer(serializers.Serializer):
    datei = serializers.FileField(max_length=200, validators=[DateiArtValidator(CAMT)])
