"""Choices of the Verfügung lifecycle (RULEBOOK section 0, "Verfügung"), in the law's words."""

from django.db import models


class Verfuegungstyp(models.TextChoices):
    # The legal consequences of each type (instance, deadline, §44, Gehör) are in `recht.RECHTSFOLGEN`.
    DISZIPLINAR = "disziplinar", "Disziplinarverfügung (§ 41 JVG)"
    SICHERHEITSMASSNAHME_31 = "sicherheitsmassnahme_31", "Besondere Sicherheitsmassnahme (§ 31 JVG)"
    ZWANGSMEDIKATION_36 = "zwangsmedikation_36", "Zwangsmedikation (§ 36 JVG)"
    ZWANGSERNAEHRUNG_39 = "zwangsernaehrung_39", "Zwangsernährung (§ 39 JVG)"
    VERSETZUNG_17 = "versetzung_17", "Versetzung (§ 17 JVG)"
    AUFSCHUB_14 = "aufschub_14", "Aufschub/Unterbrechung (§ 14 JVG)"
    KOSTENBETEILIGUNG_48 = "kostenbeteiligung_48", "Kostenbeteiligung (§ 48 JVG)"
    ANDERE_KANTONAL = "andere_kantonal", "Andere Verfügung nach kantonalem Recht (§ 43 Abs. 1 lit. d JVG)"
    BUNDESRECHT = "bundesrecht", "Verfügung in Anwendung von Bundesrecht (§ 43 Abs. 2 lit. a JVG)"
    DEPARTEMENTSENTSCHEID = (
        "departementsentscheid",
        "Beschwerdeentscheid des Departements (§ 43 Abs. 2 lit. b/c JVG)",
    )


class Verfuegungsstatus(models.TextChoices):
    ENTWURF = "entwurf", "Entwurf"
    ZUR_GENEHMIGUNG = "zur_genehmigung", "Zur Genehmigung"
    GENEHMIGT = "genehmigt", "Genehmigt"
    EROEFFNET = "eroeffnet", "Eröffnet"
    RECHTSKRAEFTIG = "rechtskraeftig", "Rechtskräftig"
    ANGEFOCHTEN = "angefochten", "Angefochten"
    BESCHWERDEENTSCHEID = "beschwerdeentscheid", "Beschwerdeentscheid"
    AUFGEHOBEN = "aufgehoben", "Aufgehoben"
    VERJAEHRT = "verjaehrt", "Verjährt"
    VOLLZOGEN = "vollzogen", "Vollzogen"


class EroeffnungArt(models.TextChoices):
    # R-0-VFG-2: the mode of notification is recorded with its date/time.
    UEBERGABE_ANSTALT = (
        "uebergabe_anstalt_mit_empfangsbestaetigung",
        "Übergabe in der Vollzugseinrichtung mit unterzeichneter Empfangsbestätigung",
    )
    EINSCHREIBEN = "einschreiben", "Eingeschriebener Brief"
    A_POST_PLUS = "a_post_plus", "A-Post Plus"
    PERSOENLICH_BEHOERDE = "persoenlich_behoerde", "Persönliche Übergabe bei der Behörde"
    ELEKTRONISCH = "elektronisch", "Elektronische Zustellung"


class Genehmigungsaktion(models.TextChoices):
    VORGELEGT = "vorgelegt", "Zur Genehmigung vorgelegt"
    GENEHMIGT = "genehmigt", "Genehmigt"
    ZURUECKGEWIESEN = "zurueckgewiesen", "Zur Überarbeitung zurückgewiesen"
    ABGELEHNT = "abgelehnt", "Abgelehnt"


class Anhoerungsart(models.TextChoices):
    # R-0-GEHOER-1 (Art. 29 Abs. 2 BV)
    STELLUNGNAHME = "stellungnahme", "Stellungnahme der betroffenen Person"
    VERZICHT = "verzicht", "Verzicht auf Stellungnahme"
    GEFAHR_IM_VERZUG = "gefahr_im_verzug", "Gefahr im Verzug – Anhörung folgt nachträglich"


class Beschwerdeergebnis(models.TextChoices):
    GUTGEHEISSEN = "gutgeheissen", "Gutgeheissen"
    TEILWEISE_GUTGEHEISSEN = "teilweise_gutgeheissen", "Teilweise gutgeheissen"
    ABGEWIESEN = "abgewiesen", "Abgewiesen"
    NICHTEINTRETEN = "nichteintreten", "Nichteintreten"
