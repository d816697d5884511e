"""Input and output serializers of §§ 34–39 (they only type; the rules are in the domain functions)."""

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from verfuegungen.recht import Verfuegungsstatus
from vollzug.queries import faelle_fuer_user
from zwangsmedizin.recht import (
    Anordnungsweg,
    Grund35,
    Hungerstreikstatus,
    Medikationsart,
    Medikationsstatus,
    Nachpruefung,
    Zustand39,
)

_NUR_BERECHTIGTE = "Gesundheitsdaten: nur für Sachbearbeitung und zugeteilte Ärzteschaft, sonst null."


def _inhalt(feld: str, typ: str = "string"):
    """A health-data field: the value for entitled callers (context `gesundheitsdaten`), else null."""

    @extend_schema_field({"type": typ, "nullable": True, "description": _NUR_BERECHTIGTE})
    def lesen(self, obj):
        if not self.context.get("gesundheitsdaten"):
            return None
        wert = getattr(obj, feld)
        return wert.isoformat() if hasattr(wert, "isoformat") else wert

    return lesen


@extend_schema_serializer(component_name="ZwangsmedizinVerfuegung")
class DossierFilterSerializer(serializers.Serializer):
    """Query parameters of the lists (issue 17: the dossier's "alle anzeigen"); a wrong type is a 400."""

    person = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text="ID der Person."
    )
    fall = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text="ID des Vollzugsfalls."
    )


class VerfuegungKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nummer = serializers.CharField()
    # A plain string: the choice set already has its schema name elsewhere (see disziplinar.serializers).
    status = serializers.CharField(
        help_text="Stand der Verfügung: " + ", ".join(Verfuegungsstatus.values) + "."
    )


class ZwangsmedikationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    person = serializers.IntegerField(source="person_id", read_only=True)
    fall = serializers.IntegerField(source="fall_id", read_only=True)
    anstalt = serializers.IntegerField(source="anstalt_id", read_only=True, allow_null=True)
    medikationsart = serializers.ChoiceField(source="art", choices=Medikationsart.choices, read_only=True)
    weg = serializers.ChoiceField(choices=Anordnungsweg.choices, read_only=True)
    medikationsstatus = serializers.ChoiceField(
        source="status", choices=Medikationsstatus.choices, read_only=True
    )
    erfasstAm = serializers.DateTimeField(source="erfasst_am", read_only=True)
    angeordnetAm = serializers.DateTimeField(source="angeordnet_am", read_only=True, allow_null=True)
    naechsteUeberpruefungAm = serializers.DateField(
        source="naechste_ueberpruefung_am", read_only=True, allow_null=True, help_text="§ 38 Abs. 4 (R-38-1)."
    )
    verfuegung = VerfuegungKurzSerializer(read_only=True, allow_null=True)
    bericht = serializers.SerializerMethodField()
    medikament = serializers.SerializerMethodField()
    dosierung = serializers.SerializerMethodField()
    geplanteDauer = serializers.SerializerMethodField()
    freiwilligeMassnahmen = serializers.SerializerMethodField()
    grund = serializers.SerializerMethodField()
    dringlichBegruendung = serializers.SerializerMethodField()
    empfehlungArzt = serializers.SerializerMethodField()
    empfehlungDatum = serializers.SerializerMethodField()
    fachaerztlicheLeitung = serializers.SerializerMethodField()
    aufgeklaertAm = serializers.SerializerMethodField()
    gefahrImVerzug = serializers.SerializerMethodField()
    nachpruefung = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="zwangsmedikation-detail")

    get_bericht = _inhalt("bericht")
    get_medikament = _inhalt("medikament")
    get_dosierung = _inhalt("dosierung")
    get_geplanteDauer = _inhalt("geplante_dauer")
    get_freiwilligeMassnahmen = _inhalt("freiwillige_massnahmen")
    get_grund = _inhalt("grund")
    get_dringlichBegruendung = _inhalt("dringlich_begruendung")
    get_empfehlungArzt = _inhalt("empfehlung_arzt")
    get_empfehlungDatum = _inhalt("empfehlung_datum")
    get_fachaerztlicheLeitung = _inhalt("fachaerztliche_leitung")
    get_aufgeklaertAm = _inhalt("aufgeklaert_am")
    get_gefahrImVerzug = _inhalt("gefahr_im_verzug_begruendung")
    get_nachpruefung = _inhalt("nachpruefung")


@extend_schema_field(
    {"type": "integer", "description": "ID eines Vollzugsfalls, den der Aufrufer sehen darf."}
)
class _SichtbarerFall(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "Vollzugsfall nicht gefunden.",
        "incorrect_type": "Erwartet wird die ID eines Vollzugsfalls (ganze Zahl).",
    }

    def get_queryset(self):
        return faelle_fuer_user(self.context["request"].user)


@extend_schema_serializer(component_name="ZwangsmedikationEingabe")
class MedikationEingabeSerializer(serializers.Serializer):
    fall = _SichtbarerFall()
    weg = serializers.ChoiceField(choices=Anordnungsweg.choices)
    medikationsart = serializers.ChoiceField(source="art", choices=Medikationsart.choices)
    # Blank passes here on purpose: the domain answers with its § 35/§ 36/§ 38 message at the field.
    bericht = serializers.CharField(allow_blank=True, default="")
    medikament = serializers.CharField(allow_blank=True, default="", max_length=200)
    dosierung = serializers.CharField(allow_blank=True, default="", max_length=300)
    geplanteDauer = serializers.CharField(
        source="geplante_dauer", allow_blank=True, default="", max_length=200
    )
    freiwilligeMassnahmen = serializers.CharField(
        source="freiwillige_massnahmen", allow_blank=True, default=""
    )
    grund = serializers.ChoiceField(choices=Grund35.choices, allow_blank=True, default="")
    grundBegruendung = serializers.CharField(source="grund_begruendung", allow_blank=True, default="")
    dringlichBegruendung = serializers.CharField(source="dringlich_begruendung", allow_blank=True, default="")
    aufgeklaertAm = serializers.DateTimeField(
        source="aufgeklaert_am", required=False, allow_null=True, default=None
    )
    gefahrImVerzug = serializers.CharField(
        source="gefahr_im_verzug_begruendung", allow_blank=True, default=""
    )
    empfehlungArzt = serializers.CharField(
        source="empfehlung_arzt", allow_blank=True, default="", max_length=200
    )
    empfehlungDatum = serializers.DateField(
        source="empfehlung_datum", required=False, allow_null=True, default=None
    )
    empfehlungDokument = serializers.FileField(
        source="empfehlung_dokument", required=False, allow_null=True, default=None
    )
    fachaerztlicheLeitung = serializers.CharField(
        source="fachaerztliche_leitung", allow_blank=True, default="", max_length=200
    )
    langfristig = serializers.BooleanField(default=False)


class BegruendungSerializer(serializers.Serializer):
    begruendung = serializers.CharField(allow_blank=True, default="")


class ZeitpunktSerializer(serializers.Serializer):
    am = serializers.DateTimeField(required=False, allow_null=True, default=None, help_text="Leer = jetzt.")


class AngehoerigeSerializer(serializers.Serializer):
    personBezeichnung = serializers.CharField(
        source="person_bezeichnung", allow_blank=True, default="", max_length=200
    )


class NachpruefungSerializer(serializers.Serializer):
    nachpruefungErgebnis = serializers.ChoiceField(source="ergebnis", choices=Nachpruefung.choices)
    kommentar = serializers.CharField(allow_blank=True, default="")


class HungerstreikSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    person = serializers.IntegerField(source="person_id", read_only=True)
    fall = serializers.IntegerField(source="fall_id", read_only=True)
    anstalt = serializers.IntegerField(source="anstalt_id", read_only=True, allow_null=True)
    streikstatus = serializers.ChoiceField(
        source="status", choices=Hungerstreikstatus.choices, read_only=True
    )
    beginn = serializers.DateTimeField(read_only=True)
    angeordnetAm = serializers.DateTimeField(source="angeordnet_am", read_only=True, allow_null=True)
    verfuegung = VerfuegungKurzSerializer(read_only=True, allow_null=True)
    zustand = serializers.SerializerMethodField()
    zustandBeurteilung = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="hungerstreik-detail")

    get_zustand = _inhalt("zustand")
    get_zustandBeurteilung = _inhalt("zustand_beurteilung")


@extend_schema_serializer(component_name="HungerstreikEingabe")
class HungerstreikEingabeSerializer(serializers.Serializer):
    fall = _SichtbarerFall()
    beginn = serializers.DateTimeField()


class GespraechSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    hungerstreik = serializers.IntegerField(source="hungerstreik_id", read_only=True)
    arzt = serializers.IntegerField(source="arzt_id", read_only=True)
    am = serializers.DateTimeField(read_only=True)
    inhalt = serializers.CharField(read_only=True)
    reaktion = serializers.CharField(read_only=True)


@extend_schema_serializer(component_name="GespraechEingabe")
class GespraechEingabeSerializer(serializers.Serializer):
    am = serializers.DateTimeField(required=False, allow_null=True, default=None)
    inhalt = serializers.CharField(allow_blank=True, default="")
    reaktion = serializers.CharField(allow_blank=True, default="")


class ZustandSerializer(serializers.Serializer):
    zustand = serializers.ChoiceField(choices=Zustand39.choices, allow_blank=True, default="")
    beurteilung = serializers.CharField(allow_blank=True, default="")


class PatientenverfuegungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    person = serializers.IntegerField(source="person_id", read_only=True)
    datum = serializers.DateField(read_only=True)
    lehntZwangsernaehrungAb = serializers.BooleanField(source="lehnt_zwangsernaehrung_ab", read_only=True)
    sha256 = serializers.CharField(read_only=True)
    widerrufenAm = serializers.DateTimeField(source="widerrufen_am", read_only=True, allow_null=True)


@extend_schema_serializer(component_name="PatientenverfuegungEingabe")
class PatientenverfuegungEingabeSerializer(serializers.Serializer):
    datum = serializers.DateField()
    dokument = serializers.FileField()
    lehntZwangsernaehrungAb = serializers.BooleanField(source="lehnt_zwangsernaehrung_ab")
