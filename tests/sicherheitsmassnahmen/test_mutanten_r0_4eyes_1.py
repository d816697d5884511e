"""R-0-4EYES-1 for § 31 measures: the proofs that the mutation run (issue 25) showed missing.

A proposal that is no longer submitted (rejected, or already ordered) cannot be decided a second time:
the management reads why at the status, and the recorded approval steps stay as they were.
"""

import pytest
from django.core.exceptions import ValidationError

from sicherheitsmassnahmen import domain
from verfuegungen.recht import Genehmigungsaktion, Verfuegungsstatus

from .hilfen import (  # noqa: F401  (fixtures: fall_a)
    anordnen,
    beantragen,
    fixture_fall_a,
)


def _status_meldung(exc) -> str:
    return " ".join(exc.value.message_dict["status"])


@pytest.mark.rule("R-0-4EYES-1")
def test_abgelehnter_antrag_ist_nicht_mehr_zu_entscheiden(fall_a, personal_a, leitung_a):
    m = domain.massnahme_ablehnen(
        massnahme=beantragen(fall_a, personal_a), durch=leitung_a, kommentar="Mildere Mittel genügen."
    )

    for entscheiden in (
        lambda: anordnen(m, leitung_a),
        lambda: domain.massnahme_ablehnen(massnahme=m, durch=leitung_a, kommentar="Nochmals abgelehnt."),
    ):
        with pytest.raises(ValidationError) as exc:
            entscheiden()
        assert f"Über den Antrag {m.nummer} ist nicht (mehr) zu entscheiden" in _status_meldung(exc)
    m.refresh_from_db()
    assert m.verfuegung.status == Verfuegungsstatus.AUFGEHOBEN
    assert [s.aktion for s in m.verfuegung.genehmigungsschritte.order_by("pk")] == [
        Genehmigungsaktion.VORGELEGT,
        Genehmigungsaktion.ABGELEHNT,
    ]


@pytest.mark.rule("R-0-4EYES-1")
def test_angeordneter_antrag_wird_nicht_ein_zweites_mal_angeordnet(fall_a, personal_a, leitung_a):
    m = anordnen(beantragen(fall_a, personal_a), leitung_a)

    with pytest.raises(ValidationError) as exc:
        domain.massnahme_ablehnen(massnahme=m, durch=leitung_a, kommentar="Doch nicht.")
    assert "ist nicht (mehr) zu entscheiden" in _status_meldung(exc)
    m.refresh_from_db()
    assert m.verfuegung.status == Verfuegungsstatus.GENEHMIGT
    assert m.verfuegung.genehmigungsschritte.filter(aktion=Genehmigungsaktion.GENEHMIGT).count() == 1
    assert not m.verfuegung.genehmigungsschritte.filter(aktion=Genehmigungsaktion.ABGELEHNT).exists()
