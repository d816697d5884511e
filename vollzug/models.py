"""Case core of the Vollzug (§§ 1, 5, 6, 12, 13, 17 JVG): thin models; rules live in `vollzug/domain/`, the law in `vollzug/recht.py`."""

from datetime import date

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from vollzug import recht
from vollzug.recht import (
    Entscheidart,
    Fallstatus,
    Platzierungsart,
    Sanktionsart,
    Traegerschaft,
    Versetzungsgrund,
    Vollzugsform,
)
from vollzug.validators import ahv_formatieren, validate_ahv_nummer

# eCH-0010 swissZipCode: four digits, 1000–9999.
plz_validator = RegexValidator(r"^[1-9][0-9]{3}$", "Die Postleitzahl hat vier Ziffern (z. B. 6002).")


class Geschlecht(models.TextChoices):
    # eCH-0044 sexType: 1 männlich, 2 weiblich, 3 unbestimmt
    MAENNLICH = "1", "männlich"
    WEIBLICH = "2", "weiblich"
    UNBESTIMMT = "3", "unbestimmt"


class Anstalt(models.Model):
    """Vollzugseinrichtung (§5). A private one acts under a licence of the JSD (§6)."""

    name = models.CharField("Name", max_length=120, unique=True)
    kurzname = models.CharField("Kurzname", max_length=30, unique=True)
    ort = models.CharField("Ort", max_length=80)
    # Issue 17: the postal address of the facility (eCH-0010 street, houseNumber, swissZipCode; `ort` is
    # the town): letters to persons in custody go "c/o" this address.
    strasse = models.CharField("Strasse", max_length=60, blank=True)
    hausnummer = models.CharField("Hausnummer", max_length=12, blank=True)
    postleitzahl = models.CharField("Postleitzahl", max_length=4, blank=True, validators=[plz_validator])
    traegerschaft = models.CharField("Trägerschaft", max_length=10, choices=Traegerschaft.choices)
    # §6.1, R-5-1: the licence may delegate disciplinary powers; this limits §41 (R-41-2).
    disziplinarbefugnis_delegiert = models.BooleanField(
        "Disziplinarbefugnis übertragen (§ 6 Abs. 1)", default=False
    )
    ist_klinik = models.BooleanField("Psychiatrische Klinik / Spital (§ 17 Abs. 3)", default=False)
    aktiv = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Vollzugseinrichtung"
        verbose_name_plural = "Vollzugseinrichtungen"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="anstalt_traegerschaft_gueltig", condition=Q(traegerschaft__in=Traegerschaft.values)
            ),
            # R-5-1: delegation is a feature of a private licence; cantonal facilities hold the powers by law.
            models.CheckConstraint(
                name="anstalt_delegation_nur_privat",
                condition=Q(traegerschaft=Traegerschaft.PRIVAT) | Q(disziplinarbefugnis_delegiert=False),
                violation_error_message=(
                    "§ 6 Abs. 1 JVG: Das Disziplinarrecht kann nur einer privat geführten Einrichtung übertragen werden."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def ist_privat(self) -> bool:
        return self.traegerschaft == Traegerschaft.PRIVAT


class Person(models.Model):
    """A convicted or admitted person; names follow eCH-0044 (officialName, firstName, sex, dateOfBirth, vn)."""

    personennummer = models.CharField("Personennummer", max_length=20, unique=True, editable=False)
    amtlicher_name = models.CharField("Name", max_length=100)
    vorname = models.CharField("Vorname", max_length=100)
    geschlecht = models.CharField("Geschlecht", max_length=1, choices=Geschlecht.choices)
    geburtsdatum = models.DateField("Geburtsdatum")
    ahv_nummer = models.CharField(
        "AHV-Nummer",
        max_length=13,
        blank=True,
        validators=[validate_ahv_nummer],
        help_text="756.XXXX.XXXX.XX",
    )
    # Issue 17: postal address (eCH-0010 swissAddressInformation) of a person at liberty; optional.
    strasse = models.CharField("Strasse", max_length=60, blank=True)
    hausnummer = models.CharField("Hausnummer", max_length=12, blank=True)
    postleitzahl = models.CharField("Postleitzahl", max_length=4, blank=True, validators=[plz_validator])
    ort = models.CharField("Ort", max_length=40, blank=True)
    erfasst_am = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Person"
        verbose_name_plural = "Personen"
        ordering = ["amtlicher_name", "vorname", "pk"]
        constraints = [
            models.CheckConstraint(
                name="person_geschlecht_gueltig", condition=Q(geschlecht__in=Geschlecht.values)
            ),
            models.UniqueConstraint(
                name="person_ahv_eindeutig", fields=["ahv_nummer"], condition=~Q(ahv_nummer="")
            ),
        ]
        # Issue 19: the default ordering, so a list page reads 25 index entries instead of sorting the table.
        # Name search: trigram indexes in migration 0005 (PostgreSQL only).
        indexes = [models.Index(fields=["amtlicher_name", "vorname", "id"], name="person_ordnung_idx")]

    def __str__(self):
        return f"{self.amtlicher_name} {self.vorname} ({self.geburtsdatum:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("vollzug:person_detail", args=[self.pk])

    @property
    def ahv_formatiert(self) -> str:
        return ahv_formatieren(self.ahv_nummer)

    def alter_am(self, stichtag: date) -> int:
        geb = self.geburtsdatum
        return stichtag.year - geb.year - ((stichtag.month, stichtag.day) < (geb.month, geb.day))

    def ist_jugendlich(self, am: date | None = None) -> bool:
        """R-1-JUV-1: jugendlich = under 18 at the time of the measure (birth date)."""
        stichtag = am or timezone.localdate()
        return self.alter_am(stichtag) < recht.jugend_altersgrenze()


class Vertretungsfunktion(models.TextChoices):
    RECHTSVERTRETUNG = "rechtsvertretung", "Rechtsvertretung"
    VERTEIDIGUNG = "verteidigung", "Verteidigung"
    GESETZLICHE_VERTRETUNG = "gesetzliche_vertretung", "gesetzliche Vertretung"


class Vertretung(models.Model):
    """Issue 17: the legal representative, counsel or statutory representative of a person, with a postal
    address (eCH-0010). Letters go to them as addressee (statutory representative of a juvenile,
    Rechtsvertretung) or in copy (Verteidigung); `bis` ends a mandate without deleting it."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="vertretungen")
    funktion = models.CharField("Funktion", max_length=30, choices=Vertretungsfunktion.choices)
    name = models.CharField(
        "Name", max_length=150, help_text="z. B. «lic. iur. Anna Beispiel, Rechtsanwältin»."
    )
    strasse = models.CharField("Strasse", max_length=60)
    hausnummer = models.CharField("Hausnummer", max_length=12, blank=True)
    postleitzahl = models.CharField("Postleitzahl", max_length=4, validators=[plz_validator])
    ort = models.CharField("Ort", max_length=40)
    bis = models.DateField("Mandat beendet am", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Vertretung"
        verbose_name_plural = "Vertretungen"
        ordering = ["person", "funktion", "pk"]
        constraints = [
            models.CheckConstraint(
                name="vertretung_funktion_gueltig", condition=Q(funktion__in=Vertretungsfunktion.values)
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_funktion_display()})"


class Vollzugsfall(models.Model):
    """One case from intake of a legally binding judgment (§12) to definitive release (R-1-ENTL-1)."""

    fallnummer = models.CharField("Fallnummer", max_length=20, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="faelle")
    status = models.CharField(max_length=20, choices=Fallstatus.choices, default=Fallstatus.EINGANG)
    eingang_am = models.DateField("Eingang", help_text="Tag der Zustellung des Entscheids (§ 12).")
    vollzugsbeginn = models.DateTimeField("Vollzugsbeginn", null=True, blank=True)
    entlassung_am = models.DateTimeField("Definitive Entlassung", null=True, blank=True)
    # Set at Einweisung from the custodial sentences and moved by each ended §14 interruption.
    voraussichtliches_ende = models.DateField("Voraussichtliches Vollzugsende", null=True, blank=True)
    entlassung_bemerkung = models.TextField("Bemerkung zur Entlassung", blank=True)
    erfasst_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="erfasst durch"
    )
    erfasst_am = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Vollzugsfall"
        verbose_name_plural = "Vollzugsfälle"
        ordering = ["-eingang_am", "-pk"]
        constraints = [
            models.CheckConstraint(name="fall_status_gueltig", condition=Q(status__in=Fallstatus.values)),
            # The lifecycle as data: these combinations can never be stored, whoever writes.
            models.CheckConstraint(
                name="fall_im_vollzug_hat_beginn",
                condition=Q(status=Fallstatus.EINGANG) | Q(vollzugsbeginn__isnull=False),
            ),
            models.CheckConstraint(
                name="fall_entlassen_hat_datum",
                condition=~Q(status=Fallstatus.ENTLASSEN) | Q(entlassung_am__isnull=False),
            ),
            models.CheckConstraint(
                name="fall_entlassung_nach_beginn",
                condition=Q(entlassung_am__isnull=True) | Q(entlassung_am__gte=F("vollzugsbeginn")),
            ),
        ]
        # Issue 19: one index per ordering and list filter: the default ordering (page 1 read 25 entries
        # instead of sorting 1M rows), and the status filter in that order (also R-13-1's sweep:
        # status = eingang, eingang_am < limit). The facility filter uses platzierung_eine_offene_pro_fall.
        indexes = [
            models.Index(fields=["-eingang_am", "-id"], name="fall_ordnung_idx"),
            models.Index(fields=["status", "-eingang_am", "-id"], name="fall_status_ordnung_idx"),
        ]

    def __str__(self):
        return self.fallnummer

    def get_absolute_url(self):
        return reverse("vollzug:fall_detail", args=[self.pk])

    def vollzugsbeginn_ueberfaellig(self, heute: date | None = None) -> bool:
        """R-13-1 (§13): no Vollzugsbeginn a configurable number of days after intake."""
        if self.vollzugsbeginn is not None or self.status != Fallstatus.EINGANG:
            return False
        heute = heute or timezone.localdate()
        return (heute - self.eingang_am).days > recht.vollzugsbeginn_ueberfaellig_tage()


class Entscheid(models.Model):
    """The legally binding judgment, penal order or enforcement decision delivered under §12."""

    fall = models.ForeignKey(Vollzugsfall, on_delete=models.CASCADE, related_name="entscheide")
    art = models.CharField("Art", max_length=20, choices=Entscheidart.choices)
    behoerde = models.CharField("Strafbehörde", max_length=150)
    referenz = models.CharField("Geschäftsnummer", max_length=60)
    entscheid_datum = models.DateField("Entscheiddatum")
    rechtskraft_am = models.DateField("Rechtskraft am")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Entscheid"
        verbose_name_plural = "Entscheide"
        constraints = [
            models.CheckConstraint(name="entscheid_art_gueltig", condition=Q(art__in=Entscheidart.values)),
            # §12 deliveries are idempotent by authority and reference (issue: inter-agency intake).
            models.UniqueConstraint(
                name="entscheid_behoerde_referenz_eindeutig", fields=["behoerde", "referenz"]
            ),
            models.CheckConstraint(
                name="entscheid_rechtskraft_nach_datum", condition=Q(rechtskraft_am__gte=F("entscheid_datum"))
            ),
        ]

    def __str__(self):
        return f"{self.get_art_display()} {self.behoerde} {self.referenz}"


class Sanktion(models.Model):
    """One sanction of a judgment (R-1-1) with its duration and Vollzugsform (§16)."""

    entscheid = models.ForeignKey(Entscheid, on_delete=models.CASCADE, related_name="sanktionen")
    art = models.CharField("Sanktion", max_length=30, choices=Sanktionsart.choices)
    vollzugsform = models.CharField("Vollzugsform", max_length=30, choices=Vollzugsform.choices, blank=True)
    dauer_jahre = models.PositiveSmallIntegerField("Jahre", default=0)
    dauer_monate = models.PositiveSmallIntegerField("Monate", default=0)
    dauer_tage = models.PositiveIntegerField("Tage", default=0)
    stunden = models.PositiveIntegerField("Stunden (gemeinnützige Arbeit)", default=0)
    bemerkung = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Sanktion"
        verbose_name_plural = "Sanktionen"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(name="sanktion_art_gueltig", condition=Q(art__in=Sanktionsart.values)),
            models.CheckConstraint(
                name="sanktion_vollzugsform_gueltig",
                condition=Q(vollzugsform="") | Q(vollzugsform__in=Vollzugsform.values),
            ),
            models.CheckConstraint(name="sanktion_monate_unter_12", condition=Q(dauer_monate__lt=12)),
        ]

    def __str__(self):
        return f"{self.get_art_display()} {self.dauer_text}".strip()

    @property
    def dauer_text(self) -> str:
        teile = []
        if self.dauer_jahre:
            teile.append(f"{self.dauer_jahre} J.")
        if self.dauer_monate:
            teile.append(f"{self.dauer_monate} Mt.")
        if self.dauer_tage:
            teile.append(f"{self.dauer_tage} T.")
        if self.stunden:
            teile.append(f"{self.stunden} Std.")
        return " ".join(teile)


def _dokument_pfad(instance, filename):
    return f"faelle/{instance.fall.fallnummer}/{filename}"


class Dokument(models.Model):
    """Documents delivered with the judgment (§12: 'sämtliche für den Vollzug erforderlichen Akten')."""

    fall = models.ForeignKey(Vollzugsfall, on_delete=models.PROTECT, related_name="dokumente")
    titel = models.CharField(max_length=150)
    datei = models.FileField(upload_to=_dokument_pfad)
    sha256 = models.CharField(max_length=64, editable=False)
    hochgeladen_am = models.DateTimeField(auto_now_add=True)
    hochgeladen_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Dokument"
        verbose_name_plural = "Dokumente"
        ordering = ["hochgeladen_am", "pk"]

    def __str__(self):
        return self.titel


def _arztbericht_pfad(instance, filename):
    return f"faelle/{instance.fall.fallnummer}/arztberichte/{filename}"


class Platzierung(models.Model):
    """One stay in one facility (§17): Einweisung or Versetzung. The open row is the current placement."""

    fall = models.ForeignKey(Vollzugsfall, on_delete=models.PROTECT, related_name="platzierungen")
    anstalt = models.ForeignKey(Anstalt, on_delete=models.PROTECT, related_name="platzierungen")
    abteilung = models.CharField("Abteilung", max_length=80, blank=True)
    art = models.CharField(max_length=20, choices=Platzierungsart.choices)
    grund = models.CharField(
        "Grund (§ 17 Abs. 2)", max_length=1, choices=Versetzungsgrund.choices, blank=True
    )
    arztbericht = models.FileField(
        "Ärztlicher Bericht (§ 17 Abs. 3)", upload_to=_arztbericht_pfad, blank=True
    )
    dringend = models.BooleanField("Dringend durch Anstaltsleitung (§ 17 Abs. 3)", default=False)
    begruendung = models.TextField("Begründung", blank=True)
    von = models.DateTimeField("von")
    bis = models.DateTimeField("bis", null=True, blank=True)
    angeordnet_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Platzierung"
        verbose_name_plural = "Platzierungen"
        ordering = ["von", "pk"]
        constraints = [
            models.CheckConstraint(
                name="platzierung_art_gueltig", condition=Q(art__in=Platzierungsart.values)
            ),
            models.CheckConstraint(
                name="platzierung_grund_gueltig", condition=Q(grund="") | Q(grund__in=Versetzungsgrund.values)
            ),
            # R-17-1: a §17.2 transfer always names one of the reasons a–e.
            models.CheckConstraint(
                name="platzierung_versetzung_hat_grund",
                condition=~Q(art=Platzierungsart.VERSETZUNG) | ~Q(grund=""),
            ),
            models.CheckConstraint(
                name="platzierung_bis_nach_von", condition=Q(bis__isnull=True) | Q(bis__gte=F("von"))
            ),
            # A person is in one place at a time: at most one open placement per case.
            models.UniqueConstraint(
                name="platzierung_eine_offene_pro_fall", fields=["fall"], condition=Q(bis__isnull=True)
            ),
        ]
        indexes = [models.Index(fields=["anstalt", "bis"], name="platzierung_anstalt_offen_idx")]

    def __str__(self):
        return f"{self.get_art_display()} {self.anstalt} ab {timezone.localtime(self.von):%d.%m.%Y}"


class Zuteilung(models.Model):
    """Assignment of a physician (§22, §36) to a person: medizin sees only assigned persons (R-0-ROLE-1)."""

    benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="zuteilungen"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="zuteilungen")
    gueltig_ab = models.DateField(default=timezone.localdate)
    gueltig_bis = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Zuteilung"
        verbose_name_plural = "Zuteilungen"
        constraints = [
            models.CheckConstraint(
                name="zuteilung_bis_nach_ab",
                condition=Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=F("gueltig_ab")),
            ),
        ]

    def __str__(self):
        return f"{self.benutzer} → {self.person}"


class Vollzugsplan(models.Model):
    """§18, R-18-1..3: the execution plan of one case. Its content lives in immutable versions; the
    current stage (Stufe) lives here, because a disciplinary sanction (§41 Abs. 1 lit. c) moves it
    without revising the plan (`vollzug.domain.stufe_zurueckversetzen`)."""

    fall = models.OneToOneField(Vollzugsfall, on_delete=models.PROTECT, related_name="vollzugsplan")
    aktuelle_stufe = models.PositiveSmallIntegerField(
        "Aktuelle Stufe", null=True, blank=True, help_text="Nummer der Stufe (1 = tiefste Stufe)."
    )
    stufe_seit = models.DateTimeField("Stufe seit", null=True, blank=True)
    erstellt_am = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Vollzugsplan"
        verbose_name_plural = "Vollzugspläne"
        constraints = [
            models.CheckConstraint(
                name="vollzugsplan_stufe_ab_1",
                condition=Q(aktuelle_stufe__isnull=True) | Q(aktuelle_stufe__gte=1),
            ),
        ]

    def __str__(self):
        return f"Vollzugsplan {self.fall.fallnummer}"


class Vollzugsplanversion(models.Model):
    """One version of the plan (R-18-2/R-18-3): drawn up or reviewed by the facility management, never
    edited afterwards; each records when it was sent to the Vollzugsbehörde (§18 Abs. 2)."""

    plan = models.ForeignKey(Vollzugsplan, on_delete=models.PROTECT, related_name="versionen")
    nummer = models.PositiveSmallIntegerField("Version")
    anstalt = models.ForeignKey(
        Anstalt, on_delete=models.PROTECT, related_name="+", verbose_name="erstellt in"
    )
    gestaltung = models.TextField("Gestaltung des Vollzugs")
    vollzugsziele = models.TextField("Vollzugsziele")
    wiedereingliederung = models.TextField("Wiedereingliederung nach der Entlassung")
    anlass = models.TextField("Anlass / Ergebnis der Überprüfung", blank=True)
    erstellt_am = models.DateTimeField("erstellt am")
    erstellt_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    zugestellt_am = models.DateTimeField("der Vollzugsbehörde zugestellt am", null=True, blank=True)
    zugestellt_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Vollzugsplan-Version"
        verbose_name_plural = "Vollzugsplan-Versionen"
        ordering = ["plan", "nummer"]
        constraints = [
            models.UniqueConstraint(name="planversion_nummer_eindeutig", fields=["plan", "nummer"]),
            models.CheckConstraint(name="planversion_nummer_ab_1", condition=Q(nummer__gte=1)),
            models.CheckConstraint(
                name="planversion_zustellung_nach_erstellung",
                condition=Q(zugestellt_am__isnull=True) | Q(zugestellt_am__gte=F("erstellt_am")),
            ),
            models.CheckConstraint(
                name="planversion_zustellung_mit_person",
                condition=Q(zugestellt_am__isnull=True, zugestellt_durch__isnull=True)
                | Q(zugestellt_am__isnull=False, zugestellt_durch__isnull=False),
            ),
        ]

    def __str__(self):
        # No relation beyond the plan: the auditor's change log builds this from history rows whose
        # foreign keys are loaded one level deep (constant queries per page).
        return f"Vollzugsplan-Version {self.nummer}"


class Vollzugsstufe(models.Model):
    """A stage of progression of one plan version (R-18-2); §41 Abs. 1 lit. c demotes by one stage."""

    version = models.ForeignKey(Vollzugsplanversion, on_delete=models.PROTECT, related_name="stufen")
    nummer = models.PositiveSmallIntegerField("Stufe", help_text="1 = tiefste Stufe")
    bezeichnung = models.CharField("Bezeichnung", max_length=120)
    beschreibung = models.TextField("Inhalt / Voraussetzungen", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Vollzugsstufe"
        verbose_name_plural = "Vollzugsstufen"
        ordering = ["version", "nummer"]
        constraints = [
            models.UniqueConstraint(name="vollzugsstufe_nummer_eindeutig", fields=["version", "nummer"]),
            models.CheckConstraint(name="vollzugsstufe_nummer_ab_1", condition=Q(nummer__gte=1)),
        ]

    def __str__(self):
        return f"Stufe {self.nummer}: {self.bezeichnung}"
