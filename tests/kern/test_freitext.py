"""Issue 18 (finding 12, R-0-BAD-1): free text is bounded; a megabyte gives a German message, never a row."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from disziplinar.models import Rapport
from kern import erweiterungen, freitext
from kern.models import Aufgabe
from tests.disziplinar.test_api import api_als, rapport_daten
from tests.disziplinar.test_ui import _rapport_daten
from tests.factories import fall_anlegen

pytestmark = pytest.mark.django_db

MB = "x" * (1024 * 1024)


@pytest.fixture
def grenze(settings):
    settings.JVG_FREITEXT_MAX_ZEICHEN = 20000
    return 20000


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def test_every_text_field_of_every_app_is_bounded():
    felder = freitext.begrenzte_felder()
    assert len(felder) >= 90  # about a hundred free-text fields in 15 apps
    for feld in felder:
        assert any(isinstance(v, freitext.FreitextValidator) for v in feld.validators), feld
        assert feld in feld.model._freitext_felder, feld
    namen = {(f.model._meta.label, f.name) for f in felder}
    assert ("disziplinar.Rapport", "sachverhalt") in namen
    assert ("verfuegungen.Verfuegung", "begruendung") in namen
    assert ("jvg_case.Lesezugriff", "abfrage") not in namen


@pytest.mark.rule("R-0-BAD-1")
def test_full_clean_boundary(sachbearbeitung, grenze):
    aufgabe = Aufgabe(titel="Prüfen", beschreibung="a" * grenze, art="allgemein")
    with pytest.raises(ValidationError) as fehler:
        aufgabe.beschreibung = "a" * (grenze + 1)
        aufgabe.full_clean(exclude=[f.name for f in Aufgabe._meta.fields if f.name != "beschreibung"])
    assert fehler.value.message_dict == {
        "beschreibung": [
            "§ 20 JVG: Freitext höchstens 20'000 Zeichen (eingegeben: 20'001). "
            "Längere Unterlagen bitte als Dokument beilegen."
        ]
    }
    aufgabe.beschreibung = "a" * grenze
    aufgabe.full_clean(exclude=[f.name for f in Aufgabe._meta.fields if f.name != "beschreibung"])


@pytest.mark.rule("R-0-BAD-1")
def test_save_without_full_clean_is_refused_too(sachbearbeitung, fall_a, grenze):
    aufgabe = Aufgabe(titel="Prüfen", beschreibung=MB, art=next(iter(erweiterungen.AUFGABENARTEN)))
    with pytest.raises(ValidationError, match="§ 20 JVG: Freitext höchstens 20'000 Zeichen"):
        aufgabe.save()
    assert not Aufgabe.objects.exists()


@pytest.mark.rule("R-0-BAD-1")
def test_api_answers_400_with_the_paragraph_and_stores_nothing(personal_a, fall_a, grenze):
    antwort = api_als(personal_a).post(
        "/api/v1/disziplinar/rapporte/", rapport_daten(fall_a.pk, sachverhalt=MB), format="json"
    )
    assert antwort.status_code == 400
    assert antwort.json() == {
        "sachverhalt": [
            "§ 20 JVG: Freitext höchstens 20'000 Zeichen (eingegeben: 1'048'576). "
            "Längere Unterlagen bitte als Dokument beilegen."
        ]
    }
    assert not Rapport.objects.exists()


@pytest.mark.rule("R-0-BAD-1")
def test_form_shows_the_message_and_stores_nothing(client_als, personal_a, fall_a, grenze):
    antwort = client_als(personal_a).post(
        reverse("disziplinar:rapport_neu"), _rapport_daten(fall_a, sachverhalt=MB)
    )
    assert antwort.status_code in {200, 400}
    # This form bounds the field itself (Django's message); the model's bound stands behind it.
    assert "höchstens 20000 Zeichen" in antwort.content.decode()
    assert not Rapport.objects.exists()
