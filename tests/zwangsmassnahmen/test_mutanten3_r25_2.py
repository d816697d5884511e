"""Mutants of R-25-2 (§ 25 Abs. 2 JVG: application to the Zwangsmassnahmengericht within 48 hours)
that survived the marked tests (issue 25).

- `sicherheitshaft.py:199–200`: the application is recorded once; a second filing is refused.
- `sicherheitshaft.py:207` `<` → `<=`: filed in the minute of the arrest is possible, a minute before not.
- `haft_erinnerung.py:137` `update=True`: the job's escalation is recorded in the history as a change.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from zwangsmassnahmen import domain
from zwangsmassnahmen.models import Sicherheitshaft
from zwangsmassnahmen.recht import Haftstatus

from .hilfen import fall_anlegen, haft_anordnen, reise, zeit

pytestmark = pytest.mark.django_db
FESTNAHME = zeit(2026, 3, 10, 8)


@pytest.fixture
def haft(sachbearbeitung, anstalt_a):
    with reise(FESTNAHME + timedelta(minutes=10)):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        return haft_anordnen(sachbearbeitung, fall, FESTNAHME, anstalt_a)


@pytest.mark.rule("R-25-2", grenze=True)
def test_antrag_ab_der_festnahme_einmal_erfasst_grenze(haft, sachbearbeitung):
    with reise(FESTNAHME + timedelta(hours=2)):
        with pytest.raises(ValidationError) as e:
            domain.antrag_erfassen(
                haft=haft, antrag_am=FESTNAHME - timedelta(minutes=1), referenz="ZMG 1", durch=sachbearbeitung
            )
        assert e.value.message_dict["antrag_am"] == [
            "§ 25 Abs. 2 JVG (R-25-2): Die Einreichung kann nicht vor der Festnahme (10.03.2026 08:00) liegen."
        ]
        g = Sicherheitshaft.objects.get(pk=haft.pk)
        assert (g.status, g.antrag_am) == (Haftstatus.IN_HAFT, None)

        domain.antrag_erfassen(haft=haft, antrag_am=FESTNAHME, referenz="ZMG 1", durch=sachbearbeitung)
        with pytest.raises(ValidationError) as e:
            domain.antrag_erfassen(
                haft=haft, antrag_am=FESTNAHME + timedelta(hours=1), referenz="ZMG 2", durch=sachbearbeitung
            )
        assert e.value.message_dict["antrag_am"] == [
            f"§ 25 Abs. 2 JVG (R-25-2): Für die Sicherheitshaft {haft.nummer} ist kein Antrag mehr offen "
            "(Status «Verlängerung beantragt»)."
        ]
    g = Sicherheitshaft.objects.get(pk=haft.pk)
    assert (g.status, g.antrag_am, g.antrag_referenz, g.antrag_verspaetet) == (
        Haftstatus.BEANTRAGT,
        FESTNAHME,
        "ZMG 1",
        False,
    )


@pytest.mark.rule("R-25-2")
def test_eskalation_im_verlauf_als_aenderung_durch_den_job(haft):
    # `haft_erinnerung.py:137` `update=True`: the escalation is a change of the stored detention.
    jetzt = FESTNAHME + timedelta(hours=48, minutes=1)
    domain.sicherheitshaft_erinnern(jetzt=jetzt)
    eintrag = Sicherheitshaft.objects.get(pk=haft.pk).history.first()
    assert (eintrag.history_type, eintrag.eskaliert_am, eintrag.history_user.username) == (
        "~",
        jetzt,
        "job:sicherheitshaft-erinnerung",
    )
