"""§ 12 JVG (R-12-1): Strafbehörden deliver legally binding judgments through the API (idempotent, all or nothing)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from behoerden.models import Behoerdentyp, Urteilszustellung
from behoerden.recht import BehoerdenAufgabenart
from kern.models import Aufgabe
from kern.rollen import Rolle
from tests.behoerden.hilfen import AHV_GUELTIG, agentur_client, behoerde_anlegen, zustellung
from tests.factories import person_anlegen
from vollzug.models import Dokument, Entscheid, Person, Sanktion, Vollzugsfall

URL = "/api/v1/urteilszustellungen/"


@pytest.fixture
def strafbehoerde(admin_user):
    behoerde, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRAFBEHOERDE, name="Staatsanwaltschaft Luzern")
    return behoerde


@pytest.fixture
def sta(strafbehoerde):
    return agentur_client(strafbehoerde, zweck="urteilszustellung", sachbearbeitung="L. Ankläger")


def _bestand():
    return (
        Person.objects.count(),
        Vollzugsfall.objects.count(),
        Entscheid.objects.count(),
        Sanktion.objects.count(),
        Dokument.objects.count(),
        Urteilszustellung.objects.count(),
        Aufgabe.objects.count(),
    )


@pytest.mark.rule("R-12-1")
def test_zustellung_eroeffnet_fall_mit_akten_und_aufgabe_fuer_sachbearbeitung(
    sta, strafbehoerde, sachbearbeitung, client_als
):
    antwort = sta.post(URL, zustellung(), format="json")
    assert antwort.status_code == 201, antwort.content
    quittung = antwort.json()
    assert quittung["neu"] is True and quittung["referenz"] == "SA1 26 100"
    fall = Vollzugsfall.objects.get(pk=quittung["fall"]["id"])
    entscheid = fall.entscheide.get()
    assert (entscheid.behoerde, entscheid.referenz, entscheid.art) == (
        strafbehoerde.name,
        "SA1 26 100",
        "strafbefehl",
    )
    assert entscheid.sanktionen.get().dauer_monate == 8
    dokument = fall.dokumente.get()
    assert dokument.datei.read() == b"%PDF-1.4 Urteil" and len(dokument.sha256) == 64
    assert fall.person.ahv_nummer == AHV_GUELTIG
    # Actor of every history row: the agency's own user (R-0-AUDIT-1).
    benutzer = strafbehoerde.benutzer
    assert fall.history.get().history_user == benutzer
    assert entscheid.history.get().history_user == benutzer
    assert dokument.history.get().history_user == benutzer
    assert fall.person.history.get().history_user == benutzer
    assert fall.erfasst_durch == benutzer and dokument.hochgeladen_durch == benutzer
    assert benutzer.rolle == Rolle.PARTNERBEHOERDE  # never elevated in the database
    # The case workers' inbox (start page) shows the task.
    aufgabe = Aufgabe.objects.get(art=BehoerdenAufgabenart.FALL_ZUGESTELLT)
    assert aufgabe.fall == fall and aufgabe.fuer_rolle == Rolle.SACHBEARBEITUNG
    seite = client_als(sachbearbeitung).get("/")
    assert "SA1 26 100" in seite.content.decode()
    # The case page shows where the case came from.
    seite = client_als(sachbearbeitung).get(fall.get_absolute_url())
    assert seite.status_code == 200 and "Staatsanwaltschaft Luzern" in seite.content.decode()


@pytest.mark.rule("R-12-1")
def test_zweimal_zugestellt_ein_fall_anderer_inhalt_409(sta):
    erste = sta.post(URL, zustellung(), format="json")
    bestand = _bestand()
    zweite = sta.post(URL, zustellung(), format="json")
    assert zweite.status_code == 200
    assert zweite.json()["neu"] is False and zweite.json()["fall"] == erste.json()["fall"]
    assert _bestand() == bestand
    anders = sta.post(URL, zustellung(monate=9), format="json")
    assert anders.status_code == 409
    assert "§ 12 JVG" in anders.json()["detail"] and "anderem Inhalt" in anders.json()["detail"]
    assert _bestand() == bestand


@pytest.mark.rule("R-12-1")
def test_von_hand_erfasster_entscheid_gleicher_nummer_409(sta, strafbehoerde, sachbearbeitung):
    from tests.behoerden.hilfen import fall_mit_entscheid

    fall_mit_entscheid(
        durch=sachbearbeitung,
        person=person_anlegen(durch=sachbearbeitung),
        behoerde_name=strafbehoerde.name,
        referenz="SA1 26 100",
    )
    bestand = _bestand()
    antwort = sta.post(URL, zustellung(), format="json")
    assert antwort.status_code == 409 and "bereits erfasst" in antwort.json()["detail"]
    assert _bestand() == bestand


@pytest.mark.rule("R-12-1")
def test_erfasste_person_mit_ahv_wird_uebernommen(sta, sachbearbeitung):
    person = person_anlegen(
        durch=sachbearbeitung, ahv_nummer=AHV_GUELTIG, geburtsdatum=timezone.datetime(1988, 3, 14).date()
    )
    antwort = sta.post(URL, zustellung(), format="json")
    assert antwort.status_code == 201
    assert antwort.json()["person"]["id"] == person.pk
    assert Person.objects.count() == 1


@pytest.mark.rule("R-12-1")
@pytest.mark.parametrize(
    ("aenderung", "feld", "text"),
    [
        (
            lambda d: d["entscheid"].update(rechtskraftAm=str(timezone.localdate() + timedelta(days=1))),
            "entscheid.rechtskraftAm",
            "§ 12 JVG:",
        ),
        (lambda d: d.update(sanktionen=[]), "sanktionen", "§ 12 JVG:"),
        (lambda d: d["sanktionen"][0].update(dauerMonate=0), "sanktionen[0].dauerTage", "§ 1 JVG:"),
        (lambda d: d["person"].update(vn="756.1234.5678.90"), "person.vn", ""),
        (lambda d: d["dokumente"][0].update(inhalt="kein base64!"), "dokumente[0].inhalt", "Base64"),
        (
            lambda d: d["dokumente"][0].update(dateiname="../../etc/passwd"),
            "dokumente[0].dateiname",
            "ohne Pfad",
        ),
        (
            lambda d: d["dokumente"][0].update(contentType="application/x-msdownload"),
            "dokumente[0].contentType",
            "",
        ),
        (lambda d: d["entscheid"].update(art="freispruch"), "entscheid.art", ""),
        (lambda d: d.pop("person"), "person", ""),
    ],
)
def test_fehlerhafte_zustellung_400_und_nichts_gespeichert(sta, aenderung, feld, text):
    daten = zustellung()
    aenderung(daten)
    bestand = _bestand()
    antwort = sta.post(URL, daten, format="json")
    assert antwort.status_code == 400, antwort.content
    assert feld in antwort.json(), antwort.json()
    assert text in " ".join(antwort.json()[feld])
    assert _bestand() == bestand


@pytest.mark.rule("R-12-1")
def test_fehler_im_letzten_schritt_laesst_nichts_halb_gespeichert(sta, sachbearbeitung):
    # The AHV number belongs to a person with another birth date: refused before anything is written,
    # and a document that fails after the case was built rolls back case, decision and person alike.
    person_anlegen(durch=sachbearbeitung, ahv_nummer=AHV_GUELTIG)
    bestand = _bestand()
    antwort = sta.post(URL, zustellung(), format="json")
    assert antwort.status_code == 400 and "person.dateOfBirth" in antwort.json()
    assert _bestand() == bestand


@pytest.mark.rule("R-12-1")
def test_dokument_groessengrenze(sta, settings):
    settings.JVG_ZUSTELLUNG_DOKUMENT_MAX_BYTES = 10
    antwort = sta.post(URL, zustellung(dokument=b"x" * 11), format="json")
    assert antwort.status_code == 400 and "grösser als" in antwort.json()["dokumente[0].inhalt"][0]
    assert sta.post(URL, zustellung(dokument=b"x" * 10), format="json").status_code == 201


@pytest.mark.rule("R-12-1")
@pytest.mark.rule("R-21-1")
def test_zustellung_braucht_zweck_und_kein_json_ist_400(strafbehoerde):
    ohne = agentur_client(strafbehoerde, zweck="strafverfahren")  # an Auskunft purpose, not § 12
    antwort = ohne.post(URL, zustellung(), format="json")
    assert antwort.status_code == 400 and "X-Zweck" in antwort.json()
    sta = agentur_client(strafbehoerde, zweck="urteilszustellung")
    antwort = sta.post(URL, "{kaputt", content_type="application/json")
    assert antwort.status_code == 400 and "Ungültiges JSON" in antwort.json()["detail"]
    assert sta.post(URL, [1, 2], format="json").status_code == 400
