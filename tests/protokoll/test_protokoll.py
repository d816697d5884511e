"""Audit for auditors (issue 3 item 7): the read-access log and the auditor's pages over both logs.

R-0-AUDIT-1: every write (browser, API token, background job) appears in the change log with its actor
and the changed fields. R-0-AUDIT-2: reading a person's file is logged (who, what, when, why) and both
logs can be filtered by person, user, date range and object type. Only `revision` reads the logs.
"""

import csv
import io
import os
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kern.audit import speichern, system_benutzer
from kern.models import Aktion, Kanal, Lesezugriff, NurAnfuegen
from protokoll.domain import historie
from tests.factories import api_token, fall_anlegen, person_anlegen
from vollzug import domain
from vollzug.models import Vollzugsfall

ZH = ZoneInfo("Europe/Zurich")
AENDERUNGEN = reverse("protokoll:aenderungen")
AENDERUNGEN_CSV = reverse("protokoll:aenderungen_csv")
LESEZUGRIFFE = reverse("protokoll:lesezugriffe")
LESEZUGRIFFE_CSV = reverse("protokoll:lesezugriffe_csv")


def api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def _zeitpunkt(dt) -> str:
    return timezone.localtime(dt).strftime("%d.%m.%Y %H:%M")


def _eintraege(response) -> list[historie.Eintrag]:
    assert response.status_code == 200
    return response.context["seite"].eintraege


def _zeilen(response) -> list[tuple]:
    """(Aktion, Objekttyp, Objekt-ID, Akteur) of each row on the change-log page."""
    return [(e.aktion, e.objekt_typ, e.objekt_id, e.akteur) for e in _eintraege(response)]


def _diff(eintrag) -> list[str]:
    return [f"{a.feld}: {a.alt} → {a.neu}" for a in eintrag.aenderungen]


def _csv(response) -> tuple[str, list[list[str]]]:
    roh = b"".join(response.streaming_content).decode("utf-8")
    return roh, list(csv.reader(io.StringIO(roh.removeprefix("\ufeff")), delimiter=";"))


# --- R-0-AUDIT-2: reads are logged --------------------------------------------------------------


@pytest.mark.rule("R-0-AUDIT-2")
def test_fall_oeffnen_protokolliert_genau_einen_lesezugriff(client_als, sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    jetzt = datetime(2026, 3, 10, 9, 15, tzinfo=ZH)

    with time_machine.travel(jetzt, tick=False):
        response = client_als(sachbearbeitung).get(reverse("vollzug:fall_detail", args=[fall.pk]))

    assert response.status_code == 200
    eintrag = Lesezugriff.objects.get()
    assert (
        eintrag.zeitpunkt,
        eintrag.benutzer,
        eintrag.rolle,
        eintrag.person,
        eintrag.objekt_typ,
        eintrag.objekt_id,
        eintrag.aktion,
        eintrag.kanal,
        eintrag.zweck,
        eintrag.ip,
    ) == (
        jetzt,
        sachbearbeitung,
        "sachbearbeitung",
        fall.person,
        "vollzug.vollzugsfall",
        fall.pk,
        Aktion.ANSICHT,
        Kanal.UI,
        "",
        "127.0.0.1",
    )


@pytest.mark.rule("R-0-AUDIT-2")
def test_person_oeffnen_protokolliert_die_person(client_als, sachbearbeitung, revision):
    person = person_anlegen(durch=sachbearbeitung)

    assert client_als(revision).get(reverse("vollzug:person_detail", args=[person.pk])).status_code == 200

    eintrag = Lesezugriff.objects.get()
    assert (eintrag.benutzer, eintrag.rolle, eintrag.person, eintrag.objekt_typ, eintrag.objekt_id) == (
        revision,
        "revision",
        person,
        "vollzug.person",
        person.pk,
    )


@pytest.mark.rule("R-0-AUDIT-2")
def test_dokument_download_protokolliert(client_als, sachbearbeitung, anstalt_a, personal_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    dokument = domain.dokument_hinzufuegen(
        fall=fall,
        titel="Urteil",
        datei=SimpleUploadedFile("urteil.pdf", b"%PDF-1.4 Urteil"),
        durch=sachbearbeitung,
    )

    response = client_als(personal_a).get(reverse("vollzug:dokument_download", args=[dokument.pk]))

    assert b"".join(response.streaming_content) == b"%PDF-1.4 Urteil"
    eintrag = Lesezugriff.objects.get()
    assert (eintrag.benutzer, eintrag.rolle, eintrag.person_id, eintrag.objekt_typ, eintrag.objekt_id) == (
        personal_a,
        "anstaltspersonal",
        fall.person_id,
        "vollzug.dokument",
        dokument.pk,
    )
    assert eintrag.aktion == Aktion.DOKUMENT


@pytest.mark.rule("R-0-AUDIT-2")
def test_api_lesen_protokolliert_zweck_aus_header(sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    client = api_als(sachbearbeitung)

    fall_antwort = client.get(
        f"/api/v1/faelle/{fall.pk}/", HTTP_X_ZWECK="§ 21 Abs. 3 lit. a JVG: Vollzugsplanung"
    )
    person_antwort = client.get(f"/api/v1/personen/{fall.person_id}/")

    assert (fall_antwort.status_code, person_antwort.status_code) == (200, 200)
    zugriffe = list(
        Lesezugriff.objects.order_by("pk").values_list(
            "objekt_typ", "objekt_id", "person", "aktion", "kanal", "zweck"
        )
    )
    assert zugriffe == [
        (
            "vollzug.vollzugsfall",
            fall.pk,
            fall.person_id,
            "api_lesen",
            "api",
            "§ 21 Abs. 3 lit. a JVG: Vollzugsplanung",
        ),
        ("vollzug.person", fall.person_id, fall.person_id, "api_lesen", "api", ""),
    ]


@pytest.mark.rule("R-0-AUDIT-2")
def test_api_liste_protokolliert_jede_gelieferte_person_mit_filter(sachbearbeitung, anstalt_a):
    faelle = [fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a) for _ in range(3)]
    client = api_als(sachbearbeitung)

    antwort = client.get("/api/v1/faelle/?status=im_vollzug&limit=2", HTTP_X_ZWECK="Belegungsplanung")

    geliefert = [f["id"] for f in antwort.json()["results"]]
    assert len(geliefert) == 2
    zugriffe = Lesezugriff.objects.order_by("pk")
    person_von = {f.pk: f.person_id for f in faelle}
    assert [(z.objekt_id, z.person_id) for z in zugriffe] == [(pk, person_von[pk]) for pk in geliefert]
    assert {(z.aktion, z.objekt_typ, z.abfrage, z.zweck) for z in zugriffe} == {
        ("api_liste", "vollzug.vollzugsfall", "status=im_vollzug&limit=2", "Belegungsplanung")
    }


def _seite_lesen(user, *, bis: int, aktion: str = Aktion.API_LISTE):
    from django.db.models import Window
    from django.db.models.functions import RowNumber

    from kern.lesezugriffe import sql_lesen_protokolliert

    seite = Vollzugsfall.objects.order_by("-pk").values(
        "pk", "person_id", "fallnummer", nr=Window(RowNumber(), order_by=["-pk"])
    )
    sql, parameter = seite.query.sql_with_params()
    return sql_lesen_protokolliert(
        request_or_user=user,
        sql=sql,
        parameter=parameter,
        spalten=[("pk", None), ("person_id", None), ("fallnummer", None), ("nr", None)],
        protokollieren_bis=bis,
        objekt_spalte="pk",
        person_spalte="person_id",
        nr_spalte="nr",
        objekt_typ="vollzug.vollzugsfall",
        aktion=aktion,
        abfrage="limit=2",
    )


@pytest.mark.rule("R-0-AUDIT-2")
def test_listenseite_und_ihr_protokoll_in_einer_anweisung(sachbearbeitung, django_assert_num_queries):
    """Issue 19: the page is read and logged together (PostgreSQL: ONE statement, SQLite: one transaction);
    the look-ahead row (one more than the page, for the next link) is returned but not logged."""
    faelle = [fall_anlegen(durch=sachbearbeitung) for _ in range(3)]
    # PostgreSQL: one statement; SQLite: the read and the INSERT in the caller's transaction (no savepoint).
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):
        zeilen = _seite_lesen(sachbearbeitung, bis=2)

    assert [z["pk"] for z in zeilen] == [f.pk for f in reversed(faelle)]
    assert [z["nr"] for z in zeilen] == [1, 2, 3]
    zugriffe = list(Lesezugriff.objects.order_by("pk").values_list("objekt_id", "person_id", "abfrage"))
    assert zugriffe == [(f.pk, f.person_id, "limit=2") for f in reversed(faelle[1:])]


@pytest.mark.rule("R-0-AUDIT-2")
def test_listenseite_ohne_protokoll_liefert_keine_zeile(sachbearbeitung):
    """No row leaves the database unlogged: when the log INSERT fails, the read fails with it."""
    fall_anlegen(durch=sachbearbeitung)
    with pytest.raises(DatabaseError), transaction.atomic():
        _seite_lesen(sachbearbeitung, bis=1, aktion="ungueltig")  # violates the log's CHECK constraint
    assert not Lesezugriff.objects.exists()


@pytest.mark.rule("R-0-AUDIT-2")
def test_api_leere_liste_protokolliert_die_abfrage_ohne_person(sachbearbeitung):
    antwort = api_als(sachbearbeitung).get("/api/v1/faelle/?status=entlassen")

    assert antwort.json()["results"] == []
    eintrag = Lesezugriff.objects.get()
    assert (eintrag.person, eintrag.objekt_id, eintrag.objekt_typ, eintrag.abfrage) == (
        None,
        None,
        "vollzug.vollzugsfall",
        "status=entlassen",
    )


@pytest.mark.rule("R-0-AUDIT-2", "R-0-ROLE-1")
def test_verweigerter_zugriff_404_protokolliert_nichts(client_als, sachbearbeitung, anstalt_a, personal_b):
    # Decision: a 404 discloses nothing, so it is no read of the file (probing belongs to security logging).
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)

    ui = client_als(personal_b).get(reverse("vollzug:fall_detail", args=[fall.pk]))
    person = client_als(personal_b).get(reverse("vollzug:person_detail", args=[fall.person_id]))
    api = api_als(personal_b).get(f"/api/v1/faelle/{fall.pk}/")

    assert (ui.status_code, person.status_code, api.status_code) == (404, 404, 404)
    assert Lesezugriff.objects.count() == 0


@pytest.mark.rule("R-0-AUDIT-2")
def test_lesezugriff_ist_nicht_aenderbar_und_nicht_loeschbar(client_als, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    client_als(sachbearbeitung).get(reverse("vollzug:person_detail", args=[person.pk]))
    eintrag = Lesezugriff.objects.get()

    eintrag.zweck = "nachträglich"
    with pytest.raises(NurAnfuegen):
        eintrag.save()
    with pytest.raises(NurAnfuegen):
        eintrag.delete()
    with pytest.raises(NurAnfuegen):
        Lesezugriff.objects.filter(pk=eintrag.pk).update(zweck="x")
    with pytest.raises(NurAnfuegen):
        Lesezugriff.objects.all().delete()
    assert Lesezugriff.objects.get().zweck == ""


@pytest.mark.rule("R-0-AUDIT-2")
# The trigger exists only on PostgreSQL; in CI (always PostgreSQL) this test can never be skipped.
@pytest.mark.skipif(
    connection.vendor != "postgresql" and os.environ.get("CI") != "true", reason="Trigger nur auf PostgreSQL"
)
@pytest.mark.eigentuemer  # acts as the database owner, not as the app role (JVG_TEST_APP_ROLLE)
def test_lesezugriff_trigger_verweigert_sql_update_und_delete(client_als, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    client_als(sachbearbeitung).get(reverse("vollzug:person_detail", args=[person.pk]))

    for sql in ("UPDATE protokoll_lesezugriff SET zweck = 'x'", "DELETE FROM protokoll_lesezugriff"):
        with (
            pytest.raises(DatabaseError, match="unveränderlich"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert Lesezugriff.objects.get().zweck == ""


# --- R-0-AUDIT-1: the change log shows UI, API and job writes with actor and diff -----------------


@pytest.fixture
def drei_schreibwege(client_als, sachbearbeitung, anstalt_a, db):
    """A UI write (Entlassung), an API write (person by token) and a job write, at fixed times."""
    with time_machine.travel(datetime(2026, 3, 2, 8, 0, tzinfo=ZH), tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        job = system_benutzer("test-job")  # its own creation is logged too; keep it out of the later days
        token_client = api_als(sachbearbeitung)  # issuing the token is logged too (issue 18 item 7)
    with time_machine.travel(datetime(2026, 3, 3, 10, 30, tzinfo=ZH), tick=False):
        ui = client_als(sachbearbeitung).post(
            reverse("vollzug:fall_entlassen", args=[fall.pk]),
            {"entlassung_am": "03.03.2026 10:00", "bemerkung": "Strafende"},
        )
        assert ui.status_code == 302
    with time_machine.travel(datetime(2026, 3, 4, 11, 0, tzinfo=ZH), tick=False):
        api = token_client.post(
            "/api/v1/personen/",
            {"officialName": "Api", "firstName": "Anna", "sex": "2", "dateOfBirth": "1990-05-01"},
            format="json",
        )
        assert api.status_code == 201
    with time_machine.travel(datetime(2026, 3, 5, 2, 0, tzinfo=ZH), tick=False):
        job_fall = Vollzugsfall.objects.get(pk=fall.pk)
        job_fall.entlassung_bemerkung = "Strafende (Akte archiviert)"
        speichern(job_fall, durch=job, grund="Archivierung")
    return fall, api.json()["id"]


@pytest.mark.rule("R-0-AUDIT-1")
def test_ui_schreiben_erscheint_mit_akteur_und_feld_diff(client_als, revision, drei_schreibwege):
    fall, _ = drei_schreibwege

    eintraege = _eintraege(client_als(revision).get(AENDERUNGEN, {"typ": "vollzug.vollzugsfall"}))

    entlassung = next(e for e in eintraege if e.zeitpunkt == datetime(2026, 3, 3, 10, 30, tzinfo=ZH))
    assert (
        entlassung.aktion,
        entlassung.aktion_text,
        entlassung.objekt,
        entlassung.akteur,
        entlassung.akteur_rolle,
    ) == (
        "~",
        "geändert",
        fall.fallnummer,
        "sb Test",
        "Sachbearbeitung Vollzugsbehörde",
    )
    assert _diff(entlassung) == [
        "Definitive Entlassung: – → 03.03.2026 10:00",
        "Bemerkung zur Entlassung: – → Strafende",
        "Status: Im Vollzug → Definitiv entlassen",
    ]


@pytest.mark.rule("R-0-AUDIT-1")
def test_api_und_job_schreiben_erscheinen_mit_akteur(client_als, revision, drei_schreibwege):
    fall, person_id = drei_schreibwege

    response = client_als(revision).get(AENDERUNGEN, {"von": "04.03.2026", "bis": "05.03.2026"})

    eintraege = _eintraege(response)
    assert _zeilen(response) == [
        ("~", "Vollzugsfall", fall.pk, "Systemjob test-job"),
        ("+", "Person", person_id, "sb Test"),
    ]
    job, api = eintraege
    assert (job.ist_systemjob, job.grund) == (True, "Archivierung")
    assert _diff(job) == ["Bemerkung zur Entlassung: Strafende → Strafende (Akte archiviert)"]
    assert (api.ist_systemjob, api.objekt, api.aenderungen) == (False, "Api Anna (01.05.1990)", [])
    html = response.content.decode()
    assert '<span class="badge badge-info">Systemjob</span> Systemjob test-job' in html
    assert "<strong>Bemerkung zur Entlassung:</strong> Strafende → Strafende (Akte archiviert)" in html


@pytest.mark.rule("R-0-AUDIT-1")
def test_platzierung_fk_diff_zeigt_namen_statt_ids(
    client_als, sachbearbeitung, revision, anstalt_a, anstalt_b
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    platzierung = fall.platzierungen.get()
    platzierung.anstalt = anstalt_b
    speichern(platzierung, durch=sachbearbeitung, grund="Korrektur Einrichtung")

    eintrag = _eintraege(client_als(revision).get(AENDERUNGEN, {"typ": "vollzug.platzierung"}))[0]

    assert (eintrag.aktion, eintrag.grund) == ("~", "Korrektur Einrichtung")
    assert _diff(eintrag) == ["Anstalt: JVA Grosshof → JVA Wauwilermoos"]


# --- filters --------------------------------------------------------------------------------------


@pytest.mark.rule("R-0-AUDIT-1")
def test_filter_person_zeigt_person_und_ihre_verknuepften_objekte(
    client_als, sachbearbeitung, revision, anstalt_a
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    andere = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    entscheid = fall.entscheide.get()

    nach_nummer = client_als(revision).get(AENDERUNGEN, {"person": fall.person.personennummer})
    nach_name = client_als(revision).get(AENDERUNGEN, {"person": fall.person.amtlicher_name.lower()})

    erwartet = {
        ("Person", fall.person_id),
        ("Vollzugsfall", fall.pk),
        ("Entscheid", entscheid.pk),
        ("Sanktion", entscheid.sanktionen.get().pk),
        ("Platzierung", fall.platzierungen.get().pk),
    }
    assert {(typ, oid) for _, typ, oid, _ in _zeilen(nach_nummer)} == erwartet
    assert {(typ, oid) for _, typ, oid, _ in _zeilen(nach_name)} == erwartet
    # The placement of the other case (einweisen) must not leak in.
    assert ("Vollzugsfall", andere.pk) not in {(typ, oid) for _, typ, oid, _ in _zeilen(nach_nummer)}


@pytest.mark.rule("R-0-AUDIT-1")
def test_filter_benutzer_typ_und_zeitraum(client_als, sachbearbeitung, sachbearbeitung2, revision):
    with time_machine.travel(datetime(2026, 5, 31, 23, 59, tzinfo=ZH), tick=False):
        p1 = person_anlegen(durch=sachbearbeitung)
    with time_machine.travel(datetime(2026, 6, 1, 0, 0, tzinfo=ZH), tick=False):
        p2 = person_anlegen(durch=sachbearbeitung2)
    with time_machine.travel(datetime(2026, 6, 30, 23, 59, tzinfo=ZH), tick=False):
        p3 = person_anlegen(durch=sachbearbeitung)
    with time_machine.travel(datetime(2026, 7, 1, 0, 0, tzinfo=ZH), tick=False):
        p4 = person_anlegen(durch=sachbearbeitung)
    client = client_als(revision)

    def ids(**params):
        return [oid for _, _, oid, _ in _zeilen(client.get(AENDERUNGEN, params))]

    # Whole days in Swiss time: 01.06. 00:00 is in, 31.05. 23:59 is out; 30.06. 23:59 in, 01.07. 00:00 out.
    assert ids(von="01.06.2026", bis="30.06.2026", typ="vollzug.person") == [p3.pk, p2.pk]
    assert ids(benutzer="sb2") == [p2.pk]
    assert ids(benutzer="sb", typ="vollzug.person") == [p4.pk, p3.pk, p1.pk]
    assert ids(von="01.07.2026", typ="vollzug.person") == [p4.pk]
    assert ids(bis="31.05.2026", typ="vollzug.person") == [p1.pk]
    assert ids(typ="vollzug.vollzugsfall") == []


@pytest.mark.rule("R-0-AUDIT-2")
def test_lesezugriffe_filter(client_als, sachbearbeitung, personal_a, revision, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    andere = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with time_machine.travel(datetime(2026, 4, 1, 12, 0, tzinfo=ZH), tick=False):
        client_als(sachbearbeitung).get(reverse("vollzug:fall_detail", args=[fall.pk]))
    with time_machine.travel(datetime(2026, 4, 2, 12, 0, tzinfo=ZH), tick=False):
        client_als(personal_a).get(reverse("vollzug:fall_detail", args=[andere.pk]))
        client_als(personal_a).get(reverse("vollzug:person_detail", args=[fall.person_id]))
    client = client_als(revision)

    def zeilen(**params):
        seite = client.get(LESEZUGRIFFE, params).context["seite"]
        return [(z.benutzer.username, z.objekt_typ, z.objekt_id) for z in seite.object_list]

    assert zeilen(person=fall.person.personennummer) == [
        ("personal_a", "vollzug.person", fall.person_id),
        ("sb", "vollzug.vollzugsfall", fall.pk),
    ]
    assert zeilen(benutzer="personal_a", typ="vollzug.vollzugsfall") == [
        ("personal_a", "vollzug.vollzugsfall", andere.pk)
    ]
    assert zeilen(von="02.04.2026", bis="02.04.2026") == [
        ("personal_a", "vollzug.person", fall.person_id),
        ("personal_a", "vollzug.vollzugsfall", andere.pk),
    ]
    assert zeilen(bis="01.04.2026") == [("sb", "vollzug.vollzugsfall", fall.pk)]


@pytest.mark.rule("R-0-AUDIT-2", "R-0-BAD-1")
def test_ungueltige_filter_zeigen_deutsche_meldung(client_als, revision):
    for url in (AENDERUNGEN, LESEZUGRIFFE):
        response = client_als(revision).get(
            url, {"von": "10.06.2026", "bis": "09.06.2026", "typ": "gibts.nicht"}
        )

        assert response.status_code == 200
        assert response.context["seite"] is None
        assert response.context["form"].errors == {
            "bis": ["«bis» liegt vor «von»."],
            "typ": ["Bitte eine gültige Auswahl treffen. gibts.nicht ist keine gültige Auswahl."],
        }
    assert client_als(revision).get(AENDERUNGEN, {"von": "31.02.2026"}).context["form"].errors["von"] == [
        "Ungültiges Datum: erwartet TT.MM.JJJJ (z. B. 31.12.2026)."
    ]
    assert client_als(revision).get(AENDERUNGEN_CSV, {"bis": "kein Datum"}).status_code == 400


# --- pagination and query budget -----------------------------------------------------------------


@pytest.mark.rule("R-0-AUDIT-1")
def test_seiten_zu_50_ohne_luecken_und_doppelte(client_als, sachbearbeitung, revision):
    with time_machine.travel(datetime(2026, 2, 1, 8, 0, tzinfo=ZH), tick=True):
        personen = [person_anlegen(durch=sachbearbeitung) for _ in range(60)]
    client = client_als(revision)

    seite1 = client.get(AENDERUNGEN, {"typ": "vollzug.person"})
    seite2 = client.get(AENDERUNGEN, {"typ": "vollzug.person", "page": "2"})
    seite3 = client.get(AENDERUNGEN, {"typ": "vollzug.person", "page": "3"})

    ids = [oid for _, _, oid, _ in _zeilen(seite1) + _zeilen(seite2)]
    assert ids == [p.pk for p in reversed(personen)]
    assert (len(_zeilen(seite1)), seite1.context["seite"].hat_naechste) == (50, True)
    assert (len(_zeilen(seite2)), seite2.context["seite"].hat_naechste) == (10, False)
    assert _zeilen(seite3) == []
    assert client.get(AENDERUNGEN, {"page": "abc"}).context["seite"].nummer == 1


@pytest.mark.rule("R-0-AUDIT-1")
@pytest.mark.parametrize("anzahl", [1, 50])
def test_aenderungen_seite_konstante_abfragen(
    client_als, sachbearbeitung, anstalt_a, anstalt_b, revision, anzahl, django_assert_max_num_queries
):
    for i in range(anzahl):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        platzierung = fall.platzierungen.get()
        platzierung.anstalt = anstalt_b if i % 2 else anstalt_a
        platzierung.abteilung = f"Abteilung {i}"
        speichern(platzierung, durch=sachbearbeitung)
    client = client_als(revision)
    # Per table: one history query + at most one query for previous versions + FK labels; plus session/user.
    budget = 2 * len(historie.verfolgte_modelle()) + 8

    with django_assert_max_num_queries(budget):
        response = client.get(AENDERUNGEN)

    alle = sum(historie._historienmodell(m).objects.count() for m in historie.verfolgte_modelle())
    assert anzahl * 7 < alle
    assert len(_eintraege(response)) == min(50, alle)
    with django_assert_max_num_queries(budget):
        gefiltert = client.get(AENDERUNGEN, {"person": fall.person.personennummer})
    # person +, fall + ~, entscheid +, sanktion +, platzierung + ~
    assert len(_eintraege(gefiltert)) == 7


@pytest.mark.rule("R-0-AUDIT-2")
@pytest.mark.parametrize("anzahl", [1, 50])
def test_lesezugriffe_seite_konstante_abfragen(
    client_als, sachbearbeitung, revision, anzahl, django_assert_max_num_queries
):
    for _ in range(anzahl):
        person = person_anlegen(durch=sachbearbeitung)
        client_als(sachbearbeitung).get(reverse("vollzug:person_detail", args=[person.pk]))
    client = client_als(revision)

    # session, user, count, rows (user and person joined) + 3 for saving the session (idle timeout)
    # + 1 for the last chain check shown on every revision page (issue 18 item 4)
    with django_assert_max_num_queries(8):
        response = client.get(LESEZUGRIFFE)

    assert len(response.context["seite"].object_list) == anzahl


# --- CSV export ------------------------------------------------------------------------------------


@pytest.mark.rule("R-0-AUDIT-1", "R-0-AUDIT-2")
def test_aenderungen_csv_mit_bom_semikolon_und_wird_protokolliert(client_als, revision, drei_schreibwege):
    fall, person_id = drei_schreibwege

    with time_machine.travel(datetime(2026, 3, 6, 9, 0, tzinfo=ZH), tick=False):
        response = client_als(revision).get(AENDERUNGEN_CSV, {"von": "04.03.2026", "bis": "05.03.2026"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="aenderungen-20260306-0900.csv"'
    roh, zeilen = _csv(response)
    assert roh.startswith("\ufeffZeitpunkt;Akteur;")
    assert zeilen == [
        ["Zeitpunkt", "Akteur", "Rolle", "Aktion", "Objekttyp", "Objekt-ID", "Objekt", "Grund", "Änderungen"],
        [
            "05.03.2026 02:00",
            "Systemjob test-job",
            "Systemjob",
            "geändert",
            "Vollzugsfall",
            str(fall.pk),
            fall.fallnummer,
            "Archivierung",
            "Bemerkung zur Entlassung: Strafende → Strafende (Akte archiviert)",
        ],
        [
            "04.03.2026 11:00",
            "sb Test",
            "Sachbearbeitung Vollzugsbehörde",
            "erstellt",
            "Person",
            str(person_id),
            "Api Anna (01.05.1990)",
            "Person erfasst",
            "",
        ],
    ]
    export = Lesezugriff.objects.get()
    assert (export.benutzer, export.aktion, export.objekt_typ, export.abfrage, export.person) == (
        revision,
        Aktion.EXPORT,
        "protokoll.aenderungen",
        "von=04.03.2026&bis=05.03.2026",
        None,
    )


@pytest.mark.rule("R-0-AUDIT-2")
def test_lesezugriffe_csv_neutralisiert_formeln(client_als, sachbearbeitung, revision):
    person = person_anlegen(durch=sachbearbeitung, amtlicher_name="Meier", vorname="Eva")
    with time_machine.travel(datetime(2026, 4, 1, 12, 0, tzinfo=ZH), tick=False):
        api_als(sachbearbeitung).get(f"/api/v1/personen/{person.pk}/", HTTP_X_ZWECK="=HYPERLINK(1)")

    with time_machine.travel(datetime(2026, 4, 2, 8, 0, tzinfo=ZH), tick=False):
        roh, zeilen = _csv(client_als(revision).get(LESEZUGRIFFE_CSV, {"person": "Meier"}))

    assert zeilen == [
        [
            "Zeitpunkt",
            "Benutzer/in",
            "Benutzername",
            "Rolle",
            "Aktion",
            "Kanal",
            "Personennummer",
            "Person",
            "Objekttyp",
            "Objekt-ID",
            "Zweck",
            "Abfrage",
            "IP-Adresse",
        ],
        [
            "01.04.2026 12:00",
            "sb Test",
            "sb",
            "Sachbearbeitung Vollzugsbehörde",
            "API: Datensatz gelesen",
            "REST-API",
            person.personennummer,
            "Meier Eva",
            "vollzug.person",
            str(person.pk),
            "'=HYPERLINK(1)",
            "",
            "127.0.0.1",
        ],
    ]
    assert Lesezugriff.objects.filter(aktion=Aktion.EXPORT, objekt_typ="protokoll.lesezugriffe").count() == 1


# --- R-0-ROLE-1: only revision reads the logs; revision changes nothing ----------------------------


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize(
    "persona", ["sachbearbeitung", "admin_user", "leitung_a", "personal_a", "medizin", "bedrohung", "partner"]
)
def test_protokolle_nur_fuer_revision(client_als, request, persona):
    client = client_als(request.getfixturevalue(persona))

    for url in (AENDERUNGEN, AENDERUNGEN_CSV, LESEZUGRIFFE, LESEZUGRIFFE_CSV):
        assert client.get(url).status_code == 403
    assert Lesezugriff.objects.count() == 0


@pytest.mark.rule("R-0-ROLE-1")
def test_protokolle_anonym_zur_anmeldung_und_revision_darf_nicht_posten(client, client_als, revision):
    assert client.get(AENDERUNGEN)["Location"] == f"{reverse('login')}?next={AENDERUNGEN}"
    auditor = client_als(revision)
    for url in (AENDERUNGEN, AENDERUNGEN_CSV, LESEZUGRIFFE, LESEZUGRIFFE_CSV):
        assert auditor.post(url).status_code == 405


@pytest.mark.rule("R-0-ROLE-1")
def test_revision_bekommt_403_auf_jedem_schreibenden_endpunkt(
    client_als, sachbearbeitung, revision, anstalt_a
):
    fall = fall_anlegen(durch=sachbearbeitung)
    im_vollzug = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    client = client_als(revision)
    jetzt = _zeitpunkt(timezone.now())

    antworten = [
        client.post(reverse("vollzug:person_neu"), {"amtlicher_name": "X"}).status_code,
        client.post(reverse("vollzug:fall_neu"), {}).status_code,
        client.post(
            reverse("vollzug:fall_einweisen", args=[fall.pk]), {"anstalt": anstalt_a.pk, "von": jetzt}
        ).status_code,
        client.post(reverse("vollzug:fall_versetzen", args=[im_vollzug.pk]), {"von": jetzt}).status_code,
        client.post(
            reverse("vollzug:fall_entlassen", args=[im_vollzug.pk]), {"entlassung_am": jetzt}
        ).status_code,
    ]
    api = api_als(revision)
    antworten += [
        api.post("/api/v1/personen/", {"officialName": "X"}, format="json").status_code,
        api.post("/api/v1/faelle/", {"person": fall.person_id}, format="json").status_code,
        api.put(f"/api/v1/faelle/{fall.pk}/", {}, format="json").status_code,
        api.delete(f"/api/v1/personen/{fall.person_id}/").status_code,
    ]

    # PUT/DELETE do not exist; DRF checks the permission first, so they are refused with 403 as well.
    assert antworten == [403] * 9
    fall.refresh_from_db()
    im_vollzug.refresh_from_db()
    assert (fall.status, im_vollzug.status) == ("eingang", "im_vollzug")
    assert Vollzugsfall.history.filter(history_user=revision).count() == 0


def test_historie_kennt_alle_personenpfade_der_fallkern_modelle():
    # Every tracked model of the case core that belongs to a person must be person-filterable.
    verfolgt = {m._meta.label_lower for m in historie.verfolgte_modelle()}
    assert set(historie.PERSONENPFADE) <= verfolgt
    assert verfolgt - set(historie.PERSONENPFADE) >= {"vollzug.anstalt", "jvg_case.benutzer"}


def test_zeitpunkt_um_mitternacht_sommerzeit(db):
    # The date filter turns days into Swiss midnight, also on the DST switch day.
    from protokoll.forms import ProtokollFilterForm

    form = ProtokollFilterForm({"von": "29.03.2026", "bis": "29.03.2026"})
    assert form.is_valid()
    f = form.filter()
    assert (f.ab, f.bis) == (datetime(2026, 3, 29, 0, 0, tzinfo=ZH), datetime(2026, 3, 30, 0, 0, tzinfo=ZH))
    assert f.bis.astimezone(UTC) - f.ab.astimezone(UTC) == timedelta(hours=23)
