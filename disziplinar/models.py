"""Disciplinary law (§§ 40–41 JVG): thin models; the rules live in `disziplinar/domain/`.

A case starts with a `Rapport` (R-40-1) of the facility's staff, opens one `Disziplinarverfahren`
led by the facility management, and ends with a Verfügung of type DISZIPLINAR (linked through the
Verfügung's generic `gegenstand` = the proceeding) whose `Disziplinarsanktion` rows (§ 41) are
executed or become time-barred (§ 41 Abs. 5).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from disziplinar.recht import (
    ARREST_MAX_TAGE,
    EINSCHLUSS_MAX_TAGE,
    Disziplinarsanktionsart,
    Sanktionsstatus,
    Tatbestand,
    Teilnahmeform,
    Verfahrensstatus,
)

A = Disziplinarsanktionsart


class Rapport(models.Model):
    """R-40-1: the report of an incident by the facility's staff."""

    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="rapporte", verbose_name="Vollzugsfall"
    )
    person = models.ForeignKey(
        "vollzug.Person",
        on_delete=models.PROTECT,
        related_name="rapporte",
        verbose_name="eingewiesene Person",
    )
    anstalt = models.ForeignKey(
        "vollzug.Anstalt",
        on_delete=models.PROTECT,
        related_name="rapporte",
        verbose_name="Vollzugseinrichtung",
    )
    tatzeit = models.DateTimeField("Zeitpunkt der Tat")
    gemeldet_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="gemeldet durch"
    )
    sachverhalt = models.TextField("Sachverhalt")
    zeugen = models.TextField("Zeuginnen und Zeugen", blank=True)
    # Set by the service from the clock (not auto_now_add), so time travel in tests is consistent.
    erfasst_am = models.DateTimeField("erfasst am")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Rapport"
        verbose_name_plural = "Rapporte"
        ordering = ["-tatzeit", "-pk"]
        constraints = [
            # R-40-1: an act is reported after it happened, never before.
            models.CheckConstraint(
                name="rapport_tatzeit_vor_erfassung", condition=Q(tatzeit__lte=F("erfasst_am"))
            ),
            models.CheckConstraint(name="rapport_sachverhalt_nicht_leer", condition=~Q(sachverhalt="")),
        ]
        # Issue 19: the list's ordering (ids-first pages walk it).
        indexes = [models.Index(fields=["-tatzeit", "-id"], name="rapport_liste_idx")]

    def __str__(self):
        return f"Rapport {self.pk}"


class RapportDelikt(models.Model):
    """R-40-1: one offence of the report (§ 40 Abs. 1 or Abs. 2 lit. a–l) with its participation form."""

    rapport = models.ForeignKey(Rapport, on_delete=models.PROTECT, related_name="delikte")
    tatbestand = models.CharField("Tatbestand (§ 40)", max_length=10, choices=Tatbestand.choices)
    teilnahmeform = models.CharField(
        "Teilnahmeform (§ 40 Abs. 3)",
        max_length=20,
        choices=Teilnahmeform.choices,
        default=Teilnahmeform.TAETERSCHAFT,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Disziplinarvergehen des Rapports"
        verbose_name_plural = "Disziplinarvergehen des Rapports"
        ordering = ["rapport", "pk"]
        constraints = [
            models.CheckConstraint(
                name="rapportdelikt_tatbestand_gueltig", condition=Q(tatbestand__in=Tatbestand.values)
            ),
            models.CheckConstraint(
                name="rapportdelikt_teilnahmeform_gueltig",
                condition=Q(teilnahmeform__in=Teilnahmeform.values),
            ),
            models.UniqueConstraint(name="rapportdelikt_einmal_je_rapport", fields=["rapport", "tatbestand"]),
        ]

    def __str__(self):
        return f"{Tatbestand(self.tatbestand).paragraph} ({self.get_teilnahmeform_display()})"


def _beilage_pfad(instance, filename):
    return f"disziplinar/rapporte/{instance.rapport_id}/{filename}"


class RapportBeilage(models.Model):
    """Evidence attached to a report, with its SHA-256 (integrity of the file as received)."""

    rapport = models.ForeignKey(Rapport, on_delete=models.PROTECT, related_name="beilagen")
    titel = models.CharField("Titel", max_length=150)
    datei = models.FileField("Datei", upload_to=_beilage_pfad, max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    hochgeladen_am = models.DateTimeField("hochgeladen am")
    hochgeladen_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="hochgeladen durch"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Beilage zum Rapport"
        verbose_name_plural = "Beilagen zum Rapport"
        ordering = ["rapport", "pk"]
        constraints = [
            models.CheckConstraint(
                name="rapportbeilage_sha256_gueltig", condition=Q(sha256__regex=r"^[0-9a-f]{64}$")
            ),
        ]

    def __str__(self):
        return self.titel


class Disziplinarverfahren(models.Model):
    """One proceeding per report, led by the facility management (§ 41); limitation § 41 Abs. 5."""

    Status = Verfahrensstatus

    nummer = models.CharField("Nummer", max_length=20, unique=True, editable=False)
    rapport = models.OneToOneField(Rapport, on_delete=models.PROTECT, related_name="verfahren")
    # Denormalised from the report: the job, the deadline source and the visibility filter use them.
    person = models.ForeignKey(
        "vollzug.Person", on_delete=models.PROTECT, related_name="disziplinarverfahren", verbose_name="Person"
    )
    anstalt = models.ForeignKey(
        "vollzug.Anstalt",
        on_delete=models.PROTECT,
        related_name="disziplinarverfahren",
        verbose_name="Einrichtung",
    )
    status = models.CharField(max_length=20, choices=Verfahrensstatus.choices, default=Verfahrensstatus.OFFEN)
    geleitet_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="geleitet durch"
    )
    eroeffnet_am = models.DateTimeField("Verfahren eröffnet am")
    abgeschlossen_am = models.DateTimeField("abgeschlossen am", null=True, blank=True)
    einstellung_grund = models.TextField("Grund der Einstellung", blank=True)

    # R-41-5a / R-0-FRIST-2: last day on which a decision may be notified, with its counting method.
    verjaehrung_am = models.DateField("Verfolgungsverjährung am")
    verjaehrung_methode = models.CharField("Zählweise der Verjährung", max_length=40)

    # R-40-4 (§ 40 Abs. 4): criminal prosecution stays possible.
    strafanzeige = models.BooleanField("Strafanzeige an die Staatsanwaltschaft", default=False)
    strafanzeige_am = models.DateField("Strafanzeige vom", null=True, blank=True)
    strafanzeige_referenz = models.CharField("Referenz der Strafanzeige", max_length=60, blank=True)

    # R-41-4 (§ 41 Abs. 4): the assessment criteria of the decision.
    verschulden = models.TextField("Schwere des Verschuldens", blank=True)
    schwere = models.TextField(
        "Schwere der Verletzung oder Gefährdung von Sicherheit, Ordnung und Zusammenleben", blank=True
    )
    persoenliche_verhaeltnisse = models.TextField("Persönliche Umstände", blank=True)
    auswirkung_resozialisierung = models.TextField(
        "Wirkung der Sanktion auf die Resozialisierung", blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Disziplinarverfahren"
        verbose_name_plural = "Disziplinarverfahren"
        ordering = ["-eroeffnet_am", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="disziplinarverfahren_status_gueltig", condition=Q(status__in=Verfahrensstatus.values)
            ),
            models.CheckConstraint(
                name="disziplinarverfahren_verjaehrung_methode", condition=~Q(verjaehrung_methode="")
            ),
            # R-40-4: a flagged report carries its date.
            models.CheckConstraint(
                name="disziplinarverfahren_strafanzeige_datiert",
                condition=Q(strafanzeige=False, strafanzeige_am__isnull=True)
                | Q(strafanzeige=True, strafanzeige_am__isnull=False),
            ),
            # A closed proceeding records when; an open one has no end.
            models.CheckConstraint(
                name="disziplinarverfahren_abschluss_erfasst",
                condition=Q(status=Verfahrensstatus.OFFEN, abgeschlossen_am__isnull=True)
                | (~Q(status=Verfahrensstatus.OFFEN) & Q(abgeschlossen_am__isnull=False)),
            ),
            # R-41-4: a decided proceeding recorded all four assessment criteria.
            models.CheckConstraint(
                name="disziplinarverfahren_entscheid_mit_beurteilung",
                condition=~Q(status=Verfahrensstatus.ENTSCHIEDEN)
                | (
                    ~Q(verschulden="")
                    & ~Q(schwere="")
                    & ~Q(persoenliche_verhaeltnisse="")
                    & ~Q(auswirkung_resozialisierung="")
                ),
            ),
            models.CheckConstraint(
                name="disziplinarverfahren_einstellung_begruendet",
                condition=~Q(status=Verfahrensstatus.EINGESTELLT) | ~Q(einstellung_grund=""),
            ),
        ]
        indexes = [
            # The limitation job (R-41-5a) selects open proceedings by date, paging by pk.
            models.Index(
                fields=["verjaehrung_am", "id"],
                name="dverfahren_verjaehrung_idx",
                condition=Q(status="offen"),
            ),
            # Issue 19: the list's ordering, unfiltered and by status (ids-first pages walk these).
            models.Index(fields=["-eroeffnet_am", "-id"], name="dverfahren_liste_idx"),
            models.Index(fields=["status", "-eroeffnet_am", "-id"], name="dverfahren_status_liste_idx"),
        ]

    def __str__(self):
        return self.nummer


class Disziplinarsanktion(models.Model):
    """R-41-1: one sanction of a Disziplinarverfügung; several kinds may be combined (§ 41 Abs. 3)."""

    Art = Disziplinarsanktionsart
    Status = Sanktionsstatus

    verfahren = models.ForeignKey(Disziplinarverfahren, on_delete=models.PROTECT, related_name="sanktionen")
    # The decision that orders it (its `gegenstand` is the proceeding). A lifted draft keeps its rows;
    # only sanctions of a notified decision count (e.g. as prior sanctions, R-41-4).
    verfuegung = models.ForeignKey(
        "verfuegungen.Verfuegung",
        on_delete=models.PROTECT,
        related_name="disziplinarsanktionen",
        verbose_name="Verfügung",
    )
    art = models.CharField("Sanktion (§ 41 Abs. 1)", max_length=1, choices=Disziplinarsanktionsart.choices)
    dauer_tage = models.PositiveSmallIntegerField("Dauer in Tagen", null=True, blank=True)
    betrag_chf = models.DecimalField("Betrag (CHF)", max_digits=9, decimal_places=2, null=True, blank=True)
    beschreibung = models.TextField("Beschreibung (entzogene Erleichterung/Bewilligung)", blank=True)
    # Computed by the server (start given or the day after notification; end = start + days − 1).
    vollzug_beginn = models.DateField("Vollzug ab", null=True, blank=True)
    vollzug_ende = models.DateField("Vollzug bis (letzter Tag)", null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=Sanktionsstatus.choices, default=Sanktionsstatus.ANGEORDNET
    )
    vollzogen_am = models.DateTimeField("Vollzug erfasst am", null=True, blank=True)
    # R-41-5b / R-0-FRIST-2: six months after Rechtskraft, with the counting method.
    vollstreckungsverjaehrung_am = models.DateField("Vollstreckungsverjährung am", null=True, blank=True)
    vollstreckungsverjaehrung_methode = models.CharField("Zählweise", max_length=40, blank=True)
    # Issue 23: ended because its decision was lifted or set aside on appeal (when and why).
    aufgehoben_am = models.DateTimeField("aufgehoben am", null=True, blank=True)
    aufhebung_grund = models.TextField("Grund der Aufhebung", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Disziplinarsanktion"
        verbose_name_plural = "Disziplinarsanktionen"
        ordering = ["verfuegung", "art"]
        constraints = [
            models.CheckConstraint(
                name="dsanktion_art_gueltig", condition=Q(art__in=Disziplinarsanktionsart.values)
            ),
            models.CheckConstraint(
                name="dsanktion_status_gueltig", condition=Q(status__in=Sanktionsstatus.values)
            ),
            # § 41 Abs. 3: several kinds may be combined, each kind once per decision.
            models.UniqueConstraint(name="dsanktion_art_einmal_je_verfuegung", fields=["verfuegung", "art"]),
            # R-41-1 lit. e/f: duration only for Einschluss (1..15) and Arrest (1..10).
            models.CheckConstraint(
                name="dsanktion_dauer_nach_art",
                condition=Q(art=A.EINSCHLUSS, dauer_tage__gte=1, dauer_tage__lte=EINSCHLUSS_MAX_TAGE)
                | Q(art=A.ARREST, dauer_tage__gte=1, dauer_tage__lte=ARREST_MAX_TAGE)
                | (~Q(art__in=[A.EINSCHLUSS, A.ARREST]) & Q(dauer_tage__isnull=True)),
            ),
            # R-41-1 lit. d: an amount only for a Busse, and then positive (maximum: settings).
            models.CheckConstraint(
                name="dsanktion_betrag_nach_art",
                condition=Q(art=A.BUSSE, betrag_chf__gt=0) | (~Q(art=A.BUSSE) & Q(betrag_chf__isnull=True)),
            ),
            models.CheckConstraint(
                name="dsanktion_entzug_beschrieben", condition=~Q(art=A.ENTZUG) | ~Q(beschreibung="")
            ),
            # The schedule exists only for kinds with a duration, complete and in order.
            models.CheckConstraint(
                name="dsanktion_vollzug_zeitraum",
                condition=Q(vollzug_beginn__isnull=True, vollzug_ende__isnull=True)
                | Q(art__in=[A.EINSCHLUSS, A.ARREST], vollzug_ende__gte=F("vollzug_beginn")),
            ),
            models.CheckConstraint(
                name="dsanktion_vollzogen_erfasst",
                condition=~Q(status=Sanktionsstatus.VOLLZOGEN) | Q(vollzogen_am__isnull=False),
            ),
            models.CheckConstraint(
                name="dsanktion_aufgehoben_erfasst",
                condition=~Q(status=Sanktionsstatus.AUFGEHOBEN)
                | (Q(aufgehoben_am__isnull=False) & ~Q(aufhebung_grund="")),
            ),
            models.CheckConstraint(
                name="dsanktion_verjaehrt_mit_datum",
                condition=~Q(status=Sanktionsstatus.VERJAEHRT)
                | (Q(vollstreckungsverjaehrung_am__isnull=False) & ~Q(vollstreckungsverjaehrung_methode="")),
            ),
        ]

    def __str__(self):
        return f"Disziplinarsanktion {self.pk}: {self.get_art_display()}"
