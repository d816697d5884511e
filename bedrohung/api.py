"""REST interface of the threat management under /api/v1/bedrohung/ (team only, R-BM-3).

Only members of the threat-management team use this API; for everyone else (other staff, also the
reporting person, who uses the browser; agencies never) the list and the creation answer 403 and every
report route answers 404, so the existence of a report does not leak (R-0-ROLE-1). Thin like
`vollzug.api`: team-scoped queryset, one service call per write, German service messages as 400 under the
API's names. Every read writes the team's own access log (`bedrohung.models.Zugriff`, aktion `api`, kanal
`api`), not the general read log of the Vollzug files; a list writes one row per returned report plus one
row for the list itself, in one INSERT. List and detail cost a constant number of queries.
"""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from bedrohung import domain
from bedrohung.models import Bedrohungsmeldung, Massnahme, Zugriff
from bedrohung.permissions import NurTeam
from bedrohung.queries import meldungen_fuer_api
from bedrohung.recht import Zugriffsart
from bedrohung.serializers import (
    AbschlussEingabeSerializer,
    AnsprechpersonEingabeSerializer,
    EinschaetzungEingabeSerializer,
    ErledigtEingabeSerializer,
    KonferenzEingabeSerializer,
    MassnahmeEingabeSerializer,
    MeldungEingabeSerializer,
    MeldungFilterSerializer,
    MeldungSerializer,
)
from kern.web.api import (
    ANTWORT_400,
    ANTWORT_401,
    ANTWORT_403,
    ANTWORT_404,
    JsonParser,
    ListenfilterMixin,
    eingabe_pruefen,
    fehler_mit_api_namen,
)
from kern.web.serializers import BIGINT_MAX

TAG = "Bedrohungsmanagement (nur Team)"
KANAL = "api"

ANTWORT_403_TEAM = ANTWORT_403.__class__(
    ANTWORT_403.response, description="Nur für das Bedrohungsmanagement (R-BM-3)."
)
ANTWORT_404_TEAM = ANTWORT_404.__class__(
    ANTWORT_404.response, description="Nicht vorhanden, oder der Aufrufer gehört nicht zum Team (R-BM-3)."
)


_ANTWORTEN_AKTION = {400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404_TEAM}


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Bedrohungsmeldungen auflisten",
        description="Nur das Bedrohungsmanagement (sonst 403, R-BM-3). Alle Meldungen mit Einschätzungen, "
        "Massnahmen und Fallkonferenzen, jüngste zuerst, filterbar nach Status. Jeder Abruf wird im eigenen "
        "Zugriffsprotokoll des Teams festgehalten.",
        parameters=[MeldungFilterSerializer],
        responses={200: MeldungSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403_TEAM},
    ),
    retrieve=extend_schema(
        summary="Bedrohungsmeldung lesen",
        description="Nur das Bedrohungsmanagement; für alle anderen 404 (R-BM-3). Mit Beilagen (SHA-256, ohne "
        "Inhalt), Einschätzungen (Verlauf), Fallkonferenzen und Massnahmen. Wird protokolliert.",
        responses={200: MeldungSerializer, 401: ANTWORT_401, 404: ANTWORT_404_TEAM},
    ),
)
class MeldungViewSet(
    ListenfilterMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Bedrohungsmeldung.objects.none()  # for the schema's model only; get_queryset decides
    filter_serializer_class = MeldungFilterSerializer
    filterfelder = {"status": "status"}
    serializer_class = MeldungSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, NurTeam]

    def get_queryset(self) -> QuerySet[Bedrohungsmeldung]:
        return meldungen_fuer_api(self.request.user)

    def get_object(self):
        # One German 404 for "does not exist", "not the team" and an id beyond the column (R-0-BAD-1).
        wert = self.kwargs.get("pk", "")
        if not str(wert).isdigit() or not 0 < int(wert) <= BIGINT_MAX:
            raise NotFound()
        try:
            return self.get_queryset().get(pk=int(wert))
        except Bedrohungsmeldung.DoesNotExist:
            raise NotFound() from None

    # R-BM-3: the team's own access log (not the general Lesezugriff log of the Vollzug files).
    def retrieve(self, request, *args, **kwargs):
        meldung = self.get_object()
        domain.zugriff_protokollieren(user=request.user, aktion=Zugriffsart.API, meldung=meldung, kanal=KANAL)
        return Response(self.get_serializer(meldung).data)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        meldungen = page if page is not None else list(queryset)
        Zugriff.objects.bulk_create(
            [Zugriff(benutzer=request.user, aktion=Zugriffsart.LISTE, kanal=KANAL)]
            + [
                Zugriff(benutzer=request.user, meldung_nummer=m.nummer, aktion=Zugriffsart.API, kanal=KANAL)
                for m in meldungen
            ]
        )
        daten = self.get_serializer(meldungen, many=True).data
        return self.get_paginated_response(daten) if page is not None else Response(daten)

    def _antwort(self, meldung, code=status.HTTP_200_OK, *, neu: bool = False) -> Response:
        # Read back through the viewset's own queryset: the answer looks exactly like a later GET, and
        # like a GET it discloses the report, so it is logged too (R-BM-3).
        meldung = self.get_queryset().get(pk=meldung.pk)
        domain.zugriff_protokollieren(
            user=self.request.user, aktion=Zugriffsart.API, meldung=meldung, kanal=KANAL
        )
        daten = self.get_serializer(meldung).data
        return Response(daten, status=code, headers={"Location": str(daten["url"])} if neu else None)

    @extend_schema(
        summary="Bedrohung melden (R-BM-1)",
        description="Nur das Bedrohungsmanagement (Meldungen der Mitarbeitenden kommen über den Browser). "
        "Zeitpunkt (nicht in der Zukunft), Ort, Kanal, Wortlaut, drohende Person (eine eingewiesene Person nur, "
        "wenn sie der Aufrufer sehen darf), bedrohte Personen. Beilagen werden im Browser beigelegt.",
        request=MeldungEingabeSerializer,
        responses={201: MeldungSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403_TEAM},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(MeldungEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            meldung = domain.meldung_erfassen(**eingabe.validated_data, durch=request.user)
        return self._antwort(meldung, status.HTTP_201_CREATED, neu=True)

    @extend_schema(
        summary="Risikoeinschätzung erfassen (R-BM-2)",
        description="Strukturierte Einschätzung (Warnverhalten) mit Risikostufe und Begründung; jede "
        "Neueinschätzung ist ein weiterer Eintrag. Setzt die aktuelle Risikostufe der Meldung.",
        request=EinschaetzungEingabeSerializer,
        responses={201: MeldungSerializer, **_ANTWORTEN_AKTION},
    )
    @action(detail=True, methods=["post"], url_path="einschaetzung")
    def einschaetzung(self, request, pk=None, **kwargs):
        meldung = self.get_object()
        eingabe = eingabe_pruefen(EinschaetzungEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.einschaetzung_erfassen(meldung=meldung, **eingabe.validated_data, durch=request.user)
        return self._antwort(meldung, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ansprechperson zuweisen (R-BM-2)",
        description="Die verantwortliche Ansprechperson des Falls, ein Mitglied des Teams.",
        request=AnsprechpersonEingabeSerializer,
        responses={200: MeldungSerializer, **_ANTWORTEN_AKTION},
    )
    @action(detail=True, methods=["post"], url_path="ansprechperson")
    def ansprechperson(self, request, pk=None, **kwargs):
        meldung = self.get_object()
        eingabe = eingabe_pruefen(AnsprechpersonEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.ansprechperson_zuweisen(meldung=meldung, **eingabe.validated_data, durch=request.user)
        return self._antwort(meldung)

    @extend_schema(
        summary="Massnahme erfassen (R-BM-2)",
        description="Massnahme mit verantwortlichem Teammitglied und Frist (erscheint in der Fristenkontrolle "
        "des Teams).",
        request=MassnahmeEingabeSerializer,
        responses={201: MeldungSerializer, **_ANTWORTEN_AKTION},
    )
    @action(detail=True, methods=["post"], url_path="massnahmen")
    def massnahmen(self, request, pk=None, **kwargs):
        meldung = self.get_object()
        eingabe = eingabe_pruefen(MassnahmeEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.massnahme_erfassen(meldung=meldung, **eingabe.validated_data, durch=request.user)
        return self._antwort(meldung, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Massnahme erledigen (R-BM-2)",
        description="Die Massnahme verlässt die Fristenkontrolle. Eine Massnahme einer anderen Meldung: 404.",
        request=ErledigtEingabeSerializer,
        responses={200: MeldungSerializer, **_ANTWORTEN_AKTION},
    )
    @action(detail=True, methods=["post"], url_path=r"massnahmen/(?P<massnahme_id>[0-9]{1,18})/erledigen")
    def massnahme_erledigen(self, request, pk=None, massnahme_id=None, **kwargs):
        meldung = self.get_object()
        massnahme = Massnahme.objects.filter(meldung=meldung, pk=int(massnahme_id)).first()
        if massnahme is None:
            raise NotFound()
        eingabe = eingabe_pruefen(ErledigtEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.massnahme_erledigen(massnahme=massnahme, **eingabe.validated_data, durch=request.user)
        return self._antwort(meldung)

    @extend_schema(
        summary="Fallkonferenz erfassen (R-BM-2)",
        description="Interdisziplinäre Fallkonferenz (Polizei, Staatsanwaltschaft, KESB, Forensik …) nach der "
        "Sitzung: beteiligte Stellen, Teilnehmende, Beschlüsse und Folgeaufträge mit Verantwortlichen und "
        "Fristen.",
        request=KonferenzEingabeSerializer,
        responses={201: MeldungSerializer, **_ANTWORTEN_AKTION},
    )
    @action(detail=True, methods=["post"], url_path="konferenz")
    def konferenz(self, request, pk=None, **kwargs):
        meldung = self.get_object()
        eingabe = eingabe_pruefen(KonferenzEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        daten["folgeauftraege"] = [domain.MassnahmeDaten(**f) for f in daten.get("folgeauftraege", [])]
        with fehler_mit_api_namen(eingabe):
            domain.konferenz_erfassen(meldung=meldung, **daten, durch=request.user)
        return self._antwort(meldung, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Meldung abschliessen (R-BM-2)",
        description="Nur mit mindestens einer Risikoeinschätzung und ohne offene Massnahme; mit Begründung. Ab "
        "dem Abschluss läuft die Aufbewahrungsfrist (R-BM-3), danach wird der Fall gelöscht.",
        request=AbschlussEingabeSerializer,
        responses={200: MeldungSerializer, **_ANTWORTEN_AKTION},
    )
    @action(detail=True, methods=["post"], url_path="abschliessen")
    def abschliessen(self, request, pk=None, **kwargs):
        meldung = self.get_object()
        eingabe = eingabe_pruefen(AbschlussEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.meldung_abschliessen(
                meldung=meldung, bemerkung=eingabe.validated_data["bemerkung"], durch=request.user
            )
        return self._antwort(meldung)


def registrieren(router) -> None:
    """Register this module's viewsets with the /api/v1/ router (called by `jvg_case/api_urls.py`)."""
    router.register("bedrohung/meldungen", MeldungViewSet, basename="bedrohungsmeldung")
