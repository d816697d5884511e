"""Zwangsmassnahmen §§ 25, 26, 28, 32 JVG: thin models; the rules live in `zwangsmassnahmen/domain/`.

The database constraints hold what must never be stored whoever writes (a Sicherheitshaft without a
ground, a body search ordered by its own requester); the services give the German messages.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from zwangsmassnahmen.recht import (
    Abwesenheitsart,
    Gefaehrdung,
    GerichtEntscheid,
    Haftstatus,
    Haftvariante,
    Kontrollart,
    Kontrollergebnis,
    Kontrollstatus,
    Nachverfahren,
    Zufuehrungsart,
)

_USER = settings.AUTH_USER_MODEL


class Sicherheitshaft(models.Model):
    """§ 25: vollzugsrechtliche Sicherheitshaft, ordered by the Vollzugsbehörde (R-25-1, R-25-2)."""

    nummer = models.CharField("Nummer", max_length=20, unique=True, editable=False)
    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="sicherheitshaften"
    )
    variante = models.CharField("Variante", max_length=4, choices=Haftvariante.choices)
    # R-25-1: the pending post-judgment procedure (Art. 363 ff. StPO).
    verfahren_art = models.CharField("Nachträgliches Verfahren", max_length=20, choices=Nachverfahren.choices)
    verfahren_referenz = models.CharField("Geschäftsnummer des Verfahrens", max_length=60)
    verfahren_eingeleitet_am = models.DateField("Verfahren eingeleitet am", null=True, blank=True)
    wahrscheinlichkeit = models.TextField(
        "Hinreichende Wahrscheinlichkeit (§ 25 Abs. 1)",
        help_text="Weshalb es voraussichtlich zur Rückversetzung oder zur Anordnung einer Freiheitsstrafe "
        "oder freiheitsentziehenden Massnahme kommt.",
    )
    grund_oeffentlichkeit = models.BooleanField("a) Öffentlichkeit erheblich gefährdet", default=False)
    grund_massnahmenzweck = models.BooleanField(
        "b) Massnahmenzweck nicht anders gewährleistet", default=False
    )
    grund_flucht = models.BooleanField("c) Fluchtgefahr", default=False)
    begruendung = models.TextField("Begründung der Haftgründe", blank=True)
    anstalt = models.ForeignKey(
        "vollzug.Anstalt",
        verbose_name="Haftort",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # § 25 Abs. 1/2: the arrest; the 48 hours run from here to the minute (R-0-FRIST-3).
    festnahme_am = models.DateTimeField("Festnahme", null=True, blank=True)
    frist_ende = models.DateTimeField(
        "Antrag an das Zwangsmassnahmengericht spätestens", null=True, blank=True
    )
    frist_methode = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=12, choices=Haftstatus.choices, default=Haftstatus.IN_HAFT)
    angeordnet_am = models.DateTimeField("Angeordnet am")
    angeordnet_durch = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    # § 25 Abs. 2 (court) or Abs. 3 (Verfahrensleitung): the filing.
    antrag_am = models.DateTimeField("Antrag eingereicht am", null=True, blank=True)
    antrag_referenz = models.CharField("Referenz des Antrags", max_length=60, blank=True)
    antrag_verspaetet = models.BooleanField("Antrag nach Ablauf der 48 Stunden", default=False)
    antrag_erfasst_durch = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gericht_entscheid = models.CharField(
        "Entscheid des Zwangsmassnahmengerichts", max_length=12, choices=GerichtEntscheid.choices, blank=True
    )
    gericht_entscheid_am = models.DateTimeField("Entscheid vom", null=True, blank=True)
    beendet_am = models.DateTimeField("Haft beendet am", null=True, blank=True)
    beendet_grund = models.TextField("Grund der Beendigung", blank=True)
    eskaliert_am = models.DateTimeField("Eskaliert (Frist verpasst) am", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Sicherheitshaft (§ 25)"
        verbose_name_plural = "Sicherheitshaften (§ 25)"
        ordering = ["-angeordnet_am", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="haft25_variante_gueltig", condition=Q(variante__in=Haftvariante.values)
            ),
            models.CheckConstraint(
                name="haft25_verfahren_gueltig", condition=Q(verfahren_art__in=Nachverfahren.values)
            ),
            models.CheckConstraint(name="haft25_status_gueltig", condition=Q(status__in=Haftstatus.values)),
            models.CheckConstraint(
                name="haft25_gericht_gueltig",
                condition=Q(gericht_entscheid="") | Q(gericht_entscheid__in=GerichtEntscheid.values),
            ),
            # R-25-1: at least one ground of § 25 Abs. 1 lit. a–c.
            models.CheckConstraint(
                name="haft25_mindestens_ein_grund",
                condition=Q(grund_oeffentlichkeit=True)
                | Q(grund_massnahmenzweck=True)
                | Q(grund_flucht=True),
            ),
            # R-25-2: an arrest by the authority always has its arrest time and its 48-hour deadline.
            models.CheckConstraint(
                name="haft25_abs1_mit_festnahme_und_frist",
                condition=~Q(variante=Haftvariante.EIGENE_ANORDNUNG)
                | Q(festnahme_am__isnull=False, frist_ende__isnull=False),
            ),
            models.CheckConstraint(
                name="haft25_antrag_nach_festnahme",
                condition=Q(antrag_am__isnull=True)
                | Q(festnahme_am__isnull=True)
                | Q(antrag_am__gte=F("festnahme_am")),
            ),
            models.CheckConstraint(
                name="haft25_beantragt_hat_antrag",
                condition=Q(status=Haftstatus.IN_HAFT)
                | Q(status=Haftstatus.BEENDET)
                | Q(antrag_am__isnull=False),
            ),
            models.CheckConstraint(
                name="haft25_beendet_hat_zeitpunkt",
                condition=~Q(status=Haftstatus.BEENDET) | Q(beendet_am__isnull=False),
            ),
        ]
        indexes = [
            # The reminder job (R-25-2) selects open arrests without filing by pk.
            models.Index(fields=["status", "antrag_am"], name="haft25_offen_idx"),
        ]

    def __str__(self):
        return f"Sicherheitshaft {self.nummer}"

    def get_absolute_url(self):
        return reverse("zwangsmassnahmen:haft_detail", args=[self.pk])

    @property
    def gruende(self) -> list[str]:
        return [
            buchstabe
            for buchstabe, gesetzt in (
                ("a", self.grund_oeffentlichkeit),
                ("b", self.grund_massnahmenzweck),
                ("c", self.grund_flucht),
            )
            if gesetzt
        ]

    @property
    def antrag_offen(self) -> bool:
        return self.variante == Haftvariante.EIGENE_ANORDNUNG and self.status == Haftstatus.IN_HAFT


class HaftErinnerung(models.Model):
    """R-25-2: one row per reminder point (hours after the arrest) and one for the escalation (48):
    the unique constraint keeps the reminder job idempotent."""

    haft = models.ForeignKey(Sicherheitshaft, on_delete=models.PROTECT, related_name="erinnerungen")
    stunden = models.PositiveSmallIntegerField("Stunden nach der Festnahme")
    eskalation = models.BooleanField(default=False)
    aufgabe = models.ForeignKey("jvg_case.Aufgabe", on_delete=models.PROTECT, related_name="+")
    erstellt_am = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Erinnerung Sicherheitshaft"
        verbose_name_plural = "Erinnerungen Sicherheitshaft"
        ordering = ["haft", "stunden"]
        constraints = [
            models.UniqueConstraint(name="haft25_erinnerung_einmal", fields=["haft", "stunden"]),
        ]

    def __str__(self):
        return f"{self.haft}: {self.stunden} h"


class VoruebergehendeVersetzung(models.Model):
    """§ 26, R-26-1: the reasons of a temporary transfer; the move itself is the linked Platzierung."""

    platzierung = models.OneToOneField(
        "vollzug.Platzierung", on_delete=models.PROTECT, related_name="versetzung26"
    )
    fall = models.ForeignKey("vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="versetzungen26")
    von_anstalt = models.ForeignKey("vollzug.Anstalt", on_delete=models.PROTECT, related_name="+")
    undurchfuehrbar = models.TextField("Weshalb die Massnahme vorübergehend undurchführbar ist")
    gefaehrdung = models.CharField("Gefährdung (§ 26)", max_length=20, choices=Gefaehrdung.choices)
    gefaehrdung_begruendung = models.TextField("Begründung der Gefährdung")
    voraussichtlich_bis = models.DateField("Voraussichtlich bis", null=True, blank=True)
    angeordnet_am = models.DateTimeField()
    angeordnet_durch = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Vorübergehende Versetzung (§ 26)"
        verbose_name_plural = "Vorübergehende Versetzungen (§ 26)"
        ordering = ["-angeordnet_am", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="versetzung26_gefaehrdung_gueltig", condition=Q(gefaehrdung__in=Gefaehrdung.values)
            ),
            # R-26-1: both conditions of § 26 are recorded.
            models.CheckConstraint(
                name="versetzung26_gruende_erfasst",
                condition=~Q(undurchfuehrbar="") & ~Q(gefaehrdung_begruendung=""),
            ),
        ]

    def __str__(self):
        return f"Vorübergehende Versetzung {self.fall} ({self.platzierung.anstalt})"

    def get_absolute_url(self):
        return reverse("zwangsmassnahmen:versetzung_detail", args=[self.pk])


class Kontrolle(models.Model):
    """§ 28, R-28-1: a search, a test, or a body search (requested → ordered → carried out)."""

    fall = models.ForeignKey("vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="kontrollen28")
    anstalt = models.ForeignKey("vollzug.Anstalt", on_delete=models.PROTECT, related_name="+")
    art = models.CharField("Art", max_length=20, choices=Kontrollart.choices)
    status = models.CharField(max_length=15, choices=Kontrollstatus.choices)
    verdacht = models.TextField("Verdacht", blank=True)
    # Body search (Art. 85 Abs. 2 StGB): request by staff, order by the facility management.
    beantragt_am = models.DateTimeField(null=True, blank=True)
    beantragt_durch = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    angeordnet_am = models.DateTimeField(null=True, blank=True)
    angeordnet_durch = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entscheid_kommentar = models.TextField("Kommentar der Anstaltsleitung", blank=True)
    # The control as carried out.
    zeitpunkt = models.DateTimeField("Zeitpunkt", null=True, blank=True)
    ort = models.CharField("Ort", max_length=120, blank=True)
    durchgefuehrt_durch = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    beteiligte = models.CharField("Weitere beteiligte Mitarbeitende", max_length=200, blank=True)
    gleiches_geschlecht = models.BooleanField(
        "Durch Person gleichen Geschlechts (Art. 85 Abs. 2 StGB)", default=False
    )
    ergebnis = models.CharField("Ergebnis", max_length=15, choices=Kontrollergebnis.choices, blank=True)
    ergebnis_text = models.TextField("Befund", blank=True)
    fundgegenstaende = models.TextField("Gefundene Gegenstände", blank=True)
    erfasst_am = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Kontrolle (§ 28)"
        verbose_name_plural = "Kontrollen (§ 28)"
        ordering = ["-erfasst_am", "-pk"]
        constraints = [
            models.CheckConstraint(name="kontrolle28_art_gueltig", condition=Q(art__in=Kontrollart.values)),
            models.CheckConstraint(
                name="kontrolle28_status_gueltig", condition=Q(status__in=Kontrollstatus.values)
            ),
            models.CheckConstraint(
                name="kontrolle28_ergebnis_gueltig",
                condition=Q(ergebnis="") | Q(ergebnis__in=Kontrollergebnis.values),
            ),
            # R-28-1: a carried-out control has its time and result.
            models.CheckConstraint(
                name="kontrolle28_durchgefuehrt_vollstaendig",
                condition=~Q(status=Kontrollstatus.DURCHGEFUEHRT)
                | (Q(zeitpunkt__isnull=False, durchgefuehrt_durch__isnull=False) & ~Q(ergebnis="")),
            ),
            # R-28-1: a body search only on a recorded suspicion …
            models.CheckConstraint(
                name="kontrolle28_leibesvisitation_mit_verdacht",
                condition=~Q(art=Kontrollart.LEIBESVISITATION) | ~Q(verdacht=""),
            ),
            # … ordered by the facility management before it is carried out, never by its requester (R-0-4EYES-1).
            models.CheckConstraint(
                name="kontrolle28_leibesvisitation_angeordnet",
                condition=~Q(art=Kontrollart.LEIBESVISITATION)
                | Q(status__in=[Kontrollstatus.BEANTRAGT, Kontrollstatus.ABGELEHNT])
                | Q(angeordnet_durch__isnull=False, angeordnet_am__isnull=False),
            ),
            models.CheckConstraint(
                name="kontrolle28_vier_augen",
                condition=Q(angeordnet_durch__isnull=True)
                | Q(beantragt_durch__isnull=True)
                | ~Q(angeordnet_durch=F("beantragt_durch")),
            ),
        ]
        indexes = [models.Index(fields=["anstalt", "status"], name="kontrolle28_anstalt_idx")]

    def __str__(self):
        return f"{self.get_art_display()} ({self.fall})"

    def get_absolute_url(self):
        return reverse("zwangsmassnahmen:kontrolle_detail", args=[self.pk])


class Entweichung(models.Model):
    """§ 32, R-32-1: escape or unauthorised absence → Festnahme- und Zuführungsauftrag at once."""

    fall = models.ForeignKey("vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="entweichungen")
    anstalt = models.ForeignKey("vollzug.Anstalt", on_delete=models.PROTECT, related_name="+")
    art = models.CharField("Art", max_length=12, choices=Abwesenheitsart.choices)
    festgestellt_am = models.DateTimeField("Abwesenheit festgestellt am")
    umstaende = models.TextField("Umstände")
    gemeldet_am = models.DateTimeField()
    gemeldet_durch = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    # § 32 Abs. 1 Satz 1: "unverzüglich angeordnet" — the order is created with the report.
    auftrag_nummer = models.CharField("Festnahme- und Zuführungsauftrag", max_length=20, unique=True)
    auftrag_am = models.DateTimeField("Auftrag erteilt am")
    einweisungsbehoerde_informiert_am = models.DateTimeField(null=True, blank=True)
    einweisungsbehoerde_informiert_durch = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # R-32-1: the tasks created with the report, closed by the recorded information and the return.
    aufgabe_information = models.ForeignKey(
        "jvg_case.Aufgabe", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aufgabe_festnahme = models.ForeignKey(
        "jvg_case.Aufgabe", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    zugefuehrt_am = models.DateTimeField("Zugeführt am", null=True, blank=True)
    zufuehrung_art = models.CharField(max_length=12, choices=Zufuehrungsart.choices, blank=True)
    zufuehrung_bemerkung = models.TextField(blank=True)
    zufuehrung_erfasst_durch = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Entweichung (§ 32)"
        verbose_name_plural = "Entweichungen (§ 32)"
        ordering = ["-festgestellt_am", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="entweichung_art_gueltig", condition=Q(art__in=Abwesenheitsart.values)
            ),
            models.CheckConstraint(
                name="entweichung_zufuehrung_gueltig",
                condition=Q(zufuehrung_art="") | Q(zufuehrung_art__in=Zufuehrungsart.values),
            ),
            models.CheckConstraint(
                name="entweichung_zufuehrung_nach_feststellung",
                condition=Q(zugefuehrt_am__isnull=True)
                | Q(zugefuehrt_am__gte=F("festgestellt_am"), zufuehrung_art__in=Zufuehrungsart.values),
            ),
            # A person is absent once at a time: one open escape per case.
            models.UniqueConstraint(
                name="entweichung_eine_offene_pro_fall",
                fields=["fall"],
                condition=Q(zugefuehrt_am__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.get_art_display()} {self.auftrag_nummer}"

    def get_absolute_url(self):
        return reverse("zwangsmassnahmen:entweichung_detail", args=[self.pk])
