"""Issue 4 additions to the case core: §17.3 medical report as health data, the expected end of
execution, and the §13 start of execution as seen on the case page."""

from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kern.fristen import TZ
from kern.models import Lesezugriff
from tests.factories import fall_anlegen, person_anlegen
from vollzug import domain
from vollzug.models import Zuteilung
from vollzug.recht import Entscheidart, Platzierungsart, Sanktionsart


def _klinikfall(sachbearbeitung, anstalt_a, klinik):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    platzierung = domain.versetzen(
        fall=fall,
        anstalt=klinik,
        am=timezone.now(),
        art=Platzierungsart.VERSETZUNG_KLINIK,
        arztbericht=SimpleUploadedFile("bericht.pdf", b"%PDF-1.4 Bericht Dr. Muster"),
        durch=sachbearbeitung,
    )
    return fall, platzierung


@pytest.mark.rule("R-17-1", "R-0-ROLE-1", "R-0-AUDIT-2")
def test_arztbericht_nur_fuer_behoerde_und_zugeteilte_medizin(
    client_als, sachbearbeitung, medizin, revision, anstalt_a, klinik
):
    fall, platzierung = _klinikfall(sachbearbeitung, anstalt_a, klinik)
    url = reverse("vollzug:arztbericht_download", args=[platzierung.pk])

    antwort = client_als(sachbearbeitung).get(url)
    assert antwort.status_code == 200
    assert b"".join(antwort.streaming_content) == b"%PDF-1.4 Bericht Dr. Muster"
    assert Lesezugriff.objects.filter(benutzer=sachbearbeitung, person=fall.person).exists()

    # Health data: the auditor reads everything else of the file, but not the medical report.
    assert client_als(revision).get(url).status_code == 404
    # A physician sees it only once assigned to the person.
    assert client_als(medizin).get(url).status_code == 404
    Zuteilung.objects.create(benutzer=medizin, person=fall.person)
    assert client_als(medizin).get(url).status_code == 200


@pytest.mark.rule("R-17-1", "R-0-ROLE-1")
def test_arztbericht_link_nur_wer_ihn_lesen_darf(client_als, sachbearbeitung, revision, anstalt_a, klinik):
    fall, platzierung = _klinikfall(sachbearbeitung, anstalt_a, klinik)
    url = reverse("vollzug:arztbericht_download", args=[platzierung.pk])
    seite = client_als(sachbearbeitung).get(fall.get_absolute_url()).content.decode()
    assert url in seite
    seite = client_als(revision).get(fall.get_absolute_url()).content.decode()
    assert url not in seite
    assert "ärztlicher Bericht liegt vor" in seite


@pytest.mark.rule("R-17-1", "R-0-ROLE-1")
def test_arztbericht_ohne_bericht_404(client_als, sachbearbeitung, anstalt_a, anstalt_b):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    platzierung = domain.versetzen(
        fall=fall, anstalt=anstalt_b, am=timezone.now(), grund="e", durch=sachbearbeitung
    )
    url = reverse("vollzug:arztbericht_download", args=[platzierung.pk])
    assert client_als(sachbearbeitung).get(url).status_code == 404


def _fall_mit(sachbearbeitung, sanktionen):
    person = person_anlegen(durch=sachbearbeitung)
    return domain.fall_erfassen(
        person=person,
        entscheid=domain.EntscheidDaten(
            art=Entscheidart.URTEIL,
            behoerde="Kriminalgericht Luzern",
            referenz=f"KG-E {person.pk}",
            entscheid_datum=date(2026, 1, 5),
            rechtskraft_am=date(2026, 2, 10),
        ),
        sanktionen=sanktionen,
        durch=sachbearbeitung,
    )


def test_voraussichtliches_ende_aus_strafen_bei_einweisung(sachbearbeitung, anstalt_a):
    fall = _fall_mit(
        sachbearbeitung,
        [
            domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_jahre=1, dauer_monate=2),
            domain.SanktionDaten(art=Sanktionsart.ERSATZFREIHEITSSTRAFE, dauer_tage=10),
        ],
    )
    beginn = datetime(2026, 8, 31, 9, 0, tzinfo=TZ)
    domain.einweisen(fall=fall, anstalt=anstalt_a, am=beginn, durch=sachbearbeitung)
    fall.refresh_from_db()
    # 31.08.2026 + 14 months = 31.10.2027 (Art. 77 OR), + 10 days = 10.11.2027.
    assert fall.voraussichtliches_ende == date(2027, 11, 10)
    # The same date from the one function, and the history carries it with its actor.
    assert domain.voraussichtliches_ende_berechnen(fall) == date(2027, 11, 10)
    assert fall.history.first().history_user == sachbearbeitung


def test_voraussichtliches_ende_monatsende(sachbearbeitung, anstalt_a):
    fall = _fall_mit(
        sachbearbeitung, [domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_monate=6)]
    )
    domain.einweisen(
        fall=fall, anstalt=anstalt_a, am=datetime(2026, 8, 31, 8, 0, tzinfo=TZ), durch=sachbearbeitung
    )
    fall.refresh_from_db()
    assert fall.voraussichtliches_ende == date(2027, 2, 28)


def test_massnahme_hat_kein_voraussichtliches_ende(sachbearbeitung, anstalt_a):
    fall = _fall_mit(sachbearbeitung, [domain.SanktionDaten(art=Sanktionsart.STATIONAERE_MASSNAHME)])
    domain.einweisen(
        fall=fall, anstalt=anstalt_a, am=timezone.now() - timedelta(hours=1), durch=sachbearbeitung
    )
    fall.refresh_from_db()
    assert fall.voraussichtliches_ende is None


@pytest.mark.rule("R-13-1")
def test_fallseite_zeigt_vollzugsbeginn_ueberfaellig_erst_nach_der_frist(
    client_als, sachbearbeitung, settings
):
    settings.JVG_VOLLZUGSBEGINN_UEBERFAELLIG_TAGE = 30
    heute = timezone.localdate()
    grenzfall = fall_anlegen(durch=sachbearbeitung, eingang_am=heute - timedelta(days=30))
    ueberfaellig = fall_anlegen(durch=sachbearbeitung, eingang_am=heute - timedelta(days=31))
    client = client_als(sachbearbeitung)
    assert "Vollzugsbeginn überfällig" not in client.get(grenzfall.get_absolute_url()).content.decode()
    assert "Vollzugsbeginn überfällig" in client.get(ueberfaellig.get_absolute_url()).content.decode()
