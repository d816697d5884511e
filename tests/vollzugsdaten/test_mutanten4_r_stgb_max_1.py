"""Mutants of R-STGB-MAX-1 (maximum duration of measures, Art. 59–63 Abs. 4 StGB) that survived the marked
tests (issue 25, session 7).

- `contributions.py:74`, `:77` (`massnahmenfristen`): the end of the maximum is listed in the
  Fristenkontrolle for the authority only, and only while the measure runs.
- `domain/massnahmen.py:214`, `:219`, `:227` (`antrag_entwurf`): the draft names the last three reviews,
  proposes an extension only where the article allows one, with at most five years, none for Art. 64.
- `domain/massnahmen.py:355`, `:358`, `:359`, `:371` (`antwort_erfassen`): the answer may come on the day
  of the application; a rejected extension needs no years; the court grants at least one year; a
  consequence (Aufhebung, Ersetzung) never belongs to an extension.
- `views.py:194`, `:204`, `:207` (`antrag_neu`): the page shows the draft (200) and a form error (400).
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kern.fristen import tagesende
from tests.vollzugsdaten.test_gerichtsantrag import _antrag
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


@pytest.mark.rule("R-STGB-MAX-1")
def test_fristenkontrolle_fuehrt_die_hoechstdauer_nur_der_laufenden_massnahme(
    fall_im_vollzug, sachbearbeitung, personal_a
):
    m = _m(fall_im_vollzug, sachbearbeitung)
    ende = [e for e in massnahmenfristen(sachbearbeitung, date(2026, 6, 1)) if e.regel == "R-STGB-MAX-1"]
    assert [(e.typ, e.faellig, e.titel) for e in ende] == [
        (
            FRIST_MASSNAHME,
            tagesende(date(2026, 12, 31)),
            f"Höchstdauer endet (Art. 59 Abs. 4 StGB): Fall {fall_im_vollzug.fallnummer}",
        )
    ]
    # The facility's staff does not keep the authority's deadline (§ 2 JVG).
    assert massnahmenfristen(personal_a, date(2026, 6, 1)) == []
    Massnahme.objects.filter(pk=m.pk).update(beendet_am=date(2026, 5, 1))
    assert massnahmenfristen(sachbearbeitung, date(2026, 6, 1)) == []


@pytest.mark.rule("R-STGB-MAX-1")
def test_entwurf_nennt_die_letzten_drei_pruefungen_und_fuenf_jahre(fall_im_vollzug, sachbearbeitung):
    m = _m(fall_im_vollzug, sachbearbeitung)
    for jahr in (2023, 2024, 2025, 2026):
        domain.pruefung_erfassen(
            massnahme=m,
            art=Pruefungsart.ART_62D,
            am=date(jahr, 1, 10),
            bericht="Bericht der Einrichtung",
            ergebnis="Weiterführen",
            durch=sachbearbeitung,
        )
    entwurf = domain.antrag_entwurf(m)
    akten = entwurf["akten"].splitlines()
    assert akten[0] == "Urteil mit Anordnung der Massnahme"
    assert [z[-10:] for z in akten[1:]] == ["10.01.2026", "10.01.2025", "10.01.2024"]
    assert (entwurf["art"], entwurf["verlaengerung_jahre"]) == (Antragsart.VERLAENGERUNG, 5)
    assert "31.12.2026 ihre Höchstdauer (Art. 59 Abs. 4 StGB)" in entwurf["antrag"]


@pytest.mark.rule("R-STGB-MAX-1")
def test_entwurf_fuer_die_verwahrung_ist_ein_aenderungsantrag_ohne_jahre(fall_im_vollzug, sachbearbeitung):
    m = _m(fall_im_vollzug, sachbearbeitung, artikel=A.ART_64)
    entwurf = domain.antrag_entwurf(m)
    assert (entwurf["art"], entwurf["verlaengerung_jahre"]) == (Antragsart.AENDERUNG, None)
    assert "(Art. 64 StGB)" in entwurf["antrag"]


@pytest.mark.rule("R-STGB-MAX-1", grenze=True)
def test_entscheid_am_tag_des_antrags(fall_im_vollzug, sachbearbeitung):
    m, a = _antrag(fall_im_vollzug, sachbearbeitung, jahre=3)
    a = domain.antwort_erfassen(
        antrag=a,
        antwort=Antwort.GUTGEHEISSEN,
        am=date(2026, 6, 1),
        text="",
        bewilligte_jahre=3,
        durch=sachbearbeitung,
    )
    m.refresh_from_db()
    assert (a.antwort_am, a.bewilligte_jahre) == (date(2026, 6, 1), 3)
    assert (m.verlaengert_um_jahre, m.verlaengerungen) == (3, 1)
    assert domain.hoechstdauer_ende(m) == date(2029, 12, 31)


@pytest.mark.rule("R-STGB-MAX-1")
def test_abgewiesene_verlaengerung_braucht_keine_jahre(fall_im_vollzug, sachbearbeitung):
    m, a = _antrag(fall_im_vollzug, sachbearbeitung, jahre=3)
    a = domain.antwort_erfassen(
        antrag=a, antwort=Antwort.ABGEWIESEN, am=date(2026, 9, 1), text="", durch=sachbearbeitung
    )
    m.refresh_from_db()
    assert (a.antwort, a.bewilligte_jahre) == (Antwort.ABGEWIESEN, None)
    assert (m.verlaengert_um_jahre, m.verlaengerungen, m.beendet_am) == (0, 0, None)
    assert domain.hoechstdauer_ende(m) == date(2026, 12, 31)


@pytest.mark.rule("R-STGB-MAX-1", grenze=True)
def test_gericht_bewilligt_mindestens_ein_jahr(fall_im_vollzug, sachbearbeitung):
    m, a = _antrag(fall_im_vollzug, sachbearbeitung, jahre=3)
    with pytest.raises(ValidationError) as e:
        domain.antwort_erfassen(
            antrag=a,
            antwort=Antwort.TEILWEISE,
            am=date(2026, 9, 1),
            text="",
            bewilligte_jahre=0,
            durch=sachbearbeitung,
        )
    assert e.value.message_dict["bewilligte_jahre"] == [
        "Verlängert um 1 bis 3 Jahr(e), wie beantragt (Art. 59 Abs. 4 StGB)."
    ]
    m.refresh_from_db()
    assert (m.verlaengert_um_jahre, m.verlaengerungen) == (0, 0)
    assert Gerichtsantrag.objects.get(pk=a.pk).antwort == ""


@pytest.mark.rule("R-STGB-MAX-1")
def test_verlaengerung_kennt_keine_aufhebung_oder_ersetzung(fall_im_vollzug, sachbearbeitung):
    m, a = _antrag(fall_im_vollzug, sachbearbeitung, jahre=3)
    kw = dict(antrag=a, antwort=Antwort.GUTGEHEISSEN, am=date(2026, 9, 1), text="", bewilligte_jahre=2)
    for falsch in ({"folge": Entscheidfolge.AUFGEHOBEN}, {"neue_massnahme": A.ART_64}):
        with pytest.raises(ValidationError) as e:
            domain.antwort_erfassen(durch=sachbearbeitung, **kw, **falsch)
        assert e.value.message_dict["folge"] == [
            "Aufhebung oder Ersetzung nur bei gutgeheissenem Änderungsantrag (Art. 62c, 63a, 65 StGB)."
        ]
    m.refresh_from_db()
    assert (m.verlaengert_um_jahre, m.beendet_am) == (0, None)
    a = domain.antwort_erfassen(durch=sachbearbeitung, **kw)
    m.refresh_from_db()
    assert (a.folge, m.verlaengert_um_jahre, m.beendet_am) == ("", 2, None)


@pytest.mark.rule("R-STGB-MAX-1")
def test_antragsseite_zeigt_den_entwurf_und_den_formfehler(client_als, fall_im_vollzug, sachbearbeitung):
    m = _m(fall_im_vollzug, sachbearbeitung)
    client = client_als(sachbearbeitung)
    url = reverse("vollzugsdaten:antrag_neu", args=[m.pk])
    seite = client.get(url)
    assert seite.status_code == 200
    assert seite.context["form"].initial["art"] == Antragsart.VERLAENGERUNG
    assert seite.context["form"].initial["verlaengerung_jahre"] == 5
    fehler = client.post(url, {"art": Antragsart.VERLAENGERUNG, "verlaengerung_jahre": "5"})
    assert fehler.status_code == 400
    assert "gericht" in fehler.context["form"].errors
    assert not Gerichtsantrag.objects.filter(massnahme=m).exists()
