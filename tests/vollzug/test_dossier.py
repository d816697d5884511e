"""The case as a dossier (issue 17, item 3): the case and person pages show every module's entries and a
chronological timeline through `kern.erweiterungen`; the lists filter by person and case; visibility is
unchanged (health content only for its roles, threat data never); the page's query count does not
grow with the rows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from bedrohung import domain as bm
from bedrohung.recht import Kanal, Urheberart
from disziplinar import domain as dz
from inkasso import domain as inkasso
from kern import erweiterungen
from kosten import domain as kosten
from tests.factories import fall_anlegen
from tests.inkasso.hilfen import daten as inkasso_daten
from ueberwachung import domain as ue
from verfuegungen import domain as vfg
from verfuegungen.recht import Verfuegungstyp
from vollzugsdaten import domain as vd
from vollzugsgestaltung import domain as vg
from vollzugsgestaltung.recht import Oeffnungsart, Vollzugsgrundlage

pytestmark = pytest.mark.django_db

GESUNDHEIT = "GESUNDHEITSMARKER-Haloperidol"
BEDROHUNG = "BEDROHUNGSMARKER-Parkplatz"


def _daten(titel):
    return vfg.Entwurfsdaten(
        titel=titel,
        rechtsgrundlage="§ 36 JVG",
        sachverhalt="Sachverhalt.",
        begruendung="Begründung.",
        dispositiv="1. Anordnung.",
    )


def _rapport(fall, personal, stunden=3):
    return dz.rapport_erfassen(
        fall=fall,
        tatzeit=timezone.now() - timedelta(hours=stunden),
        sachverhalt="Mobiltelefon in der Zelle gefunden.",
        delikte=[dz.DeliktDaten(tatbestand="j")],
        durch=personal,
    )


@pytest.fixture
def dossier(sachbearbeitung, anstalt_a, personal_a, leitung_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    versetzung = vfg.verfuegung_entwerfen(
        typ=Verfuegungstyp.ANDERE_KANTONAL,
        person=fall.person,
        fall=fall,
        daten=_daten("Verfügung über die Vollzugsform"),
        durch=sachbearbeitung,
    )
    medizin = vfg.verfuegung_entwerfen(
        typ=Verfuegungstyp.ZWANGSMEDIKATION_36,
        person=fall.person,
        fall=fall,
        daten=_daten(f"Zwangsmedikation {GESUNDHEIT}"),
        durch=sachbearbeitung,
    )
    rapport = _rapport(fall, personal_a)
    verfahren = dz.verfahren_eroeffnen(rapport=rapport, durch=leitung_a)
    bm.meldung_erfassen(
        vorfall_am=timezone.now() - timedelta(hours=2),
        ort="Werkstatt",
        kanal=Kanal.PERSOENLICH,
        wortlaut=f"Ich warte beim {BEDROHUNG} auf dich.",
        urheber_art=Urheberart.INSASSE,
        urheber_person=fall.person,
        betroffene="Aufseherin",
        durch=personal_a,
    )
    return {"fall": fall, "verfuegung": versetzung, "medizin": medizin, "verfahren": verfahren}


def _seite(client, name, pk) -> str:
    antwort = client.get(reverse(name, args=[pk]))
    assert antwort.status_code == 200
    return antwort.content.decode()


def test_fallseite_zeigt_verfuegungen_verfahren_und_chronologie(client_als, sachbearbeitung, dossier):
    fall, v = dossier["fall"], dossier["verfuegung"]
    inhalt = _seite(client_als(sachbearbeitung), "vollzug:fall_detail", fall.pk)
    assert v.nummer in inhalt and "Verfügung über die Vollzugsform" in inhalt and "Entwurf" in inhalt
    assert dossier["verfahren"].nummer in inhalt  # § 41 proceeding
    assert f"{reverse('verfuegungen:liste')}?fall={fall.pk}" in inhalt  # "alle anzeigen"
    assert f"{reverse('disziplinar:verfahren_liste')}?fall={fall.pk}" in inhalt
    assert "Chronologie" in inhalt and f"Verfügung {v.nummer} entworfen" in inhalt
    assert "Vollzugsauftrag eingegangen" in inhalt and "Einweisung" in inhalt
    assert f"Disziplinarverfahren {dossier['verfahren'].nummer} eröffnet" in inhalt


def test_chronologie_neuestes_zuerst(sachbearbeitung, dossier):
    from vollzug.zeitleiste import fuer_person

    ereignisse = fuer_person(dossier["fall"].person, sachbearbeitung, [dossier["fall"]])
    zeiten = [erweiterungen.sortierschluessel(e) for e in ereignisse]
    assert zeiten == sorted(zeiten, reverse=True) and len(ereignisse) >= 5


def test_personenseite_zeigt_das_dossier(client_als, sachbearbeitung, dossier):
    person = dossier["fall"].person
    inhalt = _seite(client_als(sachbearbeitung), "vollzug:person_detail", person.pk)
    assert dossier["verfuegung"].nummer in inhalt and dossier["verfahren"].nummer in inhalt
    assert f"{reverse('verfuegungen:liste')}?person={person.pk}" in inhalt
    assert "Chronologie" in inhalt and "Vollzugsauftrag eingegangen" in inhalt


@pytest.mark.parametrize(
    ("persona", "sieht_gesundheit"),
    [
        ("sachbearbeitung", True),
        ("leitung_a", False),
        ("personal_a", False),
        ("revision", False),
        ("bedrohung", False),
    ],
)
def test_sichtbarkeit_unveraendert(client_als, request, dossier, persona, sieht_gesundheit):
    """Health content only for its roles (§ 36 decision), threat data never — case page, person page and
    timeline alike."""
    client = client_als(request.getfixturevalue(persona))
    for name, pk in (
        ("vollzug:fall_detail", dossier["fall"].pk),
        ("vollzug:person_detail", dossier["fall"].person.pk),
    ):
        inhalt = _seite(client, name, pk)
        assert (GESUNDHEIT in inhalt) is sieht_gesundheit, (persona, name)
        assert BEDROHUNG not in inhalt, (persona, name)


def test_listen_filtern_nach_person_und_fall(
    client_als, sachbearbeitung, anstalt_a, personal_a, leitung_a, dossier
):
    anderer = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    andere_v = vfg.verfuegung_entwerfen(
        typ=Verfuegungstyp.ANDERE_KANTONAL,
        person=anderer.person,
        fall=anderer,
        daten=_daten("Andere Verfügung"),
        durch=sachbearbeitung,
    )
    anderes_verfahren = dz.verfahren_eroeffnen(rapport=_rapport(anderer, personal_a), durch=leitung_a)
    client = client_als(sachbearbeitung)
    fall = dossier["fall"]
    for parameter in (
        {"fall": fall.pk},
        {"person": fall.person.pk},
        {"person": fall.person.pk, "fall": fall.pk},
    ):
        inhalt = client.get(reverse("verfuegungen:liste"), parameter).content.decode()
        assert dossier["verfuegung"].nummer in inhalt and andere_v.nummer not in inhalt
        assert "Filter aufheben" in inhalt and fall.fallnummer in inhalt or fall.person.vorname in inhalt
        inhalt = client.get(reverse("disziplinar:verfahren_liste"), parameter).content.decode()
        assert dossier["verfahren"].nummer in inhalt and anderes_verfahren.nummer not in inhalt
    # Without a filter both are listed.
    inhalt = client.get(reverse("verfuegungen:liste")).content.decode()
    assert dossier["verfuegung"].nummer in inhalt and andere_v.nummer in inhalt


@pytest.mark.parametrize("wert", ["abc", "0", "-1", "99999999", "9" * 40, "1e3"])
def test_filter_unsinn_und_unbekannt_ergibt_leere_liste_kein_500(client_als, sachbearbeitung, dossier, wert):
    client = client_als(sachbearbeitung)
    for name in (
        "verfuegungen:liste",
        "disziplinar:verfahren_liste",
        "disziplinar:rapport_liste",
        "sicherheitsmassnahmen:liste",
        "zwang:liste",
        "zwangsmedizin:medikation_liste",
        "zwangsmedizin:hungerstreik_liste",
        "zwangsmassnahmen:haft_liste",
        "vollzug:gesuch14_liste",
    ):
        for parameter in ("person", "fall"):
            antwort = client.get(reverse(name), {parameter: wert})
            assert antwort.status_code == 200, (name, parameter)
            inhalt = antwort.content.decode()
            assert "nicht vorhanden oder für Sie nicht sichtbar" in inhalt, (name, parameter)
            assert dossier["verfuegung"].nummer not in inhalt


def test_filter_auf_unsichtbare_person_zeigt_nichts(client_als, sachbearbeitung, personal_b, dossier):
    """Staff of another facility do not see the person: the filter discloses neither name nor rows."""
    antwort = client_als(personal_b).get(
        reverse("disziplinar:rapport_liste"), {"person": dossier["fall"].person.pk}
    )
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    assert dossier["fall"].person.amtlicher_name not in inhalt
    assert "nicht vorhanden oder für Sie nicht sichtbar" in inhalt


def _weitere_module(fall, i, sachbearbeitung, leitung_a):
    """One row each in the modules that joined the timeline later (issue 17): costs, Inkasso, openings,
    Vollzugsdaten and Überwachung (a recording, a hold and an ED measure)."""
    jetzt = timezone.now()
    kosten.kostenposition_erfassen(
        fall=fall,
        kategorie="47b",
        datum=timezone.localdate(),
        bezeichnung=f"Medikamente {i}",
        betrag=Decimal("10.00"),
        beleg=ContentFile(b"Beleg", name="beleg.pdf"),
        durch=sachbearbeitung,
    )
    inkasso.forderung_erfassen(
        person=fall.person, fall=fall, daten=inkasso_daten("busse"), durch=sachbearbeitung
    )
    vg.oeffnung_beantragen(
        fall=fall,
        art=Oeffnungsart.AUSGANG,
        grundlage=Vollzugsgrundlage.FREIHEITSSTRAFE,
        von=jetzt + timedelta(days=2 + 3 * i),
        bis=jetzt + timedelta(days=3 + 3 * i),
        begruendung="Ausgang gemäss Vollzugsplan.",
        durch=leitung_a,
    )
    vd.massnahme_erfassen(
        fall=fall,
        artikel="59",
        beginn=date(2024, 3, 1),
        beginn_begruendung="Vollzugsbefehl",
        durch=sachbearbeitung,
    )
    beginn = jetzt - timedelta(hours=1 + i)
    aufnahme = ue.telefonaufzeichnung_erfassen(
        person=fall.person,
        nummer="079 123 45 67",
        beginn=beginn,
        ende=beginn + timedelta(minutes=5),
        datei=ContentFile(b"OggS-demo", name="gespraech.ogg"),
        durch=leitung_a,
    )
    ue.beizug_erfassen(
        aufzeichnung=aufnahme,
        verfahrensart="strafverfahren",
        referenz="ST 1",
        behoerde="StA",
        durch=sachbearbeitung,
    )
    ue.ed_anordnen(
        person=fall.person,
        art="fotografien",
        durchgefuehrt_am=timezone.localdate(),
        dateien=[ContentFile(b"\xff\xd8\xff-jpeg", name="foto.jpg")],
        durch=leitung_a,
    )


@pytest.mark.parametrize("zeilen", [1, 8])
def test_fallseite_konstante_abfragen_mit_vielen_eintraegen(
    client_als, sachbearbeitung, personal_a, leitung_a, dossier, zeilen, django_assert_max_num_queries
):
    """More Verfügungen, reports, proceedings, costs, claims, openings, measures, recordings and ED
    measures do not add queries (budget of tests/vollzug/test_ui.py)."""
    fall = dossier["fall"]
    for i in range(zeilen):
        vfg.verfuegung_entwerfen(
            typ=Verfuegungstyp.ANDERE_KANTONAL,
            person=fall.person,
            fall=fall,
            daten=_daten(f"V {i}"),
            durch=sachbearbeitung,
        )
        dz.verfahren_eroeffnen(rapport=_rapport(fall, personal_a, stunden=4 + i), durch=leitung_a)
        _weitere_module(fall, i, sachbearbeitung, leitung_a)
    client = client_als(sachbearbeitung)
    client.get(reverse("vollzug:fall_detail", args=[fall.pk]))  # warm the content-type cache
    with django_assert_max_num_queries(FALLSEITE_BUDGET):
        antwort = client.get(reverse("vollzug:fall_detail", args=[fall.pk]))
    assert antwort.status_code == 200
    inhalt = antwort.content.decode()
    for text in (
        "Kosten erfasst: Medikamente 0",
        "Forderung",
        "Ausgang (Art. 84",
        "Massnahme begonnen",
        "beigezogen: Strafverfahren",
        "Erkennungsdienstliche Massnahme",
    ):
        assert text in inhalt, text


# The pages with rows in every module (measured: 58 and 39, the same with 1 and 8 rows): the page's own
# queries, the module blocks (with rows some load a second or third table) and the timeline — a bounded
# number of queries per source, the `Zeilen` of costs, Inkasso, openings, Vollzugsdaten and Überwachung
# in one query together — none per row.
FALLSEITE_BUDGET = 60
PERSONENSEITE_BUDGET = 39  # 30 + the person blocks of §§ 14, 25–32 (4), 31, 33, 34–39 (2)


@pytest.mark.parametrize("zeilen", [1, 8])
def test_personenseite_konstante_abfragen_mit_vielen_eintraegen(
    client_als, sachbearbeitung, personal_a, leitung_a, dossier, zeilen, django_assert_max_num_queries
):
    """The person page's blocks and timeline: the same number of queries with 1 or 8 rows per module."""
    fall = dossier["fall"]
    for i in range(zeilen):
        dz.verfahren_eroeffnen(rapport=_rapport(fall, personal_a, stunden=4 + i), durch=leitung_a)
        _weitere_module(fall, i, sachbearbeitung, leitung_a)
    client = client_als(sachbearbeitung)
    url = reverse("vollzug:person_detail", args=[fall.person.pk])
    client.get(url)  # warm the content-type cache
    with django_assert_max_num_queries(PERSONENSEITE_BUDGET):
        antwort = client.get(url)
    assert antwort.status_code == 200
    assert f"Medikamente {zeilen - 1}" in antwort.content.decode()


def test_api_listen_filtern_nach_person_und_fall(sachbearbeitung, anstalt_a, personal_a, leitung_a, dossier):
    from rest_framework.test import APIClient

    anderer = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    anderes = dz.verfahren_eroeffnen(rapport=_rapport(anderer, personal_a), durch=leitung_a)
    client = APIClient()
    client.force_authenticate(sachbearbeitung)
    fall = dossier["fall"]
    for pfad, erwartet, fremd in (
        ("/api/v1/verfuegungen/", dossier["verfuegung"].pk, None),
        ("/api/v1/disziplinar/verfahren/", dossier["verfahren"].pk, anderes.pk),
    ):
        for parameter in ({"fall": fall.pk}, {"person": fall.person.pk}):
            antwort = client.get(pfad, parameter)
            assert antwort.status_code == 200, (pfad, antwort.content)
            ids = {zeile["id"] for zeile in antwort.json()["results"]}
            assert erwartet in ids and fremd not in ids
        assert client.get(pfad, {"fall": "abc"}).status_code == 400
    for pfad in (
        "/api/v1/zwang/protokolle/",
        "/api/v1/sicherheitsmassnahmen/",
        "/api/v1/zwangsmassnahmen/sicherheitshaften/",
        "/api/v1/zwangsmedikationen/",
        "/api/v1/hungerstreiks/",
    ):
        assert client.get(pfad, {"person": fall.person.pk, "fall": fall.pk}).status_code == 200, pfad
        assert client.get(pfad, {"person": "abc"}).status_code == 400, pfad
