"""Issue 17: the Vertretung of a person through the API — who reads the person reads its representatives;
the Sachbearbeitung records them and ends a mandate (`beenden`, never a delete). Same services as the
person page (`vollzug.domain.personen`), saved with history and actor."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from kern import rollen
from kern.web.api import (
    ANTWORT_400,
    ANTWORT_401,
    ANTWORT_403,
    ANTWORT_404,
    JsonParser,
    ListenfilterMixin,
    ViewSetBasis,
    eingabe_pruefen,
    fehler_mit_api_namen,
)
from kern.web.serializers import BIGINT_MAX
from vollzug import domain
from vollzug.models import Vertretung, Vertretungsfunktion
from vollzug.queries import personen_fuer_user
from vollzug.serializers import _SichtbarePersonFeld


class VertretungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    person = serializers.IntegerField(source="person_id", read_only=True)
    function = serializers.ChoiceField(source="funktion", choices=Vertretungsfunktion.choices, read_only=True)
    name = serializers.CharField(read_only=True)
    street = serializers.CharField(source="strasse", read_only=True)
    houseNumber = serializers.CharField(source="hausnummer", read_only=True)
    swissZipCode = serializers.CharField(source="postleitzahl", read_only=True)
    town = serializers.CharField(source="ort", read_only=True)
    endedOn = serializers.DateField(
        source="bis", read_only=True, allow_null=True, help_text="Letzter Tag des Mandats; leer: laufend."
    )
    url = serializers.HyperlinkedIdentityField(view_name="vertretung-detail")


class VertretungEingabeSerializer(serializers.Serializer):
    person = _SichtbarePersonFeld()
    function = serializers.ChoiceField(source="funktion", choices=Vertretungsfunktion.choices)
    name = serializers.CharField(max_length=150)
    street = serializers.CharField(source="strasse", max_length=60)
    houseNumber = serializers.CharField(source="hausnummer", max_length=12, required=False, allow_blank=True)
    swissZipCode = serializers.CharField(source="postleitzahl", max_length=4)
    town = serializers.CharField(source="ort", max_length=40)


class VertretungBeendenSerializer(serializers.Serializer):
    endedOn = serializers.DateField(source="bis", help_text="Letzter Tag des Mandats; frühestens heute.")


class VertretungFilterSerializer(serializers.Serializer):
    person = serializers.IntegerField(
        required=False, min_value=1, max_value=BIGINT_MAX, help_text="ID der Person."
    )


def _darf(user) -> bool:
    return rollen.darf_person_erfassen(user)


@extend_schema(tags=["Vollzug"])
@extend_schema_view(
    list=extend_schema(
        summary="Vertretungen auflisten",
        description="Rechtsvertretung, Verteidigung und gesetzliche Vertretung der Personen, die der Aufrufer "
        "sehen darf (laufende und beendete Mandate), filterbar nach Person.",
        parameters=[VertretungFilterSerializer],
        responses={200: VertretungSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Vertretung lesen",
        description="Eine Vertretung; ausserhalb der eigenen Sicht 404.",
        responses={200: VertretungSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class VertretungViewSet(
    ListenfilterMixin, ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Vertretung.objects.none()  # for the schema's model only; get_queryset decides
    filter_serializer_class = VertretungFilterSerializer
    filterfelder = {"person": "person_id"}
    serializer_class = VertretungSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        personen = personen_fuer_user(self.request.user).values("pk")
        return Vertretung.objects.filter(person__in=personen).order_by("person_id", "bis", "funktion", "pk")

    def _person_von(self, obj):
        return obj.person_id

    @extend_schema(
        summary="Vertretung erfassen",
        description="Nur Sachbearbeitung. Postadresse nach eCH-0010; Briefe gehen an die Vertretung als "
        "Adressatin oder in Kopie.",
        request=VertretungEingabeSerializer,
        responses={201: VertretungSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        if not _darf(request.user):
            raise PermissionDenied("Keine Berechtigung: Vertretung erfassen.")
        eingabe = eingabe_pruefen(VertretungEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            v = domain.vertretung_erfassen(**eingabe.validated_data, durch=request.user)
        return self._erstellt(v)

    @extend_schema(
        summary="Mandat der Vertretung beenden",
        description="Nur Sachbearbeitung. Das Mandat endet am angegebenen Tag (frühestens heute); die "
        "Vertretung bleibt mit ihrem Enddatum erhalten.",
        request=VertretungBeendenSerializer,
        responses={
            200: VertretungSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"])
    def beenden(self, request, pk=None, **kwargs):
        v = self.get_object()
        if not _darf(request.user):
            raise PermissionDenied("Keine Berechtigung: Mandat der Vertretung beenden.")
        eingabe = eingabe_pruefen(VertretungBeendenSerializer, request)
        with fehler_mit_api_namen(eingabe):
            v = domain.vertretung_beenden(vertretung=v, bis=eingabe.validated_data["bis"], durch=request.user)
        return Response(self.get_serializer(v).data)


def registrieren(router) -> None:
    router.register("vertretungen", VertretungViewSet, basename="vertretung")
