"""Datenschutz: Fachpersonen, Schweigepflicht, Auskunft (§§ 22, 23 JVG): REST endpoints under /api/v1/.

Thin: scoped querysets (`queries.py`: outside the caller's view → 404), a permission per write action
(403 before any input check), an input serializer, ONE domain call, the output serializer. Reads are logged
(R-0-AUDIT-2, `ViewSetBasis`); lists cost a constant number of queries.
"""

from django.http import Http404, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from datenschutz import domain, permissions
from datenschutz.models import (
    Drittkontakt,
    Fachpersonmandat,
    Schweigepflichtentbindung,
    Strafanzeige,
)
from datenschutz.permissions import (
    AnzeigeRechte,
    AuskunftRechte,
    EntbindungRechte,
    KontaktRechte,
    MandatRechte,
)
from datenschutz.queries import (
    entbindungen_fuer_user,
    kontakte_fuer_user,
    mandate_fuer_user,
    strafanzeigen_fuer_user,
)
from datenschutz.serializers import (
    AnzeigeEingabeSerializer,
    AnzeigeSerializer,
    BeendenEingabeSerializer,
    EntbindungEingabeSerializer,
    EntbindungSerializer,
    KontaktEingabeSerializer,
    KontaktSerializer,
    MandatEingabeSerializer,
    MandatSerializer,
    PersonFilterSerializer,
    WiderrufEingabeSerializer,
)
from disziplinar.models import Disziplinarverfahren
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
from vollzug.queries import personen_fuer_user

TAG = "Datenschutz (§§ 22, 23)"
_SCHREIBEN = {200: None, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404}


def _antworten(ausgabe, code=200, ohne_404=False) -> dict:
    antworten = {**_SCHREIBEN}
    antworten.pop(200)
    antworten[code] = ausgabe
    if ohne_404:
        antworten.pop(404)
    return antworten


class _Basis(
    ListenfilterMixin, ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    parser_classes = [JsonParser]
    filter_serializer_class = PersonFilterSerializer
    filterfelder = {"person": "person_id"}

    def _person_von(self, obj):
        return obj.person_id

    def _antwort(self, obj, code=200) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=obj.pk)).data, status=code)


# --- § 23 Abs. 1: consents ---------------------------------------------------------------------------


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Schweigepflichtentbindungen auflisten (§ 23 Abs. 1 JVG)",
        description="Sachbearbeitung und Revision: alle; Anstaltsrollen: Personen, die in ihrer Einrichtung "
        "platziert sind; andere Rollen: keine. Filterbar nach Person.",
        parameters=[PersonFilterSerializer],
        responses={200: EntbindungSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Schweigepflichtentbindung lesen",
        responses={200: EntbindungSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class EntbindungViewSet(_Basis):
    queryset = Schweigepflichtentbindung.objects.none()
    serializer_class = EntbindungSerializer
    permission_classes = [IsAuthenticated, EntbindungRechte]

    def get_queryset(self):
        return (
            entbindungen_fuer_user(self.request.user)
            .select_related("erfasst_durch")
            .order_by("-erteilt_am", "-pk")
        )

    @extend_schema(
        summary="Schweigepflichtentbindung erfassen (§ 23 Abs. 1 JVG, R-23-1)",
        description="Je Empfänger/in und Umfang; Erteilungsdatum nicht in der Zukunft, «gültig bis» nicht davor. "
        "Das unterzeichnete Dokument wird im Browser beigelegt (SHA-256).",
        request=EntbindungEingabeSerializer,
        responses=_antworten(EntbindungSerializer, 201, ohne_404=True),
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(EntbindungEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        person = daten.pop("person")
        with fehler_mit_api_namen(eingabe):
            e = domain.entbindung_erfassen(
                person=person, daten=domain.Entbindungsdaten(**daten), durch=request.user
            )
        return self._antwort(e, 201)

    @extend_schema(
        summary="Schweigepflichtentbindung widerrufen (R-23-1)",
        description="Wirksam am angegebenen Tag (Standard: heute; nicht in der Zukunft, nicht vor der Erteilung). "
        "Ab diesem Tag stützt sich kein Kontakt mehr auf die Entbindung.",
        request=WiderrufEingabeSerializer,
        responses=_antworten(EntbindungSerializer),
    )
    @action(detail=True, methods=["post"], url_path="widerrufen")
    def widerrufen(self, request, pk=None, **kwargs):
        e = self.get_object()
        # The object's right before the input (issue 24): the predicate the domain function checks.
        if not permissions.darf_entbindung_widerrufen(request.user, e):
            raise PermissionDenied("Keine Berechtigung: Schweigepflichtentbindung widerrufen (R-0-ROLE-1).")
        eingabe = eingabe_pruefen(WiderrufEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.entbindung_widerrufen(
                entbindung=e,
                am=eingabe.validated_data["widerrufen_am"],
                bemerkung=eingabe.validated_data["bemerkung"],
                durch=request.user,
            )
        return self._antwort(e)


# --- § 23 Abs. 1/2: contacts -------------------------------------------------------------------------


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Kontakte mit Dritten auflisten (§ 23 JVG)",
        parameters=[PersonFilterSerializer],
        responses={200: KontaktSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Kontakt mit Dritten lesen",
        responses={200: KontaktSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class KontaktViewSet(_Basis):
    queryset = Drittkontakt.objects.none()
    serializer_class = KontaktSerializer
    permission_classes = [IsAuthenticated, KontaktRechte]

    def get_queryset(self):
        return kontakte_fuer_user(self.request.user).select_related("erfasst_durch").order_by("-datum", "-pk")

    @extend_schema(
        summary="Kontakt mit Dritten erfassen (§ 23 Abs. 1 und 2 JVG, R-23-1)",
        description="Entweder gestützt auf eine am Kontakttag gültige Entbindung derselben Person für diese Art "
        "Empfänger/in (`entbindung`), oder ohne Entbindung mit `zweck` (Resozialisierung oder "
        "Rückfallverhinderung) und `rechtfertigung` (§ 23 Abs. 2); sonst 400 mit der Regel.",
        request=KontaktEingabeSerializer,
        responses=_antworten(KontaktSerializer, 201, ohne_404=True),
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(KontaktEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        person = daten.pop("person")
        with fehler_mit_api_namen(eingabe):
            k = domain.kontakt_erfassen(person=person, daten=domain.Kontaktdaten(**daten), durch=request.user)
        return self._antwort(k, 201)


# --- § 23 Abs. 3: reports ----------------------------------------------------------------------------


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Strafanzeigen an die Staatsanwaltschaft auflisten (§ 23 Abs. 3 JVG)",
        parameters=[PersonFilterSerializer],
        responses={200: AnzeigeSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Strafanzeige lesen", responses={200: AnzeigeSerializer, 401: ANTWORT_401, 404: ANTWORT_404}
    ),
)
class AnzeigeViewSet(_Basis):
    queryset = Strafanzeige.objects.none()
    serializer_class = AnzeigeSerializer
    permission_classes = [IsAuthenticated, AnzeigeRechte]

    def get_queryset(self):
        return (
            strafanzeigen_fuer_user(self.request.user)
            .select_related("erstattet_durch")
            .order_by("-datum", "-pk")
        )

    @extend_schema(
        summary="Strafanzeige erfassen (§ 23 Abs. 3 JVG, R-23-3)",
        description="Datum (nicht in der Zukunft), Referenz, Vergehen oder Verbrechen, konkrete Anhaltspunkte; "
        "optional das Disziplinarverfahren derselben Person mit vorgemerkter Strafanzeige (R-40-4).",
        request=AnzeigeEingabeSerializer,
        responses=_antworten(AnzeigeSerializer, 201, ohne_404=True),
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(AnzeigeEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        person = daten.pop("person")
        verfahren_id = daten.pop("disziplinarverfahren")
        verfahren = None
        if verfahren_id is not None:
            verfahren = Disziplinarverfahren.objects.filter(pk=verfahren_id, person=person).first()
            if verfahren is None:
                raise ValidationError(
                    {"disziplinarverfahren": ["Disziplinarverfahren dieser Person nicht gefunden."]}
                )
        with fehler_mit_api_namen(eingabe):
            a = domain.strafanzeige_erfassen(
                person=person,
                daten=domain.Anzeigedaten(**daten, disziplinarverfahren=verfahren),
                durch=request.user,
            )
        return self._antwort(a, 201)


# --- § 22: experts -----------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Mandate von Fachpersonen auflisten (§ 22 JVG)",
        description="Sachbearbeitung und Revision: alle; eine Fachperson: die eigenen.",
        parameters=[PersonFilterSerializer],
        responses={200: MandatSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Mandat lesen", responses={200: MandatSerializer, 401: ANTWORT_401, 404: ANTWORT_404}
    ),
)
class MandatViewSet(_Basis):
    queryset = Fachpersonmandat.objects.none()
    serializer_class = MandatSerializer
    permission_classes = [IsAuthenticated, MandatRechte]

    def get_queryset(self):
        return mandate_fuer_user(self.request.user).select_related("fachperson", "zuteilung").order_by("-pk")

    @extend_schema(
        summary="Fachperson zuteilen (§ 22 JVG, R-22-1)",
        description="Nur Sachbearbeitung. Die Fachperson (Rolle Medizin) sieht die Akten dieser Person vom Beginn "
        "bis zum Ende des Zugriffs, keine andere Person. Nicht rückwirkend; eine Begutachtung endet immer "
        "(ohne Angabe nach JVG_FACHPERSON_ZUGRIFF_MONATE Monaten).",
        request=MandatEingabeSerializer,
        responses=_antworten(MandatSerializer, 201, ohne_404=True),
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(MandatEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        person, fachperson = daten.pop("person"), daten.pop("fachperson")
        with fehler_mit_api_namen(eingabe):
            m = domain.fachperson_zuteilen(
                person=person,
                fachperson=fachperson,
                daten=domain.Mandatsdaten(**daten),
                durch=request.user,
            )
        return self._antwort(m, 201)

    @extend_schema(
        summary="Mandat vorzeitig beenden (§ 22 JVG)",
        description="Nur Sachbearbeitung; mit Grund. Der Zugriff der Fachperson endet sofort.",
        request=BeendenEingabeSerializer,
        responses=_antworten(MandatSerializer),
    )
    @action(detail=True, methods=["post"], url_path="beenden")
    def beenden(self, request, pk=None, **kwargs):
        m = self.get_object()
        eingabe = eingabe_pruefen(BeendenEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.mandat_beenden(mandat=m, grund=eingabe.validated_data["grund"], durch=request.user)
        return self._antwort(m)


# --- Subject access ----------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class AuskunftViewSet(viewsets.GenericViewSet):
    queryset = personen_fuer_user(None)
    serializer_class = serializers.Serializer  # the answer is a stream (see the schema below)
    permission_classes = [IsAuthenticated, AuskunftRechte]

    def get_queryset(self):
        return personen_fuer_user(self.request.user)

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise NotFound() from None

    @extend_schema(
        summary="Auskunft über alle Daten einer Person (JSON mit Datenverzeichnis)",
        description="Nur Sachbearbeitung. Alles, was das System über die Person hält (jedes Modul, aktuelle "
        "Einträge und frühere Fassungen), mit Datenverzeichnis und den Lesezugriffen; Dateien mit Name und "
        "SHA-256. Ohne Daten des Bedrohungsmanagements (Polizeirecht, eigenes Verfahren). Wird gestreamt und "
        "als Lesezugriff (Export) protokolliert. Das PDF gibt es im Browser.",
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="Auskunft (jvg-case-auskunft/1)"),
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    def retrieve(self, request, pk=None, **kwargs):
        person = self.get_object()
        domain.auskunft_beginnen(person=person, request_or_user=request, format="json")
        antwort = StreamingHttpResponse(
            domain.auskunft_json(person=person, durch=request.user),
            content_type="application/json; charset=utf-8",
        )
        antwort["Content-Disposition"] = f'attachment; filename="auskunft-{person.personennummer}.json"'
        return antwort


def registrieren(router) -> None:
    """Register this module's viewsets on the shared /api/v1/ router (jvg_case.api_urls)."""
    router.register("datenschutz/entbindungen", EntbindungViewSet, basename="datenschutz-entbindung")
    router.register("datenschutz/kontakte", KontaktViewSet, basename="datenschutz-kontakt")
    router.register("datenschutz/strafanzeigen", AnzeigeViewSet, basename="datenschutz-strafanzeige")
    router.register("datenschutz/mandate", MandatViewSet, basename="datenschutz-mandat")
    router.register("datenschutz/auskunft", AuskunftViewSet, basename="datenschutz-auskunft")
