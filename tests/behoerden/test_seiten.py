"""Pages of the partner-agency module: agencies and credentials (admin), disclosure log with CSV (auditors)."""

import pytest
from oauth2_provider.models import AccessToken, get_application_model

from behoerden.models import Behoerde, Behoerdentyp
from kern.models import Aktion, Lesezugriff
from tests.behoerden.hilfen import AHV_GUELTIG, agentur_client, behoerde_anlegen, fall_mit_entscheid
from tests.factories import person_anlegen


@pytest.mark.rule("R-21-1")
def test_admin_erfasst_behoerde_geheimnis_einmal_angezeigt_und_gehasht(
    admin_user, client_als, produktions_hasher
):
    client = client_als(admin_user)
    assert client.get("/behoerden/").status_code == 200
    antwort = client.post("/behoerden/neu/", {"name": "Strassenverkehrsamt Luzern", "typ": "d"})
    assert antwort.status_code == 200 and antwort["Cache-Control"].startswith("no-store")
    behoerde = Behoerde.objects.get()
    anwendung = get_application_model().objects.get(pk=behoerde.anwendung_id)
    inhalt = antwort.content.decode()
    assert anwendung.client_id in inhalt
    assert anwendung.client_secret.startswith("pbkdf2_") and anwendung.client_secret not in inhalt
    assert behoerde.benutzer.rolle == "partnerbehoerde" and not behoerde.benutzer.has_usable_password()
    assert behoerde.history.first().history_user == admin_user
    # The list never shows the secret again.
    assert "pbkdf2_" not in client.get("/behoerden/").content.decode()
    # Reissue: new secret, old tokens revoked.
    AccessToken.objects.create(
        application=anwendung, token="alt", expires="2999-01-01T00:00Z", scope="auskunft"
    )
    neu = client.post(f"/behoerden/{behoerde.pk}/zugang/")
    assert neu.status_code == 200 and not AccessToken.objects.filter(token="alt").exists()
    # Deactivate.
    client.post(f"/behoerden/{behoerde.pk}/aktiv/", {"aktiv": "0"})
    behoerde.refresh_from_db()
    assert not behoerde.aktiv and not behoerde.benutzer.is_active


@pytest.mark.rule("R-21-1")
def test_sozialamt_ohne_gemeinde_feldfehler(admin_user, client_als):
    antwort = client_als(admin_user).post("/behoerden/neu/", {"name": "Sozialamt", "typ": "i"})
    assert antwort.status_code == 400
    assert "§ 21 Abs. 3 lit. i JVG" in antwort.content.decode()
    assert not Behoerde.objects.exists()


@pytest.mark.rule("R-21-1")
def test_nur_admin_verwaltet_nur_revision_liest_protokoll(sachbearbeitung, revision, admin_user, client_als):
    assert client_als(sachbearbeitung).get("/behoerden/").status_code == 403
    assert client_als(revision).get("/behoerden/").status_code == 403
    assert client_als(sachbearbeitung).get("/behoerden/bekanntgaben/").status_code == 403
    assert client_als(revision).get("/behoerden/bekanntgaben/").status_code == 200
    # The log names persons: the administration administers, it does not audit (issue 24).
    assert client_als(admin_user).get("/behoerden/bekanntgaben/").status_code == 403
    assert client_als(admin_user).get("/behoerden/bekanntgaben.csv").status_code == 403


def _bekanntgaben_erzeugen(anzahl, admin_user, sb, anstalt):
    d, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRASSENVERKEHRSAMT)
    client = agentur_client(d)
    for n in range(anzahl):
        person = person_anlegen(durch=sb, ahv_nummer=AHV_GUELTIG if n == 0 else "")
        fall_mit_entscheid(durch=sb, person=person, behoerde_name="KG", referenz=f"K-{n}")
        assert client.get(f"/api/v1/auskunft/personen/{person.pk}/").status_code == 200
    return d


@pytest.mark.rule("R-21-1")
@pytest.mark.rule("R-0-AUDIT-2")
@pytest.mark.parametrize("anzahl", [1, 20])
def test_protokollseite_und_csv_mit_konstanten_abfragen(
    anzahl, admin_user, sachbearbeitung, revision, anstalt_a, client_als, django_assert_max_num_queries
):
    d = _bekanntgaben_erzeugen(anzahl, admin_user, sachbearbeitung, anstalt_a)
    client = client_als(revision)
    with django_assert_max_num_queries(12):
        seite = client.get("/behoerden/bekanntgaben/", {"behoerde": d.pk, "zweck": "fuehrerausweis"})
    assert seite.status_code == 200
    assert seite.content.decode().count("Entzug und Wiedererteilung") == anzahl
    with django_assert_max_num_queries(12):
        csv = client.get("/behoerden/bekanntgaben.csv", {"behoerde": d.pk})
        inhalt = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert len(inhalt.strip().splitlines()) == anzahl + 1
    assert "Art. 16 ff. SVG" in inhalt
    # The export is itself a logged read.
    assert Lesezugriff.objects.filter(benutzer=revision, aktion=Aktion.EXPORT).count() == 1


@pytest.mark.rule("R-21-1")
def test_protokollfilter_person_und_zeitraum(admin_user, sachbearbeitung, revision, anstalt_a, client_als):
    _bekanntgaben_erzeugen(2, admin_user, sachbearbeitung, anstalt_a)
    from behoerden.models import Bekanntgabe

    erste = Bekanntgabe.objects.order_by("pk").first()
    client = client_als(revision)
    seite = client.get("/behoerden/bekanntgaben/", {"person": erste.person.personennummer})
    assert seite.content.decode().count("Entzug und Wiedererteilung") == 1
    seite = client.get("/behoerden/bekanntgaben/", {"von": "01.01.2000", "bis": "31.12.2000"})
    assert "Keine Bekanntgaben gefunden" in seite.content.decode()
    fehler = client.get("/behoerden/bekanntgaben/", {"von": "31.12.2026", "bis": "01.01.2026"})
    assert "«bis» liegt vor «von»" in fehler.content.decode()
