"""Zwangsmedikation und Zwangsernährung (§§ 34–39 JVG): thin models; rules live in `domain/`.

Health data (roles table: only `medizin` for assigned persons and the deciding authority): the
physician's report and request, the forensic recommendation, the information log of a hunger
strike, the assessment of consciousness/capacity. These fields are **write-once** (each is set by
exactly one domain function that refuses to set it again) and kept out of the history tables
(`excluded_fields`): the auditors' general change log then shows who created or moved what and
when, never the medical content (R-0-AUDIT-1 without disclosing health data to other roles).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from zwangsmedizin.recht import (
    Anordnungsweg,
    Grund35,
    Hungerstreikstatus,
    Medikationsart,
    Medikationsstatus,
    Nachpruefung,
    Zustand39,
)

MEDIKATION_GESUNDHEITSFELDER = [
    "bericht",
    "medikament",
    "dosierung",
    "geplante_dauer",
    "freiwillige_massnahmen",
    "grund",
    "grund_begruendung",
    "dringlich_begruendung",
    "empfehlung_arzt",
    "empfehlung_dokument",
    "fachaerztliche_leitung",
    "nachpruefung_kommentar",
    "gefahr_im_verzug_begruendung",
    "angehoerige_person",
    "beendet_grund",
]


def _empfehlung_pfad(instance, filename):
    return f"zwangsmedizin/{instance.person_id}/empfehlungen/{filename}"


def _patientenverfuegung_pfad(instance, filename):
    return f"zwangsmedizin/{instance.person_id}/patientenverfuegungen/{filename}"


class Zwangsmedikation(models.Model):
    """One forced medication (§ 34) from the physician's report and request (§ 36 Abs. 1) or urgent
    decision (§ 36 Abs. 2) to its end; § 38 for persons under an Art. 59/63 StGB measure."""

    person = models.ForeignKey("vollzug.Person", on_delete=models.PROTECT, related_name="zwangsmedikationen")
    fall = models.ForeignKey("vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="+")
    anstalt = models.ForeignKey(
        "vollzug.Anstalt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Vollzugseinrichtung",
    )
    art = models.CharField("Art", max_length=20, choices=Medikationsart.choices)
    weg = models.CharField("Anordnung", max_length=10, choices=Anordnungsweg.choices)
    status = models.CharField(max_length=20, choices=Medikationsstatus.choices)
    arzt = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="zuständige Ärztin/Arzt",
    )
    erfasst_am = models.DateTimeField("erfasst am")

    # § 36 Abs. 1: Bericht und Antrag (health data, write-once).
    bericht = models.TextField("Ärztlicher Bericht (§ 36 Abs. 1)")
    medikament = models.CharField("Medikament", max_length=200)
    dosierung = models.CharField("Dosierung und Verabreichung", max_length=300)
    geplante_dauer = models.CharField("Geplante Dauer", max_length=200)
    freiwillige_massnahmen = models.TextField(
        "Freiwillige Massnahmen, die versagt haben oder nicht zur Verfügung stehen (§ 35 Abs. 2)"
    )
    grund = models.CharField("Grund (§ 35 Abs. 2)", max_length=1, choices=Grund35.choices, blank=True)
    grund_begruendung = models.TextField("Begründung", blank=True)
    dringlich_begruendung = models.TextField("Zeitliche Dringlichkeit (§ 36 Abs. 2)", blank=True)

    # § 38 Abs. 2–4
    empfehlung_arzt = models.CharField(
        "Forensisch-psychiatrische Empfehlung von (§ 38 Abs. 2)", max_length=200, blank=True
    )
    empfehlung_datum = models.DateField("Datum der Empfehlung", null=True, blank=True)
    empfehlung_dokument = models.FileField("Empfehlung (Dokument)", upload_to=_empfehlung_pfad, blank=True)
    empfehlung_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    fachaerztliche_leitung = models.CharField(
        "Fachärztliche Leitung (§ 38 Abs. 3)", max_length=200, blank=True
    )
    langfristig = models.BooleanField("Für längere Zeit angeordnet (§ 38 Abs. 4)", default=False)
    vorgaenger = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nachfolger",
        verbose_name="Neuanordnung von",
    )

    # The order.
    angeordnet_am = models.DateTimeField("angeordnet am", null=True, blank=True)
    verfuegung = models.ForeignKey(
        "verfuegungen.Verfuegung", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    naechste_ueberpruefung_am = models.DateField("Überprüfung und Neuanordnung bis", null=True, blank=True)
    ueberpruefung_methode = models.CharField(max_length=40, blank=True)

    # § 36 Abs. 2: review of an urgent decision by the authority.
    nachpruefung = models.CharField(max_length=20, choices=Nachpruefung.choices, blank=True)
    nachpruefung_kommentar = models.TextField("Kommentar zur Nachprüfung", blank=True)
    nachgeprueft_am = models.DateTimeField(null=True, blank=True)
    nachgeprueft_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # § 37 Abs. 1: information before the order, unless Gefahr im Verzug (then afterwards).
    aufgeklaert_am = models.DateTimeField("aufgeklärt am", null=True, blank=True)
    aufgeklaert_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gefahr_im_verzug_begruendung = models.TextField("Gefahr im Verzug (§ 37 Abs. 1)", blank=True)
    gefahr_im_verzug_am = models.DateTimeField(null=True, blank=True)
    angehoerige_wunsch_am = models.DateTimeField("Wunsch auf Information erfasst am", null=True, blank=True)
    angehoerige_person = models.CharField("Zu informierende Person", max_length=200, blank=True)
    angehoerige_informiert_am = models.DateTimeField(null=True, blank=True)
    angehoerige_informiert_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    beendet_am = models.DateTimeField(null=True, blank=True)
    beendet_grund = models.TextField(blank=True)

    # Tasks this measure created (done when their step is recorded).
    antrag_aufgabe = models.ForeignKey(
        "jvg_case.Aufgabe", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pruef_aufgabe = models.ForeignKey(
        "jvg_case.Aufgabe", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    einweisung_aufgabe = models.ForeignKey(
        "jvg_case.Aufgabe", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    angehoerige_aufgabe = models.ForeignKey(
        "jvg_case.Aufgabe", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # R-38-1: the reminder job sets this once per review period (idempotence: one reminder).
    erinnerung_aufgabe = models.ForeignKey(
        "jvg_case.Aufgabe", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=MEDIKATION_GESUNDHEITSFELDER)

    class Meta:
        verbose_name = "Zwangsmedikation"
        verbose_name_plural = "Zwangsmedikationen"
        ordering = ["-erfasst_am", "-pk"]
        constraints = [
            models.CheckConstraint(name="zwangsmed_art_gueltig", condition=Q(art__in=Medikationsart.values)),
            models.CheckConstraint(name="zwangsmed_weg_gueltig", condition=Q(weg__in=Anordnungsweg.values)),
            models.CheckConstraint(
                name="zwangsmed_status_gueltig", condition=Q(status__in=Medikationsstatus.values)
            ),
            models.CheckConstraint(
                name="zwangsmed_grund_gueltig", condition=Q(grund="") | Q(grund__in=Grund35.values)
            ),
            models.CheckConstraint(
                name="zwangsmed_nachpruefung_gueltig",
                condition=Q(nachpruefung="") | Q(nachpruefung__in=Nachpruefung.values),
            ),
            # R-35-1: never stored without the failed voluntary measures; § 35 Abs. 2 ground for § 36.
            models.CheckConstraint(
                name="zwangsmed_freiwillig_erfasst", condition=~Q(freiwillige_massnahmen="")
            ),
            models.CheckConstraint(
                name="zwangsmed_grund_bei_ordentlich",
                condition=~Q(art=Medikationsart.ORDENTLICH) | ~Q(grund=""),
            ),
            # R-38-1: recommendation and specialist supervision for § 38.
            models.CheckConstraint(
                name="zwangsmed_38_empfehlung",
                condition=~Q(art=Medikationsart.MASSNAHMENINDIZIERT)
                | (
                    ~Q(empfehlung_arzt="") & Q(empfehlung_datum__isnull=False) & ~Q(fachaerztliche_leitung="")
                ),
            ),
            # R-36-1: an urgent decision records its reasons.
            models.CheckConstraint(
                name="zwangsmed_dringlich_begruendet",
                condition=~Q(weg=Anordnungsweg.DRINGLICH) | ~Q(dringlich_begruendung=""),
            ),
            # R-37-1: an order in force was preceded by information or records Gefahr im Verzug.
            models.CheckConstraint(
                name="zwangsmed_aufklaerung_oder_giv",
                condition=~Q(status__in=["dringlich", "angeordnet"])
                | Q(aufgeklaert_am__isnull=False)
                | ~Q(gefahr_im_verzug_begruendung=""),
            ),
        ]
        indexes = [
            # The R-38-1 reminder job: due reviews of orders in force, paged by pk.
            models.Index(
                fields=["naechste_ueberpruefung_am", "id"],
                name="zwangsmed_ueberpruefung_idx",
                condition=Q(status="angeordnet", langfristig=True),
            ),
        ]

    def __str__(self):
        return f"{self.get_art_display()} #{self.pk}"

    def get_absolute_url(self):
        return reverse("zwangsmedizin:medikation_detail", args=[self.pk])


class Hungerstreik(models.Model):
    """A hunger strike (§ 39): the physician's information sessions, the assessment of consciousness
    or capacity, and the authority's order of force-feeding (§ 39 Abs. 3)."""

    person = models.ForeignKey("vollzug.Person", on_delete=models.PROTECT, related_name="hungerstreiks")
    fall = models.ForeignKey("vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="+")
    anstalt = models.ForeignKey(
        "vollzug.Anstalt", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=Hungerstreikstatus.choices, default=Hungerstreikstatus.LAUFEND
    )
    beginn = models.DateTimeField("Beginn der Nahrungsverweigerung")
    erfasst_am = models.DateTimeField("erfasst am")
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # § 39 Abs. 3: the physician's assessment (health data, write-once).
    zustand = models.CharField(max_length=20, choices=Zustand39.choices, blank=True)
    zustand_am = models.DateTimeField(null=True, blank=True)
    zustand_arzt = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    zustand_beurteilung = models.TextField("Ärztliche Beurteilung", blank=True)
    entscheid_aufgabe = models.ForeignKey(
        "jvg_case.Aufgabe", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verfuegung = models.ForeignKey(
        "verfuegungen.Verfuegung", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    angeordnet_am = models.DateTimeField(null=True, blank=True)
    # Issue 23: the order of force-feeding ended because its decision was lifted or set aside on appeal.
    anordnung_beendet_am = models.DateTimeField("Anordnung beendet am", null=True, blank=True)
    anordnung_beendet_grund = models.TextField("Grund des Endes der Anordnung", blank=True)
    beendet_am = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["zustand", "zustand_beurteilung", "anordnung_beendet_grund"])

    class Meta:
        verbose_name = "Hungerstreik"
        verbose_name_plural = "Hungerstreiks"
        ordering = ["-beginn", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="hungerstreik_status_gueltig", condition=Q(status__in=Hungerstreikstatus.values)
            ),
            models.CheckConstraint(
                name="hungerstreik_zustand_gueltig", condition=Q(zustand="") | Q(zustand__in=Zustand39.values)
            ),
            # R-39-1: force-feeding is ordered only on a recorded loss of consciousness or capacity.
            models.CheckConstraint(
                name="hungerstreik_anordnung_nur_mit_zustand",
                condition=~Q(status=Hungerstreikstatus.ANGEORDNET) | ~Q(zustand=""),
            ),
        ]

    def __str__(self):
        return f"Hungerstreik #{self.pk}"

    def get_absolute_url(self):
        return reverse("zwangsmedizin:hungerstreik_detail", args=[self.pk])


class Aufklaerungsgespraech(models.Model):
    """§ 39 Abs. 1, R-39-1: one medical information about the risks of a longer food refusal."""

    hungerstreik = models.ForeignKey(Hungerstreik, on_delete=models.PROTECT, related_name="gespraeche")
    arzt = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    am = models.DateTimeField("Zeitpunkt")
    inhalt = models.TextField("Inhalt der Aufklärung")
    reaktion = models.TextField("Reaktion der Person")
    erfasst_am = models.DateTimeField()
    history = HistoricalRecords(excluded_fields=["inhalt", "reaktion"])

    class Meta:
        verbose_name = "Aufklärungsgespräch (§ 39 Abs. 1)"
        verbose_name_plural = "Aufklärungsgespräche (§ 39 Abs. 1)"
        ordering = ["am", "pk"]
        constraints = [
            models.CheckConstraint(
                name="gespraech_inhalt_erfasst", condition=~Q(inhalt="") & ~Q(reaktion="")
            ),
        ]

    def __str__(self):
        return f"Aufklärung #{self.pk}"


class Patientenverfuegung(models.Model):
    """§ 39 Abs. 2: a Patientenverfügung of the person; one that expressly refuses force-feeding blocks
    an order (R-39-1)."""

    person = models.ForeignKey(
        "vollzug.Person", on_delete=models.PROTECT, related_name="patientenverfuegungen"
    )
    datum = models.DateField("Datum der Patientenverfügung")
    dokument = models.FileField("Dokument", upload_to=_patientenverfuegung_pfad)
    sha256 = models.CharField(max_length=64, editable=False)
    lehnt_zwangsernaehrung_ab = models.BooleanField("Lehnt Zwangsernährung ausdrücklich ab (§ 39 Abs. 2)")
    erfasst_am = models.DateTimeField()
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    widerrufen_am = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["dokument"])

    class Meta:
        verbose_name = "Patientenverfügung"
        verbose_name_plural = "Patientenverfügungen"
        ordering = ["-datum", "-pk"]

    def __str__(self):
        return f"Patientenverfügung vom {self.datum:%d.%m.%Y}"
