"""§ 51 JVG: a suspension of execution pending a pardon acts on the case like an interruption — the
case is interrupted, the days up to the Kantonsrat's decision are not served, the dates and the
conditional-release examination move; a refusal to suspend changes nothing (R-51-1, R-VD-1)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kern import erweiterungen
from kern.strafzeit import plus_monate
from tests.factories import fall_anlegen
from vollzug.recht import Fallstatus
from vollzugsdaten import domain
from vollzugsdaten.contributions import pruefungsfristen
from vollzugsdaten.models import Entlassungspruefung
from vollzugsgestaltung import domain as gnade

HEUTE = timezone.localdate


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    # Eleven months from 60 days ago: two thirds and the end lie ahead.
    return fall_anlegen(
        durch=sachbearbeitung,
        monate=11,
        eingewiesen_in=anstalt_a,
        eingewiesen_am=timezone.now() - timedelta(days=60),
    )


def _gesuch(fall, sb, tage_vorher=40):
    return gnade.gnadengesuch_erfassen(
        person=fall.person,
        fall=fall,
        eingereicht_am=HEUTE() - timedelta(days=tage_vorher),
        gesuchsteller="RA Keller",
        begehren="Erlass der Reststrafe wegen schwerer Krankheit.",
        durch=sb,
    )


def _weiterleiten(g, sb, aussetzen, am):
    return gnade.gnadengesuch_weiterleiten(
        gesuch=g,
        am=am,
        bericht="Bericht an den Kantonsrat.",
        vollzug_aussetzen=aussetzen,
        aussetzung_begruendung="Schwere Krankheit; Haftfähigkeit fraglich.",
        durch=sb,
    )


@pytest.mark.rule("R-51-1", "R-VD-1")
def test_aussetzung_unterbricht_den_vollzug_und_verschiebt_die_daten(fall, sachbearbeitung):
    b1 = domain.aktuelle_berechnung(fall)
    p = Entlassungspruefung.objects.get(fall=fall)
    ende_vorher = fall.voraussichtliches_ende
    ab, bis = HEUTE() - timedelta(days=30), HEUTE() - timedelta(days=10)
    g = _weiterleiten(_gesuch(fall, sachbearbeitung), sachbearbeitung, True, ab)
    fall.refresh_from_db()
    assert fall.status == Fallstatus.UNTERBROCHEN and g.ausgesetzt_ab == ab
    assert fall.history.first().history_user == sachbearbeitung
    # Paused: while the execution is suspended its examination is not listed as due.
    assert not [e for e in pruefungsfristen(sachbearbeitung, HEUTE()) if str(fall.fallnummer) in e.titel]
    # Ongoing: not yet in the calculation (convention 5 of kern.strafzeit).
    assert domain.aktuelle_berechnung(fall).version == b1.version

    g = gnade.gnadenentscheid_erfassen(
        gesuch=g, entscheid="abgewiesen", am=bis, text="Das Gesuch wird abgewiesen.", durch=sachbearbeitung
    )
    fall.refresh_from_db()
    assert fall.status == Fallstatus.IM_VOLLZUG and g.ausgesetzt_bis == bis
    # [ab, bis): 20 days not served — the day of the decision is served again.
    zeitraeume = erweiterungen.nicht_verbuesste_zeiten_fuer(fall)
    assert [(z.von, z.bis) for z in zeitraeume] == [(ab, bis)]
    b2 = domain.aktuelle_berechnung(fall, durch=sachbearbeitung)
    assert b2.version == b1.version + 1
    assert b2.ende == b1.ende + timedelta(days=20)
    assert b2.zwei_drittel == b1.zwei_drittel + timedelta(days=20)
    assert "Aussetzung wegen Begnadigungsgesuch (§ 51 JVG)" in b2.aenderungen
    # The examination's due date follows the new two thirds; the expected end moved as well.
    p.refresh_from_db()
    assert p.faellig_am == plus_monate(b2.bedingte_entlassung, -3) != plus_monate(b1.bedingte_entlassung, -3)
    assert fall.voraussichtliches_ende == ende_vorher + timedelta(days=20)
    assert [e for e in pruefungsfristen(sachbearbeitung, HEUTE()) if str(fall.fallnummer) in e.titel]


@pytest.mark.rule("R-51-1")
def test_keine_aussetzung_laesst_den_vollzug_unveraendert(fall, sachbearbeitung):
    b1 = domain.aktuelle_berechnung(fall)
    g = _weiterleiten(_gesuch(fall, sachbearbeitung), sachbearbeitung, False, HEUTE() - timedelta(days=30))
    fall.refresh_from_db()
    assert fall.status == Fallstatus.IM_VOLLZUG and g.ausgesetzt_ab is None
    gnade.gnadenentscheid_erfassen(
        gesuch=g, entscheid="abgewiesen", am=HEUTE(), text="Abgewiesen.", durch=sachbearbeitung
    )
    fall.refresh_from_db()
    assert fall.status == Fallstatus.IM_VOLLZUG
    assert erweiterungen.nicht_verbuesste_zeiten_fuer(fall) == []
    assert domain.aktuelle_berechnung(fall).version == b1.version


@pytest.mark.rule("R-51-1")
def test_gewaehrte_begnadigung_laesst_den_fall_fuer_die_entlassung_unterbrochen(fall, sachbearbeitung):
    g = _weiterleiten(_gesuch(fall, sachbearbeitung), sachbearbeitung, True, HEUTE() - timedelta(days=5))
    gnade.gnadenentscheid_erfassen(
        gesuch=g, entscheid="gutgeheissen", am=HEUTE(), text="Reststrafe erlassen.", durch=sachbearbeitung
    )
    fall.refresh_from_db()
    g.refresh_from_db()
    assert fall.status == Fallstatus.UNTERBROCHEN and g.ausgesetzt_bis == HEUTE()


@pytest.mark.rule("R-51-1")
def test_aussetzung_nicht_vor_dem_vollzugsbeginn(fall, sachbearbeitung):
    # Vollzugsbeginn 60 days ago: forwarding with suspension on that day is accepted (boundary),
    # one day before is refused with the paragraph.
    beginn = timezone.localtime(fall.vollzugsbeginn).date()
    g = _gesuch(fall, sachbearbeitung, tage_vorher=90)
    with pytest.raises(ValidationError) as fehler:
        _weiterleiten(g, sachbearbeitung, True, beginn - timedelta(days=1))
    assert "§ 51 JVG" in fehler.value.message_dict["weitergeleitet_am"][0]
    fall.refresh_from_db()
    assert fall.status == Fallstatus.IM_VOLLZUG
    g = _weiterleiten(g, sachbearbeitung, True, beginn)
    assert g.ausgesetzt_ab == beginn
