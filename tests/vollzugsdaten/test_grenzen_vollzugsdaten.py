"""Boundary tests (issue 25) of § 4 Abs. 1 JVG (R-4-1): the application to the court with court, request and
documents; an extension of an Art. 59 StGB measure by 1 to 5 years, and the court grants at most what was
requested. Just inside (stored, read back), just outside (German message naming the legal basis, nothing
stored), bad input. Literals.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from vollzugsdaten import domain
from vollzugsdaten.models import Gerichtsantrag, Massnahme
from vollzugsdaten.recht import Antragsart, Antwort
from vollzugsdaten.recht import Massnahmenartikel as A

pytestmark = pytest.mark.django_db


def _massnahme(fall, sb):
    return domain.massnahme_erfassen(
        fall=fall, artikel=A.ART_59, beginn=date(2022, 1, 1), beginn_begruendung="Vollzugsbefehl", durch=sb
    )


def _einreichen(m, sb, **kw):
    daten = {
        "art": Antragsart.VERLAENGERUNG,
        "gericht": "Kriminalgericht des Kantons Luzern",
        "antrag": "Die Therapie zeigt Fortschritte.",
        "akten": "Vollzugsbericht vom 01.05.2026",
        "eingereicht_am": date(2026, 6, 1),
        "verlaengerung_jahre": 5,
        **kw,
    }
    return domain.antrag_einreichen(massnahme=m, **daten, durch=sb)


@pytest.mark.rule("R-4-1", grenze=True)
def test_verlaengerung_fuenf_jahre_ja_sechs_nein(fall_im_vollzug, sachbearbeitung):
    m = _massnahme(fall_im_vollzug, sachbearbeitung)
    falsch = [
        (
            {"verlaengerung_jahre": 6},
            "verlaengerung_jahre",
            "Verlängerung um 1 bis 5 Jahr(e) (Art. 59 Abs. 4 StGB).",
        ),
        ({"verlaengerung_jahre": 0}, "verlaengerung_jahre", "Verlängerung um 1 bis 5 Jahr(e)"),
        ({"verlaengerung_jahre": None}, "verlaengerung_jahre", "Verlängerung um 1 bis 5 Jahr(e)"),
        ({"akten": "  "}, "akten", "Gericht, Antrag und Beilagen sind nötig (§ 4 Abs. 1 JVG)."),
        ({"gericht": ""}, "akten", "Gericht, Antrag und Beilagen sind nötig (§ 4 Abs. 1 JVG)."),
        ({"art": "wiedererwaegung"}, "art", "Unbekannte Antragsart (§ 4 Abs. 1 JVG)."),
    ]
    for kw, feld, text in falsch:
        with pytest.raises(ValidationError) as e:
            _einreichen(m, sachbearbeitung, **kw)
        assert text in e.value.message_dict[feld][0]
    assert not Gerichtsantrag.objects.exists()

    a = _einreichen(m, sachbearbeitung, verlaengerung_jahre=5)
    g = Gerichtsantrag.objects.get(pk=a.pk)
    assert (g.art, g.verlaengerung_jahre, g.gericht, g.akten, g.erstellt_durch_id) == (
        Antragsart.VERLAENGERUNG,
        5,
        "Kriminalgericht des Kantons Luzern",
        "Vollzugsbericht vom 01.05.2026",
        sachbearbeitung.pk,
    )


@pytest.mark.rule("R-4-1", grenze=True)
def test_gericht_bewilligt_hoechstens_das_beantragte(fall_im_vollzug, sachbearbeitung):
    m = _massnahme(fall_im_vollzug, sachbearbeitung)
    a = _einreichen(m, sachbearbeitung, verlaengerung_jahre=3)
    for kw, feld in (
        ({"bewilligte_jahre": 4}, "bewilligte_jahre"),
        ({"bewilligte_jahre": None}, "bewilligte_jahre"),
        ({"am": date(2026, 5, 31)}, "am"),
        ({"antwort": "vertagt"}, "antwort"),
    ):
        werte = {
            "antwort": Antwort.GUTGEHEISSEN,
            "am": date(2026, 7, 1),
            "text": "",
            "bewilligte_jahre": 3,
            **kw,
        }
        with pytest.raises(ValidationError) as e:
            domain.antwort_erfassen(antrag=a, **werte, durch=sachbearbeitung)
        assert feld in e.value.message_dict
        assert (
            Gerichtsantrag.objects.get(pk=a.pk).antwort,
            Massnahme.objects.get(pk=m.pk).verlaengert_um_jahre,
        ) == ("", 0)

    domain.antwort_erfassen(
        antrag=a,
        antwort=Antwort.GUTGEHEISSEN,
        am=date(2026, 6, 1),
        text="",
        bewilligte_jahre=3,
        durch=sachbearbeitung,
    )
    g = Gerichtsantrag.objects.get(pk=a.pk)
    assert (g.antwort, g.antwort_am, g.bewilligte_jahre) == (Antwort.GUTGEHEISSEN, date(2026, 6, 1), 3)
    assert Massnahme.objects.get(pk=m.pk).verlaengert_um_jahre == 3
