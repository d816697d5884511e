"""Besondere Sicherheitsmassnahmen (§ 31 JVG): REST endpoints under /api/v1/sicherheitsmassnahmen/.

Thin like `disziplinar.api`: a scoped queryset (outside the caller's view → 404, R-0-ROLE-1), a
permission per action that answers 403 before any input check, an input serializer that only types
the input, ONE call of `domain`, the output serializer. The order's Eröffnung, PDF and appeal are
the shared Verfügung's (`/api/v1/verfuegungen/`); the answer names it.
"""

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
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
from sicherheitsmassnahmen import domain
from sicherheitsmassnahmen.models import Sicherheitsmassnahme, Ueberpruefung
from sicherheitsmassnahmen.permissions import Rechte
from sicherheitsmassnahmen.queries import massnahmen_liste, nach_zustand
from sicherheitsmassnahmen.recht import Ueberpruefungsergebnis
from sicherheitsmassnahmen.serializers import (
    AblehnungEingabeSerializer,
    AntragEingabeSerializer,
    AufhebungEingabeSerializer,
    FilterSerializer,
    GenehmigungEingabeSerializer,
    SicherheitsmassnahmeSerializer,
    UeberpruefungEingabeSerializer,
)

TAG = "Besondere Sicherheitsmassnahmen (§ 31)"

# Service keys that are no input field: the client gets them in the API's spelling.
_AUSGABENAMEN = {
    "gehoer_art": "gehoer.art",
    "gehoer_text": "gehoer.text",
    "gehoer_begruendung": "gehoer.begruendung",
    "gehoer_am": "gehoer.am",
    "anhoerung": "gehoer",
    "durch": "non_field_errors",
    "status": "non_field_errors",
    "ergebnis": "fortsetzen",
}

_ANTWORTEN = {400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404}


def _gehoer(daten) -> domain.Gehoer | None:
    g = daten.get("gehoer")
    if not g:
        return None
    return domain.Gehoer(art=g["art"], text=g["text"], begruendung=g["begruendung"], am=g.get("am"))


def _mit_antworten(code_ok: int, serializer=SicherheitsmassnahmeSerializer, **extra):
    return {code_ok: serializer, **_ANTWORTEN, **extra}


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Sicherheitsmassnahmen auflisten (§ 31 JVG)",
        description="Die Massnahmen, die der Aufrufer sehen darf (Anstaltsrollen: eigene Einrichtung und dort "
        "platzierte Personen; Medizin: zugeteilte Personen; Sachbearbeitung, Revision: alle). Filterbar nach "
        "Einrichtung, Person, Art und Stand (zustand=ueberfaellig: Überprüfung nach § 31 Abs. 5 überfällig).",
        parameters=[FilterSerializer],
        responses={200: SicherheitsmassnahmeSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Sicherheitsmassnahme lesen",
        description="Eine Massnahme mit Verfügung und Überprüfungen; ausserhalb der eigenen Sicht 404 (R-0-ROLE-1).",
        responses={200: SicherheitsmassnahmeSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class SicherheitsmassnahmeViewSet(
    ListenfilterMixin, ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Sicherheitsmassnahme.objects.none()  # for the schema's model only; get_queryset decides
    filter_serializer_class = FilterSerializer
    filterfelder = {"anstalt": "anstalt_id", "person": "person_id", "fall": "fall_id", "art": "art"}
    serializer_class = SicherheitsmassnahmeSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, Rechte]

    def get_queryset(self) -> QuerySet[Sicherheitsmassnahme]:
        return (
            massnahmen_liste(self.request.user)
            .select_related("beendet_durch")
            .prefetch_related(
                Prefetch(
                    "ueberpruefungen",
                    queryset=Ueberpruefung.objects.select_related("durch").order_by("am", "pk"),
                )
            )
        )

    def _person_von(self, massnahme):
        return massnahme.person_id

    def weitere_filter(self, queryset, daten):
        return nach_zustand(queryset, daten.get("zustand", ""))

    @extend_schema(
        summary="Sicherheitsmassnahme beantragen (§ 31 JVG)",
        description="Anstaltspersonal oder Anstaltsleitung der Einrichtung, in der die Person platziert ist. "
        "R-31-1: Art nach § 31 Abs. 2 lit. a–g, mindestens ein Risiko nach § 31 Abs. 1 mit Sachverhalt und "
        "Begründung; gegenüber Jugendlichen keine lit. f/g (R-31-5). Entwirft die Verfügung (Typ "
        "sicherheitsmassnahme_31) und legt sie der Anstaltsleitung vor (R-0-4EYES-1); das rechtliche Gehör "
        "kann mitgegeben werden (R-0-GEHOER-1).",
        request=AntragEingabeSerializer,
        responses={201: SicherheitsmassnahmeSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(AntragEingabeSerializer, request)
        d = eingabe.validated_data
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            m = domain.massnahme_beantragen(
                fall=d["fall"],
                art=d["art"],
                risiken=d["risiken"],
                sachverhalt=d["sachverhalt"],
                begruendung=d["begruendung"],
                ausgestaltung=d["ausgestaltung"],
                gehoer=_gehoer(d),
                durch=request.user,
            )
        return self._antwort(m, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Sicherheitsmassnahme anordnen (Genehmigung)",
        description="Nur die Anstaltsleitung der Einrichtung, nie wer beantragt hat (R-0-4EYES-1). Ohne "
        "Stellungnahme, Verzicht oder Gefahr im Verzug keine Anordnung (R-0-GEHOER-1). Die Massnahme gilt ab "
        "der Eröffnung der Verfügung (§ 44 JVG: keine aufschiebende Wirkung).",
        request=GenehmigungEingabeSerializer,
        responses=_mit_antworten(200),
    )
    @action(detail=True, methods=["post"])
    def genehmigen(self, request, pk=None, **kwargs):
        m = self.get_object()
        eingabe = eingabe_pruefen(GenehmigungEingabeSerializer, request)
        d = eingabe.validated_data
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            domain.massnahme_genehmigen(
                massnahme=m, durch=request.user, kommentar=d["kommentar"], gehoer=_gehoer(d)
            )
        return self._antwort(m)

    @extend_schema(
        summary="Antrag auf Sicherheitsmassnahme ablehnen",
        description="Nur die Anstaltsleitung der Einrichtung, nie wer beantragt hat; mit Begründung (R-0-4EYES-1).",
        request=AblehnungEingabeSerializer,
        responses=_mit_antworten(200),
    )
    @action(detail=True, methods=["post"])
    def ablehnen(self, request, pk=None, **kwargs):
        m = self.get_object()
        eingabe = eingabe_pruefen(AblehnungEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            domain.massnahme_ablehnen(
                massnahme=m, durch=request.user, kommentar=eingabe.validated_data["kommentar"]
            )
        return self._antwort(m)

    @extend_schema(
        summary="Sicherheitsmassnahme überprüfen (§ 31 Abs. 5 JVG)",
        description="Nur die Anstaltsleitung. R-31-5: fortsetzen (nächste Überprüfung nach dem Intervall der "
        "Art) oder aufheben; mit Begründung.",
        request=UeberpruefungEingabeSerializer,
        responses=_mit_antworten(200),
    )
    @action(detail=True, methods=["post"])
    def ueberpruefen(self, request, pk=None, **kwargs):
        m = self.get_object()
        eingabe = eingabe_pruefen(UeberpruefungEingabeSerializer, request)
        d = eingabe.validated_data
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            domain.massnahme_ueberpruefen(
                massnahme=m,
                ergebnis=Ueberpruefungsergebnis.FORTSETZEN
                if d["fortsetzen"]
                else Ueberpruefungsergebnis.AUFHEBEN,
                begruendung=d["begruendung"],
                durch=request.user,
            )
        return self._antwort(m)

    @extend_schema(
        summary="Sicherheitsmassnahme aufheben (§ 31 Abs. 5 JVG)",
        description="Nur die Anstaltsleitung; beendet die aktive Massnahme jetzt, mit Begründung (R-31-5).",
        request=AufhebungEingabeSerializer,
        responses=_mit_antworten(200),
    )
    @action(detail=True, methods=["post"])
    def aufheben(self, request, pk=None, **kwargs):
        m = self.get_object()
        eingabe = eingabe_pruefen(AufhebungEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            domain.massnahme_aufheben(massnahme=m, grund=eingabe.validated_data["grund"], durch=request.user)
        return self._antwort(m)


def registrieren(router) -> None:
    """Register this module's viewsets on the shared /api/v1/ router (jvg_case.api_urls)."""
    router.register("sicherheitsmassnahmen", SicherheitsmassnahmeViewSet, basename="sicherheitsmassnahme")
