"""R-VD-1: the stored, versioned calculation; its inputs from the case core, § 14 and § 32."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from kern.audit import speichern
from kern.fristen import TZ
from vollzug.models import Sanktion
from vollzug.recht import Sanktionsart
from vollzugsdaten import domain
from vollzugsdaten.models import Berechnung, Strafzeitangaben
from zwangsmassnahmen.models import Entweichung

pytestmark = pytest.mark.rule("R-VD-1")


def test_erste_berechnung_beim_lesen_mit_eingaben_und_version(fall_im_vollzug):
    # 01.03.2026 + 11 months = 01.02.2027 → 337 days; end = 01.03. + 336 = 31.01.2027.
    # 2/3 = ceil(224.67) = 225 days → 01.03. + 224 = 11.10.2026.
    b = domain.aktuelle_berechnung(fall_im_vollzug)
    assert b.version == 1
    assert b.ende == date(2027, 1, 31)
    assert b.zwei_drittel == date(2026, 10, 11)
    assert b.bedingte_entlassung == date(2026, 10, 11)
    assert b.eingaben["beginn"] == "2026-03-01" and b.eingaben["strafen"][0]["monate"] == 11
    assert b.methode == "strafzeit_art110_v1"
    assert b.history.first().history_user.username == "job:vollzugsdaten.nachrechnen"
    # Unchanged inputs: no new version.
    assert domain.aktuelle_berechnung(fall_im_vollzug).pk == b.pk
    assert Berechnung.objects.filter(fall=fall_im_vollzug).count() == 1


def test_anrechnung_art_51_neue_version_mit_aenderung_und_akteur(fall_im_vollzug, sachbearbeitung):
    domain.aktuelle_berechnung(fall_im_vollzug)
    b = domain.angaben_speichern(
        fall=fall_im_vollzug,
        lebenslang=False,
        angerechnete_tage=25,
        anrechnung_beleg="Dispositiv Ziff. 3",
        anderswo_tage=0,
        anderswo_beleg="",
        durch=sachbearbeitung,
    )
    # 225 − 25 = 200 days → 01.03. + 199 = 16.09.2026.
    assert b.version == 2 and b.bedingte_entlassung == date(2026, 9, 16)
    assert "Angerechnete Tage (Art. 51 StGB): 0 → 25." in b.aenderungen
    assert "Bedingte Entlassung frühestens: 11.10.2026 → 16.09.2026." in b.aenderungen
    assert b.history.first().history_user == sachbearbeitung
    assert Strafzeitangaben.objects.get(fall=fall_im_vollzug).history.first().history_user == sachbearbeitung


def test_anrechnung_nie_ohne_fundstelle(fall_im_vollzug, sachbearbeitung):
    with pytest.raises(ValidationError):
        domain.angaben_speichern(
            fall=fall_im_vollzug,
            lebenslang=False,
            angerechnete_tage=1,
            anrechnung_beleg=" ",
            anderswo_tage=0,
            anderswo_beleg="",
            durch=sachbearbeitung,
        )
    with pytest.raises(IntegrityError):
        Strafzeitangaben.objects.create(fall=fall_im_vollzug, angerechnete_tage=5)


def test_nur_sachbearbeitung_erfasst_angaben(fall_im_vollzug, leitung_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        domain.angaben_speichern(
            fall=fall_im_vollzug,
            lebenslang=False,
            angerechnete_tage=0,
            anrechnung_beleg="",
            anderswo_tage=0,
            anderswo_beleg="",
            durch=leitung_a,
        )


def test_ersatzfreiheitsstrafe_verkuerzt_durch_zahlung_neue_version(fall_im_vollzug, sachbearbeitung):
    # The Inkasso (issue 22) shortens the Ersatzfreiheitsstrafe on the case's Sanktion after a payment:
    # the fingerprint sees it on the next read.
    sanktion = speichern(
        Sanktion(
            entscheid=fall_im_vollzug.entscheide.first(),
            art=Sanktionsart.ERSATZFREIHEITSSTRAFE,
            dauer_tage=30,
        ),
        durch=sachbearbeitung,
    )
    b1 = domain.aktuelle_berechnung(fall_im_vollzug)
    assert b1.ende == date(2027, 3, 2)  # 31.01.2027 + 30 days
    sanktion.dauer_tage = 10
    speichern(sanktion, durch=sachbearbeitung, grund="Teilzahlung")
    b2 = domain.aktuelle_berechnung(fall_im_vollzug)
    assert b2.version == b1.version + 1 and b2.ende == date(2027, 2, 10)
    assert "Strafe geändert: Ersatzfreiheitsstrafe" in b2.aenderungen and "30 Tg. → 10 Tg." in b2.aenderungen


def test_entweichung_32_verschiebt_daten(fall_im_vollzug, sachbearbeitung, anstalt_a):
    b1 = domain.aktuelle_berechnung(fall_im_vollzug)
    Entweichung.objects.create(
        fall=fall_im_vollzug,
        anstalt=anstalt_a,
        art="abwesend",
        festgestellt_am=datetime(2026, 4, 1, 20, 0, tzinfo=TZ),
        umstaende="Nicht vom Ausgang zurück.",
        gemeldet_am=datetime(2026, 4, 1, 20, 5, tzinfo=TZ),
        gemeldet_durch=sachbearbeitung,
        auftrag_nummer="FZ-TEST-1",
        auftrag_am=datetime(2026, 4, 1, 20, 5, tzinfo=TZ),
        zugefuehrt_am=datetime(2026, 4, 8, 10, 0, tzinfo=TZ),
        zufuehrung_art="polizei",
    )
    b2 = domain.aktuelle_berechnung(fall_im_vollzug)
    # Absent 01.04.–08.04.: 7 days not served → every date after 01.04. moves by 7 days.
    assert b2.version == 2
    assert b2.bedingte_entlassung == b1.bedingte_entlassung + timedelta(days=7)
    assert b2.ende == b1.ende + timedelta(days=7)
    assert "Entweichung (§ 32 JVG) 01.04.2026–08.04.2026" in b2.aenderungen


def test_vor_vollzugsbeginn_keine_berechnung(sachbearbeitung):
    from tests.factories import fall_anlegen

    fall = fall_anlegen(durch=sachbearbeitung)
    assert domain.aktuelle_berechnung(fall) is None


def test_beat_job_rechnet_stapelweise_nach(fall_im_vollzug, sachbearbeitung):
    assert domain.alle_nachrechnen() == 1  # first calculation
    assert domain.alle_nachrechnen() == 0  # idempotent
    sanktion = fall_im_vollzug.entscheide.first().sanktionen.first()
    sanktion.dauer_tage = 5
    speichern(sanktion, durch=sachbearbeitung)
    assert domain.alle_nachrechnen() == 1
    assert Berechnung.objects.filter(fall=fall_im_vollzug).count() == 2


def test_unterbrechung_14_verschiebt_daten_ueber_den_erweiterungspunkt(
    sachbearbeitung, sachbearbeitung2, anstalt_a
):
    # § 14: an ended interruption is read through kern.erweiterungen.nicht_verbuesste_zeiten (aufschub).
    from django.utils import timezone

    from aufschub import domain as aufschub
    from aufschub.recht import Gefahrenstufe, Gesuchsart, Gesuchsgrund
    from kern.fristen import lokales_datum
    from tests.factories import fall_anlegen
    from verfuegungen import domain as vfg
    from verfuegungen.recht import EroeffnungArt

    fall = fall_anlegen(
        durch=sachbearbeitung,
        monate=11,
        eingewiesen_in=anstalt_a,
        eingewiesen_am=timezone.now() - timedelta(days=30),
    )
    vorher = domain.aktuelle_berechnung(fall)
    heute = timezone.localdate()
    gesuch = aufschub.gesuch_erfassen(
        fall=fall,
        sanktion=fall.entscheide.first().sanktionen.first(),
        art=Gesuchsart.UNTERBRECHUNG,
        grund=Gesuchsgrund.B,
        eingereicht_am=heute - timedelta(days=8),
        begehrt_von=heute - timedelta(days=5),
        begehrt_bis=heute + timedelta(days=10),
        begruendung="Beerdigung der Mutter.",
        durch=sachbearbeitung,
    )
    v = aufschub.gesuch_entscheiden(
        gesuch=gesuch,
        bewilligen=True,
        beurteilung_vollzugsdauer="Elf Monate.",
        fluchtgefahr=Gefahrenstufe.GERING,
        wiederholungsgefahr=Gefahrenstufe.KEINE,
        entscheid_begruendung="Ausserordentlich.",
        durch=sachbearbeitung,
    )
    vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    vfg.genehmigen(verfuegung=v, durch=sachbearbeitung2)
    vfg.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sachbearbeitung)
    ab, zurueck = timezone.now() - timedelta(days=4), timezone.now() - timedelta(days=1)
    aufschub.unterbrechung_antreten(gesuch=gesuch, am=ab, durch=sachbearbeitung)
    aufschub.unterbrechung_beenden(gesuch=gesuch, am=zurueck, durch=sachbearbeitung)
    nachher = domain.aktuelle_berechnung(fall)
    tage = (lokales_datum(zurueck) - lokales_datum(ab)).days
    assert tage == 3
    assert nachher.version == vorher.version + 1
    assert nachher.ende == vorher.ende + timedelta(days=3)
    assert "Unterbrechung (§ 14 JVG)" in nachher.aenderungen


def test_spaeteres_urteil_wird_angefuegt_neue_version_mit_was_sich_geaendert_hat(
    fall_im_vollzug, sachbearbeitung
):
    # Convention 9 (kern.strafzeit): a second judgment (Rechtskraft later) is executed after the first,
    # and half/two thirds come from the total. 11 months + 4 months = 15 months from 01.03.2026 =
    # 01.06.2027 → 457 days; end 01.03.2026 + 456 = 31.05.2027; 2/3 = ceil(304.67) = 305 days →
    # 01.03.2026 + 304 = 30.12.2026 (was 11.10.2026 with the first judgment alone).
    b1 = domain.aktuelle_berechnung(fall_im_vollzug)
    b2 = _zweites_urteil(fall_im_vollzug, sachbearbeitung)
    assert b2.version == b1.version + 1
    assert b2.ende == date(2027, 5, 31) and b2.zwei_drittel == date(2026, 12, 30)
    assert b2.zwei_drittel > b1.zwei_drittel and b2.ende > b1.ende
    assert "Strafe hinzugekommen: Freiheitsstrafe (SA2 26 999), 4 Mt." in b2.aenderungen
    assert "Zwei Drittel: 11.10.2026 → 30.12.2026." in b2.aenderungen
    folge = b2.ergebnis["vollzugsfolge"]
    assert [a["bezeichnung"] for a in folge][1] == "Freiheitsstrafe (SA2 26 999)"
    assert folge[0]["bis"] == "2027-01-31" and folge[1]["von"] == "2027-02-01"


def _zweites_urteil(fall, sb):
    """A second judgment of four months, rechtskräftig 01.05.2026, then the calculation."""
    from vollzug.models import Entscheid

    erstes = fall.entscheide.first()
    zweites = speichern(
        Entscheid(
            fall=fall,
            art=erstes.art,
            behoerde=erstes.behoerde,
            referenz="SA2 26 999",
            entscheid_datum=date(2026, 4, 1),
            rechtskraft_am=date(2026, 5, 1),
        ),
        durch=sb,
    )
    speichern(Sanktion(entscheid=zweites, art=Sanktionsart.FREIHEITSSTRAFE, dauer_monate=4), durch=sb)
    return domain.aktuelle_berechnung(fall, durch=sb)


def test_fallseite_zeigt_die_reihenfolge_des_vollzugs(client_als, fall_im_vollzug, sachbearbeitung):
    from django.urls import reverse

    test_spaeteres_urteil_wird_angefuegt_neue_version_mit_was_sich_geaendert_hat(
        fall_im_vollzug, sachbearbeitung
    )
    seite = (
        client_als(sachbearbeitung)
        .get(reverse("vollzugsdaten:fall", args=[fall_im_vollzug.pk]))
        .content.decode()
    )
    assert "Reihenfolge des Vollzugs" in seite
    assert "Freiheitsstrafe (SA2 26 999)" in seite and "01.02.2027" in seite and "31.05.2027" in seite
    assert "Strafe hinzugekommen: Freiheitsstrafe (SA2 26 999)" in seite
