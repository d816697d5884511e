"""Benachrichtigungen an Partnerbehörden (Webhooks): REST endpoints under /api/v1/.

An agency (its API user, role partnerbehoerde — with OAuth2 the token's agency user) manages its own
subscriptions and reads their delivery log; the administration sees all. Another agency's subscription
answers 404. The signing secret is in the answer of the creation and of the renewal only.
"""

from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from benachrichtigungen import domain
from benachrichtigungen.models import Abonnement, Zustellstatus, Zustellung
from benachrichtigungen.queries import abonnemente_fuer_user, abonnemente_mit_zahlen
from benachrichtigungen.recht import EREIGNISSE_JE_TYP
from kern.ereignisse import Ereignistyp
from kern.rollen import Rolle, hat_rolle
from kern.web.api import (
    ANTWORT_400,
    ANTWORT_401,
    ANTWORT_403,
    ANTWORT_404,
    JsonParser,
    eingabe_pruefen,
    fehler_mit_api_namen,
)

TAG = "Benachrichtigungen (Webhooks)"
_TABELLE = "\n".join(
    f"- {typ}: {', '.join(sorted(erlaubt))}" for typ, erlaubt in sorted(EREIGNISSE_JE_TYP.items())
)


_TYPEN = (
    "Ereignistypen: " + ", ".join(Ereignistyp.values) + " (je Behördentyp freigegeben, siehe Abonnieren)."
)


class AbonnementSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    behoerde = serializers.CharField(source="behoerde.name", read_only=True)
    url = serializers.CharField(read_only=True)
    ereignistypen = serializers.ListField(child=serializers.CharField(), read_only=True, help_text=_TYPEN)
    aktiv = serializers.BooleanField(read_only=True)
    erstelltAm = serializers.DateTimeField(source="erstellt_am", read_only=True)
    zugestellt = serializers.IntegerField(source="n_zugestellt", read_only=True)
    ausstehend = serializers.IntegerField(source="n_ausstehend", read_only=True)
    fehlgeschlagen = serializers.IntegerField(source="n_fehlgeschlagen", read_only=True)


class AbonnementMitGeheimnisSerializer(AbonnementSerializer):
    geheimnis = serializers.CharField(
        read_only=True,
        help_text="Signaturgeheimnis (HMAC-SHA256 über `<X-JVG-Zeitstempel>.<Body>`, Header `X-JVG-Signatur: "
        "sha256=<hex>`). Wird nur jetzt angezeigt und nirgends gespeichert.",
    )


class AbonnementEingabeSerializer(serializers.Serializer):
    behoerde = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Nur Administration: ID der Partnerbehörde. Eine Behörde: weglassen.",
    )
    url = serializers.CharField(max_length=500, allow_blank=True, help_text="https-Adresse des Empfängers.")
    ereignistypen = serializers.ListField(child=serializers.CharField(), allow_empty=True, help_text=_TYPEN)


class AbonnementAenderungSerializer(serializers.Serializer):
    url = serializers.CharField(max_length=500, required=False, allow_blank=True)
    ereignistypen = serializers.ListField(
        child=serializers.CharField(), required=False, allow_empty=True, help_text=_TYPEN
    )
    aktiv = serializers.BooleanField(required=False)


class ZustellversuchSerializer(serializers.Serializer):
    nummer = serializers.IntegerField(read_only=True)
    zeitpunkt = serializers.DateTimeField(read_only=True)
    dauerMs = serializers.IntegerField(source="dauer_ms", read_only=True)
    httpStatus = serializers.IntegerField(source="http_status", read_only=True, allow_null=True)
    fehler = serializers.CharField(read_only=True)
    erfolgreich = serializers.BooleanField(read_only=True)


class ZustellungSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    ereignisId = serializers.UUIDField(source="ereignis_id", read_only=True)
    ereignistyp = serializers.ChoiceField(choices=Ereignistyp.choices, read_only=True)
    status = serializers.ChoiceField(choices=Zustellstatus.choices, read_only=True)
    erstelltAm = serializers.DateTimeField(source="erstellt_am", read_only=True)
    zugestelltAm = serializers.DateTimeField(source="zugestellt_am", read_only=True, allow_null=True)
    versuche = ZustellversuchSerializer(many=True, read_only=True)


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Webhook-Abonnemente auflisten",
        description="Eine Partnerbehörde sieht ihre eigenen, die Administration alle.",
        responses={200: AbonnementSerializer, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Webhook-Abonnement lesen",
        responses={200: AbonnementSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class AbonnementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Abonnement.objects.none()
    serializer_class = AbonnementSerializer
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return abonnemente_mit_zahlen(abonnemente_fuer_user(self.request.user)).order_by("pk")

    def _eigene_behoerde(self, request, behoerde_id):
        from behoerden.models import Behoerde

        if hat_rolle(request.user, Rolle.ADMIN):
            if behoerde_id is None:
                raise ValidationError({"behoerde": ["Partnerbehörde angeben."]})
            b = Behoerde.objects.filter(pk=behoerde_id).first()
            if b is None:
                raise ValidationError({"behoerde": ["Partnerbehörde nicht gefunden."]})
            return b
        b = Behoerde.objects.filter(benutzer=request.user).first()
        if b is None or not hat_rolle(request.user, Rolle.PARTNERBEHOERDE):
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied("Keine Berechtigung: Webhook-Abonnement verwalten (R-0-ROLE-1).")
        return b

    def _mit_geheimnis(self, abo, geheimnis, code) -> Response:
        obj = self.get_queryset().get(pk=abo.pk)
        obj.geheimnis = geheimnis
        return Response(AbonnementMitGeheimnisSerializer(obj).data, status=code)

    @extend_schema(
        summary="Webhook abonnieren",
        description="Ereignistypen je Behördentyp (§ 21 Abs. 3 JVG; andere werden mit 400 abgelehnt):\n\n"
        + _TABELLE
        + "\n\nDie Nutzlast ist selbsttragend (Ereignis-ID, Typ, Zeitpunkt, Personenreferenz und die für den "
        "Behördentyp freigegebenen Datenkategorien) und signiert; Zustellung mindestens einmal, mit "
        "Wiederholungen (exponentielles Warten), Weiterleitungen werden nicht befolgt. Nur https.",
        request=AbonnementEingabeSerializer,
        responses={
            201: AbonnementMitGeheimnisSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
        },
    )
    def create(self, request, **kwargs):
        # Issue 18 item 6: who is neither admin nor a partner agency is refused before the input is read.
        vorab = None if hat_rolle(request.user, Rolle.ADMIN) else self._eigene_behoerde(request, None)
        eingabe = eingabe_pruefen(AbonnementEingabeSerializer, request)
        daten = eingabe.validated_data
        behoerde = vorab or self._eigene_behoerde(request, daten.get("behoerde"))
        with fehler_mit_api_namen(eingabe):
            abo, geheimnis = domain.abonnement_anlegen(
                behoerde=behoerde, url=daten["url"], ereignistypen=daten["ereignistypen"], durch=request.user
            )
        return self._mit_geheimnis(abo, geheimnis, 201)

    @extend_schema(
        summary="Webhook-Abonnement ändern",
        description="URL, Ereignistypen oder aktiv; wie beim Abonnieren geprüft.",
        request=AbonnementAenderungSerializer,
        responses={
            200: AbonnementSerializer,
            400: ANTWORT_400,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    def partial_update(self, request, pk=None, **kwargs):
        abo = self.get_object()
        eingabe = eingabe_pruefen(AbonnementAenderungSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.abonnement_aendern(
                abonnement=abo, aenderung=domain.Aenderung(**eingabe.validated_data), durch=request.user
            )
        return Response(self.get_serializer(self.get_queryset().get(pk=abo.pk)).data)

    @extend_schema(
        summary="Signaturgeheimnis erneuern",
        description="Das bisherige Geheimnis gilt sofort nicht mehr; das neue steht nur in dieser Antwort.",
        request=None,
        responses={
            200: AbonnementMitGeheimnisSerializer,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["post"], url_path="geheimnis")
    def geheimnis(self, request, pk=None, **kwargs):
        abo = self.get_object()
        neu = domain.geheimnis_erneuern(abonnement=abo, durch=request.user)
        return self._mit_geheimnis(abo, neu, 200)

    @extend_schema(
        summary="Zustellprotokoll des Abonnements",
        description="Die letzten 100 Zustellungen mit jedem Versuch (Zeit, Dauer, HTTP-Status oder Fehlerklasse).",
        responses={
            200: inline_serializer("Zustellprotokoll", {"zustellungen": ZustellungSerializer(many=True)}),
            401: ANTWORT_401,
            404: ANTWORT_404,
        },
    )
    @action(detail=True, methods=["get"], url_path="zustellungen")
    def zustellungen(self, request, pk=None, **kwargs):
        abo = self.get_object()
        liste = Zustellung.objects.filter(abonnement=abo).prefetch_related("versuche").order_by("-pk")[:100]
        return Response({"zustellungen": ZustellungSerializer(liste, many=True).data})


def registrieren(router) -> None:
    """Register this module's viewsets on the shared /api/v1/ router (jvg_case.api_urls)."""
    router.register(
        "benachrichtigungen/abonnemente", AbonnementViewSet, basename="benachrichtigungen-abonnement"
    )
