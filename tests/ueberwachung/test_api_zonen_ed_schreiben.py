"""Issue 23: the writes of zones (R-30-1) and ED measures (R-27-1, R-27-2) through the API — the same domain
functions as the pages, the role before the input (403 even with an invalid payload), German messages naming
the §, history with the API caller as actor, constant queries for the lists."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import fall_anlegen
from ueberwachung.models import EDMassnahme, Inhaltszugriff, Videozone

from . import hilfen
from .hilfen import zone_anlegen
from .test_api import BASIS, api

insasse, leitung_b = hilfen.insasse, hilfen.leitung_b
pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"ed-material"


def _ed_anordnen(client, person, **ueberschreiben):
    daten = {
        "person": person.pk,
        "art": "fotografien",
        "durchgefuehrtAm": timezone.localdate().isoformat(),
        "dateien": [SimpleUploadedFile("foto.jpg", JPEG)],
        "bemerkung": "Eintrittsfoto",
    } | ueberschreiben
    return client.post(f"{BASIS}/ed-massnahmen/", daten, format="multipart")


# --- Zones (R-30-1) -------------------------------------------------------------------------------------


@pytest.mark.rule("R-30-1", "R-0-AUDIT-1")
def test_leitung_legt_zone_an_und_hebt_sie_auf(leitung_a, anstalt_a):
    antwort = api(leitung_a).post(
        f"{BASIS}/zonen/", {"bezeichnung": "Werkstatt Süd", "raumart": "werkstatt"}, format="json"
    )
    assert antwort.status_code == 201, antwort.content
    zone = Videozone.objects.get()
    assert (zone.anstalt_id, zone.bezeichnung, zone.raumart, zone.festgelegt_durch) == (
        anstalt_a.pk,
        "Werkstatt Süd",
        "werkstatt",
        leitung_a,
    )
    assert antwort.json()["id"] == zone.pk and antwort["Location"].endswith(f"/zonen/{zone.pk}/")
    assert zone.history.get().history_user == leitung_a

    antwort = api(leitung_a).post(f"{BASIS}/zonen/{zone.pk}/aufheben/", {}, format="json")
    assert antwort.status_code == 200, antwort.content
    zone.refresh_from_db()
    assert zone.aufgehoben_am is not None and antwort.json()["aufgehobenAm"] is not None
    assert zone.history.first().history_user == leitung_a
    # Lifting twice: the domain's German message with the §.
    antwort = api(leitung_a).post(f"{BASIS}/zonen/{zone.pk}/aufheben/", {}, format="json")
    assert antwort.status_code == 400
    assert antwort.json()["zone"] == ["§ 30 Abs. 2 JVG: Die Zone ist bereits aufgehoben."]


@pytest.mark.rule("R-30-1", grenze=True)
def test_zone_ordentliche_unterkunft_abgewiesen_zelle_nur_mit_grund(leitung_a):
    c = api(leitung_a)
    antwort = c.post(f"{BASIS}/zonen/", {"bezeichnung": "Zelle 12", "raumart": "zelle"}, format="json")
    assert antwort.status_code == 400
    assert antwort.json()["raumart"][0].startswith("§ 30 Abs. 2 lit. a JVG: Die ordentlichen Unterkünfte")
    # A security cell: just outside without a reason, just inside with reason and explanation.
    antwort = c.post(
        f"{BASIS}/zonen/", {"bezeichnung": "Sicherheitszelle", "raumart": "sicherheitszelle"}, format="json"
    )
    assert antwort.status_code == 400
    assert set(antwort.json()) == {"grund", "begruendung"}
    assert antwort.json()["grund"][0].startswith("§ 30 Abs. 2 lit. b JVG")
    assert not Videozone.objects.exists()
    antwort = c.post(
        f"{BASIS}/zonen/",
        {
            "bezeichnung": "Sicherheitszelle",
            "raumart": "sicherheitszelle",
            "grund": "gesundheitszustand",
            "begruendung": "Suizidgefahr gemäss ärztlichem Bericht.",
        },
        format="json",
    )
    assert antwort.status_code == 201, antwort.content
    assert Videozone.objects.get().grund == "gesundheitszustand"


@pytest.mark.rule("R-0-ROLE-1", "R-30-1")
def test_zone_ohne_recht_403_vor_eingabepruefung(
    sachbearbeitung, revision, personal_a, medizin, leitung_a, leitung_b
):
    for user in (sachbearbeitung, revision, personal_a, medizin):
        for daten in ({}, {"bezeichnung": "Hof", "raumart": "hof"}, {"raumart": "zelle"}):
            assert api(user).post(f"{BASIS}/zonen/", daten, format="json").status_code == 403
    zone = zone_anlegen(leitung_a)
    for user in (sachbearbeitung, revision, personal_a):
        assert api(user).post(f"{BASIS}/zonen/{zone.pk}/aufheben/", {}, format="json").status_code == 403
    # The other facility's management: the zone is outside its view.
    assert api(leitung_b).post(f"{BASIS}/zonen/{zone.pk}/aufheben/", {}, format="json").status_code == 404
    zone.refresh_from_db()
    assert zone.aufgehoben_am is None and Videozone.objects.count() == 1


# --- ED measures (R-27-1, R-27-2) -------------------------------------------------------------------------


@pytest.mark.rule("R-27-1", "R-0-AUDIT-1")
def test_leitung_ordnet_ed_an(leitung_a, insasse, anstalt_a):
    antwort = _ed_anordnen(api(leitung_a), insasse)
    assert antwort.status_code == 201, antwort.content
    m = EDMassnahme.objects.get()
    assert (m.person_id, m.anstalt_id, m.art, m.angeordnet_durch, m.bemerkung) == (
        insasse.pk,
        anstalt_a.pk,
        "fotografien",
        leitung_a,
        "Eintrittsfoto",
    )
    assert m.dateien.get().datei.read() == JPEG
    assert (antwort.json()["id"], antwort.json()["anzahlDateien"]) == (m.pk, 1)
    assert "Eintrittsfoto" not in antwort.content.decode()  # metadata only, as the reads
    assert m.history.get().history_user == leitung_a
    assert m.dateien.get().history.get().history_user == leitung_a


@pytest.mark.rule("R-27-1", grenze=True)
def test_ed_schlechte_eingabe_deutsch_mit_paragraph(leitung_a, insasse):
    c = api(leitung_a)
    # Without material: refused with the §.
    antwort = _ed_anordnen(c, insasse, dateien=[])
    assert antwort.status_code == 400
    assert antwort.json()["dateien"] == [
        "§ 27 Abs. 1 JVG: Das Material als Datei(en) beilegen (keine leeren Dateien)."
    ]
    antwort = _ed_anordnen(c, insasse, art="blutprobe")
    assert antwort.status_code == 400 and antwort.json()["art"][0].startswith("§ 27 Abs. 1 JVG")
    # Today is just inside, tomorrow just outside.
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    antwort = _ed_anordnen(c, insasse, durchgefuehrtAm=morgen)
    assert antwort.status_code == 400 and "durchgefuehrtAm" in antwort.json()
    assert not EDMassnahme.objects.exists()
    assert _ed_anordnen(c, insasse).status_code == 201


@pytest.mark.rule("R-0-ROLE-1", "R-27-1")
def test_ed_ohne_recht_403_auch_mit_ungueltiger_eingabe(
    sachbearbeitung, revision, personal_a, medizin, leitung_b, insasse
):
    for user in (sachbearbeitung, revision, personal_a, medizin):
        assert _ed_anordnen(api(user), insasse).status_code == 403
        assert api(user).post(f"{BASIS}/ed-massnahmen/", {}, format="multipart").status_code == 403
    # The other facility's management does not see the person: the same 400 as an unknown person.
    antwort = _ed_anordnen(api(leitung_b), insasse)
    assert antwort.status_code == 400 and antwort.json() == {"person": ["Unbekannte Person."]}
    assert not EDMassnahme.objects.exists()


@pytest.mark.rule("R-27-2", "R-27-1")
def test_ed_einsehen_und_weitergeben_protokolliert(leitung_a, leitung_b, sachbearbeitung, insasse):
    m = EDMassnahme.objects.get(pk=_ed_anordnen(api(leitung_a), insasse).json()["id"])
    url = f"{BASIS}/ed-massnahmen/{m.pk}"
    # Roles before input: the authority reads but may not pass on (403 with an empty payload too).
    assert api(sachbearbeitung).post(f"{url}/weitergeben/", {}, format="json").status_code == 403
    assert api(sachbearbeitung).post(f"{url}/einsehen/", {}, format="json").status_code == 403
    assert api(leitung_b).post(f"{url}/weitergeben/", {}, format="json").status_code == 404
    antwort = api(leitung_a).post(f"{url}/weitergeben/", {"empfaenger": "", "zweck": ""}, format="json")
    assert antwort.status_code == 400
    assert antwort.json()["empfaenger"][0].startswith("§ 27 Abs. 2 JVG")
    assert not Inhaltszugriff.objects.exists()

    antwort = api(leitung_a).post(
        f"{url}/weitergeben/", {"empfaenger": "Kantonspolizei", "zweck": "Fahndung"}, format="json"
    )
    assert antwort.status_code == 201, antwort.content
    z = Inhaltszugriff.objects.get()
    assert (z.art, z.objekt_id, z.benutzer, z.empfaenger, z.verdacht) == (
        "ed_weitergabe",
        m.pk,
        leitung_a,
        "Kantonspolizei",
        "Fahndung",
    )
    antwort = api(leitung_a).post(f"{url}/einsehen/", {"zweck": "Identität prüfen"}, format="json")
    assert antwort.status_code == 201 and antwort.json()["inhaltUrl"].endswith(
        f"/zugriffe/{antwort.json()['id']}/inhalt/"
    )
    assert Inhaltszugriff.objects.filter(art="ed_ansicht", benutzer=leitung_a).count() == 1


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("anzahl", [1, 12])
def test_listen_nach_api_schreiben_konstant(
    anzahl, sachbearbeitung, leitung_a, anstalt_a, django_assert_max_num_queries
):
    c = api(leitung_a)
    for i in range(anzahl):
        person = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a).person
        assert _ed_anordnen(c, person).status_code == 201
        assert (
            c.post(
                f"{BASIS}/zonen/", {"bezeichnung": f"Hof {i}", "raumart": "hof"}, format="json"
            ).status_code
            == 201
        )
    for pfad in ("ed-massnahmen", "zonen"):
        with django_assert_max_num_queries(6):
            assert len(c.get(f"{BASIS}/{pfad}/").json()["results"]) == anzahl


def test_schema_nennt_die_schreibenden_endpunkte(sachbearbeitung):
    schema = api(sachbearbeitung).get("/api/schema/").content.decode()
    for pfad in ("zonen/{id}/aufheben/", "ed-massnahmen/{id}/einsehen/", "ed-massnahmen/{id}/weitergeben/"):
        assert f"/api/v1/ueberwachung/{pfad}" in schema
    assert "ZoneEingabe" in schema and "EDEingabe" in schema
