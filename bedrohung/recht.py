"""The catalogues and the retention of the threat management (programme «Sicherheit im sozialen
Nahraum», points 14 and 15): who raised a threat and how, the assessment levels, the kinds of measures,
the bodies at a case conference, and the retention period (`JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE`, R-BM-3)."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models

from kern import fristen


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


def loeschstichtag(heute: date) -> date:
    """R-BM-3: reports closed on or before this local date are past their retention period on `heute`.

    A report closed on day D may be kept until `jahresfrist(D, JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE)` (same
    date, 29 Feb → 28 Feb) inclusive and is deleted from the day after. `jahresfrist` is monotone, so
    the latest such D is found by stepping back from `heute` minus the years (at most a few steps).
    """
    jahre = settings.JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE
    try:
        tag = heute.replace(year=heute.year - jahre)
    except ValueError:  # 29 February in a common year
        tag = heute.replace(year=heute.year - jahre, day=28)
    while fristen.jahresfrist(tag, jahre).ende < heute:
        tag += timedelta(days=1)
    while fristen.jahresfrist(tag, jahre).ende >= heute:
        tag -= timedelta(days=1)
    return tag


RECHTSGRUNDLAGE_LOESCHUNG = "Programm Sicherheit im sozialen Nahraum, Pkt. 14–15; Aufbewahrung 5 Jahre (JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE)"
