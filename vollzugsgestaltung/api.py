"""REST interface under /api/v1/: vollzugsoeffnungen, vollzugsformen, bewaehrungsakten,
begnadigungsgesuche.

Thin (STYLE §6): the scoped queryset of `queries` (outside it 404), a permission per action that answers
403 before any input check (`NachAktion`), an input serializer, one `domain` call, the output serializer.
"""

from django.db.models import Prefetch, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import IsAuthenticated

from kern.rollen import ANSTALTSROLLEN, Rolle, hat_rolle
from kern.web.api import (
    ANTWORT_400,
    ANTWORT_401,
    ANTWORT_403,
    ANTWORT_404,
    JsonParser,
    NachAktion,
    ViewSetBasis,
    eingabe_pruefen,
    fehler_mit_api_namen,
)
from vollzug.models import Sanktion
from vollzugsgestaltung import domain, permissions, queries
from vollzugsgestaltung import serializers as s
from vollzugsgestaltung.models import Bewaehrungseintrag, Gerichtsmeldung, Weisung

ANTWORTEN = {400: ANTWORT_400, 401: ANTWORT_401, 403: ANTWORT_403, 404: ANTWORT_404}


def _kamel(name: str) -> str:
    erster, *rest = name.split("_")
    return erster + "".join(teil[:1].upper() + teil[1:] for teil in rest)


# The domain's error keys that are no input field of the action, in the API's spelling (camelCase).
AUSGABENAMEN = {
    name: _kamel(name)
    for name in [
        "fachkommission_am",
        "fachkommission_ergebnis",
        "fachkommission_text",
        "sta_eingeladen_am",
        "sta_stellungnahme_am",
        "sta_stellungnahme",
        "strafdauer_tage",
        "gesuch_am",
        "frist_monate",
        "gemeldet_von",
        "probezeit_von",
        "probezeit_jahre",
        "naechste_kontrolle",
        "gesendet_am",
        "antwort_am",
        "abgeschlossen_am",
        "eingereicht_am",
        "weitergeleitet_am",
        "vollzug_ausgesetzt",
        "aussetzung_begruendung",
        "entscheid_am",
        "entscheid_text",
    ]
}


def _behoerde_oder_anstalt(user) -> bool:
    return hat_rolle(user, Rolle.SACHBEARBEITUNG, *ANSTALTSROLLEN)


class _Basis(ViewSetBasis, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    parser_classes = [JsonParser]

    def finalize_response(self, request, response, *args, **kwargs):
        # Personal data: never stored by a browser or proxy.
        add_never_cache_headers(response)
        return super().finalize_response(request, response, *args, **kwargs)

    def _schritt(self, request, eingabe_klasse, ausfuehren):
        obj = self.get_object()
        eingabe = eingabe_pruefen(eingabe_klasse, request)
        with fehler_mit_api_namen(eingabe, AUSGABENAMEN):
            ausfuehren(obj, eingabe.validated_data)
        return self._antwort(obj)


def _doku(zusammenfassung: str, eingabe, antwort, beschreibung: str = ""):
    return extend_schema(
        summary=zusammenfassung,
        description=beschreibung,
        request=eingabe,
        responses={200: antwort, **ANTWORTEN},
    )


# --- Vollzugsöffnungen ------------------------------------------------------------------------------------


class _OeffnungRechte(NachAktion):
    regeln = {
        "create": ("Vollzugsöffnung beantragen", _behoerde_oder_anstalt),
        "fachkommission": ("Beurteilung der Fachkommission erfassen", permissions.darf_entscheiden),
        "entscheiden": ("Über Vollzugsöffnung entscheiden", permissions.darf_entscheiden),
        "antritt": ("Antritt erfassen", _behoerde_oder_anstalt),
        "rueckkehr": ("Rückkehr erfassen", _behoerde_oder_anstalt),
        "nichtrueckkehr": ("Nichtrückkehr feststellen", _behoerde_oder_anstalt),
        "staatsanwaltschaft": ("Stellungnahme der Staatsanwaltschaft erfassen", permissions.darf_entscheiden),
    }


OE = s.VollzugsoeffnungSerializer


@extend_schema(tags=["Vollzugsöffnungen (Art. 75a, 77a, 84 StGB)"])
@extend_schema_view(
    list=extend_schema(summary="Vollzugsöffnungen auflisten", responses={200: OE, 401: ANTWORT_401}),
    retrieve=extend_schema(
        summary="Vollzugsöffnung lesen", responses={200: OE, 401: ANTWORT_401, 404: ANTWORT_404}
    ),
)
class VollzugsoeffnungViewSet(_Basis):
    serializer_class = OE
    permission_classes = [IsAuthenticated, _OeffnungRechte]

    def get_queryset(self):
        return queries.oeffnungen_fuer_user(self.request.user).order_by("-von", "-pk")

    def _person_von(self, o):
        return o.fall.person_id

    @extend_schema(
        summary="Vollzugsöffnung beantragen",
        description="Einrichtung der aktuellen Platzierung oder Sachbearbeitung.",
        request=s.OeffnungEingabe,
        responses={201: OE, **ANTWORTEN},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(s.OeffnungEingabe, request)
        with fehler_mit_api_namen(eingabe, AUSGABENAMEN):
            o = domain.oeffnung_beantragen(**eingabe.validated_data, durch=request.user)
        return self._antwort(o, status.HTTP_201_CREATED)

    @_doku("Beurteilung der Fachkommission erfassen (Art. 75a StGB)", s.FachkommissionEingabe, OE)
    @action(detail=True, methods=["post"])
    def fachkommission(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            s.FachkommissionEingabe,
            lambda o, d: domain.fachkommission_erfassen(oeffnung=o, durch=request.user, **d),
        )

    @_doku(
        "Über die Vollzugsöffnung entscheiden",
        s.OeffnungEntscheidEingabe,
        OE,
        "R-STGB-75A-1: bei Personen nach Art. 75a StGB erst nach der Beurteilung der Fachkommission. "
        "Erstellt den Entwurf der Verfügung (Typ bundesrecht).",
    )
    @action(detail=True, methods=["post"])
    def entscheiden(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            s.OeffnungEntscheidEingabe,
            lambda o, d: domain.oeffnung_entscheiden(oeffnung=o, durch=request.user, **d),
        )

    @_doku("Antritt erfassen", s.ZeitpunktEingabe, OE)
    @action(detail=True, methods=["post"])
    def antritt(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            s.ZeitpunktEingabe,
            lambda o, d: domain.antritt_erfassen(oeffnung=o, durch=request.user, **d),
        )

    @_doku("Rückkehr erfassen", s.ZeitpunktEingabe, OE)
    @action(detail=True, methods=["post"])
    def rueckkehr(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            s.ZeitpunktEingabe,
            lambda o, d: domain.rueckkehr_erfassen(oeffnung=o, durch=request.user, **d),
        )

    @_doku(
        "Nichtrückkehr feststellen",
        s.NichtrueckkehrEingabe,
        OE,
        "Eröffnet der Leitung der Einrichtung je eine Aufgabe zu § 32 JVG (Entweichung) und § 40 Abs. 2 lit. b JVG.",
    )
    @action(detail=True, methods=["post"])
    def nichtrueckkehr(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            s.NichtrueckkehrEingabe,
            lambda o, d: domain.nichtrueckkehr_feststellen(oeffnung=o, durch=request.user, **d),
        )

    @_doku(
        "Einladung und Stellungnahme der Staatsanwaltschaft (§ 43 Abs. 3 JVG)", s.StellungnahmeStaEingabe, OE
    )
    @action(detail=True, methods=["post"])
    def staatsanwaltschaft(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            s.StellungnahmeStaEingabe,
            lambda o, d: domain.stellungnahme_sta_erfassen(oeffnung=o, durch=request.user, **d),
        )


# --- § 16 ----------------------------------------------------------------------------------------------------


class _FormRechte(NachAktion):
    regeln = {
        aktion: ("Besondere Vollzugsform bearbeiten", permissions.darf_vollzugsform_bearbeiten)
        for aktion in ("create", "befehl", "ablehnen", "stunden", "umwandeln")
    }


V = s.VollzugsformSerializer


@extend_schema(tags=["Besondere Vollzugsformen (§ 16 JVG)"])
@extend_schema_view(
    list=extend_schema(summary="Besondere Vollzugsformen auflisten", responses={200: V, 401: ANTWORT_401}),
    retrieve=extend_schema(
        summary="Besondere Vollzugsform lesen", responses={200: V, 401: ANTWORT_401, 404: ANTWORT_404}
    ),
)
class VollzugsformViewSet(_Basis):
    serializer_class = V
    permission_classes = [IsAuthenticated, _FormRechte]

    def get_queryset(self):
        return (
            queries.vollzugsformen_fuer_user(self.request.user)
            .annotate(stunden_geleistet=Coalesce(Sum("einsaetze__stunden"), 0))
            .order_by("-gesuch_am", "-pk")
        )

    def _person_von(self, v):
        return v.fall.person_id

    @extend_schema(
        summary="Besondere Vollzugsform beantragen (§ 16 JVG)",
        request=s.VollzugsformEingabe,
        responses={201: V, **ANTWORTEN},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(s.VollzugsformEingabe, request)
        daten = dict(eingabe.validated_data)
        sanktion = Sanktion.objects.filter(pk=daten.pop("sanktion"), entscheid__fall=daten["fall"]).first()
        if sanktion is None:
            raise ApiValidationError({"sanktion": ["Die Sanktion gehört nicht zu diesem Fall."]})
        with fehler_mit_api_namen(eingabe, AUSGABENAMEN):
            v = domain.vollzugsform_beantragen(sanktion=sanktion, **daten, durch=request.user)
        return self._antwort(v, status.HTTP_201_CREATED)

    @_doku("Vollzugsbefehl erlassen (§ 16 Abs. 1 JVG)", s.VollzugsbefehlEingabe, V)
    @action(detail=True, methods=["post"])
    def befehl(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            s.VollzugsbefehlEingabe,
            lambda v, d: domain.vollzugsbefehl_erlassen(vollzugsform=v, durch=request.user, **d),
        )

    @_doku("Besondere Vollzugsform ablehnen", s.AblehnenEingabe, V)
    @action(detail=True, methods=["post"])
    def ablehnen(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            s.AblehnenEingabe,
            lambda v, d: domain.vollzugsform_ablehnen(vollzugsform=v, durch=request.user, **d),
        )

    @_doku("Arbeitsstunden erfassen (Art. 79a StGB)", s.StundenEingabe, V)
    @action(detail=True, methods=["post"])
    def stunden(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            s.StundenEingabe,
            lambda v, d: domain.arbeitsstunden_erfassen(vollzugsform=v, durch=request.user, **d),
        )

    @_doku("Nicht geleistete Arbeit umwandeln (Art. 79a Abs. 6 StGB)", s.UmwandlungEingabe, V)
    @action(detail=True, methods=["post"])
    def umwandeln(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            s.UmwandlungEingabe,
            lambda v, d: domain.umwandeln(vollzugsform=v, durch=request.user, **d),
        )


# --- Bewährungshilfe ---------------------------------------------------------------------------------------


class _AkteRechte(NachAktion):
    regeln = {
        aktion: ("Bewährungsakte bearbeiten", permissions.darf_bewaehrung_bearbeiten)
        for aktion in (
            "create",
            "weisung",
            "eintrag",
            "kontrolle",
            "meldung_senden",
            "gerichtsantwort",
            "abschliessen",
        )
    }


B = s.BewaehrungsakteSerializer


@extend_schema(tags=["Bewährungshilfe (§ 19 JVG)"])
@extend_schema_view(
    list=extend_schema(summary="Bewährungsakten auflisten", responses={200: B, 401: ANTWORT_401}),
    retrieve=extend_schema(
        summary="Bewährungsakte lesen", responses={200: B, 401: ANTWORT_401, 404: ANTWORT_404}
    ),
)
class BewaehrungsakteViewSet(_Basis):
    serializer_class = B
    permission_classes = [IsAuthenticated, _AkteRechte]

    def get_queryset(self):
        return (
            queries.akten_fuer_user(self.request.user)
            .prefetch_related(
                Prefetch("weisungen", queryset=Weisung.objects.order_by("naechste_kontrolle", "pk")),
                Prefetch("eintraege", queryset=Bewaehrungseintrag.objects.order_by("-datum", "-pk")),
                Prefetch(
                    "gerichtsmeldungen", queryset=Gerichtsmeldung.objects.order_by("-erfasst_am", "-pk")
                ),
            )
            .order_by("-probezeit_von", "-pk")
        )

    def _person_von(self, akte):
        return akte.person_id

    @extend_schema(summary="Bewährungsakte eröffnen", request=s.AkteEingabe, responses={201: B, **ANTWORTEN})
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(s.AkteEingabe, request)
        with fehler_mit_api_namen(eingabe, AUSGABENAMEN):
            akte = domain.akte_eroeffnen(**eingabe.validated_data, durch=request.user)
        return self._antwort(akte, status.HTTP_201_CREATED)

    @_doku("Weisung erfassen (Art. 94 StGB)", s.WeisungEingabe, B)
    @action(detail=True, methods=["post"])
    def weisung(self, request, pk=None, **kwargs):
        return self._schritt(
            request, s.WeisungEingabe, lambda a, d: domain.weisung_erfassen(akte=a, durch=request.user, **d)
        )

    @_doku("Kontakt oder Bericht erfassen", s.EintragEingabe, B)
    @action(detail=True, methods=["post"])
    def eintrag(self, request, pk=None, **kwargs):
        return self._schritt(
            request, s.EintragEingabe, lambda a, d: domain.eintrag_erfassen(akte=a, durch=request.user, **d)
        )

    @_doku(
        "Weisung kontrollieren",
        s.KontrolleEingabe,
        B,
        "Nicht eingehalten: Entwurf der Meldung ans Gericht (Art. 95 Abs. 3 StGB).",
    )
    @action(detail=True, methods=["post"])
    def kontrolle(self, request, pk=None, **kwargs):
        def ausfuehren(akte, d):
            d = dict(d)
            weisung = get_object_or_404(akte.weisungen.all(), pk=d.pop("weisung"))
            domain.weisung_kontrollieren(weisung=weisung, durch=request.user, **d)

        return self._schritt(request, s.KontrolleEingabe, ausfuehren)

    @_doku("Meldung ans Gericht senden (Art. 95 Abs. 3 StGB)", s.MeldungSendenEingabe, B)
    @action(detail=True, methods=["post"], url_path="meldung-senden")
    def meldung_senden(self, request, pk=None, **kwargs):
        def ausfuehren(akte, d):
            d = dict(d)
            meldung = get_object_or_404(akte.gerichtsmeldungen.all(), pk=d.pop("meldung"))
            domain.gerichtsmeldung_senden(meldung=meldung, durch=request.user, **d)

        return self._schritt(request, s.MeldungSendenEingabe, ausfuehren)

    @_doku("Antwort des Gerichts erfassen", s.BewaehrungGerichtsantwortEingabe, B)
    @action(detail=True, methods=["post"])
    def gerichtsantwort(self, request, pk=None, **kwargs):
        def ausfuehren(akte, d):
            d = dict(d)
            meldung = get_object_or_404(akte.gerichtsmeldungen.all(), pk=d.pop("meldung"))
            domain.gerichtsantwort_erfassen(meldung=meldung, durch=request.user, **d)

        return self._schritt(request, s.BewaehrungGerichtsantwortEingabe, ausfuehren)

    @_doku("Bewährungsakte abschliessen", s.AbschlussEingabe, B)
    @action(detail=True, methods=["post"])
    def abschliessen(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            s.AbschlussEingabe,
            lambda a, d: domain.akte_abschliessen(akte=a, durch=request.user, **d),
        )


# --- Begnadigung --------------------------------------------------------------------------------------------


class _GnadeRechte(NachAktion):
    regeln = {
        aktion: ("Begnadigungsgesuch bearbeiten", permissions.darf_begnadigung_bearbeiten)
        for aktion in ("create", "weiterleiten", "entscheid")
    }


G = s.BegnadigungsgesuchSerializer


@extend_schema(tags=["Begnadigung (§ 51 JVG)"])
@extend_schema_view(
    list=extend_schema(summary="Begnadigungsgesuche auflisten", responses={200: G, 401: ANTWORT_401}),
    retrieve=extend_schema(
        summary="Begnadigungsgesuch lesen", responses={200: G, 401: ANTWORT_401, 404: ANTWORT_404}
    ),
)
class BegnadigungsgesuchViewSet(_Basis):
    serializer_class = G
    permission_classes = [IsAuthenticated, _GnadeRechte]

    def get_queryset(self):
        return queries.gnadengesuche_fuer_user(self.request.user).order_by("-eingereicht_am", "-pk")

    def _person_von(self, g):
        return g.person_id

    @extend_schema(
        summary="Begnadigungsgesuch erfassen (§ 51 JVG)",
        request=s.GnadengesuchEingabe,
        responses={201: G, **ANTWORTEN},
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(s.GnadengesuchEingabe, request)
        with fehler_mit_api_namen(eingabe, AUSGABENAMEN):
            g = domain.gnadengesuch_erfassen(**eingabe.validated_data, durch=request.user)
        return self._antwort(g, status.HTTP_201_CREATED)

    @_doku("An den Kantonsrat weiterleiten (§ 51 JVG)", s.WeiterleitenEingabe, G)
    @action(detail=True, methods=["post"])
    def weiterleiten(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            s.WeiterleitenEingabe,
            lambda g, d: domain.gnadengesuch_weiterleiten(gesuch=g, durch=request.user, **d),
        )

    @_doku("Entscheid des Kantonsrats erfassen (§ 51 Abs. 2 JVG)", s.GnadenentscheidEingabe, G)
    @action(detail=True, methods=["post"])
    def entscheid(self, request, pk=None, **kwargs):
        return self._schritt(
            request,
            s.GnadenentscheidEingabe,
            lambda g, d: domain.gnadenentscheid_erfassen(gesuch=g, durch=request.user, **d),
        )


def registrieren(router) -> None:
    """Register this module's viewsets with the /api/v1/ router (called by `jvg_case/api_urls.py`)."""
    router.register("vollzugsoeffnungen", VollzugsoeffnungViewSet, basename="vollzugsoeffnung")
    router.register("vollzugsformen", VollzugsformViewSet, basename="vollzugsform")
    router.register("bewaehrungsakten", BewaehrungsakteViewSet, basename="bewaehrungsakte")
    router.register("begnadigungsgesuche", BegnadigungsgesuchViewSet, basename="begnadigungsgesuch")
