"""Issue 19: the API case list reads its page with one hand-written statement around the page's ids
(`vollzug.queries.fall_listenseite_sql`); each entry must equal what the detail (DRF fields over the ORM)
says, in the list's order, page by page, on SQLite (dates through the backend's converters) as on
PostgreSQL."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from rest_framework import serializers

from kern.models import Lesezugriff
from tests.factories import fall_anlegen
from vollzug.models import Vollzugsfall
from vollzug.recht import Fallstatus
from vollzug.serializers import _zeit

from .test_api import FAELLE, api_als

ZUERICH = ZoneInfo("Europe/Zurich")


@pytest.mark.parametrize(
    "wert",
    [
        datetime(2026, 1, 15, 23, 30, tzinfo=UTC),  # winter time, the local date is the next day
        datetime(2026, 7, 1, 12, 0, 0, 123456, tzinfo=UTC),  # summer time, microseconds
        datetime(2026, 3, 29, 1, 0, tzinfo=UTC),  # the first instant of summer time
        datetime(2026, 10, 25, 0, 59, 59, tzinfo=UTC),  # the last instant of summer time
        datetime(2026, 10, 25, 1, 0, tzinfo=UTC),  # the repeated hour
    ],
)
def test_zeit_wie_drf(wert):
    assert _zeit(wert, timezone.get_current_timezone()) == serializers.DateTimeField().to_representation(wert)
    assert _zeit(wert, UTC).endswith("Z")
    assert _zeit(None, ZUERICH) is None


def test_jeder_eintrag_wie_der_einzelabruf_in_der_reihenfolge_der_liste(sachbearbeitung, anstalt_a):
    gleicher_tag = date(2026, 11, 2)
    faelle = [
        fall_anlegen(durch=sachbearbeitung, eingang_am=gleicher_tag, eingewiesen_in=anstalt_a),
        fall_anlegen(durch=sachbearbeitung, eingang_am=gleicher_tag),
        fall_anlegen(durch=sachbearbeitung, eingang_am=date(2026, 11, 3)),
        fall_anlegen(
            durch=sachbearbeitung,
            eingang_am=date(2026, 10, 1),
            eingewiesen_in=anstalt_a,
            eingewiesen_am=datetime(2026, 10, 2, 8, 0, tzinfo=UTC),
        ),
    ]
    entlassen = faelle[3]
    Vollzugsfall.objects.filter(pk=entlassen.pk).update(
        status=Fallstatus.ENTLASSEN, entlassung_am=datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    )
    client = api_als(sachbearbeitung)

    erste = client.get(FAELLE, {"limit": 2}).json()
    zweite = client.get(erste["next"]).json()

    # newest intake first; the same day by id, newest first
    erwartet = [faelle[2].pk, faelle[1].pk, faelle[0].pk, entlassen.pk]
    assert [e["id"] for e in erste["results"] + zweite["results"]] == erwartet
    assert (erste["count"], zweite["count"], zweite["next"]) == (4, 4, None)
    for eintrag in erste["results"] + zweite["results"]:
        detail = client.get(eintrag["url"]).json()
        assert {k: detail[k] for k in eintrag} == eintrag
    ende = zweite["results"][-1]
    assert (ende["status"], ende["entlassungAm"], ende["eingangAm"]) == (
        "entlassen",
        "2026-10-25T02:30:00+01:00",
        "2026-10-01",
    )
    assert zweite["results"][0]["aktuelleAnstalt"] == "JVA Grosshof"
    # each page logged its own rows, never the look-ahead row
    gelesen = (
        Lesezugriff.objects.filter(aktion="api_liste").order_by("pk").values_list("objekt_id", flat=True)
    )
    assert list(gelesen) == erwartet


def test_gefiltert_und_leer(sachbearbeitung, anstalt_a):
    im_vollzug = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    fall_anlegen(durch=sachbearbeitung)
    client = api_als(sachbearbeitung)

    gefiltert = client.get(FAELLE, {"status": im_vollzug.status}).json()
    leer = client.get(FAELLE, {"person": im_vollzug.person_id, "status": "entlassen"}).json()

    assert [e["id"] for e in gefiltert["results"]] == [im_vollzug.pk]
    assert (leer["count"], leer["results"]) == (0, [])
    assert list(
        Lesezugriff.objects.filter(aktion="api_liste").order_by("pk").values_list("objekt_id", "person_id")
    ) == [(im_vollzug.pk, im_vollzug.person_id), (None, None)]


def test_fallliste_im_browser_zeigt_die_zeilen_aus_einer_anweisung(client, sachbearbeitung, anstalt_a):
    """Issue 19: the browser's case list reads its rows by one statement (`fall_listenzeilen`), not as
    model objects: same cells, in list order, with the current facility and unit."""
    aelter = fall_anlegen(durch=sachbearbeitung, eingang_am=date(2026, 11, 2))
    neuer = fall_anlegen(
        durch=sachbearbeitung,
        eingang_am=date(2026, 11, 3),
        eingewiesen_in=anstalt_a,
        eingewiesen_am=datetime(2026, 11, 4, 8, 5, tzinfo=UTC),
    )
    neuer.platzierungen.update(abteilung="Wohngruppe 3")
    client.force_login(sachbearbeitung)

    inhalt = client.get("/vollzug/faelle/").content.decode()

    assert inhalt.index(neuer.fallnummer) < inhalt.index(aelter.fallnummer)
    assert f'href="/vollzug/faelle/{neuer.pk}/">{neuer.fallnummer}</a>' in inhalt
    person = neuer.person
    assert (
        f'{person.amtlicher_name} {person.vorname}<br><span class="klein">{person.personennummer}</span>'
        in inhalt
    )
    assert '<span class="status status-im_vollzug">Im Vollzug</span>' in inhalt
    assert "03.11.2026" in inhalt and "04.11.2026 09:05" in inhalt
    assert "JVA Grosshof, Wohngruppe 3" in inhalt
