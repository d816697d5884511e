"""REST interface of the Vollzugsdaten under /api/v1/vollzugsdaten/ (issue 21).

Thin like `zwang.api`: the scoped queryset (outside the caller's view a 404, R-0-ROLE-1), a permission
per action that answers 403 before any input check, an input serializer that only types the input,
ONE call of `vollzugsdaten.domain`, the output serializer. Reads are logged (R-0-AUDIT-2).

- `faelle/{id}/`: the current Strafzeitberechnung of a case (recalculated on read when an input
  changed, R-VD-1), `faelle/{id}/angaben/` records the judgment's credit (Art. 51 StGB).
- `pruefungen/`: the examinations of conditional release and their steps (Art. 86–87 StGB).
- `massnahmen/`: measures with their deadlines, reviews and applications to the court (Art. 59–64b StGB,
  § 4 JVG).
"""

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from kern.lesezugriffe import lesezugriff_protokollieren, listenzugriff_protokollieren
from kern.models import Aktion
from kern.rollen import Rolle, hat_rolle
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
from vollzug.models import Vollzugsfall
from vollzug.queries import faelle_fuer_user
from vollzugsdaten import domain
from vollzugsdaten.domain import antragsschreiben
from vollzugsdaten.models import Berechnung, Entlassungspruefung, Gerichtsantrag, Massnahme
from vollzugsdaten.permissions import darf_antragsschreiben_lesen, darf_bearbeiten
from vollzugsdaten.serializers import (
    BedingtEntlassenEingabeSerializer,
    EntlassungsanhoerungEingabeSerializer,
    EntlassungsberichtEingabeSerializer,
    EntlassungsentscheidEingabeSerializer,
    EntlassungspruefungSerializer,
    GerichtsantragEingabeSerializer,
    GerichtsantwortEingabeSerializer,
    MassnahmeEingabeSerializer,
    MassnahmenpruefungEingabeSerializer,
    MassnahmeSerializer,
    StrafzeitangabenEingabeSerializer,
    StrafzeitberechnungSerializer,
)

TAG = "Vollzugsdaten und bedingte Entlassung (Art. 51, 59–64b, 86–87 StGB)"
_LESER = (Rolle.SACHBEARBEITUNG, Rolle.REVISION, Rolle.ANSTALTSLEITUNG, Rolle.ANSTALTSPERSONAL)
_SCHREIBEN = {400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404}


def _faelle(user) -> QuerySet[Vollzugsfall]:
    if not hat_rolle(user, *_LESER):
        return Vollzugsfall.objects.none()
    return faelle_fuer_user(user)


def _bericht(user) -> bool:
    # Art. 86 Abs. 2 StGB: the facility management (its own inmates: object scope) or the authority.
    return darf_bearbeiten(user) or hat_rolle(user, Rolle.ANSTALTSLEITUNG)


_SCHREIBAKTIONEN = frozenset(
    {
        "angaben",
        "bericht_anfordern",
        "bericht",
        "anhoerung",
        "entscheid",
        "entlassen",
        "create",
        "pruefung",
        "antrag",
        "antwort",
    }
)


class _PdfRenderer(BaseRenderer):
    """Lets a client ask for `Accept: application/pdf`; the PDF itself is a plain Django response."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class Rechte(BasePermission):
    """Reads: the queryset decides. Writes: the authority; the facility's report also its management."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        self.message = "Keine Berechtigung: Vollzugsdaten bearbeiten (R-0-ROLE-1)."
        if view.action not in _SCHREIBAKTIONEN:
            return False
        darf = _bericht if view.action == "bericht" else darf_bearbeiten
        return darf(request.user)


@extend_schema(tags=[TAG])
class StrafzeitViewSet(ViewSetBasis, viewsets.GenericViewSet):
    queryset = Vollzugsfall.objects.none()
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, Rechte]
    serializer_class = StrafzeitberechnungSerializer

    def get_queryset(self):
        return _faelle(self.request.user).select_related("person")

    def _antwort(self, fall) -> Response:
        berechnung = domain.aktuelle_berechnung(fall)
        if berechnung is None:
            raise NotFound("Noch keine Strafzeitberechnung: der Vollzug hat nicht begonnen.")
        versionen = Berechnung.objects.filter(fall=fall).order_by("-version")[:20]
        return Response(StrafzeitberechnungSerializer(berechnung, context={"versionen": versionen}).data)

    @extend_schema(
        summary="Aktuelle Strafzeitberechnungen der sichtbaren Fälle auflisten (R-VD-1)",
        description="Die zuletzt gespeicherte Version je Fall (ohne Neuberechnung; die nächtliche Nachrechnung und "
        "jedes Lesen eines Falls halten sie aktuell), nach frühester bedingter Entlassung sortiert.",
        responses={200: StrafzeitberechnungSerializer(many=True), 401: ANTWORT_401},
    )
    def list(self, request, *args, **kwargs):
        neueste = Berechnung.objects.filter(fall=OuterRef("fall")).order_by("-version").values("version")[:1]
        queryset = Berechnung.objects.filter(
            fall__in=self.get_queryset(), version=Subquery(neueste)
        ).order_by("bedingte_entlassung", "fall_id")
        seite = self.paginate_queryset(queryset.select_related("fall"))
        listenzugriff_protokollieren(
            request_or_user=request,
            objekte=seite,
            person_von=lambda b: b.fall.person_id,
            objekt_typ=Berechnung._meta.label_lower,
            abfrage=request.query_params.urlencode(),
        )
        return self.get_paginated_response(StrafzeitberechnungSerializer(seite, many=True).data)

    @extend_schema(
        summary="Strafzeitberechnung eines Falls lesen (R-VD-1)",
        description="Strafende, Hälfte, zwei Drittel und früheste bedingte Entlassung (Art. 86 Abs. 1, 4, 5 "
        "StGB), je mit Zählweise und Herleitung; die Eingaben und die Versionen mit dem, was sich geändert hat. "
        "Hat sich eine Eingabe geändert (Urteil, Anrechnung Art. 51 StGB, Unterbrechung § 14, Entweichung § 32, "
        "Zahlung an eine Ersatzfreiheitsstrafe), entsteht beim Lesen eine neue Version.",
        responses={200: StrafzeitberechnungSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    )
    def retrieve(self, request, pk=None, **kwargs):
        fall = self.get_object()
        lesezugriff_protokollieren(
            request_or_user=request, person=fall.person, objekt=fall, aktion=Aktion.API_LESEN
        )
        return self._antwort(fall)

    @extend_schema(
        summary="Angaben aus dem Urteil erfassen (Art. 51 StGB)",
        description="Vom Gericht angerechnete Tage (mit Fundstelle, nie geschätzt), anderswo verbüsste Tage, "
        "lebenslänglich. Rechnet sofort neu.",
        request=StrafzeitangabenEingabeSerializer,
        responses={200: StrafzeitberechnungSerializer, **_SCHREIBEN},
    )
    @action(detail=True, methods=["post"], url_path="angaben")
    def angaben(self, request, pk=None, **kwargs):
        fall = self.get_object()
        eingabe = eingabe_pruefen(StrafzeitangabenEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.angaben_speichern(fall=fall, durch=request.user, **eingabe.validated_data)
        return self._antwort(fall)


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Prüfungen der bedingten Entlassung auflisten (Art. 86 StGB)",
        responses={200: EntlassungspruefungSerializer(many=True), 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Prüfung der bedingten Entlassung lesen",
        responses={200: EntlassungspruefungSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class PruefungViewSet(
    ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Entlassungspruefung.objects.none()
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, Rechte]
    serializer_class = EntlassungspruefungSerializer

    def get_queryset(self):
        return (
            Entlassungspruefung.objects.filter(fall__in=_faelle(self.request.user))
            .select_related("fall", "verfuegung")
            .order_by("faellig_am", "pk")
        )

    def _person_von(self, obj):
        return obj.fall.person_id

    def _antwort(self, p) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=p.pk)).data)

    def _schritt(self, request, eingabe_klasse, aufruf):
        p = self.get_object()
        eingabe = eingabe_pruefen(eingabe_klasse, request) if eingabe_klasse else None
        with fehler_mit_api_namen(eingabe):
            aufruf(p, eingabe.validated_data if eingabe else {})
        return self._antwort(p)

    @extend_schema(
        summary="Bericht der Einrichtung anfordern (Art. 86 Abs. 2 StGB)",
        request=None,
        responses={200: EntlassungspruefungSerializer, **_SCHREIBEN},
    )
    @action(detail=True, methods=["post"], url_path="bericht-anfordern")
    def bericht_anfordern(self, request, pk=None, **kwargs):
        return self._schritt(
            request, None, lambda p, d: domain.bericht_anfordern(pruefung=p, durch=request.user)
        )

    @extend_schema(
        summary="Bericht der Einrichtung erfassen (Art. 86 Abs. 2 StGB)",
        request=EntlassungsberichtEingabeSerializer,
        responses={200: EntlassungspruefungSerializer, **_SCHREIBEN},
    )
    @action(detail=True, methods=["post"], url_path="bericht")
    def bericht(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            EntlassungsberichtEingabeSerializer,
            lambda p, d: domain.bericht_erfassen(pruefung=p, durch=request.user, **d),
        )

    @extend_schema(
        summary="Anhörung erfassen (Art. 86 Abs. 2 StGB)",
        request=EntlassungsanhoerungEingabeSerializer,
        responses={200: EntlassungspruefungSerializer, **_SCHREIBEN},
    )
    @action(detail=True, methods=["post"], url_path="anhoerung")
    def anhoerung(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            EntlassungsanhoerungEingabeSerializer,
            lambda p, d: domain.anhoerung_erfassen(pruefung=p, durch=request.user, **d),
        )

    @extend_schema(
        summary="Entscheid als Verfügung entwerfen (Art. 86–87 StGB)",
        description="Gewährt: Entlassungsdatum (frühestens zwei Drittel; ausnahmsweise die Hälfte mit "
        "ausserordentlichen Umständen; lebenslänglich 15 bzw. 10 Jahre), Probezeit 1–5 Jahre, Bewährungshilfe, "
        "Weisungen. Verweigert: neue Prüfung spätestens nach einem Jahr (Art. 86 Abs. 3 StGB). Die Verfügung "
        "durchläuft danach Genehmigung und Eröffnung (/api/v1/verfuegungen/).",
        request=EntlassungsentscheidEingabeSerializer,
        responses={200: EntlassungspruefungSerializer, **_SCHREIBEN},
    )
    @action(detail=True, methods=["post"], url_path="entscheid")
    def entscheid(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            EntlassungsentscheidEingabeSerializer,
            lambda p, d: domain.entscheid_entwerfen(pruefung=p, durch=request.user, **d),
        )

    @extend_schema(
        summary="Bedingt entlassen (Art. 86 StGB, über die Entlassung des Falls)",
        request=BedingtEntlassenEingabeSerializer,
        responses={200: EntlassungspruefungSerializer, **_SCHREIBEN},
    )
    @action(detail=True, methods=["post"], url_path="entlassen")
    def entlassen(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            BedingtEntlassenEingabeSerializer,
            lambda p, d: domain.bedingt_entlassen(pruefung=p, durch=request.user, **d),
        )


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Massnahmen mit Fristen auflisten (Art. 59–64b StGB)",
        responses={200: MassnahmeSerializer(many=True), 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Massnahme mit Fristen, Prüfungen und Anträgen lesen",
        responses={200: MassnahmeSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class MassnahmeViewSet(
    ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Massnahme.objects.none()
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, Rechte]
    serializer_class = MassnahmeSerializer

    def get_queryset(self):
        return (
            Massnahme.objects.filter(fall__in=_faelle(self.request.user))
            .prefetch_related(
                "pruefungen", Prefetch("antraege", queryset=Gerichtsantrag.objects.order_by("pk"))
            )
            .order_by("fall_id", "beginn", "pk")
        )

    def _person_von(self, obj):
        return obj.fall.person_id if hasattr(obj, "fall") else None

    def _antwort(self, m, code=status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=m.pk)).data, status=code)

    @extend_schema(
        summary="Massnahme erfassen",
        request=MassnahmeEingabeSerializer,
        responses={201: MassnahmeSerializer, **_SCHREIBEN},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(MassnahmeEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        fall = _faelle(request.user).filter(pk=daten.pop("fall")).first()
        if fall is None:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"fall": ["Unbekannter Fall."]})
        with fehler_mit_api_namen(eingabe):
            m = domain.massnahme_erfassen(fall=fall, durch=request.user, **daten)
        return self._antwort(m, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Überprüfung erfassen (Art. 62d, 64b StGB)",
        request=MassnahmenpruefungEingabeSerializer,
        responses={200: MassnahmeSerializer, **_SCHREIBEN},
    )
    @action(detail=True, methods=["post"], url_path="pruefung")
    def pruefung(self, request, pk=None, **kwargs):
        m = self.get_object()
        eingabe = eingabe_pruefen(MassnahmenpruefungEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.pruefung_erfassen(massnahme=m, durch=request.user, **eingabe.validated_data)
        return self._antwort(m)

    @extend_schema(
        summary="Antrag ans Gericht einreichen (§ 4 Abs. 1 JVG)",
        description="Vor Ablauf der Höchstdauer (Art. 59 Abs. 4, 60 Abs. 4, 61 Abs. 4, 63 Abs. 4 StGB) oder für "
        "eine andere nachträgliche Anordnung (Art. 62c, 63a, 65 StGB); mit Beilagen und Gericht.",
        request=GerichtsantragEingabeSerializer,
        responses={200: MassnahmeSerializer, **_SCHREIBEN},
    )
    @action(detail=True, methods=["post"], url_path="antrag")
    def antrag(self, request, pk=None, **kwargs):
        m = self.get_object()
        eingabe = eingabe_pruefen(GerichtsantragEingabeSerializer, request)
        with fehler_mit_api_namen(eingabe):
            domain.antrag_einreichen(massnahme=m, durch=request.user, **eingabe.validated_data)
        return self._antwort(m)

    @extend_schema(
        summary="Entscheid des Gerichts erfassen (§ 4 JVG)",
        request=GerichtsantwortEingabeSerializer,
        responses={200: MassnahmeSerializer, **_SCHREIBEN},
    )
    @action(detail=True, methods=["post"], url_path="antwort")
    def antwort(self, request, pk=None, **kwargs):
        m = self.get_object()
        eingabe = eingabe_pruefen(GerichtsantwortEingabeSerializer, request)
        daten = dict(eingabe.validated_data)
        antrag = m.antraege.filter(pk=daten.pop("antrag")).first()
        if antrag is None:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"antrag": ["Unbekannter Antrag dieser Massnahme."]})
        with fehler_mit_api_namen(eingabe):
            domain.antwort_erfassen(antrag=antrag, durch=request.user, **daten)
        return self._antwort(m)

    @extend_schema(
        summary="Antrag ans Gericht als PDF (§ 4 Abs. 1 JVG)",
        description="Das Antragsschreiben an das zuständige Gericht: Person, Massnahme, Höchstdauer und ihr "
        "Ende, Rechtsbegehren, Begründung und Beilagen. Für die Vollzugsbehörde und die Revision; der Abruf "
        "wird protokolliert.",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="Das PDF."),
            (401, "application/json"): ANTWORT_401,
            (403, "application/json"): ANTWORT_403,
            (404, "application/json"): ANTWORT_404,
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"antraege/(?P<antrag_pk>[0-9]{1,18})/pdf",
        url_name="antrag-pdf",
        renderer_classes=[JSONRenderer, _PdfRenderer],
    )
    def antrag_pdf(self, request, pk=None, antrag_pk=None, **kwargs):
        m = self.get_object()
        if not darf_antragsschreiben_lesen(request.user):
            raise PermissionDenied("Keine Berechtigung: Antrag ans Gericht als PDF.")
        a = (
            Gerichtsantrag.objects.filter(massnahme=m, pk=antrag_pk)
            .select_related("massnahme__fall__person", "erstellt_durch")
            .first()
        )
        if a is None:
            raise NotFound("Unbekannter Antrag dieser Massnahme.")
        inhalt = antragsschreiben.antrag_pdf(a)
        lesezugriff_protokollieren(
            request_or_user=request, person=a.massnahme.fall.person, objekt=a, aktion=Aktion.DOKUMENT
        )
        antwort = HttpResponse(inhalt, content_type="application/pdf")
        antwort["Content-Disposition"] = f'attachment; filename="{antragsschreiben.dateiname(a)}"'
        return antwort

    def finalize_response(self, request, response, *args, **kwargs):
        # An error of the PDF endpoint is JSON, whatever media type the client asked for.
        if isinstance(response, Response) and isinstance(
            getattr(request, "accepted_renderer", None), _PdfRenderer
        ):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


def registrieren(router) -> None:
    """Register this module's viewsets on the shared /api/v1/ router (jvg_case.api_urls)."""
    router.register("vollzugsdaten/faelle", StrafzeitViewSet, basename="strafzeit")
    router.register("vollzugsdaten/pruefungen", PruefungViewSet, basename="entlassungspruefung")
    router.register("vollzugsdaten/massnahmen", MassnahmeViewSet, basename="massnahme")
