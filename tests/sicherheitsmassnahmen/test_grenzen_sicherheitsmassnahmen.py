"""Boundary tests (issue 25) of § 31 JVG: the proposal with its risk (R-31-1) and the transfer on a Saturday,
Sunday or holiday (R-31-4). Just inside (stored, read back), just outside (German message naming the §,
nothing stored), bad input. Literals: Fri 15.05.2026 23:59 is a working day in Lucerne, Sat 16.05. 00:00 not.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from kern.fristen import TZ
from kern.models import Aufgabe
from sicherheitsmassnahmen.models import Sicherheitsmassnahme
from sicherheitsmassnahmen.recht import Massnahmenart, Massnahmenstatus, Risiko
from tests.factories import fall_anlegen
from verfuegungen.models import Verfuegung
from vollzug import domain as vollzug_services
from vollzug.recht import VollzugAufgabenart

from .hilfen import beantragen, fixture_fall_a  # noqa: F401 (fixture fall_a)

pytestmark = pytest.mark.django_db


def zeit(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


# --- R-31-1: a measure of lit. a–g, with at least one risk of § 31 Abs. 1 ---------------------------


@pytest.mark.rule("R-31-1", grenze=True)
def test_ein_risiko_genuegt_keines_nicht(fall_a, personal_a, anstalt_a):
    falsch = [
        ({"risiken": []}, "risiken", "§ 31 Abs. 1 JVG (R-31-1): Mindestens ein Risiko angeben"),
        ({"risiken": ["langeweile"]}, "risiken", "§ 31 Abs. 1 JVG (R-31-1): Unbekanntes Risiko."),
        ({"art": "lit_h"}, "art", "§ 31 Abs. 2 JVG (R-31-1): Unbekannte Sicherheitsmassnahme (lit. a–g)."),
        ({"sachverhalt": "  "}, "sachverhalt", "§ 31 Abs. 1 JVG (R-31-1): Das Verhalten"),
        ({"begruendung": ""}, "begruendung", "§ 31 Abs. 1 JVG (R-31-1): Begründen"),
    ]
    for kw, feld, text in falsch:
        with pytest.raises(ValidationError) as e:
            beantragen(fall_a, personal_a, **kw)
        assert e.value.message_dict[feld][0].startswith(text)
        assert not Sicherheitsmassnahme.objects.exists()
        assert not Verfuegung.objects.exists()

    m = beantragen(fall_a, personal_a, art=Massnahmenart.BEOBACHTUNG, risiken=[Risiko.EIGENGEFAEHRDUNG])
    g = Sicherheitsmassnahme.objects.get(pk=m.pk)
    assert (g.art, g.status, g.risiken, g.anstalt_id, g.beantragt_durch_id) == (
        Massnahmenart.BEOBACHTUNG,
        Massnahmenstatus.BEANTRAGT,
        [Risiko.EIGENGEFAEHRDUNG],
        anstalt_a.pk,
        personal_a.pk,
    )
    assert g.verfuegung.status == "zur_genehmigung"


@pytest.mark.rule("R-31-1", grenze=True)
def test_antrag_nur_in_der_einrichtung_der_platzierung(fall_a, personal_a, personal_b, sachbearbeitung):
    for user in (personal_b, sachbearbeitung):
        with pytest.raises(PermissionDenied) as e:
            beantragen(fall_a, user)
        assert str(e.value) == "Keine Berechtigung: Sicherheitsmassnahme beantragen (R-0-ROLE-1)."
    assert not Sicherheitsmassnahme.objects.exists()
    beantragen(fall_a, personal_a)
    assert Sicherheitsmassnahme.objects.get().beantragt_durch_id == personal_a.pk


# --- R-31-4: transfer on a non-working day → inform the Einweisungsbehörde on the next working day -----


def _informieren(fall):
    return Aufgabe.objects.filter(art=VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN, fall=fall)


def _versetzen_am(moment, sachbearbeitung, von, nach, **kw):
    with time_machine.travel(moment, tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=von, eingewiesen_am=zeit(2026, 1, 5, 9, 0))
        vollzug_services.versetzen(fall=fall, anstalt=nach, am=moment, durch=sachbearbeitung, **kw)
    return fall


@pytest.mark.rule("R-31-4", grenze=True)
def test_freitag_2359_keine_meldung_samstag_0000_meldung_am_montag(sachbearbeitung, anstalt_a, anstalt_b):
    # Given in UTC, as an API client or the database would: the Lucerne calendar day counts.
    freitag = _versetzen_am(
        datetime(2026, 5, 15, 21, 59, tzinfo=UTC), sachbearbeitung, anstalt_a, anstalt_b, grund="a"
    )
    assert not _informieren(freitag).exists()

    samstag = _versetzen_am(
        datetime(2026, 5, 15, 22, 0, tzinfo=UTC), sachbearbeitung, anstalt_a, anstalt_b, grund="a"
    )
    aufgabe = _informieren(samstag).get()
    assert (aufgabe.faellig_am, aufgabe.anstalt_id) == (zeit(2026, 5, 18, 23, 59, 59), anstalt_b.pk)
    assert aufgabe.titel == (
        "Einweisungsbehörde über die Versetzung vom Samstag, 16.05.2026 informieren (§ 31 Abs. 4 JVG)"
    )
    assert aufgabe.history.get().history_user_id == sachbearbeitung.pk


@pytest.mark.rule("R-31-4", grenze=True)
def test_versetzung_ohne_grund_am_samstag_nichts_gespeichert(sachbearbeitung, anstalt_a, anstalt_b):
    # Bad input: the transfer itself is refused (no reason a–e): no task either.
    with time_machine.travel(zeit(2026, 5, 16, 10, 0), tick=False):
        fall = fall_anlegen(
            durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=zeit(2026, 1, 5, 9, 0)
        )
        with pytest.raises(ValidationError):
            vollzug_services.versetzen(
                fall=fall, anstalt=anstalt_b, am=zeit(2026, 5, 16, 10, 0), durch=sachbearbeitung
            )
    assert not _informieren(fall).exists()
    assert fall.platzierungen.get().anstalt_id == anstalt_a.pk
