"""Serializers of the data-protection API (§§ 22, 23 JVG): input types only (the domain functions own
every rule), output with the API's camelCase names; `source` maps both ways (`api_fehlerpfad`)."""

from django.contrib.auth import get_user_model
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from datenschutz.queries import entbindungen_fuer_user
from datenschutz.recht import Deliktsschwere, Empfaengerart, Fachrichtung, Kontaktzweck, Mandatsart
from kern.rollen import Rolle
from vollzug.queries import personen_fuer_user


@extend_schema_field(OpenApiTypes.INT)
class _SichtbarePerson(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "Person nicht gefunden.",
        "incorrect_type": "Erwartet wird die ID einer Person (ganze Zahl).",
    }

    def get_queryset(self):
        return personen_fuer_user(self.context["request"].user)


@extend_schema_field(OpenApiTypes.INT)
class _SichtbareEntbindung(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "Schweigepflichtentbindung nicht gefunden.",
        "incorrect_type": "Erwartet wird die ID einer Schweigepflichtentbindung (ganze Zahl).",
    }

    def get_queryset(self):
        return entbindungen_fuer_user(self.context["request"].user)


@extend_schema_field(OpenApiTypes.INT)
class _Fachperson(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "Benutzer/in nicht gefunden.",
        "incorrect_type": "Erwartet wird die ID eines Benutzers (ganze Zahl).",
    }

    def get_queryset(self):
        # The service refuses every other role with its § 22 message; unknown ids are not found.
        return get_user_model().objects.exclude(rolle=Rolle.SYSTEM)


class _Wer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="get_full_name", read_only=True)


# --- Output ------------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="Schweigepflichtentbindung")
class EntbindungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    person = serializers.IntegerField(source="person_id", read_only=True)
    empfaenger = serializers.CharField(read_only=True)
    empfaengerArt = serializers.ChoiceField(
        source="empfaenger_art", choices=Empfaengerart.choices, read_only=True
    )
    umfang = serializers.CharField(read_only=True)
    erteiltAm = serializers.DateField(source="erteilt_am", read_only=True)
    gueltigBis = serializers.DateField(source="gueltig_bis", read_only=True, allow_null=True)
    dokumentSha256 = serializers.CharField(source="dokument_sha256", read_only=True)
    widerrufenAm = serializers.DateField(source="widerrufen_am", read_only=True, allow_null=True)
    widerrufBemerkung = serializers.CharField(source="widerruf_grund", read_only=True)
    erfasstDurch = _Wer(source="erfasst_durch", read_only=True)
    erfasstAm = serializers.DateTimeField(source="erfasst_am", read_only=True)


@extend_schema_serializer(component_name="Drittkontakt")
class KontaktSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    person = serializers.IntegerField(source="person_id", read_only=True)
    empfaenger = serializers.CharField(read_only=True)
    empfaengerArt = serializers.ChoiceField(
        source="empfaenger_art", choices=Empfaengerart.choices, read_only=True
    )
    datum = serializers.DateField(read_only=True)
    inhalt = serializers.CharField(read_only=True)
    entbindung = serializers.IntegerField(source="entbindung_id", read_only=True, allow_null=True)
    kontaktzweck = serializers.ChoiceField(
        source="zweck", choices=Kontaktzweck.choices, read_only=True, allow_blank=True
    )
    rechtfertigung = serializers.CharField(read_only=True)
    erfasstDurch = _Wer(source="erfasst_durch", read_only=True)
    erfasstAm = serializers.DateTimeField(source="erfasst_am", read_only=True)


@extend_schema_serializer(component_name="Strafanzeige23")
class AnzeigeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    person = serializers.IntegerField(source="person_id", read_only=True)
    datum = serializers.DateField(read_only=True)
    referenz = serializers.CharField(read_only=True)
    staatsanwaltschaft = serializers.CharField(read_only=True)
    schwere = serializers.ChoiceField(choices=Deliktsschwere.choices, read_only=True)
    tatbestand = serializers.CharField(read_only=True)
    sachverhalt = serializers.CharField(read_only=True)
    disziplinarverfahren = serializers.IntegerField(
        source="disziplinarverfahren_id", read_only=True, allow_null=True
    )
    erstattetDurch = _Wer(source="erstattet_durch", read_only=True)
    erfasstAm = serializers.DateTimeField(source="erfasst_am", read_only=True)


@extend_schema_serializer(component_name="Fachpersonmandat")
class MandatSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    person = serializers.IntegerField(source="person_id", read_only=True)
    fachperson = _Wer(read_only=True)
    art = serializers.ChoiceField(choices=Mandatsart.choices, read_only=True)
    fachrichtung = serializers.ChoiceField(choices=Fachrichtung.choices, read_only=True)
    referenz = serializers.CharField(read_only=True)
    auftrag = serializers.CharField(read_only=True)
    zugriffAb = serializers.DateField(source="zuteilung.gueltig_ab", read_only=True)
    zugriffBis = serializers.DateField(source="zuteilung.gueltig_bis", read_only=True, allow_null=True)
    vorgesehenBis = serializers.DateField(source="vorgesehen_bis", read_only=True, allow_null=True)
    beendetAm = serializers.DateField(source="beendet_am", read_only=True, allow_null=True)
    beendigungGrund = serializers.CharField(source="beendigung_grund", read_only=True)


# --- Input -------------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="Schweigepflichtentbindung")
class EntbindungEingabeSerializer(serializers.Serializer):
    person = _SichtbarePerson()
    empfaenger = serializers.CharField(allow_blank=True, max_length=150)
    empfaengerArt = serializers.ChoiceField(source="empfaenger_art", choices=Empfaengerart.choices)
    umfang = serializers.CharField(allow_blank=True)
    erteiltAm = serializers.DateField(source="erteilt_am")
    gueltigBis = serializers.DateField(source="gueltig_bis", required=False, allow_null=True, default=None)


class WiderrufEingabeSerializer(serializers.Serializer):
    widerrufenAm = serializers.DateField(
        source="widerrufen_am", required=False, allow_null=True, default=None
    )
    bemerkung = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_serializer(component_name="Drittkontakt")
class KontaktEingabeSerializer(serializers.Serializer):
    person = _SichtbarePerson()
    empfaenger = serializers.CharField(allow_blank=True, max_length=150)
    empfaengerArt = serializers.ChoiceField(source="empfaenger_art", choices=Empfaengerart.choices)
    datum = serializers.DateField()
    inhalt = serializers.CharField(allow_blank=True)
    entbindung = _SichtbareEntbindung(required=False, allow_null=True, default=None)
    kontaktzweck = serializers.ChoiceField(
        source="zweck",
        choices=Kontaktzweck.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Ohne Entbindung: Zweck nach § 23 Abs. 2.",
    )
    rechtfertigung = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_serializer(component_name="Strafanzeige23")
class AnzeigeEingabeSerializer(serializers.Serializer):
    person = _SichtbarePerson()
    datum = serializers.DateField()
    referenz = serializers.CharField(allow_blank=True, max_length=80)
    schwere = serializers.ChoiceField(choices=Deliktsschwere.choices)
    sachverhalt = serializers.CharField(allow_blank=True)
    tatbestand = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    staatsanwaltschaft = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    disziplinarverfahren = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1
    )


@extend_schema_serializer(component_name="Fachpersonmandat")
class MandatEingabeSerializer(serializers.Serializer):
    person = _SichtbarePerson()
    fachperson = _Fachperson()
    art = serializers.ChoiceField(choices=Mandatsart.choices)
    fachrichtung = serializers.ChoiceField(choices=Fachrichtung.choices)
    referenz = serializers.CharField(allow_blank=True, max_length=80)
    auftrag = serializers.CharField(allow_blank=True)
    zugriffAb = serializers.DateField(source="gueltig_ab", required=False, allow_null=True, default=None)
    zugriffBis = serializers.DateField(source="gueltig_bis", required=False, allow_null=True, default=None)


class BeendenEingabeSerializer(serializers.Serializer):
    grund = serializers.CharField(allow_blank=True)


class PersonFilterSerializer(serializers.Serializer):
    person = serializers.IntegerField(required=False, min_value=1, max_value=9223372036854775807)
