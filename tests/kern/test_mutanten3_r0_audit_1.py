"""Mutants of R-0-AUDIT-1 in `betrieb/herzschlag.py` `admin_aufgaben_anlegen` (issue 25, session 6).

The heartbeat's admin tasks are written by the heartbeat's own system user; no marked test called the
function, so every mutant of it survived. Here: the count of new tasks, one open task per job (an open
one is not repeated, a done one is), the title cut to the field's 200 characters, and the actor and
reason of each history row.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from betrieb import herzschlag
from kern.audit import speichern, system_benutzer
from kern.models import Aufgabe
from kern.rollen import Rolle

pytestmark = pytest.mark.django_db

ACTOR = "job:betrieb.herzschlag"


def _ueberfaellig(bezeichnung: str, name: str = "test.job") -> herzschlag.Herzschlag:
    job = herzschlag.RechtlicherJob(name, bezeichnung, takt=timedelta(hours=1), toleranz=timedelta(hours=1))
    return herzschlag.Herzschlag(job=job, letzter_erfolg=None, ueberfaellig=True)


@pytest.mark.rule("R-0-AUDIT-1")
def test_admin_aufgaben_je_job_gezaehlt_mit_systembenutzer_in_der_historie():
    assert herzschlag.admin_aufgaben_anlegen([]) == 0
    assert not Aufgabe.objects.exists()

    neu = herzschlag.admin_aufgaben_anlegen(
        [_ueberfaellig("Job A (§ 1 JVG)", "a"), _ueberfaellig("Job B", "b")]
    )
    assert neu == 2
    aufgaben = Aufgabe.objects.filter(art=herzschlag.AUFGABENART).order_by("titel")
    assert [a.titel for a in aufgaben] == [
        "Rechtlicher Job überfällig: Job A (§ 1 JVG)",
        "Rechtlicher Job überfällig: Job B",
    ]
    for a in aufgaben:
        assert (a.fuer_rolle, a.erledigt_am) == (Rolle.ADMIN, None)
        zeile = a.history.get()
        assert zeile.history_type == "+"
        assert zeile.history_user.username == ACTOR
        assert zeile.history_change_reason == "Herzschlag: rechtlicher Job überfällig"

    # Called again (the readiness check polls every few seconds): an open task is not repeated.
    assert herzschlag.admin_aufgaben_anlegen([_ueberfaellig("Job A (§ 1 JVG)", "a")]) == 0
    assert Aufgabe.objects.filter(art=herzschlag.AUFGABENART).count() == 2


@pytest.mark.rule("R-0-AUDIT-1")
def test_erledigte_aufgabe_hindert_keine_neue():
    (h,) = [_ueberfaellig("Job A")]
    assert herzschlag.admin_aufgaben_anlegen([h]) == 1
    alt = Aufgabe.objects.get(art=herzschlag.AUFGABENART)
    alt.erledigt_am = timezone.now()
    speichern(alt, durch=system_benutzer("test"), grund="erledigt")

    # The job stops again after the task was done: a new open task, the done one stays.
    assert herzschlag.admin_aufgaben_anlegen([h]) == 1
    offen = Aufgabe.objects.get(art=herzschlag.AUFGABENART, erledigt_am__isnull=True)
    assert offen.pk != alt.pk
    assert offen.titel == alt.titel == "Rechtlicher Job überfällig: Job A"
    assert offen.history.get().history_user.username == ACTOR


@pytest.mark.rule("R-0-AUDIT-1")
def test_titel_auf_die_feldlaenge_gekuerzt_und_nicht_wiederholt():
    lang = _ueberfaellig("x" * 300)
    assert herzschlag.admin_aufgaben_anlegen([lang]) == 1
    a = Aufgabe.objects.get(art=herzschlag.AUFGABENART)
    assert len(a.titel) == 200 == Aufgabe._meta.get_field("titel").max_length
    assert a.titel == ("Rechtlicher Job überfällig: " + "x" * 300)[:200]
    assert a.history.get().history_user.username == ACTOR
    # The cut title is what is compared: the second call finds the open task.
    assert herzschlag.admin_aufgaben_anlegen([lang]) == 0
    assert Aufgabe.objects.filter(art=herzschlag.AUFGABENART).count() == 1
