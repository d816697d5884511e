"""Mutation survivors of R-49-1 (issue 25): FU costs (§ 49 JVG, § 57 EGZGB), recorded and read back.

A § 49 item needs its basis and keeps it; it may be dated today but not tomorrow; the history holds one
entry with actor and reason. Carried subsidiarily (§ 57 EGZGB with § 47 Abs. 2), it goes to the
Lucerne municipality's social assistance without a task, or to the canton, which gets a task due in
30 days. "Today" is 31.03.2027 (time-machine)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from kern.models import Aufgabe
from kosten import domain
from kosten.models import Kostenposition
from kosten.recht import Kanton, KostenAufgabenart, Zahler
from tests.factories import fall_anlegen
from tests.kosten.hilfen import sozialdienst, zeit

pytestmark = pytest.mark.django_db

HEUTE = date(2027, 3, 31)
GRUND = "§ 57 EGZGB: Kostengutsprache"


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with time_machine.travel(zeit(HEUTE, 12), tick=False):
        yield fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def _erfassen(fall, sb, **kw):
    daten = {
        "kategorie": "49",
        "datum": date(2027, 3, 2),
        "bezeichnung": "FU März",
        "betrag": Decimal("2400.00"),
        "beleg": ContentFile(b"Rechnung FU", name="rechnung-fu.pdf"),
        "weiterverrechnung_grund": GRUND,
        **kw,
    }
    return domain.kostenposition_erfassen(fall=fall, durch=sb, **daten)


def _aufgaben():
    return Aufgabe.objects.filter(art=KostenAufgabenart.KOSTEN_PRUEFEN)


@pytest.mark.rule("R-49-1", grenze=True)
def test_49_datum_heute_gespeichert_morgen_abgelehnt_grenze(fall, sachbearbeitung):
    with pytest.raises(ValidationError) as e:
        _erfassen(fall, sachbearbeitung, datum=date(2027, 4, 1))
    assert e.value.message_dict["datum"] == [
        "R-0-BAD-1: Das Datum einer Kostenposition kann nicht in der Zukunft liegen."
    ]
    assert not Kostenposition.objects.exists()
    p = Kostenposition.objects.get(pk=_erfassen(fall, sachbearbeitung, datum=HEUTE).pk)
    assert (p.kategorie, p.datum, p.zahler, p.weiterverrechnung_grund) == ("49", HEUTE, Zahler.PERSON, GRUND)


@pytest.mark.rule("R-49-1")
def test_49_kanton_ohne_aufgabe_beleg_und_eine_historie(fall, sachbearbeitung):
    p = _erfassen(fall, sachbearbeitung, zahler=Zahler.KANTON)
    p = Kostenposition.objects.get(pk=p.pk)
    assert (p.zahler, p.subsidiaer, p.weiterverrechnung_grund) == (Zahler.KANTON, False, GRUND)
    assert p.beleg.name == f"kosten/belege/{fall.fallnummer}/rechnung-fu.pdf"
    assert [(h.history_type, h.history_user, h.history_change_reason) for h in p.history.all()] == [
        ("+", sachbearbeitung, "Kostenposition erfasst")
    ]
    # Not subsidiary: the canton carries it under § 57 EGZGB; nothing to decide under § 47 Abs. 2 lit. b.
    assert not _aufgaben().exists()


@pytest.mark.rule("R-49-1")
def test_49_subsidiaer_luzern_ohne_aufgabe_ausland_kanton_mit_aufgabe(fall, sachbearbeitung):
    sd = sozialdienst("Kriens")
    domain.unterstuetzungswohnsitz_erfassen(
        person=fall.person,
        kanton=Kanton.LU,
        sozialdienst=sd,
        gueltig_ab=date(2027, 1, 1),
        durch=sachbearbeitung,
    )
    domain.unterstuetzungswohnsitz_erfassen(
        person=fall.person, kanton=Kanton.AUSLAND, gueltig_ab=date(2027, 3, 15), durch=sachbearbeitung
    )
    luzern = _erfassen(fall, sachbearbeitung, subsidiaer=True, datum=date(2027, 3, 14))
    assert (luzern.zahler, luzern.sozialdienst) == (Zahler.SOZIALHILFE, sd)
    assert not _aufgaben().exists()
    ausland = _erfassen(fall, sachbearbeitung, subsidiaer=True, datum=date(2027, 3, 15))
    ausland = Kostenposition.objects.get(pk=ausland.pk)
    assert (ausland.zahler, ausland.sozialdienst, ausland.subsidiaer) == (Zahler.KANTON, None, True)
    aufgabe = _aufgaben().get()
    assert (aufgabe.fall, aufgabe.faellig_am) == (fall, zeit(date(2027, 4, 30), 12))
    # The routing note is cut to the history's 100 characters ("… – Kanton e"), not shortened further.
    hinweis = (
        "§ 47 Abs. 2 lit. b JVG: Unterstützungswohnsitz kein Unterstützungswohnsitz in der Schweiz – Kanton e"
    )
    assert len(hinweis) == 100
    assert [h.history_change_reason for h in ausland.history.all()] == [hinweis]
