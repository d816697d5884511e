"""Issue 17: the Vollzugsdaten in the dossier's timeline — each version of the Strafzeitberechnung with
what changed, the examination of conditional release and the measures with their reviews and court
applications; for the roles that read the Vollzugsdaten of the case, in a constant number of queries."""

from datetime import date

import pytest
from django.urls import reverse

from kern import erweiterungen
from tests.factories import fall_anlegen
from vollzugsdaten import contributions, domain
from vollzugsdaten.recht import Antragsart, Pruefungsart
from vollzugsdaten.recht import Massnahmenartikel as A

pytestmark = pytest.mark.django_db


def _massnahme(fall, sb):
    return domain.massnahme_erfassen(
        fall=fall, artikel=A.ART_59, beginn=date(2024, 3, 1), beginn_begruendung="Vollzugsbefehl", durch=sb
    )


@pytest.fixture
def daten(fall_im_vollzug, sachbearbeitung):
    berechnung = domain.aktuelle_berechnung(fall_im_vollzug, durch=sachbearbeitung)
    m = _massnahme(fall_im_vollzug, sachbearbeitung)
    domain.pruefung_erfassen(
        massnahme=m,
        art=Pruefungsart.ART_62D,
        am=date(2025, 2, 20),
        bericht="Bericht",
        ergebnis="weiter",
        durch=sachbearbeitung,
    )
    domain.antrag_einreichen(
        massnahme=m,
        art=Antragsart.VERLAENGERUNG,
        gericht="Kriminalgericht des Kantons Luzern",
        antrag="Die Therapie zeigt Fortschritte.",
        akten="Gutachten",
        eingereicht_am=date(2026, 6, 1),
        verlaengerung_jahre=3,
        durch=sachbearbeitung,
    )
    return {"berechnung": berechnung, "massnahme": m}


def _lesen(person, user, fall=None):
    return erweiterungen.ereignisse_lesen(contributions.zeitleiste(person, user, fall))


def _ereignisse(person, user, fall=None) -> dict[str, str]:
    return {e.text: e.url for e in _lesen(person, user, fall)}


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["sachbearbeitung", "revision", "leitung_a", "personal_a"])
def test_vollzugsdaten_in_der_chronologie_fuer_leser_des_falls(request, fall_im_vollzug, daten, persona):
    fall, b, m = fall_im_vollzug, daten["berechnung"], daten["massnahme"]
    seite = reverse("vollzugsdaten:fall", args=[fall.pk])
    pruefung = fall.entlassungspruefungen.get()
    erwartet = {
        f"Strafzeitberechnung Version 1, Strafende {b.ende:%d.%m.%Y} (Art. 51, 86 StGB): Erste Berechnung.": (
            f"{seite}#versionen"
        ),
        "Prüfung der bedingten Entlassung eröffnet, fällig am 11.07.2026 (Art. 86 Abs. 2 StGB)": reverse(
            "vollzugsdaten:pruefung", args=[pruefung.pk]
        ),
        "Massnahme begonnen: Behandlung psychischer Störungen (Art. 59 StGB)": f"{seite}#massnahme-{m.pk}",
        "Massnahme überprüft: Bedingte Entlassung / Aufhebung (Art. 62d Abs. 1 StGB)": f"{seite}#massnahme-{m.pk}",
        "Antrag ans Gericht gestellt: Verlängerung der Massnahme (Art. 59 Abs. 4, 60 Abs. 4, 63 Abs. 4 StGB) "
        "(§ 4 JVG)": f"{seite}#massnahme-{m.pk}",
    }
    user = request.getfixturevalue(persona)
    assert _ereignisse(fall.person, user) == erwartet
    assert _ereignisse(fall.person, user, fall) == erwartet


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["personal_b", "medizin", "bedrohung", "partner", "admin_user"])
def test_nichts_fuer_rollen_ohne_sicht(
    request, fall_im_vollzug, daten, persona, django_assert_max_num_queries
):
    person, user = fall_im_vollzug.person, request.getfixturevalue(persona)
    with django_assert_max_num_queries(1):  # none for roles without the module, one for staff of B
        assert _lesen(person, user) == []


def test_personen_und_fallseite_zeigen_die_vollzugsdaten(client_als, fall_im_vollzug, daten, sachbearbeitung):
    c = client_als(sachbearbeitung)
    for name, pk in (
        ("vollzug:person_detail", fall_im_vollzug.person.pk),
        ("vollzug:fall_detail", fall_im_vollzug.pk),
    ):
        seite = c.get(reverse(name, args=[pk])).content.decode()
        assert "Strafzeitberechnung Version 1" in seite and "Massnahme begonnen: Behandlung" in seite, name


def test_fallseite_nur_daten_dieses_falls(fall_im_vollzug, daten, sachbearbeitung):
    anderer = fall_anlegen(durch=sachbearbeitung, person=fall_im_vollzug.person)
    _massnahme(anderer, sachbearbeitung)
    im_fall = [e for e in _lesen(fall_im_vollzug.person, sachbearbeitung, fall_im_vollzug)]
    alle = _lesen(fall_im_vollzug.person, sachbearbeitung)
    assert sum("Massnahme begonnen" in e.text for e in im_fall) == 1
    assert sum("Massnahme begonnen" in e.text for e in alle) == 2


@pytest.mark.parametrize("anzahl", [1, 4])
def test_konstante_abfragen(fall_im_vollzug, sachbearbeitung, anzahl, django_assert_num_queries):
    domain.aktuelle_berechnung(fall_im_vollzug, durch=sachbearbeitung)
    for _ in range(anzahl):
        _massnahme(fall_im_vollzug, sachbearbeitung)
    person = fall_im_vollzug.person
    with django_assert_num_queries(1):  # calculations, examinations, measures …: one UNION ALL
        ereignisse = _lesen(person, sachbearbeitung)
    assert len(ereignisse) == 2 + anzahl
