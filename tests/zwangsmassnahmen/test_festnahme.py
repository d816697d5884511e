"""§ 32 JVG Festnahmen (R-32-1): an escape creates the arrest order and the tasks at once; the return
closes it."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kern.models import Aufgabe
from vollzug.recht import VollzugAufgabenart
from zwangsmassnahmen import domain
from zwangsmassnahmen.models import Entweichung
from zwangsmassnahmen.recht import ZwangsmassnahmenAufgabenart

from .hilfen import fall_anlegen, reise, zeit

pytestmark = pytest.mark.django_db
JETZT = zeit(2026, 11, 3, 22, 15)


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with reise(zeit(2026, 11, 1)):
        return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def melden(fall, durch, **daten):
    werte = {
        "art": "entwichen",
        "festgestellt_am": JETZT - timedelta(minutes=15),
        "umstaende": "Zählappell 22:00 fehlte.",
    }
    werte.update(daten)
    with reise(JETZT):
        return domain.entweichung_melden(fall=fall, durch=durch, **werte)


@pytest.mark.rule("R-32-1")
def test_entweichung_erzeugt_auftrag_und_aufgaben_sofort(fall, personal_a, anstalt_a):
    e = melden(fall, personal_a)
    assert e.auftrag_nummer == "FZA-2026-00001" and e.auftrag_am == JETZT
    info = Aufgabe.objects.get(art=VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN)
    assert (info.fuer_rolle, info.anstalt, info.fall, info.faellig_am) == (
        "anstaltsleitung",
        anstalt_a,
        fall,
        JETZT,
    )
    festnahme = Aufgabe.objects.get(art=ZwangsmassnahmenAufgabenart.FESTNAHME)
    assert (festnahme.fuer_rolle, festnahme.faellig_am) == ("sachbearbeitung", JETZT)
    assert "FZA-2026-00001" in festnahme.titel
    assert e.history.get().history_user == personal_a


@pytest.mark.rule("R-32-1")
def test_information_und_zufuehrung_schliessen_aufgaben(fall, personal_a, leitung_a, sachbearbeitung):
    e = melden(fall, personal_a)
    with reise(JETZT + timedelta(minutes=20)):
        domain.einweisungsbehoerde_informiert(entweichung=e, durch=leitung_a)
        with pytest.raises(ValidationError):
            domain.einweisungsbehoerde_informiert(entweichung=e, durch=leitung_a)
    assert Aufgabe.objects.get(art=VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN).erledigt_am is not None
    with reise(JETZT + timedelta(days=1)):
        with pytest.raises(ValidationError) as fehler:
            domain.zufuehrung_erfassen(
                entweichung=e, am=JETZT - timedelta(hours=1), art="polizei", durch=sachbearbeitung
            )
        assert "vor der Feststellung" in fehler.value.message_dict["zugefuehrt_am"][0]
        domain.zufuehrung_erfassen(
            entweichung=e, am=JETZT + timedelta(hours=20), art="polizei", durch=sachbearbeitung
        )
    e.refresh_from_db()
    assert e.zugefuehrt_am == JETZT + timedelta(hours=20)
    assert Aufgabe.objects.get(art=ZwangsmassnahmenAufgabenart.FESTNAHME).erledigt_durch == sachbearbeitung
    # The case can be reported again after the return.
    with reise(JETZT + timedelta(days=2)):
        domain.entweichung_melden(
            fall=fall,
            art="abwesend",
            festgestellt_am=JETZT + timedelta(days=2),
            umstaende="Urlaub",
            durch=personal_a,
        )
    assert Entweichung.objects.count() == 2


@pytest.mark.rule("R-32-1", "R-0-BAD-1")
def test_fehleingaben(fall, personal_a):
    with pytest.raises(ValidationError) as fehler:
        melden(fall, personal_a, festgestellt_am=JETZT + timedelta(minutes=1))
    assert "Zukunft" in fehler.value.message_dict["festgestellt_am"][0]
    with pytest.raises(ValidationError) as fehler:
        melden(fall, personal_a, umstaende="")
    assert "R-32-1" in fehler.value.message_dict["umstaende"][0]
    melden(fall, personal_a)
    with pytest.raises(ValidationError) as fehler:
        melden(fall, personal_a)
    assert "noch offen" in fehler.value.message_dict["fall"][0]
    assert Aufgabe.objects.count() == 2


@pytest.mark.rule("R-0-ROLE-1")
def test_nur_einrichtung_der_person_meldet(fall, personal_b, sachbearbeitung):
    for user in (personal_b, sachbearbeitung):
        with pytest.raises(PermissionDenied):
            melden(fall, user)
