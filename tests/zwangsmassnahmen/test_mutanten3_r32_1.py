"""Mutants of R-32-1 (§ 32 JVG Festnahmen) that survived the marked tests (issue 25).

- `festnahme.py:84`, `:99` `[:200]`: the two tasks of an escape are created for every person, also one
  with a long name (the title is cut to the field's 200 characters, the task is not lost).
- `festnahme.py:145`, `:150`, `:154` (`einweisungsbehoerde_informiert`): the facility records the
  information of the Einweisungsbehörde (§ 32 Abs. 1 Satz 2), at the given time, not before the escape
  was noticed (the same minute is allowed).
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kern.models import Aufgabe
from tests.factories import person_anlegen
from vollzug.recht import VollzugAufgabenart
from zwangsmassnahmen import domain
from zwangsmassnahmen.models import Entweichung
from zwangsmassnahmen.recht import ZwangsmassnahmenAufgabenart

from .hilfen import fall_anlegen, reise, zeit

pytestmark = pytest.mark.django_db
JETZT = zeit(2026, 11, 3, 22, 15)
FESTGESTELLT = JETZT - timedelta(minutes=15)


def _melden(fall, durch):
    with reise(JETZT):
        return domain.entweichung_melden(
            fall=fall,
            art="entwichen",
            festgestellt_am=FESTGESTELLT,
            umstaende="Zählappell fehlte.",
            durch=durch,
        )


@pytest.mark.rule("R-32-1")
def test_aufgaben_auch_bei_langem_namen_mit_gekuerztem_titel(sachbearbeitung, personal_a, anstalt_a):
    with reise(zeit(2026, 11, 1)):
        person = person_anlegen(
            durch=sachbearbeitung, vorname="Maria-Magdalena " * 6, amtlicher_name="von Wattenwyl-" * 7
        )
        fall = fall_anlegen(durch=sachbearbeitung, person=person, eingewiesen_in=anstalt_a)
    e = _melden(fall, personal_a)
    wer = f"{person.vorname} {person.amtlicher_name}"
    erwartet = {
        VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN: (
            f"Einweisungsbehörde informieren: Entweichung {wer} (Fall {fall.fallnummer})"
        ),
        ZwangsmassnahmenAufgabenart.FESTNAHME: (
            f"Festnahme und Zuführung {e.auftrag_nummer}: {wer} (Fall {fall.fallnummer}) vollziehen lassen"
        ),
    }
    for art, titel in erwartet.items():
        assert len(titel) > 200
        gespeichert = Aufgabe.objects.get(art=art, fall=fall).titel
        assert (len(gespeichert), gespeichert) == (200, titel[:200])


@pytest.mark.rule("R-32-1", grenze=True)
def test_information_der_einweisungsbehoerde_durch_die_einrichtung_ab_feststellung_grenze(
    sachbearbeitung, personal_a, leitung_a, anstalt_a
):
    with reise(zeit(2026, 11, 1)):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    e = _melden(fall, personal_a)
    with reise(JETZT + timedelta(minutes=30)):
        # The Vollzugsbehörde does not record the facility's information.
        with pytest.raises(PermissionDenied):
            domain.einweisungsbehoerde_informiert(entweichung=e, am=FESTGESTELLT, durch=sachbearbeitung)
        # Just outside: one second before the escape was noticed.
        with pytest.raises(ValidationError) as fehler:
            domain.einweisungsbehoerde_informiert(
                entweichung=e, am=FESTGESTELLT - timedelta(seconds=1), durch=leitung_a
            )
        assert fehler.value.message_dict["einweisungsbehoerde_informiert_am"] == [
            "Die Information kann nicht vor der Feststellung liegen."
        ]
        g = Entweichung.objects.get(pk=e.pk)
        assert (g.einweisungsbehoerde_informiert_am, g.einweisungsbehoerde_informiert_durch) == (None, None)
        assert Aufgabe.objects.get(art=VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN).erledigt_am is None
        # Just inside: at the moment the escape was noticed; the given time is stored, not "now".
        domain.einweisungsbehoerde_informiert(entweichung=e, am=FESTGESTELLT, durch=leitung_a)
    g = Entweichung.objects.get(pk=e.pk)
    assert (g.einweisungsbehoerde_informiert_am, g.einweisungsbehoerde_informiert_durch) == (
        FESTGESTELLT,
        leitung_a,
    )
    aufgabe = Aufgabe.objects.get(art=VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN)
    assert (aufgabe.erledigt_am, aufgabe.erledigt_durch) == (JETZT + timedelta(minutes=30), leitung_a)
