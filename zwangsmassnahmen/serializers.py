"""Serializers of the REST API of §§ 25, 26, 28, 32 JVG, input and output separate (STYLE §6).

Input serializers only type the input and carry the service's parameter name as `source`, so
`validated_data` goes straight into `zwangsmassnahmen.domain`, which owns every rule (R-25-1, R-25-2,
R-26-1, R-28-1, R-32-1); empty texts pass here on purpose, the service answers with its German message.
Output serializers expect the querysets of `zwangsmassnahmen.api` (related rows joined).
"""

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from kern.web.serializers import BIGINT_MAX
from vollzug.models import Anstalt
from vollzug.queries import faelle_fuer_user
from zwangsmassnahmen.recht import (
    Abwesenheitsart,
    Gefaehrdung,
    GerichtEntscheid,
    Haftstatus,
    Haftvariante,
    Kontrollart,
    Kontrollergebnis,
    Kontrollstatus,
    Nachverfahren,
    Zufuehrungsart,
)

# --- Output ------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="ZwangsmassnahmePerson")
class _PersonKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    personennummer = serializers.CharField(read_only=True)
    officialName = serializers.CharField(source="amtlicher_name", read_only=True)
    firstName = serializers.CharField(source="vorname", read_only=True)


@extend_schema_serializer(component_name="ZwangsmassnahmeAnstalt")
class _AnstaltKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


def _name(user) -> str | None:
    return (user.get_full_name() or user.username) if user is not None else None


@extend_schema_serializer(component_name="Sicherheitshaft")
class HaftSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    nummer = serializers.CharField(read_only=True)
    fall = serializers.IntegerField(source="fall_id", read_only=True)
    person = _PersonKurzSerializer(source="fall.person", read_only=True)
    variante = serializers.ChoiceField(choices=Haftvariante.choices, read_only=True)
    verfahrenArt = serializers.ChoiceField(
        source="verfahren_art", choices=Nachverfahren.choices, read_only=True
    )
    verfahrenReferenz = serializers.CharField(source="verfahren_referenz", read_only=True)
    verfahrenEingeleitetAm = serializers.DateField(
        source="verfahren_eingeleitet_am", read_only=True, allow_null=True
    )
    wahrscheinlichkeit = serializers.CharField(read_only=True)
    gruende = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Haftgründe § 25 Abs. 1 lit. a–c."
    )
    begruendung = serializers.CharField(read_only=True)
    anstalt = _AnstaltKurzSerializer(read_only=True, allow_null=True, help_text="Haftort.")
    festnahmeAm = serializers.DateTimeField(source="festnahme_am", read_only=True, allow_null=True)
    fristEnde = serializers.DateTimeField(
        source="frist_ende",
        read_only=True,
        allow_null=True,
        help_text="R-25-2: Antrag ans Zwangsmassnahmengericht spätestens (48 Stunden, minutengenau, R-0-FRIST-3).",
    )
    fristMethode = serializers.CharField(source="frist_methode", read_only=True)
    ueberfaellig = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=Haftstatus.choices, read_only=True)
    angeordnetAm = serializers.DateTimeField(source="angeordnet_am", read_only=True)
    antragAm = serializers.DateTimeField(source="antrag_am", read_only=True, allow_null=True)
    antragReferenz = serializers.CharField(source="antrag_referenz", read_only=True)
    antragVerspaetet = serializers.BooleanField(source="antrag_verspaetet", read_only=True)
    gerichtEntscheid = serializers.ChoiceField(
        source="gericht_entscheid", choices=GerichtEntscheid.choices, allow_blank=True, read_only=True
    )
    gerichtEntscheidAm = serializers.DateTimeField(
        source="gericht_entscheid_am", read_only=True, allow_null=True
    )
    beendetAm = serializers.DateTimeField(source="beendet_am", read_only=True, allow_null=True)
    beendetGrund = serializers.CharField(source="beendet_grund", read_only=True)
    eskaliertAm = serializers.DateTimeField(source="eskaliert_am", read_only=True, allow_null=True)
    url = serializers.HyperlinkedIdentityField(view_name="sicherheitshaft-detail")

    @extend_schema_field({"type": "boolean", "description": "R-25-2: 48 Stunden abgelaufen ohne Antrag."})
    def get_ueberfaellig(self, haft) -> bool:
        from zwangsmassnahmen.domain import ist_ueberfaellig

        return ist_ueberfaellig(haft)


@extend_schema_serializer(component_name="VoruebergehendeVersetzung")
class VersetzungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    fall = serializers.IntegerField(source="fall_id", read_only=True)
    person = _PersonKurzSerializer(source="fall.person", read_only=True)
    vonAnstalt = _AnstaltKurzSerializer(source="von_anstalt", read_only=True)
    nachAnstalt = _AnstaltKurzSerializer(source="platzierung.anstalt", read_only=True)
    abteilung = serializers.CharField(source="platzierung.abteilung", read_only=True)
    von = serializers.DateTimeField(source="platzierung.von", read_only=True)
    bis = serializers.DateTimeField(source="platzierung.bis", read_only=True, allow_null=True)
    undurchfuehrbar = serializers.CharField(read_only=True)
    gefaehrdung = serializers.ChoiceField(choices=Gefaehrdung.choices, read_only=True)
    gefaehrdungBegruendung = serializers.CharField(source="gefaehrdung_begruendung", read_only=True)
    voraussichtlichBis = serializers.DateField(source="voraussichtlich_bis", read_only=True, allow_null=True)
    angeordnetAm = serializers.DateTimeField(source="angeordnet_am", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="versetzung26-detail")


@extend_schema_serializer(component_name="Kontrolle28")
class KontrolleSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    fall = serializers.IntegerField(source="fall_id", read_only=True)
    person = _PersonKurzSerializer(source="fall.person", read_only=True)
    anstalt = _AnstaltKurzSerializer(read_only=True)
    kontrollart = serializers.ChoiceField(source="art", choices=Kontrollart.choices, read_only=True)
    status = serializers.ChoiceField(choices=Kontrollstatus.choices, read_only=True)
    verdacht = serializers.CharField(read_only=True)
    beantragtAm = serializers.DateTimeField(source="beantragt_am", read_only=True, allow_null=True)
    beantragtDurch = serializers.SerializerMethodField()
    angeordnetAm = serializers.DateTimeField(source="angeordnet_am", read_only=True, allow_null=True)
    angeordnetDurch = serializers.SerializerMethodField()
    entscheidKommentar = serializers.CharField(source="entscheid_kommentar", read_only=True)
    zeitpunkt = serializers.DateTimeField(read_only=True, allow_null=True)
    ort = serializers.CharField(read_only=True)
    durchgefuehrtDurch = serializers.SerializerMethodField()
    beteiligte = serializers.CharField(read_only=True)
    gleichesGeschlecht = serializers.BooleanField(source="gleiches_geschlecht", read_only=True)
    kontrollergebnis = serializers.ChoiceField(
        source="ergebnis", choices=Kontrollergebnis.choices, allow_blank=True, read_only=True
    )
    befund = serializers.CharField(source="ergebnis_text", read_only=True)
    fundgegenstaende = serializers.CharField(read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="kontrolle28-detail")

    @extend_schema_field({"type": "string", "nullable": True})
    def get_beantragtDurch(self, k) -> str | None:
        return _name(k.beantragt_durch)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_angeordnetDurch(self, k) -> str | None:
        return _name(k.angeordnet_durch)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_durchgefuehrtDurch(self, k) -> str | None:
        return _name(k.durchgefuehrt_durch)


@extend_schema_serializer(component_name="Entweichung")
class EntweichungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    fall = serializers.IntegerField(source="fall_id", read_only=True)
    person = _PersonKurzSerializer(source="fall.person", read_only=True)
    anstalt = _AnstaltKurzSerializer(read_only=True)
    abwesenheitsart = serializers.ChoiceField(source="art", choices=Abwesenheitsart.choices, read_only=True)
    festgestelltAm = serializers.DateTimeField(source="festgestellt_am", read_only=True)
    umstaende = serializers.CharField(read_only=True)
    auftragNummer = serializers.CharField(
        source="auftrag_nummer", read_only=True, help_text="Festnahme- und Zuführungsauftrag (§ 32 Abs. 1)."
    )
    auftragAm = serializers.DateTimeField(source="auftrag_am", read_only=True)
    einweisungsbehoerdeInformiertAm = serializers.DateTimeField(
        source="einweisungsbehoerde_informiert_am", read_only=True, allow_null=True
    )
    zugefuehrtAm = serializers.DateTimeField(source="zugefuehrt_am", read_only=True, allow_null=True)
    zufuehrungsart = serializers.ChoiceField(
        source="zufuehrung_art", choices=Zufuehrungsart.choices, allow_blank=True, read_only=True
    )
    zufuehrungBemerkung = serializers.CharField(source="zufuehrung_bemerkung", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="entweichung-detail")


# --- Input -------------------------------------------------------------------------------------


@extend_schema_field(
    {"type": "integer", "description": "ID eines Vollzugsfalls, den der Aufrufer sehen darf."}
)
class _SichtbarerFallFeld(serializers.PrimaryKeyRelatedField):
    """A case id the caller may see; any other id reads as not found, so existence does not leak."""

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


@extend_schema_field({"type": "integer", "description": "ID einer aktiven Vollzugseinrichtung."})
class _AnstaltFeld(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "Vollzugseinrichtung nicht gefunden.",
        "incorrect_type": "Erwartet wird die ID einer Vollzugseinrichtung (ganze Zahl).",
    }

    def get_queryset(self):
        return Anstalt.objects.filter(aktiv=True)

    def to_internal_value(self, data):
        if isinstance(data, int) and not isinstance(data, bool) and not 0 < data <= BIGINT_MAX:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


@extend_schema_serializer(component_name="Sicherheitshaft")
class HaftEingabeSerializer(serializers.Serializer):
    fall = _SichtbarerFallFeld()
    variante = serializers.ChoiceField(choices=Haftvariante.choices, default=Haftvariante.EIGENE_ANORDNUNG)
    verfahrenArt = serializers.ChoiceField(source="verfahren_art", choices=Nachverfahren.choices)
    verfahrenReferenz = serializers.CharField(source="verfahren_referenz", allow_blank=True, max_length=60)
    verfahrenEingeleitetAm = serializers.DateField(
        source="verfahren_eingeleitet_am", required=False, allow_null=True, default=None
    )
    wahrscheinlichkeit = serializers.CharField(allow_blank=True, trim_whitespace=False)
    grundOeffentlichkeit = serializers.BooleanField(
        source="grund_oeffentlichkeit", default=False, help_text="lit. a"
    )
    grundMassnahmenzweck = serializers.BooleanField(
        source="grund_massnahmenzweck", default=False, help_text="lit. b"
    )
    grundFlucht = serializers.BooleanField(source="grund_flucht", default=False, help_text="lit. c")
    begruendung = serializers.CharField(allow_blank=True, default="")
    festnahmeAm = serializers.DateTimeField(
        source="festnahme_am", required=False, allow_null=True, default=None, help_text="Abs. 1: Pflicht."
    )
    anstalt = _AnstaltFeld(
        required=False, allow_null=True, default=None, help_text="Haftort (Abs. 1: Pflicht)."
    )
    antragAm = serializers.DateTimeField(
        source="antrag_am",
        required=False,
        allow_null=True,
        default=None,
        help_text="Abs. 3: Antrag an die Verfahrensleitung.",
    )
    antragReferenz = serializers.CharField(
        source="antrag_referenz", allow_blank=True, default="", max_length=60
    )


class AntragEingabeSerializer(serializers.Serializer):
    antragAm = serializers.DateTimeField(
        source="antrag_am", help_text="Einreichung beim Zwangsmassnahmengericht."
    )
    referenz = serializers.CharField(source="antrag_referenz", allow_blank=True, max_length=60)


class GerichtEntscheidEingabeSerializer(serializers.Serializer):
    gerichtEntscheid = serializers.ChoiceField(source="gericht_entscheid", choices=GerichtEntscheid.choices)
    am = serializers.DateTimeField(source="gericht_entscheid_am")


class HaftEndeEingabeSerializer(serializers.Serializer):
    am = serializers.DateTimeField(source="beendet_am")
    grund = serializers.CharField(source="beendet_grund", allow_blank=True)


@extend_schema_serializer(component_name="VoruebergehendeVersetzung")
class VersetzungEingabeSerializer(serializers.Serializer):
    fall = _SichtbarerFallFeld()
    anstalt = _AnstaltFeld(help_text="Andere Vollzugseinrichtung.")
    abteilung = serializers.CharField(allow_blank=True, default="", max_length=80)
    am = serializers.DateTimeField(help_text="Zeitpunkt der Versetzung.")
    undurchfuehrbar = serializers.CharField(allow_blank=True, trim_whitespace=False)
    gefaehrdung = serializers.ChoiceField(choices=Gefaehrdung.choices)
    gefaehrdungBegruendung = serializers.CharField(
        source="gefaehrdung_begruendung", allow_blank=True, trim_whitespace=False
    )
    voraussichtlichBis = serializers.DateField(
        source="voraussichtlich_bis", required=False, allow_null=True, default=None
    )


@extend_schema_serializer(component_name="Kontrolle28")
class KontrolleEingabeSerializer(serializers.Serializer):
    fall = _SichtbarerFallFeld()
    kontrollart = serializers.ChoiceField(source="art", choices=Kontrollart.choices)
    zeitpunkt = serializers.DateTimeField()
    ort = serializers.CharField(allow_blank=True, default="", max_length=120)
    kontrollergebnis = serializers.ChoiceField(
        source="ergebnis", choices=Kontrollergebnis.choices, allow_blank=True
    )
    befund = serializers.CharField(source="ergebnis_text", allow_blank=True, default="")
    fundgegenstaende = serializers.CharField(allow_blank=True, default="")
    beteiligte = serializers.CharField(allow_blank=True, default="", max_length=200)
    verdacht = serializers.CharField(allow_blank=True, default="")


class LeibesvisitationAntragSerializer(serializers.Serializer):
    fall = _SichtbarerFallFeld()
    verdacht = serializers.CharField(allow_blank=True, trim_whitespace=False)


class LeibesvisitationEntscheidSerializer(serializers.Serializer):
    anordnen = serializers.BooleanField()
    kommentar = serializers.CharField(allow_blank=True, default="")


class LeibesvisitationDurchfuehrungSerializer(serializers.Serializer):
    zeitpunkt = serializers.DateTimeField()
    gleichesGeschlecht = serializers.BooleanField(source="gleiches_geschlecht")
    ort = serializers.CharField(allow_blank=True, default="", max_length=120)
    kontrollergebnis = serializers.ChoiceField(
        source="ergebnis", choices=Kontrollergebnis.choices, allow_blank=True
    )
    befund = serializers.CharField(source="ergebnis_text", allow_blank=True, default="")
    fundgegenstaende = serializers.CharField(allow_blank=True, default="")
    beteiligte = serializers.CharField(allow_blank=True, default="", max_length=200)


@extend_schema_serializer(component_name="Entweichung")
class EntweichungEingabeSerializer(serializers.Serializer):
    fall = _SichtbarerFallFeld()
    abwesenheitsart = serializers.ChoiceField(source="art", choices=Abwesenheitsart.choices)
    festgestelltAm = serializers.DateTimeField(source="festgestellt_am")
    umstaende = serializers.CharField(allow_blank=True, trim_whitespace=False)


class InformationEingabeSerializer(serializers.Serializer):
    am = serializers.DateTimeField(
        source="einweisungsbehoerde_informiert_am",
        required=False,
        allow_null=True,
        default=None,
        help_text="Leer = jetzt.",
    )


class ZufuehrungEingabeSerializer(serializers.Serializer):
    am = serializers.DateTimeField(source="zugefuehrt_am")
    zufuehrungsart = serializers.ChoiceField(source="zufuehrung_art", choices=Zufuehrungsart.choices)
    bemerkung = serializers.CharField(source="zufuehrung_bemerkung", allow_blank=True, default="")


class HaftFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Haftstatus.choices, required=False)
    fall = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
    person = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)


class FallFilterSerializer(serializers.Serializer):
    fall = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)


class KontrolleFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Kontrollstatus.choices, required=False)
    kontrollart = serializers.ChoiceField(choices=Kontrollart.choices, required=False)
    fall = serializers.IntegerField(required=False, min_value=1, max_value=BIGINT_MAX)
