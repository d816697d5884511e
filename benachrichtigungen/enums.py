"""Choices of this app."""

from django.db import models


class BenachrichtigungenAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    BENACHRICHTIGUNG_FEHLGESCHLAGEN = (
        "benachrichtigung_fehler",
        "Benachrichtigung an Partnerbehörde fehlgeschlagen",
    )
