"""Mutants of R-25-1 (§ 25 JVG Sicherheitshaft) that survived the marked tests (issue 25).

- `sicherheitshaft.py:104` `eingeleitet > heute` → `>=`: a procedure started today is no future date.
- `sicherheitshaft.py:179` the history reason per variant (Abs. 1 ordered / Abs. 3 requested).
"""

import pytest
from django.core.exceptions import ValidationError

from zwangsmassnahmen.models import Sicherheitshaft
from zwangsmassnahmen.recht import Haftstatus, Haftvariante

from .hilfen import fall_anlegen, haft_anordnen, reise, zeit

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with reise(zeit(2026, 3, 1)):
        return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.mark.rule("R-25-1", grenze=True)
def test_verfahren_heute_eingeleitet_angeordnet_morgen_abgelehnt_grenze(sachbearbeitung, fall, anstalt_a):
    with reise(zeit(2026, 3, 10, 10)):
        # Just outside: the procedure starts tomorrow → refused, nothing stored.
        with pytest.raises(ValidationError) as e:
            haft_anordnen(
                sachbearbeitung,
                fall,
                zeit(2026, 3, 10, 8),
                anstalt_a,
                verfahren_eingeleitet_am=zeit(2026, 3, 11).date(),
            )
        assert e.value.message_dict["verfahren_eingeleitet_am"] == [
            "Die Einleitung des Verfahrens kann nicht in der Zukunft liegen."
        ]
        assert not Sicherheitshaft.objects.exists()

        # Just inside: started today, with the arrest this morning → ordered under Abs. 1.
        haft = haft_anordnen(
            sachbearbeitung,
            fall,
            zeit(2026, 3, 10, 8),
            anstalt_a,
            verfahren_eingeleitet_am=zeit(2026, 3, 10).date(),
        )
    h = Sicherheitshaft.objects.get(pk=haft.pk)
    assert (h.verfahren_eingeleitet_am, h.status, h.anstalt) == (
        zeit(2026, 3, 10).date(),
        Haftstatus.IN_HAFT,
        anstalt_a,
    )
    eintrag = h.history.get()
    assert (eintrag.history_user, eintrag.history_change_reason) == (
        sachbearbeitung,
        "Sicherheitshaft angeordnet (§ 25 Abs. 1 JVG)",
    )


@pytest.mark.rule("R-25-1")
def test_antrag_an_verfahrensleitung_mit_eigenem_verlaufsgrund(sachbearbeitung, fall):
    with reise(zeit(2026, 3, 10, 10)):
        haft = haft_anordnen(
            sachbearbeitung,
            fall,
            None,
            None,
            variante=Haftvariante.ANTRAG_VERFAHRENSLEITUNG,
            verfahren_eingeleitet_am=zeit(2026, 3, 9).date(),
        )
    h = Sicherheitshaft.objects.get(pk=haft.pk)
    assert (h.variante, h.status, h.festnahme_am) == (
        Haftvariante.ANTRAG_VERFAHRENSLEITUNG,
        Haftstatus.BEANTRAGT,
        None,
    )
    eintrag = h.history.get()
    assert (eintrag.history_user, eintrag.history_change_reason) == (
        sachbearbeitung,
        "Sicherheitshaft bei der Verfahrensleitung beantragt (§ 25 Abs. 3 JVG)",
    )
