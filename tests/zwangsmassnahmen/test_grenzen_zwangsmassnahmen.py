"""Boundary tests (issue 25) of § 25 JVG Sicherheitshaft: the grounds a–c (R-25-1) and the 48 hours to the
minute across summer time (R-25-2, R-0-FRIST-3); § 26 temporary transfers (R-26-1), § 28 searches (R-28-1) and § 32 escapes (R-32-1). Just inside (stored, read back), just outside (German message
naming the §, or flagged late; nothing else stored), bad input. Literals: Sat 28.03.2026 01:30 + 48 h =
Mon 30.03.2026 02:30 (the night of the clock change has 23 hours).
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from vollzug.models import Platzierung
from vollzug.recht import Platzierungsart
from zwangsmassnahmen import domain
from zwangsmassnahmen.models import Entweichung, Kontrolle, Sicherheitshaft, VoruebergehendeVersetzung
from zwangsmassnahmen.recht import Haftstatus, Kontrollstatus

from .hilfen import fall_anlegen, haft_anordnen, massnahmenfall, reise, zeit

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with reise(zeit(2026, 3, 1)):
        return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def _meldung(exc_info, feld) -> str:
    return exc_info.value.message_dict[feld][0]


# --- R-25-1: at least one ground a–c, the procedure named --------------------------------------------


@pytest.mark.rule("R-25-1", grenze=True)
def test_ein_haftgrund_genuegt_keiner_nicht(sachbearbeitung, fall, anstalt_a):
    with reise(zeit(2026, 3, 10, 9)):
        with pytest.raises(ValidationError) as e:
            haft_anordnen(sachbearbeitung, fall, zeit(2026, 3, 10, 8), anstalt_a, grund_flucht=False)
        assert _meldung(e, "gruende").startswith(
            "§ 25 Abs. 1 JVG (R-25-1): Mindestens ein Haftgrund ist nötig"
        )
        # Bad input: an unknown procedure, an empty reference.
        with pytest.raises(ValidationError) as e:
            haft_anordnen(
                sachbearbeitung,
                fall,
                zeit(2026, 3, 10, 8),
                anstalt_a,
                verfahren_art="strafbefehl",
                verfahren_referenz="  ",
            )
        assert "Art des nachträglichen Verfahrens" in _meldung(e, "verfahren_art")
        assert "Geschäftsnummer" in _meldung(e, "verfahren_referenz")
        assert not Sicherheitshaft.objects.exists()

        # Just inside: ground b alone.
        haft = haft_anordnen(
            sachbearbeitung,
            fall,
            zeit(2026, 3, 10, 8),
            anstalt_a,
            grund_flucht=False,
            grund_massnahmenzweck=True,
        )
    h = Sicherheitshaft.objects.get(pk=haft.pk)
    assert (h.grund_oeffentlichkeit, h.grund_massnahmenzweck, h.grund_flucht, h.status) == (
        False,
        True,
        False,
        Haftstatus.IN_HAFT,
    )
    assert (h.verfahren_referenz, h.angeordnet_durch_id) == ("KG 26 100", sachbearbeitung.pk)


# --- R-25-2 and R-0-FRIST-3: 48 hours to the minute ---------------------------------------------------


@pytest.mark.rule("R-25-2", grenze=True)
@pytest.mark.rule("R-0-FRIST-3", grenze=True)
def test_antrag_genau_nach_48_stunden_rechtzeitig_eine_minute_spaeter_verspaetet(
    sachbearbeitung, fall, anstalt_a, anstalt_b
):
    festnahme = zeit(2026, 3, 28, 1, 30)
    with reise(zeit(2026, 3, 28, 2, 0)):
        haft = haft_anordnen(sachbearbeitung, fall, festnahme, anstalt_a)
    h = Sicherheitshaft.objects.get(pk=haft.pk)
    assert h.frist_ende == zeit(2026, 3, 30, 2, 30)
    assert h.frist_methode == "stunden_absolut_v1"
    assert domain.ist_ueberfaellig(h, zeit(2026, 3, 30, 2, 30)) is False
    assert domain.ist_ueberfaellig(h, zeit(2026, 3, 30, 2, 30) + timedelta(seconds=1)) is True

    with reise(zeit(2026, 3, 31, 9)):
        # Bad input: before the arrest, without a time zone, in the future, without a reference.
        for antrag_am, referenz, feld, text in (
            (festnahme - timedelta(minutes=1), "ZMG 1", "antrag_am", "kann nicht vor der Festnahme"),
            (
                zeit(2026, 3, 30, 2, 30).replace(tzinfo=None),
                "ZMG 1",
                "antrag_am",
                "mit Datum und Uhrzeit angeben",
            ),
            (zeit(2026, 3, 31, 9, 1), "ZMG 1", "antrag_am", "kann nicht in der Zukunft liegen"),
            (zeit(2026, 3, 30, 2, 30), " ", "antrag_referenz", "Referenz des Antrags angeben"),
        ):
            with pytest.raises(ValidationError) as e:
                domain.antrag_erfassen(haft=h, antrag_am=antrag_am, referenz=referenz, durch=sachbearbeitung)
            assert _meldung(e, feld).startswith("§ 25 Abs. 2 JVG (R-25-2)") and text in _meldung(e, feld)
            g = Sicherheitshaft.objects.get(pk=h.pk)
            assert (g.status, g.antrag_am, g.antrag_verspaetet) == (Haftstatus.IN_HAFT, None, False)

        # Just inside: exactly 48 hours (02:30 summer time, 47 hours on the wall clock).
        domain.antrag_erfassen(
            haft=h, antrag_am=zeit(2026, 3, 30, 2, 30), referenz="ZMG 1", durch=sachbearbeitung
        )
    g = Sicherheitshaft.objects.get(pk=h.pk)
    assert (g.status, g.antrag_am, g.antrag_verspaetet, g.antrag_referenz) == (
        Haftstatus.BEANTRAGT,
        zeit(2026, 3, 30, 2, 30),
        False,
        "ZMG 1",
    )

    # Just outside: one minute later is recorded, but flagged late.
    with reise(zeit(2026, 3, 28, 2, 0)):
        zweite = haft_anordnen(
            sachbearbeitung,
            fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_b),
            festnahme,
            anstalt_b,
        )
    with reise(zeit(2026, 3, 31, 9)):
        domain.antrag_erfassen(
            haft=zweite, antrag_am=zeit(2026, 3, 30, 2, 31), referenz="ZMG 2", durch=sachbearbeitung
        )
    g = Sicherheitshaft.objects.get(pk=zweite.pk)
    assert (g.status, g.antrag_verspaetet) == (Haftstatus.BEANTRAGT, True)
    assert g.history.latest("history_id").history_change_reason.startswith(
        "Antrag ans Zwangsmassnahmengericht (§ 25 Abs. 2 JVG) – verspätet"
    )


# --- R-26-1: temporary transfer only for a custodial measure, with both conditions -------------------

GRUENDE_26 = {
    "undurchfuehrbar": "Therapieplatz wegen Brandschaden gesperrt.",
    "gefaehrdung": "massnahmenzweck",
    "gefaehrdung_begruendung": "Ohne geschlossene Station ist der Massnahmenzweck nicht zu erreichen.",
}


def _versetzen_26(fall, anstalt, durch, **aenderungen):
    with reise(zeit(2026, 11, 2, 9)):
        return domain.versetzung26_anordnen(
            fall=fall, anstalt=anstalt, am=zeit(2026, 11, 2, 8), durch=durch, **{**GRUENDE_26, **aenderungen}
        )


@pytest.mark.rule("R-26-1", grenze=True)
def test_vorlaeufige_versetzung_massnahme_ja_freiheitsstrafe_nein(sachbearbeitung, anstalt_a, anstalt_b):
    with reise(zeit(2026, 10, 1)):
        strafe = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with pytest.raises(ValidationError) as e:
        _versetzen_26(strafe, anstalt_b, sachbearbeitung)
    assert _meldung(e, "fall").startswith("§ 26 JVG (R-26-1): Vorübergehend versetzt wird nur bei einer")

    massnahme = massnahmenfall(sachbearbeitung, anstalt_a)
    for kw, feld in (
        ({"gefaehrdung": "sachschaden"}, "gefaehrdung"),
        ({"undurchfuehrbar": "  "}, "undurchfuehrbar"),
        ({"gefaehrdung_begruendung": ""}, "gefaehrdung_begruendung"),
    ):
        with pytest.raises(ValidationError) as e:
            _versetzen_26(massnahme, anstalt_b, sachbearbeitung, **kw)
        assert list(e.value.message_dict) == [feld]
        assert _meldung(e, feld).startswith("§ 26 JVG (R-26-1)")
    assert not VoruebergehendeVersetzung.objects.exists()
    assert Platzierung.objects.get(fall=massnahme, bis__isnull=True).anstalt_id == anstalt_a.pk

    v = _versetzen_26(massnahme, anstalt_b, sachbearbeitung)
    g = VoruebergehendeVersetzung.objects.get(pk=v.pk)
    assert (g.gefaehrdung, g.von_anstalt_id, g.platzierung.anstalt_id, g.platzierung.art) == (
        "massnahmenzweck",
        anstalt_a.pk,
        anstalt_b.pk,
        Platzierungsart.VERSETZUNG_VORUEBERGEHEND,
    )


# --- R-28-1: searches logged; a body search only on suspicion and order ----------------------------------


def _kontrolle(fall, durch, jetzt, **daten):
    werte = {
        "art": "unterkunft",
        "zeitpunkt": jetzt,
        "ort": "Zelle B 12",
        "ergebnis": "unauffaellig",
        **daten,
    }
    with reise(jetzt):
        return domain.kontrolle_erfassen(fall=fall, durch=durch, **werte)


@pytest.mark.rule("R-28-1", grenze=True)
def test_kontrolle_jetzt_ja_eine_minute_spaeter_nein(sachbearbeitung, personal_a, anstalt_a):
    with reise(zeit(2026, 11, 1)):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    jetzt = zeit(2026, 11, 3, 14)
    falsch = [
        ({"zeitpunkt": jetzt + timedelta(minutes=1)}, "zeitpunkt", "kann nicht in der Zukunft liegen"),
        ({"art": "leibesvisitation"}, "art", "setzt einen erfassten Verdacht"),
        ({"art": "roentgen"}, "art", "Art der Kontrolle wählen"),
        ({"ort": " "}, "ort", "Ort der Durchsuchung angeben"),
        ({"ergebnis": "fund"}, "fundgegenstaende", "R-28-1"),
        ({"ergebnis": ""}, "ergebnis", "Ergebnis der Kontrolle angeben"),
    ]
    for kw, feld, text in falsch:
        with pytest.raises(ValidationError) as e:
            _kontrolle(fall, personal_a, jetzt, **kw)
        assert "§ 28" in _meldung(e, feld) and text in _meldung(e, feld)
    assert not Kontrolle.objects.exists()

    k = _kontrolle(fall, personal_a, jetzt, ergebnis="fund", fundgegenstaende="Mobiltelefon")
    g = Kontrolle.objects.get(pk=k.pk)
    assert (g.art, g.zeitpunkt, g.status, g.fundgegenstaende, g.durchgefuehrt_durch_id) == (
        "unterkunft",
        jetzt,
        Kontrollstatus.DURCHGEFUEHRT,
        "Mobiltelefon",
        personal_a.pk,
    )


@pytest.mark.rule("R-28-1", grenze=True)
def test_leibesvisitation_mit_verdacht_beantragt_ohne_nicht(sachbearbeitung, personal_a, anstalt_a):
    with reise(zeit(2026, 11, 1)):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with reise(zeit(2026, 11, 3, 14)):
        with pytest.raises(ValidationError) as e:
            domain.leibesvisitation_beantragen(fall=fall, verdacht="   ", durch=personal_a)
        assert _meldung(e, "verdacht").startswith(
            "§ 28 Abs. 2 JVG (R-28-1): Ohne Verdacht keine Leibesvisitation"
        )
        assert not Kontrolle.objects.exists()
        k = domain.leibesvisitation_beantragen(
            fall=fall, verdacht="Betäubungsmittel nach Besuch", durch=personal_a
        )
    g = Kontrolle.objects.get(pk=k.pk)
    assert (g.art, g.status, g.verdacht, g.beantragt_durch_id) == (
        "leibesvisitation",
        Kontrollstatus.BEANTRAGT,
        "Betäubungsmittel nach Besuch",
        personal_a.pk,
    )


# --- R-32-1: escape reported → arrest order at once, Einweisungsbehörde to be informed ----------------------


@pytest.mark.rule("R-32-1", grenze=True)
def test_entweichung_ab_platzierung_nicht_davor_auftrag_sofort(
    sachbearbeitung, personal_a, personal_b, anstalt_a
):
    eingewiesen = zeit(2026, 10, 1, 9)
    with reise(zeit(2026, 10, 1, 9, 5)):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=eingewiesen)
    jetzt = zeit(2026, 11, 3, 22)
    with reise(jetzt):
        falsch = [
            (
                {"festgestellt_am": eingewiesen - timedelta(seconds=1)},
                "festgestellt_am",
                "vor der Platzierung",
            ),
            ({"festgestellt_am": jetzt + timedelta(seconds=1)}, "festgestellt_am", "in der Zukunft"),
            ({"art": "urlaub"}, "art", "Entweichung oder unerlaubte Abwesenheit wählen"),
            ({"umstaende": "  "}, "umstaende", "Umstände der Abwesenheit beschreiben"),
        ]
        for kw, feld, text in falsch:
            werte = {
                "art": "entwichen",
                "festgestellt_am": jetzt,
                "umstaende": "Nicht vom Hofgang zurück.",
                **kw,
            }
            with pytest.raises(ValidationError) as e:
                domain.entweichung_melden(fall=fall, **werte, durch=personal_a)
            assert text in _meldung(e, feld)
        with pytest.raises(PermissionDenied):
            domain.entweichung_melden(
                fall=fall, art="entwichen", festgestellt_am=jetzt, umstaende="x", durch=personal_b
            )
        assert not Entweichung.objects.exists()

        e = domain.entweichung_melden(
            fall=fall,
            art="entwichen",
            festgestellt_am=eingewiesen,
            umstaende="Nicht vom Hofgang zurück.",
            durch=personal_a,
        )
    g = Entweichung.objects.get(pk=e.pk)
    assert (g.festgestellt_am, g.auftrag_am, g.gemeldet_durch_id, g.auftrag_nummer) == (
        eingewiesen,
        jetzt,
        personal_a.pk,
        "FZA-2026-00001",
    )
    assert (g.aufgabe_information.faellig_am, g.aufgabe_information.anstalt_id) == (jetzt, anstalt_a.pk)
    assert g.aufgabe_festnahme.faellig_am == jetzt
