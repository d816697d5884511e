"""Unmittelbarer Zwang (§ 33 JVG): thin models; the rules live in `zwang/domain/`.

A use of force is recorded as one `Zwangsprotokoll` (§ 33 Abs. 4) by the staff of the facility where
the person is placed; each involved staff member is one `Beteiligung` with his own statement; the
facility management reviews it (`Pruefung`, R-0-4EYES-1). Corrections after submission are history rows
of the protocol with their reason (simple-history `history_change_reason`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from zwang.recht import (
    Arztkontrolle,
    Einsatzfunktion,
    Protokollstatus,
    Pruefergebnis,
    Subsidiaritaet,
    Verletzung,
    Zwangsmittel,
)

_VERLETZUNG_WERTE = ["", *Verletzung.values]


class Zwangsprotokoll(models.Model):
    """§ 33 Abs. 4 JVG: "Ist unmittelbar wirksamer Zwang angewendet worden, ist dies zu protokollieren"."""

    Status = Protokollstatus

    nummer = models.CharField("Nummer", max_length=20, unique=True, editable=False)
    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="zwangsprotokolle", verbose_name="Fall"
    )
    person = models.ForeignKey(
        "vollzug.Person", on_delete=models.PROTECT, related_name="zwangsprotokolle", verbose_name="Person"
    )
    anstalt = models.ForeignKey(
        "vollzug.Anstalt",
        on_delete=models.PROTECT,
        related_name="zwangsprotokolle",
        verbose_name="Vollzugseinrichtung",
    )
    status = models.CharField(
        "Status", max_length=20, choices=Protokollstatus.choices, default=Protokollstatus.ENTWURF
    )
    beginn = models.DateTimeField("Beginn")
    ende = models.DateTimeField("Ende", null=True, blank=True)
    ort = models.CharField("Ort", max_length=200, blank=True)
    anlass = models.TextField("Anlass und Ablauf", blank=True)
    # § 33 Abs. 1 lit. a–c (enums.ZWECKE): at least one, checked at submission and by the database.
    zweck_a = models.BooleanField("Zweck lit. a (Schutz vor erheblicher Gefahr)", default=False)
    zweck_b = models.BooleanField("Zweck lit. b (Flucht verhindern, Flüchtige ergreifen)", default=False)
    zweck_c = models.BooleanField("Zweck lit. c (Sicherheit und Ordnung)", default=False)
    # § 33 Abs. 2 and 3: which milder measures failed, or why none was available.
    subsidiaritaet = models.CharField(
        "Mildere Massnahmen (§ 33 Abs. 2)", max_length=20, choices=Subsidiaritaet.choices, blank=True
    )
    mildere_massnahmen = models.TextField("Versuchte mildere Massnahmen oder warum keine", blank=True)
    mittel = models.JSONField("Techniken und Einsatzmittel", default=list, blank=True)
    mittel_beschreibung = models.TextField("Beschreibung der Zwangsanwendung", blank=True)
    verletzung_person = models.CharField(
        "Verletzungen der eingewiesenen Person", max_length=10, choices=Verletzung.choices, blank=True
    )
    verletzung_person_text = models.TextField("Verletzungen der Person: Beschreibung", blank=True)
    verletzung_personal = models.CharField(
        "Verletzungen des Personals", max_length=10, choices=Verletzung.choices, blank=True
    )
    verletzung_personal_text = models.TextField("Verletzungen des Personals: Beschreibung", blank=True)
    verletzung_dritte = models.CharField(
        "Verletzungen Dritter", max_length=10, choices=Verletzung.choices, blank=True
    )
    verletzung_dritte_text = models.TextField("Verletzungen Dritter: Beschreibung", blank=True)
    arztkontrolle = models.CharField(
        "Medizinische Kontrolle", max_length=20, choices=Arztkontrolle.choices, blank=True
    )
    arztkontrolle_am = models.DateTimeField("Medizinische Kontrolle am", null=True, blank=True)
    arztkontrolle_durch = models.CharField("Medizinische Kontrolle durch", max_length=150, blank=True)
    aufnahmen = models.TextField(
        "Kamera- und Aufzeichnungsreferenzen", blank=True, help_text="z. B. Kamera-ID und Zeitraum."
    )
    erfasst_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="erfasst durch"
    )
    # Set by the service from the clock (not auto_now_add), so time travel in tests is consistent.
    erfasst_am = models.DateTimeField("erfasst am")
    eingereicht_am = models.DateTimeField("eingereicht am", null=True, blank=True)
    pruefaufgabe = models.ForeignKey(
        "jvg_case.Aufgabe", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    # R-33-1: the reason of a correction is the history row's change reason; a text field, so a long
    # reason is kept whole (the default column holds 100 characters).
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = "Zwangsprotokoll"
        verbose_name_plural = "Zwangsprotokolle"
        ordering = ["-beginn", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="zwangsprotokoll_status_gueltig", condition=Q(status__in=Protokollstatus.values)
            ),
            models.CheckConstraint(
                name="zwangsprotokoll_subsidiaritaet_gueltig",
                condition=Q(subsidiaritaet="") | Q(subsidiaritaet__in=Subsidiaritaet.values),
            ),
            models.CheckConstraint(
                name="zwangsprotokoll_verletzungen_gueltig",
                condition=Q(verletzung_person__in=_VERLETZUNG_WERTE)
                & Q(verletzung_personal__in=_VERLETZUNG_WERTE)
                & Q(verletzung_dritte__in=_VERLETZUNG_WERTE),
            ),
            models.CheckConstraint(
                name="zwangsprotokoll_arztkontrolle_gueltig",
                condition=Q(arztkontrolle="") | Q(arztkontrolle__in=Arztkontrolle.values),
            ),
            # R-33-1: the force ends after it began (duration ≥ 0).
            models.CheckConstraint(
                name="zwangsprotokoll_ende_nach_beginn",
                condition=Q(ende__isnull=True) | Q(ende__gte=F("beginn")),
            ),
            # R-33-1: a submitted protocol has its end, a purpose (§ 33 Abs. 1) and the milder measures
            # (§ 33 Abs. 2) — whoever writes the row.
            models.CheckConstraint(
                name="zwangsprotokoll_eingereicht_vollstaendig",
                condition=Q(status=Protokollstatus.ENTWURF)
                | (
                    Q(ende__isnull=False, eingereicht_am__isnull=False)
                    & (Q(zweck_a=True) | Q(zweck_b=True) | Q(zweck_c=True))
                    & ~Q(subsidiaritaet="")
                    & ~Q(mildere_massnahmen="")
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["anstalt", "status"], name="zwangsprotokoll_anst_stat_idx"),
            # Issue 19: the list's ordering (ids-first pages walk it).
            models.Index(fields=["-beginn", "-id"], name="zwangsprotokoll_liste_idx"),
        ]

    def __str__(self):
        return f"Zwangsprotokoll {self.nummer}"

    def get_absolute_url(self):
        return reverse("zwang:detail", args=[self.pk])

    @property
    def dauer_minuten(self) -> int | None:
        if self.ende is None:
            return None
        return int((self.ende - self.beginn).total_seconds() // 60)

    @property
    def dauer_text(self) -> str:
        minuten = self.dauer_minuten
        if minuten is None:
            return "–"
        stunden, rest = divmod(minuten, 60)
        return f"{stunden} h {rest:02d} min" if stunden else f"{rest} min"

    @property
    def zweck_buchstaben(self) -> list[str]:
        return [b for b, wert in (("a", self.zweck_a), ("b", self.zweck_b), ("c", self.zweck_c)) if wert]

    @property
    def mittel_labels(self) -> list[str]:
        return [Zwangsmittel(m).label if m in Zwangsmittel.values else m for m in self.mittel or []]


class Beteiligung(models.Model):
    """An involved staff member (a user of the facility) with his role in the incident and his own statement."""

    Funktion = Einsatzfunktion

    protokoll = models.ForeignKey(Zwangsprotokoll, on_delete=models.PROTECT, related_name="beteiligte")
    benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="zwangsbeteiligungen"
    )
    funktion = models.CharField("Funktion im Einsatz", max_length=20, choices=Einsatzfunktion.choices)
    # R-33-1: due JVG_ZWANG_STELLUNGNAHME_STUNDEN hours after submission (set by `protokoll_einreichen`).
    frist = models.DateTimeField("Stellungnahme fällig", null=True, blank=True)
    stellungnahme = models.TextField("Stellungnahme", blank=True)
    stellungnahme_am = models.DateTimeField("Stellungnahme abgegeben am", null=True, blank=True)
    # The reminder task of the job (one per statement: the job's idempotence rests on this link).
    erinnerung = models.ForeignKey(
        "jvg_case.Aufgabe", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    # Issue 23: an involved person added after submission, with the reason, who and when (listed with the
    # corrections, R-33-1). Empty for those listed in the submitted protocol.
    nachgetragen_am = models.DateTimeField("nachgetragen am", null=True, blank=True, editable=False)
    nachgetragen_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name="nachgetragen durch",
    )
    nachtrag_grund = models.TextField("Grund des Nachtrags", blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Beteiligung"
        verbose_name_plural = "Beteiligungen"
        ordering = ["protokoll", "pk"]
        constraints = [
            models.CheckConstraint(
                name="beteiligung_funktion_gueltig", condition=Q(funktion__in=Einsatzfunktion.values)
            ),
            models.UniqueConstraint(name="beteiligung_einmal_je_protokoll", fields=["protokoll", "benutzer"]),
            # A later addition records when, by whom and why; an original entry none of it.
            models.CheckConstraint(
                name="beteiligung_nachtrag_vollstaendig",
                condition=Q(nachgetragen_am__isnull=True, nachgetragen_durch__isnull=True, nachtrag_grund="")
                | (
                    Q(nachgetragen_am__isnull=False, nachgetragen_durch__isnull=False) & ~Q(nachtrag_grund="")
                ),
            ),
            models.CheckConstraint(
                name="beteiligung_stellungnahme_mit_zeit",
                condition=Q(stellungnahme="", stellungnahme_am__isnull=True)
                | (~Q(stellungnahme="") & Q(stellungnahme_am__isnull=False)),
            ),
        ]
        indexes = [
            # The reminder job's selection: open statements without a reminder, by due time.
            models.Index(
                fields=["frist"],
                name="beteiligung_erinnerung_idx",
                condition=Q(stellungnahme_am__isnull=True, erinnerung__isnull=True, frist__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.benutzer} ({self.get_funktion_display()})"

    def ist_ueberfaellig(self, jetzt) -> bool:
        """R-33-1: overdue strictly after the deadline (exactly at it is still in time)."""
        return self.stellungnahme_am is None and self.frist is not None and jetzt > self.frist


class Pruefung(models.Model):
    """R-33-1, R-0-4EYES-1: the review by the facility management (who, when, outcome, comment)."""

    protokoll = models.ForeignKey(Zwangsprotokoll, on_delete=models.PROTECT, related_name="pruefungen")
    ergebnis = models.CharField("Ergebnis", max_length=20, choices=Pruefergebnis.choices)
    bemerkung = models.TextField("Bemerkung")
    durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="geprüft durch"
    )
    am = models.DateTimeField("geprüft am")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Prüfung eines Zwangsprotokolls"
        verbose_name_plural = "Prüfungen von Zwangsprotokollen"
        ordering = ["protokoll", "am", "pk"]
        constraints = [
            models.CheckConstraint(
                name="zwangspruefung_ergebnis_gueltig", condition=Q(ergebnis__in=Pruefergebnis.values)
            ),
            models.CheckConstraint(name="zwangspruefung_bemerkung_nicht_leer", condition=~Q(bemerkung="")),
        ]

    def __str__(self):
        return f"{self.get_ergebnis_display()} ({self.am:%d.%m.%Y})"
