"""REST interface of the disciplinary law (§§ 40–45 JVG) under /api/v1/disziplinar/.

Thin like `vollzug.api`: scoped querysets (a report or proceeding outside the caller's view is a
404, R-0-ROLE-1), a permission class per action that answers 403 before any input check for roles
that may never write it, an input serializer that only types the input, ONE call of
`disziplinar.domain`, and the output serializer. The service's German messages come back as 400
under the API's field names. Reads are logged (R-0-AUDIT-2) and every list page costs a constant
number of queries: the proceedings' live Verfügung (with its appeal) and the persons' prior
sanctions (R-41-4) are fetched for the whole page at once (`_anreichern`).

The rest of a decision's lifecycle (Gehör, four-eyes approval, PDF, appeal) is the shared Verfügung's;
the answer links its page (`verfuegung.url`).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from disziplinar import domain
from disziplinar.models import Disziplinarsanktion, Disziplinarverfahren, Rapport
from disziplinar.permissions import (
    RapportRechte,
    SanktionRechte,
    VerfahrenRechte,
)
from disziplinar.queries import (
    rapporte_fuer_user,
    verfahren_fuer_api,
    verfahren_fuer_user,
)
from disziplinar.serializers import (
    EinstellungEingabeSerializer,
    EntscheidEingabeSerializer,
    EroeffnungEingabeSerializer,
    RapportEingabeSerializer,
    RapportFilterSerializer,
    RapportSerializer,
    SanktionFilterSerializer,
    SanktionSerializer,
    StrafanzeigeEingabeSerializer,
    VerfahrenFilterSerializer,
    VerfahrenSerializer,
)
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
from verfuegungen.models import EROEFFNETE_STATUS, Verfuegung
from verfuegungen.recht import Verfuegungsstatus

TAG = "Disziplinarrecht (§§ 40–45)"

# Service keys that are no input field: the client still gets them in the API's spelling.
_AUSGABENAMEN = {"verjaehrung_am": "verjaehrungAm", "einstellung_grund": "grund"}


# --- Querysets (constant queries per page) -----------------------------------------------------


def _anreichern(verfahren_liste: list[Disziplinarverfahren]) -> None:
    """Attach to each proceeding its live Verfügung (with the appeal) and the person's prior sanctions
    (R-41-4): two queries for the whole page, whatever its length."""
    if not verfahren_liste:
        return
    ct = ContentType.objects.get_for_model(Disziplinarverfahren)
    live: dict[int, Verfuegung] = {}
    for vf in (
        Verfuegung.objects.filter(content_type=ct, object_id__in=[v.pk for v in verfahren_liste])
        .exclude(status=Verfuegungsstatus.AUFGEHOBEN)
        .select_related("beschwerde")
        .order_by("pk")
    ):
        live[vf.object_id] = vf  # the newest wins, as in `domain.verfuegung_von`
    frueher: dict[int, list[Disziplinarsanktion]] = {}
    for s in (
        Disziplinarsanktion.objects.filter(
            verfahren__person_id__in={v.person_id for v in verfahren_liste},
            verfuegung__status__in=EROEFFNETE_STATUS,
        )
        .select_related("verfuegung", "verfahren")
        .order_by("verfuegung__eroeffnet_am", "art")
    ):
        frueher.setdefault(s.verfahren.person_id, []).append(s)
    for v in verfahren_liste:
        v._verfuegung = live.get(v.pk)
        # As `queries.vorstrafen(person, ausser=v)`: the proceeding being decided is not its own record.
        v._vorstrafen = [s for s in frueher.get(v.person_id, []) if s.verfahren_id != v.pk]


# --- Viewsets ------------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Rapporte auflisten (§ 40 JVG)",
        description="Die Rapporte, die der Aufrufer sehen darf: Anstaltsrollen nur die der eigenen Einrichtung "
        "über Personen, die dort platziert sind; Sachbearbeitung, Revision und Bedrohungsmanagement alle. "
        "Filterbar nach Fall und Person.",
        parameters=[RapportFilterSerializer],
        responses={200: RapportSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Rapport lesen (§ 40 JVG)",
        description="Ein Rapport mit Disziplinarvergehen, Teilnahmeform und Beilagen (SHA-256); ausserhalb der "
        "eigenen Sicht 404 (R-0-ROLE-1).",
        responses={200: RapportSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class RapportViewSet(
    ListenfilterMixin, ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Rapport.objects.none()  # for the schema's model only; get_queryset decides
    filter_serializer_class = RapportFilterSerializer
    filterfelder = {"fall": "fall_id", "person": "person_id"}
    serializer_class = RapportSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, RapportRechte]

    def get_queryset(self) -> QuerySet[Rapport]:
        return (
            rapporte_fuer_user(self.request.user)
            .select_related("person", "anstalt", "gemeldet_durch", "verfahren")
            .prefetch_related("delikte", "beilagen")
            .order_by("-tatzeit", "-pk")
        )

    def _person_von(self, rapport):
        return rapport.person_id

    @extend_schema(
        summary="Rapport erfassen (§ 40 JVG)",
        description="Anstaltspersonal und Anstaltsleitung der Einrichtung, in der die Person platziert ist. "
        "R-40-1: Zeitpunkt der Tat (nicht in der Zukunft), Sachverhalt, Zeuginnen und Zeugen und mindestens ein "
        "Disziplinarvergehen (§ 40 Abs. 1 oder Abs. 2 lit. a–l) mit Teilnahmeform (§ 40 Abs. 3). Beilagen "
        "werden im Browser beigelegt.",
        request=RapportEingabeSerializer,
        responses={201: RapportSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(RapportEingabeSerializer, request)
        daten = eingabe.validated_data
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            rapport = domain.rapport_erfassen(
                fall=daten["fall"],
                tatzeit=daten["tatzeit"],
                sachverhalt=daten["sachverhalt"],
                zeugen=daten["zeugen"],
                delikte=[domain.DeliktDaten(**d) for d in daten["delikte"]],
                durch=request.user,
            )
        return self._erstellt(rapport)

    @extend_schema(
        summary="Disziplinarverfahren eröffnen (§ 41 JVG)",
        description="Nur die Anstaltsleitung der Einrichtung des Rapports, einmal je Rapport. Das System "
        "berechnet die Verfolgungsverjährung (R-41-5a: sechs Monate nach der Tat) mit ihrer Zählweise; ein "
        "bereits verjährter Rapport wird abgelehnt. Ohne Inhalt.",
        request=None,
        responses={
            201: VerfahrenSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"], url_path="verfahren")
    def verfahren_eroeffnen(self, request, pk=None, **kwargs):
        rapport = self.get_object()
        with fehler_mit_api_namen(None, _AUSGABENAMEN):
            verfahren = domain.verfahren_eroeffnen(rapport=rapport, durch=request.user)
        return _verfahren_antwort(request, verfahren, status.HTTP_201_CREATED)


def _verfahren_antwort(request, verfahren, code=status.HTTP_200_OK) -> Response:
    # Read back through the proceedings' own queryset: the answer looks exactly like a later GET.
    obj = verfahren_fuer_api(request.user).get(pk=verfahren.pk)
    _anreichern([obj])
    daten = VerfahrenSerializer(obj, context={"request": request}).data
    return Response(daten, status=code, headers={"Location": str(daten["url"])} if code == 201 else None)


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Disziplinarverfahren auflisten",
        description="Die Verfahren, die der Aufrufer sehen darf (Anstaltsleitung: eigene Einrichtung; "
        "Sachbearbeitung, Revision, Bedrohungsmanagement: alle), mit Verjährungsdatum und Zählweise "
        "(R-41-5a), Verfügung samt Beschwerde, Sanktionen mit Vollzugszeitraum und den früheren Sanktionen "
        "der Person (R-41-4). Filterbar nach Status und Person.",
        parameters=[VerfahrenFilterSerializer],
        responses={200: VerfahrenSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Disziplinarverfahren lesen",
        description="Ein Verfahren wie in der Liste; ausserhalb der eigenen Sicht 404 (R-0-ROLE-1).",
        responses={200: VerfahrenSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class VerfahrenViewSet(
    ListenfilterMixin, ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Disziplinarverfahren.objects.none()  # for the schema's model only; get_queryset decides
    filter_serializer_class = VerfahrenFilterSerializer
    filterfelder = {"status": "status", "person": "person_id", "fall": "rapport__fall_id"}
    serializer_class = VerfahrenSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, VerfahrenRechte]

    def get_queryset(self) -> QuerySet[Disziplinarverfahren]:
        return verfahren_fuer_api(self.request.user)

    def _person_von(self, verfahren):
        return verfahren.person_id

    def get_serializer(self, *args, **kwargs):
        # List and detail: the page's Verfügungen and prior sanctions in two queries (not per row).
        if args and self.action in ("list", "retrieve"):
            _anreichern(list(args[0]) if kwargs.get("many") else [args[0]])
        return super().get_serializer(*args, **kwargs)

    @extend_schema(
        summary="Strafanzeige vormerken (§ 40 Abs. 4 JVG)",
        description="Nur die Anstaltsleitung. R-40-4: die strafrechtliche Verfolgung bleibt neben der "
        "disziplinarischen möglich; Datum nicht in der Zukunft und nicht vor der Tat.",
        request=StrafanzeigeEingabeSerializer,
        responses={
            200: VerfahrenSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"], url_path="strafanzeige")
    def strafanzeige(self, request, pk=None, **kwargs):
        verfahren = self.get_object()
        eingabe = eingabe_pruefen(StrafanzeigeEingabeSerializer, request)
        daten = eingabe.validated_data
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            domain.strafanzeige_vormerken(
                verfahren=verfahren,
                datum=daten["strafanzeige_am"],
                referenz=daten["strafanzeige_referenz"],
                durch=request.user,
            )
        return _verfahren_antwort(request, verfahren)

    @extend_schema(
        summary="Disziplinarverfahren einstellen",
        description="Nur die Anstaltsleitung, solange das Verfahren offen ist; mit Begründung. Ein Entwurf der "
        "Verfügung wird aufgehoben.",
        request=EinstellungEingabeSerializer,
        responses={
            200: VerfahrenSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"], url_path="einstellen")
    def einstellen(self, request, pk=None, **kwargs):
        verfahren = self.get_object()
        eingabe = eingabe_pruefen(EinstellungEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            domain.verfahren_einstellen(
                verfahren=verfahren, grund=eingabe.validated_data["einstellung_grund"], durch=request.user
            )
        return _verfahren_antwort(request, verfahren)

    @extend_schema(
        summary="Disziplinarverfügung entwerfen (§ 41 JVG)",
        description="Die Anstaltsleitung oder das Personal der Einrichtung. Sanktionen nach § 41 Abs. 1 lit. a–f, kombinierbar "
        "(Abs. 3), jede Art einmal (R-41-1: Einschluss höchstens 15, Arrest höchstens 10 Tage, Busse bis zum "
        "konfigurierten Höchstbetrag; R-41-2: private Einrichtungen nur mit übertragener Befugnis, nur lit. a–e "
        "und Einschluss höchstens 7 Tage), die vier Kriterien der Zumessung und die Begründung (R-41-4). "
        "R-41-5a: nach dem Verjährungsdatum abgelehnt. Das System berechnet den Vollzugszeitraum jeder "
        "Sanktion; ein abweichendes `vollzugEnde` wird abgelehnt. Erstellt den Entwurf der Verfügung (Gehör, "
        "Genehmigung im Vier-Augen-Prinzip, PDF und Beschwerde auf der Seite `verfuegung.url`); die Antwort "
        "nennt deren ID und Nummer und die Sanktionen mit ihrem Zeitraum.",
        request=EntscheidEingabeSerializer,
        responses={
            201: VerfahrenSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"], url_path="entscheid")
    def entscheid(self, request, pk=None, **kwargs):
        # Issue 17: staff of the facility draft too (`darf_entscheid_entwerfen`), on a proceeding they see.
        verfahren = verfahren_fuer_user(request.user).filter(pk=pk).first() if str(pk).isdigit() else None
        if verfahren is None:
            raise NotFound()
        self.check_object_permissions(request, verfahren)
        eingabe = eingabe_pruefen(EntscheidEingabeSerializer, request)
        daten = eingabe.validated_data
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            domain.verfuegung_entwerfen_fuer(
                verfahren=verfahren,
                sanktionen=[domain.SanktionDaten(**s) for s in daten["sanktionen"]],
                beurteilung=domain.Beurteilung(**daten["beurteilung"]),
                begruendung=daten["begruendung"],
                durch=request.user,
            )
        return _verfahren_antwort(request, verfahren, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Disziplinarverfügung eröffnen",
        description="Eröffnet die genehmigte Verfügung des Verfahrens (Art und Zeitpunkt, R-0-VFG-2). R-41-5a: "
        "spätestens am Verjährungsdatum; danach abgelehnt. Ohne Beginn angeordneter Einschluss oder Arrest "
        "beginnt am Tag nach der Eröffnung (§ 44: sofort vollstreckbar). Eine Übergabe in der Einrichtung mit "
        "unterzeichneter Empfangsbestätigung wird auf der Seite der Verfügung erfasst.",
        request=EroeffnungEingabeSerializer,
        responses={
            200: VerfahrenSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"], url_path="eroeffnen")
    def eroeffnen(self, request, pk=None, **kwargs):
        verfahren = self.get_object()
        eingabe = eingabe_pruefen(EroeffnungEingabeSerializer, request)
        daten = eingabe.validated_data
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            domain.verfuegung_eroeffnen(
                verfahren=verfahren,
                art=daten["art"],
                am=daten["am"],
                muendlich_am=daten["muendlich_am"],
                durch=request.user,
            )
        return _verfahren_antwort(request, verfahren)


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Disziplinarsanktionen auflisten",
        description="Die Sanktionen der Verfahren, die der Aufrufer sehen darf (ohne die eines aufgehobenen "
        "Entwurfs), mit Vollzugszeitraum und Vollstreckungsverjährung (R-41-5b). Filterbar nach Status, Art und "
        "Verfahren.",
        parameters=[SanktionFilterSerializer],
        responses={200: SanktionSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Disziplinarsanktion lesen",
        description="Eine Sanktion; ausserhalb der eigenen Sicht 404 (R-0-ROLE-1).",
        responses={200: SanktionSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class SanktionViewSet(
    ListenfilterMixin, ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Disziplinarsanktion.objects.none()  # for the schema's model only; get_queryset decides
    filter_serializer_class = SanktionFilterSerializer
    filterfelder = {"status": "status", "art": "art", "verfahren": "verfahren_id"}
    serializer_class = SanktionSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, SanktionRechte]

    def get_queryset(self) -> QuerySet[Disziplinarsanktion]:
        return (
            Disziplinarsanktion.objects.filter(verfahren__in=verfahren_fuer_user(self.request.user))
            .exclude(verfuegung__status=Verfuegungsstatus.AUFGEHOBEN)
            .select_related("verfahren")
            .order_by("-pk")
        )

    def _person_von(self, sanktion):
        return sanktion.verfahren.person_id

    @extend_schema(
        summary="Disziplinarsanktion vollziehen (§ 44 JVG)",
        description="Nur die Anstaltsleitung. Vollzogen wird eine angeordnete Sanktion einer vollstreckbaren "
        "Verfügung (ab Eröffnung, ausser die Beschwerdeinstanz erteilt aufschiebende Wirkung), Einschluss und "
        "Arrest nicht vor ihrem Beginn, nicht nach der Vollstreckungsverjährung (R-41-5b). lit. c versetzt die "
        "Person im Vollzugsplan eine Stufe zurück. Ohne Inhalt.",
        request=None,
        responses={
            200: SanktionSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"], url_path="vollziehen")
    def vollziehen(self, request, pk=None, **kwargs):
        sanktion = self.get_object()
        with fehler_mit_api_namen(None, _AUSGABENAMEN):
            domain.sanktion_vollziehen(sanktion=sanktion, durch=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=sanktion.pk)).data)


def registrieren(router) -> None:
    """Register this module's viewsets with the /api/v1/ router (called by `jvg_case/api_urls.py`)."""
    router.register("disziplinar/rapporte", RapportViewSet, basename="disziplinarrapport")
    router.register("disziplinar/verfahren", VerfahrenViewSet, basename="disziplinarverfahren")
    router.register("disziplinar/sanktionen", SanktionViewSet, basename="disziplinarsanktion")
