"""Boundary tests (issue 25) of §§ 22 and 23 JVG: an expert sees a person's file within the mandate's period
only (R-22-1); consents to lift secrecy (R-23-1) and reports to the Staatsanwaltschaft (R-23-3) are dated, not
in the future. Just inside (stored, read back), just outside (German message naming the §, nothing stored),
bad input. Literals.
"""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from datenschutz import domain
from datenschutz.models import Fachpersonmandat, Schweigepflichtentbindung, Strafanzeige
from kern.fristen import TZ
from tests.factories import fall_anlegen
from vollzug.models import Zuteilung
from vollzug.queries import personen_fuer_user

pytestmark = pytest.mark.django_db

HEUTE = date(2026, 3, 2)


def mittag(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 12, 0, tzinfo=TZ)


@pytest.fixture
def person(sachbearbeitung, anstalt_a):
    with time_machine.travel(mittag(date(2026, 2, 20)), tick=False):
        return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a).person


def _mandat(person, fachperson, durch, **kw):
    daten = {
        "art": "behandlung",
        "fachrichtung": "psychiatrie",
        "referenz": "Auftrag 26/1",
        "auftrag": "Behandlung der Angststörung",
        **kw,
    }
    return domain.fachperson_zuteilen(
        person=person, fachperson=fachperson, daten=domain.Mandatsdaten(**daten), durch=durch
    )


def _sieht(fachperson, person, tag: date) -> bool:
    with time_machine.travel(mittag(tag), tick=False):
        return personen_fuer_user(fachperson).filter(pk=person.pk).exists()


# --- R-22-1: experts see the file only within the mandate ------------------------------------------------


@pytest.mark.rule("R-22-1", grenze=True)
def test_fachperson_sieht_bis_zum_letzten_tag_nicht_am_tag_danach(person, medizin, sachbearbeitung):
    with time_machine.travel(mittag(HEUTE), tick=False):
        for kw, feld in (
            ({"gueltig_ab": HEUTE - timedelta(days=1)}, "gueltig_ab"),
            ({"gueltig_ab": HEUTE, "gueltig_bis": HEUTE - timedelta(days=1)}, "gueltig_bis"),
            ({"art": "beratung"}, "art"),
            ({"auftrag": "  "}, "auftrag"),
        ):
            with pytest.raises(ValidationError) as e:
                _mandat(person, medizin, sachbearbeitung, **kw)
            assert e.value.message_dict[feld][0].startswith("§ 22 JVG (R-22-1)")
        assert (
            not Fachpersonmandat.objects.exists() and not Zuteilung.objects.filter(benutzer=medizin).exists()
        )

        # Just inside: a mandate from today to the end of the month (a one-day one would do too).
        m = _mandat(person, medizin, sachbearbeitung, gueltig_ab=HEUTE, gueltig_bis=date(2026, 3, 31))
    g = Fachpersonmandat.objects.get(pk=m.pk)
    assert (g.vorgesehen_ab, g.vorgesehen_bis, g.fachperson_id, g.erteilt_durch_id) == (
        HEUTE,
        date(2026, 3, 31),
        medizin.pk,
        sachbearbeitung.pk,
    )
    assert _sieht(medizin, person, date(2026, 3, 1)) is False
    assert _sieht(medizin, person, HEUTE) is True
    assert _sieht(medizin, person, date(2026, 3, 31)) is True
    assert _sieht(medizin, person, date(2026, 4, 1)) is False


# --- R-23-1: consent per recipient, dated, revocable ---------------------------------------------------


def _entbindung(person, durch, **kw):
    daten = {
        "empfaenger": "Schuldenberatung Luzern",
        "empfaenger_art": "schuldenberatung",
        "umfang": "Einkommen und Schulden",
        "erteilt_am": HEUTE,
        **kw,
    }
    return domain.entbindung_erfassen(person=person, daten=domain.Entbindungsdaten(**daten), durch=durch)


@pytest.mark.rule("R-23-1", grenze=True)
def test_entbindung_heute_ja_morgen_nein_widerruf_nicht_vor_erteilung(person, sachbearbeitung):
    with time_machine.travel(mittag(HEUTE), tick=False):
        for kw, feld, text in (
            ({"erteilt_am": HEUTE + timedelta(days=1)}, "erteilt_am", "kann nicht in der Zukunft liegen"),
            ({"erteilt_am": "02.03.2026"}, "erteilt_am", "angeben"),
            ({"gueltig_bis": HEUTE - timedelta(days=1)}, "gueltig_bis", "liegt vor der Erteilung"),
            ({"empfaenger_art": "nachbar"}, "empfaenger_art", "Art der Empfängerin"),
            ({"umfang": " "}, "umfang", "Umfang der Entbindung"),
        ):
            with pytest.raises(ValidationError) as e:
                _entbindung(person, sachbearbeitung, **kw)
            assert e.value.message_dict[feld][0].startswith("§ 23 Abs. 1 JVG (R-23-1)")
            assert text in e.value.message_dict[feld][0]
        assert not Schweigepflichtentbindung.objects.exists()

        e1 = _entbindung(person, sachbearbeitung, gueltig_bis=HEUTE)
        with pytest.raises(ValidationError) as e:
            domain.entbindung_widerrufen(entbindung=e1, am=HEUTE - timedelta(days=1), durch=sachbearbeitung)
        assert "kann nicht vor der Erteilung (02.03.2026) liegen" in e.value.message_dict["widerrufen_am"][0]
        assert Schweigepflichtentbindung.objects.get(pk=e1.pk).widerrufen_am is None
        domain.entbindung_widerrufen(entbindung=e1, am=HEUTE, durch=sachbearbeitung)
    g = Schweigepflichtentbindung.objects.get(pk=e1.pk)
    assert (g.erteilt_am, g.gueltig_bis, g.widerrufen_am, g.erfasst_durch_id) == (
        HEUTE,
        HEUTE,
        HEUTE,
        sachbearbeitung.pk,
    )


# --- R-23-3: reports to the Staatsanwaltschaft with date and reference ------------------------------------


@pytest.mark.rule("R-23-3", grenze=True)
def test_strafanzeige_heute_ja_morgen_nein(person, sachbearbeitung):
    daten = {
        "datum": HEUTE,
        "referenz": "ST 2026/17",
        "schwere": "vergehen",
        "sachverhalt": "Drogenhandel im Hof",
    }
    with time_machine.travel(mittag(HEUTE), tick=False):
        for kw, feld in (
            ({"datum": HEUTE + timedelta(days=1)}, "datum"),
            ({"datum": None}, "datum"),
            ({"referenz": "  "}, "referenz"),
            ({"schwere": "uebertretung"}, "schwere"),
            ({"sachverhalt": ""}, "sachverhalt"),
        ):
            with pytest.raises(ValidationError) as e:
                domain.strafanzeige_erfassen(
                    person=person, daten=domain.Anzeigedaten(**{**daten, **kw}), durch=sachbearbeitung
                )
            assert e.value.message_dict[feld][0].startswith("§ 23 Abs. 3 JVG (R-23-3)")
        assert not Strafanzeige.objects.exists()
        a = domain.strafanzeige_erfassen(
            person=person, daten=domain.Anzeigedaten(**daten), durch=sachbearbeitung
        )
    g = Strafanzeige.objects.get(pk=a.pk)
    assert (g.datum, g.referenz, g.schwere, g.erstattet_durch_id) == (
        HEUTE,
        "ST 2026/17",
        "vergehen",
        sachbearbeitung.pk,
    )
