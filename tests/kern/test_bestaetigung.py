"""Issue 17 item 7: final or destructive actions ask first; a POST without `bestaetigt=1` changes nothing
(kern/web/bestaetigung.py). Also: a missing stored file answers 404 with a German message (item 8)."""

import pytest
from django.urls import reverse

from aufschub.recht import Gesuchsstatus
from tests.aufschub.test_aufschub import _gesuch
from tests.factories import fall_anlegen
from tests.verfuegungen.test_verfuegungen import T, _behoerde_genehmigt, _eroeffnen
from verfuegungen.recht import Verfuegungsstatus as S


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def test_gesuch_zurueckziehen_ohne_bestaetigung_aendert_nichts(client_als, sachbearbeitung):
    gesuch = _gesuch(sachbearbeitung, fall_anlegen(durch=sachbearbeitung))
    client = client_als(sachbearbeitung)
    url = reverse("vollzug:gesuch14_schritt", args=[gesuch.pk, "zurueckziehen"])

    frage = client.post(url)
    gesuch.refresh_from_db()
    assert frage.status_code == 200
    assert gesuch.status == Gesuchsstatus.EINGEREICHT
    html = frage.content.decode()
    assert "<h1>Gesuch wirklich als zurückgezogen erfassen?</h1>" in html
    assert "wird abgeschlossen und nicht mehr entschieden" in html
    assert '<input type="hidden" name="bestaetigt" value="1">' in html
    assert f'href="{reverse("vollzug:gesuch14_detail", args=[gesuch.pk])}">Abbrechen</a>' in html

    # Anything but "1" is no confirmation.
    client.post(url, {"bestaetigt": "ja"})
    gesuch.refresh_from_db()
    assert gesuch.status == Gesuchsstatus.EINGEREICHT

    antwort = client.post(url, {"bestaetigt": "1"})
    gesuch.refresh_from_db()
    assert antwort.status_code == 302
    assert gesuch.status == Gesuchsstatus.ZURUECKGEZOGEN


def test_gesuch_zurueckziehen_ohne_recht_403_statt_frage(client_als, sachbearbeitung, revision):
    gesuch = _gesuch(sachbearbeitung, fall_anlegen(durch=sachbearbeitung))
    url = reverse("vollzug:gesuch14_schritt", args=[gesuch.pk, "zurueckziehen"])
    assert client_als(revision).post(url).status_code == 403


def test_verfuegung_eroeffnen_fragt_zuerst_mit_den_eingaben(
    client_als, sachbearbeitung, sachbearbeitung2, fall_a
):
    v = _behoerde_genehmigt(T.VERSETZUNG_17, sachbearbeitung, sachbearbeitung2, fall_a)
    client = client_als(sachbearbeitung)
    url = reverse("verfuegungen:aktion", args=[v.pk, "eroeffnen"])

    frage = client.post(url, {"eroeffnen-art": "einschreiben"})
    v.refresh_from_db()
    assert frage.status_code == 200
    assert v.status == S.GENEHMIGT
    html = frage.content.decode()
    assert f"Verfügung {v.nummer} wirklich eröffnen?" in html
    assert "Die Rechtsmittelfrist beginnt zu laufen" in html
    # The page posts the same input again, with the confirmation.
    assert '<input type="hidden" name="eroeffnen-art" value="einschreiben">' in html

    antwort = client.post(url, {"eroeffnen-art": "einschreiben", "bestaetigt": "1"})
    v.refresh_from_db()
    assert antwort.status_code == 302
    assert v.status == S.EROEFFNET


def test_verfuegung_eroeffnen_ungueltige_eingabe_zeigt_das_formular_nicht_die_frage(
    client_als, sachbearbeitung, sachbearbeitung2, fall_a
):
    v = _behoerde_genehmigt(T.VERSETZUNG_17, sachbearbeitung, sachbearbeitung2, fall_a)
    antwort = client_als(sachbearbeitung).post(
        reverse("verfuegungen:aktion", args=[v.pk, "eroeffnen"]), {"eroeffnen-art": "brieftaube"}
    )
    assert antwort.status_code == 200
    assert "wirklich eröffnen?" not in antwort.content.decode()


def test_verfuegung_aufheben_ohne_bestaetigung_aendert_nichts(
    client_als, sachbearbeitung, sachbearbeitung2, fall_a
):
    v = _eroeffnen(
        _behoerde_genehmigt(T.VERSETZUNG_17, sachbearbeitung, sachbearbeitung2, fall_a), sachbearbeitung
    )
    client = client_als(sachbearbeitung)
    url = reverse("verfuegungen:aktion", args=[v.pk, "aufheben"])

    frage = client.post(url, {"aufheben-grund": "Wiedererwägung."})
    v.refresh_from_db()
    assert frage.status_code == 200
    assert v.status == S.EROEFFNET
    assert f"Verfügung {v.nummer} wirklich aufheben?" in frage.content.decode()

    client.post(url, {"aufheben-grund": "Wiedererwägung.", "bestaetigt": "1"})
    v.refresh_from_db()
    assert v.status == S.AUFGEHOBEN


def test_fehlende_datei_404_mit_deutscher_meldung(client_als, sachbearbeitung, sachbearbeitung2, fall_a):
    v = _eroeffnen(
        _behoerde_genehmigt(T.VERSETZUNG_17, sachbearbeitung, sachbearbeitung2, fall_a), sachbearbeitung
    )
    assert v.pdf
    v.pdf.storage.delete(v.pdf.name)
    client = client_als(sachbearbeitung)

    seite = client.get(reverse("verfuegungen:pdf", args=[v.pk]))
    assert seite.status_code == 404
    assert "Die Datei ist nicht mehr vorhanden." in seite.content.decode()

    api = client.get(reverse("verfuegung-pdf", args=[v.pk]))
    assert api.status_code == 404
    assert api.json()["detail"].startswith("Die Datei ist nicht mehr vorhanden.")


def test_videozone_aufheben_ohne_bestaetigung_aendert_nichts(client_als, leitung_a, anstalt_a):
    from ueberwachung.models import Videozone

    zone = Videozone.objects.create(
        anstalt=anstalt_a,
        bezeichnung="Hof Nord",
        raumart="hof",
        festgelegt_durch=leitung_a,
    )
    client = client_als(leitung_a)
    url = reverse("ueberwachung:zone_aufheben", args=[zone.pk])

    frage = client.post(url)
    zone.refresh_from_db()
    assert frage.status_code == 200
    assert zone.aufgehoben_am is None
    assert "Videozone «Hof Nord» wirklich aufheben?" in frage.content.decode()

    assert client.post(url, {"bestaetigt": "1"}).status_code == 302
    zone.refresh_from_db()
    assert zone.aufgehoben_am is not None
