"""Überwachung und Aufbewahrung (§§ 27, 29, 30 JVG): thin models; the rules live in `domain/`
(writes, access; `domain/loeschung.py`: legal deletion).

Content (audio, video, ED files) is stored through Django's storage API under random names, so a file
name tells nothing about the person; each file's SHA-256 is recorded at ingestion. Content rows are
tracked by simple-history like every case row, and the deletion job removes those history copies too
(PITFALLS). The logs (`Inhaltszugriff`, `Vernichtungsprotokoll`, `Loeschlauf`) hold no content and
refer to deleted rows by plain ids, never by foreign key, so they outlive what they describe.
"""

import uuid

from django.conf import settings
from django.core.files.storage import default_storage, storages
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ueberwachung.recht import (
    EDArt,
    Laufstatus,
    Objektart,
    Raumart,
    Rechtsgrundlage,
    Verdachtsart,
    Verfahrensart,
    Vorgang,
    Zonengrund,
    Zugriffsart,
)

SPEICHER_ALIAS = "ueberwachung"


def speicher():
    """The storage of recordings and ED material: `STORAGES["ueberwachung"]` when configured (a separate
    volume or an S3-compatible bucket, see README), otherwise the default storage."""
    if SPEICHER_ALIAS in settings.STORAGES:
        return storages[SPEICHER_ALIAS]
    return default_storage


def _pfad(ordner: str, filename: str) -> str:
    # Random names: neither the person nor the called number appear in the storage (or in its listings).
    endung = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    if not endung.isalnum():
        endung = "bin"
    jahr = timezone.localdate().year
    return f"ueberwachung/{ordner}/{jahr}/{uuid.uuid4().hex}.{endung}"


def telefon_pfad(instance, filename):
    return _pfad("telefon", filename)


def video_pfad(instance, filename):
    return _pfad("video", filename)


def ed_pfad(instance, filename):
    return _pfad("ed", filename)


class Rechtsbeistand(models.Model):
    """R-29-4: a counsel's phone number registered for one person; calls to it are never recorded."""

    person = models.ForeignKey("vollzug.Person", on_delete=models.PROTECT, related_name="rechtsbeistaende")
    name = models.CharField("Name des Rechtsbeistands", max_length=150)
    nummer = models.CharField("Telefonnummer", max_length=40)
    # Digits only, international form (0041…): the comparison at ingestion is on this field.
    nummer_normalisiert = models.CharField(max_length=40, editable=False)
    erfasst_am = models.DateTimeField(default=timezone.now)
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Issue 23: a number is removed (the mandate ended), never deleted: with the reason, who and when.
    # Calls made before the removal stay refused and destroyed (R-29-4); later calls may be recorded.
    entfernt_am = models.DateTimeField("entfernt am", null=True, blank=True)
    entfernt_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entfernung_grund = models.TextField("Grund der Entfernung", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Rechtsbeistand (Telefonnummer)"
        verbose_name_plural = "Rechtsbeistände (Telefonnummern)"
        ordering = ["person", "name", "pk"]
        constraints = [
            # Once per person while registered; after a removal the number may be registered again.
            models.UniqueConstraint(
                name="rechtsbeistand_nummer_einmal_pro_person",
                fields=["person", "nummer_normalisiert"],
                condition=Q(entfernt_am__isnull=True),
            ),
            models.CheckConstraint(
                name="rechtsbeistand_entfernung_vollstaendig",
                condition=Q(entfernt_am__isnull=True, entfernt_durch__isnull=True, entfernung_grund="")
                | (Q(entfernt_am__isnull=False, entfernt_durch__isnull=False) & ~Q(entfernung_grund="")),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.nummer})"


class Telefonaufzeichnung(models.Model):
    """R-29-1: a recorded phone call of an inmate: person, number called, start/end, file."""

    person = models.ForeignKey("vollzug.Person", on_delete=models.PROTECT, related_name="+")
    anstalt = models.ForeignKey("vollzug.Anstalt", on_delete=models.PROTECT, related_name="+")
    nummer = models.CharField("Angerufene Nummer", max_length=40)
    nummer_normalisiert = models.CharField(max_length=40, editable=False)
    beginn = models.DateTimeField("Beginn")
    ende = models.DateTimeField("Ende")
    datei = models.FileField("Aufzeichnung", upload_to=telefon_pfad, storage=speicher, max_length=200)
    sha256 = models.CharField(max_length=64)
    groesse = models.PositiveBigIntegerField("Grösse (Bytes)", default=0)
    eingegangen_am = models.DateTimeField(default=timezone.now)
    eingegangen_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # R-29-2: beginn + 100 days (recht.loeschung_faellig_am), fixed at ingestion; the job's index.
    loeschung_faellig_am = models.DateTimeField("Löschung fällig am")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Telefonaufzeichnung"
        verbose_name_plural = "Telefonaufzeichnungen"
        ordering = ["-beginn", "-pk"]
        constraints = [
            models.CheckConstraint(name="telefon_ende_nach_beginn", condition=Q(ende__gte=F("beginn"))),
            models.CheckConstraint(
                name="telefon_loeschung_nach_beginn", condition=Q(loeschung_faellig_am__gt=F("beginn"))
            ),
        ]
        indexes = [
            models.Index(fields=["loeschung_faellig_am", "id"], name="telefon_loeschung_idx"),
            models.Index(fields=["anstalt", "beginn"], name="telefon_anstalt_beginn_idx"),
            models.Index(fields=["person", "nummer_normalisiert"], name="telefon_person_nummer_idx"),
        ]

    objektart = Objektart.TELEFON

    def __str__(self):
        return f"Telefonaufzeichnung {self.pk} vom {timezone.localtime(self.beginn):%d.%m.%Y %H:%M}"


class Videozone(models.Model):
    """R-30-1 (§ 30 Abs. 2): a room or area the facility management put under visual surveillance."""

    anstalt = models.ForeignKey("vollzug.Anstalt", on_delete=models.PROTECT, related_name="+")
    bezeichnung = models.CharField("Bezeichnung", max_length=120)
    raumart = models.CharField("Art des Raums", max_length=20, choices=Raumart.choices)
    grund = models.CharField(
        "Grund (§ 30 Abs. 2 lit. b)", max_length=24, choices=Zonengrund.choices, blank=True
    )
    begruendung = models.TextField("Begründung", blank=True)
    festgelegt_am = models.DateTimeField(default=timezone.now)
    festgelegt_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aufgehoben_am = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Videozone"
        verbose_name_plural = "Videozonen"
        ordering = ["anstalt", "bezeichnung", "pk"]
        constraints = [
            models.CheckConstraint(name="videozone_raumart_gueltig", condition=Q(raumart__in=Raumart.values)),
            # R-30-1: never the ordinary quarters (§ 30 Abs. 2 lit. a).
            models.CheckConstraint(
                name="videozone_keine_ordentliche_unterkunft", condition=~Q(raumart="zelle")
            ),
            # R-30-1: special cells only with a recorded reason (§ 30 Abs. 2 lit. b).
            models.CheckConstraint(
                name="videozone_spezialzelle_mit_grund",
                condition=~Q(raumart__in=["disziplinarzelle", "sicherheitszelle"])
                | (Q(grund__in=Zonengrund.values) & ~Q(begruendung="")),
            ),
            models.CheckConstraint(
                name="videozone_grund_gueltig", condition=Q(grund="") | Q(grund__in=Zonengrund.values)
            ),
        ]

    def __str__(self):
        return f"{self.bezeichnung} ({self.get_raumart_display()})"


class Videoaufzeichnung(models.Model):
    """R-30-3: a video recording of one zone; deleted right after its evaluation, at the latest after
    100 days."""

    zone = models.ForeignKey(Videozone, on_delete=models.PROTECT, related_name="aufzeichnungen")
    anstalt = models.ForeignKey("vollzug.Anstalt", on_delete=models.PROTECT, related_name="+")
    # Optional: the person concerned (e.g. in a special cell); recordings of common areas name nobody.
    person = models.ForeignKey(
        "vollzug.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    beginn = models.DateTimeField("Beginn")
    ende = models.DateTimeField("Ende")
    datei = models.FileField("Aufzeichnung", upload_to=video_pfad, storage=speicher, max_length=200)
    sha256 = models.CharField(max_length=64)
    groesse = models.PositiveBigIntegerField("Grösse (Bytes)", default=0)
    eingegangen_am = models.DateTimeField(default=timezone.now)
    eingegangen_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    auswertung_abgeschlossen_am = models.DateTimeField("Auswertung abgeschlossen am", null=True, blank=True)
    # R-30-3: beginn + 100 days, or the end of the evaluation when earlier (§ 30 Abs. 5).
    loeschung_faellig_am = models.DateTimeField("Löschung fällig am")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Videoaufzeichnung"
        verbose_name_plural = "Videoaufzeichnungen"
        ordering = ["-beginn", "-pk"]
        constraints = [
            models.CheckConstraint(name="video_ende_nach_beginn", condition=Q(ende__gte=F("beginn"))),
        ]
        indexes = [
            models.Index(fields=["loeschung_faellig_am", "id"], name="video_loeschung_idx"),
            models.Index(fields=["anstalt", "beginn"], name="video_anstalt_beginn_idx"),
        ]

    objektart = Objektart.VIDEO

    def __str__(self):
        return f"Videoaufzeichnung {self.pk} ({self.zone.bezeichnung}, {timezone.localtime(self.beginn):%d.%m.%Y %H:%M})"


class Beizug(models.Model):
    """R-29-2 / R-30-3 legal hold: the recording is attached to a criminal, civil or administrative
    proceeding and is not deleted while the hold is active."""

    telefon = models.ForeignKey(
        Telefonaufzeichnung, null=True, blank=True, on_delete=models.CASCADE, related_name="beizuege"
    )
    video = models.ForeignKey(
        Videoaufzeichnung, null=True, blank=True, on_delete=models.CASCADE, related_name="beizuege"
    )
    verfahrensart = models.CharField("Verfahren", max_length=24, choices=Verfahrensart.choices)
    referenz = models.CharField("Verfahrensnummer / Referenz", max_length=120)
    behoerde = models.CharField("Verfahrensleitende Behörde", max_length=150)
    beigezogen_am = models.DateTimeField(default=timezone.now)
    beigezogen_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aufgehoben_am = models.DateTimeField(null=True, blank=True)
    aufgehoben_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aufhebung_grund = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Beizug (Verfahren)"
        verbose_name_plural = "Beizüge (Verfahren)"
        ordering = ["-beigezogen_am", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="beizug_genau_eine_aufzeichnung",
                condition=(Q(telefon__isnull=False) & Q(video__isnull=True))
                | (Q(telefon__isnull=True) & Q(video__isnull=False)),
            ),
            models.CheckConstraint(
                name="beizug_verfahrensart_gueltig", condition=Q(verfahrensart__in=Verfahrensart.values)
            ),
            models.CheckConstraint(
                name="beizug_aufhebung_vollstaendig",
                condition=Q(aufgehoben_am__isnull=True, aufgehoben_durch__isnull=True)
                | Q(aufgehoben_am__isnull=False, aufgehoben_durch__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["telefon", "aufgehoben_am"], name="beizug_telefon_aktiv_idx"),
            models.Index(fields=["video", "aufgehoben_am"], name="beizug_video_aktiv_idx"),
        ]

    def __str__(self):
        return f"{self.get_verfahrensart_display()} {self.referenz}"

    @property
    def aktiv(self) -> bool:
        return self.aufgehoben_am is None


class EDMassnahme(models.Model):
    """R-27-1: an identification measure ordered by the facility management, with its kind and date."""

    person = models.ForeignKey("vollzug.Person", on_delete=models.PROTECT, related_name="+")
    anstalt = models.ForeignKey("vollzug.Anstalt", on_delete=models.PROTECT, related_name="+")
    art = models.CharField("Art (§ 27 Abs. 1)", max_length=20, choices=EDArt.choices)
    durchgefuehrt_am = models.DateField("Datum")
    bemerkung = models.TextField("Bemerkung", blank=True)
    angeordnet_am = models.DateTimeField(default=timezone.now)
    angeordnet_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Erkennungsdienstliche Massnahme"
        verbose_name_plural = "Erkennungsdienstliche Massnahmen"
        ordering = ["-durchgefuehrt_am", "-pk"]
        constraints = [
            models.CheckConstraint(name="ed_art_gueltig", condition=Q(art__in=EDArt.values)),
        ]
        indexes = [models.Index(fields=["person", "id"], name="ed_person_idx")]

    objektart = Objektart.ED

    def __str__(self):
        return f"{self.get_art_display()} vom {self.durchgefuehrt_am:%d.%m.%Y}"


class EDDatei(models.Model):
    """R-27-1: one file of ED material (fingerprint sheet, photograph, measurement record)."""

    massnahme = models.ForeignKey(EDMassnahme, on_delete=models.CASCADE, related_name="dateien")
    datei = models.FileField("Datei", upload_to=ed_pfad, storage=speicher, max_length=200)
    sha256 = models.CharField(max_length=64)
    groesse = models.PositiveBigIntegerField(default=0)
    erfasst_am = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ED-Datei"
        verbose_name_plural = "ED-Dateien"
        ordering = ["pk"]

    def __str__(self):
        return f"ED-Datei {self.pk}"


class Inhaltszugriff(models.Model):
    """Every access to content, with its legal justification (R-29-3, R-30-2, R-27-2), append-only.

    Refers to the recording or measure by plain id: the log outlives the deleted content and holds none
    of it (suspicion and purpose are the reason for the access, not what was heard or seen)."""

    zeitpunkt = models.DateTimeField(default=timezone.now)
    benutzer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    art = models.CharField(max_length=20, choices=Zugriffsart.choices)
    objektart = models.CharField(max_length=10, choices=Objektart.choices)
    objekt_id = models.BigIntegerField()
    person = models.ForeignKey(
        "vollzug.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    anstalt = models.ForeignKey(
        "vollzug.Anstalt", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tatbestand = models.CharField("§ 40 Abs. 2 lit.", max_length=10, blank=True)
    verdachtsart = models.CharField(max_length=20, choices=Verdachtsart.choices, blank=True)
    verdacht = models.TextField("Verdacht / Zweck", blank=True)
    empfaenger = models.CharField("Empfänger", max_length=150, blank=True)
    verfahrensart = models.CharField(max_length=24, choices=Verfahrensart.choices, blank=True)
    verfahren_referenz = models.CharField(max_length=120, blank=True)

    class Meta:
        verbose_name = "Zugriff auf Aufzeichnung/ED-Unterlagen"
        verbose_name_plural = "Zugriffe auf Aufzeichnungen/ED-Unterlagen"
        ordering = ["-zeitpunkt", "-pk"]
        constraints = [
            models.CheckConstraint(name="zugriff_art_gueltig", condition=Q(art__in=Zugriffsart.values)),
            # R-29-3: listening names one of the letters § 29 Abs. 3 allows.
            models.CheckConstraint(
                name="zugriff_abhoeren_nur_erlaubte_tatbestaende",
                condition=~Q(art="abhoeren") | Q(tatbestand__in=["a", "c", "g", "h", "i", "j"]),
            ),
            # R-27-2: a disclosure to the police names recipient and purpose.
            models.CheckConstraint(
                name="zugriff_weitergabe_mit_empfaenger",
                condition=~Q(art="ed_weitergabe") | (~Q(empfaenger="") & ~Q(verdacht="")),
            ),
        ]
        indexes = [models.Index(fields=["objektart", "objekt_id"], name="zugriff_objekt_idx")]

    def __str__(self):
        return f"{self.get_art_display()} {self.objektart} {self.objekt_id}"


class Loeschlauf(models.Model):
    """One run of a deletion job (or one immediate destruction under § 29 Abs. 4), with its counts."""

    job = models.CharField(max_length=60)
    gestartet_am = models.DateTimeField()
    beendet_am = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Laufstatus.choices, default=Laufstatus.LAEUFT)
    anzahl_telefon = models.PositiveIntegerField(default=0)
    anzahl_video = models.PositiveIntegerField(default=0)
    anzahl_ed = models.PositiveIntegerField(default=0)
    anzahl_dateien = models.PositiveIntegerField(default=0)
    nachgeholt_dateien = models.PositiveIntegerField(
        default=0, help_text="Dateien, die ein abgebrochener früherer Lauf nicht mehr entfernen konnte."
    )

    class Meta:
        verbose_name = "Löschlauf"
        verbose_name_plural = "Löschläufe"
        ordering = ["-gestartet_am", "-pk"]

    def __str__(self):
        return f"{self.job} {timezone.localtime(self.gestartet_am):%d.%m.%Y %H:%M}"

    @property
    def gesamt(self) -> int:
        return self.anzahl_telefon + self.anzahl_video + self.anzahl_ed


class Vernichtungsprotokoll(models.Model):
    """The content-free record of a legal destruction (or of a refused ingestion under § 29 Abs. 4):
    kind, whose (person id and number), recorded when, deleted when, which run, legal basis."""

    vorgang = models.CharField(max_length=12, choices=Vorgang.choices, default=Vorgang.VERNICHTET)
    objektart = models.CharField(max_length=10, choices=Objektart.choices)
    objekt_id = models.BigIntegerField(null=True, blank=True)
    person = models.ForeignKey(
        "vollzug.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    personennummer = models.CharField(max_length=20, blank=True)
    anstalt = models.ForeignKey(
        "vollzug.Anstalt", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aufgezeichnet_am = models.DateTimeField("Aufgezeichnet/erfasst am", null=True, blank=True)
    vernichtet_am = models.DateTimeField("Vernichtet am")
    # The run that destroyed it; empty for a refusal at ingestion (§ 29 Abs. 4: nothing was stored).
    lauf = models.ForeignKey(
        Loeschlauf, null=True, blank=True, on_delete=models.PROTECT, related_name="protokolle"
    )
    rechtsgrundlage = models.CharField(max_length=20, choices=Rechtsgrundlage.choices)
    anzahl_dateien = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "Vernichtungsprotokoll"
        verbose_name_plural = "Vernichtungsprotokolle"
        ordering = ["-vernichtet_am", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="vernichtung_rechtsgrundlage_gueltig",
                condition=Q(rechtsgrundlage__in=Rechtsgrundlage.values),
            ),
            # Nothing is destroyed twice: one record per destroyed object.
            models.UniqueConstraint(
                name="vernichtung_einmal_pro_objekt",
                fields=["objektart", "objekt_id"],
                condition=Q(vorgang="vernichtet"),
            ),
        ]
        indexes = [
            models.Index(fields=["vernichtet_am", "id"], name="vernichtung_datum_idx"),
            models.Index(fields=["anstalt", "vernichtet_am"], name="vernichtung_anstalt_idx"),
        ]

    def __str__(self):
        return f"{self.get_objektart_display()} {self.objekt_id} – {self.get_vorgang_display()}"


class Dateiloeschung(models.Model):
    """A file whose rows are already gone (committed) and that is still to be removed from storage.

    Written in the same transaction as the deletion; removed after the file is gone. A worker killed
    between commit and file removal leaves this row, and the next run removes the file: no orphan file,
    nothing deleted twice. Holds only the random storage name (no content)."""

    name = models.CharField(max_length=200)
    angelegt_am = models.DateTimeField(default=timezone.now)
    lauf = models.ForeignKey(Loeschlauf, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "Ausstehende Dateilöschung"
        verbose_name_plural = "Ausstehende Dateilöschungen"
        ordering = ["pk"]

    def __str__(self):
        return f"Ausstehende Dateilöschung {self.pk}"
