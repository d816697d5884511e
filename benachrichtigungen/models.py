"""Benachrichtigungen an Partnerbehörden (Webhooks): subscriptions, deliveries and their attempts.

Thin models; the rules (who may subscribe to what, where calls may go, signing, retries) are in
`domain/` and `recht.py`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from kern.ereignisse import Ereignistyp


class Abonnement(models.Model):
    """An agency's subscription: its HTTPS endpoint and the event types it receives.

    The signing secret is never stored: only a random salt; the secret is HMAC(JVG_WEBHOOK_SCHLUESSEL,
    salt), shown once at creation (and at renewal). A copy of the database alone does not reveal it, and
    the salt is kept out of the history table too.
    """

    behoerde = models.ForeignKey(
        "behoerden.Behoerde",
        on_delete=models.PROTECT,
        related_name="abonnemente",
        verbose_name="Partnerbehörde",
    )
    url = models.URLField("Empfangs-URL", max_length=500)
    ereignistypen = models.JSONField("Ereignistypen", default=list)
    geheimnis_salz = models.CharField(max_length=64, editable=False)
    aktiv = models.BooleanField("aktiv", default=True)
    erstellt_am = models.DateTimeField("erstellt am")
    erstellt_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="erstellt durch"
    )
    history = HistoricalRecords(excluded_fields=["geheimnis_salz"])

    class Meta:
        verbose_name = "Webhook-Abonnement"
        verbose_name_plural = "Webhook-Abonnemente"
        ordering = ["behoerde__name", "pk"]
        constraints = [
            models.CheckConstraint(name="abonnement_salz_gesetzt", condition=~Q(geheimnis_salz=""))
        ]

    def __str__(self):
        return f"{self.behoerde.name}: {self.url}"

    def typen_text(self) -> str:
        return ", ".join(Ereignistyp(t).label for t in self.ereignistypen if t in Ereignistyp.values)


class Zustellstatus(models.TextChoices):
    AUSSTEHEND = "ausstehend", "ausstehend"
    ZUGESTELLT = "zugestellt", "zugestellt"
    FEHLGESCHLAGEN = "fehlgeschlagen", "fehlgeschlagen"
    ABGEBROCHEN = "abgebrochen", "abgebrochen (Abonnement inaktiv)"


class Zustellung(models.Model):
    """One event for one subscription: the self-contained payload (a disclosure to the agency) and its state.

    Unique per (subscription, event id): delivering the same event twice is impossible by construction,
    and a retried or redelivered task finds the row already `zugestellt` and does nothing.
    """

    abonnement = models.ForeignKey(Abonnement, on_delete=models.PROTECT, related_name="zustellungen")
    ereignis_id = models.UUIDField("Ereignis-ID")
    ereignistyp = models.CharField("Ereignistyp", max_length=30, choices=Ereignistyp.choices)
    person = models.ForeignKey(
        "vollzug.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Person",
    )
    nutzlast = models.JSONField("Nutzlast")
    status = models.CharField(max_length=20, choices=Zustellstatus.choices, default=Zustellstatus.AUSSTEHEND)
    erstellt_am = models.DateTimeField("erstellt am")
    naechster_versuch_am = models.DateTimeField("nächster Versuch", null=True, blank=True)
    zugestellt_am = models.DateTimeField("zugestellt am", null=True, blank=True)
    # Attempts logged before the current round (a failed delivery re-queued by the administration).
    versuche_basis = models.PositiveSmallIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Webhook-Zustellung"
        verbose_name_plural = "Webhook-Zustellungen"
        ordering = ["-erstellt_am", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["abonnement", "ereignis_id"], name="zustellung_einmal_je_ereignis"
            ),
            models.CheckConstraint(
                name="zustellung_status_gueltig", condition=Q(status__in=Zustellstatus.values)
            ),
            models.CheckConstraint(
                name="zustellung_zugestellt_datiert",
                condition=Q(status=Zustellstatus.ZUGESTELLT, zugestellt_am__isnull=False)
                | (~Q(status=Zustellstatus.ZUGESTELLT) & Q(zugestellt_am__isnull=True)),
            ),
        ]
        # The catch-up job selects pending deliveries whose next try is long overdue.
        indexes = [models.Index(fields=["status", "naechster_versuch_am"], name="zustellung_offen_idx")]

    def __str__(self):
        return f"{self.get_ereignistyp_display()} → {self.abonnement.behoerde.name}"


class Zustellversuch(models.Model):
    """One HTTP attempt (append-only log): when, how long, the HTTP status or the error class.
    Never the secret, the signature or the response body."""

    zustellung = models.ForeignKey(Zustellung, on_delete=models.PROTECT, related_name="versuche")
    nummer = models.PositiveSmallIntegerField("Versuch Nr.")
    zeitpunkt = models.DateTimeField("Zeitpunkt")
    dauer_ms = models.PositiveIntegerField("Dauer (ms)")
    http_status = models.PositiveSmallIntegerField("HTTP-Status", null=True, blank=True)
    fehler = models.CharField("Fehler", max_length=120, blank=True)
    erfolgreich = models.BooleanField("erfolgreich", default=False)

    class Meta:
        verbose_name = "Zustellversuch"
        verbose_name_plural = "Zustellversuche"
        ordering = ["zustellung", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["zustellung", "nummer"], name="zustellversuch_nummer_eindeutig"),
        ]

    def __str__(self):
        return f"Versuch {self.nummer}: {self.http_status or self.fehler}"
