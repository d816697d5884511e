"""REST interface of §§ 25, 26, 28, 32 JVG under /api/v1/zwangsmassnahmen/.

Thin like `disziplinar.api`: scoped querysets (`zwangsmassnahmen.queries`; outside the caller's view a
404, R-0-ROLE-1), a permission per action that answers 403 before any input check for roles that may
never write it, an input serializer that only types the input, ONE call of `zwangsmassnahmen.domain`
(which checks the object-level permission and every rule again), and the output serializer. Reads are
logged (R-0-AUDIT-2); every list page costs a constant number of queries (related rows joined).
"""

from django.db.models import QuerySet
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
from zwangsmassnahmen import domain
from zwangsmassnahmen.models import Entweichung, Kontrolle, Sicherheitshaft, VoruebergehendeVersetzung
from zwangsmassnahmen.permissions import EntweichungRechte, HaftRechte, KontrolleRechte, VersetzungRechte
from zwangsmassnahmen.queries import (
    entweichungen_fuer_user,
    haften_fuer_user,
    kontrollen_fuer_user,
    versetzungen_fuer_user,
)
from zwangsmassnahmen.serializers import (
    AntragEingabeSerializer,
    EntweichungEingabeSerializer,
    EntweichungSerializer,
    FallFilterSerializer,
    GerichtEntscheidEingabeSerializer,
    HaftEingabeSerializer,
    HaftEndeEingabeSerializer,
    HaftFilterSerializer,
    HaftSerializer,
    InformationEingabeSerializer,
    KontrolleEingabeSerializer,
    KontrolleFilterSerializer,
    KontrolleSerializer,
    LeibesvisitationAntragSerializer,
    LeibesvisitationDurchfuehrungSerializer,
    LeibesvisitationEntscheidSerializer,
    VersetzungEingabeSerializer,
    VersetzungSerializer,
    ZufuehrungEingabeSerializer,
)

TAG = "Zwangsmassnahmen (§§ 25, 26, 28, 32)"
_FEHLER_MIT_OBJEKT = {400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404}
_FEHLER_OHNE_OBJEKT = {400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403}


class _Basis(ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    parser_classes = [JsonParser]

    def _person_von(self, obj):
        return obj.fall.person_id


# --- § 25 ------------------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Sicherheitshaften auflisten (§ 25 JVG)",
        description="Sachbearbeitung und Revision: alle; Anstaltsrollen: Personen, die in der eigenen Einrichtung "
        "platziert sind. Mit der 48-Stunden-Frist (minutengenau, R-0-FRIST-3) und dem Überfällig-Kennzeichen.",
        parameters=[HaftFilterSerializer],
        responses={200: HaftSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Sicherheitshaft lesen", responses={200: HaftSerializer, 401: ANTWORT_401, 404: ANTWORT_404}
    ),
)
class HaftViewSet(ListenfilterMixin, _Basis):
    queryset = Sicherheitshaft.objects.none()  # for the schema's model only; get_queryset decides
    filter_serializer_class = HaftFilterSerializer
    filterfelder = {"status": "status", "fall": "fall_id", "person": "fall__person_id"}
    serializer_class = HaftSerializer
    permission_classes = [IsAuthenticated, HaftRechte]

    def get_queryset(self) -> QuerySet[Sicherheitshaft]:
        return (
            haften_fuer_user(self.request.user)
            .select_related("fall__person", "anstalt")
            .order_by("-angeordnet_am", "-pk")
        )

    @extend_schema(
        summary="Sicherheitshaft anordnen (§ 25 Abs. 1) oder bei der Verfahrensleitung beantragen (Abs. 3)",
        description="Nur Sachbearbeitung. R-25-1: nachträgliches Verfahren (Art. 363 ff. StPO: Art und "
        "Geschäftsnummer), Beurteilung der hinreichenden Wahrscheinlichkeit und mindestens ein Haftgrund "
        "(lit. a–c). Abs. 1: Festnahme (nicht in der Zukunft) und Haftort; die Frist für den Antrag ans "
        "Zwangsmassnahmengericht wird auf die Minute berechnet (48 Stunden, R-25-2). Abs. 3: Einleitung des "
        "Verfahrens und Antrag an die Verfahrensleitung.",
        request=HaftEingabeSerializer,
        responses={201: HaftSerializer, **_FEHLER_OHNE_OBJEKT},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(HaftEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        fall = daten.pop("fall")
        with fehler_mit_api_namen(eingabe):
            haft = domain.sicherheitshaft_anordnen(
                fall=fall, daten=domain.HaftDaten(**daten), durch=request.user
            )
        return self._antwort(haft, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Verlängerungsantrag erfassen (§ 25 Abs. 2)",
        description="Nur Sachbearbeitung. Einreichung nicht vor der Festnahme und nicht in der Zukunft; nach "
        "Ablauf der 48 Stunden wird sie erfasst, aber als verspätet gekennzeichnet (R-25-2).",
        request=AntragEingabeSerializer,
        responses={200: HaftSerializer, **_FEHLER_MIT_OBJEKT},
    )
    @action(detail=True, methods=["post"], url_path="antrag")
    def antrag(self, request, pk=None, **kwargs):
        haft = self.get_object()
        eingabe = eingabe_pruefen(AntragEingabeSerializer, request)
        d = eingabe.validated_data
        with fehler_mit_api_namen(eingabe):
            domain.antrag_erfassen(
                haft=haft, antrag_am=d["antrag_am"], referenz=d["antrag_referenz"], durch=request.user
            )
        return self._antwort(haft)

    @extend_schema(
        summary="Entscheid des Zwangsmassnahmengerichts erfassen",
        description="Nur Sachbearbeitung. Bewilligt → Haft dauert an; abgelehnt → Haft beendet (Entlassung).",
        request=GerichtEntscheidEingabeSerializer,
        responses={200: HaftSerializer, **_FEHLER_MIT_OBJEKT},
    )
    @action(detail=True, methods=["post"], url_path="gerichtsentscheid")
    def gerichtsentscheid(self, request, pk=None, **kwargs):
        haft = self.get_object()
        eingabe = eingabe_pruefen(GerichtEntscheidEingabeSerializer, request)
        d = eingabe.validated_data
        with fehler_mit_api_namen(eingabe):
            domain.gerichtsentscheid_erfassen(
                haft=haft, entscheid=d["gericht_entscheid"], am=d["gericht_entscheid_am"], durch=request.user
            )
        return self._antwort(haft)

    @extend_schema(
        summary="Sicherheitshaft beenden",
        description="Nur Sachbearbeitung; Zeitpunkt und Grund. Offene Erinnerungen werden erledigt.",
        request=HaftEndeEingabeSerializer,
        responses={200: HaftSerializer, **_FEHLER_MIT_OBJEKT},
    )
    @action(detail=True, methods=["post"], url_path="beenden")
    def beenden(self, request, pk=None, **kwargs):
        haft = self.get_object()
        eingabe = eingabe_pruefen(HaftEndeEingabeSerializer, request)
        d = eingabe.validated_data
        with fehler_mit_api_namen(eingabe):
            domain.haft_beenden(haft=haft, am=d["beendet_am"], grund=d["beendet_grund"], durch=request.user)
        return self._antwort(haft)


# --- § 26 ------------------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Vorübergehende Versetzungen auflisten (§ 26 JVG)",
        parameters=[FallFilterSerializer],
        responses={200: VersetzungSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Vorübergehende Versetzung lesen",
        responses={200: VersetzungSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class VersetzungViewSet(ListenfilterMixin, _Basis):
    queryset = VoruebergehendeVersetzung.objects.none()
    filter_serializer_class = FallFilterSerializer
    filterfelder = {"fall": "fall_id"}
    serializer_class = VersetzungSerializer
    permission_classes = [IsAuthenticated, VersetzungRechte]

    def get_queryset(self) -> QuerySet[VoruebergehendeVersetzung]:
        return (
            versetzungen_fuer_user(self.request.user)
            .select_related("fall__person", "von_anstalt", "platzierung__anstalt")
            .order_by("-angeordnet_am", "-pk")
        )

    @extend_schema(
        summary="Vorübergehend versetzen (§ 26 JVG)",
        description="Nur Sachbearbeitung. R-26-1: die freiheitsentziehende Massnahme ist vorübergehend "
        "undurchführbar (Begründung) UND dies gefährdet die Öffentlichkeit oder den Massnahmenzweck erheblich "
        "(Art und Begründung); Ziel ist eine andere Einrichtung. Die Versetzung erscheint in der "
        "Platzierungsgeschichte des Falls.",
        request=VersetzungEingabeSerializer,
        responses={201: VersetzungSerializer, **_FEHLER_OHNE_OBJEKT},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(VersetzungEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            v = domain.versetzung26_anordnen(**eingabe.validated_data, durch=request.user)
        return self._antwort(v, status.HTTP_201_CREATED)


# --- § 28 ------------------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Kontrollen und Durchsuchungen auflisten (§ 28 JVG)",
        description="Anstaltsrollen: die der eigenen Einrichtung über dort platzierte Personen; Sachbearbeitung "
        "und Revision: alle. Filterbar nach Status, Art und Fall.",
        parameters=[KontrolleFilterSerializer],
        responses={200: KontrolleSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Kontrolle lesen", responses={200: KontrolleSerializer, 401: ANTWORT_401, 404: ANTWORT_404}
    ),
)
class KontrolleViewSet(ListenfilterMixin, _Basis):
    queryset = Kontrolle.objects.none()
    filter_serializer_class = KontrolleFilterSerializer
    filterfelder = {"status": "status", "kontrollart": "art", "fall": "fall_id"}
    serializer_class = KontrolleSerializer
    permission_classes = [IsAuthenticated, KontrolleRechte]

    def get_queryset(self) -> QuerySet[Kontrolle]:
        return (
            kontrollen_fuer_user(self.request.user)
            .select_related(
                "fall__person", "anstalt", "beantragt_durch", "angeordnet_durch", "durchgefuehrt_durch"
            )
            .order_by("-erfasst_am", "-pk")
        )

    @extend_schema(
        summary="Durchsuchung oder Kontrolle erfassen (§ 28 Abs. 1 und 3)",
        description="Anstaltspersonal und -leitung der Einrichtung, in der die Person platziert ist. Durchsuchung "
        "von Effekten oder Unterkunft (Ort, bei Fund die Gegenstände) oder Atemluft-, Urin-, Blut-, Haarkontrolle "
        "(Art und Ergebnis, bei positivem Befund worauf). Eine Leibesvisitation wird hier abgelehnt (R-28-1): "
        "sie braucht Verdacht und Anordnung (`leibesvisitation`).",
        request=KontrolleEingabeSerializer,
        responses={201: KontrolleSerializer, **_FEHLER_OHNE_OBJEKT},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(KontrolleEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            k = domain.kontrolle_erfassen(**eingabe.validated_data, durch=request.user)
        return self._antwort(k, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Leibesvisitation beantragen (§ 28 Abs. 2)",
        description="Anstaltsrollen. R-28-1: nur mit erfasstem Verdacht (was die Person auf sich tragen oder in "
        "Körperöffnungen verbergen soll); anordnen muss die Anstaltsleitung (Art. 85 Abs. 2 StGB).",
        request=LeibesvisitationAntragSerializer,
        responses={201: KontrolleSerializer, **_FEHLER_OHNE_OBJEKT},
    )
    @action(detail=False, methods=["post"], url_path="leibesvisitation")
    def leibesvisitation(self, request, **kwargs):
        eingabe = eingabe_pruefen(LeibesvisitationAntragSerializer, request)
        with fehler_mit_api_namen(eingabe):
            k = domain.leibesvisitation_beantragen(**eingabe.validated_data, durch=request.user)
        return self._antwort(k, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Leibesvisitation anordnen oder ablehnen",
        description="Nur die Anstaltsleitung der Einrichtung, nie wer beantragt hat (R-0-4EYES-1). Ablehnung mit "
        "Begründung.",
        request=LeibesvisitationEntscheidSerializer,
        responses={200: KontrolleSerializer, **_FEHLER_MIT_OBJEKT},
    )
    @action(detail=True, methods=["post"], url_path="entscheiden")
    def entscheiden(self, request, pk=None, **kwargs):
        k = self.get_object()
        eingabe = eingabe_pruefen(LeibesvisitationEntscheidSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.leibesvisitation_entscheiden(kontrolle=k, **eingabe.validated_data, durch=request.user)
        return self._antwort(k)

    @extend_schema(
        summary="Leibesvisitation als durchgeführt erfassen",
        description="Anstaltsrollen der Einrichtung. Nur eine angeordnete Leibesvisitation, nicht vor der "
        "Anordnung, durch eine Person gleichen Geschlechts (Art. 85 Abs. 2 StGB, R-28-1).",
        request=LeibesvisitationDurchfuehrungSerializer,
        responses={200: KontrolleSerializer, **_FEHLER_MIT_OBJEKT},
    )
    @action(detail=True, methods=["post"], url_path="durchfuehren")
    def durchfuehren(self, request, pk=None, **kwargs):
        k = self.get_object()
        eingabe = eingabe_pruefen(LeibesvisitationDurchfuehrungSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.leibesvisitation_durchfuehren(kontrolle=k, **eingabe.validated_data, durch=request.user)
        return self._antwort(k)


# --- § 32 ------------------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Entweichungen und unerlaubte Abwesenheiten auflisten (§ 32 JVG)",
        parameters=[FallFilterSerializer],
        responses={200: EntweichungSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Entweichung lesen",
        responses={200: EntweichungSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class EntweichungViewSet(ListenfilterMixin, _Basis):
    queryset = Entweichung.objects.none()
    filter_serializer_class = FallFilterSerializer
    filterfelder = {"fall": "fall_id"}
    serializer_class = EntweichungSerializer
    permission_classes = [IsAuthenticated, EntweichungRechte]

    def get_queryset(self) -> QuerySet[Entweichung]:
        return (
            entweichungen_fuer_user(self.request.user)
            .select_related("fall__person", "anstalt")
            .order_by("-festgestellt_am", "-pk")
        )

    @extend_schema(
        summary="Entweichung oder unerlaubte Abwesenheit melden (§ 32 Abs. 1)",
        description="Anstaltspersonal und -leitung der Einrichtung. R-32-1: der Festnahme- und Zuführungsauftrag "
        "entsteht sofort (Nummer FZA-…); Aufgaben: Anstaltsleitung informiert die Einweisungsbehörde, "
        "Sachbearbeitung lässt den Auftrag vollziehen (beide sofort fällig).",
        request=EntweichungEingabeSerializer,
        responses={201: EntweichungSerializer, **_FEHLER_OHNE_OBJEKT},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(EntweichungEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            e = domain.entweichung_melden(**eingabe.validated_data, durch=request.user)
        return self._antwort(e, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Information der Einweisungsbehörde erfassen (§ 32 Abs. 1 Satz 2)",
        request=InformationEingabeSerializer,
        responses={200: EntweichungSerializer, **_FEHLER_MIT_OBJEKT},
    )
    @action(detail=True, methods=["post"], url_path="informiert")
    def informiert(self, request, pk=None, **kwargs):
        e = self.get_object()
        eingabe = eingabe_pruefen(InformationEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.einweisungsbehoerde_informiert(
                entweichung=e,
                am=eingabe.validated_data["einweisungsbehoerde_informiert_am"],
                durch=request.user,
            )
        return self._antwort(e)

    @extend_schema(
        summary="Zuführung erfassen (§ 32)",
        description="Anstaltsrollen der Einrichtung oder Sachbearbeitung: Zeitpunkt (nicht vor der Feststellung) "
        "und Art (Polizei, Personal nach § 32 Abs. 2, freiwillige Rückkehr).",
        request=ZufuehrungEingabeSerializer,
        responses={200: EntweichungSerializer, **_FEHLER_MIT_OBJEKT},
    )
    @action(detail=True, methods=["post"], url_path="zufuehrung")
    def zufuehrung(self, request, pk=None, **kwargs):
        e = self.get_object()
        eingabe = eingabe_pruefen(ZufuehrungEingabeSerializer, request)
        d = eingabe.validated_data
        with fehler_mit_api_namen(eingabe):
            domain.zufuehrung_erfassen(
                entweichung=e,
                am=d["zugefuehrt_am"],
                art=d["zufuehrung_art"],
                bemerkung=d["zufuehrung_bemerkung"],
                durch=request.user,
            )
        return self._antwort(e)


def registrieren(router) -> None:
    """Register this module's viewsets on the shared /api/v1/ router (jvg_case.api_urls)."""
    router.register("zwangsmassnahmen/sicherheitshaften", HaftViewSet, basename="sicherheitshaft")
    router.register("zwangsmassnahmen/versetzungen26", VersetzungViewSet, basename="versetzung26")
    router.register("zwangsmassnahmen/kontrollen", KontrolleViewSet, basename="kontrolle28")
    router.register("zwangsmassnahmen/entweichungen", EntweichungViewSet, basename="entweichung")
