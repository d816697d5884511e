"""Bedrohungsmanagement (R-BM-1..3): threat reports by staff, assessments, measures and case conferences.

Separate from the Vollzug files (R-BM-3: police law, not the JVG): no model here is reachable from the
Vollzug search, case pages or the agency API; reads go to the team's own access log (`Zugriff`); the
history of these models is left out of the general change log and shown to the team only. Closed
cases are deleted after the retention period with a content-free `Loeschprotokoll` (PITFALLS: the
history rows are deleted too). Rules live in `bedrohung.domain`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from bedrohung.recht import Kanal, Massnahmenart, Meldungsstatus, Risikostufe, Urheberart, Zugriffsart


class Bedrohungsmeldung(models.Model):
    """R-BM-1: who threatened whom, when, where, how (channel, wording), witnesses, immediate needs."""

    nummer = models.CharField("Nummer", max_length=20, unique=True, editable=False)
    gemeldet_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="gemeldet durch"
    )
    gemeldet_am = models.DateTimeField("gemeldet am")
    vorfall_am = models.DateTimeField("Zeitpunkt der Drohung")
    ort = models.CharField("Ort", max_length=200)
    anstalt = models.ForeignKey(
        "vollzug.Anstalt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Einrichtung",
    )
    kanal = models.CharField("Kanal", max_length=20, choices=Kanal.choices)
    wortlaut = models.TextField("Wortlaut / Verhalten")
    urheber_art = models.CharField("Drohende Person", max_length=20, choices=Urheberart.choices)
    # Only for an inmate: the person of the Vollzug (for the §40 Abs. 2 lit. c link); never shown in Vollzug pages.
    urheber_person = models.ForeignKey(
        "vollzug.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="eingewiesene Person",
    )
    urheber_beschreibung = models.TextField("Beschreibung der drohenden Person", blank=True)
    betroffene = models.TextField("Bedrohte Person(en)")
    zeugen = models.TextField("Zeuginnen und Zeugen", blank=True)
    sofortbedarf = models.TextField("Unmittelbarer Schutzbedarf der meldenden Person", blank=True)
    # R-BM-1: a threat by an inmate against staff may open a disciplinary report (§40 Abs. 2 lit. c): linked, not copied.
    disziplinar_rapport = models.OneToOneField(
        "disziplinar.Rapport", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Meldungsstatus.choices, default=Meldungsstatus.NEU)
    risikostufe = models.CharField(
        "Aktuelle Risikostufe",
        max_length=10,
        choices=Risikostufe.choices,
        blank=True,
        help_text="Aus der jüngsten Einschätzung (R-BM-2).",
    )
    ansprechperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Ansprechperson",
    )
    abgeschlossen_am = models.DateTimeField("abgeschlossen am", null=True, blank=True)
    abschluss_bemerkung = models.TextField("Abschlussbemerkung", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Bedrohungsmeldung"
        verbose_name_plural = "Bedrohungsmeldungen"
        ordering = ["-gemeldet_am", "-pk"]
        constraints = [
            models.CheckConstraint(name="bm_kanal_gueltig", condition=Q(kanal__in=Kanal.values)),
            models.CheckConstraint(name="bm_urheber_gueltig", condition=Q(urheber_art__in=Urheberart.values)),
            models.CheckConstraint(name="bm_status_gueltig", condition=Q(status__in=Meldungsstatus.values)),
            models.CheckConstraint(
                name="bm_risikostufe_gueltig",
                condition=Q(risikostufe="") | Q(risikostufe__in=Risikostufe.values),
            ),
            models.CheckConstraint(
                name="bm_person_nur_insasse",
                condition=Q(urheber_person__isnull=True) | Q(urheber_art=Urheberart.INSASSE),
            ),
            models.CheckConstraint(
                name="bm_abgeschlossen_hat_datum",
                condition=~Q(status=Meldungsstatus.ABGESCHLOSSEN) | Q(abgeschlossen_am__isnull=False),
            ),
            models.CheckConstraint(
                name="bm_meldung_nach_vorfall", condition=Q(gemeldet_am__gte=F("vorfall_am"))
            ),
        ]
        indexes = [models.Index(fields=["status", "abgeschlossen_am"], name="bm_status_abschluss_idx")]

    def __str__(self):
        return self.nummer


def _beilage_pfad(instance, filename):
    return f"bedrohung/{instance.meldung.nummer}/{filename}"


class Meldungsbeilage(models.Model):
    meldung = models.ForeignKey(Bedrohungsmeldung, on_delete=models.CASCADE, related_name="beilagen")
    titel = models.CharField(max_length=150)
    datei = models.FileField(upload_to=_beilage_pfad, max_length=255)
    sha256 = models.CharField(max_length=64, editable=False)
    hochgeladen_am = models.DateTimeField(auto_now_add=True)
    hochgeladen_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Beilage zur Bedrohungsmeldung"
        verbose_name_plural = "Beilagen zu Bedrohungsmeldungen"
        ordering = ["hochgeladen_am", "pk"]

    def __str__(self):
        return self.titel


class Einschaetzung(models.Model):
    """R-BM-2: a structured risk assessment (warning behaviours) with its reasoning; each re-assessment
    is a new row, so the history of assessments stays readable."""

    meldung = models.ForeignKey(Bedrohungsmeldung, on_delete=models.CASCADE, related_name="einschaetzungen")
    erstellt_am = models.DateTimeField("erstellt am")
    erstellt_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    fixierung = models.BooleanField("Fixierung auf eine Person oder Sache", default=False)
    identifikation = models.BooleanField("Identifikation mit Tätern / Rolle als Kämpfer", default=False)
    leakage = models.BooleanField("Leakage: Ankündigung gegenüber Dritten", default=False)
    letzte_option = models.BooleanField(
        "Signale der «letzten Option» (Verzweiflung, Ausweglosigkeit)", default=False
    )
    fruehere_gewalt = models.BooleanField("Frühere Gewalt", default=False)
    waffenzugang = models.BooleanField("Zugang zu Waffen", default=False)
    eskalation = models.BooleanField("Eskalation über die Zeit", default=False)
    weitere_hinweise = models.TextField("Weitere Hinweise", blank=True)
    risikostufe = models.CharField("Risikostufe", max_length=10, choices=Risikostufe.choices)
    begruendung = models.TextField("Begründung der Einschätzung")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Risikoeinschätzung"
        verbose_name_plural = "Risikoeinschätzungen"
        ordering = ["-erstellt_am", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="bm_einschaetzung_stufe_gueltig", condition=Q(risikostufe__in=Risikostufe.values)
            ),
            models.CheckConstraint(name="bm_einschaetzung_begruendet", condition=~Q(begruendung="")),
        ]

    def __str__(self):
        return f"Einschätzung {self.get_risikostufe_display()}"


class Fallkonferenz(models.Model):
    """R-BM-2: an interdisciplinary case conference (police, prosecution, KESB, forensic psychiatry …)."""

    meldung = models.ForeignKey(Bedrohungsmeldung, on_delete=models.CASCADE, related_name="konferenzen")
    datum = models.DateTimeField("Datum")
    stellen = models.JSONField("Beteiligte Stellen", default=list, help_text="Werte aus `enums.Stelle`.")
    teilnehmende = models.TextField("Teilnehmende (Namen, Funktionen)")
    beschluesse = models.TextField("Beschlüsse")
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Fallkonferenz"
        verbose_name_plural = "Fallkonferenzen"
        ordering = ["-datum", "-pk"]

    def __str__(self):
        return f"Fallkonferenz {self.datum:%d.%m.%Y}"


class Massnahme(models.Model):
    """R-BM-2: a measure or a follow-up of a conference, with its owner and deadline (Fristenkontrolle)."""

    meldung = models.ForeignKey(Bedrohungsmeldung, on_delete=models.CASCADE, related_name="massnahmen")
    konferenz = models.ForeignKey(
        Fallkonferenz, null=True, blank=True, on_delete=models.CASCADE, related_name="folgeauftraege"
    )
    art = models.CharField("Art", max_length=20, choices=Massnahmenart.choices)
    beschreibung = models.TextField("Beschreibung")
    verantwortlich = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="verantwortlich"
    )
    frist = models.DateField("Frist")
    erledigt_am = models.DateTimeField("erledigt am", null=True, blank=True)
    erledigt_bemerkung = models.TextField(blank=True)
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Massnahme (Bedrohungsmanagement)"
        verbose_name_plural = "Massnahmen (Bedrohungsmanagement)"
        ordering = ["frist", "pk"]
        constraints = [
            models.CheckConstraint(name="bm_massnahme_art_gueltig", condition=Q(art__in=Massnahmenart.values))
        ]

    def __str__(self):
        return f"{self.get_art_display()} bis {self.frist:%d.%m.%Y}"


class Zugriff(models.Model):
    """R-BM-3: the team's own access log (append-only). Keeps the report's number, not a foreign key, so
    the entry outlives the deleted report without holding content."""

    zeitpunkt = models.DateTimeField(auto_now_add=True)
    benutzer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    meldung_nummer = models.CharField(max_length=20, blank=True)
    aktion = models.CharField(max_length=20, choices=Zugriffsart.choices)
    kanal = models.CharField(max_length=10, default="web")

    class Meta:
        verbose_name = "Zugriff Bedrohungsmanagement"
        verbose_name_plural = "Zugriffe Bedrohungsmanagement"
        ordering = ["-zeitpunkt", "-pk"]

    def __str__(self):
        return f"{self.zeitpunkt:%d.%m.%Y %H:%M} {self.meldung_nummer} {self.aktion}"


class Loeschprotokoll(models.Model):
    """R-BM-3: content-free record of a deleted case: what, when recorded and closed, when deleted, by
    which job run, on which basis. No names, no wording, no person."""

    meldung_nummer = models.CharField(max_length=20, unique=True)
    gemeldet_am = models.DateField()
    abgeschlossen_am = models.DateField()
    geloescht_am = models.DateTimeField()
    job_lauf = models.CharField("Joblauf", max_length=60)
    anzahl_beilagen = models.PositiveIntegerField(default=0)
    rechtsgrundlage = models.CharField(max_length=200)

    class Meta:
        verbose_name = "Löschprotokoll Bedrohungsmanagement"
        verbose_name_plural = "Löschprotokolle Bedrohungsmanagement"
        ordering = ["-geloescht_am", "-pk"]

    def __str__(self):
        return f"{self.meldung_nummer} gelöscht {self.geloescht_am:%d.%m.%Y}"


class Ansprechperson(models.Model):
    """Programme point 14: trained contact persons per department, maintained by the team."""

    name = models.CharField(max_length=120)
    abteilung = models.CharField("Abteilung / Einrichtung", max_length=120)
    telefon = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    geschult_am = models.DateField("geschult am", null=True, blank=True)
    aktiv = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Ansprechperson"
        verbose_name_plural = "Ansprechpersonen"
        ordering = ["abteilung", "name"]

    def __str__(self):
        return f"{self.name} ({self.abteilung})"


class Merkblatt(models.Model):
    """Programme point 14: information material for staff (recognise, report, protect oneself)."""

    titel = models.CharField(max_length=150)
    inhalt = models.TextField(help_text="Absätze durch Leerzeilen getrennt.")
    reihenfolge = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Merkblatt"
        verbose_name_plural = "Merkblätter"
        ordering = ["reihenfolge", "pk"]

    def __str__(self):
        return self.titel
