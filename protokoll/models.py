"""The read-access log (R-0-AUDIT-2). The change log (R-0-AUDIT-1) is simple-history's tables.

Append-only by design: the application inserts rows and never changes or deletes them (Art. 4 DSV
benchmark: logs of data processing are kept and are not editable by the application). `save()` refuses
updates, `delete()` and the queryset's `update()`/`delete()` refuse, the model is not in the admin, and on
PostgreSQL a trigger (migration 0002) refuses UPDATE and DELETE for every other client as well.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kern.rollen import Rolle


class Aktion(models.TextChoices):
    ANSICHT = "ansicht", "Ansicht (Akte geöffnet)"
    DOKUMENT = "dokument", "Dokument heruntergeladen"
    API_LESEN = "api_lesen", "API: Datensatz gelesen"
    API_LISTE = "api_liste", "API: Liste gelesen"
    EXPORT = "export", "Export"


class Kanal(models.TextChoices):
    UI = "ui", "Browser"
    API = "api", "REST-API"


class NurAnfuegen(Exception):
    """Raised on any attempt to change or delete a log row through the application."""


class _LesezugriffQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise NurAnfuegen("Das Lesezugriffsprotokoll kann nicht geändert werden (R-0-AUDIT-2).")

    def delete(self):
        raise NurAnfuegen("Das Lesezugriffsprotokoll kann nicht gelöscht werden (R-0-AUDIT-2).")


class Lesezugriff(models.Model):
    """One read of a person's file: who (and in which role), what, when, why, through which channel."""

    # Set by the service in Python (time-machine in tests, no database clock).
    zeitpunkt = models.DateTimeField("Zeitpunkt")
    benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="Benutzer/in"
    )
    # Copied: the role at the time of the read, even if the user's role changes later.
    rolle = models.CharField("Rolle", max_length=32, choices=Rolle.choices)
    person = models.ForeignKey(
        "vollzug.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Person",
    )
    objekt_typ = models.CharField("Objekttyp", max_length=100)
    objekt_id = models.PositiveBigIntegerField("Objekt-ID", null=True, blank=True)
    aktion = models.CharField("Aktion", max_length=20, choices=Aktion.choices)
    kanal = models.CharField("Kanal", max_length=5, choices=Kanal.choices)
    zweck = models.TextField(
        "Zweck", blank=True, help_text="API: Header X-Zweck (gesetzlicher Zweck der Abfrage)."
    )
    abfrage = models.TextField("Abfrage", blank=True, help_text="Filter einer Listen- oder Exportabfrage.")
    ip = models.GenericIPAddressField("IP-Adresse", null=True, blank=True)

    objects = _LesezugriffQuerySet.as_manager()

    class Meta:
        verbose_name = "Lesezugriff"
        verbose_name_plural = "Lesezugriffe"
        ordering = ["-zeitpunkt", "-pk"]
        # Nothing to add, change or delete through Django's permission system: rows come from the service.
        default_permissions = ("view",)
        constraints = [
            models.CheckConstraint(name="lesezugriff_aktion_gueltig", condition=Q(aktion__in=Aktion.values)),
            models.CheckConstraint(name="lesezugriff_kanal_gueltig", condition=Q(kanal__in=Kanal.values)),
        ]
        # The auditor's filters (person, user, date range) always sort by time, newest first.
        indexes = [
            models.Index(fields=["person", "-zeitpunkt"], name="lesezugriff_person_idx"),
            models.Index(fields=["benutzer", "-zeitpunkt"], name="lesezugriff_benutzer_idx"),
            models.Index(fields=["-zeitpunkt"], name="lesezugriff_zeit_idx"),
            models.Index(fields=["objekt_typ", "-zeitpunkt"], name="lesezugriff_typ_idx"),
        ]

    def __str__(self):
        zeit = timezone.localtime(self.zeitpunkt)
        return f"{zeit:%d.%m.%Y %H:%M} {self.get_aktion_display()} {self.objekt_typ} {self.objekt_id or ''}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise NurAnfuegen("Das Lesezugriffsprotokoll kann nicht geändert werden (R-0-AUDIT-2).")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise NurAnfuegen("Das Lesezugriffsprotokoll kann nicht gelöscht werden (R-0-AUDIT-2).")
