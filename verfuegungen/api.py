"""REST interface of the shared Verfügung lifecycle under /api/v1/verfuegungen/ (what the page
`/verfuegungen/<id>/` does, for API clients).

Thin like `vollzug.api`: the scoped queryset `queries.verfuegungen_fuer_user` (a decision outside the
caller's view — including §36/§39 decisions for facility roles — is a 404, R-0-ROLE-1); a permission
class that answers 403 before any input check, first by role (only the authority and facility roles
ever write here) and then per object with the same predicate the service checks (`domain.darf_*`);
an input serializer that only types the input; ONE call of `verfuegungen.domain`; the
detail serializer read back through the viewset's queryset. The service's German messages come back as
400 under the API's field names. Reads (detail, list, PDF) are logged (R-0-AUDIT-2).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings

from kern.lesezugriffe import lesezugriff_protokollieren
from kern.models import Aktion
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
from verfuegungen import domain, permissions
from verfuegungen.models import Anhoerung, Genehmigungsschritt, Verfuegung
from verfuegungen.queries import verfuegungen_fuer_user
from verfuegungen.recht import Anhoerungsart
from verfuegungen.serializers import (
    AufhebenEingabeSerializer,
    AufschiebendeWirkungEingabeSerializer,
    BeschwerdeEingabeSerializer,
    BeschwerdeentscheidEingabeSerializer,
    EntzugEingabeSerializer,
    EroeffnungEingabeSerializer,
    GehoerEingabeSerializer,
    GehoerNachholenEingabeSerializer,
    KommentarEingabeSerializer,
    RechtskraftEingabeSerializer,
    VerfuegungFilterSerializer,
    VerfuegungSerializer,
    VerfuegungUebersichtSerializer,
    WeiterzugEingabeSerializer,
)

TAG = "Verfügungen"

# Service keys that are no input field of the action: the client still gets an API name.
_AUSGABENAMEN = {
    "durch": api_settings.NON_FIELD_ERRORS_KEY,  # R-0-4EYES-1: the caller drafted or proposed it
    "eingegangen_am": "eingegangenAm",
    "muendlich_am": "muendlichAm",
    "verjaehrung_am": "verjaehrungAm",  # § 41 Abs. 5 check of the disciplinary module at Eröffnung
    "kosten_auferlegt": "kostenAuferlegt",
}


class _PdfRenderer(BaseRenderer):
    """Lets a client ask for `Accept: application/pdf`; the PDF itself is a plain Django response."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


# --- Queryset and answers ------------------------------------------------------------------------


def _queryset(user, *, detail: bool) -> QuerySet[Verfuegung]:
    qs = verfuegungen_fuer_user(user).select_related("person", "anstalt", "beschwerde")
    if detail:
        qs = qs.select_related("entworfen_durch", "genehmigt_durch", "content_type").prefetch_related(
            Prefetch("genehmigungsschritte", queryset=Genehmigungsschritt.objects.select_related("durch")),
            Prefetch("anhoerungen", queryset=Anhoerung.objects.select_related("erfasst_durch")),
        )
    return qs.order_by("-entworfen_am", "-pk")


_AKTION_ANTWORTEN = {
    200: VerfuegungSerializer,
    400: ANTWORT_400,
    401: ANTWORT_401,
    403: ANTWORT_403,
    404: ANTWORT_404,
}


def _aktion(summary: str, description: str, request=None):
    return extend_schema(
        summary=summary, description=description, request=request, responses=_AKTION_ANTWORTEN
    )


@extend_schema(tags=[TAG])
@extend_schema_view(
    list=extend_schema(
        summary="Verfügungen auflisten",
        description="Die Verfügungen aller Module, die der Aufrufer sehen darf: wer eine Person sieht, sieht ihre "
        "Verfügungen; Verfügungen über Zwangsmedikation (§ 36) und Zwangsernährung (§ 39) enthalten "
        "Gesundheitsdaten und bleiben den Anstaltsrollen verborgen (R-0-ROLE-1). Filterbar nach Art, Status, "
        "Person und Fall. Jeder Lesezugriff wird protokolliert (R-0-AUDIT-2).",
        parameters=[VerfuegungFilterSerializer],
        responses={200: VerfuegungUebersichtSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Verfügung lesen",
        description="Eine Verfügung wie auf ihrer Seite: Inhalt, Genehmigungsschritte (R-0-4EYES-1), Anhörungen "
        "(R-0-GEHOER-1), Eröffnung mit Beschwerdefrist und Zählweise (R-0-VFG-2), aufschiebende Wirkung und "
        "Vollstreckbarkeit (§ 44, R-0-VFG-4), Beschwerde mit Kostenfolge (§ 45, R-0-VFG-6) und die Aktionen, "
        "die der Aufrufer jetzt ausführen darf (`erlaubteAktionen`). Ausserhalb der eigenen Sicht 404.",
        responses={200: VerfuegungSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class VerfuegungViewSet(
    ListenfilterMixin, ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Verfuegung.objects.none()  # for the schema's model only; get_queryset decides
    filter_serializer_class = VerfuegungFilterSerializer
    filterfelder = {"typ": "typ", "status": "status", "person": "person_id", "fall": "fall_id"}
    parser_classes = [JsonParser]
    permission_classes = [IsAuthenticated, permissions.VerfuegungRechte]

    def get_queryset(self) -> QuerySet[Verfuegung]:
        return _queryset(self.request.user, detail=self.action != "list")

    def get_serializer_class(self):
        return VerfuegungUebersichtSerializer if self.action == "list" else VerfuegungSerializer

    def _person_von(self, verfuegung):
        return verfuegung.person_id

    def finalize_response(self, request, response, *args, **kwargs):
        # An error of the PDF endpoint is JSON, whatever media type the client asked for.
        if isinstance(response, Response) and isinstance(
            getattr(request, "accepted_renderer", None), _PdfRenderer
        ):
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    def _antwort(self, verfuegung) -> Response:
        # Read back through the viewset's own queryset: the answer looks exactly like a later GET.
        obj = _queryset(self.request.user, detail=True).get(pk=verfuegung.pk)
        return Response(VerfuegungSerializer(obj, context=self.get_serializer_context()).data)

    def _ausfuehren(self, serializer_class, aufruf) -> Response:
        """The common shape of an action: object (404/403), input (400), one service call, answer."""
        v = self.get_object()
        eingabe = eingabe_pruefen(serializer_class, self.request) if serializer_class else None
        daten = dict(eingabe.validated_data) if eingabe is not None else {}
        with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
            aufruf(v, daten, self.request.user)
        return self._antwort(v)

    # --- Four-eyes (R-0-4EYES-1) -------------------------------------------------------------

    @_aktion(
        "Zur Genehmigung vorlegen (R-0-4EYES-1)",
        "Wer entwerfen darf (Verfügungen der Einrichtung: deren Personal und Leitung; übrige: Sachbearbeitung), "
        "legt den Entwurf vor; genehmigen muss eine andere berechtigte Person.",
        KommentarEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="vorlegen")
    def vorlegen(self, request, pk=None, **kwargs):
        return self._ausfuehren(
            KommentarEingabeSerializer,
            lambda v, d, u: domain.zur_genehmigung_vorlegen(verfuegung=v, durch=u, **d),
        )

    @_aktion(
        "Genehmigen (R-0-4EYES-1)",
        "Verfügungen der Einrichtung (§ 31, § 41) genehmigt deren Leitung, alle übrigen die Sachbearbeitung – nie "
        "wer entworfen oder vorgelegt hat (400). Eine belastende Verfügung braucht vorher das rechtliche Gehör "
        "(R-0-GEHOER-1). Das System setzt das Entscheiddatum (R-0-VFG-2).",
        KommentarEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="genehmigen")
    def genehmigen(self, request, pk=None, **kwargs):
        return self._ausfuehren(
            KommentarEingabeSerializer, lambda v, d, u: domain.genehmigen(verfuegung=v, durch=u, **d)
        )

    @_aktion(
        "Zur Überarbeitung zurückweisen (R-0-4EYES-1)",
        "Wer genehmigen darf, gibt den Entwurf mit Kommentar (Pflicht) zurück; er ist wieder ein Entwurf.",
        KommentarEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="zurueckweisen")
    def zurueckweisen(self, request, pk=None, **kwargs):
        return self._ausfuehren(
            KommentarEingabeSerializer, lambda v, d, u: domain.zurueckweisen(verfuegung=v, durch=u, **d)
        )

    @_aktion(
        "Antrag ablehnen (R-0-4EYES-1)",
        "Wer genehmigen darf, lehnt den Antrag mit Kommentar (Pflicht) ab; die Verfügung ist aufgehoben.",
        KommentarEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="ablehnen")
    def ablehnen(self, request, pk=None, **kwargs):
        return self._ausfuehren(
            KommentarEingabeSerializer, lambda v, d, u: domain.ablehnen(verfuegung=v, durch=u, **d)
        )

    # --- Rechtliches Gehör (R-0-GEHOER-1) -------------------------------------------------------

    @_aktion(
        "Rechtliches Gehör erfassen (R-0-GEHOER-1)",
        "Vor dem Entscheid (Entwurf oder zur Genehmigung): Stellungnahme der Person (mit Text), Verzicht, oder "
        "Gefahr im Verzug mit Begründung – dann ist die Anhörung nachzuholen (Frist in der Fristenkontrolle).",
        GehoerEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="gehoer")
    def gehoer(self, request, pk=None, **kwargs):
        return self._ausfuehren(
            GehoerEingabeSerializer, lambda v, d, u: domain.gehoer_erfassen(verfuegung=v, durch=u, **d)
        )

    @_aktion(
        "Rechtliches Gehör nachholen (R-0-GEHOER-1)",
        "Nach einem Entscheid mit Gefahr im Verzug: die nachträgliche Stellungnahme der Person. `anhoerung` nennt "
        "den Vermerk; ohne Angabe der offene.",
        GehoerNachholenEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="gehoer-nachholen")
    def gehoer_nachholen(self, request, pk=None, **kwargs):
        def aufruf(v, d, u):
            return domain.gehoer_nachholen(anhoerung=_nachzuholen(v, d.pop("anhoerung")), durch=u, **d)

        return self._ausfuehren(GehoerNachholenEingabeSerializer, aufruf)

    # --- Eröffnung (R-0-VFG-2) and PDF (R-0-VFG-1) ----------------------------------------------

    @extend_schema(
        summary="Eröffnen (R-0-VFG-2)",
        description="Eröffnet die genehmigte Verfügung: Art und Zeitpunkt der schriftlichen Eröffnung (nie in der "
        "Zukunft, nicht vor der Genehmigung), allenfalls die vorausgehende mündliche. Die Beschwerdefrist läuft "
        "ab der schriftlichen Eröffnung (Zählweise R-0-FRIST-1/-2); das PDF wird mit Hash abgelegt. Bei Übergabe "
        "in der Einrichtung ist die unterzeichnete Empfangsbestätigung als Datei beizulegen (multipart/form-data). "
        "Eine belastende Verfügung ohne rechtliches Gehör wird nicht eröffnet (R-0-GEHOER-1).",
        request={
            "application/json": EroeffnungEingabeSerializer,
            "multipart/form-data": EroeffnungEingabeSerializer,
        },
        responses=_AKTION_ANTWORTEN,
    )
    @action(detail=True, methods=["post"], url_path="eroeffnen", parser_classes=[JsonParser, MultiPartParser])
    def eroeffnen(self, request, pk=None, **kwargs):
        return self._ausfuehren(
            EroeffnungEingabeSerializer, lambda v, d, u: domain.eroeffnen(verfuegung=v, durch=u, **d)
        )

    @extend_schema(
        summary="PDF der Verfügung (R-0-VFG-1)",
        description="Nach der Eröffnung das abgelegte, eröffnete PDF (für alle, die die Verfügung sehen); davor "
        "eine Vorschau, die nicht abgelegt wird (nur wer über die Verfügung entscheidet). Der Abruf wird "
        "protokolliert (R-0-AUDIT-2).",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="Das PDF."),
            (401, "application/json"): ANTWORT_401,
            (403, "application/json"): ANTWORT_403,
            (404, "application/json"): ANTWORT_404,
        },
    )
    @action(detail=True, methods=["get"], url_path="pdf", renderer_classes=[JSONRenderer, _PdfRenderer])
    def pdf(self, request, pk=None, **kwargs):
        v = self.get_object()
        if v.pdf:
            antwort = FileResponse(
                v.pdf.open("rb"),
                as_attachment=True,
                filename=f"{v.nummer}.pdf",
                content_type="application/pdf",
            )
        else:
            inhalt = domain.pdf_erzeugen(verfuegung=v, durch=request.user)
            antwort = HttpResponse(inhalt, content_type="application/pdf")
            antwort["Content-Disposition"] = f'inline; filename="{v.nummer}-vorschau.pdf"'
        lesezugriff_protokollieren(request_or_user=request, person=v.person, objekt=v, aktion=Aktion.DOKUMENT)
        return antwort

    # --- Appeal (R-0-VFG-4, -5, -6) ------------------------------------------------------------

    @_aktion(
        "Beschwerde erfassen (R-0-VFG-5)",
        "Die Beschwerde gegen die eröffnete Verfügung (Eingang nicht vor der Eröffnung, nicht in der Zukunft). "
        "Eine verspätete wird erfasst und markiert (`beschwerde.verspaetet`); über sie entscheidet die Instanz.",
        BeschwerdeEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="beschwerde")
    def beschwerde(self, request, pk=None, **kwargs):
        return self._ausfuehren(
            BeschwerdeEingabeSerializer,
            lambda v, d, u: domain.beschwerde_erfassen(verfuegung=v, durch=u, **d),
        )

    @_aktion(
        "Aufschiebende Wirkung erteilt (§ 44 JVG, R-0-VFG-4)",
        "Hält fest, dass die Beschwerdeinstanz einer Beschwerde ohne aufschiebende Wirkung (§ 31, Disziplinar, § 36, "
        "§ 39) sie erteilt hat; die Verfügung ist ab diesem Zeitpunkt nicht mehr vollstreckbar.",
        AufschiebendeWirkungEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="aufschiebende-wirkung")
    def aufschiebende_wirkung(self, request, pk=None, **kwargs):
        return self._ausfuehren(
            AufschiebendeWirkungEingabeSerializer,
            lambda v, d, u: domain.aufschiebende_wirkung_erteilen(verfuegung=v, durch=u, **d),
        )

    @_aktion(
        "Aufschiebende Wirkung entziehen (R-0-VFG-4)",
        "Die verfügende Behörde entzieht einer Beschwerde die aufschiebende Wirkung (mit Begründung); die "
        "Verfügung wird ab Eröffnung vollstreckbar.",
        EntzugEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="aufschiebende-wirkung-entziehen")
    def aufschiebende_wirkung_entziehen(self, request, pk=None, **kwargs):
        return self._ausfuehren(
            EntzugEingabeSerializer,
            lambda v, d, u: domain.aufschiebende_wirkung_entziehen(verfuegung=v, durch=u, **d),
        )

    @_aktion(
        "Beschwerdeentscheid erfassen (R-0-VFG-5, R-0-VFG-6)",
        "Ergebnis und Datum des Beschwerdeentscheids. § 45 Abs. 2 JVG: «mutwillig» nur bei (ganz) abgewiesener "
        "oder nicht eingetretener Beschwerde; Verfahrenskosten sind dann nur bei Disziplinarverfügungen "
        "auferlegbar (`kostenAuferlegt` bestimmt das System; ein abweichender Kontrollwert wird abgelehnt).",
        BeschwerdeentscheidEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="beschwerdeentscheid")
    def beschwerdeentscheid(self, request, pk=None, **kwargs):
        def aufruf(v, d, u):
            erwartet = d.pop("kosten_auferlegt")
            with transaction.atomic():
                b = domain.beschwerdeentscheid_erfassen(verfuegung=v, durch=u, **d)
                if erwartet is not None and erwartet != b.kosten_auferlegt:
                    # The service decided; a different expectation of the client undoes the whole entry.
                    raise DjangoValidationError({"kosten_auferlegt": _kosten_meldung(v, b.kosten_auferlegt)})
            return b

        return self._ausfuehren(BeschwerdeentscheidEingabeSerializer, aufruf)

    @_aktion(
        "Weiterzug erfassen (§ 43 Abs. 2 JVG, R-0-VFG-5)",
        "Nach abgewiesener Beschwerde (oder Nichteintreten): der Beschwerdeentscheid wurde an die nächste Instanz "
        "weitergezogen. Die Verfügung wird dann nicht mehr von selbst rechtskräftig.",
        WeiterzugEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="weiterzug")
    def weiterzug(self, request, pk=None, **kwargs):
        return self._ausfuehren(
            WeiterzugEingabeSerializer,
            lambda v, d, u: domain.weiterzug_erfassen(verfuegung=v, durch=u, **d),
        )

    @_aktion(
        "Rechtskraft nach Weiterzug eintragen (R-0-VFG-3)",
        "Nach erfolglosem Weiterzug: rechtskräftig seit dem Datum der Rechtskraftbescheinigung des Gerichts.",
        RechtskraftEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="rechtskraft")
    def rechtskraft(self, request, pk=None, **kwargs):
        return self._ausfuehren(
            RechtskraftEingabeSerializer,
            lambda v, d, u: domain.rechtskraft_feststellen(verfuegung=v, durch=u, **d),
        )

    # --- Lift and execution ----------------------------------------------------------------------

    @_aktion(
        "Aufheben",
        "Hebt die Verfügung mit Begründung auf (Widerruf, Wiedererwägung). Eine genehmigte nur, wer sie genehmigen "
        "oder über Rechtsmittel entscheiden darf (R-0-4EYES-1).",
        AufhebenEingabeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="aufheben")
    def aufheben(self, request, pk=None, **kwargs):
        return self._ausfuehren(
            AufhebenEingabeSerializer, lambda v, d, u: domain.aufheben(verfuegung=v, durch=u, **d)
        )

    @_aktion(
        "Als vollzogen erfassen (§ 44 JVG, R-0-VFG-4)",
        "Nur eine vollstreckbare Verfügung: ab Eröffnung, wo die Beschwerde keine aufschiebende Wirkung hat und die "
        "Instanz sie nicht erteilt hat; sonst erst rechtskräftig oder nach Entzug der aufschiebenden Wirkung. "
        "Ohne Inhalt.",
    )
    @action(detail=True, methods=["post"], url_path="vollzogen")
    def vollzogen(self, request, pk=None, **kwargs):
        return self._ausfuehren(None, lambda v, d, u: domain.als_vollzogen_markieren(verfuegung=v, durch=u))


def _nachzuholen(v: Verfuegung, anhoerung_id: int | None) -> Anhoerung:
    """The hearing `anhoerung_id` of this decision, or its open Gefahr-im-Verzug entry."""
    anhoerungen = list(v.anhoerungen.all())
    if anhoerung_id is not None:
        treffer = next((a for a in anhoerungen if a.pk == anhoerung_id), None)
        if treffer is None:
            raise DjangoValidationError({"anhoerung": "Diese Anhörung gehört nicht zu dieser Verfügung."})
        return treffer
    offen = [a for a in anhoerungen if a.art == Anhoerungsart.GEFAHR_IM_VERZUG and a.nachgeholt_am is None]
    if not offen:
        raise DjangoValidationError(
            {"anhoerung": "R-0-GEHOER-1: Zu dieser Verfügung ist keine Anhörung nachzuholen."}
        )
    return offen[0]


def _kosten_meldung(v: Verfuegung, kosten_auferlegt: bool) -> str:
    if kosten_auferlegt:
        return (
            "§ 45 Abs. 2 JVG (R-0-VFG-6): Bei einer mutwillig erhobenen Beschwerde gegen eine Disziplinarverfügung "
            "sind Verfahrenskosten auferlegbar; das System hält es fest."
        )
    if not v.rechtsfolge.kostenlos_ausser_mutwillig:
        return (
            "§ 45 Abs. 2 JVG (R-0-VFG-6): Kosten wegen Mutwilligkeit werden nur bei Beschwerden gegen "
            "Disziplinarverfügungen festgehalten; hier gilt das VRG."
        )
    return (
        "§ 45 Abs. 2 JVG (R-0-VFG-6): Das Beschwerdeverfahren ist kostenlos, ausser die Beschwerde wurde mutwillig "
        "erhoben (`mutwillig`)."
    )


def registrieren(router) -> None:
    """Register this module's viewset with the /api/v1/ router (called by `jvg_case/api_urls.py`)."""
    router.register("verfuegungen", VerfuegungViewSet, basename="verfuegung")
