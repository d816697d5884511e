"""Mutants of R-0-VFG-1 (the authority in the PDF) that survived the marked tests (issue 25, session 6).

`brief.py:79/80`: a decision of the authority that names a facility (e.g. the facility concerned) is
still issued in Luzern by the Vollzugs- und Bewährungsdienst, not by the facility.
"""

from datetime import date

import pytest

from tests.factories import fall_anlegen
from verfuegungen import recht
from verfuegungen.domain.brief import pdf_kontext
from verfuegungen.recht import Verfuegungstyp

from .test_api import reise
from .test_verfuegungen import _entwurf

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-0-VFG-1")
def test_behoerdenverfuegung_mit_einrichtung_von_der_behoerde_in_luzern(sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with reise(date(2026, 3, 30)):
        v = _entwurf(Verfuegungstyp.VERSETZUNG_17, sachbearbeitung, fall, anstalt=anstalt_a)
        k = pdf_kontext(v)
    assert v.anstalt == anstalt_a and v.typ not in recht.ANSTALTSTYPEN
    # The facility's place and name differ, so a PDF built from the facility would show.
    assert anstalt_a.ort != "Luzern"
    assert anstalt_a.name != recht.VOLLZUGSBEHOERDE
    assert k["ort_datum"] == "Luzern, 30. März 2026"
    assert k["abteilung"] == recht.VOLLZUGSBEHOERDE
    assert k["unterschrift"][0] == recht.VOLLZUGSBEHOERDE
