"""The web toolkit's API machinery, shared by every module's REST interface (STYLE §6).

One exception handler turns domain errors into German 400/403/404 answers; the standard error responses
of the schema; a JSON parser with German messages; per-action permissions (`NachAktion`); the input check
(`eingabe_pruefen`), the list filters (`listenfilter`, `ListenfilterMixin`) and the error renaming
(`fehler_mit_api_namen`); and `ViewSetBasis`, which logs every read of a person's data through the kernel's
read-log API (R-0-AUDIT-2).
"""

from contextlib import contextmanager

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.fields import empty
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from kern.klartext import ohne_regel_ids
from kern.lesezugriffe import (
    lesezugriff_protokollieren,
    listenzugriff_protokollieren,
    sql_lesen_protokolliert,
)
from kern.models import Aktion
from kern.web.eingabe import JsonParser, Seitenweise, json_laden  # noqa: F401  (the API toolkit's names)
from kern.web.serializers import VALIDIERUNGSFEHLER_SCHEMA, FehlerSerializer, api_fehlerpfad, fehler_flach


def _fehler_aus_validation_error(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if feld == "__all__" else feld): meldungen
            for feld, meldungen in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


def exception_handler(exc, context):
    """R-0-BAD-1: a rule violated in a domain function is a 400 with field messages, never a 500."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_fehler_aus_validation_error(exc))
    elif isinstance(exc, Http404):
        # German, and without naming the model: existence outside the caller's scope must not leak.
        exc = exceptions.NotFound("Nicht gefunden.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    antwort = drf_exception_handler(exc, context)
    if antwort is not None:
        # Issue 17: the client reads the §, not the rule ID (the domain message keeps it for the logs).
        antwort.data = _klartext(antwort.data)
    return antwort


def _klartext(daten):
    if isinstance(daten, dict):
        return {schluessel: _klartext(wert) for schluessel, wert in daten.items()}
    if isinstance(daten, list):
        return [_klartext(wert) for wert in daten]
    if isinstance(daten, exceptions.ErrorDetail):
        return exceptions.ErrorDetail(ohne_regel_ids(str(daten)), code=daten.code)
    if isinstance(daten, str):
        return ohne_regel_ids(daten)
    return daten


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


def eingabe_pruefen(serializer_class, request) -> serializers.Serializer:
    if not isinstance(request.data, dict):
        # DRF answers `null` in English; one German message for every body that is not an object.
        raise ValidationError({api_settings.NON_FIELD_ERRORS_KEY: ["Erwartet wird ein JSON-Objekt."]})
    eingabe = serializer_class(data=request.data, context={"request": request})
    if not eingabe.is_valid():
        raise ValidationError(fehler_flach(eingabe.errors))
    return eingabe


def _ohne_filter(serializer_class, query_params) -> bool:
    """Issue 19: a list asked for without any of its filter parameters has nothing to check. Validating the
    empty query string cost a quarter of a millisecond per page (DRF deep-copies every field per
    instance). Only for filter serializers whose result without parameters is `{}`: no required field, no
    field with a default, no own `validate`."""
    felder = serializer_class._declared_fields
    if any(name in query_params for name in felder):
        return False
    return serializer_class.validate is serializers.Serializer.validate and all(
        f.default is empty and not f.required for f in felder.values()
    )


def listenfilter(serializer_class, request) -> dict:
    """The checked query parameters of a list (`?status=…&person=…`): a wrong value is the same German 400
    with field messages as a wrong body (R-0-BAD-1), never a 500 and never an ignored filter."""
    if _ohne_filter(serializer_class, request.query_params):
        return {}
    filter_ = serializer_class(data=request.query_params)
    if not filter_.is_valid():
        raise ValidationError(fehler_flach(filter_.errors))
    return filter_.validated_data


# The filters of a list endpoint in one place. `filter_serializer_class` checks the query parameters
# (`listenfilter`); `filterfelder` maps each filter to its ORM lookup (`{"person": "fall__person_id"}`), and a
# filter not given filters nothing; `weitere_filter` adds what is no plain lookup. Only the list is filtered:
# a detail URL finds its object whatever the query string says. Put it before the viewset's DRF bases; the
# schema names the serializer itself (`parameters=[…FilterSerializer]`). A comment, not a docstring:
# drf-spectacular would show a docstring as the description of every operation that has none.
class ListenfilterMixin:
    filter_serializer_class: type[serializers.Serializer]
    filterfelder: dict[str, str] = {}

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action != "list":
            return queryset
        daten = listenfilter(self.filter_serializer_class, self.request)
        for feld, lookup in self.filterfelder.items():
            if wert := daten.get(feld):
                queryset = queryset.filter(**{lookup: wert})
        return self.weitere_filter(queryset, daten)

    def weitere_filter(self, queryset, daten: dict):
        return queryset


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
    # row per returned object in one bulk INSERT (see kern.lesezugriffe); the purpose comes from
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

    def _werteliste(self, queryset, seite_sql, *, person_spalte: str, darstellen) -> Response:
        """Issue 19: a list page as hand-written SQL around the page's ids, read and recorded in the read
        log in ONE statement (`kern.lesezugriffe.sql_lesen_protokolliert`). `queryset` holds the list's
        conditions (visibility, filters) and ordering; `seite_sql(ids)` gives `(sql, parameter, spalten)`
        of the page's rows for the sliced `values("pk")` queryset `ids`, with a column `nr` numbering them
        in list order; `darstellen(row) -> dict` gives one entry of the answer. Same shape, count and next
        link as `list`."""
        paginator = self.paginator
        ids = paginator.seiten_ids(queryset, self.request) if isinstance(paginator, Seitenweise) else None
        if ids is None:
            raise ImproperlyConfigured("_werteliste braucht die Seitenweise-Paginierung mit einem Limit.")
        objekt_typ = queryset.model._meta.label_lower
        abfrage = self.request.query_params.urlencode()
        try:
            sql, parameter, spalten = seite_sql(ids)
        except EmptyResultSet:
            # A caller who may see nothing (`.none()`): no SQL; the read is recorded, one row without person.
            listenzugriff_protokollieren(
                request_or_user=self.request,
                objekte=[],
                person_von=None,
                objekt_typ=objekt_typ,
                abfrage=abfrage,
            )
            zeilen = []
        else:
            zeilen = sql_lesen_protokolliert(
                request_or_user=self.request,
                sql=sql,
                parameter=parameter,
                spalten=spalten,
                protokollieren_bis=paginator.limit,
                objekt_spalte="pk",
                person_spalte=person_spalte,
                nr_spalte="nr",
                objekt_typ=objekt_typ,
                abfrage=abfrage,
            )
        zeilen = paginator.seite_abschliessen(queryset, zeilen)
        return paginator.get_paginated_response([darstellen(z) for z in zeilen])

    def _antwort(self, obj, code: int = status.HTTP_200_OK) -> Response:
        """The answer of a write step: the object as a later GET shows it; a 201 names it in `Location`."""
        if code == status.HTTP_201_CREATED:
            return self._erstellt(obj)
        return Response(self.get_serializer(self.get_queryset().get(pk=obj.pk)).data, status=code)

    def _erstellt(self, obj) -> Response:
        # Read back through the viewset's own queryset: the answer looks exactly like a later GET.
        daten = self.get_serializer(self.get_queryset().get(pk=obj.pk)).data
        return Response(daten, status=status.HTTP_201_CREATED, headers={"Location": str(daten["url"])})
