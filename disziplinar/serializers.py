"""Serializers of the disciplinary REST API (§§ 40–45 JVG), input and output separate (STYLE §6).

Input serializers only type the input (strings, aware date-times, integers in storage range, known
enum values) and carry the model/service name as `source`, so `validated_data` goes straight into
`disziplinar.domain`, which owns every rule (R-40-1, R-41-1/-2/-4, R-41-5a). The same `source`
attributes translate a service error keyed by a model field back into the API's name
(`vollzug.serializers.api_fehlerpfad`). Lists and empty texts pass here on purpose: the service
answers with its German message naming the rule.

The output serializers expect the querysets of `disziplinar.api` (related rows joined or prefetched;
the proceeding's live Verfügung and the person's prior sanctions attached by the viewset), so a page
costs a constant number of queries.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from disziplinar.recht import (
    Disziplinarsanktionsart,
    Sanktionsstatus,
    Tatbestand,
    Teilnahmeform,
    Verfahrensstatus,
)
from kern.web.serializers import BIGINT_MAX, SMALLINT_MAX
from verfuegungen.recht import Beschwerdeergebnis, EroeffnungArt, Verfuegungsstatus
from vollzug.queries import faelle_fuer_user

# --- Output ------------------------------------------------------------------------------------


class _PersonKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    personennummer = serializers.CharField(read_only=True)
    officialName = serializers.CharField(source="amtlicher_name", read_only=True)
    firstName = serializers.CharField(source="vorname", read_only=True)


class _AnstaltKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


@extend_schema_serializer(component_name="Disziplinarvergehen")
class DeliktSerializer(serializers.Serializer):
    tatbestand = serializers.ChoiceField(
        choices=Tatbestand.choices, read_only=True, help_text="§ 40 Abs. 1 (allgemein) oder Abs. 2 lit. a–l."
    )
    teilnahmeform = serializers.ChoiceField(
        choices=Teilnahmeform.choices, read_only=True, help_text="§ 40 Abs. 3 JVG."
    )


class BeilageSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    titel = serializers.CharField(read_only=True)
    sha256 = serializers.CharField(read_only=True, help_text="SHA-256 der Datei beim Eingang.")
    hochgeladenAm = serializers.DateTimeField(source="hochgeladen_am", read_only=True)


@extend_schema_serializer(component_name="Rapport")
class RapportSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    fall = serializers.IntegerField(source="fall_id", read_only=True, help_text="ID des Vollzugsfalls.")
    person = _PersonKurzSerializer(read_only=True)
    anstalt = _AnstaltKurzSerializer(read_only=True, help_text="Einrichtung, in der rapportiert wurde.")
    tatzeit = serializers.DateTimeField(read_only=True, help_text="Zeitpunkt der Tat.")
    gemeldetDurch = serializers.CharField(
        source="gemeldet_durch.get_full_name", read_only=True, help_text="Rapportierende Person."
    )
    sachverhalt = serializers.CharField(read_only=True)
    zeugen = serializers.CharField(read_only=True)
    erfasstAm = serializers.DateTimeField(source="erfasst_am", read_only=True)
    delikte = DeliktSerializer(many=True, read_only=True)
    beilagen = BeilageSerializer(many=True, read_only=True)
    verfahren = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="disziplinarrapport-detail")

    @extend_schema_field(
        {
            "type": "integer",
            "nullable": True,
            "description": "ID des Disziplinarverfahrens zu diesem Rapport, oder null.",
        }
    )
    def get_verfahren(self, rapport) -> int | None:
        # Reverse one-to-one, joined by the viewset's queryset.
        verfahren = getattr(rapport, "verfahren", None)
        return verfahren.pk if verfahren is not None else None


@extend_schema_serializer(component_name="Disziplinarsanktion")
class SanktionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    verfahren = serializers.IntegerField(source="verfahren_id", read_only=True)
    verfuegung = serializers.IntegerField(
        source="verfuegung_id", read_only=True, help_text="ID der Verfügung."
    )
    art = serializers.ChoiceField(
        choices=Disziplinarsanktionsart.choices, read_only=True, help_text="§ 41 Abs. 1 lit. a–f JVG."
    )
    dauerTage = serializers.IntegerField(source="dauer_tage", read_only=True, allow_null=True)
    betragChf = serializers.DecimalField(
        source="betrag_chf", max_digits=9, decimal_places=2, read_only=True, allow_null=True
    )
    beschreibung = serializers.CharField(read_only=True)
    vollzugBeginn = serializers.DateField(
        source="vollzug_beginn",
        read_only=True,
        allow_null=True,
        help_text="Vom System berechnet; null = ab dem Tag nach der Eröffnung.",
    )
    vollzugEnde = serializers.DateField(
        source="vollzug_ende", read_only=True, allow_null=True, help_text="Letzter Tag (inklusive)."
    )
    status = serializers.ChoiceField(choices=Sanktionsstatus.choices, read_only=True)
    vollzogenAm = serializers.DateTimeField(source="vollzogen_am", read_only=True, allow_null=True)
    vollstreckungsverjaehrungAm = serializers.DateField(
        source="vollstreckungsverjaehrung_am",
        read_only=True,
        allow_null=True,
        help_text="R-41-5b: sechs Monate nach Rechtskraft (vom Verjährungsjob eingetragen).",
    )
    vollstreckungsverjaehrungMethode = serializers.CharField(
        source="vollstreckungsverjaehrung_methode", read_only=True
    )
    url = serializers.HyperlinkedIdentityField(view_name="disziplinarsanktion-detail")


@extend_schema_serializer(component_name="Vorstrafe")
class VorstrafeSerializer(serializers.Serializer):
    """R-41-4: an earlier sanction of a notified decision (Wiederholungsfall)."""

    verfahren = serializers.CharField(source="verfahren.nummer", read_only=True)
    verfuegung = serializers.CharField(source="verfuegung.nummer", read_only=True)
    eroeffnetAm = serializers.DateTimeField(source="verfuegung.eroeffnet_am", read_only=True)
    # Nested, not copied: one choice set per component keeps the schema's enum names unambiguous.
    sanktion = SanktionSerializer(source="*", read_only=True)


class BeschwerdeSerializer(serializers.Serializer):
    eingegangenAm = serializers.DateField(source="eingegangen_am", read_only=True)
    instanz = serializers.CharField(read_only=True)
    verspaetet = serializers.BooleanField(read_only=True)
    ergebnis = serializers.ChoiceField(choices=Beschwerdeergebnis.choices, allow_blank=True, read_only=True)
    entschiedenAm = serializers.DateField(source="entschieden_am", read_only=True, allow_null=True)
    mutwillig = serializers.BooleanField(read_only=True, help_text="§ 45 Abs. 2 JVG.")
    kostenAuferlegt = serializers.BooleanField(source="kosten_auferlegt", read_only=True)


@extend_schema_serializer(component_name="Disziplinarverfuegung")
class VerfuegungKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    nummer = serializers.CharField(read_only=True)
    # A plain string in the schema: the Verfügung's choice set already has its name in another component
    # (`GesuchVerfuegung.status`); a second name for it would be a schema warning.
    status = serializers.CharField(
        read_only=True,
        help_text="Stand der Verfügung: " + ", ".join(Verfuegungsstatus.values) + ".",
    )
    eroeffnetAm = serializers.DateTimeField(source="eroeffnet_am", read_only=True, allow_null=True)
    eroeffnungArt = serializers.ChoiceField(
        source="eroeffnung_art", choices=EroeffnungArt.choices, allow_blank=True, read_only=True
    )
    rechtsmittelfristEnde = serializers.DateField(
        source="rechtsmittelfrist_ende",
        read_only=True,
        allow_null=True,
        help_text="R-42-1: fünf Tage an das Justiz- und Sicherheitsdepartement.",
    )
    rechtskraeftigAm = serializers.DateField(source="rechtskraeftig_am", read_only=True, allow_null=True)
    aufschiebendeWirkung = serializers.BooleanField(
        source="aufschiebende_wirkung",
        read_only=True,
        help_text="§ 44 JVG: keine, ausser die Beschwerdeinstanz erteilt sie.",
    )
    beschwerde = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(BeschwerdeSerializer(allow_null=True))
    def get_beschwerde(self, verfuegung):
        # Reverse one-to-one joined by the viewset (select_related): no query here.
        try:
            beschwerde = verfuegung.beschwerde
        except ObjectDoesNotExist:
            return None
        return BeschwerdeSerializer(beschwerde).data

    @extend_schema_field(
        {
            "type": "string",
            "format": "uri",
            "description": "Seite der Verfügung (Genehmigung, Gehör, Eröffnung, PDF, Beschwerde).",
        }
    )
    def get_url(self, verfuegung) -> str:
        pfad = reverse("verfuegungen:detail", args=[verfuegung.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(pfad) if request is not None else pfad


class BeurteilungSerializer(serializers.Serializer):
    verschulden = serializers.CharField(read_only=True, help_text="Schwere des Verschuldens.")
    schwere = serializers.CharField(
        read_only=True,
        help_text="Schwere der Verletzung oder Gefährdung von Sicherheit, Ordnung und Zusammenleben.",
    )
    persoenlicheVerhaeltnisse = serializers.CharField(source="persoenliche_verhaeltnisse", read_only=True)
    auswirkungResozialisierung = serializers.CharField(source="auswirkung_resozialisierung", read_only=True)


@extend_schema_serializer(component_name="Disziplinarverfahren")
class VerfahrenSerializer(serializers.Serializer):
    # Expects `_verfuegung` and `_vorstrafen` attached by `disziplinar.api.VerfahrenViewSet`.
    id = serializers.IntegerField(read_only=True)
    nummer = serializers.CharField(read_only=True)
    rapport = serializers.IntegerField(source="rapport_id", read_only=True)
    fall = serializers.IntegerField(source="rapport.fall_id", read_only=True)
    tatzeit = serializers.DateTimeField(source="rapport.tatzeit", read_only=True)
    delikte = DeliktSerializer(source="rapport.delikte", many=True, read_only=True)
    person = _PersonKurzSerializer(read_only=True)
    anstalt = _AnstaltKurzSerializer(read_only=True)
    status = serializers.ChoiceField(choices=Verfahrensstatus.choices, read_only=True)
    geleitetDurch = serializers.CharField(source="geleitet_durch.get_full_name", read_only=True)
    eroeffnetAm = serializers.DateTimeField(source="eroeffnet_am", read_only=True)
    abgeschlossenAm = serializers.DateTimeField(source="abgeschlossen_am", read_only=True, allow_null=True)
    einstellungGrund = serializers.CharField(source="einstellung_grund", read_only=True)
    verjaehrungAm = serializers.DateField(
        source="verjaehrung_am",
        read_only=True,
        help_text="R-41-5a: letzter Tag, an dem die Verfügung eröffnet werden kann (sechs Monate nach der Tat).",
    )
    verjaehrungMethode = serializers.CharField(
        source="verjaehrung_methode", read_only=True, help_text="Zählweise der Frist (R-0-FRIST-2)."
    )
    strafanzeige = serializers.BooleanField(read_only=True, help_text="R-40-4 (§ 40 Abs. 4 JVG).")
    strafanzeigeAm = serializers.DateField(source="strafanzeige_am", read_only=True, allow_null=True)
    strafanzeigeReferenz = serializers.CharField(source="strafanzeige_referenz", read_only=True)
    beurteilung = serializers.SerializerMethodField()
    verfuegung = serializers.SerializerMethodField()
    sanktionen = serializers.SerializerMethodField()
    vorstrafen = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="disziplinarverfahren-detail")

    @extend_schema_field(BeurteilungSerializer)
    def get_beurteilung(self, verfahren):
        return BeurteilungSerializer(verfahren).data

    @extend_schema_field(VerfuegungKurzSerializer(allow_null=True))
    def get_verfuegung(self, verfahren):
        verfuegung = verfahren._verfuegung
        return VerfuegungKurzSerializer(verfuegung, context=self.context).data if verfuegung else None

    @extend_schema_field(SanktionSerializer(many=True))
    def get_sanktionen(self, verfahren):
        # The sanctions of the live decision (a lifted draft's rows stay in the database, sanctioning nobody).
        verfuegung = verfahren._verfuegung
        zeilen = [s for s in verfahren.sanktionen.all() if verfuegung and s.verfuegung_id == verfuegung.pk]
        return SanktionSerializer(zeilen, many=True, context=self.context).data

    @extend_schema_field(VorstrafeSerializer(many=True))
    def get_vorstrafen(self, verfahren):
        return VorstrafeSerializer(verfahren._vorstrafen, many=True, context=self.context).data


# --- Input -------------------------------------------------------------------------------------


@extend_schema_field(
    {"type": "integer", "description": "ID eines Vollzugsfalls, den der Aufrufer sehen darf."}
)
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


@extend_schema_serializer(component_name="Disziplinarvergehen")
class DeliktEingabeSerializer(serializers.Serializer):
    tatbestand = serializers.ChoiceField(choices=Tatbestand.choices)
    teilnahmeform = serializers.ChoiceField(choices=Teilnahmeform.choices, default=Teilnahmeform.TAETERSCHAFT)


@extend_schema_serializer(component_name="Rapport")
class RapportEingabeSerializer(serializers.Serializer):
    fall = _SichtbarerFallFeld(help_text="Fall der Person, die in der eigenen Einrichtung platziert ist.")
    tatzeit = serializers.DateTimeField(help_text="Zeitpunkt der Tat (ISO 8601; ohne Zone: Europe/Zurich).")
    sachverhalt = serializers.CharField(allow_blank=True, trim_whitespace=False)
    zeugen = serializers.CharField(allow_blank=True, default="")
    # An empty list passes here on purpose: the service answers with its R-40-1 message.
    delikte = DeliktEingabeSerializer(many=True, allow_empty=True)


@extend_schema_serializer(component_name="Strafanzeige")
class StrafanzeigeEingabeSerializer(serializers.Serializer):
    strafanzeigeAm = serializers.DateField(source="strafanzeige_am", help_text="Datum der Strafanzeige.")
    referenz = serializers.CharField(
        source="strafanzeige_referenz",
        max_length=60,
        allow_blank=True,
        default="",
        help_text="Geschäftsnummer der Staatsanwaltschaft.",
    )


@extend_schema_serializer(component_name="Einstellung")
class EinstellungEingabeSerializer(serializers.Serializer):
    grund = serializers.CharField(source="einstellung_grund", allow_blank=True, trim_whitespace=False)


@extend_schema_serializer(component_name="Disziplinarsanktion")
class SanktionEingabeSerializer(serializers.Serializer):
    art = serializers.ChoiceField(
        choices=Disziplinarsanktionsart.choices, help_text="§ 41 Abs. 1 lit. a–f JVG."
    )
    dauerTage = serializers.IntegerField(
        source="dauer_tage",
        min_value=0,
        max_value=SMALLINT_MAX,
        required=False,
        allow_null=True,
        default=None,
        help_text="Nur Einschluss (höchstens 15, private Einrichtung 7) und Arrest (höchstens 10).",
    )
    betragChf = serializers.DecimalField(
        source="betrag_chf",
        max_digits=9,
        decimal_places=2,
        required=False,
        allow_null=True,
        default=None,
        help_text='Nur Busse, in Franken (z. B. "150.00").',
    )
    beschreibung = serializers.CharField(
        allow_blank=True, default="", help_text="Nur Entzug (lit. b): was entzogen wird."
    )
    vollzugBeginn = serializers.DateField(
        source="vollzug_beginn",
        required=False,
        allow_null=True,
        default=None,
        help_text="Einschluss/Arrest: Beginn ab heute; leer = Tag nach der Eröffnung.",
    )
    vollzugEnde = serializers.DateField(
        source="vollzug_ende",
        required=False,
        allow_null=True,
        default=None,
        help_text="Optional zur Kontrolle: das System berechnet das Ende; ein abweichendes Ende wird abgelehnt.",
    )


@extend_schema_serializer(component_name="Beurteilung")
class BeurteilungEingabeSerializer(serializers.Serializer):
    # Blank passes here on purpose: the service names each missing criterion with R-41-4.
    verschulden = serializers.CharField(allow_blank=True, default="")
    schwere = serializers.CharField(allow_blank=True, default="")
    persoenlicheVerhaeltnisse = serializers.CharField(
        source="persoenliche_verhaeltnisse", allow_blank=True, default=""
    )
    auswirkungResozialisierung = serializers.CharField(
        source="auswirkung_resozialisierung", allow_blank=True, default=""
    )


@extend_schema_serializer(component_name="Disziplinarentscheid")
class EntscheidEingabeSerializer(serializers.Serializer):
    sanktionen = SanktionEingabeSerializer(many=True, allow_empty=True)
    beurteilung = BeurteilungEingabeSerializer(help_text="R-41-4: die vier Kriterien der Zumessung.")
    begruendung = serializers.CharField(allow_blank=True, default="")


@extend_schema_serializer(component_name="Eroeffnung")
class EroeffnungEingabeSerializer(serializers.Serializer):
    eroeffnungArt = serializers.ChoiceField(
        source="art", choices=EroeffnungArt.choices, help_text="Art der Eröffnung (R-0-VFG-2)."
    )
    am = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="Schriftliche Eröffnung; leer = jetzt."
    )
    muendlichAm = serializers.DateTimeField(
        source="muendlich_am",
        required=False,
        allow_null=True,
        default=None,
        help_text="Vorausgehende mündliche Eröffnung, falls es eine gab.",
    )


class VerfahrenFilterSerializer(serializers.Serializer):
    """Query parameters of the proceedings list; a wrong type is a 400, never a 500."""

    status = serializers.ChoiceField(choices=Verfahrensstatus.choices, required=False)
    person = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
    fall = serializers.IntegerField(
        required=False, min_value=1, max_value=BIGINT_MAX, help_text="Vollzugsfall des Rapports."
    )


class RapportFilterSerializer(serializers.Serializer):
    fall = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
    person = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)


class SanktionFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Sanktionsstatus.choices, required=False)
    art = serializers.ChoiceField(choices=Disziplinarsanktionsart.choices, required=False)
    verfahren = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
