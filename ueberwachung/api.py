"""Überwachung und Aufbewahrung (§§ 27, 29, 30 JVG): REST endpoints under /api/v1/ueberwachung/.

- `telefonaufzeichnungen/`: ingestion by the phone system (a SYSTEM user named `telefonanlage…` with a
  token, see `manage.py telefonanlage_einrichten`) or the facility management (multipart); metadata
  lists; `…/{id}/abhoeren/` records the suspicion (R-29-3) and returns the access with its content URL.
- `videoaufzeichnungen/`: metadata; `auswerten` (R-30-2) and `auswertung-abschliessen` (§ 30 Abs. 5).
- `beizuege/`: legal holds (create, lift).
- `zugriffe/`: the access log; `zugriffe/{id}/inhalt/` streams the content to the entitled only.
- `rechtsbeistaende/`: counsel numbers (R-29-4), `…/{id}/entfernen/` with a reason (issue 23).
  `vernichtungsprotokoll/`: the destruction log.
- `zonen/`, `ed-massnahmen/` (issue 23): zones (R-30-1) and ED measures (R-27-1), metadata only.

Thin like `vollzug.api`: scoped querysets (404 outside the caller's view), 403 before any input check
for roles that may never act, one service call, German field messages (R-0-BAD-1). No serializer carries
a file: content only through `zugriffe/{id}/inhalt/`.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

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
from ueberwachung import domain, queries
from ueberwachung.domain import inhalt_antwort
from ueberwachung.models import (
    Beizug,
    EDMassnahme,
    Inhaltszugriff,
    Rechtsbeistand,
    Telefonaufzeichnung,
    Vernichtungsprotokoll,
    Videoaufzeichnung,
    Videozone,
)
from ueberwachung.permissions import (
    BeizugRechte,
    ModulRechte,
    RechtsbeistandRechte,
    TelefonRechte,
    VideoRechte,
)
from ueberwachung.serializers import (
    AbhoerenEingabeSerializer,
    AufhebenEingabeSerializer,
    AuswertenEingabeSerializer,
    BeizugEingabeSerializer,
    BeizugSerializer,
    EDSerializer,
    LeerEingabeSerializer,
    RechtsbeistandEingabeSerializer,
    RechtsbeistandSerializer,
    TelefonEingabeSerializer,
    TelefonSerializer,
    VernichtungSerializer,
    VideoSerializer,
    ZoneSerializer,
    ZugriffSerializer,
)
from vollzug.models import Person

TAG = "Überwachung und Aufbewahrung (§§ 27, 29, 30)"


_BEIZUEGE = Prefetch("beizuege", queryset=Beizug.objects.order_by("pk"))


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Telefonaufzeichnungen auflisten (Metadaten)",
        description="Anstaltsleitung: eigene Einrichtung; Sachbearbeitung und Revision: alle. Nie der Inhalt.",
        responses={200: TelefonSerializer, 401: ANTWORT_401, 403: ANTWORT_403},
    ),
    retrieve=extend_schema(
        summary="Telefonaufzeichnung (Metadaten)",
        responses={200: TelefonSerializer, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404},
    ),
)
class TelefonViewSet(ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Telefonaufzeichnung.objects.none()
    serializer_class = TelefonSerializer
    parser_classes = [JsonParser, MultiPartParser, FormParser]
    permission_classes = [IsAuthenticated, TelefonRechte]

    def get_queryset(self):
        return (
            queries.telefon_fuer_user(self.request.user)
            .select_related("person", "anstalt")
            .prefetch_related(_BEIZUEGE)
            .order_by("-beginn", "-pk")
        )

    def _person_von(self, obj):
        return obj.person_id

    @extend_schema(
        summary="Telefonaufzeichnung einliefern (Telefonanlage, R-29-1)",
        description="multipart/form-data mit person, nummer, beginn, ende, datei. Ein Gespräch mit einer für "
        "die Person erfassten Rechtsbeistandsnummer wird abgewiesen (400, § 29 Abs. 4 JVG, R-29-4) und "
        "inhaltsfrei protokolliert.",
        request={"multipart/form-data": TelefonEingabeSerializer},
        responses={201: TelefonSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(TelefonEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        person = Person.objects.filter(pk=daten.pop("person")).first()
        if person is None:
            raise DjangoValidationError({"person": "R-0-BAD-1: Unbekannte Person."})
        with fehler_mit_api_namen(eingabe):
            obj = domain.telefonaufzeichnung_erfassen(person=person, **daten, durch=request.user)
        obj = (
            Telefonaufzeichnung.objects.select_related("person", "anstalt")
            .prefetch_related(_BEIZUEGE)
            .get(pk=obj.pk)
        )
        return Response(
            TelefonSerializer(obj, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Abhören beantragen (§ 29 Abs. 3 JVG, R-29-3)",
        description="Nur die Anstaltsleitung der Einrichtung, mit Verdacht auf ein Disziplinarvergehen nach § 40 "
        "Abs. 2 lit. a, c, g, h, i oder j. Antwort: der protokollierte Zugriff mit `inhaltUrl`.",
        request=AbhoerenEingabeSerializer,
        responses={
            201: ZugriffSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"])
    def abhoeren(self, request, pk=None, **kwargs):
        aufzeichnung = self.get_object()
        eingabe = eingabe_pruefen(AbhoerenEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            zugriff = domain.abhoeren(aufzeichnung=aufzeichnung, **eingabe.validated_data, durch=request.user)
        return Response(
            ZugriffSerializer(zugriff, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Videoaufzeichnungen auflisten (Metadaten)",
        responses={200: VideoSerializer, 401: ANTWORT_401, 403: ANTWORT_403},
    ),
    retrieve=extend_schema(
        summary="Videoaufzeichnung (Metadaten)",
        responses={200: VideoSerializer, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404},
    ),
)
class VideoViewSet(ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Videoaufzeichnung.objects.none()
    serializer_class = VideoSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, VideoRechte]

    def get_queryset(self):
        return (
            queries.video_fuer_user(self.request.user)
            .select_related("zone", "anstalt", "person")
            .prefetch_related(_BEIZUEGE)
            .order_by("-beginn", "-pk")
        )

    def _person_von(self, obj):
        return obj.person_id

    @extend_schema(
        summary="Auswertung beginnen (§ 30 Abs. 3 JVG, R-30-2)",
        description="Nur die Anstaltsleitung, bei Verdacht auf ein Disziplinarvergehen oder eine Straftat.",
        request=AuswertenEingabeSerializer,
        responses={
            201: ZugriffSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"])
    def auswerten(self, request, pk=None, **kwargs):
        video = self.get_object()
        eingabe = eingabe_pruefen(AuswertenEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            zugriff = domain.auswerten(video=video, **eingabe.validated_data, durch=request.user)
        return Response(
            ZugriffSerializer(zugriff, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Auswertung abschliessen (§ 30 Abs. 5 JVG, R-30-3)",
        description="Die Aufzeichnung wird beim nächsten Lauf des Löschjobs vernichtet, ausser sie ist beigezogen.",
        request=LeerEingabeSerializer,
        responses={
            200: VideoSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"], url_path="auswertung-abschliessen")
    def auswertung_abschliessen(self, request, pk=None, **kwargs):
        video = self.get_object()
        domain.auswertung_abschliessen(video=video, durch=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=video.pk)).data)


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Beizüge (Verfahren) auflisten",
        responses={200: BeizugSerializer, 401: ANTWORT_401, 403: ANTWORT_403},
    ),
    retrieve=extend_schema(
        summary="Beizug lesen",
        responses={200: BeizugSerializer, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404},
    ),
)
class BeizugViewSet(ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Beizug.objects.none()
    serializer_class = BeizugSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, BeizugRechte]

    def get_queryset(self):
        return (
            queries.beizuege_fuer_user(self.request.user).select_related("telefon", "video").order_by("-pk")
        )

    def _person_von(self, obj):
        return (obj.telefon or obj.video).person_id

    @extend_schema(
        summary="Aufzeichnung einem Verfahren beiziehen (§ 29 Abs. 2, § 30 Abs. 5 JVG)",
        description="Sachbearbeitung oder Anstaltsleitung der Einrichtung. Genau eines von telefon/video.",
        request=BeizugEingabeSerializer,
        responses={201: BeizugSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(BeizugEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        if "telefon" in daten:
            aufzeichnung = queries.telefon_fuer_user(request.user).filter(pk=daten.pop("telefon")).first()
            feld = "telefon"
        else:
            aufzeichnung = queries.video_fuer_user(request.user).filter(pk=daten.pop("video")).first()
            feld = "video"
        if aufzeichnung is None:
            raise DjangoValidationError({feld: "Unbekannte oder bereits gelöschte Aufzeichnung."})
        with fehler_mit_api_namen(eingabe):
            beizug = domain.beizug_erfassen(aufzeichnung=aufzeichnung, **daten, durch=request.user)
        return Response(BeizugSerializer(beizug).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Beizug aufheben",
        description="Eine Aufzeichnung älter als 100 Tage wird beim nächsten Lauf des Löschjobs vernichtet.",
        request=AufhebenEingabeSerializer,
        responses={
            200: BeizugSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"])
    def aufheben(self, request, pk=None, **kwargs):
        beizug = self.get_object()
        eingabe = eingabe_pruefen(AufhebenEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            beizug = domain.beizug_aufheben(beizug=beizug, **eingabe.validated_data, durch=request.user)
        return Response(BeizugSerializer(beizug).data)


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Zugriffe auf Inhalte (Protokoll)",
        description="Jedes Abhören, jede Auswertung, Einsicht und Weitergabe mit Begründung.",
        responses={200: ZugriffSerializer, 401: ANTWORT_401, 403: ANTWORT_403},
    ),
    retrieve=extend_schema(
        summary="Zugriff lesen",
        responses={200: ZugriffSerializer, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404},
    ),
)
class ZugriffViewSet(ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Inhaltszugriff.objects.none()
    serializer_class = ZugriffSerializer
    permission_classes = [IsAuthenticated, ModulRechte]

    def get_queryset(self):
        return (
            queries.zugriffe_fuer_user(self.request.user)
            .select_related("benutzer")
            .order_by("-zeitpunkt", "-pk")
        )

    def _person_von(self, obj):
        return obj.person_id

    @extend_schema(
        summary="Inhalt abrufen (nur berechtigte Anstaltsleitung)",
        description="Streamt die Aufzeichnung bzw. ED-Datei des eigenen, höchstens 2 Stunden alten Zugriffs; "
        "sonst 404. Jeder Abruf wird protokolliert.",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Der Inhalt."
            ),
            401: ANTWORT_401,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["get"])
    def inhalt(self, request, pk=None, **kwargs):
        return inhalt_antwort(request, int(pk) if str(pk).isdigit() else 0, request.query_params.get("datei"))


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Rechtsbeistände (Telefonnummern, R-29-4)",
        responses={200: RechtsbeistandSerializer, 401: ANTWORT_401, 403: ANTWORT_403},
    ),
    retrieve=extend_schema(
        summary="Rechtsbeistand lesen",
        responses={200: RechtsbeistandSerializer, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404},
    ),
)
class RechtsbeistandViewSet(
    ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Rechtsbeistand.objects.none()
    serializer_class = RechtsbeistandSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, RechtsbeistandRechte]

    def get_queryset(self):
        return queries.rechtsbeistaende_fuer_user(self.request.user).order_by("pk")

    def _person_von(self, obj):
        return obj.person_id

    @extend_schema(
        summary="Rechtsbeistand erfassen (§ 29 Abs. 4 JVG, R-29-4)",
        description="Bestehende Aufzeichnungen von Gesprächen mit dieser Nummer werden sofort vernichtet.",
        request=RechtsbeistandEingabeSerializer,
        responses={201: RechtsbeistandSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        from vollzug.queries import personen_fuer_user

        eingabe = eingabe_pruefen(RechtsbeistandEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        person = personen_fuer_user(request.user).filter(pk=daten.pop("person")).first()
        if person is None:
            raise DjangoValidationError({"person": "R-0-BAD-1: Unbekannte Person."})
        with fehler_mit_api_namen(eingabe):
            beistand = domain.rechtsbeistand_erfassen(person=person, **daten, durch=request.user)
        return Response(RechtsbeistandSerializer(beistand).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Rechtsbeistand entfernen (§ 29 Abs. 4 JVG, R-29-4)",
        description="Mit Grund (z. B. Mandat beendet), protokolliert. Gespräche vor der Entfernung bleiben "
        "abgewiesen und werden vernichtet; erst spätere Gespräche dürfen aufgezeichnet werden.",
        request=AufhebenEingabeSerializer,
        responses={
            200: RechtsbeistandSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"])
    def entfernen(self, request, pk=None, **kwargs):
        beistand = self.get_object()
        eingabe = eingabe_pruefen(AufhebenEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            beistand = domain.rechtsbeistand_entfernen(
                beistand=beistand, **eingabe.validated_data, durch=request.user
            )
        return Response(RechtsbeistandSerializer(beistand).data)


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Vernichtungsprotokoll (inhaltsfrei)",
        description="Jede Vernichtung und jede Abweisung beim Eingang (§ 29 Abs. 4): Art, Person (ID/Nummer), "
        "aufgezeichnet am, vernichtet am, Lauf, Rechtsgrundlage.",
        responses={200: VernichtungSerializer, 401: ANTWORT_401, 403: ANTWORT_403},
    ),
    retrieve=extend_schema(
        summary="Vernichtungsprotokoll-Eintrag",
        responses={200: VernichtungSerializer, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404},
    ),
)
class VernichtungViewSet(
    ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Vernichtungsprotokoll.objects.none()
    serializer_class = VernichtungSerializer
    permission_classes = [IsAuthenticated, ModulRechte]

    def get_queryset(self):
        return queries.protokoll_fuer_user(self.request.user).order_by("-vernichtet_am", "-pk")

    def _person_von(self, obj):
        return obj.person_id


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Videozonen auflisten (§ 30 Abs. 2, R-30-1)",
        description="Anstaltsleitung: eigene Einrichtung; Sachbearbeitung und Revision: alle.",
        responses={200: ZoneSerializer, 401: ANTWORT_401, 403: ANTWORT_403},
    ),
    retrieve=extend_schema(
        summary="Videozone lesen",
        responses={200: ZoneSerializer, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404},
    ),
)
class ZoneViewSet(ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Issue 23: zones read through the API with the page's visibility (`queries.zonen_fuer_user`)."""

    queryset = Videozone.objects.none()
    serializer_class = ZoneSerializer
    permission_classes = [IsAuthenticated, ModulRechte]

    def get_queryset(self):
        return queries.zonen_fuer_user(self.request.user).select_related("anstalt").order_by("pk")

    def _person_von(self, obj):
        return None  # a zone concerns no person


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="ED-Massnahmen auflisten (§ 27, R-27-1; Metadaten)",
        description="Anstaltsleitung: Personen der eigenen Einrichtung und selbst angeordnete; Sachbearbeitung "
        "und Revision: alle. Ohne Dateien und Bemerkung.",
        responses={200: EDSerializer, 401: ANTWORT_401, 403: ANTWORT_403},
    ),
    retrieve=extend_schema(
        summary="ED-Massnahme lesen (Metadaten)",
        responses={200: EDSerializer, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404},
    ),
)
class EDViewSet(ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Issue 23: ED measures read through the API with the page's visibility (`queries.ed_fuer_user`)."""

    queryset = EDMassnahme.objects.none()
    serializer_class = EDSerializer
    permission_classes = [IsAuthenticated, ModulRechte]

    def get_queryset(self):
        return (
            queries.ed_fuer_user(self.request.user)
            .select_related("person", "anstalt")
            .annotate(anzahl_dateien=Count("dateien"))
            .order_by("-durchgefuehrt_am", "-pk")
        )

    def _person_von(self, obj):
        return obj.person_id


def registrieren(router) -> None:
    """Register this module's viewsets on the shared /api/v1/ router (jvg_case.api_urls)."""
    router.register("ueberwachung/telefonaufzeichnungen", TelefonViewSet, basename="ueberwachung-telefon")
    router.register("ueberwachung/videoaufzeichnungen", VideoViewSet, basename="ueberwachung-video")
    router.register("ueberwachung/beizuege", BeizugViewSet, basename="ueberwachung-beizug")
    router.register("ueberwachung/zugriffe", ZugriffViewSet, basename="ueberwachung-zugriff")
    router.register(
        "ueberwachung/rechtsbeistaende", RechtsbeistandViewSet, basename="ueberwachung-rechtsbeistand"
    )
    router.register(
        "ueberwachung/vernichtungsprotokoll", VernichtungViewSet, basename="ueberwachung-vernichtung"
    )
    router.register("ueberwachung/zonen", ZoneViewSet, basename="ueberwachung-zone")
    router.register("ueberwachung/ed-massnahmen", EDViewSet, basename="ueberwachung-ed")
