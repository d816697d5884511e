"""R-0-4EYES-1 for a body search (§ 28 JVG, Art. 85 Abs. 2 StGB): the proof that the mutation run
(issue 25) showed missing. The management that refuses a requested body search gives its reason; without
one nothing changes, with one the refusal is stored with who and why."""

import pytest
from django.core.exceptions import ValidationError

from zwangsmassnahmen import domain
from zwangsmassnahmen.models import Kontrolle
from zwangsmassnahmen.recht import Kontrollstatus

from .hilfen import fall_anlegen, reise, zeit

pytestmark = pytest.mark.django_db

JETZT = zeit(2026, 11, 3, 14)


@pytest.mark.rule("R-0-4EYES-1", grenze=True)
def test_ablehnung_der_leibesvisitation_braucht_eine_begruendung(
    sachbearbeitung, anstalt_a, personal_a, leitung_a
):
    with reise(zeit(2026, 11, 1)):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with reise(JETZT):
        k = domain.leibesvisitation_beantragen(fall=fall, verdacht="Drogen nach dem Besuch", durch=personal_a)
        with pytest.raises(ValidationError) as fehler:
            domain.leibesvisitation_entscheiden(kontrolle=k, anordnen=False, kommentar="  ", durch=leitung_a)
        assert fehler.value.message_dict == {
            "kommentar": ["R-0-4EYES-1: Für die Ablehnung eine Begründung angeben."]
        }
        gespeichert = Kontrolle.objects.get()
        assert (gespeichert.status, gespeichert.angeordnet_durch) == (Kontrollstatus.BEANTRAGT, None)

        domain.leibesvisitation_entscheiden(
            kontrolle=k, anordnen=False, kommentar="Kein hinreichender Verdacht.", durch=leitung_a
        )
    gespeichert = Kontrolle.objects.get()
    assert (gespeichert.status, gespeichert.angeordnet_durch, gespeichert.entscheid_kommentar) == (
        Kontrollstatus.ABGELEHNT,
        leitung_a,
        "Kein hinreichender Verdacht.",
    )
