"""Mutant of R-20-1 (§ 20 JVG, access only as far as the task requires) that survived the marked tests.

- `permissions.py:51` `and → or`: the revocation of a consent (§ 23 Abs. 1) is recorded only by a role that
  records § 23 data *and* sees the person now – not by the staff of another facility, not by the auditors.
"""

import pytest
from django.core.exceptions import PermissionDenied

from datenschutz import domain
from datenschutz.models import Schweigepflichtentbindung
from tests.factories import fall_anlegen

from .hilfen import entbindung

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-20-1")
def test_widerruf_nur_durch_wer_erfasst_und_die_person_sieht(
    personal_a, personal_b, revision, sachbearbeitung, anstalt_a
):
    person = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a).person
    e = entbindung(sachbearbeitung, person)
    for fremd in (personal_b, revision):
        with pytest.raises(PermissionDenied):
            domain.entbindung_widerrufen(entbindung=e, bemerkung="mündlich", durch=fremd)
        g = Schweigepflichtentbindung.objects.get(pk=e.pk)
        assert (g.widerrufen_am, g.widerruf_grund) == (None, "")
    domain.entbindung_widerrufen(entbindung=e, bemerkung="mündlich", durch=personal_a)
    g = Schweigepflichtentbindung.objects.get(pk=e.pk)
    assert (g.widerrufen_am is not None, g.widerruf_grund) == (True, "mündlich")
    assert g.history.first().history_user == personal_a
