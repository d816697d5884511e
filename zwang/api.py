"""REST interface of § 33 JVG (unmittelbarer Zwang) under /api/v1/zwang/protokolle/.

Thin like `disziplinar.api`: the scoped queryset (a protocol outside the caller's view is a 404,
R-0-ROLE-1), a permission per action that answers 403 before any input check for roles that may never
write it, an input serializer that only types the input, ONE call of `domain`, the output serializer.
Reads are logged (R-0-AUDIT-2); a list page costs a constant number of queries. A physician reads the
medical part only.
"""

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from kern.rollen import berechtigung_pruefen
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
from zwang import domain, permissions
from zwang.domain import korrekturen_fuer
from zwang.models import Beteiligung, Pruefung, Zwangsprotokoll
from zwang.permissions import ProtokollRechte
from zwang.queries import mit_offener_stellungnahme, nur_medizinteil, protokolle_fuer_user
from zwang.serializers import (
    KorrekturEingabeSerializer,
    ProtokollEingabeSerializer,
    ProtokollFilterSerializer,
    ProtokollSerializer,
    PruefungEingabeSerializer,
    StellungnahmeEingabeSerializer,
)

TAG = "Unmittelbarer Zwang (§ 33)"
_AUSGABENAMEN = {"__all__": "non_field_errors"}


def _anreichern(protokolle: list[Zwangsprotokoll]) -> None:
    alle = korrekturen_fuer([p.pk for p in protokolle]) if protokolle else {}
    for p in protokolle:
        p._korrekturen = alle.get(p.pk, [])


_SCHREIBANTWORTEN = {400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404}


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Zwangsprotokolle auflisten (§ 33 Abs. 4 JVG)",
        description="Die Protokolle, die der Aufrufer sehen darf: Anstaltsrollen die der eigenen Einrichtung über "
        "Personen, die dort platziert sind (Entwürfe nur die eigenen); Sachbearbeitung, Revision und "
        "Bedrohungsmanagement alle eingereichten; Medizin nur zugeteilte Personen und nur den medizinischen "
        "Teil. Filterbar nach Einrichtung, Status und offenen Stellungnahmen.",
        parameters=[ProtokollFilterSerializer],
        responses={200: ProtokollSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Zwangsprotokoll lesen",
        description="Ein Protokoll mit Beteiligten, Stellungnahmen, Prüfungen und Korrekturen (Feld, alt → neu, "
        "wer, wann, Grund); ausserhalb der eigenen Sicht 404 (R-0-ROLE-1).",
        responses={200: ProtokollSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class ProtokollViewSet(
    ListenfilterMixin, ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Zwangsprotokoll.objects.none()  # for the schema's model only; get_queryset decides
    filter_serializer_class = ProtokollFilterSerializer
    filterfelder = {"anstalt": "anstalt_id", "status": "status", "person": "person_id", "fall": "fall_id"}
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, ProtokollRechte]

    serializer_class = ProtokollSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "nur_medizinteil": nur_medizinteil(self.request.user)}

    def get_queryset(self) -> QuerySet[Zwangsprotokoll]:
        return (
            protokolle_fuer_user(self.request.user)
            .select_related("person", "anstalt", "erfasst_durch")
            .prefetch_related(
                Prefetch(
                    "beteiligte", queryset=Beteiligung.objects.select_related("benutzer").order_by("pk")
                ),
                Prefetch(
                    "pruefungen", queryset=Pruefung.objects.select_related("durch").order_by("am", "pk")
                ),
            )
            .order_by("-beginn", "-pk")
        )

    def get_serializer(self, *args, **kwargs):
        # The corrections of the whole page in one query (`korrekturen_fuer`), not one per row.
        if args and self.action in ("list", "retrieve"):
            _anreichern(list(args[0]) if kwargs.get("many") else [args[0]])
        return super().get_serializer(*args, **kwargs)

    def _person_von(self, protokoll):
        return protokoll.person_id

    def weitere_filter(self, queryset, daten):
        return mit_offener_stellungnahme(queryset) if daten.get("offen") else queryset

    def _antwort(self, protokoll, code=status.HTTP_200_OK) -> Response:
        # Read back through the viewset's own queryset: the answer looks exactly like a later GET.
        obj = self.get_queryset().get(pk=protokoll.pk)
        _anreichern([obj])
        daten = ProtokollSerializer(obj, context=self.get_serializer_context()).data
        return Response(daten, status=code, headers={"Location": str(daten["url"])} if code == 201 else None)

    @extend_schema(
        summary="Zwangsprotokoll erfassen (Entwurf, § 33 Abs. 4 JVG)",
        description="Anstaltspersonal und Anstaltsleitung der Einrichtung, in der die Person platziert ist. "
        "Der Entwurf darf unvollständig sein; Beginn/Ende nicht in der Zukunft, Ende nicht vor dem Beginn "
        "(R-33-1). Beteiligte: Mitarbeitende der eigenen Einrichtung mit Funktion. Eingereicht wird mit "
        "`POST …/einreichen/`.",
        request=ProtokollEingabeSerializer,
        responses={201: ProtokollSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(ProtokollEingabeSerializer, request)
        daten = eingabe.validated_data
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            protokoll = domain.protokoll_erfassen(
                fall=daten["fall"],
                daten=domain.ProtokollDaten(**eingabe.inhalt()),
                beteiligte=[domain.BeteiligungDaten(**b) for b in daten["beteiligte"]],
                durch=request.user,
            )
        return self._antwort(protokoll, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Zwangsprotokoll einreichen",
        description="Nur die erfassende Person. R-33-1: vollständig (Ende, Ort, Anlass, Zweck nach § 33 Abs. 1 "
        "lit. a–c, mildere Massnahmen nach Abs. 2, Techniken, Verletzungen ausdrücklich, medizinische Kontrolle, "
        "Beteiligte). Setzt die Frist jeder Stellungnahme (JVG_ZWANG_STELLUNGNAHME_STUNDEN ab jetzt) und "
        "erstellt die Prüfaufgabe der Anstaltsleitung. Ohne Inhalt.",
        request=None,
        responses={200: ProtokollSerializer, **_SCHREIBANTWORTEN},
    )
    @action(detail=True, methods=["post"], url_path="einreichen")
    def einreichen(self, request, pk=None, **kwargs):
        protokoll = self.get_object()
        with fehler_mit_api_namen(ProtokollEingabeSerializer(context={"request": request}), _AUSGABENAMEN):
            domain.protokoll_einreichen(protokoll=protokoll, durch=request.user)
        return self._antwort(protokoll)

    @extend_schema(
        summary="Eigene Stellungnahme abgeben",
        description="Nur die beteiligte Person selbst, einmal, zum eingereichten Protokoll (R-33-1); eine "
        "verspätete Stellungnahme wird angenommen und als solche erkennbar.",
        request=StellungnahmeEingabeSerializer,
        responses={200: ProtokollSerializer, **_SCHREIBANTWORTEN},
    )
    @action(detail=True, methods=["post"], url_path="stellungnahme")
    def stellungnahme(self, request, pk=None, **kwargs):
        protokoll = self.get_object()
        beteiligung = protokoll.beteiligte.filter(benutzer=request.user).first()
        # Permission before validation: who is not involved gets 403 whatever he sent (R-0-ROLE-1).
        berechtigung_pruefen(
            permissions.darf_stellung_nehmen(request.user, beteiligung),
            "Stellungnahme abgeben (nur die am Einsatz beteiligte Person selbst, § 33 Abs. 4 JVG)",
        )
        eingabe = eingabe_pruefen(StellungnahmeEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            domain.stellungnahme_abgeben(
                beteiligung=beteiligung, text=eingabe.validated_data["stellungnahme"], durch=request.user
            )
        return self._antwort(protokoll)

    @extend_schema(
        summary="Zwangsprotokoll prüfen (Vier-Augen-Prinzip)",
        description="Nur die Anstaltsleitung der Einrichtung, nie die erfassende oder eine beteiligte Person "
        "(R-0-4EYES-1). Erst wenn alle Stellungnahmen vorliegen oder ihre Frist abgelaufen ist. Ergebnis "
        "«rechtmässig» oder «beanstandet», Bemerkung Pflicht.",
        request=PruefungEingabeSerializer,
        responses={200: ProtokollSerializer, **_SCHREIBANTWORTEN},
    )
    @action(detail=True, methods=["post"], url_path="pruefung")
    def pruefung(self, request, pk=None, **kwargs):
        protokoll = self.get_object()
        eingabe = eingabe_pruefen(PruefungEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            domain.protokoll_pruefen(protokoll=protokoll, **eingabe.validated_data, durch=request.user)
        return self._antwort(protokoll)

    @extend_schema(
        summary="Eingereichtes Zwangsprotokoll korrigieren",
        description="Die erfassende Person oder die Anstaltsleitung. Nur die genannten Felder ändern sich; "
        "`grund` ist Pflicht und wird mit der Änderung im Verlauf gespeichert (R-33-1). Das Protokoll muss "
        "vollständig bleiben. Ein geprüftes Protokoll geht zur erneuten Prüfung zurück. `beteiligte` fügt "
        "nach dem Einreichen weitere beteiligte Personen mit demselben Grund hinzu (bei den Korrekturen aufgeführt).",
        request=KorrekturEingabeSerializer,
        responses={200: ProtokollSerializer, **_SCHREIBANTWORTEN},
    )
    @action(detail=True, methods=["post"], url_path="korrektur")
    def korrektur(self, request, pk=None, **kwargs):
        protokoll = self.get_object()
        eingabe = eingabe_pruefen(KorrekturEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            domain.protokoll_korrigieren(
                protokoll=protokoll,
                aenderungen=eingabe.inhalt(),
                grund=eingabe.validated_data["grund"],
                neue_beteiligte=[domain.BeteiligungDaten(**b) for b in eingabe.validated_data["beteiligte"]],
                durch=request.user,
            )
        return self._antwort(protokoll)


def registrieren(router) -> None:
    """Register this module's viewsets on the shared /api/v1/ router (jvg_case.api_urls)."""
    router.register("zwang/protokolle", ProtokollViewSet, basename="zwangsprotokoll")
