"""Issue 23 point 6: zones (R-30-1) and ED measures (R-27-1) through the API: reads, visibility as on
the pages, metadata only, constant queries for lists, in the OpenAPI schema."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import fall_anlegen
from ueberwachung import domain

from . import hilfen
from .hilfen import zone_anlegen
from .test_api import BASIS, api

insasse, leitung_b = hilfen.insasse, hilfen.leitung_b
pytestmark = pytest.mark.django_db
GEHEIM = "Bemerkung-Geheim-4711"


def _ed(leitung, person):
    return domain.ed_anordnen(
        person=person,
        art="fotografien",
        durchgefuehrt_am=timezone.localdate(),
        dateien=[SimpleUploadedFile("foto.jpg", b"jpeg-inhalt")],
        bemerkung=GEHEIM,
        durch=leitung,
    )


@pytest.mark.rule("R-0-ROLE-1", "R-27-1", "R-30-1")
def test_zonen_und_ed_nach_sichtbarkeit(
    insasse, leitung_a, leitung_b, sachbearbeitung, revision, personal_a, medizin
):
    zone = zone_anlegen(leitung_a)
    ed = _ed(leitung_a, insasse)
    for user in (sachbearbeitung, revision, leitung_a):
        zonen = api(user).get(f"{BASIS}/zonen/").json()["results"]
        assert [z["id"] for z in zonen] == [zone.pk]
        eds = api(user).get(f"{BASIS}/ed-massnahmen/").json()["results"]
        assert [(e["id"], e["anzahlDateien"], e["art"]) for e in eds] == [(ed.pk, 1, "fotografien")]
        detail = api(user).get(f"{BASIS}/ed-massnahmen/{ed.pk}/")
        assert detail.status_code == 200 and GEHEIM not in detail.content.decode()
        assert "jpeg-inhalt" not in detail.content.decode() and "foto.jpg" not in detail.content.decode()
    # The other facility's management: empty lists, 404 on the objects.
    assert api(leitung_b).get(f"{BASIS}/zonen/").json()["results"] == []
    assert api(leitung_b).get(f"{BASIS}/ed-massnahmen/{ed.pk}/").status_code == 404
    assert api(leitung_b).get(f"{BASIS}/zonen/{zone.pk}/").status_code == 404
    # Staff and physicians see nothing of this module (403, as on the pages).
    for user in (personal_a, medizin):
        assert api(user).get(f"{BASIS}/zonen/").status_code == 403
        assert api(user).get(f"{BASIS}/ed-massnahmen/").status_code == 403
    # Readers may not write (403 before the input is read; the writes: test_api_zonen_ed_schreiben.py).
    for user in (sachbearbeitung, revision):
        assert api(user).post(f"{BASIS}/zonen/", {}, format="json").status_code == 403


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("anzahl", [1, 15])
def test_listen_konstante_abfragen(
    anzahl, sachbearbeitung, leitung_a, anstalt_a, django_assert_max_num_queries
):
    for i in range(anzahl):
        person = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a).person
        _ed(leitung_a, person)
        zone_anlegen(leitung_a, bezeichnung=f"Hof {i}")
    c = api(sachbearbeitung)
    with django_assert_max_num_queries(6):
        assert len(c.get(f"{BASIS}/ed-massnahmen/").json()["results"]) == anzahl
    with django_assert_max_num_queries(6):
        assert len(c.get(f"{BASIS}/zonen/").json()["results"]) == anzahl


def test_schema_nennt_zonen_und_ed(sachbearbeitung):
    schema = api(sachbearbeitung).get("/api/schema/").content.decode()
    assert "/api/v1/ueberwachung/zonen/" in schema and "/api/v1/ueberwachung/ed-massnahmen/" in schema
    assert "/api/v1/ueberwachung/rechtsbeistaende/{id}/entfernen/" in schema


@pytest.mark.rule("R-0-ROLE-1", "R-27-1")
def test_fallseite_block_nur_metadaten_fuer_berechtigte(
    client_als, insasse, leitung_a, leitung_b, sachbearbeitung, personal_a, revision
):
    from django.urls import reverse

    from ueberwachung.contributions import fallblock
    from vollzug.models import Vollzugsfall

    fall = Vollzugsfall.objects.get(person=insasse)
    # Nothing yet: no block.
    assert fallblock(fall, sachbearbeitung) is None
    ed = _ed(leitung_a, insasse)
    domain.rechtsbeistand_erfassen(
        person=insasse, name="RA Geheim", nummer="041 210 00 00", durch=sachbearbeitung
    )
    for user in (sachbearbeitung, revision, leitung_a):
        block = fallblock(fall, user)
        assert block["anzahl"] == {"telefon": 0, "video": 0, "ed": 1, "rechtsbeistaende": 1}
        assert (block["person_id"], block["telefon"], block["video"]) == (insasse.pk, [], [])
        assert [m.pk for m in block["ed"]] == [ed.pk]
    # Not for staff, nor the other facility's management.
    assert fallblock(fall, personal_a) is None and fallblock(fall, leitung_b) is None
    seite = client_als(leitung_a).get(reverse("vollzug:fall_detail", args=[fall.pk])).content.decode()
    assert (
        seite.count('id="ueberwachung"') == 1
        and GEHEIM not in seite
        and "RA Geheim" not in seite
        and "210 00 00" not in seite
    )
    seite = client_als(personal_a).get(reverse("vollzug:fall_detail", args=[fall.pk])).content.decode()
    assert 'id="ueberwachung"' not in seite
