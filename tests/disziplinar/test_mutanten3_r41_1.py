"""R-41-1 (§ 41 Abs. 1 JVG): the survivor `verfuegungen/permissions.py:115` `== → !=` of issue 25.

`darf_vollzug_erfassen`: a disciplinary sanction still to be executed after a transfer is executed by the
facility where the person is placed now (issue 23); its management records the execution of the sanction
and so of the Verfügung, which the old facility's management approved. Without the branch for the
disciplinary type only the approving facility could close the decision.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from disziplinar import domain
from disziplinar.domain import SanktionDaten
from disziplinar.models import Disziplinarsanktion
from disziplinar.recht import Disziplinarsanktionsart as A
from disziplinar.recht import Sanktionsstatus
from kern.rollen import Rolle
from tests.factories import fall_anlegen
from verfuegungen.models import Verfuegung
from verfuegungen.permissions import darf_vollzug_erfassen
from verfuegungen.recht import EroeffnungArt, Verfuegungsstatus
from vollzug import domain as vollzug_domain

from .test_disziplinar import benutzer, entwurf, genehmigt, verfahren

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-41-1")
def test_nach_versetzung_vollzieht_die_leitung_der_aufnehmenden_einrichtung_den_arrest(
    personal_a, personal_b, leitung_a, anstalt_a, anstalt_b, sachbearbeitung
):
    leitung_a2 = benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)
    leitung_b = benutzer("leitung_b", Rolle.ANSTALTSLEITUNG, anstalt_b)
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    v = verfahren(personal_a, leitung_a, fall)
    vollzug_domain.versetzen(
        fall=fall,
        anstalt=anstalt_b,
        am=timezone.now(),
        grund="a",
        begruendung="Platzgründe",
        durch=sachbearbeitung,
    )
    # The facility of the offence decides (lit. f: Arrest of 2 days), approved by its management.
    verfuegung = entwurf(v, leitung_a, [SanktionDaten(A.ARREST, dauer_tage=2)])
    genehmigt(verfuegung, leitung_a, leitung_a2)
    domain.verfuegung_eroeffnen(verfahren=v, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)
    verfuegung = Verfuegung.objects.get(pk=verfuegung.pk)
    assert verfuegung.anstalt_id == anstalt_a.pk and verfuegung.status == Verfuegungsstatus.EROEFFNET
    assert darf_vollzug_erfassen(leitung_b, verfuegung)
    assert not darf_vollzug_erfassen(personal_b, verfuegung)
    sanktion = Disziplinarsanktion.objects.get(verfuegung=verfuegung)

    with time_machine.travel(timezone.now() + timedelta(days=2)):
        # Staff of the receiving facility do not execute; nothing is stored.
        with pytest.raises(PermissionDenied):
            domain.sanktion_vollziehen(sanktion=sanktion, durch=personal_b)
        assert Disziplinarsanktion.objects.get(pk=sanktion.pk).status == Sanktionsstatus.ANGEORDNET
        # Its management executes the Arrest and so closes the decision.
        domain.sanktion_vollziehen(sanktion=sanktion, durch=leitung_b)

    s = Disziplinarsanktion.objects.get(pk=sanktion.pk)
    assert s.status == Sanktionsstatus.VOLLZOGEN and s.vollzogen_am is not None
    assert s.history.first().history_user == leitung_b
    verfuegung = Verfuegung.objects.get(pk=verfuegung.pk)
    assert verfuegung.status == Verfuegungsstatus.VOLLZOGEN
    assert verfuegung.history.first().history_user == leitung_b
