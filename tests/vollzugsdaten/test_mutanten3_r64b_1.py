"""Mutants of R-STGB-64B-1 (Art. 64b Abs. 1 StGB: Verwahrung examined yearly for conditional release, the
first time after two years; every two years for a therapeutic measure) that survived the marked tests
(issue 25).

- `contributions.py:74`, `:77` (`massnahmenfristen`): no marked test read the Fristenkontrolle – both
  reviews of a running Verwahrung are listed there for the authority, not for the facility's staff.
"""

from datetime import date

import pytest
from django.urls import reverse

from kern.fristen import tagesende
from vollzugsdaten import domain
from vollzugsdaten.contributions import FRIST_MASSNAHME, massnahmenfristen
from vollzugsdaten.recht import Massnahmenartikel as A
from vollzugsdaten.recht import Pruefungsart

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-STGB-64B-1")
def test_fristenkontrolle_fuehrt_beide_pruefungen_der_verwahrung_fuer_die_behoerde(
    fall_im_vollzug, sachbearbeitung, revision, personal_a
):
    m = domain.massnahme_erfassen(
        fall=fall_im_vollzug,
        artikel=A.ART_64,
        beginn=date(2024, 3, 1),
        beginn_begruendung="Gemäss Vollzugsbefehl",
        durch=sachbearbeitung,
    )
    domain.pruefung_erfassen(
        massnahme=m,
        art=Pruefungsart.ART_64B_B,
        am=date(2025, 2, 1),
        bericht="Bericht der Einrichtung",
        ergebnis="keine Therapie",
        durch=sachbearbeitung,
    )
    fall_url = reverse("vollzugsdaten:fall", args=[fall_im_vollzug.pk])
    erwartet = [
        (
            FRIST_MASSNAHME,
            tagesende(date(2026, 3, 1)),
            f"{fall_url}#massnahme-{m.pk}-pruefung",
            f"Prüfung der bedingten Entlassung (Art. 64b Abs. 1 lit. a StGB): Fall {fall_im_vollzug.fallnummer}",
        ),
        (
            FRIST_MASSNAHME,
            tagesende(date(2027, 2, 1)),
            f"{fall_url}#massnahme-{m.pk}-therapiepruefung",
            f"Prüfung einer therapeutischen Massnahme (Art. 64b Abs. 1 lit. b StGB): Fall "
            f"{fall_im_vollzug.fallnummer}",
        ),
    ]
    for user in (sachbearbeitung, revision):
        eintraege = massnahmenfristen(user, date(2025, 6, 1))
        assert [
            (e.typ, e.faellig, e.url, e.titel) for e in eintraege if e.regel == "R-STGB-64B-1"
        ] == erwartet
    # The facility's staff sees the case, but the deadlines are the authority's.
    assert massnahmenfristen(personal_a, date(2025, 6, 1)) == []
