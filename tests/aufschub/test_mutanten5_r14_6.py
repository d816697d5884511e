"""R-14-6 (§ 14 JVG: the decision is a Verfügung; at the end of a granted deferral a summons is due) –
survivors of the mutation run (issue 25, session 7):

- the Fristenkontrolle entry of the summons names the last granted day and the day execution starts
  (the day after);
- an interruption whose grant was set aside on appeal cannot be started, with the § 14 message of R-14-6
  (not only the later check of the notified Verfügung), and no return task is created for it;
- an interruption whose Verfügung is notified starts;
- a granted deferral whose Verfügung is lifted ends (date and reason) and needs no summons any more;
- in the browser the summons is recorded once (the second click is refused with its message), an unknown
  action is 404.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from aufschub import domain as aufschub
from aufschub.models import Aufschubgesuch
from aufschub.recht import AufschubAufgabenart
from fristenkontrolle.queries import alle_fristen
from kern.fristen import tagesende
from kern.models import Aufgabe
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.recht import Beschwerdeergebnis
from vollzug.recht import Fallstatus

from . import test_aufhebung
from .test_aufhebung import _beschwerde
from .test_aufschub import _entscheiden, _eroeffnen, _gesuch

pytestmark = pytest.mark.django_db

# A granted interruption, notified, not yet started (the fixture of test_aufhebung).
bewilligt = test_aufhebung.bewilligt


@pytest.fixture
def fall(sachbearbeitung):
    """A case in intake (not started): Aufschub possible."""
    return fall_anlegen(durch=sachbearbeitung)


@pytest.mark.rule("R-14-6")
def test_aufgebot_nennt_letzten_tag_und_vollzugsantritt(sachbearbeitung, fall):
    gesuch = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 1), begehrt_bis=date(2027, 2, 28))
    _entscheiden(gesuch, sachbearbeitung)

    [eintrag] = alle_fristen(sachbearbeitung, typ="aufgebot_14")

    assert (eintrag.titel, eintrag.faellig, eintrag.regel) == (
        f"Aufgebot Fall {fall.fallnummer}: Aufschub bis 28.02.2027, Vollzugsantritt am 01.03.2027 (§ 14 JVG)",
        tagesende(date(2027, 2, 15)),
        "R-14-6",
    )


@pytest.mark.rule("R-14-6")
def test_unterbrechung_nach_gutgeheissener_beschwerde_nicht_antretbar(bewilligt, sachbearbeitung):
    gesuch, v = bewilligt
    _beschwerde(v, Beschwerdeergebnis.GUTGEHEISSEN, sachbearbeitung)

    with pytest.raises(ValidationError) as exc:
        aufschub.unterbrechung_antreten(
            gesuch=gesuch, am=timezone.now() - timedelta(hours=1), durch=sachbearbeitung
        )

    assert exc.value.message_dict["unterbrechung_ab"] == [
        "§ 14 JVG (R-14-6): Die Bewilligung ist beendet (Verfügung aufgehoben oder Beschwerde gutgeheissen)."
    ]
    gesuch = Aufschubgesuch.objects.get(pk=gesuch.pk)
    assert (gesuch.unterbrechung_ab, gesuch.bewilligung_beendet_am is not None) == (None, True)
    # Not started yet: nobody has to be brought back (issue 23), so no task.
    assert not Aufgabe.objects.filter(art=AufschubAufgabenart.RUECKKEHR_VERANLASSEN).exists()


@pytest.mark.rule("R-14-6")
def test_aufgehobener_aufschub_verlangt_kein_aufgebot(sachbearbeitung, sachbearbeitung2, fall):
    gesuch = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 1), begehrt_bis=date(2027, 3, 31))
    v = _eroeffnen(_entscheiden(gesuch, sachbearbeitung), sachbearbeitung, sachbearbeitung2)
    assert len(alle_fristen(sachbearbeitung, typ="aufgebot_14")) == 1

    vfg.aufheben(verfuegung=v, grund="Wiedererwägung: Geburtstermin verschoben", durch=sachbearbeitung2)

    gesuch = Aufschubgesuch.objects.get(pk=gesuch.pk)
    assert gesuch.bewilligung_beendet_am is not None
    assert "Geburtstermin verschoben" in gesuch.bewilligung_beendet_grund
    assert alle_fristen(sachbearbeitung, typ="aufgebot_14") == []


@pytest.mark.rule("R-14-1", "R-14-6")
def test_unterbrechung_mit_eroeffneter_verfuegung_beginnt(bewilligt, sachbearbeitung):
    gesuch, v = bewilligt
    am = timezone.now() - timedelta(hours=1)

    aufschub.unterbrechung_antreten(gesuch=gesuch, am=am, durch=sachbearbeitung)

    gesuch = Aufschubgesuch.objects.select_related("fall").get(pk=gesuch.pk)
    assert (gesuch.unterbrechung_ab, gesuch.fall.status) == (am, Fallstatus.UNTERBROCHEN)


@pytest.mark.rule("R-14-6")
def test_ui_aufgebot_erfassen_einmal_und_unbekannte_aktion_404(client_als, sachbearbeitung, fall):
    gesuch = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 1), begehrt_bis=date(2027, 3, 31))
    _entscheiden(gesuch, sachbearbeitung)
    client = client_als(sachbearbeitung)
    url = reverse("vollzug:gesuch14_schritt", args=[gesuch.pk, "aufgebot"])

    antwort = client.post(url)

    assert antwort.status_code == 302
    assert antwort["Location"] == reverse("vollzug:gesuch14_detail", args=[gesuch.pk])
    erfasst = Aufschubgesuch.objects.get(pk=gesuch.pk).aufgebot_am
    assert erfasst is not None
    assert alle_fristen(sachbearbeitung, typ="aufgebot_14") == []
    zweimal = client.post(url, follow=True)
    assert (
        f"Das Aufgebot ist bereits am {timezone.localtime(erfasst):%d.%m.%Y %H:%M} erfasst." in zweimal.text
    )
    assert Aufschubgesuch.objects.get(pk=gesuch.pk).aufgebot_am == erfasst
    assert client.post(reverse("vollzug:gesuch14_schritt", args=[gesuch.pk, "vorladen"])).status_code == 404
