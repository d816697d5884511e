"""Mutants of R-STGB-86-3 (Art. 86 Abs. 3 StGB: after a refusal examined again at least once a year)
that survived the marked tests (issue 25).

- `contributions.py:44` (`pruefungsfristen`): no marked test read the Fristenkontrolle – the renewed
  examination after a refusal is listed there for the authority, not for the facility's staff.
"""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from kern.fristen import tagesende
from kern.strafzeit import plus_monate
from vollzugsdaten import domain
from vollzugsdaten.contributions import FRIST_PRUEFUNG, pruefungsfristen
from vollzugsdaten.models import Entlassungspruefung
from vollzugsdaten.recht import Ergebnis

from .test_entlassung import _eroeffnen, _vorbereitet

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-STGB-86-3")
def test_fristenkontrolle_fuehrt_die_erneute_pruefung_fuer_die_behoerde(
    fall_im_vollzug, sachbearbeitung, sachbearbeitung2, leitung_a, revision, personal_a
):
    domain.aktuelle_berechnung(fall_im_vollzug)
    p = _vorbereitet(Entlassungspruefung.objects.get(fall=fall_im_vollzug), sachbearbeitung, leitung_a)
    v = domain.entscheid_entwerfen(
        pruefung=p,
        ergebnis=Ergebnis.VERWEIGERT,
        begruendung="Ungünstige Prognose.",
        neupruefung_monate=9,
        durch=sachbearbeitung,
    )
    v = _eroeffnen(v, sachbearbeitung, sachbearbeitung2)
    neu = Entlassungspruefung.objects.get(fall=fall_im_vollzug, nach_verweigerung=True)
    faellig = plus_monate(timezone.localtime(v.eroeffnet_am).date(), 9)
    assert neu.faellig_am == faellig
    for user in (sachbearbeitung, revision):
        eintraege = pruefungsfristen(user, date(2026, 12, 1))
        assert [(e.typ, e.regel, e.faellig, e.url, e.person_id) for e in eintraege] == [
            (
                FRIST_PRUEFUNG,
                "R-STGB-86-3",
                tagesende(faellig),
                reverse("vollzugsdaten:pruefung", args=[neu.pk]),
                fall_im_vollzug.person_id,
            )
        ]
        assert eintraege[0].titel == (
            f"Bedingte Entlassung prüfen: Fall {fall_im_vollzug.fallnummer} (erneut, Art. 86 Abs. 3 StGB)"
        )
    # The facility's staff sees the case, but the deadline is the authority's.
    assert pruefungsfristen(personal_a, date(2026, 12, 1)) == []
