"""REST interface of the Vollzug case core (STYLE §6): input serializer → one service call → output serializer.

Visibility is `vollzug.queries` (a person or case outside the caller's scope is a 404, R-0-ROLE-1);
who may create is the service's predicate, declared here too so that the 403 comes before any input
check and shows in the schema. Rules and their German messages live in `vollzug.domain`; this module
only renames the fields of those messages to the API's names (`fehler_mit_api_namen`).
"""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.permissions import IsAuthenticated

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
from vollzug import domain, permissions
from vollzug.models import Entscheid, Person, Platzierung, Vollzugsfall
from vollzug.queries import faelle_fuer_user, fall_listenseite_sql, personen_fuer_user
from vollzug.serializers import (
    FallEingabeSerializer,
    FallFilterSerializer,
    FallListeSerializer,
    FallSerializer,
    PersonEingabeSerializer,
    PersonSerializer,
)


@extend_schema(tags=["Vollzug"])
@extend_schema_view(
    list=extend_schema(
        summary="Personen auflisten",
        description="Alle Personen, die der Aufrufer sehen darf (Anstaltsrollen: nur in der eigenen Einrichtung "
        "platzierte Personen). Namen nach eCH-0044.",
        responses={200: PersonSerializer, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Person lesen",
        description="Eine Person; ausserhalb der eigenen Sicht 404 (R-0-ROLE-1).",
        responses={200: PersonSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class PersonViewSet(ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Person.objects.none()  # for the schema's model only; get_queryset decides what a caller sees
    serializer_class = PersonSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, permissions.DarfPersonErfassen]

    def get_queryset(self):
        return personen_fuer_user(self.request.user)

    def _person_von(self, person):
        return person.pk

    @extend_schema(
        summary="Person erfassen",
        description="Nur Sachbearbeitung. Die AHV-Nummer (vn) wird auf die EAN-13-Prüfziffer geprüft.",
        request=PersonEingabeSerializer,
        responses={201: PersonSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(PersonEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            person = domain.person_erfassen(**eingabe.validated_data, durch=request.user)
        return self._erstellt(person)


@extend_schema(tags=["Vollzug"])
@extend_schema_view(
    list=extend_schema(
        summary="Vollzugsfälle auflisten",
        description="Alle Fälle, die der Aufrufer sehen darf, filterbar nach Status und Person. Die Liste "
        "zeigt jeden Fall in kurzer Form (Person, Status, Daten, aktuelle Einrichtung); Entscheide, "
        "Sanktionen und Platzierungen liefert der Einzelabruf unter `url`.",
        parameters=[FallFilterSerializer],
        responses={200: FallListeSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Vollzugsfall lesen",
        description="Ein Fall mit Entscheiden, Sanktionen und Platzierungen; ausserhalb der eigenen Sicht 404.",
        responses={200: FallSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class FallViewSet(
    ListenfilterMixin, ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Vollzugsfall.objects.none()  # for the schema's model only; get_queryset decides
    filter_serializer_class = FallFilterSerializer
    filterfelder = {"status": "status", "person": "person_id"}
    serializer_class = FallSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, permissions.DarfFallErfassen]

    def _person_von(self, fall):
        return fall.person_id

    def get_serializer_class(self):
        return FallListeSerializer if self.action == "list" else FallSerializer

    def get_queryset(self):
        if self.action == "list":
            # Issue 19: only the list's conditions; the page's rows come from `fall_listenseite_sql`.
            return faelle_fuer_user(self.request.user)
        # Constant number of queries per page: the current placement is picked from the prefetched rows.
        return (
            faelle_fuer_user(self.request.user)
            .select_related("person")
            .prefetch_related(
                Prefetch("platzierungen", queryset=Platzierung.objects.select_related("anstalt")),
                Prefetch(
                    "entscheide", queryset=Entscheid.objects.order_by("pk").prefetch_related("sanktionen")
                ),
            )
        )

    def list(self, request, *args, **kwargs):
        # Issue 19: values instead of model objects, and the page read and logged in ONE statement.
        queryset = self.filter_queryset(self.get_queryset())
        basis, zone = FallListeSerializer.url_basis(request), timezone.get_current_timezone()
        return self._werteliste(
            queryset,
            fall_listenseite_sql,
            person_spalte="person_id",
            darstellen=lambda z: FallListeSerializer.zeile(z, basis, zone),
        )

    @extend_schema(
        summary="Vollzugsfall erfassen (§ 12 JVG)",
        description="Nur Sachbearbeitung. Eröffnet den Fall aus einem rechtskräftigen Urteil, Strafbefehl oder "
        "Vollzugsentscheid; derselbe Entscheid (Behörde + Geschäftsnummer) wird nur einmal angenommen.",
        request=FallEingabeSerializer,
        responses={201: FallSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(FallEingabeSerializer, request)
        daten = eingabe.validated_data
        with fehler_mit_api_namen(eingabe):
            fall = domain.fall_erfassen(
                person=daten["person"],
                entscheid=domain.EntscheidDaten(**daten["entscheid"]),
                sanktionen=[domain.SanktionDaten(**s) for s in daten["sanktionen"]],
                eingang_am=daten.get("eingang_am"),
                durch=request.user,
            )
        return self._erstellt(fall)
