"""Mutation tests (issue 25, session 8) of the application to the court (§ 4 Abs. 1 JVG, R-4-1).

They prove what the tests marked R-4-1 left open (some of it was proven under R-STGB-MAX-1 only):
- the Fristenkontrolle lists the application's due date for the authority, not for the facility;
- the system's draft names the last three reviews, proposes an extension only where the article allows
  one (Art. 59: five years, Art. 60: one year, once), and a change application without years for
  Art. 61 and the Verwahrung;
- an extension of the Verwahrung is refused with the article in the message, nothing stored;
- the court may decide on the day the measure began (just inside), not the day before;
- a granted extension counts once and adds the granted years; zero years are refused;
- the page shows the draft (200), answers a refused application with 400 and the message, and files a
  complete one (302, the stored application).
Messages compared in full; dates and limits as literals.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from kern.fristen import tagesende
from vollzugsdaten import domain
from vollzugsdaten.contributions import FRIST_MASSNAHME, massnahmenfristen
from vollzugsdaten.models import Gerichtsantrag, Massnahme
from vollzugsdaten.recht import Antragsart, Antwort, Entscheidfolge, Pruefungsart
from vollzugsdaten.recht import Massnahmenartikel as A

pytestmark = pytest.mark.django_db


def _m(fall, sb, artikel=A.ART_59, beginn=date(2022, 1, 1)):
    return domain.massnahme_erfassen(
        fall=fall, artikel=artikel, beginn=beginn, beginn_begruendung="Gemäss Vollzugsbefehl", durch=sb
    )


def _einreichen(m, sb, *, art=Antragsart.VERLAENGERUNG, jahre=None, am=date(2026, 6, 1)):
    return domain.antrag_einreichen(
        massnahme=m,
        art=art,
        gericht="Kriminalgericht des Kantons Luzern",
        antrag="Die Legalprognose ist noch ungünstig.",
        akten="Urteil mit Anordnung der Massnahme\nVollzugsbericht",
        eingereicht_am=am,
        verlaengerung_jahre=jahre,
        durch=sb,
    )


@pytest.mark.rule("R-4-1")
def test_fristenkontrolle_fuehrt_den_antrag_fuer_die_behoerde(
    fall_im_vollzug, sachbearbeitung, leitung_a, settings
):
    settings.JVG_GERICHTSANTRAG_VORLAUF_MONATE = 6
    _m(fall_im_vollzug, sachbearbeitung)  # Art. 59 from 01.01.2022: the maximum ends on 31.12.2026
    antraege = [e for e in massnahmenfristen(sachbearbeitung, date(2026, 6, 1)) if e.regel == "R-4-1"]
    assert [(e.typ, e.faellig, e.titel) for e in antraege] == [
        (
            FRIST_MASSNAHME,
            tagesende(date(2026, 6, 30)),
            "Antrag ans Gericht vor Ablauf der Höchstdauer (§ 4 JVG, Art. 59 Abs. 4 StGB): "
            f"Fall {fall_im_vollzug.fallnummer}",
        )
    ]
    # The facility's management sees the case but keeps no deadline of the authority (§ 4 JVG).
    assert massnahmenfristen(leitung_a, date(2026, 6, 1)) == []


def _pruefung(m, sb, am):
    domain.pruefung_erfassen(
        massnahme=m, art=Pruefungsart.ART_62D, am=am, bericht="Bericht", ergebnis="Weiter", durch=sb
    )


@pytest.mark.rule("R-4-1")
def test_entwurf_je_artikel(fall_im_vollzug, sachbearbeitung):
    m59 = _m(fall_im_vollzug, sachbearbeitung, A.ART_59)
    for am in (date(2022, 12, 1), date(2023, 12, 1), date(2024, 12, 1), date(2025, 12, 1)):
        _pruefung(m59, sachbearbeitung, am)
    entwurf = domain.antrag_entwurf(m59)
    assert entwurf["akten"].splitlines() == [
        "Urteil mit Anordnung der Massnahme",
        "Bedingte Entlassung / Aufhebung (Art. 62d Abs. 1 StGB) vom 01.12.2025",
        "Bedingte Entlassung / Aufhebung (Art. 62d Abs. 1 StGB) vom 01.12.2024",
        "Bedingte Entlassung / Aufhebung (Art. 62d Abs. 1 StGB) vom 01.12.2023",
    ]
    assert (entwurf["art"], entwurf["verlaengerung_jahre"]) == (Antragsart.VERLAENGERUNG, 5)

    m60 = _m(fall_im_vollzug, sachbearbeitung, A.ART_60)
    assert (domain.antrag_entwurf(m60)["art"], domain.antrag_entwurf(m60)["verlaengerung_jahre"]) == (
        Antragsart.VERLAENGERUNG,
        1,
    )
    for artikel in (A.ART_61, A.ART_64):
        entwurf = domain.antrag_entwurf(_m(fall_im_vollzug, sachbearbeitung, artikel))
        assert (entwurf["art"], entwurf["verlaengerung_jahre"]) == (Antragsart.AENDERUNG, None)
    assert entwurf["antrag"] == (
        "Die Vollzugsbehörde beantragt gestützt auf § 4 Abs. 1 JVG einen nachträglichen Entscheid "
        "(Art. 64 StGB)."
    )


@pytest.mark.rule("R-4-1", grenze=True)
def test_verwahrung_nicht_verlaengerbar(fall_im_vollzug, sachbearbeitung):
    m = _m(fall_im_vollzug, sachbearbeitung, A.ART_64)
    with pytest.raises(ValidationError) as e:
        _einreichen(m, sachbearbeitung, jahre=1)
    assert e.value.message_dict["art"] == ["Diese Massnahme kann nicht verlängert werden (Art. 64 StGB)."]
    assert not Gerichtsantrag.objects.exists()
    # The change application is what § 4 leaves for the Verwahrung.
    a = _einreichen(m, sachbearbeitung, art=Antragsart.AENDERUNG)
    assert (a.art, a.verlaengerung_jahre) == (Antragsart.AENDERUNG, None)


@pytest.mark.rule("R-4-1", grenze=True)
def test_entscheid_am_tag_des_massnahmenbeginns(fall_im_vollzug, sachbearbeitung):
    m = _m(fall_im_vollzug, sachbearbeitung, beginn=date(2026, 7, 1))
    a = _einreichen(m, sachbearbeitung, art=Antragsart.AENDERUNG)
    kw = dict(antrag=a, antwort=Antwort.GUTGEHEISSEN, text="", folge=Entscheidfolge.AUFGEHOBEN)
    with pytest.raises(ValidationError) as e:
        domain.antwort_erfassen(am=date(2026, 6, 30), durch=sachbearbeitung, **kw)
    assert e.value.message_dict["am"] == ["Der Entscheid liegt vor dem Beginn der Massnahme (01.07.2026)."]
    a = domain.antwort_erfassen(am=date(2026, 7, 1), durch=sachbearbeitung, **kw)
    m.refresh_from_db()
    assert (a.antwort, a.antwort_am, a.folge) == (Antwort.GUTGEHEISSEN, date(2026, 7, 1), "aufgehoben")
    assert m.beendet_am == date(2026, 7, 1)


@pytest.mark.rule("R-4-1", grenze=True)
def test_bewilligte_verlaengerung_zaehlt_einmal(fall_im_vollzug, sachbearbeitung):
    m = _m(fall_im_vollzug, sachbearbeitung)
    a = _einreichen(m, sachbearbeitung, jahre=3)
    kw = dict(antrag=a, antwort=Antwort.TEILWEISE, am=date(2026, 9, 1), text="")
    with pytest.raises(ValidationError) as e:
        domain.antwort_erfassen(bewilligte_jahre=0, durch=sachbearbeitung, **kw)
    assert e.value.message_dict["bewilligte_jahre"] == [
        "Verlängert um 1 bis 3 Jahr(e), wie beantragt (Art. 59 Abs. 4 StGB)."
    ]
    domain.antwort_erfassen(bewilligte_jahre=1, durch=sachbearbeitung, **kw)
    m.refresh_from_db()
    assert (m.verlaengerungen, m.verlaengert_um_jahre) == (1, 1)
    # Art. 59 Abs. 4 may be extended again: the second grant counts as the second extension.
    b = _einreichen(m, sachbearbeitung, jahre=2, am=date(2027, 6, 1))
    domain.antwort_erfassen(
        antrag=b,
        antwort=Antwort.GUTGEHEISSEN,
        am=date(2027, 7, 1),
        text="",
        bewilligte_jahre=2,
        durch=sachbearbeitung,
    )
    m.refresh_from_db()
    assert (m.verlaengerungen, m.verlaengert_um_jahre) == (2, 3)
    assert domain.hoechstdauer_ende(m) == date(2029, 12, 31)


@pytest.mark.rule("R-4-1", "R-0-BAD-1")
def test_antragsseite_entwurf_ablehnung_und_einreichung(client_als, fall_im_vollzug, sachbearbeitung):
    m61 = _m(fall_im_vollzug, sachbearbeitung, A.ART_61)
    client = client_als(sachbearbeitung)
    url = reverse("vollzugsdaten:antrag_neu", args=[m61.pk])
    seite = client.get(url)
    assert seite.status_code == 200
    initial = seite.context["form"].initial
    assert (initial["art"], initial["gericht"], initial["verlaengerung_jahre"]) == (
        Antragsart.AENDERUNG,
        "Kriminalgericht des Kantons Luzern",
        None,
    )
    assert initial["eingereicht_am"] == timezone.localdate()
    daten = {
        "art": Antragsart.VERLAENGERUNG,
        "gericht": "Kriminalgericht des Kantons Luzern",
        "verlaengerung_jahre": "1",
        "antrag": "Verlängerung beantragt.",
        "akten": "Urteil mit Anordnung der Massnahme",
        "eingereicht_am": "01.06.2026",
    }
    # Art. 61 Abs. 4: no extension; the service's message in the form, status 400, nothing stored.
    abgelehnt = client.post(url, daten)
    assert abgelehnt.status_code == 400
    assert abgelehnt.context["form"].errors["art"] == [
        "Diese Massnahme kann nicht verlängert werden (Art. 61 Abs. 4 StGB)."
    ]
    assert not Gerichtsantrag.objects.exists()
    eingereicht = client.post(url, {**daten, "art": Antragsart.AENDERUNG, "verlaengerung_jahre": ""})
    assert eingereicht.status_code == 302
    assert eingereicht["Location"] == reverse("vollzugsdaten:fall", args=[fall_im_vollzug.pk])
    a = Gerichtsantrag.objects.get()
    assert (a.massnahme_id, a.art, a.gericht, a.akten, a.eingereicht_am, a.verlaengerung_jahre) == (
        m61.pk,
        Antragsart.AENDERUNG,
        "Kriminalgericht des Kantons Luzern",
        "Urteil mit Anordnung der Massnahme",
        date(2026, 6, 1),
        None,
    )
    assert a.erstellt_durch == sachbearbeitung and a.history.get().history_user == sachbearbeitung
    assert Massnahme.objects.get(pk=m61.pk).beendet_am is None
