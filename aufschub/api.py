"""REST interface of Aufschub und Unterbrechung (§14) under /api/v1/aufschubgesuche/.

Thin like `vollzug.api`: a scoped queryset (a request of a case outside the caller's view is a 404),
a permission class that answers 403 before any input check for roles that may not write, an input
serializer that only types the input, one call of `aufschub.domain`, and the output serializer. The
service's German messages come back as 400 under the API's field names (`fehler_mit_api_namen`).
"""

from django.db.models import QuerySet
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated

from aufschub import domain as aufschub
from aufschub import permissions, queries, recht
from aufschub.models import Aufschubgesuch
from aufschub.recht import Gefahrenstufe, Gesuchsart, Gesuchsgrund, Gesuchsstatus
from kern.web.api import (
    ANTWORT_400,
    ANTWORT_401,
    ANTWORT_403,
    ANTWORT_404,
    ErfassenNurMit,
    JsonParser,
    ListenfilterMixin,
    ViewSetBasis,
    eingabe_pruefen,
    fehler_mit_api_namen,
)
from kern.web.serializers import BIGINT_MAX
from verfuegungen.recht import Verfuegungsstatus
from vollzug.models import Sanktion
from vollzug.queries import faelle_fuer_user

TAG = "Aufschub und Unterbrechung (§ 14)"

# R-14-5: flight and re-offending risk share the scale `Gefahrenstufe`; in the schema each gets its own
# labels, so each is one named enum (one choice set under two names would be a schema warning).
FLUCHTGEFAHR = [(wert, f"Fluchtgefahr: {text}") for wert, text in Gefahrenstufe.choices]
WIEDERHOLUNGSGEFAHR = [(wert, f"Wiederholungsgefahr: {text}") for wert, text in Gefahrenstufe.choices]


class DarfGesuchBearbeiten(ErfassenNurMit):
    message = "Keine Berechtigung: Gesuch nach § 14 bearbeiten (R-0-ROLE-1)."
    darf = staticmethod(permissions.darf_gesuch_bearbeiten)


# --- Output ------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="GesuchVerfuegung")
class _VerfuegungKurzSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="verfuegung_id")
    nummer = serializers.CharField(source="verfuegung_nummer")
    status = serializers.ChoiceField(source="verfuegung_status", choices=Verfuegungsstatus.choices)


class AufschubgesuchSerializer(serializers.Serializer):
    # Expects the queryset of `AufschubgesuchViewSet` (case joined, Verfügung annotated).
    id = serializers.IntegerField(read_only=True)
    fall = serializers.IntegerField(source="fall_id", read_only=True)
    fallnummer = serializers.CharField(source="fall.fallnummer", read_only=True)
    person = serializers.IntegerField(source="fall.person_id", read_only=True)
    sanktion = serializers.IntegerField(source="sanktion_id", read_only=True)
    art = serializers.ChoiceField(choices=Gesuchsart.choices, read_only=True)
    grund = serializers.ChoiceField(
        choices=Gesuchsgrund.choices, read_only=True, help_text="§ 14 Abs. 2 lit. a/b"
    )
    eingereichtAm = serializers.DateField(source="eingereicht_am", read_only=True)
    begehrtVon = serializers.DateField(source="begehrt_von", read_only=True)
    begehrtBis = serializers.DateField(
        source="begehrt_bis", read_only=True, help_text="Letzter Tag (inklusive)."
    )
    begruendung = serializers.SerializerMethodField()
    arztzeugnisVorhanden = serializers.SerializerMethodField()
    arztzeugnisAusgestelltAm = serializers.DateField(
        source="arztzeugnis_ausgestellt_am", read_only=True, allow_null=True
    )
    status = serializers.ChoiceField(choices=Gesuchsstatus.choices, read_only=True)
    bewilligtVon = serializers.DateField(source="bewilligt_von", read_only=True, allow_null=True)
    bewilligtBis = serializers.DateField(source="bewilligt_bis", read_only=True, allow_null=True)
    beurteilungVollzugsdauer = serializers.CharField(source="beurteilung_vollzugsdauer", read_only=True)
    fluchtgefahr = serializers.ChoiceField(choices=FLUCHTGEFAHR, allow_blank=True, read_only=True)
    wiederholungsgefahr = serializers.ChoiceField(
        choices=WIEDERHOLUNGSGEFAHR, allow_blank=True, read_only=True
    )
    beurteilungGefahren = serializers.CharField(source="beurteilung_gefahren", read_only=True)
    besondereUntersuchungen = serializers.CharField(source="besondere_untersuchungen", read_only=True)
    vorsorglicheMassnahmen = serializers.CharField(source="vorsorgliche_massnahmen", read_only=True)
    entscheidBegruendung = serializers.CharField(source="entscheid_begruendung", read_only=True)
    entschiedenAm = serializers.DateTimeField(source="entschieden_am", read_only=True, allow_null=True)
    aufgebotAm = serializers.DateTimeField(source="aufgebot_am", read_only=True, allow_null=True)
    aufgebotFaelligAm = serializers.SerializerMethodField()
    unterbrechungAb = serializers.DateTimeField(source="unterbrechung_ab", read_only=True, allow_null=True)
    unterbrechungBeendetAm = serializers.DateTimeField(
        source="unterbrechung_beendet_am", read_only=True, allow_null=True
    )
    verfuegung = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="aufschubgesuch-detail")

    @extend_schema_field(
        {
            "type": "string",
            "nullable": True,
            "description": "Begründung des Gesuchs; bei lit. a (Gesundheitsdaten) nur für Sachbearbeitung und "
            "zugeteilte Ärzteschaft, sonst null.",
        }
    )
    def get_begruendung(self, gesuch) -> str | None:
        if gesuch.grund == Gesuchsgrund.A and not self.context.get("gesundheitsdaten"):
            return None
        return gesuch.begruendung

    def get_arztzeugnisVorhanden(self, gesuch) -> bool:
        return bool(gesuch.arztzeugnis)

    @extend_schema_field(
        {
            "type": "string",
            "format": "date",
            "nullable": True,
            "description": "R-14-6: Aufgebot fällig am (bewilligter Aufschub ohne erfasstes Aufgebot), sonst null.",
        }
    )
    def get_aufgebotFaelligAm(self, gesuch) -> str | None:
        if gesuch.aufgebot_am is not None or gesuch.status != Gesuchsstatus.BEWILLIGT:
            return None
        faellig = recht.aufgebot_faellig_am(gesuch)
        return faellig.isoformat() if faellig else None

    @extend_schema_field(_VerfuegungKurzSerializer(allow_null=True))
    def get_verfuegung(self, gesuch):
        if getattr(gesuch, "verfuegung_id", None) is None:
            return None
        return _VerfuegungKurzSerializer(gesuch).data


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


@extend_schema_field({"type": "integer", "description": "ID einer Sanktion des Falls."})
class _SanktionFeld(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "does_not_exist": "Sanktion nicht gefunden.",
        "incorrect_type": "Erwartet wird die ID einer Sanktion (ganze Zahl).",
    }

    def get_queryset(self):
        return Sanktion.objects.filter(entscheid__fall__in=faelle_fuer_user(self.context["request"].user))


@extend_schema_serializer(component_name="Aufschubgesuch")
class AufschubgesuchEingabeSerializer(serializers.Serializer):
    fall = _SichtbarerFallFeld()
    sanktion = _SanktionFeld()
    art = serializers.ChoiceField(choices=Gesuchsart.choices)
    # Blank passes here on purpose: the service answers with its § 14 Abs. 2 message (R-14-3).
    grund = serializers.ChoiceField(choices=Gesuchsgrund.choices, allow_blank=True, default="")
    eingereichtAm = serializers.DateField(source="eingereicht_am")
    begehrtVon = serializers.DateField(source="begehrt_von")
    begehrtBis = serializers.DateField(source="begehrt_bis", help_text="Letzter Tag (inklusive).")
    begruendung = serializers.CharField(allow_blank=True, default="")


@extend_schema_serializer(component_name="Gesuchsentscheid")
class GesuchsentscheidEingabeSerializer(serializers.Serializer):
    bewilligen = serializers.BooleanField(
        help_text="true = bewilligen, false = abweisen (belastend, Gehör nötig)."
    )
    bewilligtVon = serializers.DateField(
        source="bewilligt_von", required=False, allow_null=True, default=None
    )
    bewilligtBis = serializers.DateField(
        source="bewilligt_bis", required=False, allow_null=True, default=None
    )
    beurteilungVollzugsdauer = serializers.CharField(
        source="beurteilung_vollzugsdauer", allow_blank=True, default=""
    )
    fluchtgefahr = serializers.ChoiceField(choices=FLUCHTGEFAHR, allow_blank=True, default="")
    wiederholungsgefahr = serializers.ChoiceField(choices=WIEDERHOLUNGSGEFAHR, allow_blank=True, default="")
    beurteilungGefahren = serializers.CharField(source="beurteilung_gefahren", allow_blank=True, default="")
    besondereUntersuchungen = serializers.CharField(
        source="besondere_untersuchungen", allow_blank=True, default=""
    )
    vorsorglicheMassnahmen = serializers.CharField(
        source="vorsorgliche_massnahmen", allow_blank=True, default=""
    )
    entscheidBegruendung = serializers.CharField(source="entscheid_begruendung", allow_blank=True, default="")


@extend_schema_serializer(component_name="Arztzeugnis")
class ArztzeugnisEingabeSerializer(serializers.Serializer):
    arztzeugnis = serializers.FileField(help_text="Das begründete Arztzeugnis (§ 14 Abs. 3 JVG).")
    ausgestelltAm = serializers.DateField(source="arztzeugnis_ausgestellt_am", help_text="Ausstellungsdatum.")


class GesuchFilterSerializer(serializers.Serializer):
    """Query parameters of the list; a wrong type is a 400, never a 500."""

    fall = serializers.IntegerField(
        required=False, min_value=1, max_value=BIGINT_MAX, help_text="ID des Falls."
    )
    status = serializers.ChoiceField(
        choices=Gesuchsstatus.choices, required=False, help_text="Status des Gesuchs."
    )


# --- Viewset -----------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Gesuche nach § 14 auflisten",
        description="Alle Gesuche um Aufschub oder Unterbrechung der Fälle, die der Aufrufer sehen darf; "
        "filterbar nach Fall und Status.",
        parameters=[GesuchFilterSerializer],
        responses={200: AufschubgesuchSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Gesuch nach § 14 lesen",
        description="Ein Gesuch mit Entscheid und Verfügung; ausserhalb der eigenen Sicht 404 (R-0-ROLE-1).",
        responses={200: AufschubgesuchSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class AufschubgesuchViewSet(
    ListenfilterMixin, ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Aufschubgesuch.objects.none()  # for the schema's model only; get_queryset decides
    filter_serializer_class = GesuchFilterSerializer
    filterfelder = {"fall": "fall_id", "status": "status"}
    serializer_class = AufschubgesuchSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, DarfGesuchBearbeiten]

    def get_queryset(self) -> QuerySet[Aufschubgesuch]:
        return queries.mit_verfuegung(
            Aufschubgesuch.objects.filter(fall__in=faelle_fuer_user(self.request.user)).select_related("fall")
        ).order_by("-eingereicht_am", "-pk")

    def get_serializer_context(self):
        kontext = super().get_serializer_context()
        kontext["gesundheitsdaten"] = permissions.gesundheitsdaten_in_sicht(self.request.user)
        return kontext

    def _person_von(self, gesuch):
        return gesuch.fall.person_id

    @extend_schema(
        summary="Gesuch nach § 14 erfassen",
        description="Nur Sachbearbeitung. R-14-1: Aufschub nur vor Vollzugsbeginn, Unterbrechung nur im Vollzug, "
        "nur für freiheitsentziehende Sanktionen des Falls; R-14-3: Grund lit. a oder b; R-14-2: höchstens ein "
        "Jahr je Sanktion und Art (Meldung mit dem verbleibenden Kontingent). Das Arztzeugnis (lit. a) wird "
        "mit `POST …/{id}/arztzeugnis/` (multipart) beigelegt.",
        request=AufschubgesuchEingabeSerializer,
        responses={201: AufschubgesuchSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(AufschubgesuchEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            gesuch = aufschub.gesuch_erfassen(**eingabe.validated_data, durch=request.user)
        return self._antwort(gesuch, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Gesuch nach § 14 entscheiden",
        description="Nur Sachbearbeitung, einmal je Gesuch. R-14-5: voraussichtliche Vollzugsdauer, Flucht- und "
        "Wiederholungsgefahr und Begründung sind Pflicht; bewilligt wird innerhalb des begehrten Zeitraums "
        "(leer = wie begehrt), unter Einhaltung des Kontingents (R-14-2) und bei lit. a nur mit aktuellem "
        "Arztzeugnis (R-14-4). Erstellt den Entwurf der Verfügung (Typ aufschub_14, R-14-6); die Antwort "
        "nennt deren ID und Nummer.",
        request=GesuchsentscheidEingabeSerializer,
        responses={
            200: AufschubgesuchSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"], url_path="entscheid")
    def entscheid(self, request, pk=None, **kwargs):
        gesuch = self.get_object()
        eingabe = eingabe_pruefen(GesuchsentscheidEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            aufschub.gesuch_entscheiden(gesuch=gesuch, **eingabe.validated_data, durch=request.user)
        return self._antwort(gesuch)

    @extend_schema(
        summary="Arztzeugnis beilegen (§ 14 Abs. 3)",
        description="Nur Sachbearbeitung, solange das Gesuch offen ist; `multipart/form-data`. R-14-4: das "
        "Zeugnis ist aktuell, wenn es höchstens JVG_ARZTZEUGNIS_MAX_ALTER_TAGE (Standard 30) Tage vor dem "
        "Gesuch ausgestellt wurde.",
        request={"multipart/form-data": ArztzeugnisEingabeSerializer},
        responses={
            200: AufschubgesuchSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="arztzeugnis",
        parser_classes=[MultiPartParser, FormParser],
    )
    def arztzeugnis(self, request, pk=None, **kwargs):
        gesuch = self.get_object()
        eingabe = eingabe_pruefen(ArztzeugnisEingabeSerializer, request)
        daten = eingabe.validated_data
        with fehler_mit_api_namen(eingabe):
            aufschub.arztzeugnis_nachreichen(
                gesuch=gesuch,
                datei=daten["arztzeugnis"],
                ausgestellt_am=daten["arztzeugnis_ausgestellt_am"],
                durch=request.user,
            )
        return self._antwort(gesuch)


def registrieren(router) -> None:
    """Register this module's viewsets with the /api/v1/ router (called by `jvg_case/api_urls.py`)."""
    router.register("aufschubgesuche", AufschubgesuchViewSet, basename="aufschubgesuch")
