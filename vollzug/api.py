"""REST interface of the Vollzug case core (STYLE §6): input serializer → one service call → output serializer.

Visibility is `vollzug.queries` (a person or case outside the caller's scope is a 404, R-0-ROLE-1);
who may create is the service's predicate, declared here too so that the 403 comes before any input
check and shows in the schema. Rules and their German messages live in `vollzug.services`; this module
only renames the fields of those messages to the API's names (`fehler_mit_api_namen`).
"""

import json
from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from jvg_case import rollen
from jvg_case.protokoll.models import Aktion
from jvg_case.protokoll.services import lesezugriff_protokollieren, listenzugriff_protokollieren
from vollzug import services
from vollzug.models import Entscheid, Person, Platzierung, Vollzugsfall
from vollzug.queries import faelle_fuer_user, personen_fuer_user
from vollzug.serializers import (
    VALIDIERUNGSFEHLER_SCHEMA,
    FallEingabeSerializer,
    FallFilterSerializer,
    FallSerializer,
    FehlerSerializer,
    PersonEingabeSerializer,
    PersonSerializer,
    api_fehlerpfad,
    fehler_flach,
)

ANTWORT_400 = OpenApiResponse(
    VALIDIERUNGSFEHLER_SCHEMA, description="Ungültige Eingabe: Feldpfad → Meldungen mit Rechtsgrundlage."
)
ANTWORT_401 = OpenApiResponse(
    FehlerSerializer, description="Nicht angemeldet (Header `Authorization: Token <key>`)."
)
ANTWORT_403 = OpenApiResponse(FehlerSerializer, description="Die Rolle darf das nicht (R-0-ROLE-1).")
ANTWORT_404 = OpenApiResponse(
    FehlerSerializer, description="Nicht vorhanden oder ausserhalb der eigenen Sicht."
)


class JsonParser(JSONParser):
    """DRF's parse error is English and echoes parser internals; R-0-BAD-1 wants a German message."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except ParseError as exc:
            ursache = exc.__context__
            if isinstance(ursache, json.JSONDecodeError):
                raise ParseError(
                    f"Ungültiges JSON (Zeile {ursache.lineno}, Spalte {ursache.colno})."
                ) from None
            raise ParseError("Ungültiges JSON: der Inhalt ist kein UTF-8-kodiertes JSON-Dokument.") from None


class ErfassenNurMit(BasePermission):
    """Reads: every signed-in user (what they see is the queryset). Creates: only if `darf` allows.

    The service checks the same predicate again; asking here first answers 403 before any validation.
    """

    darf = staticmethod(lambda user: False)

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or type(self).darf(request.user)


class NachAktion(BasePermission):
    """Reads: every signed-in user (what they see is the queryset). Writes: the predicate of the action,
    `regeln = {"action": ("what", predicate)}`; an action without a rule is refused."""

    regeln: dict = {}

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        regel = self.regeln.get(view.action)
        if regel is None:
            return False
        was, darf = regel
        self.message = f"Keine Berechtigung: {was} (R-0-ROLE-1)."
        return darf(request.user)


def _sachbearbeitung(user) -> bool:
    # The staff API is for case workers; a Strafbehörde delivers through /api/v1/urteilszustellungen/
    # (purpose-bound, logged, idempotent), never through these endpoints.
    return rollen.hat_rolle(user, rollen.Rolle.SACHBEARBEITUNG)


class DarfPersonErfassen(ErfassenNurMit):
    message = "Keine Berechtigung: Person erfassen (R-0-ROLE-1)."
    darf = staticmethod(lambda user: _sachbearbeitung(user) and rollen.darf_person_erfassen(user))


class DarfFallErfassen(ErfassenNurMit):
    message = "Keine Berechtigung: Vollzugsfall erfassen (R-0-ROLE-1)."
    darf = staticmethod(lambda user: _sachbearbeitung(user) and rollen.darf_fall_erfassen(user))


def eingabe_pruefen(serializer_class, request) -> serializers.Serializer:
    if not isinstance(request.data, dict):
        # DRF answers `null` in English; one German message for every body that is not an object.
        raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY: ["Erwartet wird ein JSON-Objekt."]})
    eingabe = serializer_class(data=request.data, context={"request": request})
    if not eingabe.is_valid():
        raise ValidationError(fehler_flach(eingabe.errors))
    return eingabe


@contextmanager
def fehler_mit_api_namen(eingabe: serializers.Serializer | None, ausgabenamen: dict[str, str] | None = None):
    """The services key their errors by model field or parameter; the client gets the names it sent
    (vn, dateOfBirth). `ausgabenamen` renames service keys that are no input field (verjaehrung_am →
    verjaehrungAm), so every module's API answers in one spelling."""
    try:
        yield
    except DjangoValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        umbenannt = {}
        for schluessel, meldungen in exc.error_dict.items():
            name = api_fehlerpfad(eingabe, schluessel) if eingabe is not None else schluessel
            umbenannt[(ausgabenamen or {}).get(name, name)] = meldungen
        raise DjangoValidationError(umbenannt) from exc


class ViewSetBasis:
    def get_object(self):
        # Django's Http404 text names the model in English ("No Person matches the given query."); the
        # API answers the same German 404 for "does not exist" and "not yours to see" (R-0-ROLE-1).
        try:
            return super().get_object()
        except Http404:
            raise NotFound() from None

    # R-0-AUDIT-2: reads are logged after the object was found (404 logs nothing). A list page logs one
    # row per returned object in one bulk INSERT (see jvg_case.protokoll.services); the purpose comes from
    # the `X-Zweck` header.
    def _person_von(self, obj):
        raise NotImplementedError

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        lesezugriff_protokollieren(
            request_or_user=request, person=self._person_von(obj), objekt=obj, aktion=Aktion.API_LESEN
        )
        return Response(self.get_serializer(obj).data)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        objekte = page if page is not None else list(queryset)
        listenzugriff_protokollieren(
            request_or_user=request,
            objekte=objekte,
            person_von=self._person_von,
            objekt_typ=queryset.model._meta.label_lower,
            abfrage=request.query_params.urlencode(),
        )
        daten = self.get_serializer(objekte, many=True).data
        return self.get_paginated_response(daten) if page is not None else Response(daten)

    def _erstellt(self, obj) -> Response:
        # Read back through the viewset's own queryset: the answer looks exactly like a later GET.
        daten = self.get_serializer(self.get_queryset().get(pk=obj.pk)).data
        return Response(daten, status=status.HTTP_201_CREATED, headers={"Location": daten["url"]})


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
    permission_classes = [IsAuthenticated, DarfPersonErfassen]

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
            person = services.person_erfassen(**eingabe.validated_data, durch=request.user)
        return self._erstellt(person)


@extend_schema(tags=["Vollzug"])
@extend_schema_view(
    list=extend_schema(
        summary="Vollzugsfälle auflisten",
        description="Alle Fälle, die der Aufrufer sehen darf, filterbar nach Status und Person.",
        parameters=[FallFilterSerializer],
        responses={200: FallSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Vollzugsfall lesen",
        description="Ein Fall mit Entscheiden, Sanktionen und Platzierungen; ausserhalb der eigenen Sicht 404.",
        responses={200: FallSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class FallViewSet(ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Vollzugsfall.objects.none()  # for the schema's model only; get_queryset decides
    serializer_class = FallSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, DarfFallErfassen]

    def _person_von(self, fall):
        return fall.person_id

    def get_queryset(self):
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

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        filter_ = FallFilterSerializer(data=self.request.query_params)
        if not filter_.is_valid():
            raise ValidationError(fehler_flach(filter_.errors))
        if wert := filter_.validated_data.get("status"):
            queryset = queryset.filter(status=wert)
        if wert := filter_.validated_data.get("person"):
            queryset = queryset.filter(person_id=wert)
        return queryset

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
            fall = services.fall_erfassen(
                person=daten["person"],
                entscheid=services.EntscheidDaten(**daten["entscheid"]),
                sanktionen=[services.SanktionDaten(**s) for s in daten["sanktionen"]],
                eingang_am=daten.get("eingang_am"),
                durch=request.user,
            )
        return self._erstellt(fall)
