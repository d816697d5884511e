"""Boundary tests (issue 25) of the Fristenkontrolle (R-0-FRIST-4): a deadline due right now is not overdue,
one due a moment before is; "diese Woche" ends on Sunday 23:59:59 Europe/Zurich. The stored deadline of a
notified Verfügung appears with its end of day. Bad filter input answers with the page, never a 500.
"""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from fristenkontrolle.queries import alle_fristen, gruppieren
from kern.erweiterungen import FristEintrag
from kern.fristen import TZ
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.recht import EroeffnungArt, Verfuegungstyp

pytestmark = pytest.mark.django_db

JETZT = datetime(2026, 3, 11, 10, 0, tzinfo=TZ)  # a Wednesday


def _eintrag(faellig: datetime, titel: str) -> FristEintrag:
    return FristEintrag(typ="test", titel=titel, faellig=faellig, url="/")


@pytest.mark.rule("R-0-FRIST-4", grenze=True)
def test_faellig_jetzt_nicht_ueberfaellig_eine_mikrosekunde_davor_schon():
    eintraege = [
        _eintrag(JETZT - timedelta(microseconds=1), "knapp vorbei"),
        _eintrag(JETZT, "genau jetzt"),
        _eintrag(datetime(2026, 3, 15, 23, 59, 59, tzinfo=TZ), "Sonntag Abend"),
        _eintrag(datetime(2026, 3, 16, 0, 0, tzinfo=TZ), "Montag 00:00"),
    ]
    gruppen = gruppieren(eintraege, JETZT)
    assert {name: [e.titel for e in liste] for name, liste in gruppen.items()} == {
        "ueberfaellig": ["knapp vorbei"],
        "diese_woche": ["genau jetzt", "Sonntag Abend"],
        "spaeter": ["Montag 00:00"],
    }


@pytest.mark.rule("R-0-FRIST-4", grenze=True)
def test_gespeicherte_beschwerdefrist_am_letzten_tag_offen_danach_ueberfaellig(
    client_als, sachbearbeitung, sachbearbeitung2, anstalt_a
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    daten = vfg.Entwurfsdaten(
        titel="Versetzung", rechtsgrundlage="§ 17 JVG", sachverhalt="S", begruendung="B", dispositiv="1. D"
    )
    # Notified Mon 30.03.2026: 20 days → Sun 19.04 → Mon 20.04.2026, 23:59:59.
    with time_machine.travel(datetime(2026, 3, 30, 10, 0, tzinfo=TZ), tick=False):
        v = vfg.verfuegung_entwerfen(
            typ=Verfuegungstyp.VERSETZUNG_17,
            person=fall.person,
            fall=fall,
            daten=daten,
            durch=sachbearbeitung,
        )
        v = vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
        v = vfg.genehmigen(verfuegung=v, durch=sachbearbeitung2)
        v = vfg.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sachbearbeitung)
    ende = datetime(2026, 4, 20, 23, 59, 59, tzinfo=TZ)
    (eintrag,) = [e for e in alle_fristen(sachbearbeitung, heute=date(2026, 4, 20)) if v.nummer in e.titel]
    assert (eintrag.faellig, eintrag.person_id) == (ende, fall.person_id)
    assert [e.titel for e in gruppieren([eintrag], ende)["ueberfaellig"]] == []
    assert [e.titel for e in gruppieren([eintrag], ende + timedelta(seconds=1))["ueberfaellig"]] == [
        eintrag.titel
    ]

    with pytest.raises(ValueError, match="Unbekannter Fristtyp"):
        alle_fristen(sachbearbeitung, typ="unsinn")
    # Bad filter input on the page: the page answers (no 500) and lists nothing wrong.
    seite = reverse("fristenkontrolle:uebersicht")
    for abfrage, feld, text in (
        ({"typ": "unsinn"}, "typ", "Unbekannter Fristtyp «unsinn»."),
        (
            {"anstalt": "abc"},
            "anstalt",
            "Diese Einrichtung gibt es nicht oder sie ist für Sie nicht sichtbar.",
        ),
        ({"person": "x" * 5000}, "person", "höchstens 100 Zeichen"),
    ):
        antwort = client_als(sachbearbeitung).get(seite, abfrage)
        assert antwort.status_code == 200
        assert text in " ".join(antwort.context["form"].errors[feld])
        assert text in antwort.content.decode()
