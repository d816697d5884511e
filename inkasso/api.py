"""REST endpoints of Inkasso under /api/v1/inkasso/ (§ 2 Abs. 1 lit. d JVG). Same permissions as the
browser: the desk (Sachbearbeitung) writes, Revision reads, others see nothing (empty list, 404) and
may not write (403 before any input). Reads are logged (R-0-AUDIT-2); lists run constant queries."""

from django.utils.cache import add_never_cache_headers
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response

from inkasso import domain, queries
from inkasso.models import Forderung
from inkasso.permissions import darf_inkasso_bearbeiten
from inkasso.serializers import (
    ForderungEingabeSerializer,
    ForderungSerializer,
    ZahlungEingabeSerializer,
    ZahlungSerializer,
    ZahlungsimportEingabeSerializer,
    ZahlungsimportSerializer,
)
from kern.web.api import (
    ANTWORT_400,
    ANTWORT_401,
    ANTWORT_403,
    ANTWORT_404,
    JsonParser,
    ViewSetBasis,
    eingabe_pruefen,
    fehler_mit_api_namen,
)
from kern.web.serializers import fehler_flach
from vollzug.queries import personen_fuer_user

TAG = "Inkasso (§ 2 Abs. 1 lit. d)"
_AUSGABENAMEN = {
    "entscheid_datum": "entscheidDatum",
    "rechtskraft_am": "rechtskraftAm",
    "efs_tage": "efsTage",
    "frist_monate": "fristMonate",
}


class InkassoRechte(BasePermission):
    message = "Keine Berechtigung: Inkasso bearbeiten (R-0-ROLE-1)."

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or darf_inkasso_bearbeiten(request.user)


class OhneCache:
    """Claims and payments of persons: never stored by a browser or proxy (no-store)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)
        return response


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Forderungen auflisten", responses={200: ForderungSerializer, 401: ANTWORT_401}
    ),
    retrieve=extend_schema(
        summary="Forderung lesen", responses={200: ForderungSerializer, 401: ANTWORT_401, 404: ANTWORT_404}
    ),
)
class ForderungViewSet(
    OhneCache, ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Forderung.objects.none()
    serializer_class = ForderungSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, InkassoRechte]

    def _person_von(self, f):
        return f.person_id

    def get_queryset(self):
        return queries.forderungen_fuer_user(self.request.user).order_by("-pk")

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    @extend_schema(
        summary="Forderung aus einem Urteil erfassen (R-2D-1, R-STGB-35-1)",
        description="Nur Sachbearbeitung. Geldstrafe: tagessaetze × tagessatz (Art. 34 StGB); Busse: betrag und "
        "efsTage (Art. 106 StGB); Ersatzforderung (Art. 71 StGB) und Verfahrenskosten: betrag. Zahlungsfrist 1–6 "
        "Monate (Art. 35 StGB). Beträge als Zeichenkette.",
        request=ForderungEingabeSerializer,
        responses={201: ForderungSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(ForderungEingabeSerializer, request)
        d = dict(eingabe.validated_data)
        person = personen_fuer_user(request.user).filter(pk=d.pop("person")).first()
        if person is None:
            raise ValidationError({"person": ["Nicht gefunden."]})
        frist = d.pop("frist_monate")
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            f = domain.forderung_erfassen(
                person=person, daten=domain.Forderungsdaten(**d), frist_monate=frist, durch=request.user
            )
        return self._erstellt(f)

    @extend_schema(
        summary="Zahlung erfassen (mit Quittung)",
        request=ZahlungEingabeSerializer,
        responses={
            201: ZahlungSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"])
    def zahlung(self, request, pk=None, **kwargs):
        f = self.get_object()
        eingabe = eingabe_pruefen(ZahlungEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            z = domain.zahlung_erfassen(forderung=f, durch=request.user, **eingabe.validated_data)
        return Response(ZahlungSerializer(z).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class ZahlungsimportViewSet(OhneCache, viewsets.GenericViewSet):
    queryset = Forderung.objects.none()
    serializer_class = ZahlungsimportSerializer
    parser_classes = [MultiPartParser, FormParser]
    permission_classes = [IsAuthenticated, InkassoRechte]

    @extend_schema(
        summary="camt.054 importieren (R-2D-CAMT-1)",
        description="Nur Sachbearbeitung. Zuordnung nach QR-Referenz; nicht Zuordenbares auf die Klärungsliste. "
        "Eine fehlerhafte Datei wird ganz abgewiesen (Meldung nennt die Zeile); dieselbe Datei oder Buchung nie doppelt.",
        request={"multipart/form-data": ZahlungsimportEingabeSerializer},
        responses={201: ZahlungsimportSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        if not darf_inkasso_bearbeiten(request.user):
            self.permission_denied(request, message=InkassoRechte.message)
        eingabe = ZahlungsimportEingabeSerializer(data=request.data)
        if not eingabe.is_valid():
            raise ValidationError(fehler_flach(eingabe.errors))
        datei = eingabe.validated_data["datei"]
        with fehler_mit_api_namen(eingabe):
            imp = domain.camt_importieren(datei=datei, dateiname=datei.name, durch=request.user)
        return Response(ZahlungsimportSerializer(imp).data, status=status.HTTP_201_CREATED)


def registrieren(router) -> None:
    router.register("inkasso/forderungen", ForderungViewSet, basename="inkassoforderung")
    router.register("inkasso/zahlungsimporte", ZahlungsimportViewSet, basename="inkassoimport")
