"""Browser pages: visibility, permission before validation, bad input with the article, constant queries."""

from datetime import date

import pytest
from django.urls import reverse

from kern import erweiterungen
from tests.factories import fall_anlegen
from vollzugsdaten import domain
from vollzugsdaten.contributions import massnahmenfristen, pruefungsfristen
from vollzugsdaten.models import Entlassungspruefung, Strafzeitangaben


@pytest.mark.rule("R-VD-1")
def test_fallseite_zeigt_daten_mit_herleitung_und_no_store(client_als, sachbearbeitung, fall_im_vollzug):
    antwort = client_als(sachbearbeitung).get(reverse("vollzugsdaten:fall", args=[fall_im_vollzug.pk]))
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert "11.10.2026" in inhalt and "Art. 86 Abs. 1 StGB" in inhalt and "Art. 110 Abs. 6 StGB" in inhalt
    assert "no-store" in antwort["Cache-Control"]
    # The case page of the case core shows the block too.
    fallseite = client_als(sachbearbeitung).get(fall_im_vollzug.get_absolute_url()).content.decode()
    assert 'id="vollzugsdaten"' in fallseite and "11.10.2026" in fallseite


@pytest.mark.rule("R-0-ROLE-1")
def test_andere_anstalt_und_medizin_sehen_nichts(client, personal_b, medizin, fall_im_vollzug):
    url = reverse("vollzugsdaten:fall", args=[fall_im_vollzug.pk])
    for user in (personal_b, medizin):
        client.force_login(user)
        assert client.get(url).status_code == 404


@pytest.mark.rule("R-0-ROLE-1")
def test_berechtigung_vor_validierung(client_als, revision, fall_im_vollzug):
    url = reverse("vollzugsdaten:angaben", args=[fall_im_vollzug.pk])
    assert client_als(revision).post(url, {"angerechnete_tage": "x"}).status_code == 403


@pytest.mark.rule("R-VD-1", "R-0-BAD-1")
@pytest.mark.parametrize(
    ("daten", "meldung"),
    [
        (
            {"angerechnete_tage": "12", "anrechnung_beleg": "", "anderswo_tage": "0"},
            "Art. 51 StGB: nie geschätzt",
        ),
        ({"angerechnete_tage": "-1", "anderswo_tage": "0"}, "nicht negativ sein (Art. 51 StGB)"),
        ({"angerechnete_tage": "99999999999", "anderswo_tage": "0"}, "Höchstens 40000 Tage"),
        (
            {"angerechnete_tage": "1", "anrechnung_beleg": "x" * 201, "anderswo_tage": "0"},
            "höchstens 200 Zeichen",
        ),
    ],
)
def test_schlechte_eingaben_400_mit_artikel_ohne_datenverlust(
    client_als, sachbearbeitung, fall_im_vollzug, daten, meldung
):
    antwort = client_als(sachbearbeitung).post(
        reverse("vollzugsdaten:angaben", args=[fall_im_vollzug.pk]), daten
    )
    assert antwort.status_code == 400
    assert meldung in antwort.content.decode()
    assert not Strafzeitangaben.objects.filter(fall=fall_im_vollzug).exists()


@pytest.mark.rule("R-VD-1")
def test_angaben_speichern_zeigt_was_sich_geaendert_hat(client_als, sachbearbeitung, fall_im_vollzug):
    c = client_als(sachbearbeitung)
    assert c.get(reverse("vollzugsdaten:fall", args=[fall_im_vollzug.pk])).status_code == 200  # version 1
    url = reverse("vollzugsdaten:angaben", args=[fall_im_vollzug.pk])
    antwort = c.post(url, {"angerechnete_tage": "25", "anrechnung_beleg": "Ziff. 3", "anderswo_tage": "0"})
    assert antwort.status_code == 302
    inhalt = c.get(reverse("vollzugsdaten:fall", args=[fall_im_vollzug.pk])).content.decode()
    assert "Angerechnete Tage (Art. 51 StGB): 0 → 25." in inhalt and "16.09.2026" in inhalt


@pytest.mark.rule("R-STGB-86-2", "R-0-BAD-1")
def test_pruefungsseite_schritte_und_fehler_am_feld(client_als, sachbearbeitung, leitung_a, fall_im_vollzug):
    domain.aktuelle_berechnung(fall_im_vollzug)
    p = Entlassungspruefung.objects.get(fall=fall_im_vollzug)
    sb = client_als(sachbearbeitung)
    # Decision without report and hearing: refused, message next to the form, status 400.
    antwort = sb.post(
        reverse("vollzugsdaten:entscheid", args=[p.pk]),
        {"ergebnis": "verweigert", "begruendung": "Prognose."},
    )
    assert antwort.status_code == 400 and "Art. 86 Abs. 2 StGB" in antwort.content.decode()
    assert sb.post(reverse("vollzugsdaten:bericht_anfordern", args=[p.pk])).status_code == 302
    leitung = client_als(leitung_a)
    assert (
        leitung.post(reverse("vollzugsdaten:bericht", args=[p.pk]), {"bericht": "Gute Führung."}).status_code
        == 302
    )
    sb = client_als(sachbearbeitung)
    assert (
        sb.post(
            reverse("vollzugsdaten:anhoerung", args=[p.pk]),
            {"am": "2026-11-30T10:00", "aeusserung": "Wünscht Entlassung."},
        ).status_code
        == 302
    )
    antwort = sb.post(
        reverse("vollzugsdaten:entscheid", args=[p.pk]),
        {
            "ergebnis": "gewaehrt",
            "entlassung_am": "2026-10-11",
            "probezeit_jahre": "7",
            "begruendung": "Gut.",
        },
    )
    assert antwort.status_code == 400 and "Art. 87 Abs. 1 StGB" in antwort.content.decode()
    antwort = sb.post(
        reverse("vollzugsdaten:entscheid", args=[p.pk]),
        {
            "ergebnis": "gewaehrt",
            "entlassung_am": "2026-10-11",
            "probezeit_jahre": "2",
            "begruendung": "Gut.",
        },
    )
    assert antwort.status_code == 302
    p.refresh_from_db()
    assert p.verfuegung.typ == "bundesrecht"


@pytest.mark.rule("R-STGB-86-2", "R-0-FRIST-4")
def test_fristquellen_konstante_abfragen(
    django_assert_max_num_queries, sachbearbeitung, anstalt_a, personal_a
):
    for _ in range(3):
        f = fall_anlegen(durch=sachbearbeitung, monate=10, eingewiesen_in=anstalt_a)
        domain.aktuelle_berechnung(f)
        domain.massnahme_erfassen(
            fall=f,
            artikel="59",
            beginn=date(2025, 1, 1),
            beginn_begruendung="Vollzugsbefehl",
            durch=sachbearbeitung,
        )
    with django_assert_max_num_queries(2):
        eintraege = list(pruefungsfristen(sachbearbeitung, date(2026, 12, 1)))
    with django_assert_max_num_queries(2):
        massnahmen = list(massnahmenfristen(sachbearbeitung, date(2026, 12, 1)))
    assert len(eintraege) == 3 and eintraege[0].regel == "R-STGB-86-2"
    assert {e.regel for e in massnahmen} == {"R-STGB-62D-1", "R-STGB-MAX-1", "R-4-1"}
    assert pruefungsfristen(personal_a, date(2026, 12, 1)) == []
    assert "bedingte_entlassung_86" in erweiterungen.QUELLEN


@pytest.mark.rule("R-STGB-86-2")
def test_startkarte_ueberfaellige_pruefung(sachbearbeitung, leitung_a, fall_im_vollzug):
    # Due 11.07.2026 (three months before 11.10.2026): overdue on the machine's clock (December 2026).
    domain.aktuelle_berechnung(fall_im_vollzug)
    karten = erweiterungen.karten_fuer(sachbearbeitung)
    (karte,) = [k for k in karten if "Bedingte Entlassung" in k.text]
    assert karte.warnung and karte.zahl == 1 and "Art. 86 StGB" in karte.text
    assert not [k for k in erweiterungen.karten_fuer(leitung_a) if "Bedingte Entlassung" in k.text]
