"""The application to the court (§ 4 Abs. 1 JVG, R-4-1): the letter as PDF, and the effect of the
court's answer on a change application (Art. 62c, 63a, 65 StGB)."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from vollzugsdaten import domain
from vollzugsdaten.domain import antragsschreiben as schreiben
from vollzugsdaten.models import Massnahme
from vollzugsdaten.recht import Antragsart, Antwort, Entscheidfolge
from vollzugsdaten.recht import Massnahmenartikel as A


def _text(pdf: bytes) -> str:
    # pypdf may break a line anywhere; compare with single spaces.
    return " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _antrag(fall, sb, *, artikel=A.ART_59, art=Antragsart.VERLAENGERUNG, jahre=3, gericht=None):
    m = domain.massnahme_erfassen(
        fall=fall, artikel=artikel, beginn=date(2022, 1, 1), beginn_begruendung="Vollzugsbefehl", durch=sb
    )
    a = domain.antrag_einreichen(
        massnahme=m,
        art=art,
        gericht=gericht or "Kriminalgericht des Kantons Luzern",
        antrag="Die Therapie zeigt Fortschritte.\n\nDie Legalprognose ist noch ungünstig.",
        akten="Urteil mit Anordnung der Massnahme\nVollzugsbericht der Einrichtung vom 01.05.2026\nGutachten",
        eingereicht_am=date(2026, 6, 1),
        verlaengerung_jahre=jahre if art == Antragsart.VERLAENGERUNG else None,
        durch=sb,
    )
    return m, a


# --- Declension ----------------------------------------------------------------------------------


@pytest.mark.rule("R-4-1")
@pytest.mark.parametrize(
    ("gericht", "akkusativ", "dativ"),
    [
        (
            "Kriminalgericht des Kantons Luzern",
            "das Kriminalgericht des Kantons Luzern",
            "dem Kriminalgericht des Kantons Luzern",
        ),
        ("Bezirksgericht  Kriens", "das Bezirksgericht Kriens", "dem Bezirksgericht Kriens"),
        ("Das Obergericht", "das Obergericht", "dem Obergericht"),
        ("Die 2. Strafkammer", "die 2. Strafkammer", "der 2. Strafkammer"),
        ("2. Abteilung", "die 2. Abteilung", "der 2. Abteilung"),
        ("Das Tribunal cantonal", "das Tribunal cantonal", "dem Tribunal cantonal"),
        (
            "Strafkammer des Kantonsgerichts",
            "die Strafkammer des Kantonsgerichts",
            "der Strafkammer des Kantonsgerichts",
        ),
        ("Der Kassationshof", "den Kassationshof", "dem Kassationshof"),
        ("Tribunal cantonal", "Tribunal cantonal", "Tribunal cantonal"),
    ],
)
def test_gericht_richtig_dekliniert(gericht, akkusativ, dativ):
    name = schreiben.gericht_dekliniert(gericht)
    assert (name.akkusativ, name.dativ) == (akkusativ, dativ)


@pytest.mark.rule("R-4-1")
def test_person_nach_betreffend_im_akkusativ(fall_im_vollzug):
    p = fall_im_vollzug.person
    p.geschlecht = "1"
    assert schreiben.person_bezeichnung(p) == f"Herrn {p.vorname} {p.amtlicher_name}"
    p.geschlecht = "2"
    assert schreiben.person_bezeichnung(p) == f"Frau {p.vorname} {p.amtlicher_name}"
    p.geschlecht = "3"
    assert schreiben.person_bezeichnung(p) == f"{p.vorname} {p.amtlicher_name}"


# --- The letter ----------------------------------------------------------------------------------


@pytest.mark.rule("R-4-1", "R-STGB-MAX-1")
def test_antragsschreiben_enthaelt_die_pflichtteile(fall_im_vollzug, sachbearbeitung):
    m, a = _antrag(fall_im_vollzug, sachbearbeitung)
    p = fall_im_vollzug.person
    text = _text(schreiben.antrag_pdf(a))
    assert "An das Kriminalgericht des Kantons Luzern" in text
    assert "dem Kriminalgericht des Kantons Luzern folgenden Antrag" in text
    anrede = "Herrn" if p.geschlecht == "1" else "Frau"
    assert f"betreffend {anrede} {p.vorname} {p.amtlicher_name}" in text
    assert f"geb. {p.geburtsdatum:%d.%m.%Y}" in text and fall_im_vollzug.fallnummer in text
    # Art. 59 from 01.01.2022: five years, the last day 31.12.2026 (Art. 59 Abs. 4 StGB).
    assert "seit 01.01.2022" in text and "Art. 59 Abs. 4 StGB; endet am 31.12.2026" in text
    assert (
        "Die stationäre therapeutische Massnahme zur Behandlung psychischer Störungen (Art. 59 StGB) "
        "sei um 3 Jahre zu verlängern (Art. 59 Abs. 4 StGB)." in text
    )
    assert "§ 4 Abs. 1 JVG" in text and "Die Legalprognose ist noch ungünstig." in text
    beilagen = text[text.index("Beilagen") :]
    for beilage in ("Urteil mit Anordnung der Massnahme", "Vollzugsbericht der Einrichtung vom 01.05.2026"):
        assert beilage in beilagen
    assert "Luzern, 01.06.2026" in text


@pytest.mark.rule("R-4-1")
@pytest.mark.parametrize(
    ("art", "artikel", "begehren"),
    [
        (
            Antragsart.AENDERUNG,
            A.ART_63,
            "Über die Aufhebung oder Änderung der ambulanten Behandlung",
        ),
        (Antragsart.NACHTRAEGLICH, A.ART_64, "Zur Verwahrung (Art. 64 StGB) sei ein anderer nachträglicher"),
    ],
)
def test_rechtsbegehren_je_antragsart(fall_im_vollzug, sachbearbeitung, art, artikel, begehren):
    _m, a = _antrag(fall_im_vollzug, sachbearbeitung, artikel=artikel, art=art)
    text = _text(schreiben.antrag_pdf(a))
    assert begehren in text
    if artikel == A.ART_64:
        assert "keine (Verwahrung, Art. 64 StGB" in text


@pytest.mark.rule("R-4-1")
def test_rechtsbegehren_dekliniert_die_massnahme(fall_im_vollzug, sachbearbeitung):
    _m, a = _antrag(fall_im_vollzug, sachbearbeitung, artikel=A.ART_63, art=Antragsart.AENDERUNG)
    assert schreiben.rechtsbegehren(a) == (
        "Über die Aufhebung oder Änderung der ambulanten Behandlung (Art. 63 StGB) sei nachträglich zu "
        "entscheiden (Art. 62c, 63a StGB)."
    )


@pytest.mark.rule("R-4-1", "R-0-ROLE-1")
def test_pdf_herunterladen_seite_und_api(client_als, sachbearbeitung, revision, leitung_a, fall_im_vollzug):
    m, a = _antrag(fall_im_vollzug, sachbearbeitung)
    url = reverse("vollzugsdaten:antrag_pdf", args=[a.pk])
    antwort = client_als(sachbearbeitung).get(url)
    assert antwort.status_code == 200 and antwort["Content-Type"] == "application/pdf"
    assert "no-store" in antwort["Cache-Control"]
    assert antwort.content.startswith(b"%PDF")
    assert client_als(revision).get(url).status_code == 200
    assert client_als(leitung_a).get(url).status_code == 403
    seite = client_als(sachbearbeitung).get(reverse("vollzugsdaten:fall", args=[fall_im_vollzug.pk]))
    assert url in seite.content.decode()
    seite = client_als(leitung_a).get(reverse("vollzugsdaten:fall", args=[fall_im_vollzug.pk]))
    assert seite.status_code == 200 and url not in seite.content.decode()
    api = APIClient()
    api.force_authenticate(sachbearbeitung)
    pfad = f"/api/v1/vollzugsdaten/massnahmen/{m.pk}/antraege/{a.pk}/pdf/"
    antwort = api.get(pfad, HTTP_ACCEPT="application/pdf")
    assert antwort.status_code == 200 and antwort.content.startswith(b"%PDF")
    assert "Kriminalgericht" in _text(antwort.content)
    assert api.get(f"/api/v1/vollzugsdaten/massnahmen/{m.pk}/antraege/{a.pk + 999}/pdf/").status_code == 404
    api.force_authenticate(leitung_a)
    assert api.get(pfad).status_code == 403


# --- The court's answer on a change application ----------------------------------------------------


@pytest.mark.rule("R-4-1")
def test_aufhebung_beendet_die_massnahme_und_ihre_fristen(fall_im_vollzug, sachbearbeitung):
    m, a = _antrag(fall_im_vollzug, sachbearbeitung, art=Antragsart.AENDERUNG)
    assert domain.termine(m)
    kw = dict(antrag=a, antwort=Antwort.GUTGEHEISSEN, am=date(2026, 9, 1), text="Aufgehoben.")
    with pytest.raises(ValidationError, match="Art. 62c, 63a, 65 StGB"):
        domain.antwort_erfassen(durch=sachbearbeitung, **kw)
    with pytest.raises(ValidationError, match="Art. 62c, 63a, 65 StGB"):
        domain.antwort_erfassen(folge="irgendwas", durch=sachbearbeitung, **kw)
    a = domain.antwort_erfassen(folge=Entscheidfolge.AUFGEHOBEN, durch=sachbearbeitung, **kw)
    m.refresh_from_db()
    assert m.beendet_am == date(2026, 9, 1) and domain.termine(m) == []
    assert a.folge == Entscheidfolge.AUFGEHOBEN and a.neue_massnahme is None
    assert m.history.first().history_user == sachbearbeitung
    assert "aufgehoben" in m.history.first().history_change_reason


@pytest.mark.rule("R-4-1")
def test_ersetzung_oeffnet_die_neue_massnahme(fall_im_vollzug, sachbearbeitung):
    m, a = _antrag(fall_im_vollzug, sachbearbeitung, art=Antragsart.AENDERUNG)
    kw = dict(antrag=a, antwort=Antwort.TEILWEISE, am=date(2026, 9, 1), text="")
    with pytest.raises(ValidationError, match="neue Massnahme angeben"):
        domain.antwort_erfassen(folge=Entscheidfolge.ERSETZT, durch=sachbearbeitung, **kw)
    a = domain.antwort_erfassen(
        folge=Entscheidfolge.ERSETZT, neue_massnahme=A.ART_64, durch=sachbearbeitung, **kw
    )
    m.refresh_from_db()
    neu = Massnahme.objects.get(pk=a.neue_massnahme_id)
    assert m.beendet_am == date(2026, 9, 1) and domain.termine(m) == []
    assert (neu.artikel, neu.beginn, neu.fall_id) == (A.ART_64, date(2026, 9, 1), m.fall_id)
    # The new measure's own deadlines: Verwahrung, first review after two years (Art. 64b Abs. 1 lit. a).
    assert [t.datum for t in domain.termine(neu) if t.art == "pruefung"] == [date(2028, 9, 1)]
    assert neu.history.first().history_user == sachbearbeitung


@pytest.mark.rule("R-4-1")
def test_abweisung_und_verlaengerung_aendern_nichts_an_der_folge(fall_im_vollzug, sachbearbeitung):
    m, a = _antrag(fall_im_vollzug, sachbearbeitung, art=Antragsart.NACHTRAEGLICH)
    with pytest.raises(ValidationError, match="nur bei gutgeheissenem"):
        domain.antwort_erfassen(
            antrag=a,
            antwort=Antwort.ABGEWIESEN,
            am=date(2026, 9, 1),
            text="",
            folge=Entscheidfolge.AUFGEHOBEN,
            durch=sachbearbeitung,
        )
    a = domain.antwort_erfassen(
        antrag=a, antwort=Antwort.ABGEWIESEN, am=date(2026, 9, 1), text="", durch=sachbearbeitung
    )
    m.refresh_from_db()
    assert m.beendet_am is None and a.folge == "" and domain.termine(m)


@pytest.mark.rule("R-4-1")
def test_entscheid_nicht_vor_beginn_und_nicht_fuer_beendete_massnahme(fall_im_vollzug, sachbearbeitung):
    m = domain.massnahme_erfassen(
        fall=fall_im_vollzug,
        artikel=A.ART_59,
        beginn=date(2026, 7, 1),
        beginn_begruendung="Vollzugsbefehl",
        durch=sachbearbeitung,
    )
    a = domain.antrag_einreichen(
        massnahme=m,
        art=Antragsart.AENDERUNG,
        gericht="Kriminalgericht",
        antrag="A",
        akten="Urteil",
        eingereicht_am=date(2026, 6, 1),
        durch=sachbearbeitung,
    )
    kw = dict(antrag=a, antwort=Antwort.GUTGEHEISSEN, text="", folge=Entscheidfolge.AUFGEHOBEN)
    with pytest.raises(ValidationError, match="vor dem Beginn der Massnahme"):
        domain.antwort_erfassen(am=date(2026, 6, 30), durch=sachbearbeitung, **kw)
    Massnahme.objects.filter(pk=m.pk).update(beendet_am=date(2026, 7, 2))
    with pytest.raises(ValidationError, match="beendet"):
        domain.antwort_erfassen(am=date(2026, 7, 3), durch=sachbearbeitung, **kw)


@pytest.mark.rule("R-4-1", "R-0-BAD-1")
def test_api_und_seite_nehmen_die_folge_entgegen(client_als, sachbearbeitung, fall_im_vollzug):
    m, a = _antrag(fall_im_vollzug, sachbearbeitung, art=Antragsart.AENDERUNG)
    api = APIClient()
    api.force_authenticate(sachbearbeitung)
    pfad = f"/api/v1/vollzugsdaten/massnahmen/{m.pk}/antwort/"
    daten = {"antrag": a.pk, "antwort": "gutgeheissen", "am": "2026-09-01", "folge": "ersetzt"}
    antwort = api.post(pfad, daten, format="json")
    assert antwort.status_code == 400 and "neueMassnahme" in antwort.json()
    antwort = api.post(pfad, {**daten, "neueMassnahme": "60"}, format="json")
    assert antwort.status_code == 200
    eintrag = antwort.json()["antraege"][0]
    assert eintrag["folge"] == "ersetzt" and eintrag["neueMassnahme"] is not None
    seite = client_als(sachbearbeitung).get(reverse("vollzugsdaten:fall", args=[fall_im_vollzug.pk]))
    inhalt = seite.content.decode()
    assert "Beendet am 01.09.2026" in inhalt and "Suchtbehandlung (Art. 60 StGB) ab 01.09.2026" in inhalt
