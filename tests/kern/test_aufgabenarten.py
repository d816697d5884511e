"""Task kinds are registered by the modules (issue 16): the kernel lists none, and every kind any code
uses is registered (kern.erweiterungen.aufgabenarten in the apps' contributions.py)."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from kern import erweiterungen
from kern.models import Aufgabe

_VERWENDUNG = re.compile(r"\b(\w+Aufgabenart)\.([A-Z_]+)\b")
_LITERAL = re.compile(r"\bart=\"([a-z_0-9]+)\"")


def _aufgabenart_klassen() -> dict[str, type[models.TextChoices]]:
    klassen = {}
    for config in apps.get_app_configs():
        if not Path(config.path).is_relative_to(settings.BASE_DIR):
            continue
        try:
            enums = __import__(f"{config.name}.recht", fromlist=["*"])
        except ModuleNotFoundError:
            continue
        for name, wert in vars(enums).items():
            if (
                name.endswith("Aufgabenart")
                and isinstance(wert, type)
                and issubclass(wert, models.TextChoices)
            ):
                klassen[name] = wert
    return klassen


def test_jede_aufgabenart_klasse_ist_vollstaendig_registriert():
    klassen = _aufgabenart_klassen()
    assert (
        len(klassen) == 14
    )  # one per module with tasks (vollzugsdaten, vollzugsgestaltung, inkasso, aufschub, disziplinar added)
    for klasse in klassen.values():
        for wert, bezeichnung in klasse.choices:
            assert (wert, erweiterungen.AUFGABENARTEN[wert].bezeichnung) == (wert, bezeichnung)
            assert len(wert) <= Aufgabe._meta.get_field("art").max_length


def test_jede_im_code_verwendete_aufgabenart_ist_registriert():
    klassen = _aufgabenart_klassen()
    gefunden = set()
    for pfad in Path(settings.BASE_DIR).rglob("*.py"):
        teile = pfad.relative_to(settings.BASE_DIR).parts
        if teile[0] in {".venv", "var"} or "migrations" in teile:
            continue
        text = pfad.read_text(encoding="utf-8")
        for klasse, mitglied in _VERWENDUNG.findall(text):
            if klasse in klassen:
                wert = getattr(klassen[klasse], mitglied).value
                assert wert in erweiterungen.AUFGABENARTEN, f"{pfad}: {klasse}.{mitglied}"
                gefunden.add(wert)
    # Literal kinds (the kernel's partial unique constraint names the R-13-1 kind).
    for bedingung in Aufgabe._meta.constraints:
        for wert in _LITERAL.findall(repr(getattr(bedingung, "condition", ""))):
            assert wert in erweiterungen.AUFGABENARTEN
    assert len(gefunden) >= 18


@pytest.mark.django_db
def test_unregistrierte_aufgabenart_wird_nicht_gespeichert():
    with pytest.raises(ValueError, match="nicht registriert"):
        Aufgabe(
            art="gibt_es_nicht", titel="x", fuer_rolle="sachbearbeitung", faellig_am="2026-01-01T00:00Z"
        ).save()
    assert Aufgabe.objects.count() == 0


def test_bezeichnung_und_regel_kommen_aus_der_registrierung():
    aufgabe = Aufgabe(art="vollzugsbeginn")
    assert aufgabe.get_art_display() == "Vollzugsbeginn überfällig (§ 13)"
    assert erweiterungen.aufgabenart_regel("vollzugsbeginn") == "R-13-1"
