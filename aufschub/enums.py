"""Choices of § 14 JVG (Aufschub und Unterbrechung)."""

from django.db import models


class Gesuchsart(models.TextChoices):
    # §14 Abs. 1, R-14-1
    AUFSCHUB = "aufschub", "Aufschub (vor Vollzugsbeginn)"
    UNTERBRECHUNG = "unterbrechung", "Unterbrechung (während des Vollzugs)"


class Gesuchsgrund(models.TextChoices):
    # §14 Abs. 2 lit. a/b, R-14-3
    A = "a", "a) vollständige Hafterstehungsunfähigkeit"
    B = (
        "b",
        "b) ausserordentliche und unaufschiebbare persönliche, familiäre oder berufliche Vorkommnisse und Pflichten",
    )


class Gesuchsstatus(models.TextChoices):
    EINGEREICHT = "eingereicht", "Eingereicht"
    BEWILLIGT = "bewilligt", "Bewilligt"
    ABGEWIESEN = "abgewiesen", "Abgewiesen"
    ZURUECKGEZOGEN = "zurueckgezogen", "Zurückgezogen"


class Gefahrenstufe(models.TextChoices):
    # §14 Abs. 1 Satz 2, R-14-5: Flucht- und Wiederholungsgefahr
    KEINE = "keine", "keine erkennbar"
    GERING = "gering", "gering"
    ERHEBLICH = "erheblich", "erheblich"
    HOCH = "hoch", "hoch"
