"""Mutation tests (issue 25, session 8) of the § 12 intake form in the browser (R-12-1).

They prove what the marked tests left open: the empty form (no `?person=`) opens with no person chosen
and without the note that files must be chosen again; only a digit string preselects a person; after a
refused POST the note is shown, the data kept and nothing stored.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import person_anlegen
from vollzug.models import Entscheid, Vollzugsfall

pytestmark = pytest.mark.django_db

URL = reverse("vollzug:fall_neu")
HINWEIS = "Aus Sicherheitsgründen müssen Dateien nach einer Fehlermeldung erneut ausgewählt werden."


@pytest.mark.rule("R-12-1")
def test_leeres_formular_ohne_person_und_ohne_hinweis(client_als, sachbearbeitung):
    person_anlegen(durch=sachbearbeitung)
    c = client_als(sachbearbeitung)
    for url in (URL, f"{URL}?person=abc"):
        antwort = c.get(url)
        assert antwort.status_code == 200
        assert antwort.context["form"]["person"].value() is None
        assert antwort.context["erneut_angezeigt"] is False
        assert HINWEIS not in antwort.content.decode()


@pytest.mark.rule("R-12-1", "R-0-BAD-1")
def test_abgelehnter_post_zeigt_hinweis_und_speichert_nichts(client_als, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    morgen = (timezone.localdate() + timedelta(days=1)).strftime("%d.%m.%Y")
    heute = timezone.localdate().strftime("%d.%m.%Y")
    daten = {
        "person": str(person.pk),
        "art": "urteil",
        "behoerde": "Kriminalgericht Luzern",
        "referenz": "KG 2026 200",
        "entscheid_datum": heute,
        "rechtskraft_am": morgen,
        "eingang_am": "",
        "sanktionen-TOTAL_FORMS": "1",
        "sanktionen-INITIAL_FORMS": "0",
        "sanktionen-MIN_NUM_FORMS": "0",
        "sanktionen-MAX_NUM_FORMS": "20",
        "sanktionen-0-art": "freiheitsstrafe",
        "sanktionen-0-vollzugsform": "",
        "sanktionen-0-dauer_monate": "8",
        "dokumente-TOTAL_FORMS": "0",
        "dokumente-INITIAL_FORMS": "0",
        "dokumente-MIN_NUM_FORMS": "0",
        "dokumente-MAX_NUM_FORMS": "10",
    }
    antwort = client_als(sachbearbeitung).post(URL, daten)
    assert antwort.status_code == 200
    assert antwort.context["erneut_angezeigt"] is True
    assert HINWEIS in antwort.content.decode()
    assert antwort.context["form"]["person"].value() == str(person.pk)
    assert (Vollzugsfall.objects.count(), Entscheid.objects.count()) == (0, 0)
