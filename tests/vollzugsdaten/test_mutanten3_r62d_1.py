"""Mutants of R-STGB-62D-1 (Art. 62d Abs. 1 StGB: stationary measures examined at least once a year) that
survived the marked tests (issue 25).

- `contributions.py:74`, `:77` (`massnahmenfristen`): no marked test read the Fristenkontrolle – the
  yearly review of a running measure is listed there for the authority, not for the facility's staff.
"""

from datetime import date

import pytest
from django.urls import reverse

from kern.fristen import tagesende
from vollzugsdaten import domain
from vollzugsdaten.contributions import FRIST_MASSNAHME, massnahmenfristen
from vollzugsdaten.recht import Massnahmenartikel as A

pytestmark = pytest.mark.django_db


def _m(fall, sb, artikel, beginn=date(2024, 3, 1)):
    return domain.massnahme_erfassen(
        fall=fall, artikel=artikel, beginn=beginn, beginn_begruendung="Gemäss Vollzugsbefehl", durch=sb
    )


@pytest.mark.rule("R-STGB-62D-1")
def test_fristenkontrolle_fuehrt_die_jaehrliche_pruefung_fuer_die_behoerde(
    fall_im_vollzug, sachbearbeitung, revision, personal_a
):
    m = _m(fall_im_vollzug, sachbearbeitung, A.ART_59)
    url = reverse("vollzugsdaten:fall", args=[fall_im_vollzug.pk]) + f"#massnahme-{m.pk}-pruefung"
    for user in (sachbearbeitung, revision):
        pruefung = [e for e in massnahmenfristen(user, date(2024, 6, 1)) if e.regel == "R-STGB-62D-1"]
        assert [(e.typ, e.faellig, e.url, e.person_id) for e in pruefung] == [
            (FRIST_MASSNAHME, tagesende(date(2025, 3, 1)), url, fall_im_vollzug.person_id)
        ]
        assert (
            pruefung[0].titel
            == f"Jährliche Prüfung (Art. 62d Abs. 1 StGB): Fall {fall_im_vollzug.fallnummer}"
        )
    # The facility's staff sees the case, but the deadline is the authority's (§ 2 JVG).
    assert massnahmenfristen(personal_a, date(2024, 6, 1)) == []
