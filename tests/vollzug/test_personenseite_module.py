"""The person page as the whole dossier (issue 17, item 3): the blocks of § 31 (sicherheitsmassnahmen),
§ 33 (zwang), §§ 34–39 (zwangsmedizin), §§ 25, 26, 28, 32 (zwangsmassnahmen) and § 14 (aufschub) through
`kern.erweiterungen.personenblock`. Each block lists current items first (active measure, open request,
pending review) and then a short history, links to the detail pages, is shown only to the roles that see
the module (the module's own `…_fuer_user`), never shows another person's items, and costs a fixed
number of queries whatever the number of rows."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aufschub import domain as aufschub
from aufschub.recht import Gesuchsart, Gesuchsgrund
from kern import erweiterungen
from sicherheitsmassnahmen import domain as sm
from sicherheitsmassnahmen.recht import Massnahmenart, Risiko
from tests.factories import fall_anlegen
from verfuegungen.recht import Anhoerungsart, EroeffnungArt
from vollzug import domain as vollzug
from vollzug.models import Sanktion, Zuteilung
from zwang import domain as zwang
from zwang.recht import Arztkontrolle, Einsatzfunktion, Subsidiaritaet, Verletzung, Zwangsmittel
from zwangsmassnahmen import domain as zm
from zwangsmassnahmen.recht import Haftvariante
from zwangsmedizin.domain import ernaehrung, medikation

pytestmark = pytest.mark.django_db

MEDIKAMENT = "GESUNDHEITSMARKER-Olanzapin"

ANKER = {
    "31": "sicherheitsmassnahmen-dossier",
    "33": "zwang-dossier",
    "34": "zwangsmedizin-dossier",
    "25": "zwangsmassnahmen-dossier",
    "14": "aufschub-dossier",
}


def _zuteilen(arzt, person):
    from kern.audit import speichern

    speichern(Zuteilung(benutzer=arzt, person=person), durch=arzt)


def _massnahme(fall, personal, leitung, *, aktiv=True):
    m = sm.massnahme_beantragen(
        fall=fall,
        art=Massnahmenart.ABSONDERUNG,
        risiken=[Risiko.FREMDGEFAEHRDUNG],
        sachverhalt="Griff am Morgen einen Mitgefangenen mit einer Gabel an.",
        begruendung="Gespräch und Verwarnung blieben ohne Wirkung.",
        durch=personal,
    )
    if aktiv:
        gehoer = sm.Gehoer(art=Anhoerungsart.VERZICHT, text="Verzichtet auf eine Stellungnahme.")
        sm.massnahme_genehmigen(massnahme=m, durch=leitung, kommentar="Angeordnet.", gehoer=gehoer)
        m.refresh_from_db()
        from verfuegungen import domain as vfg

        vfg.eroeffnen(verfuegung=m.verfuegung, art=EroeffnungArt.EINSCHREIBEN, durch=leitung)
    m.refresh_from_db()
    return m


def _protokoll(fall, autor, stunden=2):
    beginn = timezone.now() - timedelta(hours=stunden)
    p = zwang.protokoll_erfassen(
        fall=fall,
        daten=zwang.ProtokollDaten(
            beginn=beginn,
            ende=beginn + timedelta(minutes=8),
            ort="Wohngruppe B, Korridor",
            anlass="Die Person schlug mit einem Stuhl gegen die Tür des Stationsbüros.",
            zweck_a=True,
            subsidiaritaet=Subsidiaritaet.VERSAGT,
            mildere_massnahmen="Zweimalige mündliche Aufforderung.",
            mittel=[Zwangsmittel.FESTHALTEN],
            mittel_beschreibung="Festhalten an beiden Armen (4 Minuten).",
            verletzung_person=Verletzung.KEINE,
            verletzung_personal=Verletzung.KEINE,
            verletzung_dritte=Verletzung.KEINE,
            arztkontrolle=Arztkontrolle.DURCHGEFUEHRT,
            arztkontrolle_am=beginn + timedelta(minutes=30),
            arztkontrolle_durch="Gesundheitsdienst (Pflege)",
            aufnahmen="",
        ),
        beteiligte=[zwang.BeteiligungDaten(benutzer=autor, funktion=Einsatzfunktion.AUSFUEHREND)],
        durch=autor,
    )
    return zwang.protokoll_einreichen(protokoll=p, durch=autor)


def _medikation(fall, arzt, medikament=MEDIKAMENT):
    return medikation.antrag_stellen(
        fall=fall,
        daten=medikation.Medikationsdaten(
            art="ordentlich",
            bericht="Akute Psychose, Fremdaggression.",
            medikament=medikament,
            dosierung="5 mg i.m.",
            geplante_dauer="7 Tage",
            freiwillige_massnahmen="Orale Medikation angeboten und abgelehnt.",
            grund="b",
        ),
        durch=arzt,
    )


def _haft(fall, sb, anstalt, stunden=6):
    return zm.sicherheitshaft_anordnen(
        fall=fall,
        daten=zm.HaftDaten(
            variante=Haftvariante.EIGENE_ANORDNUNG,
            verfahren_art="rueckversetzung",
            verfahren_referenz="KG 26 100",
            wahrscheinlichkeit="Neue einschlägige Straftat während der Probezeit.",
            grund_flucht=True,
            festnahme_am=timezone.now() - timedelta(hours=stunden),
            anstalt=anstalt,
        ),
        durch=sb,
    )


def _gesuch(fall, sb, tage=14):
    heute = timezone.localdate()
    return aufschub.gesuch_erfassen(
        fall=fall,
        sanktion=Sanktion.objects.filter(entscheid__fall=fall).first(),
        art=Gesuchsart.UNTERBRECHUNG,
        grund=Gesuchsgrund.B,
        eingereicht_am=heute,
        begehrt_von=heute + timedelta(days=tage),
        begehrt_bis=heute + timedelta(days=tage + 20),
        begruendung="Beerdigung des Vaters im Ausland.",
        durch=sb,
    )


def _alles(fall, *, sb, personal, leitung, arzt, anstalt, n=1):
    """n items of every module for the person of `fall` (each kind built through its domain function)."""
    _zuteilen(arzt, fall.person)
    objekte = {"31": [], "33": [], "34": [], "39": [], "25": [], "14": []}
    for i in range(n):
        objekte["31"].append(_massnahme(fall, personal, leitung, aktiv=i == 0))
        objekte["33"].append(_protokoll(fall, personal, stunden=2 + i))
        objekte["34"].append(_medikation(fall, arzt))
        objekte["25"].append(_haft(fall, sb, anstalt, stunden=6 + i))
        objekte["14"].append(_gesuch(fall, sb, tage=14 + 30 * i))
    objekte["39"].append(
        ernaehrung.hungerstreik_erfassen(fall=fall, beginn=timezone.now() - timedelta(days=2), durch=arzt)
    )
    return objekte


@pytest.fixture
def dossier(sachbearbeitung, anstalt_a, personal_a, leitung_a, medizin):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    anderer = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    kw = {
        "sb": sachbearbeitung,
        "personal": personal_a,
        "leitung": leitung_a,
        "arzt": medizin,
        "anstalt": anstalt_a,
    }
    return {"fall": fall, "eigene": _alles(fall, **kw), "anderer": anderer, "fremde": _alles(anderer, **kw)}


def _seite(client, person) -> str:
    antwort = client.get(reverse("vollzug:person_detail", args=[person.pk]))
    assert antwort.status_code == 200
    return antwort.content.decode()


def _block(html: str, anker: str) -> str | None:
    """The HTML of one module block of the page, or None when the page has none."""
    treffer = re.search(rf'<section class="block" id="{anker}".*?</section>', html, re.S)
    return treffer.group(0) if treffer else None


def _aktuell(block: str) -> str:
    """The "Aktuell" part of a block (before the history)."""
    return block.split("<h3>Verlauf</h3>")[0]


# --- shown with content for an entitled role; current items first; links to the detail pages -------------


@pytest.mark.rule("R-31-5")
def test_block_31_aktive_massnahme_mit_ueberpruefung_und_offener_antrag(
    client_als, personal_a, leitung_a, dossier
):
    aktiv, *_ = dossier["eigene"]["31"]
    offen = _massnahme(dossier["fall"], personal_a, leitung_a, aktiv=False)
    abgelehnt = _massnahme(dossier["fall"], personal_a, leitung_a, aktiv=False)
    sm.massnahme_ablehnen(massnahme=abgelehnt, durch=leitung_a, kommentar="Mildere Mittel genügen.")
    block = _block(_seite(client_als(leitung_a), dossier["fall"].person), ANKER["31"])
    assert block is not None and "Besondere Sicherheitsmassnahmen (§ 31 JVG)" in block
    aktuell = _aktuell(block)
    assert aktiv.nummer in aktuell and offen.nummer in aktuell
    assert "nächste Überprüfung" in aktuell and "§ 31 Abs. 5 JVG" in aktuell
    assert (
        f"{aktiv.naechste_ueberpruefung_am.astimezone(timezone.get_current_timezone()):%d.%m.%Y %H:%M}"
        in aktuell
    )
    assert "Beantragt – Entscheid der Anstaltsleitung ausstehend" in aktuell
    # The rejected request is history, below the current ones.
    assert abgelehnt.nummer not in aktuell and abgelehnt.nummer in block.split("<h3>Verlauf</h3>")[1]
    assert reverse("sicherheitsmassnahmen:detail", args=[aktiv.pk]) in block
    assert f"{reverse('sicherheitsmassnahmen:liste')}?person={dossier['fall'].person.pk}" in block


@pytest.mark.rule("R-33-1")
def test_block_33_pruefung_und_stellungnahmen_offen(client_als, leitung_a, dossier):
    p = dossier["eigene"]["33"][0]
    block = _block(_seite(client_als(leitung_a), dossier["fall"].person), ANKER["33"])
    aktuell = _aktuell(block)
    assert p.nummer in aktuell and "eingereicht, Prüfung offen (§ 33 Abs. 4 JVG)" in aktuell
    assert "1 Stellungnahme offen" in aktuell
    assert reverse("zwang:detail", args=[p.pk]) in block


@pytest.mark.rule("R-33-1", "R-22-1")
def test_block_33_fuer_die_aerztin_nur_der_medizinische_teil(client_als, medizin, dossier):
    block = _block(_seite(client_als(medizin), dossier["fall"].person), ANKER["33"])
    assert dossier["eigene"]["33"][0].nummer in block
    assert "Prüfung offen" not in block and "Stellungnahme" not in block


@pytest.mark.rule("R-36-1", "R-22-1")
@pytest.mark.parametrize(
    ("persona", "mit_inhalt"),
    [("sachbearbeitung", True), ("medizin", True), ("leitung_a", False), ("revision", False)],
)
def test_block_34_39_gesundheitsdaten_nur_fuer_ihre_rollen(client_als, request, dossier, persona, mit_inhalt):
    """Roles table: the authority and the assigned physician read the drug; the facility management and
    the auditors see only that a request exists and its state."""
    block = _block(_seite(client_als(request.getfixturevalue(persona)), dossier["fall"].person), ANKER["34"])
    m = dossier["eigene"]["34"][0]
    aktuell = _aktuell(block)
    assert "Beantragt (Entscheid der Behörde offen)" in aktuell and "Hungerstreik (§ 39 JVG)" in aktuell
    assert reverse("zwangsmedizin:medikation_detail", args=[m.pk]) in aktuell
    assert (MEDIKAMENT in block) is mit_inhalt


@pytest.mark.rule("R-25-2")
def test_block_25_haft_mit_antragsfrist(client_als, sachbearbeitung, dossier):
    h = dossier["eigene"]["25"][0]
    block = _block(_seite(client_als(sachbearbeitung), dossier["fall"].person), ANKER["25"])
    aktuell = _aktuell(block)
    assert f"Sicherheitshaft {h.nummer}" in aktuell and "(§ 25 JVG)" in aktuell
    assert (
        f"Verlängerungsantrag bis {timezone.localtime(h.frist_ende):%d.%m.%Y %H:%M} (§ 25 Abs. 2 JVG)"
        in aktuell
    )
    assert reverse("zwangsmassnahmen:haft_detail", args=[h.pk]) in block


@pytest.mark.rule("R-14-1")
def test_block_14_offenes_gesuch(client_als, sachbearbeitung, dossier):
    g = dossier["eigene"]["14"][0]
    block = _block(_seite(client_als(sachbearbeitung), dossier["fall"].person), ANKER["14"])
    aktuell = _aktuell(block)
    assert "Gesuch um Unterbrechung" in aktuell and "Eingereicht (§ 14 JVG)" in aktuell
    assert f"begehrt {g.begehrt_von:%d.%m.%Y}–{g.begehrt_bis:%d.%m.%Y}" in aktuell
    assert reverse("vollzug:gesuch14_detail", args=[g.pk]) in block
    # No ground (lit. a is health data) and no certificate on the person page.
    assert "lit. b" not in block and "Beerdigung" not in block


def test_alle_anzeigen_14_filtert_nach_person(client_als, sachbearbeitung, dossier):
    """The block's "alle anzeigen": the § 14 list of this person only."""
    person = dossier["fall"].person
    seite = client_als(sachbearbeitung).get(reverse("vollzug:gesuch14_liste"), {"person": person.pk})
    assert [g.pk for g in seite.context["seite"].object_list] == [g.pk for g in dossier["eigene"]["14"]]
    assert "Filter aufheben" in seite.content.decode()


# --- absent for a role that may not see the module --------------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1", "R-22-1")
def test_ohne_modulrecht_kein_block(client_als, personal_a, bedrohung, medizin, dossier):
    person = dossier["fall"].person
    # Staff: no §§ 34–39 (health); the threat team and the physician: no §§ 25–32.
    seite = _seite(client_als(personal_a), person)
    assert _block(seite, ANKER["34"]) is None and MEDIKAMENT not in seite
    assert _block(seite, ANKER["31"]) is not None  # …while the facility's own measures are shown
    assert _block(_seite(client_als(bedrohung), person), ANKER["25"]) is None
    assert _block(_seite(client_als(medizin), person), ANKER["25"]) is None


@pytest.mark.rule("R-0-ROLE-1", "R-20-1")
def test_nach_versetzung_sieht_das_personal_der_neuen_einrichtung_die_alten_eintraege_nicht(
    client_als, sachbearbeitung, personal_b, anstalt_b, dossier
):
    """Staff of the receiving facility see the person, but not the § 31, § 33, § 28/§ 32 records of the
    facility the person came from (their visibility is bound to the facility)."""
    vollzug.versetzen(
        fall=dossier["fall"], anstalt=anstalt_b, am=timezone.now(), grund="e", durch=sachbearbeitung
    )
    seite = _seite(client_als(personal_b), dossier["fall"].person)
    for modul in ("31", "33"):
        assert _block(seite, ANKER[modul]) is None, modul
    for m in dossier["eigene"]["31"]:
        assert m.nummer not in seite


@pytest.mark.rule("R-0-ROLE-1")
def test_14_wer_den_fall_nicht_sieht_sieht_keine_gesuche(personal_b, partner, dossier):
    from aufschub.contributions import personenblock

    for user in (personal_b, partner):
        assert personenblock(dossier["fall"].person, user) is None


# --- another person's items never -------------------------------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize("persona", ["sachbearbeitung", "leitung_a"])
def test_nie_eintraege_einer_anderen_person(client_als, request, dossier, persona):
    seite = _seite(client_als(request.getfixturevalue(persona)), dossier["fall"].person)
    fremde = dossier["fremde"]
    for objekt in (*fremde["31"], *fremde["33"], *fremde["25"]):
        assert objekt.nummer not in seite
    for name, objekte in (
        ("zwangsmedizin:medikation_detail", fremde["34"]),
        ("zwangsmedizin:hungerstreik_detail", fremde["39"]),
        ("vollzug:gesuch14_detail", fremde["14"]),
        ("sicherheitsmassnahmen:detail", fremde["31"]),
    ):
        for objekt in objekte:
            assert reverse(name, args=[objekt.pk]) not in seite, name
    # …and each of the five blocks is there with the person's own items.
    for anker in ANKER.values():
        assert _block(seite, anker) is not None, anker


# --- history is short; more rows do not cost more queries --------------------------------------------------


def test_verlauf_ist_kurz_und_aktuelles_steht_oben():
    jetzt = timezone.now()
    zeilen = [
        erweiterungen.Dossierzeile(f"alt {i}", "/x/", "beendet", jetzt - timedelta(days=i)) for i in range(8)
    ] + [erweiterungen.Dossierzeile("offen alt", "/y/", "offen", date(2020, 1, 1), offen=True)]
    block = erweiterungen.dossierblock("T", "t", zeilen)
    assert [z.text for z in block["aktuell"]] == ["offen alt"]
    assert [z.text for z in block["verlauf"]] == [f"alt {i}" for i in range(erweiterungen.DOSSIER_VERLAUF)]
    assert block["mehr"] is True
    assert erweiterungen.dossierblock("T", "t", []) is None


def _abfragen(client, person) -> int:
    client.get(reverse("vollzug:person_detail", args=[person.pk]))  # warm the content-type cache
    with CaptureQueriesContext(connection) as erfasst:
        antwort = client.get(reverse("vollzug:person_detail", args=[person.pk]))
    assert antwort.status_code == 200
    return len(erfasst.captured_queries)


@pytest.mark.parametrize("persona", ["sachbearbeitung", "leitung_a"])
def test_personenseite_konstante_abfragen_mit_zeilen_in_jedem_modul(
    client_als, request, sachbearbeitung, anstalt_a, personal_a, leitung_a, medizin, persona
):
    """The person page with one row in every module and with four: the same number of queries (each
    block reads a fixed number of queries, the timeline one per source)."""
    kw = {
        "sb": sachbearbeitung,
        "personal": personal_a,
        "leitung": leitung_a,
        "arzt": medizin,
        "anstalt": anstalt_a,
    }
    eins = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    _alles(eins, **kw)
    viele = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    _alles(viele, n=4, **kw)
    client = client_als(request.getfixturevalue(persona))
    wenige = _abfragen(client, eins.person)
    assert _abfragen(client, viele.person) == wenige
    assert wenige <= 70
