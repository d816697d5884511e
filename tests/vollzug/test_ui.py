"""Browser interface of the Vollzug case core: visibility, forms through the services, list budgets."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORT
from tests.factories import fall_anlegen, person_anlegen
from vollzug import domain
from vollzug.models import Dokument, Entscheid, Person, Platzierung, Sanktion, Vollzugsfall, Zuteilung
from vollzug.recht import Fallstatus, Platzierungsart


@pytest.fixture(autouse=True)
def _medien_in_tmp(settings, tmp_path):
    # Uploaded documents of the tests never land in var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


def _url(name, *args):
    return reverse(f"vollzug:{name}", args=args)


def _zeitpunkt(dt) -> str:
    return timezone.localtime(dt).strftime("%d.%m.%Y %H:%M")


def _fall_daten(person, /, **aenderungen):
    daten = {
        "person": str(person.pk),
        "art": "urteil",
        "behoerde": "Kriminalgericht Luzern",
        "referenz": "KG 2026 117",
        "entscheid_datum": "05.10.2026",
        "rechtskraft_am": "02.11.2026",
        "eingang_am": "",
        "sanktionen-TOTAL_FORMS": "3",
        "sanktionen-INITIAL_FORMS": "0",
        "sanktionen-MIN_NUM_FORMS": "0",
        "sanktionen-MAX_NUM_FORMS": "20",
        "sanktionen-0-art": "freiheitsstrafe",
        "sanktionen-0-vollzugsform": "normalvollzug",
        "sanktionen-0-dauer_monate": "8",
        "dokumente-TOTAL_FORMS": "2",
        "dokumente-INITIAL_FORMS": "0",
        "dokumente-MIN_NUM_FORMS": "0",
        "dokumente-MAX_NUM_FORMS": "10",
    }
    daten.update(aenderungen)
    return daten


def _fehler(response, form="form"):
    return response.context[form].errors


# --- Login and start -------------------------------------------------------------------------


def test_login_seite_deutsch(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    inhalt = response.content.decode()
    assert '<html lang="de-CH">' in inhalt
    assert '<label for="id_username">Benutzername</label>' in inhalt
    assert '<label for="id_password">Passwort</label>' in inhalt
    assert '<button type="submit" class="knopf">Anmelden</button>' in inhalt


def test_login_falsches_passwort_deutsche_meldung(client, sachbearbeitung):
    response = client.post(reverse("login"), {"username": "sb", "password": "falsch-falsch"})
    assert response.status_code == 200
    assert response.content.decode().count("Benutzername oder Passwort falsch.") == 1
    assert "_auth_user_id" not in client.session


def test_login_richtiges_passwort_fuehrt_zur_startseite(client, sachbearbeitung):
    response = client.post(reverse("login"), {"username": "sb", "password": PASSWORT})
    assert response.status_code == 302
    assert response["Location"] == reverse("start")


def test_abmelden_per_post(client_als, sachbearbeitung):
    client = client_als(sachbearbeitung)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_startseite_zeigt_zaehler_mit_links(client_als, sachbearbeitung, anstalt_a):
    fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    fall_anlegen(durch=sachbearbeitung, eingang_am=timezone.localdate() - timedelta(days=40))
    response = client_als(sachbearbeitung).get(reverse("start"))
    assert response.status_code == 200
    assert response.context["anzahl_im_vollzug"] == 1
    assert response.context["anzahl_beginn_ueberfaellig"] == 1
    inhalt = response.content.decode()
    assert f'href="{_url("fall_list")}?status=im_vollzug"' in inhalt
    assert f'href="{_url("fall_list")}?ueberfaellig=1"' in inhalt
    # Issue 17 item 6: the API documentation is offered to the roles that use the API, not to case workers.
    assert 'href="/api/docs/"' not in inhalt
    assert 'action="/abmelden/"' in inhalt


def test_seiten_ohne_inline_script_und_style(client_als, sachbearbeitung, anstalt_a):
    # CSP script-src/style-src 'self': inline code would be blocked by the browser.
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    client = client_als(sachbearbeitung)
    for url in (reverse("start"), _url("fall_list"), _url("fall_detail", fall.pk), _url("fall_neu")):
        inhalt = client.get(url).content.decode()
        assert "<script" not in inhalt
        assert "style=" not in inhalt
        assert "<style" not in inhalt
        assert "ß" not in inhalt


# --- R-0-ROLE-1: visibility and permissions --------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1")
def test_anonym_wird_zur_anmeldung_umgeleitet(client):
    for url in (
        _url("person_list"),
        _url("fall_list"),
        _url("fall_detail", 1),
        _url("fall_neu"),
        reverse("start"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.rule("R-0-ROLE-1")
def test_personal_fremder_anstalt_bekommt_404(client_als, sachbearbeitung, anstalt_a, personal_a, personal_b):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    for url in (_url("fall_detail", fall.pk), _url("person_detail", fall.person.pk)):
        assert client_als(personal_b).get(url).status_code == 404
        assert client_als(personal_a).get(url).status_code == 200


@pytest.mark.rule("R-0-ROLE-1")
def test_personal_fremder_anstalt_sieht_fall_nicht_in_listen(
    client_als, sachbearbeitung, anstalt_a, personal_b
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    client = client_als(personal_b)
    assert list(client.get(_url("fall_list")).context["seite"].object_list) == []
    assert list(client.get(_url("person_list")).context["seite"].object_list) == []
    assert fall.fallnummer not in client.get(_url("fall_list")).content.decode()


@pytest.mark.rule("R-0-ROLE-1")
def test_personal_eigener_anstalt_sieht_fall_in_liste(client_als, sachbearbeitung, anstalt_a, personal_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    response = client_als(personal_a).get(_url("fall_list"))
    assert [f.pk for f in response.context["seite"].object_list] == [fall.pk]


@pytest.mark.rule("R-0-ROLE-1")
def test_personal_ohne_schreibrecht_bekommt_403_auf_sichtbarem_fall(
    client_als, sachbearbeitung, anstalt_a, personal_a, personal_b
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    for name in ("fall_versetzen", "fall_entlassen", "fall_einweisen"):
        assert client_als(personal_a).get(_url(name, fall.pk)).status_code == 403
        # Outside the own facility the case does not exist for the user: 404, not 403.
        assert client_als(personal_b).get(_url(name, fall.pk)).status_code == 404


@pytest.mark.rule("R-0-ROLE-1")
def test_revision_liest_alles_darf_aber_keinen_fall_erfassen(
    client_als, sachbearbeitung, anstalt_a, revision
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    client = client_als(revision)
    assert client.get(_url("fall_detail", fall.pk)).status_code == 200
    assert [f.pk for f in client.get(_url("fall_list")).context["seite"].object_list] == [fall.pk]
    response = client.get(_url("fall_neu"))
    assert response.status_code == 403
    assert "Keine Berechtigung: Vollzugsfall erfassen." in response.content.decode()
    assert client.get(_url("person_neu")).status_code == 403


@pytest.mark.rule("R-0-ROLE-1")
def test_revision_sieht_keine_aktionsknoepfe(client_als, sachbearbeitung, anstalt_a, revision):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    response = client_als(revision).get(_url("fall_detail", fall.pk))
    assert response.context["kann_versetzen"] is False
    assert response.context["kann_entlassen"] is False
    assert _url("fall_versetzen", fall.pk) not in response.content.decode()


@pytest.mark.rule("R-0-ROLE-1")
def test_medizin_sieht_nur_zugeteilte_personen(client_als, sachbearbeitung, anstalt_a, medizin):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    client = client_als(medizin)
    assert client.get(_url("fall_detail", fall.pk)).status_code == 404
    assert client.get(_url("person_detail", fall.person.pk)).status_code == 404
    assert list(client.get(_url("fall_list")).context["seite"].object_list) == []

    Zuteilung.objects.create(benutzer=medizin, person=fall.person)

    assert client.get(_url("fall_detail", fall.pk)).status_code == 200
    assert client.get(_url("person_detail", fall.person.pk)).status_code == 200
    assert [f.pk for f in client.get(_url("fall_list")).context["seite"].object_list] == [fall.pk]


@pytest.mark.rule("R-0-ROLE-1")
def test_anstaltsleitung_darf_nur_dringend_in_klinik_versetzen(
    client_als, sachbearbeitung, anstalt_a, leitung_a
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    client = client_als(leitung_a)
    detail = client.get(_url("fall_detail", fall.pk))
    assert detail.context["kann_versetzen"] is True
    assert detail.context["kann_entlassen"] is False
    response = client.get(_url("fall_versetzen", fall.pk))
    assert response.status_code == 200
    assert response.context["form"].fields["art"].choices == [
        (Platzierungsart.VERSETZUNG_KLINIK, "Klinik/Spital (§ 17 Abs. 3 JVG)")
    ]


# --- Dokumente -------------------------------------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1")
def test_dokument_download_nur_fuer_sichtbare_faelle(
    client_als, sachbearbeitung, anstalt_a, personal_a, personal_b
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    dokument = domain.dokument_hinzufuegen(
        fall=fall,
        titel="Urteil",
        datei=SimpleUploadedFile("urteil.pdf", b"%PDF-1.4 Urteil"),
        durch=sachbearbeitung,
    )
    response = client_als(personal_a).get(_url("dokument_download", dokument.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="urteil.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 Urteil"
    assert client_als(personal_b).get(_url("dokument_download", dokument.pk)).status_code == 404


# --- R-12-1: Fall aus Entscheid ---------------------------------------------------------------


@pytest.mark.rule("R-12-1", "R-0-AUDIT-1")
def test_fall_erfassen_per_formular(client_als, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    daten = _fall_daten(
        person,
        **{
            "dokumente-0-titel": "Urteil Kriminalgericht",
            "dokumente-0-datei": SimpleUploadedFile("urteil.pdf", b"%PDF-1.4 Urteil"),
        },
    )
    response = client_als(sachbearbeitung).post(_url("fall_neu"), daten)

    fall = Vollzugsfall.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("fall_detail", fall.pk)
    assert fall.person == person
    assert fall.status == Fallstatus.EINGANG
    assert fall.eingang_am == timezone.localdate()
    entscheid = Entscheid.objects.get(fall=fall)
    assert (entscheid.art, entscheid.referenz, entscheid.rechtskraft_am) == (
        "urteil",
        "KG 2026 117",
        date(2026, 11, 2),
    )
    sanktion = Sanktion.objects.get(entscheid=entscheid)
    assert (sanktion.art, sanktion.vollzugsform, sanktion.dauer_monate) == (
        "freiheitsstrafe",
        "normalvollzug",
        8,
    )
    assert Dokument.objects.get(fall=fall).titel == "Urteil Kriminalgericht"
    assert fall.history.first().history_user == sachbearbeitung


@pytest.mark.rule("R-12-1")
def test_fall_neu_mit_vorausgewaehlter_person(client_als, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    response = client_als(sachbearbeitung).get(f"{_url('fall_neu')}?person={person.pk}")
    assert response.status_code == 200
    assert response.context["form"]["person"].value() == person.pk
    assert f'href="{_url("person_neu")}?weiter=fall"' in response.content.decode()


@pytest.mark.rule("R-12-1", "R-0-BAD-1")
def test_fall_erfassen_rechtskraft_in_zukunft_abgelehnt(client_als, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    morgen = (timezone.localdate() + timedelta(days=1)).strftime("%d.%m.%Y")
    response = client_als(sachbearbeitung).post(_url("fall_neu"), _fall_daten(person, rechtskraft_am=morgen))

    assert response.status_code == 200
    assert _fehler(response)["rechtskraft_am"] == [
        "§ 12 JVG (R-12-1): Nur rechtskräftige Entscheide werden vollzogen – das Datum der Rechtskraft liegt in der Zukunft."
    ]
    assert "§ 12 JVG: Nur rechtskräftige Entscheide" in response.content.decode()
    assert Vollzugsfall.objects.count() == 0
    assert Entscheid.objects.count() == 0
    form = response.context["form"]
    assert form["referenz"].value() == "KG 2026 117"
    assert form["behoerde"].value() == "Kriminalgericht Luzern"
    assert response.context["sanktionen"].forms[0]["dauer_monate"].value() == "8"
    assert 'value="KG 2026 117"' in response.content.decode()


@pytest.mark.rule("R-1-1", "R-0-BAD-1")
def test_fall_erfassen_sanktionsfehler_in_der_zeile(client_als, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    daten = _fall_daten(
        person, **{"sanktionen-0-dauer_monate": "", "sanktionen-1-art": "gemeinnuetzige_arbeit"}
    )
    response = client_als(sachbearbeitung).post(_url("fall_neu"), daten)

    assert response.status_code == 200
    zeilen = response.context["sanktionen"].forms
    assert zeilen[0].errors["dauer_tage"] == [
        "§ 1 JVG (R-1-1): Eine Freiheitsstrafe braucht eine Dauer (Jahre, Monate oder Tage)."
    ]
    assert Vollzugsfall.objects.count() == 0


@pytest.mark.rule("R-12-1", "R-0-BAD-1")
def test_fall_erfassen_ohne_sanktion_meldung(client_als, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    daten = _fall_daten(
        person, **{"sanktionen-0-art": "", "sanktionen-0-vollzugsform": "", "sanktionen-0-dauer_monate": ""}
    )
    response = client_als(sachbearbeitung).post(_url("fall_neu"), daten)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "§ 12 JVG (R-12-1): Mindestens eine Sanktion angeben."
    ]
    assert Vollzugsfall.objects.count() == 0


@pytest.mark.rule("R-0-BAD-1")
def test_fall_erfassen_unsinnige_eingaben_kein_500(client_als, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    daten = _fall_daten(
        person,
        person="abc",
        entscheid_datum="31.02.2026",
        **{"sanktionen-0-dauer_monate": "-3", "sanktionen-TOTAL_FORMS": "x"},
    )
    response = client_als(sachbearbeitung).post(_url("fall_neu"), daten)
    assert response.status_code == 200
    assert _fehler(response)["entscheid_datum"] == [
        "Ungültiges Datum: erwartet TT.MM.JJJJ (z. B. 31.12.2026)."
    ]
    assert Vollzugsfall.objects.count() == 0


@pytest.mark.rule("R-0-ROLE-1")
def test_fall_erfassen_person_ausserhalb_sichtbarkeit_nicht_waehlbar(client_als, sachbearbeitung, personal_a):
    # The choice list is personen_fuer_user: a posted foreign pk is an invalid choice, never a case.
    person = person_anlegen(durch=sachbearbeitung)
    response = client_als(sachbearbeitung).post(_url("fall_neu"), _fall_daten(person, person="999999"))
    assert response.status_code == 200
    assert _fehler(response)["person"] == [
        "Bitte eine gültige Auswahl treffen. Dies ist keine gültige Auswahl."
    ]


# --- Person erfassen ---------------------------------------------------------------------------


def test_person_erfassen_per_formular(client_als, sachbearbeitung):
    daten = {
        "amtlicher_name": "Bühlmann",
        "vorname": "Reto",
        "geschlecht": "1",
        "geburtsdatum": "14.03.1979",
        "ahv_nummer": "756.9217.0769.85",
    }
    response = client_als(sachbearbeitung).post(f"{_url('person_neu')}?weiter=fall", daten)
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_url('fall_neu')}?person={person.pk}"
    assert (person.amtlicher_name, person.geburtsdatum, person.ahv_nummer) == (
        "Bühlmann",
        date(1979, 3, 14),
        "7569217076985",
    )
    assert person.history.first().history_user == sachbearbeitung


@pytest.mark.rule("R-0-BAD-1")
def test_person_erfassen_ahv_pruefziffer_falsch(client_als, sachbearbeitung):
    daten = {
        "amtlicher_name": "Bühlmann",
        "vorname": "Reto",
        "geschlecht": "1",
        "geburtsdatum": "1979-03-14",
        "ahv_nummer": "756.9217.0769.84",
    }
    response = client_als(sachbearbeitung).post(_url("person_neu"), daten)
    assert response.status_code == 200
    assert _fehler(response)["ahv_nummer"] == [
        "AHV-Nummer ungültig: die Prüfziffer (EAN-13) stimmt nicht (R-12-1)."
    ]
    assert response.context["form"]["vorname"].value() == "Reto"
    assert 'value="1979-03-14"' in response.content.decode()


# --- R-17-1 / R-1-ENTL-1: Einweisen, Versetzen, Entlassen ---------------------------------------


@pytest.mark.rule("R-17-1", "R-13-1")
def test_einweisen_per_formular(client_als, sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung)
    am = timezone.now() - timedelta(hours=2)
    response = client_als(sachbearbeitung).post(
        _url("fall_einweisen", fall.pk),
        {"anstalt": anstalt_a.pk, "abteilung": "Vollzug 2", "von": _zeitpunkt(am)},
    )
    assert response.status_code == 302
    assert response["Location"] == _url("fall_detail", fall.pk)
    fall.refresh_from_db()
    assert fall.status == Fallstatus.IM_VOLLZUG
    platzierung = Platzierung.objects.get(fall=fall)
    assert (platzierung.anstalt, platzierung.abteilung, platzierung.bis) == (anstalt_a, "Vollzug 2", None)
    assert platzierung.von == am.replace(second=0, microsecond=0)


@pytest.mark.rule("R-17-1")
def test_einweisen_akzeptiert_datetime_local(client_als, sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung)
    am = timezone.localtime() - timedelta(hours=3)
    response = client_als(sachbearbeitung).post(
        _url("fall_einweisen", fall.pk), {"anstalt": anstalt_a.pk, "von": am.strftime("%Y-%m-%dT%H:%M")}
    )
    assert response.status_code == 302
    assert Platzierung.objects.get(fall=fall).von == am.replace(second=0, microsecond=0)


@pytest.mark.rule("R-17-1", "R-0-BAD-1")
def test_versetzung_ohne_grund_abgelehnt(client_als, sachbearbeitung, anstalt_a, anstalt_b):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    daten = {"art": "versetzung", "anstalt": anstalt_b.pk, "grund": "", "von": _zeitpunkt(timezone.now())}
    response = client_als(sachbearbeitung).post(_url("fall_versetzen", fall.pk), daten)
    assert response.status_code == 200
    assert _fehler(response)["grund"] == [
        "§ 17 Abs. 2 JVG (R-17-1): Für die Versetzung einen Grund nach lit. a–e angeben."
    ]
    assert "§ 17 Abs. 2 JVG: Für die Versetzung einen Grund" in response.content.decode()
    assert Platzierung.objects.filter(fall=fall).count() == 1
    assert Platzierung.objects.get(fall=fall).bis is None


@pytest.mark.rule("R-17-1")
def test_versetzung_mit_grund_schliesst_alte_platzierung(client_als, sachbearbeitung, anstalt_a, anstalt_b):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    am = timezone.now() - timedelta(hours=1)
    daten = {"art": "versetzung", "anstalt": anstalt_b.pk, "grund": "e", "von": _zeitpunkt(am)}
    response = client_als(sachbearbeitung).post(_url("fall_versetzen", fall.pk), daten)
    assert response.status_code == 302
    alt, neu = Platzierung.objects.filter(fall=fall).order_by("von")
    assert alt.bis == am.replace(second=0, microsecond=0)
    assert (neu.anstalt, neu.art, neu.grund, neu.bis) == (anstalt_b, Platzierungsart.VERSETZUNG, "e", None)


@pytest.mark.rule("R-17-1", "R-0-BAD-1")
def test_klinikversetzung_ohne_arztbericht_abgelehnt(client_als, sachbearbeitung, anstalt_a, klinik):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    daten = {"art": "versetzung_klinik", "anstalt": klinik.pk, "von": _zeitpunkt(timezone.now())}
    response = client_als(sachbearbeitung).post(_url("fall_versetzen", fall.pk), daten)
    assert response.status_code == 200
    assert _fehler(response)["arztbericht"] == [
        "§ 17 Abs. 3 JVG (R-17-1): Die Versetzung in Klinik/Spital braucht einen ärztlichen Bericht."
    ]
    assert Platzierung.objects.filter(fall=fall).count() == 1


@pytest.mark.rule("R-0-BAD-1")
@pytest.mark.parametrize("von", ["abc", "31.02.2026 10:00", "", "2026-13-01T10:00"])
def test_versetzung_unsinniger_zeitpunkt_kein_500(client_als, sachbearbeitung, anstalt_a, anstalt_b, von):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    daten = {"art": "versetzung", "anstalt": anstalt_b.pk, "grund": "a", "von": von}
    response = client_als(sachbearbeitung).post(_url("fall_versetzen", fall.pk), daten)
    assert response.status_code == 200
    assert "von" in _fehler(response)
    assert Platzierung.objects.filter(fall=fall).count() == 1


@pytest.mark.rule("R-0-BAD-1")
def test_versetzung_unsinnige_auswahl_kein_500(client_als, sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    daten = {"art": "flucht", "anstalt": "xyz", "grund": "z", "von": "abc"}
    response = client_als(sachbearbeitung).post(_url("fall_versetzen", fall.pk), daten)
    assert response.status_code == 200
    assert sorted(_fehler(response)) == ["anstalt", "art", "grund", "von"]


@pytest.mark.rule("R-17-1", "R-0-BAD-1")
def test_zeitpunkt_in_zukunft_abgelehnt(client_als, sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung)
    morgen = timezone.now() + timedelta(days=1)
    response = client_als(sachbearbeitung).post(
        _url("fall_einweisen", fall.pk), {"anstalt": anstalt_a.pk, "von": _zeitpunkt(morgen)}
    )
    assert response.status_code == 200
    assert _fehler(response)["von"] == [
        "R-0-BAD-1: Der Zeitpunkt kann nicht in der Zukunft liegen (keine vordatierten Einträge)."
    ]
    assert response.context["form"]["von"].value() == _zeitpunkt(morgen)
    assert f'value="{timezone.localtime(morgen):%Y-%m-%dT%H:%M}"' in response.content.decode()


@pytest.mark.rule("R-1-ENTL-1")
def test_entlassung_per_formular_schliesst_platzierung(client_als, sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    am = timezone.now() - timedelta(hours=1)
    response = client_als(sachbearbeitung).post(
        _url("fall_entlassen", fall.pk), {"entlassung_am": _zeitpunkt(am), "bemerkung": "Strafende"}
    )
    assert response.status_code == 302
    assert response["Location"] == _url("fall_detail", fall.pk)
    fall.refresh_from_db()
    assert fall.status == Fallstatus.ENTLASSEN
    assert fall.entlassung_am == am.replace(second=0, microsecond=0)
    assert fall.entlassung_bemerkung == "Strafende"
    assert Platzierung.objects.get(fall=fall).bis == am.replace(second=0, microsecond=0)
    assert fall.history.first().history_user == sachbearbeitung
    detail = client_als(sachbearbeitung).get(response["Location"])
    assert f"Fall {fall.fallnummer}: definitive Entlassung erfasst." in detail.content.decode()


@pytest.mark.rule("R-1-ENTL-1", "R-0-BAD-1")
def test_entlassung_vor_einweisung_abgelehnt(client_als, sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung)
    response = client_als(sachbearbeitung).post(
        _url("fall_entlassen", fall.pk), {"entlassung_am": _zeitpunkt(timezone.now()), "bemerkung": "x"}
    )
    assert response.status_code == 200
    assert _fehler(response)["entlassung_am"] == [
        "R-1-ENTL-1: Entlassung vor der Einweisung ist nicht möglich – der Vollzug hat nicht begonnen."
    ]
    assert "Entlassung vor der Einweisung" in response.content.decode()
    fall.refresh_from_db()
    assert fall.status == Fallstatus.EINGANG
    assert response.context["form"]["bemerkung"].value() == "x"


# --- R-13-1: Vollzugsbeginn überfällig -------------------------------------------------------------


@pytest.mark.rule("R-13-1")
def test_ueberfaellig_filter_grenze_mehr_als_30_tage(client_als, sachbearbeitung, settings):
    settings.JVG_VOLLZUGSBEGINN_UEBERFAELLIG_TAGE = 30
    heute = timezone.localdate()
    alt = fall_anlegen(durch=sachbearbeitung, eingang_am=heute - timedelta(days=31))
    grenze = fall_anlegen(durch=sachbearbeitung, eingang_am=heute - timedelta(days=30))
    assert alt.vollzugsbeginn_ueberfaellig() is True
    assert grenze.vollzugsbeginn_ueberfaellig() is False

    client = client_als(sachbearbeitung)
    gefiltert = client.get(_url("fall_list"), {"ueberfaellig": "1"})
    assert [f.pk for f in gefiltert.context["seite"].object_list] == [alt.pk]
    assert (
        gefiltert.content.decode().count('<span class="badge badge-warnung">Vollzugsbeginn überfällig</span>')
        == 1
    )

    alle = client.get(_url("fall_list"))
    assert [f.pk for f in alle.context["seite"].object_list] == [grenze.pk, alt.pk]
    assert (
        alle.content.decode().count('<span class="badge badge-warnung">Vollzugsbeginn überfällig</span>') == 1
    )


# --- Case list filters -----------------------------------------------------------------------


def test_fall_liste_filter_status_anstalt_und_suche(client_als, sachbearbeitung, anstalt_a, anstalt_b):
    in_a = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    in_b = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_b)
    eingang = fall_anlegen(
        durch=sachbearbeitung, person=person_anlegen(durch=sachbearbeitung, amtlicher_name="Zgraggen")
    )
    client = client_als(sachbearbeitung)

    def pks(**params):
        return [f.pk for f in client.get(_url("fall_list"), params).context["seite"].object_list]

    assert pks(anstalt=anstalt_b.pk) == [in_b.pk]
    assert pks(status="eingang") == [eingang.pk]
    assert sorted(pks(status="im_vollzug")) == sorted([in_a.pk, in_b.pk])
    assert pks(q="zgrag") == [eingang.pk]
    assert pks(q=in_a.fallnummer) == [in_a.pk]
    referenz = in_b.entscheide.get().referenz
    assert pks(q=referenz) == [in_b.pk]
    # Garbage filters are reported, not a 500.
    response = client.get(_url("fall_list"), {"status": "kaputt", "anstalt": "abc", "page": "zz"})
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["anstalt", "status"]


def test_fall_liste_zeigt_aktuelle_einrichtung(client_als, sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    response = client_als(sachbearbeitung).get(_url("fall_list"))
    assert [f.einrichtung for f in response.context["seite"].object_list] == ["JVA Grosshof"]
    assert fall.fallnummer in response.content.decode()


def test_person_liste_suche_und_ahv(client_als, sachbearbeitung, anstalt_a):
    mit_ahv = person_anlegen(durch=sachbearbeitung, amtlicher_name="Achermann", ahv_nummer="756.9217.0769.85")
    person_anlegen(durch=sachbearbeitung, amtlicher_name="Bucher")
    fall_anlegen(durch=sachbearbeitung, person=mit_ahv, eingewiesen_in=anstalt_a)
    client = client_als(sachbearbeitung)

    def pks(q):
        return [p.pk for p in client.get(_url("person_list"), {"q": q}).context["seite"].object_list]

    assert pks("acher") == [mit_ahv.pk]
    assert pks("756.9217.0769.85") == [mit_ahv.pk]
    assert pks(mit_ahv.personennummer) == [mit_ahv.pk]
    assert pks("achermann max") == [mit_ahv.pk]
    response = client.get(_url("person_list"), {"q": "acher"})
    inhalt = response.content.decode()
    assert '<td class="nowrap">756.9217.0769.85</td>' in inhalt
    assert "<td>JVA Grosshof</td>" in inhalt


def test_person_liste_paginiert_25(client_als, sachbearbeitung):
    for _ in range(26):
        person_anlegen(durch=sachbearbeitung)
    client = client_als(sachbearbeitung)
    erste = client.get(_url("person_list"))
    assert len(erste.context["seite"].object_list) == 25
    assert erste.context["seite"].paginator.num_pages == 2
    assert len(client.get(_url("person_list"), {"page": "2"}).context["seite"].object_list) == 1


# --- Constant query budgets (no N+1) ------------------------------------------------------------
# Budget = session + user + count + filter choices + page + session save (savepoint, update, release);
# facility users add their facility in the header. The row count must not change it.


@pytest.mark.parametrize("anzahl", [5, 50])
def test_person_liste_konstante_abfragen(
    client_als, sachbearbeitung, anstalt_a, anzahl, django_assert_max_num_queries
):
    for _ in range(anzahl):
        fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    client = client_als(sachbearbeitung)
    # + 1: the read log of the persons shown, one bulk INSERT (issue 18 item 10)
    with django_assert_max_num_queries(8):
        response = client.get(_url("person_list"))
    assert len(response.context["seite"].object_list) == min(anzahl, 25)


@pytest.mark.parametrize("anzahl", [5, 50])
def test_fall_liste_konstante_abfragen(
    client_als, sachbearbeitung, anstalt_a, anzahl, django_assert_max_num_queries
):
    for i in range(anzahl):
        fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a if i % 2 else None)
    client = client_als(sachbearbeitung)
    with django_assert_max_num_queries(9):  # + 1: read log (issue 18 item 10)
        response = client.get(_url("fall_list"))
    assert len(response.context["seite"].object_list) == min(anzahl, 25)


@pytest.mark.parametrize("anzahl", [5, 50])
def test_fall_liste_personal_konstante_abfragen(
    client_als, sachbearbeitung, anstalt_a, personal_a, anzahl, django_assert_max_num_queries
):
    for _ in range(anzahl):
        fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    client = client_als(personal_a)
    with django_assert_max_num_queries(11):  # + 1: read log (issue 18 item 10)
        response = client.get(_url("fall_list"), {"anstalt": anstalt_a.pk})
    assert len(response.context["seite"].object_list) == min(anzahl, 25)


@pytest.mark.parametrize("anzahl_platzierungen", [1, 5])
def test_fall_detail_konstante_abfragen(
    client_als, sachbearbeitung, anstalt_a, anstalt_b, anzahl_platzierungen, django_assert_max_num_queries
):
    start = timezone.now() - timedelta(days=20)
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=start)
    for i in range(1, anzahl_platzierungen):
        domain.versetzen(
            fall=fall,
            anstalt=anstalt_b if i % 2 else anstalt_a,
            am=start + timedelta(days=i),
            grund="e",
            durch=sachbearbeitung,
        )
    client = client_als(sachbearbeitung)
    # 12 = … + one read-log insert + one query for the §17 Verfügungen of all placements;
    # + 2 for the Vollzugsplan block (§18) + 2 for the §14 requests, + up to 2 content-type lookups
    # while Django's content-type cache is cold (first test of a process).
    # + 16 for the module blocks registered in `kern.erweiterungen` (§§ 25–32, § 31, § 33,
    # §§ 34–39, Kosten, § 12 intake, §§ 22/23: two or three queries each, none per placement)
    # + 2 for Vollzugsöffnungen and § 16 forms (vollzugsgestaltung)
    # + 6 for the Vollzugsdaten block (issue 21: Strafzeitangaben, sentences, § 14 and § 32 periods,
    # stored calculation, open examination of conditional release; read-only)
    # + 1 for the Inkasso block (issue 22: the person's claims with their balances, one query).
    # + 1 for the § 51 suspensions pending a pardon (not served, read by the Vollzugsdaten block).
    # + 17 for the dossier (issue 17): blocks of the Verfügungen (1), disciplinary proceedings and
    # open reports (2), recordings and ED measures (3), open tasks (1), and the timeline sources
    # (Verfügungen 1, §§ 40–45 2, § 31 1, § 33 1, §§ 34–39 2, §§ 25/32 2, § 14 1; the core events come
    # from rows already loaded) — one query per source whatever the number of rows
    # (tests/vollzug/test_dossier.py checks that with many rows in every module).
    # + 1 for the Überwachung counts block (issue 23: recordings, ED measures, counsel numbers).
    # Issue 17 (part A): the Überwachung block is one (counts; its three row queries only when there are
    # rows: -3), and the timeline reads the rows of costs, Inkasso, openings, Vollzugsdaten and
    # Überwachung in one UNION ALL (+1) plus the grouped deletions of §§ 27, 29, 30 (+1): 60 measured.
    with django_assert_max_num_queries(62):
        response = client.get(_url("fall_detail", fall.pk))
    assert len(response.context["platzierungen"]) == anzahl_platzierungen


@pytest.mark.rule("R-0-BAD-1")
def test_person_mit_postadresse_per_formular_und_falscher_postleitzahl(client_als, sachbearbeitung):
    """Issue 17: the eCH-0010 postal address is optional in the form; a postcode has four digits."""
    daten = {
        "amtlicher_name": "Bühlmann",
        "vorname": "Reto",
        "geschlecht": "1",
        "geburtsdatum": "14.03.1979",
        "strasse": "Baselstrasse",
        "hausnummer": "44",
        "postleitzahl": "600",
        "ort": "Luzern",
    }
    response = client_als(sachbearbeitung).post(_url("person_neu"), daten)
    assert response.status_code == 200
    assert "Die Postleitzahl hat vier Ziffern" in response.content.decode()
    assert not Person.objects.exists()
    response = client_als(sachbearbeitung).post(_url("person_neu"), {**daten, "postleitzahl": "6003"})
    assert response.status_code == 302
    p = Person.objects.get()
    assert (p.strasse, p.hausnummer, p.postleitzahl, p.ort) == ("Baselstrasse", "44", "6003", "Luzern")


# --- Issue 19: capped count on the case list ------------------------------------------------------


@pytest.mark.parametrize(
    ("anzahl", "beschriftung"), [(3, "3 Vollzugsfälle"), (4, "mehr als 3 Vollzugsfälle")]
)
def test_fall_liste_anzahl_gedeckelt(client_als, sachbearbeitung, anzahl, beschriftung, monkeypatch):
    from kern.web import seiten

    monkeypatch.setattr(seiten, "GRENZE", 3)
    for _ in range(anzahl):
        fall_anlegen(durch=sachbearbeitung)
    client = client_als(sachbearbeitung)
    html = client.get(_url("fall_list"), {"q": "VF"}).content.decode()
    assert f"<caption>{beschriftung}</caption>" in html


def test_fall_liste_suche_findet_nummer_name_und_referenz(client_als, sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung)
    anderer = fall_anlegen(durch=sachbearbeitung)
    client = client_als(sachbearbeitung)
    for begriff in (fall.fallnummer, fall.person.amtlicher_name, fall.entscheide.get().referenz):
        gefunden = [f.pk for f in client.get(_url("fall_list"), {"q": begriff}).context["seite"].object_list]
        assert fall.pk in gefunden and (anderer.pk not in gefunden or begriff == fall.person.amtlicher_name)
