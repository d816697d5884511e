"""REST endpoints of the cost module under /api/v1/kosten/ (§§ 46–50 JVG).

Same permissions as the browser: sachbearbeitung writes, revision reads everything; a Sozialamt
(partnerbehoerde linked to a `Sozialdienst`) reads only the items and invoices routed to its
municipality (R-47-2) — everything else is a 404, so other persons do not leak. Reads are logged
(R-0-AUDIT-2, purpose from `X-Zweck`). Lists run a constant number of queries.
"""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404  # also 404 for a non-numeric id (not 500)
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
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
from kern.web.serializers import fehler_flach
from kosten import domain, permissions, queries
from kosten.models import Abrechnung, Kostenposition, Kostgeld, Sozialdienst
from kosten.permissions import KostenRechte
from kosten.serializers import (
    AbrechnungDetailSerializer,
    AbrechnungEingabeSerializer,
    AbrechnungSerializer,
    AbschreibenEingabeSerializer,
    KostenpositionEingabeSerializer,
    KostenpositionSerializer,
    KostgeldEingabeSerializer,
    KostgeldSerializer,
    PositionFilterSerializer,
)
from vollzug.models import Anstalt, Person
from vollzug.queries import faelle_fuer_user

TAG = "Kosten (§§ 46–50)"
_AUSGABENAMEN = {
    "gueltig_ab": "gueltigAb",
    "gueltig_bis": "gueltigBis",
    "weiterverrechnung_grund": "weiterverrechnungGrund",
    "uneinbringlich_grund": "grund",
    "periode_von": "periodeVon",
    "periode_bis": "periodeBis",
}


def _nicht_gefunden(feld: str):
    return ValidationError({feld: ["Nicht gefunden."]})


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Tagesansätze auflisten (§ 46 Abs. 2 lit. a)",
        description="Kostgeld je Einrichtung und Vollzugsform mit Gültigkeitsperiode (Sachbearbeitung, Revision).",
        responses={200: KostgeldSerializer, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Tagesansatz lesen", responses={200: KostgeldSerializer, 401: ANTWORT_401, 404: ANTWORT_404}
    ),
)
class KostgeldViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Kostgeld.objects.none()
    serializer_class = KostgeldSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, KostenRechte]

    def get_queryset(self):
        if not permissions.darf_kosten_lesen(self.request.user):
            return Kostgeld.objects.none()
        return Kostgeld.objects.select_related("anstalt").order_by(
            "anstalt__name", "vollzugsform", "gueltig_ab", "pk"
        )

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    @extend_schema(
        summary="Tagesansatz erfassen (R-KOST-1)",
        description="Nur Sachbearbeitung. Perioden einer Einrichtung und Vollzugsform überschneiden sich nie; ein "
        "späterer Beginn beendet den laufenden unbefristeten Ansatz am Vortag. Betrag als Zeichenkette.",
        request=KostgeldEingabeSerializer,
        responses={201: KostgeldSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(KostgeldEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        anstalt = Anstalt.objects.filter(pk=daten.pop("anstalt")).first()
        if anstalt is None:
            raise _nicht_gefunden("anstalt")
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            k = domain.kostgeld_erfassen(anstalt=anstalt, durch=request.user, **daten)
        return Response(
            KostgeldSerializer(self.get_queryset().get(pk=k.pk)).data, status=status.HTTP_201_CREATED
        )


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Kostenpositionen auflisten",
        description="Sachbearbeitung und Revision: alle; ein Sozialamt: nur die ihm nach § 47 Abs. 2 lit. a "
        "zugewiesenen Positionen. Filterbar nach Zahler, Fall und Person.",
        parameters=[PositionFilterSerializer],
        responses={200: KostenpositionSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Kostenposition lesen",
        description="Ausserhalb der eigenen Sicht 404 (R-0-ROLE-1).",
        responses={200: KostenpositionSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class KostenpositionViewSet(
    ListenfilterMixin, ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Kostenposition.objects.none()
    filter_serializer_class = PositionFilterSerializer
    filterfelder = {"zahler": "zahler", "fall": "fall_id", "person": "fall__person_id"}
    serializer_class = KostenpositionSerializer
    # Creating needs the source document (multipart); the write-off is JSON.
    parser_classes = [JsonParser, MultiPartParser, FormParser]
    permission_classes = [IsAuthenticated, KostenRechte]

    def _person_von(self, p):
        return p.fall.person_id

    def get_queryset(self):
        return (
            queries.positionen_fuer_user(self.request.user)
            .select_related("fall__person", "sozialdienst")
            .order_by("-datum", "-pk")
        )

    @extend_schema(
        summary="Kostenposition erfassen (R-KOST-1, R-47-2)",
        description="Nur Sachbearbeitung, multipart mit Beleg. Der Zahler folgt dem Gesetz: § 46 Kanton (oder "
        "Dritte/Bund), § 47 die Person; `subsidiaer=true` weist nach dem Unterstützungswohnsitz zu (Luzern → "
        "Sozialdienst der Gemeinde, sonst Kanton). §§ 49/50 mit Grundlage der Weiterverrechnung.",
        request={"multipart/form-data": KostenpositionEingabeSerializer},
        responses={201: KostenpositionSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = KostenpositionEingabeSerializer(data=request.data)
        if not eingabe.is_valid():
            raise ValidationError(fehler_flach(eingabe.errors))
        daten = dict(eingabe.validated_data)
        fall = faelle_fuer_user(request.user).filter(pk=daten.pop("fall")).first()
        if fall is None:
            raise _nicht_gefunden("fall")
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            p = domain.kostenposition_erfassen(fall=fall, durch=request.user, **daten)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=p.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Als uneinbringlich abschreiben (§ 47 Abs. 2 lit. b)",
        description="Nur Sachbearbeitung: der Kanton übernimmt die uneinbringliche Forderung; Grund erforderlich.",
        request=AbschreibenEingabeSerializer,
        responses={
            200: KostenpositionSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"])
    def abschreiben(self, request, pk=None, **kwargs):
        p = self.get_object()
        eingabe = eingabe_pruefen(AbschreibenEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            domain.position_abschreiben(position=p, grund=eingabe.validated_data["grund"], durch=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=p.pk)).data)


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Abrechnungen auflisten",
        description="Sachbearbeitung und Revision: alle; ein Sozialamt: nur seine Rechnungen.",
        responses={200: AbrechnungSerializer, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Abrechnung mit Zeilen lesen",
        description="Zeilen exakt auf den Rappen, Total ungerundet, Zahlbetrag auf 0.05 CHF gerundet (R-KOST-1).",
        responses={200: AbrechnungDetailSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class AbrechnungViewSet(
    ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Abrechnung.objects.none()
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, KostenRechte]

    def get_serializer_class(self):
        return AbrechnungDetailSerializer if self.action == "retrieve" else AbrechnungSerializer

    def _person_von(self, a):
        return a.person_id

    def get_queryset(self):
        qs = queries.abrechnungen_fuer_user(self.request.user).select_related("sozialdienst", "person")
        if self.action == "retrieve":
            qs = qs.prefetch_related("zeilen")
        return qs.order_by("-erstellt_am", "-pk")

    @extend_schema(
        summary="Abrechnung erstellen (R-KOST-1)",
        description="Nur Sachbearbeitung. Je Zahler und Periode (keine Überschneidung mit einer früheren Abrechnung "
        "desselben Zahlers, Periodenende spätestens heute).",
        request=AbrechnungEingabeSerializer,
        responses={201: AbrechnungSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(AbrechnungEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        sd_id, person_id = daten.pop("sozialdienst"), daten.pop("person")
        sozialdienst = Sozialdienst.objects.filter(pk=sd_id).first() if sd_id else None
        person = Person.objects.filter(pk=person_id).first() if person_id else None
        if sd_id and sozialdienst is None:
            raise _nicht_gefunden("sozialdienst")
        if person_id and person is None:
            raise _nicht_gefunden("person")
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            a = domain.abrechnung_erstellen(
                durch=request.user, sozialdienst=sozialdienst, person=person, **daten
            )
        return Response(
            AbrechnungSerializer(self.get_queryset().get(pk=a.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Abrechnung als PDF",
        description="Das gespeicherte PDF; eine umfangreiche Abrechnung wird im Hintergrund erstellt (202, später erneut).",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="PDF"),
            202: OpenApiResponse(description="PDF wird im Hintergrund erstellt."),
            401: ANTWORT_401,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None, **kwargs):
        a = self.get_object()
        if not a.pdf:
            if not domain.pdf_synchron_moeglich(a):
                return Response(
                    {"detail": "PDF wird im Hintergrund erstellt."}, status=status.HTTP_202_ACCEPTED
                )
            a = domain.pdf_speichern(abrechnung=a, durch=request.user)
        lesezugriff_protokollieren(
            request_or_user=request, person=a.person_id, objekt=a, aktion=Aktion.EXPORT
        )
        antwort = HttpResponse(a.pdf.read(), content_type="application/pdf")
        antwort["Content-Disposition"] = f'attachment; filename="{a.nummer}.pdf"'
        return antwort

    @extend_schema(
        summary="Abrechnung als CSV",
        description="Semikolon-getrennt, Beträge mit Punkt auf den Rappen; letzte Zeilen: Total und Zahlbetrag.",
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV"),
            401: ANTWORT_401,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["get"])
    def csv(self, request, pk=None, **kwargs):
        a = self.get_object()
        lesezugriff_protokollieren(
            request_or_user=request, person=a.person_id, objekt=a, aktion=Aktion.EXPORT
        )
        antwort = HttpResponse(domain.csv_inhalt(a), content_type="text/csv; charset=utf-8")
        antwort["Content-Disposition"] = f'attachment; filename="{a.nummer}.csv"'
        return antwort


def registrieren(router) -> None:
    """Register this module's viewsets on the shared /api/v1/ router (jvg_case.api_urls)."""
    router.register("kosten/tagesansaetze", KostgeldViewSet, basename="kostgeld")
    router.register("kosten/positionen", KostenpositionViewSet, basename="kostenposition")
    router.register("kosten/abrechnungen", AbrechnungViewSet, basename="kostenabrechnung")
