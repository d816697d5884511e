"""Serializers of the surveillance API (§§ 27, 29, 30 JVG), input and output separate (STYLE §6).

No output serializer has a file field: content leaves the system only through the access endpoint
(`ZugriffViewSet.inhalt`) after a justified, logged access. Input serializers only type the input;
the rules and their German messages are the services'.
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from disziplinar.recht import Tatbestand
from kern.web.serializers import BIGINT_MAX
from ueberwachung.recht import (
    EDArt,
    Objektart,
    Raumart,
    Rechtsgrundlage,
    Verdachtsart,
    Verfahrensart,
    Vorgang,
    Zonengrund,
    Zugriffsart,
)


@extend_schema_serializer(component_name="UeberwachungPerson")
class _PersonKurz(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    personennummer = serializers.CharField(read_only=True)
    officialName = serializers.CharField(source="amtlicher_name", read_only=True)
    firstName = serializers.CharField(source="vorname", read_only=True)


@extend_schema_serializer(component_name="UeberwachungAnstalt")
class _AnstaltKurz(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


@extend_schema_serializer(component_name="Beizug")
class BeizugSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    telefon = serializers.IntegerField(source="telefon_id", read_only=True, allow_null=True)
    video = serializers.IntegerField(source="video_id", read_only=True, allow_null=True)
    verfahrensart = serializers.ChoiceField(choices=Verfahrensart.choices, read_only=True)
    referenz = serializers.CharField(read_only=True)
    behoerde = serializers.CharField(read_only=True)
    beigezogenAm = serializers.DateTimeField(source="beigezogen_am", read_only=True)
    aktiv = serializers.BooleanField(read_only=True)
    aufgehobenAm = serializers.DateTimeField(source="aufgehoben_am", read_only=True, allow_null=True)
    aufhebungGrund = serializers.CharField(source="aufhebung_grund", read_only=True)


@extend_schema_serializer(component_name="Telefonaufzeichnung")
class TelefonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    person = _PersonKurz(read_only=True)
    anstalt = _AnstaltKurz(read_only=True)
    nummer = serializers.CharField(read_only=True, help_text="Angerufene Nummer (R-29-1).")
    beginn = serializers.DateTimeField(read_only=True)
    ende = serializers.DateTimeField(read_only=True)
    sha256 = serializers.CharField(read_only=True, help_text="SHA-256 der Datei beim Eingang.")
    groesse = serializers.IntegerField(read_only=True)
    eingegangenAm = serializers.DateTimeField(source="eingegangen_am", read_only=True)
    loeschungFaelligAm = serializers.DateTimeField(
        source="loeschung_faellig_am", read_only=True, help_text="Beginn + 100 Tage (§ 29 Abs. 2, R-29-2)."
    )
    beizuege = BeizugSerializer(many=True, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="ueberwachung-telefon-detail")


@extend_schema_serializer(component_name="Videoaufzeichnung")
class VideoSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    zone = serializers.CharField(source="zone.bezeichnung", read_only=True)
    anstalt = _AnstaltKurz(read_only=True)
    person = _PersonKurz(read_only=True, allow_null=True)
    beginn = serializers.DateTimeField(read_only=True)
    ende = serializers.DateTimeField(read_only=True)
    sha256 = serializers.CharField(read_only=True)
    auswertungAbgeschlossenAm = serializers.DateTimeField(
        source="auswertung_abgeschlossen_am", read_only=True, allow_null=True
    )
    loeschungFaelligAm = serializers.DateTimeField(
        source="loeschung_faellig_am", read_only=True, help_text="§ 30 Abs. 5 (R-30-3)."
    )
    beizuege = BeizugSerializer(many=True, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="ueberwachung-video-detail")


@extend_schema_serializer(component_name="Inhaltszugriff")
class ZugriffSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    zeitpunkt = serializers.DateTimeField(read_only=True)
    benutzer = serializers.CharField(source="benutzer.username", read_only=True)
    art = serializers.ChoiceField(choices=Zugriffsart.choices, read_only=True)
    objektart = serializers.ChoiceField(choices=Objektart.choices, read_only=True)
    objektId = serializers.IntegerField(source="objekt_id", read_only=True)
    tatbestand = serializers.CharField(read_only=True, help_text="§ 40 Abs. 2 lit. (Abhören, § 29 Abs. 3).")
    verdachtsart = serializers.CharField(read_only=True)
    verdacht = serializers.CharField(
        read_only=True,
        help_text="Verdacht bzw. Zweck des Zugriffs (beim Abhören leer: dort nur lit. und Bezug).",
    )
    empfaenger = serializers.CharField(read_only=True)
    verfahrensart = serializers.CharField(read_only=True)
    verfahrenReferenz = serializers.CharField(
        source="verfahren_referenz",
        read_only=True,
        help_text="Bezug: beim Abhören der Bezug des Verdachts, beim Beizug das Verfahren.",
    )
    inhaltUrl = serializers.SerializerMethodField(
        help_text="Abruf des Inhalts (nur für die zugreifende Person, befristet; jeder Abruf wird protokolliert)."
    )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_inhaltUrl(self, obj):  # noqa: N802
        request = self.context.get("request")
        if request is None or obj.benutzer_id != request.user.pk:
            return None
        return request.build_absolute_uri(reverse("ueberwachung-zugriff-inhalt", args=[obj.pk]))


@extend_schema_serializer(component_name="Vernichtungsprotokoll")
class VernichtungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    vorgang = serializers.ChoiceField(choices=Vorgang.choices, read_only=True)
    objektart = serializers.ChoiceField(choices=Objektart.choices, read_only=True)
    objektId = serializers.IntegerField(source="objekt_id", read_only=True, allow_null=True)
    person = serializers.IntegerField(source="person_id", read_only=True, allow_null=True)
    personennummer = serializers.CharField(read_only=True)
    anstalt = serializers.IntegerField(source="anstalt_id", read_only=True, allow_null=True)
    aufgezeichnetAm = serializers.DateTimeField(source="aufgezeichnet_am", read_only=True, allow_null=True)
    vernichtetAm = serializers.DateTimeField(source="vernichtet_am", read_only=True)
    lauf = serializers.IntegerField(source="lauf_id", read_only=True, allow_null=True)
    rechtsgrundlage = serializers.ChoiceField(choices=Rechtsgrundlage.choices, read_only=True)
    anzahlDateien = serializers.IntegerField(source="anzahl_dateien", read_only=True)


@extend_schema_serializer(component_name="Rechtsbeistand")
class RechtsbeistandSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    person = serializers.IntegerField(source="person_id", read_only=True)
    name = serializers.CharField(read_only=True)
    nummer = serializers.CharField(read_only=True)
    erfasstAm = serializers.DateTimeField(source="erfasst_am", read_only=True)
    entferntAm = serializers.DateTimeField(source="entfernt_am", read_only=True, allow_null=True)
    entfernungGrund = serializers.CharField(source="entfernung_grund", read_only=True)


@extend_schema_serializer(component_name="Videozone")
class ZoneSerializer(serializers.Serializer):
    """Issue 23: a surveillance zone (R-30-1), metadata as on the zones page."""

    id = serializers.IntegerField(read_only=True)
    anstalt = _AnstaltKurz(read_only=True)
    bezeichnung = serializers.CharField(read_only=True)
    raumart = serializers.ChoiceField(choices=Raumart.choices, read_only=True)
    grund = serializers.ChoiceField(
        choices=Zonengrund.choices, read_only=True, help_text="§ 30 Abs. 2 lit. b."
    )
    festgelegtAm = serializers.DateTimeField(source="festgelegt_am", read_only=True)
    aufgehobenAm = serializers.DateTimeField(source="aufgehoben_am", read_only=True, allow_null=True)
    url = serializers.HyperlinkedIdentityField(view_name="ueberwachung-zone-detail")


@extend_schema_serializer(component_name="EDMassnahme")
class EDSerializer(serializers.Serializer):
    """Issue 23: an identification measure (R-27-1), metadata only: no file, no remark (the material is
    seen only through a justified, logged access on the page)."""

    id = serializers.IntegerField(read_only=True)
    person = _PersonKurz(read_only=True)
    anstalt = _AnstaltKurz(read_only=True)
    art = serializers.ChoiceField(choices=EDArt.choices, read_only=True, help_text="§ 27 Abs. 1.")
    durchgefuehrtAm = serializers.DateField(source="durchgefuehrt_am", read_only=True)
    angeordnetAm = serializers.DateTimeField(source="angeordnet_am", read_only=True)
    anzahlDateien = serializers.IntegerField(source="anzahl_dateien", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="ueberwachung-ed-detail")


# --- Input -------------------------------------------------------------------------------------


class TelefonEingabeSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1, max_value=BIGINT_MAX, help_text="ID der Person.")
    nummer = serializers.CharField(max_length=40, allow_blank=True, help_text="Angerufene Nummer.")
    beginn = serializers.DateTimeField(help_text="Beginn des Gesprächs (mit Zeitzone).")
    ende = serializers.DateTimeField(help_text="Ende des Gesprächs (mit Zeitzone).")
    datei = serializers.FileField(help_text="Die Aufzeichnung (Audiodatei).")


class RechtsbeistandEingabeSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1, max_value=BIGINT_MAX)
    name = serializers.CharField(max_length=150, allow_blank=True)
    nummer = serializers.CharField(max_length=40, allow_blank=True)


class BeizugEingabeSerializer(serializers.Serializer):
    telefon = serializers.IntegerField(min_value=1, max_value=BIGINT_MAX, required=False)
    video = serializers.IntegerField(min_value=1, max_value=BIGINT_MAX, required=False)
    verfahrensart = serializers.CharField(
        max_length=40, allow_blank=True, help_text="strafverfahren, zivilverfahren, verwaltungsverfahren"
    )
    referenz = serializers.CharField(max_length=120, allow_blank=True)
    behoerde = serializers.CharField(max_length=150, allow_blank=True)

    def validate(self, daten):
        if ("telefon" in daten) == ("video" in daten):
            raise serializers.ValidationError(
                {"telefon": "Genau eine Aufzeichnung angeben: telefon oder video."}
            )
        return daten


class AufhebenEingabeSerializer(serializers.Serializer):
    grund = serializers.CharField(max_length=2000, allow_blank=True)


class AbhoerenEingabeSerializer(serializers.Serializer):
    tatbestand = serializers.CharField(
        max_length=20,
        allow_blank=True,
        help_text=f"§ 40 Abs. 2 lit. ({', '.join(Tatbestand.values)}); erlaubt a, c, g, h, i, j.",
    )
    referenz = serializers.CharField(
        max_length=4000,
        allow_blank=True,
        help_text="Bezug des Verdachts: Rapport-, Verfahrens- oder Aktennummer (eine Zeile, höchstens 120 "
        "Zeichen). Keine Verdachtsgründe: das Zugriffsprotokoll überdauert die Aufzeichnung.",
    )


class AuswertenEingabeSerializer(serializers.Serializer):
    verdachtsart = serializers.CharField(
        max_length=40, allow_blank=True, help_text=", ".join(Verdachtsart.values)
    )
    verdacht = serializers.CharField(max_length=4000, allow_blank=True)


class LeerEingabeSerializer(serializers.Serializer):
    pass


class ZoneEingabeSerializer(serializers.Serializer):
    """Issue 23: a zone as the zones page defines it (`domain.videozone_festlegen` checks R-30-1)."""

    bezeichnung = serializers.CharField(max_length=200, allow_blank=True, help_text="Raum oder Fläche.")
    raumart = serializers.CharField(max_length=40, allow_blank=True, help_text=", ".join(Raumart.values))
    grund = serializers.CharField(
        max_length=40,
        allow_blank=True,
        required=False,
        help_text=f"Nur bei Disziplinar- und Sicherheitszellen (§ 30 Abs. 2 lit. b): {', '.join(Zonengrund.values)}",
    )
    begruendung = serializers.CharField(
        max_length=4000,
        allow_blank=True,
        required=False,
        help_text="Besondere Umstände bzw. Gesundheitszustand.",
    )


class EDEingabeSerializer(serializers.Serializer):
    """Issue 23: an ED measure as the page orders it (`domain.ed_anordnen` checks R-27-1)."""

    person = serializers.IntegerField(min_value=1, max_value=BIGINT_MAX, help_text="ID der Person.")
    art = serializers.CharField(max_length=40, allow_blank=True, help_text=", ".join(EDArt.values))
    durchgefuehrtAm = serializers.DateField(source="durchgefuehrt_am", help_text="Datum der Massnahme.")
    dateien = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, help_text="Das Material (Dateien)."
    )
    bemerkung = serializers.CharField(max_length=4000, allow_blank=True, required=False)


class EDEinsehenEingabeSerializer(serializers.Serializer):
    zweck = serializers.CharField(max_length=500, allow_blank=True, help_text="Zweck der Einsicht.")


class EDWeitergabeEingabeSerializer(serializers.Serializer):
    empfaenger = serializers.CharField(
        max_length=150, allow_blank=True, help_text="Empfangende Polizeistelle."
    )
    zweck = serializers.CharField(
        max_length=500, allow_blank=True, help_text="Polizeilicher Zweck (z. B. Fahndung)."
    )
