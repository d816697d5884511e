"""Überwachung und Aufbewahrung (§§ 27, 29, 30 JVG): REST endpoints under /api/v1/ueberwachung/.

- `telefonaufzeichnungen/`: ingestion by the phone system (a SYSTEM user named `telefonanlage…` with a
  token, see `manage.py telefonanlage_einrichten`) or the facility management (multipart); metadata
  lists; `…/{id}/abhoeren/` records the suspicion (R-29-3) and returns the access with its content URL.
- `videoaufzeichnungen/`: metadata; `auswerten` (R-30-2) and `auswertung-abschliessen` (§ 30 Abs. 5).
- `beizuege/`: legal holds (create, lift).
- `zugriffe/`: the access log; `zugriffe/{id}/inhalt/` streams the content to the entitled only.
- `rechtsbeistaende/`: counsel numbers (R-29-4), `…/{id}/entfernen/` with a reason (issue 23).
  `vernichtungsprotokoll/`: the destruction log.
- `zonen/` (R-30-1): list, define (`POST`), `…/{id}/aufheben/`; `ed-massnahmen/` (R-27-1, R-27-2): list,
  order (`POST`, multipart with the material), `…/{id}/einsehen/`, `…/{id}/weitergeben/` (issue 23).
  Exactly the writes the pages offer, through the same domain functions. There is no PUT/PATCH: the
  pages and the domain have no edit of a zone or a measure on purpose — a zone's room and reason are what
  its recordings were made under (a change is: lift the zone, define a new one), and ED material is
  evidence that is destroyed by law (R-27-3), never rewritten.

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
    EDRechte,
    ModulRechte,
    RechtsbeistandRechte,
    TelefonRechte,
    VideoRechte,
    ZonenRechte,
)
from ueberwachung.serializers import (
    AbhoerenEingabeSerializer,
    AufhebenEingabeSerializer,
    AuswertenEingabeSerializer,
    BeizugEingabeSerializer,
    BeizugSerializer,
    EDEingabeSerializer,
    EDEinsehenEingabeSerializer,
    EDSerializer,
    EDWeitergabeEingabeSerializer,
    LeerEingabeSerializer,
    RechtsbeistandEingabeSerializer,
    RechtsbeistandSerializer,
    TelefonEingabeSerializer,
    TelefonSerializer,
    VernichtungSerializer,
    VideoSerializer,
    ZoneEingabeSerializer,
    ZoneSerializer,
    ZugriffSerializer,
)
from vollzug.models import Person

TAG = "Überwachung und Aufbewahrung (§§ 27, 29, 30)"


_BEIZUEGE = Prefetch("beizuege", queryset=Beizug.objects.order_by("pk"))


def _lesen(serializer, *, liste: str, einzeln: str, beschreibung: str | None = None):
    """The schema of a metadata list and detail (the same shape on every viewset of this app)."""

    def dekorieren(cls):
        cls = extend_schema_view(
            list=extend_schema(
                summary=liste,
                description=beschreibung,
                responses={200: serializer, 401: ANTWORT_401, 403: ANTWORT_403},
            ),
            retrieve=extend_schema(
                summary=einzeln,
                responses={200: serializer, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404},
            ),
        )(cls)
        return extend_schema(tags=[TAG])(cls)

    return dekorieren


class _LeseBasis(ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The shared read shape (review finding, issue 23): the visibility query of `queries` (404 outside
    the caller's view, R-0-ROLE-1), the joins that keep a list at a constant number of queries, and the
    read log of `ViewSetBasis` (R-0-AUDIT-2) with the person each row concerns (`person_feld`)."""

    sicht = None  # queries.…_fuer_user, set as staticmethod by each viewset
    verbunden: tuple = ()
    vorab: tuple = ()
    ordnung: tuple = ("pk",)
    person_feld: str | None = "person_id"
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, ModulRechte]

    def get_queryset(self):
        qs = type(self).sicht(self.request.user)
        if self.verbunden:
            qs = qs.select_related(*self.verbunden)
        if self.vorab:
            qs = qs.prefetch_related(*self.vorab)
        return self.anreichern(qs).order_by(*self.ordnung)

    def anreichern(self, qs):
        return qs

    def _person_von(self, obj):
        return getattr(obj, self.person_feld) if self.person_feld else None

    def _antwort(self, obj, code=status.HTTP_200_OK) -> Response:
        # Read back through the viewset's own queryset: the answer looks exactly like a later GET.
        return Response(self.get_serializer(self.get_queryset().get(pk=obj.pk)).data, status=code)


@_lesen(
    TelefonSerializer,
    liste="Telefonaufzeichnungen auflisten (Metadaten)",
    einzeln="Telefonaufzeichnung (Metadaten)",
    beschreibung="Anstaltsleitung: eigene Einrichtung; Sachbearbeitung und Revision: alle. Nie der Inhalt.",
)
class TelefonViewSet(_LeseBasis):
    queryset = Telefonaufzeichnung.objects.none()  # for the schema; the rows come from `sicht`
    serializer_class = TelefonSerializer
    sicht = staticmethod(queries.telefon_fuer_user)
    verbunden = ("person", "anstalt")
    vorab = (_BEIZUEGE,)
    ordnung = ("-beginn", "-pk")
    parser_classes = [JsonParser, MultiPartParser, FormParser]
    permission_classes = [IsAuthenticated, TelefonRechte]

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
        # The phone system may deliver but not read: the answer bypasses the caller's visibility.
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


@_lesen(
    VideoSerializer,
    liste="Videoaufzeichnungen auflisten (Metadaten)",
    einzeln="Videoaufzeichnung (Metadaten)",
)
class VideoViewSet(_LeseBasis):
    queryset = Videoaufzeichnung.objects.none()  # for the schema; the rows come from `sicht`
    serializer_class = VideoSerializer
    sicht = staticmethod(queries.video_fuer_user)
    verbunden = ("zone", "anstalt", "person")
    vorab = (_BEIZUEGE,)
    ordnung = ("-beginn", "-pk")
    permission_classes = [IsAuthenticated, VideoRechte]

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
        return self._antwort(video)


@_lesen(BeizugSerializer, liste="Beizüge (Verfahren) auflisten", einzeln="Beizug lesen")
class BeizugViewSet(_LeseBasis):
    queryset = Beizug.objects.none()  # for the schema; the rows come from `sicht`
    serializer_class = BeizugSerializer
    sicht = staticmethod(queries.beizuege_fuer_user)
    verbunden = ("telefon", "video")
    ordnung = ("-pk",)
    permission_classes = [IsAuthenticated, BeizugRechte]

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


@_lesen(
    ZugriffSerializer,
    liste="Zugriffe auf Inhalte (Protokoll)",
    einzeln="Zugriff lesen",
    beschreibung="Jedes Abhören, jede Auswertung, Einsicht und Weitergabe mit Begründung.",
)
class ZugriffViewSet(_LeseBasis):
    queryset = Inhaltszugriff.objects.none()  # for the schema; the rows come from `sicht`
    serializer_class = ZugriffSerializer
    sicht = staticmethod(queries.zugriffe_fuer_user)
    verbunden = ("benutzer",)
    ordnung = ("-zeitpunkt", "-pk")

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


@_lesen(
    RechtsbeistandSerializer, liste="Rechtsbeistände (Telefonnummern, R-29-4)", einzeln="Rechtsbeistand lesen"
)
class RechtsbeistandViewSet(_LeseBasis):
    queryset = Rechtsbeistand.objects.none()  # for the schema; the rows come from `sicht`
    serializer_class = RechtsbeistandSerializer
    sicht = staticmethod(queries.rechtsbeistaende_fuer_user)
    permission_classes = [IsAuthenticated, RechtsbeistandRechte]

    @extend_schema(
        summary="Rechtsbeistand erfassen (§ 29 Abs. 4 JVG, R-29-4)",
        description="Bestehende Aufzeichnungen von Gesprächen mit dieser Nummer werden sofort vernichtet.",
        request=RechtsbeistandEingabeSerializer,
        responses={201: RechtsbeistandSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(RechtsbeistandEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        person = _person(request, daten.pop("person"))
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


@_lesen(
    VernichtungSerializer,
    liste="Vernichtungsprotokoll (inhaltsfrei)",
    einzeln="Vernichtungsprotokoll-Eintrag",
    beschreibung="Jede Vernichtung und jede Abweisung beim Eingang (§ 29 Abs. 4): Art, Person (ID/Nummer), "
    "aufgezeichnet am, vernichtet am, Lauf, Rechtsgrundlage.",
)
class VernichtungViewSet(_LeseBasis):
    queryset = Vernichtungsprotokoll.objects.none()  # for the schema; the rows come from `sicht`
    serializer_class = VernichtungSerializer
    sicht = staticmethod(queries.protokoll_fuer_user)
    ordnung = ("-vernichtet_am", "-pk")


def _person(request, person_id) -> Person:
    """A person the caller sees (as on the pages' person choice); otherwise the same 400 as unknown."""
    from vollzug.queries import personen_fuer_user

    person = personen_fuer_user(request.user).filter(pk=person_id).first()
    if person is None:
        raise DjangoValidationError({"person": "R-0-BAD-1: Unbekannte Person."})
    return person


_WRITE_ANTWORTEN = {400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404}


@_lesen(
    ZoneSerializer,
    liste="Videozonen auflisten (§ 30 Abs. 2, R-30-1)",
    einzeln="Videozone lesen",
    beschreibung="Anstaltsleitung: eigene Einrichtung; Sachbearbeitung und Revision: alle.",
)
class ZoneViewSet(_LeseBasis):
    """Issue 23: zones through the API with the page's visibility (`queries.zonen_fuer_user`) and the page's
    two writes (`domain.videozone_festlegen`, `domain.videozone_aufheben`)."""

    queryset = Videozone.objects.none()  # for the schema; the rows come from `sicht`
    serializer_class = ZoneSerializer
    sicht = staticmethod(queries.zonen_fuer_user)
    verbunden = ("anstalt",)
    person_feld = None  # a zone concerns no person
    permission_classes = [IsAuthenticated, ZonenRechte]

    @extend_schema(
        summary="Videozone festlegen (§ 30 Abs. 2 JVG, R-30-1)",
        description="Nur die Anstaltsleitung, für die eigene Einrichtung. Ordentliche Unterkünfte werden "
        "abgewiesen; Disziplinar- und Sicherheitszellen nur mit Grund und Begründung (§ 30 Abs. 2 lit. b).",
        request=ZoneEingabeSerializer,
        responses={201: ZoneSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(ZoneEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            zone = domain.videozone_festlegen(**eingabe.validated_data, durch=request.user)
        return self._erstellt(zone)

    @extend_schema(
        summary="Videozone aufheben (§ 30 Abs. 2 JVG, R-30-1)",
        description="Die Überwachung des Bereichs endet; bestehende Aufzeichnungen behalten ihre Zone.",
        request=LeerEingabeSerializer,
        responses={200: ZoneSerializer, **_WRITE_ANTWORTEN},
    )
    @action(detail=True, methods=["post"])
    def aufheben(self, request, pk=None, **kwargs):
        zone = self.get_object()
        domain.videozone_aufheben(zone=zone, durch=request.user)
        return self._antwort(zone)


@_lesen(
    EDSerializer,
    liste="ED-Massnahmen auflisten (§ 27, R-27-1; Metadaten)",
    einzeln="ED-Massnahme lesen (Metadaten)",
    beschreibung="Anstaltsleitung: Personen der eigenen Einrichtung und selbst angeordnete; Sachbearbeitung "
    "und Revision: alle. Ohne Dateien und Bemerkung.",
)
class EDViewSet(_LeseBasis):
    """Issue 23: ED measures through the API with the page's visibility (`queries.ed_fuer_user`) and the
    page's writes: order (`domain.ed_anordnen`), view with a purpose (`domain.ed_einsehen`) and pass on to
    the police (`domain.ed_weitergeben`). An ED measure is never ended or deleted by a user: its material
    is destroyed by the job ten years after the definitive release (R-27-3)."""

    queryset = EDMassnahme.objects.none()  # for the schema; the rows come from `sicht`
    serializer_class = EDSerializer
    sicht = staticmethod(queries.ed_fuer_user)
    verbunden = ("person", "anstalt")
    ordnung = ("-durchgefuehrt_am", "-pk")
    parser_classes = [JsonParser, MultiPartParser, FormParser]
    permission_classes = [IsAuthenticated, EDRechte]

    def anreichern(self, qs):
        return qs.annotate(anzahl_dateien=Count("dateien"))

    @extend_schema(
        summary="ED-Massnahme anordnen (§ 27 Abs. 1 JVG, R-27-1)",
        description="multipart/form-data mit person, art, durchgefuehrtAm, dateien (eine oder mehrere), "
        "bemerkung. Nur die Anstaltsleitung der Einrichtung, in der die Person platziert ist.",
        request={"multipart/form-data": EDEingabeSerializer},
        responses={201: EDSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(EDEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        person = _person(request, daten.pop("person"))
        with fehler_mit_api_namen(eingabe):
            massnahme = domain.ed_anordnen(person=person, **daten, durch=request.user)
        return self._erstellt(massnahme)

    @extend_schema(
        summary="ED-Unterlagen einsehen (§ 27 Abs. 1 JVG, R-27-1)",
        description="Der Zweck wird protokolliert; Antwort: der Zugriff mit `inhaltUrl` (Abruf mit `?datei=`).",
        request=EDEinsehenEingabeSerializer,
        responses={201: ZugriffSerializer, **_WRITE_ANTWORTEN},
    )
    @action(detail=True, methods=["post"])
    def einsehen(self, request, pk=None, **kwargs):
        massnahme = self.get_object()
        eingabe = eingabe_pruefen(EDEinsehenEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            zugriff = domain.ed_einsehen(massnahme=massnahme, **eingabe.validated_data, durch=request.user)
        return Response(
            ZugriffSerializer(zugriff, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="ED-Ergebnisse der Polizei weitergeben (§ 27 Abs. 2 JVG, R-27-2)",
        description="Empfangende Polizeistelle und polizeilicher Zweck; jede Weitergabe wird protokolliert.",
        request=EDWeitergabeEingabeSerializer,
        responses={201: ZugriffSerializer, **_WRITE_ANTWORTEN},
    )
    @action(detail=True, methods=["post"])
    def weitergeben(self, request, pk=None, **kwargs):
        massnahme = self.get_object()
        eingabe = eingabe_pruefen(EDWeitergabeEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            zugriff = domain.ed_weitergeben(massnahme=massnahme, **eingabe.validated_data, durch=request.user)
        return Response(
            ZugriffSerializer(zugriff, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


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
