"""Serializers of the § 31 REST API, input and output separate (STYLE §6).

Input serializers only type the input and carry the service's name as `source`; `domain` owns every
rule (R-31-1, R-31-5, R-0-4EYES-1, R-0-GEHOER-1) and its German message. Empty texts and lists pass
here on purpose: the service answers with the message naming the rule. The output serializer expects
the viewset's queryset (related rows joined, reviews prefetched): constant queries per page.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from kern.web.serializers import BIGINT_MAX
from sicherheitsmassnahmen import domain
from sicherheitsmassnahmen.forms import ZUSTAENDE
from sicherheitsmassnahmen.recht import Massnahmenart, Massnahmenstatus, Risiko, Ueberpruefungsergebnis
from verfuegungen.recht import Verfuegungsstatus
from verfuegungen.serializers import GehoerEingabeSerializer
from vollzug.queries import faelle_fuer_user

# --- Output ------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="SicherheitsmassnahmePerson")
class _PersonKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    officialName = serializers.CharField(source="amtlicher_name", read_only=True)
    firstName = serializers.CharField(source="vorname", read_only=True)
    dateOfBirth = serializers.DateField(source="geburtsdatum", read_only=True)


@extend_schema_serializer(component_name="SicherheitsmassnahmeAnstalt")
class _AnstaltKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


@extend_schema_serializer(component_name="SicherheitsmassnahmeVerfuegung")
class _VerfuegungKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    nummer = serializers.CharField(read_only=True)
    # A plain string: the lifecycle's enum is documented once, at the Verfügung's own endpoint.
    status = serializers.CharField(read_only=True, help_text=", ".join(Verfuegungsstatus.values))
    eroeffnetAm = serializers.DateTimeField(source="eroeffnet_am", read_only=True, allow_null=True)
    rechtsmittelfristEnde = serializers.DateField(
        source="rechtsmittelfrist_ende", read_only=True, allow_null=True
    )
    seite = serializers.SerializerMethodField(
        help_text="Browser-Seite der Verfügung (Eröffnung, PDF, Beschwerde)."
    )

    def get_seite(self, v) -> str:
        return reverse("verfuegungen:detail", args=[v.pk])


@extend_schema_serializer(component_name="SicherheitsmassnahmeUeberpruefung")
class UeberpruefungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    am = serializers.DateTimeField(read_only=True)
    durch = serializers.CharField(source="durch.username", read_only=True)
    faelligWar = serializers.DateTimeField(source="faellig_war", read_only=True)
    fortgesetzt = serializers.SerializerMethodField(
        help_text="true: zwingender Grund besteht weiter; false: Massnahme bei der Überprüfung aufgehoben."
    )
    begruendung = serializers.CharField(read_only=True)
    naechsteFaellig = serializers.DateTimeField(source="naechste_faellig", read_only=True, allow_null=True)

    def get_fortgesetzt(self, u) -> bool:
        return u.ergebnis == Ueberpruefungsergebnis.FORTSETZEN


@extend_schema_serializer(component_name="Sicherheitsmassnahme")
class SicherheitsmassnahmeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    nummer = serializers.CharField(read_only=True)
    fall = serializers.IntegerField(source="fall_id", read_only=True)
    person = _PersonKurzSerializer(read_only=True)
    anstalt = _AnstaltKurzSerializer(read_only=True, help_text="Einrichtung, deren Leitung anordnet.")
    art = serializers.ChoiceField(
        choices=Massnahmenart.choices, read_only=True, help_text="§ 31 Abs. 2 lit. a–g."
    )
    paragraph = serializers.CharField(read_only=True)
    risiken = serializers.ListField(
        child=serializers.ChoiceField(choices=Risiko.choices), read_only=True, help_text="§ 31 Abs. 1 JVG."
    )
    sachverhalt = serializers.CharField(read_only=True)
    begruendung = serializers.CharField(read_only=True)
    ausgestaltung = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=Massnahmenstatus.choices, read_only=True)
    stand = serializers.SerializerMethodField(help_text="Vor der Eröffnung aus dem Status der Verfügung.")
    beantragtAm = serializers.DateTimeField(source="beantragt_am", read_only=True)
    beantragtDurch = serializers.CharField(source="beantragt_durch.username", read_only=True)
    verfuegung = _VerfuegungKurzSerializer(read_only=True, allow_null=True)
    aktivSeit = serializers.DateTimeField(source="aktiv_seit", read_only=True, allow_null=True)
    naechsteUeberpruefungAm = serializers.DateTimeField(
        source="naechste_ueberpruefung_am", read_only=True, allow_null=True, help_text="§ 31 Abs. 5 (R-31-5)."
    )
    ueberfaellig = serializers.SerializerMethodField()
    beendetAm = serializers.DateTimeField(source="beendet_am", read_only=True, allow_null=True)
    beendetDurch = serializers.CharField(source="beendet_durch.username", read_only=True, allow_null=True)
    beendigungsgrund = serializers.CharField(read_only=True)
    ueberpruefungen = UeberpruefungSerializer(many=True, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="sicherheitsmassnahme-detail")

    def get_stand(self, m) -> str:
        return domain.phase(m)

    @extend_schema_field({"type": "boolean", "description": "Aktiv und die Überprüfung ist überfällig."})
    def get_ueberfaellig(self, m) -> bool:
        return domain.ist_ueberfaellig(m)


# --- Input -------------------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.INT)
class _SichtbarerFallFeld(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "Vollzugsfall nicht gefunden.",
        "incorrect_type": "Erwartet wird die ID eines Vollzugsfalls (ganze Zahl).",
    }

    def get_queryset(self):
        return faelle_fuer_user(self.context["request"].user)

    def to_internal_value(self, data):
        # A number beyond the id column is "not found", not a database overflow (R-0-BAD-1).
        if isinstance(data, int) and not isinstance(data, bool) and not 0 < data <= BIGINT_MAX:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


# Same component name as the output: with COMPONENT_SPLIT_REQUEST it becomes "SicherheitsmassnahmeRequest",
# so the enum of `art` is named once (no naming collision with other modules' `art`).
@extend_schema_serializer(component_name="Sicherheitsmassnahme")
class AntragEingabeSerializer(serializers.Serializer):
    fall = _SichtbarerFallFeld(help_text="Fall der Person, die in der eigenen Einrichtung platziert ist.")
    art = serializers.ChoiceField(choices=Massnahmenart.choices, help_text="§ 31 Abs. 2 lit. a–g JVG.")
    risiken = serializers.ListField(
        child=serializers.ChoiceField(choices=Risiko.choices), allow_empty=True, help_text="§ 31 Abs. 1 JVG."
    )
    sachverhalt = serializers.CharField(allow_blank=True, help_text="Verhalten oder psychischer Zustand.")
    begruendung = serializers.CharField(allow_blank=True)
    ausgestaltung = serializers.CharField(allow_blank=True, default="")
    gehoer = GehoerEingabeSerializer(required=False, allow_null=True, default=None)


@extend_schema_serializer(component_name="SicherheitsmassnahmeGenehmigung")
class GenehmigungEingabeSerializer(serializers.Serializer):
    kommentar = serializers.CharField(allow_blank=True, default="")
    gehoer = GehoerEingabeSerializer(required=False, allow_null=True, default=None)


@extend_schema_serializer(component_name="SicherheitsmassnahmeAblehnung")
class AblehnungEingabeSerializer(serializers.Serializer):
    kommentar = serializers.CharField(allow_blank=True, help_text="Begründung der Ablehnung (Pflicht).")


@extend_schema_serializer(component_name="SicherheitsmassnahmeUeberpruefungEingabe")
class UeberpruefungEingabeSerializer(serializers.Serializer):
    fortsetzen = serializers.BooleanField(
        help_text="true: zwingender Grund besteht weiter (nächste Überprüfung wird berechnet); false: aufheben."
    )
    begruendung = serializers.CharField(allow_blank=True)


@extend_schema_serializer(component_name="SicherheitsmassnahmeAufhebung")
class AufhebungEingabeSerializer(serializers.Serializer):
    grund = serializers.CharField(allow_blank=True)


class FilterSerializer(serializers.Serializer):
    anstalt = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
    person = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
    fall = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
    art = serializers.ChoiceField(choices=Massnahmenart.choices, required=False)
    zustand = serializers.ChoiceField(choices=[z for z in ZUSTAENDE if z[0]], required=False)
