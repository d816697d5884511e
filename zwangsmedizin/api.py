"""Zwangsmedikation und Zwangsernährung (§§ 34–39 JVG): REST endpoints under /api/v1/.

Thin like `aufschub.api`: scoped querysets (`queries`: outside → 404), the medical content
only for callers who may read health data (others get null; the health-data objects themselves —
information sessions, Patientenverfügungen — answer 404), one domain call per write
(PermissionDenied → 403, ValidationError → 400 at the API field name), reads logged (ViewSetBasis).
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

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
from zwangsmedizin import permissions
from zwangsmedizin import serializers as s
from zwangsmedizin.domain import entscheid, ernaehrung, information, medikation
from zwangsmedizin.models import (
    Aufklaerungsgespraech,
    Hungerstreik,
    Patientenverfuegung,
    Zwangsmedikation,
)
from zwangsmedizin.queries import (
    gespraeche_fuer_user,
    hungerstreiks_fuer_user,
    medikationen_fuer_user,
    patientenverfuegungen_fuer_user,
    sieht_gesundheitsdaten,
)

TAG = "Zwangsmedikation und Zwangsernährung (§§ 34–39)"
_ANTWORTEN = {400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404}


class _Basis(ViewSetBasis):
    permission_classes = [IsAuthenticated]
    parser_classes = [JsonParser]


class _NachPersonUndFall(ListenfilterMixin):
    """Lists filter by `?person=…&fall=…` (issue 17); the queryset stays the caller's visible one."""

    filter_serializer_class = s.DossierFilterSerializer
    filterfelder = {"person": "person_id", "fall": "fall_id"}

    def get_serializer_context(self):
        kontext = super().get_serializer_context()
        kontext["gesundheitsdaten"] = sieht_gesundheitsdaten(self.request.user)
        return kontext

    def _person_von(self, obj):
        return obj.person_id

    def _schritt(self, serializer_class, ausfuehren, darf=None):
        obj = self.get_object()
        # The step's predicate before the input (issue 24): without the right 403, never a 400.
        if darf is not None and not darf(self.request.user, obj):
            raise PermissionDenied("Keine Berechtigung für diesen Schritt (§§ 34–39 JVG, R-0-ROLE-1).")
        eingabe = eingabe_pruefen(serializer_class, self.request)
        with fehler_mit_api_namen(eingabe):
            ausfuehren(obj, eingabe.validated_data)
        return self._antwort(obj)


def _schritt_schema(summary: str, description: str, request):
    return extend_schema(
        summary=summary,
        description=description,
        request=request,
        responses={200: s.ZwangsmedikationSerializer, **_ANTWORTEN},
    )


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Zwangsmedikationen auflisten",
        description="Sachbearbeitung und Revision: alle; Medizin: zugeteilte Personen; Anstaltsleitung: Personen "
        "der eigenen Einrichtung. Gesundheitsdaten nur für Sachbearbeitung und zugeteilte Ärzteschaft.",
        responses={200: s.ZwangsmedikationSerializer, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Zwangsmedikation lesen",
        description="Ausserhalb der eigenen Sicht 404 (R-0-ROLE-1). Der Lesezugriff wird protokolliert.",
        responses={200: s.ZwangsmedikationSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class ZwangsmedikationViewSet(
    _NachPersonUndFall, _Basis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Zwangsmedikation.objects.none()
    serializer_class = s.ZwangsmedikationSerializer
    # § 38 Abs. 2: the recommendation document comes as multipart with the request.
    parser_classes = [JsonParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return (
            medikationen_fuer_user(self.request.user)
            .select_related("verfuegung")
            .order_by("-erfasst_am", "-pk")
        )

    @extend_schema(
        summary="Bericht und Antrag (§ 36 Abs. 1) oder dringlicher Entscheid (§ 36 Abs. 2)",
        description="Nur die zugeteilte Ärztin / der zugeteilte Arzt. R-35-1: freiwillige Massnahmen und Grund "
        "lit. a–c; R-38-1: Art. 59/63 StGB, Empfehlung (Dokument: multipart), fachärztliche Leitung; R-36-1: "
        "dringlich mit Begründung; R-37-1: dringlich nur mit Aufklärung oder Gefahr im Verzug.",
        request={
            "application/json": s.MedikationEingabeSerializer,
            "multipart/form-data": s.MedikationEingabeSerializer,
        },
        responses={201: s.ZwangsmedikationSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        # Permission before validation (R-0-ROLE-1): the role first; the person's assignment after the input.
        if not permissions.darf_medikation_beantragen(request.user):
            raise PermissionDenied("Keine Berechtigung: Zwangsmedikation beantragen (§ 36 JVG, R-0-ROLE-1).")
        eingabe = eingabe_pruefen(s.MedikationEingabeSerializer, request)
        d = dict(eingabe.validated_data)
        fall, weg = d.pop("fall"), d.pop("weg")
        extra = {
            k: d.pop(k) for k in ("dringlich_begruendung", "aufgeklaert_am", "gefahr_im_verzug_begruendung")
        }
        dokument = d.pop("empfehlung_dokument")
        daten = medikation.Medikationsdaten(**d)
        with fehler_mit_api_namen(eingabe):
            if weg == "dringlich":
                m = medikation.dringlich_anordnen(fall=fall, daten=daten, durch=request.user, **extra)
            else:
                m = medikation.antrag_stellen(
                    fall=fall, daten=daten, empfehlung_dokument=dokument, durch=request.user
                )
        return self._antwort(m, status.HTTP_201_CREATED)

    @_schritt_schema(
        "Aufklärung erfassen (§ 37 Abs. 1)",
        "Zugeteilte Ärzteschaft oder Sachbearbeitung; vor der Anordnung, nachträglich nur bei Gefahr im Verzug (R-37-1).",
        s.ZeitpunktSerializer,
    )
    @action(detail=True, methods=["post"], url_path="aufklaerung")
    def aufklaerung(self, request, pk=None, **kwargs):
        return self._schritt(
            s.ZeitpunktSerializer,
            lambda m, d: information.aufklaerung_erfassen(medikation=m, am=d["am"], durch=request.user),
            darf=lambda u, m: permissions.darf_medikation_aktion(u, m, "aufklaerung"),
        )

    @_schritt_schema(
        "Gefahr im Verzug vermerken (§ 37 Abs. 1)",
        "Vor der Anordnung, begründet (R-37-1).",
        s.BegruendungSerializer,
    )
    @action(detail=True, methods=["post"], url_path="gefahr-im-verzug")
    def gefahr_im_verzug(self, request, pk=None, **kwargs):
        return self._schritt(
            s.BegruendungSerializer,
            lambda m, d: information.gefahr_im_verzug_erfassen(
                medikation=m, begruendung=d["begruendung"], durch=request.user
            ),
            darf=lambda u, m: permissions.darf_medikation_aktion(u, m, "gefahr"),
        )

    @_schritt_schema(
        "Wunsch: Angehörige informieren (§ 37 Abs. 1)",
        "Erstellt die Aufgabe ANGEHOERIGE_INFORMIEREN.",
        s.AngehoerigeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="angehoerige")
    def angehoerige(self, request, pk=None, **kwargs):
        return self._schritt(
            s.AngehoerigeSerializer,
            lambda m, d: information.angehoerige_wunsch_erfassen(
                medikation=m, person_bezeichnung=d["person_bezeichnung"], durch=request.user
            ),
            darf=lambda u, m: permissions.darf_medikation_aktion(u, m, "angehoerige"),
        )

    @_schritt_schema("Angehörige informiert (§ 37 Abs. 1)", "Erledigt die Aufgabe.", s.ZeitpunktSerializer)
    @action(detail=True, methods=["post"], url_path="angehoerige-informiert")
    def angehoerige_informiert(self, request, pk=None, **kwargs):
        return self._schritt(
            s.ZeitpunktSerializer,
            lambda m, d: information.angehoerige_informiert(medikation=m, am=d["am"], durch=request.user),
            darf=lambda u, m: permissions.darf_medikation_aktion(u, m, "angehoerige_informiert"),
        )

    @_schritt_schema(
        "Einweisungsbehörde informiert (§ 37 Abs. 3)",
        "Leitung der Einrichtung; der Zeitpunkt wird mit der Aufgabe festgehalten (R-37-1).",
        s.ZeitpunktSerializer,
    )
    @action(detail=True, methods=["post"], url_path="einweisungsbehoerde-informiert")
    def einweisungsbehoerde_informiert(self, request, pk=None, **kwargs):
        return self._schritt(
            s.ZeitpunktSerializer,
            lambda m, d: information.einweisungsbehoerde_informiert(
                medikation=m, am=d["am"], durch=request.user
            ),
            darf=lambda u, m: permissions.darf_medikation_aktion(u, m, "einweisungsbehoerde"),
        )

    @_schritt_schema(
        "Verfügung entwerfen (§ 36 Abs. 1)",
        "Nur Sachbearbeitung: Entwurf vom Typ zwangsmedikation_36; Gehör, Vier-Augen-Prinzip und Eröffnung unter /api/v1/verfuegungen/.",
        s.BegruendungSerializer,
    )
    @action(detail=True, methods=["post"], url_path="verfuegung")
    def verfuegung(self, request, pk=None, **kwargs):
        return self._schritt(
            s.BegruendungSerializer,
            lambda m, d: entscheid.verfuegung_entwerfen(
                medikation=m, begruendung=d["begruendung"], durch=request.user
            ),
            darf=lambda u, m: permissions.darf_medikation_aktion(u, m, "verfuegen"),
        )

    @_schritt_schema("Antrag ablehnen", "Nur Sachbearbeitung, mit Begründung.", s.BegruendungSerializer)
    @action(detail=True, methods=["post"], url_path="ablehnen")
    def ablehnen(self, request, pk=None, **kwargs):
        return self._schritt(
            s.BegruendungSerializer,
            lambda m, d: entscheid.antrag_ablehnen(
                medikation=m, begruendung=d["begruendung"], durch=request.user
            ),
            darf=lambda u, m: permissions.darf_medikation_aktion(u, m, "ablehnen"),
        )

    @_schritt_schema(
        "Dringliche Anordnung nachprüfen (§ 36 Abs. 2)",
        "Nur Sachbearbeitung: bestätigt / nicht bestätigt mit Kommentar (R-36-1).",
        s.NachpruefungSerializer,
    )
    @action(detail=True, methods=["post"], url_path="nachpruefung")
    def nachpruefung(self, request, pk=None, **kwargs):
        return self._schritt(
            s.NachpruefungSerializer,
            lambda m, d: entscheid.nachpruefen(
                medikation=m, ergebnis=d["ergebnis"], kommentar=d["kommentar"], durch=request.user
            ),
            darf=lambda u, m: permissions.darf_medikation_aktion(u, m, "nachpruefen"),
        )

    @_schritt_schema(
        "Zwangsmedikation beenden",
        "Zugeteilte Ärzteschaft oder Sachbearbeitung, mit Begründung.",
        s.BegruendungSerializer,
    )
    @action(detail=True, methods=["post"], url_path="beenden")
    def beenden(self, request, pk=None, **kwargs):
        return self._schritt(
            s.BegruendungSerializer,
            lambda m, d: entscheid.beenden(medikation=m, grund=d["begruendung"], durch=request.user),
            darf=lambda u, m: permissions.darf_medikation_aktion(u, m, "beenden"),
        )


def _hs_schema(summary: str, description: str, request):
    return extend_schema(
        summary=summary,
        description=description,
        request=request,
        responses={200: s.HungerstreikSerializer, **_ANTWORTEN},
    )


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Hungerstreiks auflisten",
        description="Sicht wie bei Zwangsmedikationen; Zustand und Beurteilung nur für Berechtigte.",
        responses={200: s.HungerstreikSerializer, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Hungerstreik lesen",
        description="Ausserhalb der eigenen Sicht 404 (R-0-ROLE-1).",
        responses={200: s.HungerstreikSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class HungerstreikViewSet(
    _NachPersonUndFall, _Basis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Hungerstreik.objects.none()
    serializer_class = s.HungerstreikSerializer

    def get_queryset(self):
        return (
            hungerstreiks_fuer_user(self.request.user).select_related("verfuegung").order_by("-beginn", "-pk")
        )

    @extend_schema(
        summary="Hungerstreik erfassen (§ 39)",
        description="Zugeteilte Ärzteschaft, Anstaltsleitung der Einrichtung oder Sachbearbeitung.",
        request=s.HungerstreikEingabeSerializer,
        responses={201: s.HungerstreikSerializer, 400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403},
    )
    def create(self, request, **kwargs):
        # Permission before validation (R-0-ROLE-1): the role first; the person's scope after the input.
        if not permissions.darf_hungerstreik_erfassen(request.user):
            raise PermissionDenied("Keine Berechtigung: Hungerstreik erfassen (§ 39 JVG, R-0-ROLE-1).")
        eingabe = eingabe_pruefen(s.HungerstreikEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            h = ernaehrung.hungerstreik_erfassen(**eingabe.validated_data, durch=request.user)
        return self._antwort(h, status.HTTP_201_CREATED)

    @_hs_schema(
        "Aufklärung über Risiken erfassen (§ 39 Abs. 1)",
        "Nur zugeteilte Ärzteschaft: Zeitpunkt, Inhalt, Reaktion (R-39-1).",
        s.GespraechEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="gespraech")
    def gespraech(self, request, pk=None, **kwargs):
        return self._schritt(
            s.GespraechEingabeSerializer,
            lambda h, d: ernaehrung.gespraech_erfassen(hungerstreik=h, **d, durch=request.user),
            lambda u, h: permissions.darf_gespraech_erfassen(u, h.person_id),
        )

    @_hs_schema(
        "Bewusstseinsverlust / Urteilsunfähigkeit melden (§ 39 Abs. 3)",
        "Nur zugeteilte Ärzteschaft; erstellt die Aufgabe ZWANGSERNAEHRUNG_ENTSCHEIDEN.",
        s.ZustandSerializer,
    )
    @action(detail=True, methods=["post"], url_path="zustand")
    def zustand(self, request, pk=None, **kwargs):
        return self._schritt(
            s.ZustandSerializer,
            lambda h, d: ernaehrung.zustand_melden(hungerstreik=h, **d, durch=request.user),
            lambda u, h: permissions.darf_zustand_melden(u, h.person_id),
        )

    @_hs_schema(
        "Zwangsernährung verfügen (§ 39 Abs. 3)",
        "Nur Sachbearbeitung. Eine Patientenverfügung, welche die Zwangsernährung ablehnt, sperrt (§ 39 Abs. 2, R-39-1).",
        s.BegruendungSerializer,
    )
    @action(detail=True, methods=["post"], url_path="verfuegung")
    def verfuegung(self, request, pk=None, **kwargs):
        return self._schritt(
            s.BegruendungSerializer,
            lambda h, d: ernaehrung.verfuegung_entwerfen(
                hungerstreik=h, begruendung=d["begruendung"], durch=request.user
            ),
            lambda u, h: permissions.darf_verfuegen(u),
        )

    @_hs_schema("Hungerstreik beendet", "Zeitpunkt des Endes.", s.ZeitpunktSerializer)
    @action(detail=True, methods=["post"], url_path="beenden")
    def beenden(self, request, pk=None, **kwargs):
        return self._schritt(
            s.ZeitpunktSerializer,
            lambda h, d: ernaehrung.hungerstreik_beenden(hungerstreik=h, am=d["am"], durch=request.user),
            lambda u, h: permissions.darf_hungerstreik_beenden(u, h.person_id),
        )

    @extend_schema(
        summary="Patientenverfügung erfassen (§ 39 Abs. 2)",
        description="Zugeteilte Ärzteschaft oder Sachbearbeitung; `multipart/form-data`.",
        request={"multipart/form-data": s.PatientenverfuegungEingabeSerializer},
        responses={201: s.PatientenverfuegungSerializer, **_ANTWORTEN},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="patientenverfuegung",
        parser_classes=[MultiPartParser, FormParser],
    )
    def patientenverfuegung(self, request, pk=None, **kwargs):
        h = self.get_object()
        if not permissions.darf_patientenverfuegung_erfassen(request.user, h.person_id):
            raise PermissionDenied("Keine Berechtigung: Patientenverfügung erfassen (§ 39 JVG, R-0-ROLE-1).")
        eingabe = eingabe_pruefen(s.PatientenverfuegungEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            pv = ernaehrung.patientenverfuegung_erfassen(
                person=h.person, **eingabe.validated_data, durch=request.user
            )
        return Response(s.PatientenverfuegungSerializer(pv).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Aufklärungsgespräche (§ 39 Abs. 1) auflisten",
        description="Gesundheitsdaten: nur Sachbearbeitung und zugeteilte Ärzteschaft (sonst leer).",
        responses={200: s.GespraechSerializer, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Aufklärungsgespräch lesen",
        description="Für alle anderen Rollen 404.",
        responses={200: s.GespraechSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class GespraechViewSet(_Basis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Aufklaerungsgespraech.objects.none()
    serializer_class = s.GespraechSerializer

    def get_queryset(self):
        return gespraeche_fuer_user(self.request.user).select_related("hungerstreik").order_by("am", "pk")

    def _person_von(self, obj):
        return obj.hungerstreik.person_id


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Patientenverfügungen (§ 39 Abs. 2) auflisten",
        description="Gesundheitsdaten: nur Sachbearbeitung und zugeteilte Ärzteschaft (sonst leer).",
        responses={200: s.PatientenverfuegungSerializer, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Patientenverfügung lesen",
        description="Für alle anderen Rollen 404.",
        responses={200: s.PatientenverfuegungSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class PatientenverfuegungViewSet(
    _Basis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Patientenverfuegung.objects.none()
    serializer_class = s.PatientenverfuegungSerializer

    def get_queryset(self):
        return patientenverfuegungen_fuer_user(self.request.user).order_by("-datum", "-pk")

    def _person_von(self, pv):
        # R-0-AUDIT-2: the read log names the person (was missing: every read answered 500).
        return pv.person_id


def registrieren(router) -> None:
    """Register this module's viewsets on the shared /api/v1/ router (jvg_case.api_urls)."""
    router.register("zwangsmedikationen", ZwangsmedikationViewSet, basename="zwangsmedikation")
    router.register("hungerstreiks", HungerstreikViewSet, basename="hungerstreik")
    router.register("zwangsmedizin-gespraeche", GespraechViewSet, basename="zwangsmedizin-gespraech")
    router.register("patientenverfuegungen", PatientenverfuegungViewSet, basename="patientenverfuegung")
