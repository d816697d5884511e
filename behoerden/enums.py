"""Choices of this app."""

from django.db import models


class BehoerdenAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    FALL_ZUGESTELLT = "fall_zugestellt", "Zugestellten Entscheid prüfen und Vollzug einleiten (§ 12)"
