"""Shared models: the user with its role, and tasks (Aufgaben) that rules create for people."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kern.rollen import ANSTALTSROLLEN, Rolle


class Benutzer(AbstractUser):
    """A person or system actor. Never deleted, only deactivated (history keeps the actor)."""

    rolle = models.CharField("Rolle", max_length=32, choices=Rolle.choices)
    anstalt = models.ForeignKey(
        "vollzug.Anstalt",
        verbose_name="Vollzugseinrichtung",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="benutzer",
        help_text="Nur für Anstaltsleitung und Anstaltspersonal: die eine Einrichtung, für die sie handeln.",
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "Benutzer/in"
        verbose_name_plural = "Benutzer/innen"
        constraints = [
            models.CheckConstraint(
                name="benutzer_rolle_gueltig",
                condition=Q(rolle__in=Rolle.values),
            ),
            # R-0-ROLE-1: facility roles act for exactly one facility, the others for none.
            models.CheckConstraint(
                name="benutzer_anstalt_nur_fuer_anstaltsrollen",
                condition=(
                    Q(rolle__in=sorted(ANSTALTSROLLEN), anstalt__isnull=False)
                    | (~Q(rolle__in=sorted(ANSTALTSROLLEN)) & Q(anstalt__isnull=True))
                ),
            ),
        ]

    def save(self, *args, **kwargs):
        # A login only stamps last_login, which history excludes: no empty, actor-less history row for it.
        if kwargs.get("update_fields") and set(kwargs["update_fields"]) <= {"last_login"}:
            self.skip_history_when_saving = True
            try:
                return super().save(*args, **kwargs)
            finally:
                del self.skip_history_when_saving
        return super().save(*args, **kwargs)

    def __str__(self):
        name = self.get_full_name() or self.username
        return f"{name} ({self.get_rolle_display()})"


class Aufgabenart(models.TextChoices):
    MELDUNG_VERSETZUNG_DRINGEND = "versetzung_dringend", "Meldung dringende Versetzung (§ 17 Abs. 3)"
    VOLLZUGSBEGINN_UEBERFAELLIG = "vollzugsbeginn", "Vollzugsbeginn überfällig (§ 13)"
    VOLLZUGSPLAN_ZUGESTELLT = "vollzugsplan_zugestellt", "Vollzugsplan zur Kenntnis nehmen (§ 18 Abs. 2)"
    # Chapter 5 (Zwangsmassnahmen) and § 46–50 (Kosten)
    EINWEISUNGSBEHOERDE_INFORMIEREN = "einweisungsbehoerde_informieren", "Einweisungsbehörde informieren"
    SICHERHEITSHAFT_ANTRAG = (
        "sicherheitshaft_antrag",
        "Verlängerung der Sicherheitshaft beim Zwangsmassnahmengericht beantragen (§ 25 Abs. 2)",
    )
    FESTNAHME = "festnahme", "Festnahme und Zuführung anordnen (§ 32)"
    SICHERHEITSMASSNAHME_GENEHMIGEN = (
        "sicherheitsmassnahme_genehmigen",
        "Antrag auf besondere Sicherheitsmassnahme entscheiden (§ 31)",
    )
    SICHERHEITSMASSNAHME_PRUEFEN = (
        "sicherheitsmassnahme_pruefen",
        "Besondere Sicherheitsmassnahme überprüfen (§ 31 Abs. 5)",
    )
    ZWANG_STELLUNGNAHME = "zwang_stellungnahme", "Stellungnahme zum Zwangsprotokoll abgeben (§ 33 Abs. 4)"
    ZWANG_PRUEFUNG = "zwang_pruefung", "Zwangsprotokoll prüfen (§ 33 Abs. 4)"
    ZWANGSMEDIKATION_ANTRAG = (
        "zwangsmedikation_antrag",
        "Antrag auf Zwangsmedikation entscheiden (§ 36 Abs. 1)",
    )
    ZWANGSMEDIKATION_PRUEFEN = (
        "zwangsmedikation_pruefen",
        "Dringliche Zwangsmedikation nachträglich prüfen (§ 36 Abs. 2)",
    )
    ZWANGSMEDIKATION_NEU_ANORDNEN = (
        "zwangsmedikation_neu",
        "Massnahmenindizierte Zwangsmedikation überprüfen und neu anordnen (§ 38 Abs. 4)",
    )
    ANGEHOERIGE_INFORMIEREN = "angehoerige_informieren", "Angehörige informieren (§ 37 Abs. 1)"
    ZWANGSERNAEHRUNG_ENTSCHEIDEN = "zwangsernaehrung", "Zwangsernährung entscheiden (§ 39 Abs. 3)"
    KOSTEN_PRUEFEN = "kosten_pruefen", "Kostenposition prüfen (§§ 46–50)"
    # Data exchange with other agencies (§§ 12, 21–23)
    FALL_ZUGESTELLT = "fall_zugestellt", "Zugestellten Entscheid prüfen und Vollzug einleiten (§ 12)"
    BENACHRICHTIGUNG_FEHLGESCHLAGEN = (
        "benachrichtigung_fehler",
        "Benachrichtigung an Partnerbehörde fehlgeschlagen",
    )
    AUSKUNFT_ERTEILEN = "auskunft", "Auskunftsgesuch der betroffenen Person beantworten"


class Aufgabe(models.Model):
    """A task a rule creates for a role (e.g. §17.3: inform the authority of an urgent transfer)."""

    Art = Aufgabenart

    art = models.CharField(max_length=40, choices=Aufgabenart.choices)
    titel = models.CharField(max_length=200)
    beschreibung = models.TextField(blank=True)
    fuer_rolle = models.CharField(max_length=32, choices=Rolle.choices)
    anstalt = models.ForeignKey("vollzug.Anstalt", null=True, blank=True, on_delete=models.PROTECT)
    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", null=True, blank=True, on_delete=models.PROTECT, related_name="aufgaben"
    )
    faellig_am = models.DateTimeField()
    erstellt_am = models.DateTimeField(auto_now_add=True)
    erledigt_am = models.DateTimeField(null=True, blank=True)
    erledigt_durch = models.ForeignKey(
        Benutzer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Aufgabe"
        verbose_name_plural = "Aufgaben"
        ordering = ["faellig_am", "pk"]
        constraints = [
            models.CheckConstraint(name="aufgabe_art_gueltig", condition=Q(art__in=Aufgabenart.values)),
            # R-13-1: the job that raises this task runs hourly; one open task per case keeps it idempotent.
            models.UniqueConstraint(
                name="aufgabe_vollzugsbeginn_einmal_offen",
                fields=["fall", "art"],
                condition=Q(erledigt_am__isnull=True, art="vollzugsbeginn"),
            ),
        ]
        indexes = [models.Index(fields=["erledigt_am", "faellig_am"], name="aufgabe_offen_idx")]

    def __str__(self):
        return self.titel


class Nummernkreis(models.Model):
    """Gap-free, race-safe running numbers (Fallnummer, Personennummer): one row per series, locked on use."""

    name = models.CharField(max_length=40, primary_key=True)
    letzter_wert = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "Nummernkreis"
        verbose_name_plural = "Nummernkreise"

    def __str__(self):
        return f"{self.name}: {self.letzter_wert}"
