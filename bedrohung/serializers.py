"""Serializers of the threat-management REST API (team only, R-BM-3), input and output separate (STYLE §6).

Input serializers only type the input and carry the service's parameter name as `source`, so
`validated_data` goes straight into `bedrohung.domain`, which owns every rule (R-BM-1, R-BM-2) and
whose errors come back under the API's names (`vollzug.serializers.api_fehlerpfad`). Empty texts and
lists pass here on purpose: the service answers with its German message naming the rule.

Choice fields carry names no other component uses (`kanal`, `urheberArt`, `risikostufe`,
`massnahmenart`, `stellen`), so the schema has no enum collision; the report's status is a plain string
with its values in the description.

The output serializers expect the queryset of `bedrohung.api` (related rows joined or prefetched), so
a page costs a constant number of queries.
"""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from bedrohung.recht import Kanal, Massnahmenart, Meldungsstatus, Risikostufe, Stelle, Urheberart
from kern.web.serializers import BIGINT_MAX
from vollzug.models import Anstalt
from vollzug.queries import personen_fuer_user

# --- Output ------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="BedrohungBenutzer")
class _BenutzerKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="get_full_name", read_only=True)


@extend_schema_serializer(component_name="BedrohungPerson")
class _PersonKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    personennummer = serializers.CharField(read_only=True)
    officialName = serializers.CharField(source="amtlicher_name", read_only=True)
    firstName = serializers.CharField(source="vorname", read_only=True)


@extend_schema_serializer(component_name="BedrohungEinrichtung")
class _AnstaltKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


@extend_schema_serializer(component_name="Meldungsbeilage")
class BeilageSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    titel = serializers.CharField(read_only=True)
    sha256 = serializers.CharField(read_only=True, help_text="SHA-256 der Datei beim Eingang.")
    hochgeladenAm = serializers.DateTimeField(source="hochgeladen_am", read_only=True)


@extend_schema_serializer(component_name="Risikoeinschaetzung")
class EinschaetzungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    erstelltAm = serializers.DateTimeField(source="erstellt_am", read_only=True)
    erstelltDurch = _BenutzerKurzSerializer(source="erstellt_durch", read_only=True)
    fixierung = serializers.BooleanField(read_only=True, help_text="Fixierung auf eine Person oder Sache.")
    identifikation = serializers.BooleanField(read_only=True, help_text="Identifikation mit Tätern.")
    leakage = serializers.BooleanField(read_only=True, help_text="Ankündigung gegenüber Dritten.")
    letzteOption = serializers.BooleanField(
        source="letzte_option", read_only=True, help_text="Signale der «letzten Option»."
    )
    fruehereGewalt = serializers.BooleanField(source="fruehere_gewalt", read_only=True)
    waffenzugang = serializers.BooleanField(read_only=True)
    eskalation = serializers.BooleanField(read_only=True, help_text="Eskalation über die Zeit.")
    weitereHinweise = serializers.CharField(source="weitere_hinweise", read_only=True)
    risikostufe = serializers.ChoiceField(choices=Risikostufe.choices, read_only=True)
    begruendung = serializers.CharField(read_only=True)


@extend_schema_serializer(component_name="BedrohungMassnahme")
class MassnahmeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    massnahmenart = serializers.ChoiceField(source="art", choices=Massnahmenart.choices, read_only=True)
    beschreibung = serializers.CharField(read_only=True)
    verantwortlich = _BenutzerKurzSerializer(read_only=True)
    frist = serializers.DateField(read_only=True, help_text="R-BM-2: in der Fristenkontrolle des Teams.")
    konferenz = serializers.IntegerField(
        source="konferenz_id", read_only=True, allow_null=True, help_text="Folgeauftrag dieser Fallkonferenz."
    )
    erledigtAm = serializers.DateTimeField(source="erledigt_am", read_only=True, allow_null=True)
    erledigtBemerkung = serializers.CharField(source="erledigt_bemerkung", read_only=True)


@extend_schema_serializer(component_name="Fallkonferenz")
class KonferenzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    datum = serializers.DateTimeField(read_only=True)
    stellen = serializers.ListField(child=serializers.ChoiceField(choices=Stelle.choices), read_only=True)
    teilnehmende = serializers.CharField(read_only=True)
    beschluesse = serializers.CharField(read_only=True)
    erfasstDurch = _BenutzerKurzSerializer(source="erfasst_durch", read_only=True)


@extend_schema_serializer(component_name="Bedrohungsmeldung")
class MeldungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    nummer = serializers.CharField(read_only=True)
    status = serializers.CharField(
        read_only=True, help_text="Stand der Meldung: " + ", ".join(Meldungsstatus.values) + "."
    )
    risikostufe = serializers.ChoiceField(
        choices=Risikostufe.choices,
        allow_blank=True,
        read_only=True,
        help_text="Aus der jüngsten Einschätzung (R-BM-2); leer, solange keine vorliegt.",
    )
    gemeldetAm = serializers.DateTimeField(source="gemeldet_am", read_only=True)
    gemeldetDurch = _BenutzerKurzSerializer(source="gemeldet_durch", read_only=True)
    vorfallAm = serializers.DateTimeField(source="vorfall_am", read_only=True)
    ort = serializers.CharField(read_only=True)
    anstalt = _AnstaltKurzSerializer(read_only=True, allow_null=True)
    kanal = serializers.ChoiceField(choices=Kanal.choices, read_only=True)
    wortlaut = serializers.CharField(read_only=True)
    urheberArt = serializers.ChoiceField(source="urheber_art", choices=Urheberart.choices, read_only=True)
    urheberPerson = _PersonKurzSerializer(source="urheber_person", read_only=True, allow_null=True)
    urheberBeschreibung = serializers.CharField(source="urheber_beschreibung", read_only=True)
    betroffene = serializers.CharField(read_only=True)
    zeugen = serializers.CharField(read_only=True)
    sofortbedarf = serializers.CharField(read_only=True)
    disziplinarRapport = serializers.IntegerField(
        source="disziplinar_rapport_id",
        read_only=True,
        allow_null=True,
        help_text="R-BM-1: verknüpfter Rapport nach § 40 Abs. 2 lit. c JVG (nur die ID).",
    )
    ansprechperson = _BenutzerKurzSerializer(read_only=True, allow_null=True)
    abgeschlossenAm = serializers.DateTimeField(source="abgeschlossen_am", read_only=True, allow_null=True)
    abschlussBemerkung = serializers.CharField(source="abschluss_bemerkung", read_only=True)
    beilagen = BeilageSerializer(many=True, read_only=True)
    einschaetzungen = EinschaetzungSerializer(many=True, read_only=True, help_text="Jüngste zuerst.")
    konferenzen = KonferenzSerializer(many=True, read_only=True)
    massnahmen = MassnahmeSerializer(many=True, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="bedrohungsmeldung-detail")


# --- Input -------------------------------------------------------------------------------------


class _IdFeld(serializers.PrimaryKeyRelatedField):
    """An id in a scoped queryset; a number beyond the id column is "not found" (R-0-BAD-1)."""

    def to_internal_value(self, data):
        if isinstance(data, int) and not isinstance(data, bool) and not 0 < data <= BIGINT_MAX:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


@extend_schema_field({"type": "integer", "description": "ID einer Person, die der Aufrufer sehen darf."})
class _SichtbarePersonFeld(_IdFeld):
    default_error_messages = {
        "does_not_exist": "Person nicht gefunden.",
        "incorrect_type": "Erwartet wird die ID einer Person (ganze Zahl).",
    }

    def get_queryset(self):
        return personen_fuer_user(self.context["request"].user)


@extend_schema_field({"type": "integer", "description": "ID einer Einrichtung."})
class _AnstaltFeld(_IdFeld):
    default_error_messages = {
        "does_not_exist": "Einrichtung nicht gefunden.",
        "incorrect_type": "Erwartet wird die ID einer Einrichtung (ganze Zahl).",
    }

    def get_queryset(self):
        return Anstalt.objects.all()


@extend_schema_field({"type": "integer", "description": "ID eines Benutzers (Mitglied des Teams)."})
class _BenutzerFeld(_IdFeld):
    default_error_messages = {
        "does_not_exist": "Benutzer nicht gefunden.",
        "incorrect_type": "Erwartet wird die ID eines Benutzers (ganze Zahl).",
    }

    def get_queryset(self):
        # Any user: the service answers a non-member with its R-BM-2 message.
        return get_user_model().objects.all()


@extend_schema_serializer(component_name="Bedrohungsmeldung")
class MeldungEingabeSerializer(serializers.Serializer):
    vorfallAm = serializers.DateTimeField(
        source="vorfall_am", help_text="Zeitpunkt der Drohung (ISO 8601; ohne Zone: Europe/Zurich)."
    )
    ort = serializers.CharField(allow_blank=True, max_length=200)
    anstalt = _AnstaltFeld(
        required=False, allow_null=True, default=None, help_text="Leer: eigene Einrichtung."
    )
    kanal = serializers.ChoiceField(choices=Kanal.choices)
    wortlaut = serializers.CharField(allow_blank=True, help_text="Wortlaut oder Verhalten.")
    urheberArt = serializers.ChoiceField(source="urheber_art", choices=Urheberart.choices)
    urheberPerson = _SichtbarePersonFeld(
        source="urheber_person",
        required=False,
        allow_null=True,
        default=None,
        help_text="Nur bei einer eingewiesenen Person (R-BM-1, für § 40 Abs. 2 lit. c).",
    )
    urheberBeschreibung = serializers.CharField(source="urheber_beschreibung", allow_blank=True, default="")
    betroffene = serializers.CharField(allow_blank=True, help_text="Bedrohte Person(en).")
    zeugen = serializers.CharField(allow_blank=True, default="")
    sofortbedarf = serializers.CharField(
        allow_blank=True, default="", help_text="Unmittelbarer Schutzbedarf der meldenden Person."
    )


@extend_schema_serializer(component_name="Risikoeinschaetzung")
class EinschaetzungEingabeSerializer(serializers.Serializer):
    risikostufe = serializers.ChoiceField(choices=Risikostufe.choices)
    begruendung = serializers.CharField(allow_blank=True, trim_whitespace=False)
    fixierung = serializers.BooleanField(default=False)
    identifikation = serializers.BooleanField(default=False)
    leakage = serializers.BooleanField(default=False)
    letzteOption = serializers.BooleanField(source="letzte_option", default=False)
    fruehereGewalt = serializers.BooleanField(source="fruehere_gewalt", default=False)
    waffenzugang = serializers.BooleanField(default=False)
    eskalation = serializers.BooleanField(default=False)
    weitereHinweise = serializers.CharField(source="weitere_hinweise", allow_blank=True, default="")


@extend_schema_serializer(component_name="BedrohungMassnahme")
class MassnahmeEingabeSerializer(serializers.Serializer):
    massnahmenart = serializers.ChoiceField(source="art", choices=Massnahmenart.choices)
    beschreibung = serializers.CharField(allow_blank=True)
    verantwortlich = _BenutzerFeld(help_text="Mitglied des Bedrohungsmanagements (R-BM-2).")
    frist = serializers.DateField(help_text="Nicht in der Vergangenheit.")


@extend_schema_serializer(component_name="Fallkonferenz")
class KonferenzEingabeSerializer(serializers.Serializer):
    datum = serializers.DateTimeField(help_text="Zeitpunkt der Sitzung (nicht in der Zukunft).")
    # An empty list passes here on purpose: the service answers with its R-BM-2 message.
    stellen = serializers.ListField(child=serializers.ChoiceField(choices=Stelle.choices), allow_empty=True)
    teilnehmende = serializers.CharField(allow_blank=True)
    beschluesse = serializers.CharField(allow_blank=True)
    folgeauftraege = MassnahmeEingabeSerializer(
        many=True, required=False, default=list, help_text="Folgeaufträge mit Verantwortlichen und Fristen."
    )


@extend_schema_serializer(component_name="Ansprechpersonzuweisung")
class AnsprechpersonEingabeSerializer(serializers.Serializer):
    ansprechperson = _BenutzerFeld(help_text="Mitglied des Bedrohungsmanagements (R-BM-2).")


@extend_schema_serializer(component_name="MassnahmeErledigt")
class ErledigtEingabeSerializer(serializers.Serializer):
    bemerkung = serializers.CharField(allow_blank=True, default="")


@extend_schema_serializer(component_name="Meldungsabschluss")
class AbschlussEingabeSerializer(serializers.Serializer):
    bemerkung = serializers.CharField(allow_blank=True, trim_whitespace=False)


class MeldungFilterSerializer(serializers.Serializer):
    """Query parameters of the list; a wrong value is a 400, never a 500."""

    status = serializers.ChoiceField(choices=Meldungsstatus.choices, required=False)
