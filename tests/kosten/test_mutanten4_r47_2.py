"""Mutants of R-47-2 (§ 47 Abs. 2 JVG: an item social assistance pays subsidiarily goes to the Sozialdienst
of a Lucerne Unterstützungswohnsitz, otherwise to the canton) that survived the marked tests (issue 25,
session 7).

- `domain/abrechnung.py:204`, `:205` (`_ziel_pruefen`): a statement to the social assistance names the
  municipality's Sozialdienst; without one it is refused and nothing is created.
- `domain/positionen.py:201`, `:210` (`kostenposition_erfassen`): the routing note of a subsidiary item is
  kept in the history, cut at 100 characters; the canton's task to decide is due in 30 days.
"""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from kern.models import Aufgabe
from kosten import domain
from kosten.models import Abrechnung, Kostenposition
from kosten.recht import Kanton, KostenAufgabenart, Zahler
from tests.factories import fall_anlegen
from tests.kosten.hilfen import position, sozialdienst, zeit

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    # The whole test runs on 31.03.2026, 12:00 (the task's due time is counted from now).
    with time_machine.travel(zeit(date(2026, 3, 31), 12), tick=False):
        yield fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.mark.rule("R-47-2")
def test_abrechnung_an_die_sozialhilfe_braucht_den_sozialdienst(fall, sachbearbeitung):
    with pytest.raises(ValidationError) as e:
        domain.abrechnung_erstellen(
            zahler=Zahler.SOZIALHILFE,
            von=date(2026, 3, 1),
            bis=date(2026, 3, 31),
            heute=date(2026, 3, 31),
            durch=sachbearbeitung,
        )
    assert e.value.message_dict["sozialdienst"] == ["§ 47 Abs. 2 lit. a JVG (R-47-2): Sozialdienst wählen."]
    assert not Abrechnung.objects.exists()


@pytest.mark.rule("R-47-2")
def test_luzern_hinweis_in_der_geschichte_auf_100_zeichen(fall, sachbearbeitung):
    gemeinde = "Sozialdienste des Gemeindeverbands Rontal, Ebikon-Dierikon-Root"
    sd = sozialdienst(gemeinde)
    domain.unterstuetzungswohnsitz_erfassen(
        person=fall.person,
        kanton=Kanton.LU,
        sozialdienst=sd,
        gueltig_ab=date(2020, 1, 1),
        durch=sachbearbeitung,
    )
    p = position(fall, sachbearbeitung, kategorie="47e", subsidiaer=True)
    p = Kostenposition.objects.get(pk=p.pk)
    assert (p.zahler, p.sozialdienst, p.subsidiaer) == (Zahler.SOZIALHILFE, sd, True)
    hinweis = (
        "§ 47 Abs. 2 lit. a JVG: Unterstützungswohnsitz Sozialdienste des Gemeindeverbands Rontal, Ebikon-Die"
    )
    assert len(hinweis) == 100
    assert [h.history_change_reason for h in p.history.all()] == [hinweis]
    assert not Aufgabe.objects.filter(art=KostenAufgabenart.KOSTEN_PRUEFEN).exists()


@pytest.mark.rule("R-47-2")
def test_ausserkantonal_entscheidet_der_kanton_in_30_tagen(fall, sachbearbeitung):
    domain.unterstuetzungswohnsitz_erfassen(
        person=fall.person,
        kanton=Kanton.BE,
        gemeinde="Thun",
        gueltig_ab=date(2020, 1, 1),
        durch=sachbearbeitung,
    )
    p = position(fall, sachbearbeitung, kategorie="47e", subsidiaer=True)
    p = Kostenposition.objects.get(pk=p.pk)
    assert (p.zahler, p.sozialdienst, p.subsidiaer) == (Zahler.KANTON, None, True)
    aufgabe = Aufgabe.objects.get(art=KostenAufgabenart.KOSTEN_PRUEFEN)
    assert (aufgabe.fall, aufgabe.faellig_am) == (fall, zeit(date(2026, 4, 30), 12))
    assert [h.history_change_reason for h in p.history.all()] == [
        "§ 47 Abs. 2 lit. b JVG: Unterstützungswohnsitz Bern – Kanton entscheidet"
    ]
