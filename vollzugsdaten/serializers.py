"""Serializers of the Vollzugsdaten REST API, input and output separate (STYLE §6).

Input serializers only type and bound the input (source = the domain function's parameter name), so
`validated_data` goes straight into `vollzugsdaten.domain`, which owns every rule. Output serializers
expect the querysets of `vollzugsdaten.api`.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kern.strafzeit import MAX_TAGE
from vollzugsdaten.models import (
    Berechnung,
    Entlassungspruefung,
    Gerichtsantrag,
    Massnahme,
    Massnahmenpruefung,
)
from vollzugsdaten.recht import (
    NEUPRUEFUNG_MONATE,
    PROBEZEIT_MAX_JAHRE,
    PROBEZEIT_MIN_JAHRE,
    VORLAUF_MAX_MONATE,
    VORLAUF_MIN_MONATE,
    Antragsart,
    Antwort,
    Entscheidfolge,
    Ergebnis,
    Massnahmenartikel,
    Pruefungsart,
)

_LANG = 5000


class StrafzeitdatumSerializer(serializers.Serializer):
    datum = serializers.DateField()
    methode = serializers.CharField()
    erklaerung = serializers.CharField()


class VollzugsabschnittSerializer(serializers.Serializer):
    """One sentence's own period in the order of execution (kern.strafzeit convention 9)."""

    bezeichnung = serializers.CharField()
    von = serializers.DateField()
    bis = serializers.DateField()
    ersatz = serializers.BooleanField(help_text="Ersatzfreiheitsstrafe (am Ende, ohne bedingte Entlassung)")


class StrafzeitdatenSerializer(serializers.Serializer):
    ende = StrafzeitdatumSerializer(allow_null=True)
    haelfte = StrafzeitdatumSerializer(allow_null=True)
    zweiDrittel = StrafzeitdatumSerializer(source="zwei_drittel", allow_null=True)
    bedingteEntlassung = StrafzeitdatumSerializer(source="bedingte_entlassung", allow_null=True)
    bedingteEntlassungAusnahme = StrafzeitdatumSerializer(
        source="bedingte_entlassung_ausnahme", allow_null=True
    )
    hinweise = serializers.ListField(child=serializers.CharField())
    vollzugsfolge = VollzugsabschnittSerializer(many=True, required=False, default=list)


class StrafzeitversionSerializer(serializers.ModelSerializer):
    berechnetAm = serializers.DateTimeField(source="berechnet_am")
    bedingteEntlassung = serializers.DateField(source="bedingte_entlassung")

    class Meta:
        model = Berechnung
        fields = ["version", "berechnetAm", "bedingteEntlassung", "ende", "aenderungen"]


class StrafzeitberechnungSerializer(serializers.ModelSerializer):
    """R-VD-1: the current version with its inputs, its method and the explanation of each date."""

    fall = serializers.IntegerField(source="fall_id")
    berechnetAm = serializers.DateTimeField(source="berechnet_am")
    daten = StrafzeitdatenSerializer(source="ergebnis")
    eingaben = serializers.JSONField()
    versionen = serializers.SerializerMethodField()

    class Meta:
        model = Berechnung
        fields = [
            "fall",
            "version",
            "methode",
            "berechnetAm",
            "aenderungen",
            "daten",
            "eingaben",
            "versionen",
        ]

    @extend_schema_field(StrafzeitversionSerializer(many=True))
    def get_versionen(self, obj) -> list[dict]:
        return StrafzeitversionSerializer(self.context.get("versionen", []), many=True).data


class StrafzeitangabenEingabeSerializer(serializers.Serializer):
    lebenslang = serializers.BooleanField(default=False)
    angerechneteTage = serializers.IntegerField(source="angerechnete_tage", min_value=0, max_value=MAX_TAGE)
    anrechnungBeleg = serializers.CharField(
        source="anrechnung_beleg", max_length=200, allow_blank=True, default=""
    )
    anderswoTage = serializers.IntegerField(
        source="anderswo_tage", min_value=0, max_value=MAX_TAGE, default=0
    )
    anderswoBeleg = serializers.CharField(
        source="anderswo_beleg", max_length=200, allow_blank=True, default=""
    )
    vorlaufMonate = serializers.IntegerField(
        source="vorlauf_monate",
        min_value=VORLAUF_MIN_MONATE,
        max_value=VORLAUF_MAX_MONATE,
        allow_null=True,
        default=None,
        help_text="Art. 86 Abs. 2 StGB: Monate vor dem frühesten Datum, nur für diesen Fall; leer = Vorgabe.",
    )
    vorlaufBegruendung = serializers.CharField(
        source="vorlauf_begruendung", max_length=300, allow_blank=True, default=""
    )


class EntlassungspruefungSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="entlassungspruefung-detail")
    fall = serializers.IntegerField(source="fall_id")
    faelligAm = serializers.DateField(source="faellig_am")
    nachVerweigerung = serializers.BooleanField(source="nach_verweigerung")
    berichtAngefordertAm = serializers.DateTimeField(source="bericht_angefordert_am")
    berichtAm = serializers.DateTimeField(source="bericht_am")
    anhoerungAm = serializers.DateTimeField(source="anhoerung_am")
    entlassungAm = serializers.DateField(source="entlassung_am")
    probezeitJahre = serializers.IntegerField(source="probezeit_jahre")
    ausserordentlicheUmstaende = serializers.CharField(source="ausserordentliche_umstaende")
    verfuegung = serializers.CharField(source="verfuegung.nummer", default=None)
    entschiedenAm = serializers.DateField(source="entschieden_am")
    entlassenAm = serializers.DateTimeField(source="entlassen_am")
    ergebnis = serializers.CharField(help_text="gewaehrt, verweigert oder leer (noch nicht entschieden)")

    class Meta:
        model = Entlassungspruefung
        fields = [
            "id",
            "url",
            "fall",
            "status",
            "faelligAm",
            "nachVerweigerung",
            "berichtAngefordertAm",
            "berichtAm",
            "bericht",
            "anhoerungAm",
            "anhoerung",
            "ausserordentlicheUmstaende",
            "ergebnis",
            "entlassungAm",
            "probezeitJahre",
            "bewaehrungshilfe",
            "weisungen",
            "begruendung",
            "verfuegung",
            "entschiedenAm",
            "entlassenAm",
        ]


class EntlassungsberichtEingabeSerializer(serializers.Serializer):
    bericht = serializers.CharField(max_length=_LANG, allow_blank=True)


class EntlassungsanhoerungEingabeSerializer(serializers.Serializer):
    am = serializers.DateTimeField(required=False, allow_null=True, default=None)
    aeusserung = serializers.CharField(max_length=_LANG, allow_blank=True)


class EntlassungsentscheidEingabeSerializer(serializers.Serializer):
    entscheid = serializers.ChoiceField(source="ergebnis", choices=Ergebnis.choices)
    begruendung = serializers.CharField(max_length=_LANG, allow_blank=True)
    entlassungAm = serializers.DateField(
        source="entlassung_am", required=False, allow_null=True, default=None
    )
    probezeitJahre = serializers.IntegerField(
        source="probezeit_jahre",
        required=False,
        allow_null=True,
        default=None,
        min_value=PROBEZEIT_MIN_JAHRE,
        max_value=PROBEZEIT_MAX_JAHRE,
        error_messages={
            "min_value": "Die Probezeit beträgt ein bis fünf Jahre (Art. 87 Abs. 1 StGB).",
            "max_value": "Die Probezeit beträgt ein bis fünf Jahre (Art. 87 Abs. 1 StGB).",
        },
    )
    bewaehrungshilfe = serializers.BooleanField(default=False)
    weisungen = serializers.CharField(max_length=_LANG, allow_blank=True, default="")
    ausserordentlicheUmstaende = serializers.CharField(
        source="ausserordentliche_umstaende", max_length=_LANG, allow_blank=True, default=""
    )
    neupruefungMonate = serializers.IntegerField(
        source="neupruefung_monate",
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        max_value=NEUPRUEFUNG_MONATE,
        help_text="Verweigert: erneute Prüfung nach 1–12 Monaten (Art. 86 Abs. 3 StGB); leer = 12.",
        error_messages={
            "min_value": "Mindestens ein Monat (Art. 86 Abs. 3 StGB).",
            "max_value": "Mindestens einmal jährlich: höchstens zwölf Monate (Art. 86 Abs. 3 StGB).",
        },
    )


class BedingtEntlassenEingabeSerializer(serializers.Serializer):
    am = serializers.DateTimeField()


class MassnahmenpruefungSerializer(serializers.ModelSerializer):
    class Meta:
        model = Massnahmenpruefung
        fields = ["id", "art", "am", "bericht", "ergebnis"]


class GerichtsantragSerializer(serializers.ModelSerializer):
    eingereichtAm = serializers.DateField(source="eingereicht_am")
    verlaengerungJahre = serializers.IntegerField(source="verlaengerung_jahre")
    antwortAm = serializers.DateField(source="antwort_am")
    antwortText = serializers.CharField(source="antwort_text")
    bewilligteJahre = serializers.IntegerField(source="bewilligte_jahre")
    neueMassnahme = serializers.IntegerField(
        source="neue_massnahme_id", allow_null=True, help_text="Id der vom Gericht angeordneten Massnahme."
    )

    class Meta:
        model = Gerichtsantrag
        fields = [
            "id",
            "art",
            "gericht",
            "antrag",
            "akten",
            "verlaengerungJahre",
            "eingereichtAm",
            "antwort",
            "antwortAm",
            "antwortText",
            "bewilligteJahre",
            "folge",
            "neueMassnahme",
        ]


class MassnahmenterminSerializer(serializers.Serializer):
    art = serializers.CharField()
    datum = serializers.DateField()
    text = serializers.CharField()


class MassnahmeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="massnahme-detail")
    fall = serializers.IntegerField(source="fall_id")
    verlaengertUmJahre = serializers.IntegerField(source="verlaengert_um_jahre")
    beginnHerkunft = serializers.CharField(
        source="beginn_herkunft", help_text="rechtskraft, eintritt, strafende, gericht oder manuell"
    )
    beginnBegruendung = serializers.CharField(source="beginn_begruendung")
    hoechstdauerBis = serializers.SerializerMethodField()
    termine = serializers.SerializerMethodField()
    pruefungen = MassnahmenpruefungSerializer(many=True)
    antraege = GerichtsantragSerializer(many=True)

    class Meta:
        model = Massnahme
        fields = [
            "id",
            "url",
            "fall",
            "artikel",
            "beginn",
            "beginnHerkunft",
            "beginnBegruendung",
            "verlaengertUmJahre",
            "hoechstdauerBis",
            "termine",
            "pruefungen",
            "antraege",
        ]

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_hoechstdauerBis(self, obj):  # noqa: N802 — the API's camelCase name
        from vollzugsdaten.domain import hoechstdauer_ende

        ende = hoechstdauer_ende(obj)
        return ende.isoformat() if ende else None

    @extend_schema_field(MassnahmenterminSerializer(many=True))
    def get_termine(self, obj) -> list[dict]:
        from vollzugsdaten.domain import termine

        return MassnahmenterminSerializer(termine(obj), many=True).data


class MassnahmeEingabeSerializer(serializers.Serializer):
    fall = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    artikel = serializers.ChoiceField(choices=Massnahmenartikel.choices)
    beginn = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Leer: aus den Daten (Rechtskraft, Eintritt, Strafende); sonst mit Begründung.",
    )
    beginnBegruendung = serializers.CharField(
        source="beginn_begruendung", max_length=300, allow_blank=True, default=""
    )


class MassnahmenpruefungEingabeSerializer(serializers.Serializer):
    art = serializers.ChoiceField(choices=Pruefungsart.choices)
    am = serializers.DateField()
    bericht = serializers.CharField(max_length=_LANG, allow_blank=True)
    ergebnis = serializers.CharField(max_length=_LANG, allow_blank=True)


class GerichtsantragEingabeSerializer(serializers.Serializer):
    art = serializers.ChoiceField(choices=Antragsart.choices)
    gericht = serializers.CharField(max_length=150, allow_blank=True)
    antrag = serializers.CharField(max_length=_LANG, allow_blank=True)
    akten = serializers.CharField(max_length=_LANG, allow_blank=True)
    eingereichtAm = serializers.DateField(source="eingereicht_am")
    verlaengerungJahre = serializers.IntegerField(
        source="verlaengerung_jahre", required=False, allow_null=True, default=None, min_value=1, max_value=5
    )


class GerichtsantwortEingabeSerializer(serializers.Serializer):
    antrag = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    antwort = serializers.ChoiceField(choices=Antwort.choices)
    am = serializers.DateField()
    text = serializers.CharField(max_length=_LANG, allow_blank=True, default="")
    bewilligteJahre = serializers.IntegerField(
        source="bewilligte_jahre", required=False, allow_null=True, default=None, min_value=1, max_value=5
    )
    folge = serializers.ChoiceField(
        choices=Entscheidfolge.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Bei gutgeheissenem Änderungsantrag (Art. 62c, 63a, 65 StGB): aufgehoben oder ersetzt.",
    )
    neueMassnahme = serializers.ChoiceField(
        source="neue_massnahme",
        choices=Massnahmenartikel.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Artikel der neuen Massnahme, wenn das Gericht die Massnahme ersetzt.",
    )
