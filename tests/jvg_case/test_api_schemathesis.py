"""Property-based API test (issue 9): schemathesis generates requests for EVERY operation of the project's
OpenAPI schema and the app must never answer with a server error (R-0-BAD-1).

The schema is the one drf-spectacular serves (generated in-process, no network). Each generated request
is sent through Django's test client twice: as a case worker (session) and as a Strafbehörde's OAuth2
client (bearer token, both scopes); the check is schemathesis' "not a server error": a 5xx or an exception
raised by a view fails the test. Bounded and deterministic: a few examples per operation, derandomized.
"""

import json
from urllib.parse import urlsplit

import pytest
import requests
import schemathesis
from django.core.cache import cache
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from behoerden.models import Behoerdentyp
from tests.behoerden.hilfen import behoerde_anlegen, fall_mit_entscheid, token_fuer
from tests.factories import person_anlegen


def _schema() -> dict:
    roh = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(roh))


schema = schemathesis.openapi.from_dict(_schema())


@pytest.fixture
def aufrufer(db, sachbearbeitung, admin_user, anstalt_a, settings):
    settings.JVG_BEHOERDEN_RATE = "100000/min"
    cache.clear()
    behoerde, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRAFBEHOERDE, name="Staatsanwaltschaft")
    person = person_anlegen(durch=sachbearbeitung, ahv_nummer="7569217076985")
    fall_mit_entscheid(
        durch=sachbearbeitung, person=person, behoerde_name=behoerde.name, referenz="S-1", anstalt=anstalt_a
    )
    staff = APIClient()
    staff.force_login(sachbearbeitung)
    agentur = APIClient()
    agentur.credentials(HTTP_AUTHORIZATION=f"Bearer {token_fuer(behoerde).token}")
    return {"sachbearbeitung": staff, "strafbehoerde": agentur}


def _senden(client: APIClient, case):
    kw = case.as_transport_kwargs(base_url="http://testserver")
    teile = urlsplit(kw["url"])
    meta = {}
    for name, wert in (kw.get("headers") or {}).items():
        if name.lower() in ("content-type", "content-length"):
            continue
        meta["HTTP_" + name.upper().replace("-", "_")] = str(wert)
    body = kw.get("data")
    content_type = (kw.get("headers") or {}).get("Content-Type", "application/json")
    if "json" in kw:
        body = json.dumps(kw["json"])
        content_type = "application/json"
    elif kw.get("files"):
        content_type = "multipart/form-data"
        body = None
    if isinstance(body, dict):
        body = json.dumps(body)
    antwort = client.generic(
        case.method.upper(),
        teile.path,
        data=body if body is not None else "",
        content_type=content_type,
        QUERY_STRING=_query(kw.get("params")),
        **meta,
    )
    return antwort


def _als_schemathesis_antwort(case, antwort) -> Response:
    """The Django test response in schemathesis' transport-neutral shape, for its response checks."""
    anfrage = requests.Request(case.method.upper(), "http://testserver" + case.formatted_path).prepare()
    return Response(
        status_code=antwort.status_code,
        headers={name: [wert] for name, wert in antwort.headers.items()},
        content=b"".join(antwort.streaming_content) if antwort.streaming else antwort.content,
        request=anfrage,
        elapsed=0.0,
        verify=True,
    )


PRUEFUNGEN = [not_a_server_error, status_code_conformance, response_schema_conformance]


def _query(params) -> str:
    from urllib.parse import urlencode

    if not params:
        return ""
    return urlencode(params, doseq=True)


# One test per operation, named by its label ("POST /api/v1/personen/"): explicit parametrization keeps the
# node IDs distinct, so that pytest-xdist distributes (and runs) every operation, which schemathesis'
# own `schema.parametrize()` does not (its items share one node ID and xdist ran only one of them).
OPERATIONEN = [ergebnis.ok() for ergebnis in schema.get_all_operations()]


# Write operations get more examples than reads (issue 25), bounded so the file stays within its time.
BEISPIELE = {"get": 2, "head": 2, "options": 2, "delete": 3, "post": 5, "put": 4, "patch": 4}

# The crafted inputs of issue 18 (tests/kern/test_eingabe_grenzen.py sends them to the router's URLs); here
# they go to every write operation of the schema and must get a documented status and a conforming body.
RIESIG = "99999999999999999999"
BOESE_KOERPER = [
    "[" * 5000 + "]" * 5000,
    '{"fall": 1e400}',
    '{"fall": NaN}',
    '{"fall": ' + RIESIG + ', "person": ' + RIESIG + ', "id": ' + RIESIG + "}",
]


@pytest.mark.parametrize("operation", OPERATIONEN, ids=[op.label for op in OPERATIONEN])
def test_kein_serverfehler_auf_irgendeiner_operation(operation, aufrufer):
    """No 5xx, every status documented in the schema, every body conforming to its documented schema."""
    faelle = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=BEISPIELE.get(operation.method.lower(), 2),
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the failing request is printed as is
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def pruefen(case):
        faelle.append(case)
        for rolle, client in aufrufer.items():
            antwort = _senden(client, case)
            assert antwort.status_code < 500, (
                f"{rolle}: {case.method} {case.formatted_path} → {antwort.status_code}"
            )
            case.validate_response(_als_schemathesis_antwort(case, antwort), checks=PRUEFUNGEN)

    pruefen()
    nimmt_json = any("json" in koerper.media_type for koerper in operation.body)
    if operation.method.lower() in ("post", "put", "patch") and nimmt_json and faelle:
        case = faelle[0]
        for koerper in BOESE_KOERPER:
            antwort = aufrufer["sachbearbeitung"].generic(
                case.method.upper(), case.formatted_path, data=koerper, content_type="application/json"
            )
            assert antwort.status_code < 500, f"{case.method} {case.formatted_path} {koerper[:30]}…"
            case.validate_response(_als_schemathesis_antwort(case, antwort), checks=PRUEFUNGEN)
    elif operation.method.lower() == "get" and "limit" in operation.query and faelle:
        case = faelle[0]
        antwort = aufrufer["sachbearbeitung"].get(case.formatted_path, {"limit": RIESIG, "offset": RIESIG})
        assert antwort.status_code < 500
        case.validate_response(_als_schemathesis_antwort(case, antwort), checks=PRUEFUNGEN)
