"""Partnerbehörden und Datenaustausch (§§ 12, 21 JVG): REST endpoints under /api/v1/.

Only agency clients (OAuth2 client credentials, `permissions.BehoerdenAuthentication`) use these endpoints; staff
sessions and DRF tokens get 401 here. Order of checks: token (401) → endpoint allowed for the agency type
and scope (403) → throttle (429) → purpose and official (400, § 21 Abs. 2) → input (400) → person in the
agency's sight (404). Every successful answer about a person is logged in the disclosure log (R-21-1).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.response import Response

from behoerden import domain, queries
from behoerden.permissions import (
    BehoerdeBerechtigt,
    BehoerdenAuthentication,
    BehoerdenDrosselung,
    behoerde_von,
)
from behoerden.recht import FREIGABEN, Endpunkt, freigabe, tabelle_markdown
from behoerden.serializers import (
    AuskunftFilterSerializer,
    AuskunftSerializer,
    ZustellungEingabeSerializer,
    ZustellungQuittungSerializer,
)
from kern.anmeldung import anfrage_abgewiesen
from kern.web.api import ANTWORT_400, JsonParser, eingabe_pruefen, fehler_mit_api_namen, listenfilter
from kern.web.serializers import BIGINT_MAX, FehlerSerializer
from vollzug.domain import SanktionDaten
from vollzug.validators import ahv_normalisieren, validate_ahv_nummer

TAG = "Partnerbehörden (§§ 12, 21)"

ALLE_ZWECKE = sorted({z.code for f in FREIGABEN.values() for z in f.zwecke})

KOPFZEILEN = [
    OpenApiParameter(
        name=domain.ZWECK_HEADER,
        type=str,
        location=OpenApiParameter.HEADER,
        required=True,
        enum=ALLE_ZWECKE,
        description="§ 21 Abs. 2 JVG (R-21-1): Code der gesetzlichen Aufgabe, für die die Auskunft benötigt wird, "
        "aus dem Katalog des eigenen Behördentyps (Tabelle in der API-Beschreibung).",
    ),
    OpenApiParameter(
        name=domain.SACHBEARBEITUNG_HEADER,
        type=str,
        location=OpenApiParameter.HEADER,
        required=True,
        description="Handelnde Person der Behörde (Name oder Kürzel, höchstens 150 Zeichen; Umlaute "
        "prozentkodiert nach RFC 3986, z. B. `M%C3%BCller`).",
    ),
]

ANTWORT_401 = OpenApiResponse(
    FehlerSerializer,
    description="Kein, ein ungültiges oder abgelaufenes Zugriffstoken (Header `Authorization: Bearer <token>`), "
    "oder die Behörde ist deaktiviert.",
    examples=[OpenApiExample("Token fehlt", value={"detail": "Anmeldedaten fehlen."})],
)
ANTWORT_403 = OpenApiResponse(
    FehlerSerializer,
    description="Endpunkt für diesen Behördentyp nicht freigegeben oder Token ohne den nötigen Scope.",
    examples=[
        OpenApiExample(
            "Nicht freigegeben",
            value={
                "detail": "§ 21 JVG (R-21-1): Dieser Endpunkt ist für diesen Behördentyp oder dieses Token "
                "nicht freigegeben."
            },
        )
    ],
)
ANTWORT_404 = OpenApiResponse(
    FehlerSerializer,
    description="Person nicht vorhanden oder ausserhalb der Sicht der Behörde (Existenz wird nicht verraten).",
    examples=[OpenApiExample("Nicht gefunden", value={"detail": "Nicht gefunden."})],
)
ANTWORT_429 = OpenApiResponse(
    FehlerSerializer,
    description="Zu viele Anfragen dieses Clients (Einstellung JVG_BEHOERDEN_RATE); Header Retry-After.",
    examples=[
        OpenApiExample(
            "Gedrosselt", value={"detail": "Zu viele Anfragen. Bitte in 12 Sekunden erneut versuchen."}
        )
    ],
)
ANTWORT_400_ZWECK = OpenApiResponse(
    ANTWORT_400.response,
    description="Ungültige Eingabe, oder Zweck (X-Zweck) bzw. handelnde Person (X-Sachbearbeitung) fehlt oder "
    "ist unbekannt (§ 21 Abs. 2 JVG, R-21-1).",
    examples=[
        OpenApiExample(
            "Zweck fehlt",
            value={
                "X-Zweck": [
                    "§ 21 Abs. 2 JVG (R-21-1): Jede Anfrage nennt im Header X-Zweck die gesetzliche Aufgabe, "
                    "für die die Auskunft benötigt wird. Zulässig für diese Behörde: fuehrerausweis."
                ]
            },
        )
    ],
)
ANTWORT_409 = OpenApiResponse(
    FehlerSerializer,
    description="Dieselbe Geschäftsnummer wurde bereits mit anderem Inhalt zugestellt (oder von Hand erfasst).",
    examples=[
        OpenApiExample(
            "Anderer Inhalt",
            value={
                "detail": "§ 12 JVG (R-12-1): Der Entscheid SA1 26 123 wurde am 01.12.2026 mit anderem Inhalt "
                "zugestellt (Fall VF-2026-00012). Eine Berichtigung bitte der Vollzugsbehörde direkt melden."
            },
        )
    ],
)


class _BehoerdenViewSet(viewsets.ViewSet):
    """Agency clients only; the endpoint's allowlist entry, scope, throttle and § 21 Abs. 2 purpose."""

    authentication_classes = [BehoerdenAuthentication]
    permission_classes = [BehoerdeBerechtigt]
    throttle_classes = [BehoerdenDrosselung]
    parser_classes = [JsonParser]
    endpunkt: Endpunkt

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.behoerde = behoerde_von(request)
        try:
            self.zweck, self.sachbearbeitung = domain.zweck_pruefen(
                behoerde=self.behoerde,
                endpunkt=self.endpunkt,
                zweck=request.headers.get(domain.ZWECK_HEADER),
                sachbearbeitung=request.headers.get(domain.SACHBEARBEITUNG_HEADER),
            )
        except DjangoValidationError as exc:
            # Issue 18 item 10: a request refused for its missing or wrong purpose is logged with the reason.
            anfrage_abgewiesen(request, benutzer=self.behoerde.benutzer, endpunkt=self.endpunkt, fehler=exc)
            raise

    def throttled(self, request, wait):
        sekunden = int(wait) + 1 if wait is not None else None
        text = f" Bitte in {sekunden} Sekunden erneut versuchen." if sekunden else ""
        raise Throttled(wait=wait, detail=f"Zu viele Anfragen.{text}")


AUSKUNFT_BESCHREIBUNG = (
    "§ 21 Abs. 2 JVG (R-21-1): Auskünfte über verurteilte oder eingewiesene Personen an andere Behörden "
    "(§ 21 Abs. 3 lit. a–j). Scope `auskunft`. Jede Anfrage nennt den Zweck (`X-Zweck`) und die handelnde "
    "Person (`X-Sachbearbeitung`); jede Antwort über eine Person wird im Bekanntgabeprotokoll festgehalten "
    "(Behörde, Person, Zweck, Rechtsgrundlage, Kategorien, Zeit). Zurückgegeben werden nur die Datenkategorien "
    "des eigenen Behördentyps; fehlende Blöcke sind nicht freigegeben. Personen ausserhalb der Sicht: 404 bzw. "
    "leere Liste.\n\n" + tabelle_markdown() + "\n\nSicht: `eigene_entscheide` = Personen aus Entscheiden der "
    "eigenen Behörde; `mit_fall` = Personen mit einem Vollzugsfall (nur exakte Suche nach AHV-Nummer oder ID); "
    "`unterstuetzungswohnsitz` = Personen mit aktuellem Unterstützungswohnsitz in der Gemeinde des Sozialamts."
)


class AuskunftViewSet(_BehoerdenViewSet):
    endpunkt = Endpunkt.AUSKUNFT
    lookup_field = "id"
    lookup_value_regex = r"[0-9]+"

    def _antwort(self, request, personen) -> Response:
        kategorien = freigabe(self.behoerde.typ).kategorien
        daten = [domain.auskunft_erstellen(p, kategorien) for p in personen]
        with transaction.atomic():  # no answer without its log rows (R-21-1)
            for p in personen:
                domain.bekanntgabe_protokollieren(
                    behoerde=self.behoerde,
                    sachbearbeitung=self.sachbearbeitung,
                    zweck=self.zweck,
                    person=p,
                    endpunkt=f"{self.endpunkt.value}.{self.action}",
                    kategorien=kategorien,
                    request=request,
                )
        return daten

    @extend_schema(
        tags=[TAG],
        summary="Person suchen (exakt, nach AHV-Nummer oder eigener Geschäftsnummer)",
        description=AUSKUNFT_BESCHREIBUNG,
        parameters=[*KOPFZEILEN, AuskunftFilterSerializer],
        responses={
            200: AuskunftSerializer(many=True),
            400: ANTWORT_400_ZWECK,
            401: ANTWORT_401,
            403: ANTWORT_403,
            429: ANTWORT_429,
        },
    )
    def list(self, request, **kwargs):
        daten = listenfilter(AuskunftFilterSerializer, request)
        vn = daten.get("vn", "").strip()
        referenz = daten.get("referenz", "").strip()
        if bool(vn) == bool(referenz):
            raise ValidationError(
                {
                    "vn": [
                        "§ 21 Abs. 2 JVG (R-21-1): Genau einen Suchbegriff angeben: vn (AHV-Nummer) oder referenz."
                    ]
                }
            )
        personen = queries.auskunft_queryset(self.behoerde)
        if vn:
            try:
                validate_ahv_nummer(vn)
            except DjangoValidationError as exc:
                raise ValidationError({"vn": exc.messages}) from None
            personen = personen.filter(ahv_nummer=ahv_normalisieren(vn))
        else:
            if self.behoerde.typ != "a":
                raise ValidationError(
                    {"referenz": ["Die Suche nach Geschäftsnummer steht nur Strafbehörden offen."]}
                )
            personen = personen.filter(
                faelle__entscheide__behoerde=self.behoerde.name, faelle__entscheide__referenz=referenz
            ).distinct()
        return Response(self._antwort(request, list(personen[:2])))

    @extend_schema(
        tags=[TAG],
        summary="Auskunft über eine Person",
        description=AUSKUNFT_BESCHREIBUNG,
        parameters=[
            *KOPFZEILEN,
            OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="ID der Person."),
        ],
        responses={
            200: AuskunftSerializer,
            400: ANTWORT_400_ZWECK,
            401: ANTWORT_401,
            403: ANTWORT_403,
            404: ANTWORT_404,
            429: ANTWORT_429,
        },
    )
    def retrieve(self, request, id=None, **kwargs):  # noqa: A002 (the router's URL keyword)
        if not str(id).isdigit() or int(id) > BIGINT_MAX:
            raise NotFound("Nicht gefunden.")
        person = queries.auskunft_queryset(self.behoerde).filter(pk=int(id)).first()
        if person is None:
            raise NotFound("Nicht gefunden.")
        return Response(self._antwort(request, [person])[0])


_AUSGABENAMEN = {
    "amtlicher_name": "person.officialName",
    "vorname": "person.firstName",
    "geschlecht": "person.sex",
    "geburtsdatum": "person.dateOfBirth",
    "ahv_nummer": "person.vn",
    "eingang_am": "entscheid",
}


class UrteilszustellungViewSet(_BehoerdenViewSet):
    endpunkt = Endpunkt.URTEILSZUSTELLUNG

    @extend_schema(
        tags=[TAG],
        summary="Rechtskräftigen Entscheid zustellen (§ 12 JVG)",
        description="R-12-1: Strafbehörden (Typ a, Scope `urteile`, X-Zweck `urteilszustellung`) stellen "
        "rechtskräftige Strafbefehle, Urteile oder Vollzugsentscheide mit Sanktionen und Akten zu. Alles oder "
        "nichts: bei ungültigem Inhalt 400 und nichts gespeichert. Idempotent nach Geschäftsnummer: dieselbe "
        "Zustellung nochmals → 200 mit demselben Fall; anderer Inhalt unter derselben Nummer → 409. Eine "
        "erfasste Person mit derselben AHV-Nummer wird übernommen. Der Fall erscheint in der Pendenzenliste "
        "der Sachbearbeitung. Dokumente Base64-kodiert (PDF, PNG, JPEG, TIFF, XML, Text).",
        parameters=KOPFZEILEN,
        request=ZustellungEingabeSerializer,
        responses={
            201: ZustellungQuittungSerializer,
            200: ZustellungQuittungSerializer,
            400: ANTWORT_400_ZWECK,
            401: ANTWORT_401,
            403: ANTWORT_403,
            409: ANTWORT_409,
            429: ANTWORT_429,
        },
    )
    def create(self, request, **kwargs):
        eingabe = eingabe_pruefen(ZustellungEingabeSerializer, request)
        d = eingabe.validated_data
        zustellung = domain.Zustellung(
            person=domain.PersonDaten(**d["person"]),
            art=d["entscheid"]["art"],
            referenz=d["entscheid"]["referenz"].strip(),
            entscheid_datum=d["entscheid"]["entscheid_datum"],
            rechtskraft_am=d["entscheid"]["rechtskraft_am"],
            sanktionen=[SanktionDaten(**s) for s in d["sanktionen"]],
            dokumente=[domain.ZustellungsDokument(**dok) for dok in d.get("dokumente", [])],
        )
        try:
            with fehler_mit_api_namen(eingabe, _AUSGABENAMEN):
                eintrag, neu = domain.urteil_zustellen(
                    behoerde=self.behoerde, zustellung=zustellung, sachbearbeitung=self.sachbearbeitung
                )
        except domain.ZustellungKonflikt as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        antwort = {
            "referenz": eintrag.referenz,
            "zugestellt_am": eintrag.zugestellt_am,
            "neu": neu,
            "fall": {"id": eintrag.fall_id, "fallnummer": eintrag.fall.fallnummer},
            "person": {"id": eintrag.person_id, "personennummer": eintrag.person.personennummer},
        }
        return Response(
            ZustellungQuittungSerializer(antwort).data,
            status=status.HTTP_201_CREATED if neu else status.HTTP_200_OK,
        )


def registrieren(router) -> None:
    """Register this module's viewsets on the shared /api/v1/ router (jvg_case.api_urls)."""
    router.register("auskunft/personen", AuskunftViewSet, basename="auskunft-person")
    router.register("urteilszustellungen", UrteilszustellungViewSet, basename="urteilszustellung")
