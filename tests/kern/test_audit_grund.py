"""kern.audit.speichern: the history reason fits its column on every database (PostgreSQL enforces the length)."""

import pytest

from kern.audit import speichern
from tests.factories import person_anlegen
from vollzug.models import Person


@pytest.mark.rule("R-0-AUDIT-1")
@pytest.mark.django_db
def test_langer_grund_wird_sichtbar_gekuerzt_statt_den_schreibvorgang_zu_verhindern(sachbearbeitung):
    p = person_anlegen(durch=sachbearbeitung)
    grenze = Person.history.model._meta.get_field("history_change_reason").max_length
    assert grenze == 100

    speichern(p, durch=sachbearbeitung, grund="x" * 100)  # exactly the column: kept whole
    assert p.history.first().history_change_reason == "x" * 100

    speichern(p, durch=sachbearbeitung, grund="y" * 101)  # one more: cut, and visibly so
    eintrag = p.history.first()
    assert eintrag.history_change_reason == "y" * 99 + "…"
    assert eintrag.history_user == sachbearbeitung
