"""Serializers of the Vollzug REST API (HackSoft style: separate input and output serializers).

Input serializers only check types (strings, dates, integers in storage range, known enum values) and
carry the model field name as `source`, so `validated_data` goes straight into `vollzug.domain`,
which owns every rule. The same `source` attributes translate a service error keyed by a model field
back into the API's name (`api_fehlerpfad`). Person data follow eCH-0044 names.

Input components share the output component's name (drf-spectacular adds "Request" to them), so
each choice set named `art` belongs to exactly one component name and the schema has no enum collision.
"""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from kern.web.serializers import BIGINT_MAX, INT_MAX, SMALLINT_MAX, SichtbareIdFeld
from vollzug.models import Geschlecht
from vollzug.queries import personen_fuer_user
from vollzug.recht import (
    Entscheidart,
    Fallstatus,
    Platzierungsart,
    Sanktionsart,
    Versetzungsgrund,
    Vollzugsform,
)

# --- Output ------------------------------------------------------------------------------------


@extend_schema_field(
    {
        "type": "string",
        "nullable": True,
        "pattern": r"^756\d{10}$",
        "example": "7569217076985",
        "description": "AHVN13 (eCH-0044 vn) als 13 Ziffern ohne Punkte, oder null.",
    }
)
class _AhvAusgabeFeld(serializers.CharField):
    """eCH-0044 vn: the 13 stored digits; a person without AHV number has null, not ""."""

    def to_representation(self, value):
        return value or None


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    personennummer = serializers.CharField(read_only=True, help_text="Lokale Personennummer (P-000001).")
    officialName = serializers.CharField(source="amtlicher_name", read_only=True)
    firstName = serializers.CharField(source="vorname", read_only=True)
    sex = serializers.ChoiceField(
        source="geschlecht", choices=Geschlecht.choices, read_only=True, help_text="eCH-0044 sexType."
    )
    dateOfBirth = serializers.DateField(source="geburtsdatum", read_only=True)
    vn = _AhvAusgabeFeld(source="ahv_nummer", read_only=True, allow_null=True)
    street = serializers.CharField(source="strasse", read_only=True)
    houseNumber = serializers.CharField(source="hausnummer", read_only=True)
    swissZipCode = serializers.CharField(source="postleitzahl", read_only=True)
    town = serializers.CharField(source="ort", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="person-detail")


class PersonKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    personennummer = serializers.CharField(read_only=True)
    officialName = serializers.CharField(source="amtlicher_name", read_only=True)
    firstName = serializers.CharField(source="vorname", read_only=True)


class SanktionSerializer(serializers.Serializer):
    art = serializers.ChoiceField(choices=Sanktionsart.choices, read_only=True)
    vollzugsform = serializers.ChoiceField(choices=Vollzugsform.choices, allow_blank=True, read_only=True)
    dauerJahre = serializers.IntegerField(source="dauer_jahre", read_only=True)
    dauerMonate = serializers.IntegerField(source="dauer_monate", read_only=True)
    dauerTage = serializers.IntegerField(source="dauer_tage", read_only=True)
    stunden = serializers.IntegerField(read_only=True)


class EntscheidSerializer(serializers.Serializer):
    art = serializers.ChoiceField(choices=Entscheidart.choices, read_only=True)
    behoerde = serializers.CharField(read_only=True)
    referenz = serializers.CharField(read_only=True)
    entscheidDatum = serializers.DateField(source="entscheid_datum", read_only=True)
    rechtskraftAm = serializers.DateField(source="rechtskraft_am", read_only=True)
    sanktionen = SanktionSerializer(many=True, read_only=True)


class PlatzierungSerializer(serializers.Serializer):
    art = serializers.ChoiceField(choices=Platzierungsart.choices, read_only=True)
    anstalt = serializers.CharField(source="anstalt.name", read_only=True)
    abteilung = serializers.CharField(read_only=True)
    grund = serializers.ChoiceField(choices=Versetzungsgrund.choices, allow_blank=True, read_only=True)
    von = serializers.DateTimeField(read_only=True)
    bis = serializers.DateTimeField(read_only=True, allow_null=True)


def _zeit(wert, zone) -> str | None:
    """A point in time as DRF's `DateTimeField` gives it (ISO 8601 in the current time zone, "Z" for
    UTC), without its field machinery: at 50 rows per page it was the larger part of rendering the list."""
    if not wert:
        return None
    text = wert.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


# Issue 19: the list's lean shape, flat apart from the short person, without decisions, sanctions and
# placements (those are in the detail, `url`). The fields below describe the schema; the entries are built by
# `zeile` from the rows `vollzug.api.FallViewSet.list` reads by one statement, because DRF's field machinery
# cost ~90 % of a 50-row page at a million cases. A comment, not a docstring: drf-spectacular would publish a
# docstring as the component's description to the partner agencies.
@extend_schema_serializer(component_name="VollzugsfallListe")
class FallListeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    fallnummer = serializers.CharField(read_only=True)
    person = PersonKurzSerializer(read_only=True)
    status = serializers.ChoiceField(choices=Fallstatus.choices, read_only=True)
    eingangAm = serializers.DateField(read_only=True)
    vollzugsbeginn = serializers.DateTimeField(read_only=True, allow_null=True)
    entlassungAm = serializers.DateTimeField(read_only=True, allow_null=True)
    aktuelleAnstalt = serializers.CharField(
        read_only=True, allow_null=True, help_text="Name der Einrichtung der offenen Platzierung oder null."
    )
    url = serializers.URLField(
        read_only=True, help_text="Der Fall mit Entscheiden, Sanktionen und Platzierungen."
    )

    @staticmethod
    def zeile(z: dict, url_basis: str, zone=None) -> dict:
        """One case of the list from its row of `vollzug.queries._fall_seite`; `url_basis` is the absolute URL of the list,
        `zone` the current time zone (looked up once per page by the caller)."""
        zone = zone or timezone.get_current_timezone()
        return {
            "id": z["pk"],
            "fallnummer": z["fallnummer"],
            "person": {
                "id": z["person_id"],
                "personennummer": z["person__personennummer"],
                "officialName": z["person__amtlicher_name"],
                "firstName": z["person__vorname"],
            },
            "status": z["status"],
            "eingangAm": z["eingang_am"].isoformat(),
            "vollzugsbeginn": _zeit(z["vollzugsbeginn"], zone),
            "entlassungAm": _zeit(z["entlassung_am"], zone),
            "aktuelleAnstalt": z["aktuelle_anstalt"],
            "url": f"{url_basis}{z['pk']}/",
        }

    @staticmethod
    def url_basis(request) -> str:
        return request.build_absolute_uri(reverse("fall-list"))


@extend_schema_serializer(component_name="Vollzugsfall")
class FallSerializer(serializers.Serializer):
    # Expects the queryset of `vollzug.api.FallViewSet` (person, placements, decisions prefetched).
    id = serializers.IntegerField(read_only=True)
    fallnummer = serializers.CharField(read_only=True)
    person = PersonKurzSerializer(read_only=True)
    status = serializers.ChoiceField(choices=Fallstatus.choices, read_only=True)
    eingangAm = serializers.DateField(source="eingang_am", read_only=True)
    vollzugsbeginn = serializers.DateTimeField(read_only=True, allow_null=True)
    entlassungAm = serializers.DateTimeField(source="entlassung_am", read_only=True, allow_null=True)
    aktuelleAnstalt = serializers.SerializerMethodField()
    entscheide = EntscheidSerializer(many=True, read_only=True)
    platzierungen = PlatzierungSerializer(many=True, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="fall-detail")

    @extend_schema_field(
        {"type": "string", "nullable": True, "description": "Name der Einrichtung oder null."}
    )
    def get_aktuelleAnstalt(self, fall) -> str | None:  # camelCase: DRF derives the name from the field
        # The open placement is the current one; reading the prefetched rows keeps lists at constant queries.
        offen = next((p for p in fall.platzierungen.all() if p.bis is None), None)
        return offen.anstalt.name if offen else None


# --- Input -------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="Person")
class PersonEingabeSerializer(serializers.Serializer):
    officialName = serializers.CharField(source="amtlicher_name")
    firstName = serializers.CharField(source="vorname")
    sex = serializers.ChoiceField(
        source="geschlecht", choices=Geschlecht.choices, help_text="eCH-0044 sexType."
    )
    dateOfBirth = serializers.DateField(source="geburtsdatum")
    vn = serializers.CharField(
        source="ahv_nummer",
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="AHVN13, mit oder ohne Punkte (756.9217.0769.85); geprüft wird die EAN-13-Prüfziffer.",
    )

    # Issue 17: optional postal address (eCH-0010) of a person at liberty.
    street = serializers.CharField(source="strasse", required=False, allow_blank=True, max_length=60)
    houseNumber = serializers.CharField(source="hausnummer", required=False, allow_blank=True, max_length=12)
    swissZipCode = serializers.RegexField(
        r"^[1-9][0-9]{3}$",
        source="postleitzahl",
        required=False,
        allow_blank=True,
        max_length=4,
        error_messages={"invalid": "Die Postleitzahl hat vier Ziffern (z. B. 6002)."},
    )
    town = serializers.CharField(source="ort", required=False, allow_blank=True, max_length=40)

    def validate_vn(self, value):
        return value or ""


@extend_schema_field({"type": "integer", "description": "ID einer Person, die der Aufrufer sehen darf."})
class _SichtbarePersonFeld(SichtbareIdFeld):
    """A person id the caller may see; any other id reads as not found, so existence does not leak."""

    default_error_messages = {
        "does_not_exist": "Person nicht gefunden.",
        "incorrect_type": "Erwartet wird die ID einer Person (ganze Zahl).",
    }
    sichtbar = staticmethod(personen_fuer_user)


@extend_schema_serializer(component_name="Entscheid")
class EntscheidEingabeSerializer(serializers.Serializer):
    art = serializers.ChoiceField(choices=Entscheidart.choices)
    behoerde = serializers.CharField(help_text="Strafbehörde, die den Entscheid gefällt hat.")
    referenz = serializers.CharField(help_text="Geschäftsnummer der Strafbehörde.")
    entscheidDatum = serializers.DateField(source="entscheid_datum")
    rechtskraftAm = serializers.DateField(source="rechtskraft_am")


@extend_schema_serializer(component_name="Sanktion")
class SanktionEingabeSerializer(serializers.Serializer):
    art = serializers.ChoiceField(choices=Sanktionsart.choices)
    vollzugsform = serializers.ChoiceField(choices=Vollzugsform.choices, allow_blank=True, default="")
    dauerJahre = serializers.IntegerField(
        source="dauer_jahre", min_value=0, max_value=SMALLINT_MAX, default=0
    )
    dauerMonate = serializers.IntegerField(
        source="dauer_monate", min_value=0, max_value=SMALLINT_MAX, default=0
    )
    dauerTage = serializers.IntegerField(source="dauer_tage", min_value=0, max_value=INT_MAX, default=0)
    stunden = serializers.IntegerField(min_value=0, max_value=INT_MAX, default=0)


@extend_schema_serializer(component_name="Vollzugsfall")
class FallEingabeSerializer(serializers.Serializer):
    person = _SichtbarePersonFeld()
    entscheid = EntscheidEingabeSerializer()
    # An empty list passes here on purpose: the service answers with its § 12 message.
    sanktionen = SanktionEingabeSerializer(many=True, allow_empty=True)
    eingangAm = serializers.DateField(
        source="eingang_am",
        required=False,
        allow_null=True,
        help_text="Zustellung des Entscheids; Standard: heute.",
    )


class FallFilterSerializer(serializers.Serializer):
    """Query parameters of the case list; a wrong type is a 400, never a 500."""

    status = serializers.ChoiceField(choices=Fallstatus.choices, required=False)
    person = serializers.IntegerField(
        required=False, min_value=1, max_value=BIGINT_MAX, help_text="ID der Person."
    )
