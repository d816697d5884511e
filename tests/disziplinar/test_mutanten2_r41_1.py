"""R-41-1 (§ 41 JVG): proofs that the second mutation run (issue 25, mutants 41–86) showed missing.

Limits are literals: "today" is Friday 12.03.2027.
"""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from disziplinar.domain import SanktionDaten
from disziplinar.models import Disziplinarsanktion
from disziplinar.recht import Disziplinarsanktionsart as A
from kern.fristen import TZ
from kern.rollen import Rolle
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from verfuegungen.permissions import darf_vollzug_erfassen
from verfuegungen.recht import Verfuegungsstatus

from .test_disziplinar import benutzer, entwurf, eroeffnet, meldungen, verfahren

pytestmark = pytest.mark.django_db

HEUTE = datetime(2027, 3, 12, 9, 0, tzinfo=TZ)


@pytest.fixture
def verfahren_heute(sachbearbeitung, personal_a, leitung_a, anstalt_a):
    with time_machine.travel(HEUTE, tick=False):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        return verfahren(personal_a, leitung_a, fall)


@pytest.mark.rule("R-41-1", grenze=True)
def test_vollzugsbeginn_heute_gespeichert_gestern_abgelehnt_grenze(verfahren_heute, leitung_a):
    # Just outside: a start yesterday is refused at the row, nothing is stored.
    with time_machine.travel(HEUTE, tick=False):
        with pytest.raises(ValidationError) as e:
            entwurf(
                verfahren_heute,
                leitung_a,
                [SanktionDaten(A.ARREST, dauer_tage=2, vollzug_beginn=date(2027, 3, 11))],
            )
        assert meldungen(e, "sanktionen[0].vollzug_beginn") == [
            "§ 41 Abs. 1 lit. f JVG (R-41-1): Der Vollzugsbeginn ist ein Datum ab heute."
        ]
        assert not Disziplinarsanktion.objects.exists()
        # Just inside: a start today is stored, with the end the server computes (2 days: today and tomorrow).
        v = entwurf(
            verfahren_heute,
            leitung_a,
            [SanktionDaten(A.ARREST, dauer_tage=2, vollzug_beginn=date(2027, 3, 12))],
        )
    s = Disziplinarsanktion.objects.get()
    assert (s.verfuegung_id, s.art, s.dauer_tage, s.vollzug_beginn, s.vollzug_ende) == (
        v.pk,
        A.ARREST,
        2,
        date(2027, 3, 12),
        date(2027, 3, 13),
    )
    assert s.history.get().history_user == leitung_a


@pytest.mark.rule("R-41-1", grenze=True)
@pytest.mark.parametrize("art", [A.EINSCHLUSS, A.ARREST], ids=["einschluss", "arrest"])
def test_db_dauer_1_tag_gespeichert_0_tage_verweigert_grenze(verfahren_heute, leitung_a, art):
    """The database (CheckConstraint dsanktion_dauer_nach_art) holds lit. e/f at 1 day, not only the service."""
    with time_machine.travel(HEUTE, tick=False):
        v = entwurf(verfahren_heute, leitung_a, [SanktionDaten(art, dauer_tage=1)])
    s = v.disziplinarsanktionen.get()
    assert (s.art, s.dauer_tage, s.vollzug_beginn, s.vollzug_ende) == (art, 1, None, None)
    s.dauer_tage = 0
    with pytest.raises(IntegrityError), transaction.atomic():
        s.save()
    assert Disziplinarsanktion.objects.get(pk=s.pk).dauer_tage == 1


@pytest.mark.rule("R-41-1")
def test_personal_erfasst_den_vollzug_der_disziplinarverfuegung_nicht(
    verfahren_heute, leitung_a, personal_a, anstalt_a
):
    """§ 41 leaves the sanction to the facility management: staff of the same facility do not record
    the execution of the disciplinary decision (`darf_vollzug_erfassen`); the decision stays notified."""
    leitung_a2 = benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)
    with time_machine.travel(HEUTE, tick=False):
        v = eroeffnet(verfahren_heute, leitung_a, leitung_a2, [SanktionDaten(A.VERWEIS)])
        v = Verfuegung.objects.get(pk=v.pk)
        assert (darf_vollzug_erfassen(personal_a, v), darf_vollzug_erfassen(leitung_a, v)) == (False, True)
        with pytest.raises(PermissionDenied):
            vfg.als_vollzogen_markieren(verfuegung=v, durch=personal_a)
    assert Verfuegung.objects.get(pk=v.pk).status == Verfuegungsstatus.EROEFFNET
