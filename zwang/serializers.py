"""Serializers of the § 33 REST API, input and output separate (STYLE §6).

Input serializers only type the input and carry the model/service name as `source`, so
`validated_data` goes straight into `zwang.domain`, which owns every rule (R-33-1,
R-0-4EYES-1); empty texts and lists pass here on purpose, the service answers with its German message.
Output serializers expect the querysets of `zwang.api` (constant queries per page).
"""

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from kern.models import Benutzer
from kern.web.serializers import BIGINT_MAX
from vollzug.queries import faelle_fuer_user
from zwang.forms import personal_der_anstalt
from zwang.recht import (
    ZWECKE,
    Arztkontrolle,
    Einsatzfunktion,
    Protokollstatus,
    Pruefergebnis,
    Subsidiaritaet,
    Verletzung,
    Zwangsmittel,
)

_BUCHSTABEN = [b for b, _ in ZWECKE.values()]

# A physician (medizin) reads only these keys (see `queries` module docstring).
MEDIZINISCHE_FELDER = frozenset(
    {
        "id",
        "nummer",
        "fall",
        "person",
        "anstalt",
        "beginn",
        "ende",
        "dauerMinuten",
        "ort",
        "verletzungPerson",
        "verletzungPersonText",
        "verletzungPersonal",
        "verletzungPersonalText",
        "verletzungDritte",
        "verletzungDritteText",
        "arztkontrolle",
        "arztkontrolleAm",
        "arztkontrolleDurch",
        "url",
    }
)

# --- Output --------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="ZwangPerson")
class _PersonKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    personennummer = serializers.CharField(read_only=True)
    officialName = serializers.CharField(source="amtlicher_name", read_only=True)
    firstName = serializers.CharField(source="vorname", read_only=True)


@extend_schema_serializer(component_name="ZwangAnstalt")
class _AnstaltKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


@extend_schema_field(
    {
        "type": "boolean",
        "nullable": True,
        "description": "true = verletzt (Beschreibung im Textfeld), false = ausdrücklich keine Verletzung, "
        "null = nicht angegeben (beim Einreichen abgelehnt, R-33-1).",
    }
)
class _VerletztFeld(serializers.Field):
    """The stored answer ("verletzt" / "keine" / "") as a nullable boolean: one way to say "none"."""

    default_error_messages = {"invalid": "Erwartet wird true, false oder null."}

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, wert):
        return {Verletzung.VERLETZT: True, Verletzung.KEINE: False}.get(wert)

    def validate_empty_values(self, data):
        if data is None:
            return True, ""
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        if data is True:
            return Verletzung.VERLETZT.value
        if data is False:
            return Verletzung.KEINE.value
        self.fail("invalid")


def _name(user) -> str:
    return user.get_full_name() or user.username


@extend_schema_serializer(component_name="ZwangBeteiligung")
class BeteiligungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    benutzer = serializers.IntegerField(source="benutzer_id", read_only=True)
    name = serializers.SerializerMethodField()
    funktion = serializers.ChoiceField(choices=Einsatzfunktion.choices, read_only=True)
    frist = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="R-33-1: Stellungnahme fällig (Stunden ab Einreichen)."
    )
    stellungnahme = serializers.CharField(read_only=True)
    stellungnahmeAm = serializers.DateTimeField(source="stellungnahme_am", read_only=True, allow_null=True)

    def get_name(self, b) -> str:
        return _name(b.benutzer)


@extend_schema_serializer(component_name="ZwangPruefung")
class PruefungSerializer(serializers.Serializer):
    pruefergebnis = serializers.ChoiceField(source="ergebnis", choices=Pruefergebnis.choices, read_only=True)
    bemerkung = serializers.CharField(read_only=True)
    durch = serializers.SerializerMethodField()
    am = serializers.DateTimeField(read_only=True)

    def get_durch(self, pruefung) -> str:
        return _name(pruefung.durch)


@extend_schema_serializer(component_name="ZwangAenderung")
class AenderungSerializer(serializers.Serializer):
    feld = serializers.CharField(read_only=True)
    alt = serializers.CharField(read_only=True)
    neu = serializers.CharField(read_only=True)


@extend_schema_serializer(component_name="ZwangKorrektur")
class KorrekturSerializer(serializers.Serializer):
    am = serializers.DateTimeField(read_only=True)
    durch = serializers.CharField(read_only=True)
    grund = serializers.CharField(read_only=True)
    aenderungen = AenderungSerializer(many=True, read_only=True)


@extend_schema_serializer(component_name="Zwangsprotokoll")
class ProtokollSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    nummer = serializers.CharField(read_only=True)
    fall = serializers.IntegerField(source="fall_id", read_only=True)
    person = _PersonKurzSerializer(read_only=True)
    anstalt = _AnstaltKurzSerializer(read_only=True)
    status = serializers.ChoiceField(choices=Protokollstatus.choices, read_only=True)
    beginn = serializers.DateTimeField(read_only=True)
    ende = serializers.DateTimeField(read_only=True, allow_null=True)
    dauerMinuten = serializers.IntegerField(source="dauer_minuten", read_only=True, allow_null=True)
    ort = serializers.CharField(read_only=True)
    anlass = serializers.CharField(read_only=True)
    zweck = serializers.ListField(
        source="zweck_buchstaben",
        child=serializers.ChoiceField(choices=_BUCHSTABEN),
        read_only=True,
        help_text="§ 33 Abs. 1 lit. a, b, c JVG.",
    )
    subsidiaritaet = serializers.ChoiceField(
        choices=Subsidiaritaet.choices, allow_blank=True, read_only=True, help_text="§ 33 Abs. 2 JVG."
    )
    mildereMassnahmen = serializers.CharField(source="mildere_massnahmen", read_only=True)
    mittel = serializers.ListField(
        child=serializers.ChoiceField(choices=Zwangsmittel.choices), read_only=True
    )
    mittelBeschreibung = serializers.CharField(source="mittel_beschreibung", read_only=True)
    verletzungPerson = _VerletztFeld(source="verletzung_person", read_only=True)
    verletzungPersonText = serializers.CharField(source="verletzung_person_text", read_only=True)
    verletzungPersonal = _VerletztFeld(source="verletzung_personal", read_only=True)
    verletzungPersonalText = serializers.CharField(source="verletzung_personal_text", read_only=True)
    verletzungDritte = _VerletztFeld(source="verletzung_dritte", read_only=True)
    verletzungDritteText = serializers.CharField(source="verletzung_dritte_text", read_only=True)
    arztkontrolle = serializers.ChoiceField(choices=Arztkontrolle.choices, allow_blank=True, read_only=True)
    arztkontrolleAm = serializers.DateTimeField(source="arztkontrolle_am", read_only=True, allow_null=True)
    arztkontrolleDurch = serializers.CharField(source="arztkontrolle_durch", read_only=True)
    aufnahmen = serializers.CharField(read_only=True, help_text="Kamera- und Aufzeichnungsreferenzen.")
    erfasstDurch = serializers.SerializerMethodField()
    erfasstAm = serializers.DateTimeField(source="erfasst_am", read_only=True)
    eingereichtAm = serializers.DateTimeField(source="eingereicht_am", read_only=True, allow_null=True)
    beteiligte = BeteiligungSerializer(many=True, read_only=True)
    pruefungen = PruefungSerializer(many=True, read_only=True)
    korrekturen = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="zwangsprotokoll-detail")

    @extend_schema_field(KorrekturSerializer(many=True))
    def get_korrekturen(self, p):
        # Attached for the whole page by the viewset (`korrekturen_fuer`): no query per row.
        return KorrekturSerializer(p._korrekturen, many=True).data

    def get_erfasstDurch(self, p) -> str:
        return _name(p.erfasst_durch)

    def to_representation(self, instance):
        daten = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and self.context.get("nur_medizinteil"):
            # A physician reads the medical part only; the other keys are left out, not emptied.
            return {k: v for k, v in daten.items() if k in MEDIZINISCHE_FELDER}
        return daten


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
        if isinstance(data, int) and not isinstance(data, bool) and not 0 < data <= BIGINT_MAX:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


@extend_schema_field(
    {"type": "integer", "description": "ID einer Mitarbeiterin / eines Mitarbeiters der Einrichtung."}
)
class _PersonalFeld(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "§ 33 Abs. 4 JVG (R-33-1): Mitarbeiter/in der eigenen Einrichtung nicht gefunden.",
        "incorrect_type": "Erwartet wird die ID einer Mitarbeiterin / eines Mitarbeiters (ganze Zahl).",
    }

    def get_queryset(self):
        user = self.context["request"].user
        return personal_der_anstalt(user.anstalt_id) if user.anstalt_id else Benutzer.objects.none()

    def to_internal_value(self, data):
        if isinstance(data, int) and not isinstance(data, bool) and not 0 < data <= BIGINT_MAX:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


@extend_schema_serializer(component_name="ZwangBeteiligungEingabe")
class BeteiligungEingabeSerializer(serializers.Serializer):
    benutzer = _PersonalFeld()
    funktion = serializers.ChoiceField(choices=Einsatzfunktion.choices)


def _text(**kw):
    return serializers.CharField(required=False, allow_blank=True, trim_whitespace=False, **kw)


def _wahl(choices, **kw):
    return serializers.ChoiceField(choices=choices, required=False, allow_blank=True, **kw)


class InhaltEingabeSerializer(serializers.Serializer):
    """The content fields; each optional (a draft may be incomplete; a correction names what changes)."""

    beginn = serializers.DateTimeField(required=False, help_text="ISO 8601; ohne Zone: Europe/Zurich.")
    ende = serializers.DateTimeField(required=False, allow_null=True)
    ort = _text(max_length=200)
    anlass = _text(help_text="Anlass und Ablauf.")
    zweck = serializers.ListField(
        child=serializers.ChoiceField(choices=_BUCHSTABEN),
        required=False,
        allow_empty=True,
        help_text="§ 33 Abs. 1 JVG: lit. a, b und/oder c (beim Einreichen mindestens einer).",
    )
    subsidiaritaet = _wahl(Subsidiaritaet.choices, help_text="§ 33 Abs. 2 JVG.")
    mildereMassnahmen = _text(source="mildere_massnahmen", help_text="§ 33 Abs. 2 und 3 JVG.")
    mittel = serializers.ListField(
        child=serializers.ChoiceField(choices=Zwangsmittel.choices), required=False, allow_empty=True
    )
    mittelBeschreibung = _text(source="mittel_beschreibung")
    verletzungPerson = _VerletztFeld(source="verletzung_person", required=False)
    verletzungPersonText = _text(source="verletzung_person_text")
    verletzungPersonal = _VerletztFeld(source="verletzung_personal", required=False)
    verletzungPersonalText = _text(source="verletzung_personal_text")
    verletzungDritte = _VerletztFeld(source="verletzung_dritte", required=False)
    verletzungDritteText = _text(source="verletzung_dritte_text")
    arztkontrolle = _wahl(Arztkontrolle.choices)
    arztkontrolleAm = serializers.DateTimeField(source="arztkontrolle_am", required=False, allow_null=True)
    arztkontrolleDurch = _text(source="arztkontrolle_durch", max_length=150)
    aufnahmen = _text()

    def inhalt(self) -> dict:
        """validated_data as `domain.ProtokollDaten` keywords (the purposes as three booleans)."""
        from zwang.domain import zweck_felder

        d = {k: v for k, v in self.validated_data.items() if k not in ("fall", "beteiligte", "grund")}
        if "zweck" in d:
            d.update(zweck_felder(d.pop("zweck")))
        return d


@extend_schema_serializer(component_name="ZwangsprotokollEingabe")
class ProtokollEingabeSerializer(InhaltEingabeSerializer):
    fall = _SichtbarerFallFeld(help_text="Fall einer Person, die in der eigenen Einrichtung platziert ist.")
    beginn = serializers.DateTimeField(help_text="Beginn des Zwangs (ISO 8601; ohne Zone: Europe/Zurich).")
    beteiligte = BeteiligungEingabeSerializer(many=True, allow_empty=True, required=False, default=list)


@extend_schema_serializer(component_name="ZwangKorrekturEingabe")
class KorrekturEingabeSerializer(InhaltEingabeSerializer):
    grund = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text="Pflicht (R-33-1).")
    # Issue 23: involved persons added after submission, with the same reason.
    beteiligte = BeteiligungEingabeSerializer(
        many=True,
        required=False,
        default=list,
        max_length=30,
        help_text="Nachträglich hinzugefügte beteiligte Personen (Personal der Einrichtung, noch nicht aufgeführt).",
    )


@extend_schema_serializer(component_name="ZwangStellungnahmeEingabe")
class StellungnahmeEingabeSerializer(serializers.Serializer):
    stellungnahme = serializers.CharField(allow_blank=True, trim_whitespace=False)


@extend_schema_serializer(component_name="ZwangPruefungEingabe")
class PruefungEingabeSerializer(serializers.Serializer):
    pruefergebnis = serializers.ChoiceField(source="ergebnis", choices=Pruefergebnis.choices)
    bemerkung = serializers.CharField(allow_blank=True, trim_whitespace=False)


class ProtokollFilterSerializer(serializers.Serializer):
    anstalt = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
    person = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
    fall = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
    status = serializers.ChoiceField(choices=Protokollstatus.choices, required=False)
    offen = serializers.BooleanField(
        required=False, default=None, allow_null=True, help_text="Nur Protokolle mit offenen Stellungnahmen."
    )
