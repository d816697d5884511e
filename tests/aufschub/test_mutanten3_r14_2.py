"""R-14-2 (§ 14 Abs. 1 JVG: Aufschub and Unterbrechung each at most one year) when a grant's Verfügung is
lifted (issue 23, `aufschub/domain/entscheid.py` `nach_aufhebung`; survivors of issue 25 at lines 285, 288
and 298). Only a grant whose Verfügung stands counts towards the year:

- a lifted Verfügung of another kind whose `object_id` equals the request's key ends nothing (285);
- a grant already ended (appeal upheld) keeps the date and reason of that end when its Verfügung is lifted
  afterwards (288);
- an interruption under way loses its ground: the return is ordered at once (298), one not started or
  already ended needs none;
- bug found here: a request decided anew after its grant was lifted kept the old end, so the new grant
  counted for nothing towards the year and could not be started (`gesuch_entscheiden` now clears it).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from aufschub import domain as aufschub
from aufschub import queries
from aufschub.models import Aufschubgesuch
from aufschub.recht import AufschubAufgabenart, Gesuchsart
from kern.models import Aufgabe
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Beschwerdeergebnis
from verfuegungen.recht import Verfuegungstyp as T

from .test_aufschub import HEUTE, _entscheiden, _eroeffnen, _gesuch

pytestmark = pytest.mark.django_db

GRUND = "Wiedererwägung: Geburtstermin verschoben"


def _bewilligt(sb, sb2, anstalt):
    """A granted interruption of 16 days, notified (in force), not yet started."""
    fall = fall_anlegen(durch=sb, eingewiesen_in=anstalt, eingewiesen_am=timezone.now() - timedelta(days=30))
    gesuch = _gesuch(
        sb,
        fall,
        art=Gesuchsart.UNTERBRECHUNG,
        eingereicht_am=HEUTE - timedelta(days=8),
        begehrt_von=HEUTE - timedelta(days=5),
        begehrt_bis=HEUTE + timedelta(days=10),
    )
    return gesuch, _eroeffnen(_entscheiden(gesuch, sb), sb, sb2)


def _genutzt(gesuch) -> int:
    return queries.kontingent(gesuch.sanktion, Gesuchsart.UNTERBRECHUNG).genutzt_tage


def _rueckkehr_aufgaben():
    return Aufgabe.objects.filter(art=AufschubAufgabenart.RUECKKEHR_VERANLASSEN)


@pytest.mark.rule("R-14-2")
def test_neu_bewilligtes_gesuch_nach_aufhebung_zaehlt_wieder(sachbearbeitung, sachbearbeitung2, anstalt_a):
    gesuch, v = _bewilligt(sachbearbeitung, sachbearbeitung2, anstalt_a)
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    gesuch.refresh_from_db()
    assert gesuch.bewilligung_beendet_am is not None and _genutzt(gesuch) == 0

    # Decided anew (the Verfügung was lifted, nothing followed from the grant): the new grant counts.
    v2 = _eroeffnen(_entscheiden(gesuch, sachbearbeitung), sachbearbeitung, sachbearbeitung2)
    gesuch.refresh_from_db()
    assert (gesuch.bewilligung_beendet_am, gesuch.bewilligung_beendet_grund) == (None, "")
    assert _genutzt(gesuch) == 16
    ab = timezone.now() - timedelta(hours=1)
    aufschub.unterbrechung_antreten(gesuch=gesuch, am=ab, durch=sachbearbeitung)
    gesuch.refresh_from_db()
    assert gesuch.unterbrechung_ab == ab
    # The earlier end stays in the history of the request.
    assert any(h.bewilligung_beendet_am is not None for h in gesuch.history.all())

    # Lifting the new grant ends it again, with the new Verfügung's reason.
    vfg.aufheben(verfuegung=v2, grund="Rückzug", durch=sachbearbeitung2)
    gesuch.refresh_from_db()
    assert v2.nummer in gesuch.bewilligung_beendet_grund and _genutzt(gesuch) == 0


@pytest.mark.rule("R-14-2")
def test_aufgehobene_fremde_verfuegung_mit_gleicher_object_id_beendet_nichts(
    sachbearbeitung, sachbearbeitung2, anstalt_a
):
    gesuch, _v = _bewilligt(sachbearbeitung, sachbearbeitung2, anstalt_a)
    # A § 14 Verfügung about the case (not the request) whose object_id happens to equal the request's key.
    fremd = vfg.verfuegung_entwerfen(
        typ=T.AUFSCHUB_14,
        person=gesuch.fall.person,
        fall=gesuch.fall,
        gegenstand=gesuch.fall,
        daten=vfg.Entwurfsdaten(
            titel="Andere Verfügung",
            rechtsgrundlage="§ 14 JVG",
            sachverhalt="Der Sachverhalt.",
            begruendung="Die Begründung.",
            dispositiv="Erste Ziffer.",
        ),
        durch=sachbearbeitung,
    )
    Verfuegung.objects.filter(pk=fremd.pk).update(object_id=gesuch.pk)
    fremd.refresh_from_db()
    assert fremd.content_type.model == "vollzugsfall" and fremd.object_id == gesuch.pk
    fremd = _eroeffnen(fremd, sachbearbeitung, sachbearbeitung2)
    vorher = gesuch.history.count()

    vfg.aufheben(verfuegung=fremd, grund=GRUND, durch=sachbearbeitung2)

    g = Aufschubgesuch.objects.get(pk=gesuch.pk)
    assert (g.bewilligung_beendet_am, g.bewilligung_beendet_grund) == (None, "")
    assert g.history.count() == vorher
    assert _genutzt(g) == 16


@pytest.mark.rule("R-14-2")
def test_schon_beendete_bewilligung_behaelt_ende_der_beschwerde(sachbearbeitung, sachbearbeitung2, anstalt_a):
    gesuch, v = _bewilligt(sachbearbeitung, sachbearbeitung2, anstalt_a)
    vfg.beschwerde_erfassen(verfuegung=v, eingegangen_am=HEUTE, durch=sachbearbeitung)
    v.refresh_from_db()
    vfg.beschwerdeentscheid_erfassen(
        verfuegung=v, ergebnis=Beschwerdeergebnis.GUTGEHEISSEN, am=HEUTE, durch=sachbearbeitung
    )
    gesuch.refresh_from_db()
    ende, grund = gesuch.bewilligung_beendet_am, gesuch.bewilligung_beendet_grund
    assert ende is not None and "gutgeheissen" in grund
    vorher = gesuch.history.count()

    v.refresh_from_db()
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)

    gesuch.refresh_from_db()
    assert (gesuch.bewilligung_beendet_am, gesuch.bewilligung_beendet_grund) == (ende, grund)
    assert GRUND not in gesuch.bewilligung_beendet_grund
    assert gesuch.history.count() == vorher
    assert _genutzt(gesuch) == 0


@pytest.mark.rule("R-14-2")
def test_aufgehobene_laufende_unterbrechung_verlangt_rueckkehr_sonst_nicht(
    sachbearbeitung, sachbearbeitung2, anstalt_a
):
    # Not started: the grant ends, no return to order.
    gesuch, v = _bewilligt(sachbearbeitung, sachbearbeitung2, anstalt_a)
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    assert not _rueckkehr_aufgaben().exists()

    # Under way: the person is out of custody without a grant that counts; the return is ordered now.
    gesuch, v = _bewilligt(sachbearbeitung, sachbearbeitung2, anstalt_a)
    aufschub.unterbrechung_antreten(
        gesuch=gesuch, am=timezone.now() - timedelta(hours=2), durch=sachbearbeitung
    )
    vor = timezone.now()
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    [aufgabe] = _rueckkehr_aufgaben()
    assert aufgabe.fall_id == gesuch.fall_id and aufgabe.fuer_rolle == "sachbearbeitung"
    assert vor <= aufgabe.faellig_am <= timezone.now()
    person = gesuch.fall.person
    assert aufgabe.titel == (
        f"Rückkehr von {person.vorname} {person.amtlicher_name} in den Vollzug veranlassen: "
        "Unterbrechung aufgehoben (§ 14 JVG)"
    )

    # Already ended (re-entry recorded): the grant ends, no further task.
    gesuch, v = _bewilligt(sachbearbeitung, sachbearbeitung2, anstalt_a)
    aufschub.unterbrechung_antreten(
        gesuch=gesuch, am=timezone.now() - timedelta(hours=2), durch=sachbearbeitung
    )
    aufschub.unterbrechung_beenden(
        gesuch=gesuch, am=timezone.now() - timedelta(hours=1), durch=sachbearbeitung
    )
    vfg.aufheben(verfuegung=v, grund=GRUND, durch=sachbearbeitung2)
    gesuch.refresh_from_db()
    assert gesuch.bewilligung_beendet_am is not None
    assert _rueckkehr_aufgaben().count() == 1
