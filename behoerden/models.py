"""Partnerbehörden und Datenaustausch (§§ 12, 21 JVG): models."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Behoerdentyp(models.TextChoices):
    # § 21 Abs. 3 lit. a–j JVG ("namentlich": the list of other agencies)
    STRAFBEHOERDE = "a", "a) Strafbehörde"
    JUSTIZVOLLZUG = "b", "b) Behörde des Justizvollzugs / Vollzugseinrichtung"
    AUSLAENDERBEHOERDE = "c", "c) Ausländerbehörde"
    STRASSENVERKEHRSAMT = "d", "d) Strassenverkehrsamt"
    KESB = "e", "e) Kindes- und Erwachsenenschutzbehörde"
    IV_STELLE = "f", "f) IV-Stelle"
    RAV = "g", "g) Regionales Arbeitsvermittlungszentrum"
    AUSGLEICHSKASSE = "h", "h) Ausgleichskasse"
    SOZIALAMT = "i", "i) Sozialamt der Gemeinde"
    BETREIBUNGSAMT = "j", "j) Betreibungsamt"


class Behoerde(models.Model):
    """Another agency (§ 21 Abs. 3) that reads through the API (§ 21 Abs. 2) or delivers judgments (§ 12).

    `benutzer` is the agency's actor (role partnerbehoerde) for history rows and logs of its API requests;
    `anwendung` is its OAuth2 client (client credentials, hashed secret).
    """

    name = models.CharField("Name", max_length=150, unique=True)
    typ = models.CharField("Behördentyp (§ 21 Abs. 3)", max_length=1, choices=Behoerdentyp.choices)
    kontakt_name = models.CharField("Kontaktperson", max_length=150, blank=True)
    kontakt_email = models.EmailField("E-Mail Kontakt", blank=True)
    kontakt_telefon = models.CharField("Telefon Kontakt", max_length=40, blank=True)
    gemeinde = models.CharField(
        "Gemeinde",
        max_length=100,
        blank=True,
        help_text="Für Sozialämter und Betreibungsämter: die Gemeinde bzw. der Kreis, für die sie handeln.",
    )
    benutzer = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="Benutzer (Akteur der API-Zugriffe)",
        on_delete=models.PROTECT,
        related_name="behoerde",
    )
    anwendung = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        verbose_name="OAuth2-Client",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="behoerde",
    )
    aktiv = models.BooleanField("aktiv", default=True)
    erfasst_am = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Partnerbehörde"
        verbose_name_plural = "Partnerbehörden"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(name="behoerde_typ_gueltig", condition=Q(typ__in=Behoerdentyp.values)),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_typ_display()})"


class Urteilszustellung(models.Model):
    """One § 12 delivery through the API: idempotent by (agency, reference) (R-12-1).

    `inhalt_sha256` is the fingerprint of the delivered content (canonical JSON with the documents'
    hashes): the same reference with the same content answers with the same case, with other content 409.
    """

    behoerde = models.ForeignKey(Behoerde, on_delete=models.PROTECT, related_name="zustellungen")
    referenz = models.CharField("Geschäftsnummer", max_length=60)
    fall = models.OneToOneField(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="urteilszustellung"
    )
    person = models.ForeignKey("vollzug.Person", on_delete=models.PROTECT, related_name="+")
    inhalt_sha256 = models.CharField("Prüfsumme des Inhalts", max_length=64)
    sachbearbeitung = models.CharField("Sachbearbeiter/in der Behörde", max_length=150)
    zugestellt_am = models.DateTimeField("zugestellt am")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Urteilszustellung (§ 12)"
        verbose_name_plural = "Urteilszustellungen (§ 12)"
        ordering = ["-zugestellt_am", "-pk"]
        constraints = [
            models.UniqueConstraint(
                name="zustellung_behoerde_referenz_eindeutig", fields=["behoerde", "referenz"]
            ),
        ]

    def __str__(self):
        return f"{self.behoerde.name} {self.referenz}"


class NurAnfuegen(Exception):
    """Raised on any attempt to change or delete a disclosure-log row through the application."""


class _BekanntgabeQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise NurAnfuegen("Das Bekanntgabeprotokoll kann nicht geändert werden (R-21-1).")

    def delete(self):
        raise NurAnfuegen("Das Bekanntgabeprotokoll kann nicht gelöscht werden (R-21-1).")


class Bekanntgabe(models.Model):
    """One disclosure to another agency (§ 21 Abs. 2, R-21-1): agency, official, purpose, legal basis,
    person, data categories returned, time. Append-only (like `protokoll.Lesezugriff`): `save()` refuses
    updates, deletes refuse, no admin, no API to change it; on PostgreSQL a trigger refuses UPDATE/DELETE.
    Agency name and type, purpose text and legal basis are copied: the row stays true if they change later.
    """

    zeitpunkt = models.DateTimeField("Zeitpunkt")
    behoerde = models.ForeignKey(Behoerde, on_delete=models.PROTECT, related_name="+")
    behoerde_name = models.CharField("Behörde", max_length=150)
    behoerdentyp = models.CharField("Behördentyp", max_length=1, choices=Behoerdentyp.choices)
    sachbearbeitung = models.CharField("Sachbearbeiter/in der Behörde", max_length=150)
    zweck = models.CharField("Zweck (Code)", max_length=40)
    zweck_text = models.CharField("Gesetzliche Aufgabe", max_length=300)
    rechtsgrundlage = models.CharField("Rechtsgrundlage", max_length=300)
    person = models.ForeignKey(
        "vollzug.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    endpunkt = models.CharField("Endpunkt", max_length=60)
    kategorien = models.JSONField("Bekanntgegebene Datenkategorien", default=list)
    ip = models.GenericIPAddressField("IP-Adresse", null=True, blank=True)

    objects = _BekanntgabeQuerySet.as_manager()

    class Meta:
        verbose_name = "Bekanntgabe an Behörde"
        verbose_name_plural = "Bekanntgabeprotokoll"
        ordering = ["-zeitpunkt", "-pk"]
        default_permissions = ("view",)
        constraints = [
            models.CheckConstraint(
                name="bekanntgabe_typ_gueltig", condition=Q(behoerdentyp__in=Behoerdentyp.values)
            ),
        ]
        indexes = [
            models.Index(fields=["-zeitpunkt"], name="bekanntgabe_zeit_idx"),
            models.Index(fields=["behoerde", "-zeitpunkt"], name="bekanntgabe_behoerde_idx"),
            models.Index(fields=["person", "-zeitpunkt"], name="bekanntgabe_person_idx"),
            models.Index(fields=["zweck", "-zeitpunkt"], name="bekanntgabe_zweck_idx"),
        ]

    def __str__(self):
        return f"{self.zeitpunkt:%d.%m.%Y %H:%M} {self.behoerde_name} {self.zweck}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise NurAnfuegen("Das Bekanntgabeprotokoll kann nicht geändert werden (R-21-1).")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise NurAnfuegen("Das Bekanntgabeprotokoll kann nicht gelöscht werden (R-21-1).")
