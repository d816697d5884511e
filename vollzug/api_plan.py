"""REST interface of the Vollzugsplan (§18) under /api/v1/: read-only.

Plans are drawn up in the facility's browser interface (R-18-2); the API lets the authority and other
systems read them. Visibility is `faelle_fuer_user` (a plan of a case outside the caller's view is a
404, R-0-ROLE-1), every read is logged like the case API (R-0-AUDIT-2), and a page costs a constant
number of queries (plans with case, versions with facility, stages).
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_serializer, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from kern.web.api import ANTWORT_400, ANTWORT_401, ANTWORT_404, ListenfilterMixin, ViewSetBasis
from kern.web.serializers import BIGINT_MAX
from vollzug.models import Vollzugsplan, Vollzugsplanversion
from vollzug.queries import faelle_fuer_user


class VollzugsstufeSerializer(serializers.Serializer):
    nummer = serializers.IntegerField(read_only=True, help_text="1 = tiefste Stufe.")
    bezeichnung = serializers.CharField(read_only=True)
    beschreibung = serializers.CharField(read_only=True, help_text="Inhalt / Voraussetzungen der Stufe.")


class VollzugsplanversionSerializer(serializers.Serializer):
    nummer = serializers.IntegerField(
        read_only=True, help_text="Version 1 = erster Plan, ab 2 = Überprüfung."
    )
    anstalt = serializers.CharField(
        source="anstalt.name", read_only=True, help_text="Erstellt in dieser Einrichtung."
    )
    gestaltung = serializers.CharField(read_only=True, help_text="Gestaltung des Vollzugs (§ 18 Abs. 1 JVG).")
    vollzugsziele = serializers.CharField(read_only=True, help_text="Vollzugsziele (§ 18 Abs. 1 JVG).")
    wiedereingliederung = serializers.CharField(
        read_only=True, help_text="Wiedereingliederung nach der Entlassung (§ 18 Abs. 1 JVG)."
    )
    anlass = serializers.CharField(
        read_only=True, help_text="Anlass und Ergebnis der Überprüfung (ab Version 2)."
    )
    erstelltAm = serializers.DateTimeField(source="erstellt_am", read_only=True)
    zugestelltAm = serializers.DateTimeField(
        source="zugestellt_am",
        read_only=True,
        allow_null=True,
        help_text="Zeitpunkt der Zustellung an die Vollzugsbehörde (§ 18 Abs. 2 JVG), null = nicht zugestellt.",
    )
    stufen = VollzugsstufeSerializer(many=True, read_only=True)


@extend_schema_serializer(component_name="Vollzugsplan")
class VollzugsplanSerializer(serializers.Serializer):
    # Expects the queryset of `VollzugsplanViewSet` (case selected, versions and stages prefetched).
    id = serializers.IntegerField(read_only=True)
    fall = serializers.IntegerField(source="fall_id", read_only=True, help_text="ID des Vollzugsfalls.")
    fallnummer = serializers.CharField(source="fall.fallnummer", read_only=True)
    aktuelleStufe = serializers.IntegerField(
        source="aktuelle_stufe", read_only=True, allow_null=True, help_text="Nummer der aktuellen Stufe."
    )
    stufeSeit = serializers.DateTimeField(source="stufe_seit", read_only=True, allow_null=True)
    versionen = VollzugsplanversionSerializer(
        many=True, read_only=True, help_text="Alle Versionen, älteste zuerst."
    )
    url = serializers.HyperlinkedIdentityField(view_name="vollzugsplan-detail")


class VollzugsplanFilterSerializer(serializers.Serializer):
    """Query parameters of the plan list; a wrong type is a 400, never a 500."""

    fall = serializers.IntegerField(
        required=False, min_value=1, max_value=BIGINT_MAX, help_text="ID des Vollzugsfalls."
    )


@extend_schema(tags=["Vollzug"])
@extend_schema_view(
    list=extend_schema(
        summary="Vollzugspläne auflisten (§ 18 JVG)",
        description="Die Vollzugspläne der Fälle, die der Aufrufer sehen darf (Anstaltsrollen: nur Personen der "
        "eigenen Einrichtung), mit allen Versionen, Stufen und dem Zeitpunkt der Zustellung an die "
        "Vollzugsbehörde. Filterbar nach Fall. Nur lesend: erstellt werden Pläne durch die Anstaltsleitung.",
        parameters=[VollzugsplanFilterSerializer],
        responses={200: VollzugsplanSerializer, 400: ANTWORT_400, 401: ANTWORT_401},
    ),
    retrieve=extend_schema(
        summary="Vollzugsplan lesen (§ 18 JVG)",
        description="Ein Vollzugsplan mit allen Versionen und Stufen; ausserhalb der eigenen Sicht 404 (R-0-ROLE-1).",
        responses={200: VollzugsplanSerializer, 401: ANTWORT_401, 404: ANTWORT_404},
    ),
)
class VollzugsplanViewSet(
    ListenfilterMixin, ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Vollzugsplan.objects.none()  # for the schema's model only; get_queryset decides
    filter_serializer_class = VollzugsplanFilterSerializer
    filterfelder = {"fall": "fall_id"}
    serializer_class = VollzugsplanSerializer
    permission_classes = [IsAuthenticated]

    def _person_von(self, plan):
        return plan.fall.person_id

    def get_queryset(self):
        return (
            Vollzugsplan.objects.filter(fall__in=faelle_fuer_user(self.request.user))
            .select_related("fall")
            .prefetch_related(
                Prefetch(
                    "versionen",
                    queryset=Vollzugsplanversion.objects.select_related("anstalt")
                    .prefetch_related("stufen")
                    .order_by("nummer"),
                )
            )
            .order_by("pk")
        )


def registrieren(router) -> None:
    """Register this module's viewsets with the /api/v1/ router (called by `jvg_case/api_urls.py`)."""
    router.register("vollzugsplaene", VollzugsplanViewSet, basename="vollzugsplan")
