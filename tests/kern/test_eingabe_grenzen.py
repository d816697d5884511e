"""Issue 18 item 6 (R-0-BAD-1): the crafted inputs of the attack test never give a 500.

The findings: JSON nested 5,000 deep on every JSON POST (RecursionError), `?limit=99999999999999999999`
(bigint overflow) and `{"fall": 1e400}` (OverflowError). Each is sent to every endpoint of the API router.
"""

import pytest
from rest_framework.test import APIClient

from jvg_case.api_urls import router
from kern.web.eingabe import JSON_MAX_TIEFE, json_laden, json_tiefe_pruefen
from tests.factories import fall_anlegen

RIESIG = "99999999999999999999"
GROSSE_ID = '{"fall": ' + RIESIG + ', "person": ' + RIESIG + "}"


def _post_urls():
    """(name, url) of every route of the API router that takes POST, with id 1 for detail routes."""
    urls = []
    for muster in router.urls:
        aktionen = getattr(muster.callback, "actions", {}) or {}
        if "post" not in aktionen:
            continue
        pfad = str(muster.pattern).lstrip("^").rstrip("$")
        if "(?P<format>" in pfad:
            continue
        pfad = pfad.replace("(?P<pk>[^/.]+)", "1")
        urls.append((muster.name, "/api/v1/" + pfad))
    return urls


def _list_urls():
    urls = []
    for muster in router.urls:
        aktionen = getattr(muster.callback, "actions", {}) or {}
        pfad = str(muster.pattern).lstrip("^").rstrip("$")
        if aktionen.get("get") == "list" and "(?P<" not in pfad:
            urls.append((muster.name, "/api/v1/" + pfad))
    return urls


POST_URLS = _post_urls()
LIST_URLS = _list_urls()


def test_router_has_the_endpoints_of_the_findings():
    assert len(POST_URLS) >= 17 and len(LIST_URLS) >= 10


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize(
    ("text", "meldung"),
    [
        ("[" * 5000 + "]" * 5000, f"höchstens {JSON_MAX_TIEFE} verschachtelte Ebenen"),
        ('{"fall": 1e400}', "Zahl ausserhalb des zulässigen Bereichs"),
        ('{"fall": -1e400}', "Zahl ausserhalb des zulässigen Bereichs"),
        ('{"fall": NaN}', "NaN ist keine Zahl"),
        ('{"fall": Infinity}', "Infinity ist keine Zahl"),
        ('{"fall": ' + "9" * 101 + "}", "Zahl ausserhalb des zulässigen Bereichs"),
        ('{"fall": ' + "9" * 5000 + "}", "Zahl ausserhalb des zulässigen Bereichs"),
        ('{"fall": "' + "9" * 5000 + '"', "Ungültiges JSON (Zeile 1"),
    ],
)
def test_json_reader_refuses_with_german_message(text, meldung):
    from rest_framework.exceptions import ParseError

    with pytest.raises(ParseError, match=meldung.replace("(", r"\(")):
        json_laden(text)


@pytest.mark.rule("R-0-BAD-1")
def test_json_reader_boundaries():
    # exactly the limit passes, one more is refused; brackets inside strings do not count
    json_tiefe_pruefen("[" * JSON_MAX_TIEFE + "]" * JSON_MAX_TIEFE)
    with pytest.raises(Exception, match="verschachtelte"):
        json_tiefe_pruefen("[" * (JSON_MAX_TIEFE + 1))
    assert json_laden('{"t": "[[[[\\"{{{{", "n": [1.5, -9223372036854775807]}') == {
        "t": '[[[["{{{{',
        "n": [1.5, -9223372036854775807],
    }
    assert json_laden('{"n": ' + "9" * 100 + "}") == {"n": int("9" * 100)}


@pytest.fixture
def api(sachbearbeitung):
    fall_anlegen(durch=sachbearbeitung)
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(sachbearbeitung)
    return client


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.django_db
@pytest.mark.parametrize("nutzlast", ["[" * 5000 + "]" * 5000, '{"fall": 1e400}', GROSSE_ID])
def test_no_json_post_gives_a_500(api, nutzlast):
    gelesen = []
    for name, url in POST_URLS:
        antwort = api.post(url, data=nutzlast, content_type="application/json")
        assert antwort.status_code < 500, (name, url, antwort.status_code)
        if antwort.status_code == 400:
            gelesen.append(name)
            if nutzlast != GROSSE_ID:  # a huge id is the field's error ("Nicht gefunden."), see below
                assert antwort.json()["detail"].startswith("Ungültiges JSON"), (name, antwort.json())
    # Creates a case worker may do read the body: these are the endpoints that crashed before.
    assert len(gelesen) >= 10, gelesen


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.django_db
def test_no_list_gives_a_500_on_huge_limit_or_offset(api):
    for name, url in LIST_URLS:
        for abfrage in ({"limit": RIESIG}, {"offset": RIESIG}, {"limit": "-1"}, {"limit": "1e400"}):
            antwort = api.get(url, abfrage)
            assert antwort.status_code in {200, 403}, (name, abfrage, antwort.status_code)
    antwort = api.get("/api/v1/faelle/", {"limit": RIESIG, "offset": RIESIG})
    assert antwort.status_code == 200 and antwort.json()["results"] == []


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.django_db
def test_no_detail_gives_a_500_on_a_huge_id(api):
    for name, url in LIST_URLS:
        antwort = api.get(f"{url}{RIESIG}/")
        assert antwort.status_code in {403, 404}, (name, antwort.status_code)
