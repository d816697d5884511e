"""Besondere Sicherheitsmassnahmen (§ 31 JVG): thin models; the rules live in `domain/`.

A measure is proposed (with the recorded risk, § 31 Abs. 1), ordered by a Verfügung of type
SICHERHEITSMASSNAHME_31 (four-eyes approval by the facility management, Gehör, Eröffnung: the shared
lifecycle), active from Eröffnung (§ 44: no suspensive effect), reviewed at intervals and lifted
(§ 31 Abs. 5).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sicherheitsmassnahmen.recht import (
    ARTEN_F_G,
    Massnahmenart,
    Massnahmenstatus,
    Risiko,
    Ueberpruefungsergebnis,
    paragraph,
)

S = Massnahmenstatus

RISIKOFELDER = {
    Risiko.FLUCHT: "risiko_flucht",
    Risiko.EIGENGEFAEHRDUNG: "risiko_eigengefaehrdung",
    Risiko.FREMDGEFAEHRDUNG: "risiko_fremdgefaehrdung",
    Risiko.SACHGEFAEHRDUNG: "risiko_sachgefaehrdung",
}


class Sicherheitsmassnahme(models.Model):
    """One besondere Sicherheitsmassnahme (§ 31 Abs. 2 lit. a–g) against one placed person."""

    Art = Massnahmenart
    Status = Massnahmenstatus

    nummer = models.CharField("Nummer", max_length=20, unique=True, editable=False)
    person = models.ForeignKey(
        "vollzug.Person", on_delete=models.PROTECT, related_name="sicherheitsmassnahmen"
    )
    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="sicherheitsmassnahmen"
    )
    anstalt = models.ForeignKey(
        "vollzug.Anstalt",
        verbose_name="Vollzugseinrichtung",
        on_delete=models.PROTECT,
        related_name="sicherheitsmassnahmen",
        help_text="Die Einrichtung, in der die Person platziert ist; deren Leitung ordnet an (§ 31 Abs. 1).",
    )
    art = models.CharField("Massnahme (§ 31 Abs. 2)", max_length=30, choices=Massnahmenart.choices)
    ausgestaltung = models.TextField(
        "Ausgestaltung", blank=True, help_text="z. B. welche Gegenstände, welche Kontakte, welcher Raum."
    )
    # § 31 Abs. 1 (R-31-1): at least one risk, with the facts (behaviour or mental state) behind it.
    risiko_flucht = models.BooleanField("Fluchtgefahr", default=False)
    risiko_eigengefaehrdung = models.BooleanField("Eigengefährdung", default=False)
    risiko_fremdgefaehrdung = models.BooleanField("Fremdgefährdung", default=False)
    risiko_sachgefaehrdung = models.BooleanField("Gefährdung einer Sache", default=False)
    sachverhalt = models.TextField(
        "Sachverhalt (Verhalten oder psychischer Zustand)",
        help_text="§ 31 Abs. 1 JVG: worin das erhöhte Risiko besteht.",
    )
    begruendung = models.TextField(
        "Begründung", help_text="Warum die Massnahme nötig ist und mildere Mittel nicht genügen."
    )

    status = models.CharField(max_length=20, choices=Massnahmenstatus.choices, default=S.BEANTRAGT)
    beantragt_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="beantragt durch"
    )
    beantragt_am = models.DateTimeField("beantragt am")
    verfuegung = models.OneToOneField(
        "verfuegungen.Verfuegung",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sicherheitsmassnahme",
        help_text="Die Anordnung (§ 31 JVG) – im selben Vorgang wie der Antrag entworfen.",
    )
    # From Eröffnung (§ 44: no suspensive effect; an oral announcement before counts, R-0-VFG-2).
    aktiv_seit = models.DateTimeField("vollzogen ab", null=True, blank=True)
    naechste_ueberpruefung_am = models.DateTimeField("nächste Überprüfung fällig", null=True, blank=True)
    # R-31-5: the open escalation task of the current overdue review (one per overdue review).
    pruefaufgabe = models.ForeignKey(
        "jvg_case.Aufgabe", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    beendet_am = models.DateTimeField("aufgehoben am", null=True, blank=True)
    beendet_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="aufgehoben durch",
    )
    beendigungsgrund = models.TextField("Grund der Aufhebung", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Besondere Sicherheitsmassnahme"
        verbose_name_plural = "Besondere Sicherheitsmassnahmen"
        ordering = ["-beantragt_am", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="sicherheitsmassnahme_art_gueltig", condition=Q(art__in=Massnahmenart.values)
            ),
            models.CheckConstraint(
                name="sicherheitsmassnahme_status_gueltig", condition=Q(status__in=Massnahmenstatus.values)
            ),
            # R-31-1 (§ 31 Abs. 1): at least one of the four risks.
            models.CheckConstraint(
                name="sicherheitsmassnahme_risiko_erfasst",
                condition=Q(risiko_flucht=True)
                | Q(risiko_eigengefaehrdung=True)
                | Q(risiko_fremdgefaehrdung=True)
                | Q(risiko_sachgefaehrdung=True),
            ),
            # R-31-5: an active measure always has its next review.
            models.CheckConstraint(
                name="sicherheitsmassnahme_aktiv_hat_ueberpruefung",
                condition=Q(status=S.BEANTRAGT)
                | Q(aktiv_seit__isnull=False, naechste_ueberpruefung_am__isnull=False),
            ),
            # R-31-5: lifting records when, by whom and why.
            models.CheckConstraint(
                name="sicherheitsmassnahme_beendet_erfasst",
                condition=~Q(status=S.BEENDET)
                | (Q(beendet_am__isnull=False, beendet_durch__isnull=False) & ~Q(beendigungsgrund="")),
            ),
            models.CheckConstraint(
                name="sicherheitsmassnahme_ende_nach_beginn",
                condition=Q(beendet_am__isnull=True) | Q(beendet_am__gte=F("aktiv_seit")),
            ),
        ]
        indexes = [
            # The escalation job (R-31-5) selects active measures by due review, paging by pk.
            models.Index(
                fields=["naechste_ueberpruefung_am", "id"],
                name="sicherheitsm_pruefung_idx",
                condition=Q(status="aktiv"),
            ),
            models.Index(fields=["anstalt", "status"], name="sicherheitsm_anstalt_idx"),
        ]

    def __str__(self):
        return f"{self.nummer} {self.get_art_display()}"

    def get_absolute_url(self):
        return reverse("sicherheitsmassnahmen:detail", args=[self.pk])

    @property
    def paragraph(self) -> str:
        return paragraph(self.art)

    @property
    def ist_f_oder_g(self) -> bool:
        return self.art in ARTEN_F_G

    @property
    def risiken(self) -> list[str]:
        return [r.value for r, feld in RISIKOFELDER.items() if getattr(self, feld)]

    @property
    def risiken_text(self) -> str:
        return ", ".join(Risiko(r).label for r in self.risiken)


class Ueberpruefung(models.Model):
    """R-31-5 (§ 31 Abs. 5): one review by the facility management: continue (next due) or lift."""

    massnahme = models.ForeignKey(
        Sicherheitsmassnahme, on_delete=models.PROTECT, related_name="ueberpruefungen"
    )
    am = models.DateTimeField("überprüft am")
    durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    faellig_war = models.DateTimeField("fällig war")
    ergebnis = models.CharField(max_length=20, choices=Ueberpruefungsergebnis.choices)
    begruendung = models.TextField("Begründung")
    naechste_faellig = models.DateTimeField("nächste Überprüfung fällig", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Überprüfung einer Sicherheitsmassnahme"
        verbose_name_plural = "Überprüfungen von Sicherheitsmassnahmen"
        ordering = ["am", "pk"]
        constraints = [
            models.CheckConstraint(
                name="ueberpruefung_ergebnis_gueltig", condition=Q(ergebnis__in=Ueberpruefungsergebnis.values)
            ),
            models.CheckConstraint(name="ueberpruefung_begruendet", condition=~Q(begruendung="")),
            models.CheckConstraint(
                name="ueberpruefung_fortsetzen_hat_naechste",
                condition=~Q(ergebnis=Ueberpruefungsergebnis.FORTSETZEN) | Q(naechste_faellig__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.massnahme.nummer}: {self.get_ergebnis_display()}"

    @property
    def verspaetet(self) -> bool:
        return self.am > self.faellig_war
