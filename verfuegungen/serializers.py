"""Serializers of the Verfügung REST API (/api/v1/verfuegungen/), input and output separate (STYLE §6).

Input serializers only type the input (strings of bounded length, aware date-times, dates, known enum
values) and carry the service's parameter name as `source`, so `validated_data` goes straight into ONE
function of `verfuegungen.domain`, which owns every rule (R-0-4EYES-1, R-0-GEHOER-1,
R-0-VFG-2…6). The same `source` attributes translate a service error keyed by a parameter back into the
API's name (`vollzug.serializers.api_fehlerpfad`). Empty texts pass here on purpose: the service answers
with its German message naming the rule.

Schema names (drf-spectacular): the choice set of the Verfügung's status already has its enum component
(`GesuchVerfuegung.status`) and `sachbereich` shares the type's choice set, so both are plain strings
here (a second name for the same set is a schema warning). Input and output of a hearing share the
component name "Anhoerung" so its `art` belongs to one component; the mode of notification is
`eroeffnungArt` in input and output, as in the disciplinary API.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from kern.web.serializers import BIGINT_MAX
from verfuegungen import domain, permissions, recht
from verfuegungen.models import Verfuegung
from verfuegungen.recht import (
    Anhoerungsart,
    Beschwerdeergebnis,
    EroeffnungArt,
    Genehmigungsaktion,
    Verfuegungsstatus,
    Verfuegungstyp,
)
from vollzug.serializers import PersonKurzSerializer

# The API's action names (POST /api/v1/verfuegungen/{id}/<name>/) for the names of
# `permissions.erlaubte_aktionen`; the last two are offered by the API only (see `erlaubte_api_aktionen`).
AKTIONSNAMEN = {
    "vorlegen": "vorlegen",
    "genehmigen": "genehmigen",
    "zurueckweisen": "zurueckweisen",
    "ablehnen": "ablehnen",
    "gehoer": "gehoer",
    "gehoer_nachholen": "gehoer-nachholen",
    "eroeffnen": "eroeffnen",
    "beschwerde": "beschwerde",
    "aufschiebende_wirkung": "aufschiebende-wirkung",
    "beschwerdeentscheid": "beschwerdeentscheid",
    "weiterzug": "weiterzug",
    "rechtskraft": "rechtskraft",
    "aufheben": "aufheben",
}
API_AKTIONEN = [*AKTIONSNAMEN.values(), "aufschiebende-wirkung-entziehen", "vollzogen"]

_TEXT_MAX = 20000
_KOMMENTAR_MAX = 5000


def erlaubte_api_aktionen(verfuegung: Verfuegung, user) -> list[str]:
    """What `user` may do now, in the API's names: the detail page's actions (`permissions.erlaubte_aktionen`)
    plus withdrawing suspensive effect and recording execution, decided by the same predicates and
    preconditions as `aufschiebende_wirkung_entziehen` and `als_vollzogen_markieren`."""
    v = verfuegung
    namen = {AKTIONSNAMEN[a] for a in permissions.erlaubte_aktionen(v, user)}
    S = Verfuegungsstatus
    if (
        v.aufschiebende_wirkung
        and v.aufschiebende_wirkung_entzogen_am is None
        and v.status in (S.ENTWURF, S.ZUR_GENEHMIGUNG, S.GENEHMIGT, S.EROEFFNET, S.ANGEFOCHTEN)
        and permissions.darf_entscheiden(user, v)
    ):
        namen.add("aufschiebende-wirkung-entziehen")
    if (
        S.VOLLZOGEN in recht.UEBERGAENGE[v.status]
        and domain.ist_vollstreckbar(v)
        and permissions.darf_vollzug_erfassen(user, v)
    ):
        namen.add("vollzogen")
    return [a for a in API_AKTIONEN if a in namen]


# --- Output ------------------------------------------------------------------------------------


class VerfuegendeEinrichtungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


_STATUS_HILFE = "Stand im Lebenszyklus: " + ", ".join(Verfuegungsstatus.values) + "."


class GenehmigungsschrittSerializer(serializers.Serializer):
    """R-0-4EYES-1: who proposed, approved, returned or rejected, when, with which comment."""

    aktion = serializers.ChoiceField(choices=Genehmigungsaktion.choices, read_only=True)
    durch = serializers.SerializerMethodField()
    am = serializers.DateTimeField(read_only=True)
    kommentar = serializers.CharField(read_only=True)

    def get_durch(self, schritt) -> str:
        return _name(schritt.durch)


@extend_schema_serializer(component_name="Anhoerung")
class AnhoerungSerializer(serializers.Serializer):
    """R-0-GEHOER-1: statement, waiver, or Gefahr im Verzug with the hearing held later."""

    id = serializers.IntegerField(read_only=True, help_text="ID für `gehoer-nachholen`.")
    art = serializers.ChoiceField(choices=Anhoerungsart.choices, read_only=True)
    text = serializers.CharField(read_only=True, help_text="Stellungnahme oder Vermerk.")
    am = serializers.DateTimeField(read_only=True)
    erfasstDurch = serializers.SerializerMethodField()
    begruendung = serializers.CharField(read_only=True, help_text="Begründung der Gefahr im Verzug.")
    nachholenBis = serializers.DateField(
        source="nachholen_bis",
        read_only=True,
        allow_null=True,
        help_text="Bei Gefahr im Verzug: Anhörung nachzuholen bis (Arbeitsfrist der Fristenkontrolle).",
    )
    nachgeholtAm = serializers.DateTimeField(source="nachgeholt_am", read_only=True, allow_null=True)
    nachgeholtText = serializers.CharField(source="nachgeholt_text", read_only=True)

    def get_erfasstDurch(self, anhoerung) -> str:  # camelCase: DRF derives the method from the field
        return _name(anhoerung.erfasst_durch)


@extend_schema_serializer(component_name="Verfuegungsbeschwerde")
class BeschwerdeSerializer(serializers.Serializer):
    eingegangenAm = serializers.DateField(
        source="eingegangen_am", read_only=True, help_text="Tag der Postaufgabe oder Übergabe."
    )
    instanz = serializers.CharField(read_only=True)
    verspaetet = serializers.BooleanField(
        read_only=True, help_text="Nach Fristablauf eingereicht; darüber entscheidet die Beschwerdeinstanz."
    )
    erfasstAm = serializers.DateTimeField(source="erfasst_am", read_only=True)
    ergebnis = serializers.ChoiceField(choices=Beschwerdeergebnis.choices, allow_blank=True, read_only=True)
    entschiedenAm = serializers.DateField(source="entschieden_am", read_only=True, allow_null=True)
    mutwillig = serializers.BooleanField(read_only=True, help_text="§ 45 Abs. 2 JVG.")
    kostenAuferlegt = serializers.BooleanField(
        source="kosten_auferlegt",
        read_only=True,
        help_text="R-0-VFG-6: Verfahrenskosten auferlegbar – nur bei mutwilliger Beschwerde gegen eine "
        "Disziplinarverfügung (§ 45 Abs. 2 JVG).",
    )
    entscheidZugestelltAm = serializers.DateField(
        source="entscheid_zugestellt_am", read_only=True, allow_null=True
    )
    weiterzugInstanz = serializers.CharField(
        source="weiterzug_instanz",
        read_only=True,
        help_text="Nächste Instanz nach einer abgewiesenen Beschwerde.",
    )
    weiterzugFristEnde = serializers.DateField(
        source="weiterzug_frist_ende",
        read_only=True,
        allow_null=True,
        help_text="§ 43 Abs. 2 JVG: letzter Tag für den Weiterzug; danach wird die Verfügung rechtskräftig.",
    )
    weitergezogenAm = serializers.DateField(source="weitergezogen_am", read_only=True, allow_null=True)


def _beschwerde(v):
    # Reverse one-to-one joined by the viewset (select_related): no query here.
    try:
        return v.beschwerde
    except ObjectDoesNotExist:
        return None


class _VerfuegungBasis(serializers.Serializer):
    # Expects the querysets of `verfuegungen.api` (person, facility, appeal joined).
    id = serializers.IntegerField(read_only=True)
    nummer = serializers.CharField(read_only=True)
    typ = serializers.ChoiceField(choices=Verfuegungstyp.choices, read_only=True)
    status = serializers.CharField(read_only=True, help_text=_STATUS_HILFE)
    statusBezeichnung = serializers.CharField(source="get_status_display", read_only=True)
    titel = serializers.CharField(read_only=True)
    person = PersonKurzSerializer(read_only=True)
    fall = serializers.IntegerField(source="fall_id", read_only=True, allow_null=True)
    anstalt = VerfuegendeEinrichtungSerializer(
        read_only=True, allow_null=True, help_text="Verfügende Einrichtung (§ 31, § 41), sonst null."
    )
    entworfenAm = serializers.DateTimeField(source="entworfen_am", read_only=True)
    genehmigtAm = serializers.DateTimeField(source="genehmigt_am", read_only=True, allow_null=True)
    eroeffnetAm = serializers.DateTimeField(source="eroeffnet_am", read_only=True, allow_null=True)
    rechtsmittelfristEnde = serializers.DateField(
        source="rechtsmittelfrist_ende",
        read_only=True,
        allow_null=True,
        help_text="R-0-VFG-2: letzter Tag der Beschwerdefrist, berechnet ab der schriftlichen Eröffnung.",
    )
    rechtskraeftigAm = serializers.DateField(source="rechtskraeftig_am", read_only=True, allow_null=True)
    aufschiebendeWirkung = serializers.BooleanField(
        source="aufschiebende_wirkung",
        read_only=True,
        help_text="§ 44 JVG (R-0-VFG-4): hat eine Beschwerde von Gesetzes wegen aufschiebende Wirkung?",
    )
    vollstreckbar = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="verfuegung-detail")

    def get_vollstreckbar(self, v) -> bool:
        """R-0-VFG-4 (§ 44): may the decision be executed now?"""
        return domain.ist_vollstreckbar(v) if v.eroeffnet_am else False


@extend_schema_serializer(component_name="VerfuegungUebersicht")
class VerfuegungUebersichtSerializer(_VerfuegungBasis):
    """One row of the list: constant queries per page (no approval steps, hearings or actions)."""


@extend_schema_serializer(component_name="Verfuegung")
class VerfuegungSerializer(_VerfuegungBasis):
    """The whole decision as on its page `/verfuegungen/<id>/`, with the actions open to the caller."""

    sachbereich = serializers.CharField(
        read_only=True,
        help_text="Nur bei Beschwerdeentscheiden des Departements: Art des angefochtenen Entscheids (§ 44).",
    )
    abweisend = serializers.BooleanField(read_only=True, help_text="Abweisung eines Gesuchs (§ 14 JVG).")
    belastend = serializers.BooleanField(
        source="ist_belastend", read_only=True, help_text="R-0-GEHOER-1: rechtliches Gehör vor dem Entscheid."
    )
    gegenstand = serializers.SerializerMethodField()
    rechtsgrundlage = serializers.CharField(read_only=True)
    sachverhalt = serializers.CharField(read_only=True)
    begruendung = serializers.CharField(read_only=True)
    dispositiv = serializers.ListField(
        source="dispositiv_ziffern",
        child=serializers.CharField(),
        read_only=True,
        help_text="Eine Ziffer je Eintrag.",
    )
    entworfenDurch = serializers.SerializerMethodField()
    genehmigtDurch = serializers.SerializerMethodField()
    entscheidDatum = serializers.DateField(
        source="entscheid_datum",
        read_only=True,
        allow_null=True,
        help_text="R-0-VFG-2: vom System bei der Genehmigung gesetzt.",
    )
    muendlichEroeffnetAm = serializers.DateTimeField(
        source="muendlich_eroeffnet_am", read_only=True, allow_null=True
    )
    eroeffnungArt = serializers.ChoiceField(
        source="eroeffnung_art", choices=EroeffnungArt.choices, allow_blank=True, read_only=True
    )
    empfangsbestaetigung = serializers.SerializerMethodField()
    rechtsmittelfristMethode = serializers.CharField(
        source="rechtsmittelfrist_methode", read_only=True, help_text="Zählweise der Frist (R-0-FRIST-2)."
    )
    rechtsmittelinstanz = serializers.CharField(source="rechtsfolge.instanz", read_only=True)
    rechtsmittelfristTage = serializers.IntegerField(
        source="rechtsfolge.frist_tage", read_only=True, help_text="R-0-VFG-5: 5 (§ 42) oder 20 Tage (§ 43)."
    )
    rechtsmittelbelehrung = serializers.CharField(read_only=True)
    aufschiebendeWirkungText = serializers.CharField(source="aufschiebende_wirkung_text", read_only=True)
    aufschiebendeWirkungErteiltAm = serializers.DateTimeField(
        source="aufschiebende_wirkung_erteilt_am",
        read_only=True,
        allow_null=True,
        help_text="§ 44 JVG: von der Beschwerdeinstanz erteilt am.",
    )
    aufschiebendeWirkungErteiltDurch = serializers.CharField(
        source="aufschiebende_wirkung_erteilt_durch_instanz", read_only=True
    )
    aufschiebendeWirkungEntzogenAm = serializers.DateTimeField(
        source="aufschiebende_wirkung_entzogen_am", read_only=True, allow_null=True
    )
    aufschiebendeWirkungEntzugBegruendung = serializers.CharField(
        source="aufschiebende_wirkung_entzug_begruendung", read_only=True
    )
    kostenhinweis = serializers.CharField(
        read_only=True, help_text="R-0-VFG-6 (§ 45 JVG); leer, wo nicht anwendbar."
    )
    aufhebungGrund = serializers.CharField(source="aufhebung_grund", read_only=True)
    pdfSha256 = serializers.CharField(
        source="pdf_sha256",
        read_only=True,
        help_text="SHA-256 des bei der Eröffnung abgelegten PDF; leer davor.",
    )
    genehmigungsschritte = GenehmigungsschrittSerializer(many=True, read_only=True)
    anhoerungen = AnhoerungSerializer(many=True, read_only=True)
    beschwerde = serializers.SerializerMethodField()
    erlaubteAktionen = serializers.SerializerMethodField()
    seite = serializers.SerializerMethodField()

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "typ": {"type": "string", "example": "disziplinar.disziplinarverfahren"},
                "id": {"type": "integer"},
            },
            "description": "Das Objekt des Moduls, um das es geht, oder null.",
        }
    )
    def get_gegenstand(self, v) -> dict | None:
        if v.content_type_id is None:
            return None
        return {"typ": f"{v.content_type.app_label}.{v.content_type.model}", "id": v.object_id}

    def get_entworfenDurch(self, v) -> str:
        return _name(v.entworfen_durch)

    def get_genehmigtDurch(self, v) -> str:
        return _name(v.genehmigt_durch)

    @extend_schema_field(
        {"type": "boolean", "description": "R-0-VFG-2: unterzeichnete Empfangsbestätigung abgelegt."}
    )
    def get_empfangsbestaetigung(self, v) -> bool:
        return bool(v.empfangsbestaetigung)

    @extend_schema_field(BeschwerdeSerializer(allow_null=True))
    def get_beschwerde(self, v):
        beschwerde = _beschwerde(v)
        return BeschwerdeSerializer(beschwerde).data if beschwerde is not None else None

    @extend_schema_field(
        serializers.ListField(
            child=serializers.ChoiceField(choices=[(a, a) for a in API_AKTIONEN]),
            help_text="Die Aktionen, die der Aufrufer jetzt ausführen darf (POST auf den gleichnamigen Unterpfad).",
        )
    )
    def get_erlaubteAktionen(self, v) -> list[str]:
        return erlaubte_api_aktionen(v, self.context["request"].user)

    @extend_schema_field(
        {"type": "string", "format": "uri", "description": "Seite der Verfügung im Browser."}
    )
    def get_seite(self, v) -> str:
        pfad = reverse("verfuegungen:detail", args=[v.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(pfad) if request is not None else pfad


# --- Input -------------------------------------------------------------------------------------


def _zeitpunkt(help_text: str, source: str | None = None) -> serializers.DateTimeField:
    return serializers.DateTimeField(
        source=source, required=False, allow_null=True, default=None, help_text=help_text
    )


@extend_schema_serializer(component_name="Kommentar")
class KommentarEingabeSerializer(serializers.Serializer):
    kommentar = serializers.CharField(
        allow_blank=True,
        default="",
        max_length=_KOMMENTAR_MAX,
        trim_whitespace=False,
        help_text="R-0-4EYES-1: bei Rückweisung und Ablehnung Pflicht.",
    )


@extend_schema_serializer(component_name="Anhoerung")
class GehoerEingabeSerializer(serializers.Serializer):
    art = serializers.ChoiceField(choices=Anhoerungsart.choices)
    text = serializers.CharField(
        allow_blank=True,
        default="",
        max_length=_TEXT_MAX,
        help_text="Stellungnahme (Pflicht bei `stellungnahme`).",
    )
    begruendung = serializers.CharField(
        allow_blank=True, default="", max_length=_KOMMENTAR_MAX, help_text="Pflicht bei `gefahr_im_verzug`."
    )
    am = _zeitpunkt("Angehört am (ISO 8601; ohne Zone: Europe/Zurich); leer = jetzt, nie in der Zukunft.")


@extend_schema_serializer(component_name="GehoerNachholen")
class GehoerNachholenEingabeSerializer(serializers.Serializer):
    anhoerung = serializers.IntegerField(
        min_value=1,
        max_value=BIGINT_MAX,
        required=False,
        allow_null=True,
        default=None,
        help_text="ID des Vermerks «Gefahr im Verzug» dieser Verfügung; leer = der offene.",
    )
    text = serializers.CharField(
        allow_blank=True, max_length=_TEXT_MAX, help_text="Nachträgliche Stellungnahme."
    )
    am = _zeitpunkt("Angehört am; leer = jetzt.")


@extend_schema_serializer(component_name="VerfuegungEroeffnung")
class EroeffnungEingabeSerializer(serializers.Serializer):
    eroeffnungArt = serializers.ChoiceField(
        source="art", choices=EroeffnungArt.choices, help_text="Art der Eröffnung (R-0-VFG-2)."
    )
    am = _zeitpunkt("Schriftliche Eröffnung; leer = jetzt. Nie in der Zukunft, nicht vor der Genehmigung.")
    muendlichAm = _zeitpunkt("Vorausgehende mündliche Eröffnung, falls es eine gab.", source="muendlich_am")
    empfangsbestaetigung = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        max_length=200,
        help_text="Unterzeichnete Empfangsbestätigung (nur als multipart/form-data); Pflicht bei Übergabe "
        "in der Einrichtung.",
    )


@extend_schema_serializer(component_name="VerfuegungBeschwerde")
class BeschwerdeEingabeSerializer(serializers.Serializer):
    eingegangenAm = serializers.DateField(
        source="eingegangen_am", help_text="Eingereicht am (Postaufgabe/Übergabe) – massgebend für die Frist."
    )
    instanz = serializers.CharField(
        allow_blank=True, default="", max_length=200, help_text="Leer = Beschwerdeinstanz nach Gesetz."
    )


@extend_schema_serializer(component_name="Weiterzug")
class WeiterzugEingabeSerializer(serializers.Serializer):
    eingegangenAm = serializers.DateField(
        source="eingegangen_am", help_text="Weiterzug eingereicht am (Postaufgabe/Übergabe)."
    )


@extend_schema_serializer(component_name="RechtskraftNachWeiterzug")
class RechtskraftEingabeSerializer(serializers.Serializer):
    rechtskraeftigAm = serializers.DateField(
        source="am", help_text="Rechtskräftig seit (laut Rechtskraftbescheinigung des Gerichts)."
    )


@extend_schema_serializer(component_name="AufschiebendeWirkung")
class AufschiebendeWirkungEingabeSerializer(serializers.Serializer):
    instanz = serializers.CharField(
        allow_blank=True, default="", max_length=200, help_text="Erteilt durch; leer = die Beschwerdeinstanz."
    )
    am = _zeitpunkt("Erteilt am; leer = jetzt.")


@extend_schema_serializer(component_name="AufschiebendeWirkungEntzug")
class EntzugEingabeSerializer(serializers.Serializer):
    begruendung = serializers.CharField(allow_blank=True, max_length=_KOMMENTAR_MAX, trim_whitespace=False)


@extend_schema_serializer(component_name="Beschwerdeentscheid")
class BeschwerdeentscheidEingabeSerializer(serializers.Serializer):
    ergebnis = serializers.ChoiceField(choices=Beschwerdeergebnis.choices)
    entschiedenAm = serializers.DateField(source="am", help_text="Datum des Beschwerdeentscheids.")
    zugestelltAm = serializers.DateField(
        source="zugestellt_am",
        required=False,
        allow_null=True,
        default=None,
        help_text="Zustellung des Beschwerdeentscheids; leer = Entscheiddatum. Ab hier läuft die Frist für den "
        "Weiterzug (§ 43 Abs. 2 JVG).",
    )
    mutwillig = serializers.BooleanField(
        default=False,
        help_text="§ 45 Abs. 2 JVG: mutwillig erhobene, offensichtlich unbegründete Beschwerde.",
    )
    kostenAuferlegt = serializers.BooleanField(
        source="kosten_auferlegt",
        required=False,
        allow_null=True,
        default=None,
        help_text="Optional zur Kontrolle: das System bestimmt es (R-0-VFG-6: nur bei mutwilliger Beschwerde "
        "gegen eine Disziplinarverfügung); ein abweichender Wert wird abgelehnt.",
    )


@extend_schema_serializer(component_name="Aufhebung")
class AufhebenEingabeSerializer(serializers.Serializer):
    grund = serializers.CharField(allow_blank=True, max_length=_KOMMENTAR_MAX, trim_whitespace=False)


class VerfuegungFilterSerializer(serializers.Serializer):
    """Query parameters of the list; a wrong type is a 400, never a 500."""

    typ = serializers.ChoiceField(choices=Verfuegungstyp.choices, required=False)
    status = serializers.ChoiceField(choices=Verfuegungsstatus.choices, required=False)
    person = serializers.IntegerField(
        required=False, min_value=1, max_value=BIGINT_MAX, help_text="ID der Person."
    )
    fall = serializers.IntegerField(
        required=False, min_value=1, max_value=BIGINT_MAX, help_text="ID des Vollzugsfalls."
    )
