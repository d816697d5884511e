"""Choices of the threat management (programme «Sicherheit im sozialen Nahraum», points 14 and 15)."""

from django.db import models


class Urheberart(models.TextChoices):
    INSASSE = "insasse", "eingewiesene Person"
    BESUCHER = "besucher", "Besucher/in"
    EXTERN = "extern", "externe Person"
    UNBEKANNT = "unbekannt", "unbekannt"


class Kanal(models.TextChoices):
    PERSOENLICH = "persoenlich", "persönlich"
    TELEFON = "telefon", "Telefon"
    BRIEF = "brief", "Brief"
    EMAIL = "email", "E-Mail"
    SOCIAL_MEDIA = "social_media", "Soziale Medien"
    ANDERE = "andere", "anderer Kanal"


class Meldungsstatus(models.TextChoices):
    NEU = "neu", "neu"
    IN_BEARBEITUNG = "in_bearbeitung", "in Bearbeitung"
    ABGESCHLOSSEN = "abgeschlossen", "abgeschlossen"


class Risikostufe(models.TextChoices):
    GERING = "gering", "gering"
    MITTEL = "mittel", "mittel"
    HOCH = "hoch", "hoch"
    AKUT = "akut", "akut"


class Massnahmenart(models.TextChoices):
    SCHUTZ = "schutz", "Schutz der betroffenen Mitarbeitenden"
    GESPRAECH = "gespraech", "Gespräch mit der drohenden Person (Gefährderansprache)"
    POLIZEI = "polizei", "Information der Polizei"
    HAUSVERBOT = "hausverbot", "Hausverbot / Besuchsverbot"
    BETREUUNG = "betreuung", "Betreuung / Nachsorge der Betroffenen"
    ANDERE = "andere", "andere Massnahme"


class Stelle(models.TextChoices):
    # Interdisciplinary case conference (programme point 15)
    POLIZEI = "polizei", "Polizei"
    STAATSANWALTSCHAFT = "staatsanwaltschaft", "Staatsanwaltschaft"
    KESB = "kesb", "KESB"
    FORENSIK = "forensik", "Forensische Psychiatrie"
    VOLLZUG = "vollzug", "Vollzugseinrichtung"
    BEWAEHRUNGSDIENST = "bewaehrungsdienst", "Bewährungsdienst"
    ANDERE = "andere", "andere Stelle"


class Zugriffsart(models.TextChoices):
    ANSICHT = "ansicht", "Ansicht"
    DOKUMENT = "dokument", "Dokument"
    API = "api", "API-Lesezugriff"
    LISTE = "liste", "Liste"
