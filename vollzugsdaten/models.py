"""Vollzugsdaten (R-VD-1), conditional release (Art. 86–87 StGB) and measure reviews (Art. 59–64b StGB):
thin models; the rules live in `vollzugsdaten/domain/`."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from kern.strafzeit import MAX_TAGE
from vollzugsdaten.recht import (
    NEUPRUEFUNG_MONATE,
    PROBEZEIT_MAX_JAHRE,
    PROBEZEIT_MIN_JAHRE,
    VORLAUF_MAX_MONATE,
    VORLAUF_MIN_MONATE,
    Antragsart,
    Antwort,
    Beginnherkunft,
    Entscheidfolge,
    Ergebnis,
    Massnahmenartikel,
    Pruefungsart,
    Pruefungsstatus,
)

_USER = settings.AUTH_USER_MODEL


class Strafzeitangaben(models.Model):
    """The inputs of the calculation that the judgment states and the case core does not hold (R-VD-1)."""

    fall = models.OneToOneField(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="strafzeitangaben"
    )
    lebenslang = models.BooleanField("Lebenslängliche Freiheitsstrafe (Art. 40 Abs. 2 StGB)", default=False)
    angerechnete_tage = models.PositiveIntegerField(
        "Vom Gericht angerechnete Tage (Art. 51 StGB)", default=0, validators=[MaxValueValidator(MAX_TAGE)]
    )
    anrechnung_beleg = models.CharField(
        "Fundstelle im Urteil (Art. 51 StGB)",
        max_length=200,
        blank=True,
        help_text="z. B. «Urteil SA2 25 310, Dispositiv Ziff. 3». Die Anrechnung wird nie geschätzt.",
    )
    anderswo_tage = models.PositiveIntegerField(
        "Anderswo verbüsste Tage (§ 2 Abs. 1 lit. c JVG)", default=0, validators=[MaxValueValidator(MAX_TAGE)]
    )
    anderswo_beleg = models.CharField("Beleg (anderer Kanton, Rechtshilfe)", max_length=200, blank=True)
    # R-STGB-86-2: a lead time of this case instead of the system's default, with its reasons.
    vorlauf_monate = models.PositiveSmallIntegerField(
        "Prüfung der bedingten Entlassung: Monate vorher (für diesen Fall)",
        null=True,
        blank=True,
        validators=[MinValueValidator(VORLAUF_MIN_MONATE), MaxValueValidator(VORLAUF_MAX_MONATE)],
    )
    vorlauf_begruendung = models.CharField("Begründung der Vorlaufzeit", max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Strafzeitangaben"
        verbose_name_plural = "Strafzeitangaben"
        constraints = [
            # R-VD-1: credit is entered from the judgment, never guessed: a number needs its source.
            models.CheckConstraint(
                name="strafzeit_anrechnung_mit_beleg",
                condition=Q(angerechnete_tage=0) | ~Q(anrechnung_beleg=""),
                violation_error_message="Die Fundstelle im Urteil angeben (Art. 51 StGB: nie geschätzt).",
            ),
            models.CheckConstraint(
                name="strafzeit_anderswo_mit_beleg",
                condition=Q(anderswo_tage=0) | ~Q(anderswo_beleg=""),
                violation_error_message="Den Beleg der anderswo verbüssten Tage angeben (§ 2 Abs. 1 lit. c JVG).",
            ),
            # R-STGB-86-2: a lead time of its own is bounded and has its reasons.
            models.CheckConstraint(
                name="strafzeit_vorlauf_mit_begruendung",
                condition=Q(vorlauf_monate__isnull=True)
                | (
                    Q(vorlauf_monate__gte=VORLAUF_MIN_MONATE, vorlauf_monate__lte=VORLAUF_MAX_MONATE)
                    & ~Q(vorlauf_begruendung="")
                ),
                violation_error_message="Vorlaufzeit 1–12 Monate mit Begründung (Art. 86 Abs. 2 StGB).",
            ),
        ]

    def __str__(self):
        return f"Strafzeitangaben {self.fall}"


class Berechnung(models.Model):
    """One version of a case's Strafzeitberechnung with its inputs (R-VD-1): never changed, superseded."""

    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="strafzeitberechnungen"
    )
    version = models.PositiveIntegerField("Version")
    methode = models.CharField("Zählweise", max_length=40)
    fingerabdruck = models.CharField(max_length=64)
    eingaben = models.JSONField("Eingaben")
    ergebnis = models.JSONField("Ergebnis")
    ende = models.DateField("Strafende", null=True, blank=True)
    haelfte = models.DateField("Hälfte", null=True, blank=True)
    zwei_drittel = models.DateField("Zwei Drittel", null=True, blank=True)
    bedingte_entlassung = models.DateField(
        "Bedingte Entlassung frühestens (Art. 86 Abs. 1/5)", null=True, blank=True
    )
    bedingte_entlassung_ausnahme = models.DateField(
        "ausnahmsweise frühestens (Art. 86 Abs. 4/5)", null=True, blank=True
    )
    aenderungen = models.TextField("Was sich geändert hat", blank=True)
    berechnet_am = models.DateTimeField("berechnet am")
    berechnet_durch = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Strafzeitberechnung"
        verbose_name_plural = "Strafzeitberechnungen"
        ordering = ["fall", "-version"]
        constraints = [
            models.UniqueConstraint(name="berechnung_version_eindeutig", fields=["fall", "version"]),
            models.CheckConstraint(name="berechnung_version_ab_1", condition=Q(version__gte=1)),
        ]

    def __str__(self):
        return f"Strafzeitberechnung Version {self.version}"

    def vollzugsfolge(self) -> list[dict]:
        """The sentences in their order of execution with their periods (kern.strafzeit convention 9)."""
        from datetime import date

        return [
            {**a, "von": date.fromisoformat(a["von"]), "bis": date.fromisoformat(a["bis"])}
            for a in (self.ergebnis or {}).get("vollzugsfolge", [])
        ]


class Entlassungspruefung(models.Model):
    """The ex-officio examination of conditional release (Art. 86 Abs. 2 StGB, R-STGB-86-2)."""

    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="entlassungspruefungen"
    )
    status = models.CharField(max_length=20, choices=Pruefungsstatus.choices, default=Pruefungsstatus.OFFEN)
    faellig_am = models.DateField("Prüfung fällig am")
    nach_verweigerung = models.BooleanField("Neue Prüfung nach Verweigerung (Art. 86 Abs. 3)", default=False)
    bericht_angefordert_am = models.DateTimeField("Bericht angefordert am", null=True, blank=True)
    bericht_aufgabe = models.ForeignKey(
        "jvg_case.Aufgabe", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    bericht_am = models.DateTimeField("Bericht der Einrichtung erhalten am", null=True, blank=True)
    bericht = models.TextField("Bericht der Einrichtung", blank=True)
    bericht_durch = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    anhoerung_am = models.DateTimeField("Anhörung am", null=True, blank=True)
    anhoerung = models.TextField("Äusserung der verurteilten Person", blank=True)
    anhoerung_durch = models.ForeignKey(
        _USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ausserordentliche_umstaende = models.TextField(
        "Ausserordentliche persönliche Umstände (Art. 86 Abs. 4 StGB)", blank=True
    )
    ergebnis = models.CharField(max_length=12, choices=Ergebnis.choices, blank=True)
    entlassung_am = models.DateField("Entlassung auf", null=True, blank=True)
    probezeit_jahre = models.PositiveSmallIntegerField(
        "Probezeit (Jahre, Art. 87 Abs. 1)", null=True, blank=True
    )
    bewaehrungshilfe = models.BooleanField("Bewährungshilfe (Art. 87 Abs. 2)", default=False)
    weisungen = models.TextField("Weisungen (Art. 87 Abs. 2)", blank=True)
    # R-STGB-86-3: a refusal sets the next examination within at most twelve months.
    neupruefung_monate = models.PositiveSmallIntegerField(
        "Erneute Prüfung nach (Monaten, Art. 86 Abs. 3)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(NEUPRUEFUNG_MONATE)],
    )
    begruendung = models.TextField("Begründung", blank=True)
    verfuegung = models.ForeignKey(
        "verfuegungen.Verfuegung", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entschieden_am = models.DateField("entschieden am", null=True, blank=True)
    entlassen_am = models.DateTimeField("bedingt entlassen am", null=True, blank=True)
    # Issue 23: the decision's Verfügung was lifted or set aside on appeal (when, why).
    aufgehoben_am = models.DateTimeField("Entscheid aufgehoben am", null=True, blank=True)
    aufhebung_grund = models.TextField("Grund der Aufhebung", blank=True)
    erstellt_am = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Prüfung der bedingten Entlassung"
        verbose_name_plural = "Prüfungen der bedingten Entlassung"
        ordering = ["fall", "-faellig_am", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="pruefung86_status_gueltig", condition=Q(status__in=Pruefungsstatus.values)
            ),
            models.CheckConstraint(
                name="pruefung86_ergebnis_gueltig", condition=Q(ergebnis="") | Q(ergebnis__in=Ergebnis.values)
            ),
            # R-STGB-87-1: a grant has a release date and a Probezeit of one to five years.
            models.CheckConstraint(
                name="pruefung86_gewaehrt_mit_probezeit",
                condition=~Q(ergebnis=Ergebnis.GEWAEHRT)
                | Q(
                    entlassung_am__isnull=False,
                    probezeit_jahre__gte=PROBEZEIT_MIN_JAHRE,
                    probezeit_jahre__lte=PROBEZEIT_MAX_JAHRE,
                ),
            ),
            models.CheckConstraint(
                name="pruefung86_neupruefung_hoechstens_jaehrlich",
                condition=Q(neupruefung_monate__isnull=True)
                | Q(neupruefung_monate__gte=1, neupruefung_monate__lte=NEUPRUEFUNG_MONATE),
            ),
            # One open examination per case.
            models.UniqueConstraint(
                name="pruefung86_eine_offene_pro_fall",
                fields=["fall"],
                condition=~Q(status=Pruefungsstatus.ENTSCHIEDEN),
            ),
        ]

    def __str__(self):
        return f"Prüfung der bedingten Entlassung (fällig {self.faellig_am:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("vollzugsdaten:pruefung", args=[self.pk])


class Massnahme(models.Model):
    """A measure of the case (Art. 59–61, 63, 64 StGB) with its review and maximum dates."""

    fall = models.ForeignKey("vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="massnahmen")
    artikel = models.CharField("Massnahme", max_length=2, choices=Massnahmenartikel.choices)
    beginn = models.DateField("Beginn der Massnahme")
    beginn_herkunft = models.CharField(
        "Beginn nach", max_length=12, choices=Beginnherkunft.choices, default=Beginnherkunft.MANUELL
    )
    beginn_begruendung = models.CharField("Begründung des Beginns", max_length=300, blank=True)
    verlaengert_um_jahre = models.PositiveSmallIntegerField("Vom Gericht verlängert um (Jahre)", default=0)
    verlaengerungen = models.PositiveSmallIntegerField("Anzahl Verlängerungen", default=0)
    letzte_pruefung = models.DateField("Letzte Prüfung (Art. 62d / 64b lit. a)", null=True, blank=True)
    letzte_therapiepruefung = models.DateField("Letzte Prüfung Art. 64b Abs. 1 lit. b", null=True, blank=True)
    beendet_am = models.DateField("beendet am", null=True, blank=True)
    erfasst_durch = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Massnahme"
        verbose_name_plural = "Massnahmen"
        ordering = ["fall", "beginn", "pk"]
        constraints = [
            models.CheckConstraint(
                name="massnahme_artikel_gueltig", condition=Q(artikel__in=Massnahmenartikel.values)
            ),
            # A start set by hand has its reasons (BGE 145 IV 65, 146 IV 49).
            models.CheckConstraint(
                name="massnahme_beginn_herkunft_gueltig",
                condition=Q(beginn_herkunft__in=Beginnherkunft.values)
                & (~Q(beginn_herkunft=Beginnherkunft.MANUELL) | ~Q(beginn_begruendung="")),
            ),
        ]

    def __str__(self):
        return f"{self.get_artikel_display()} ab {self.beginn:%d.%m.%Y}"


class Massnahmenpruefung(models.Model):
    """One recorded review of a measure, with the facility's report (Art. 62d Abs. 1, 64b Abs. 1)."""

    massnahme = models.ForeignKey(Massnahme, on_delete=models.PROTECT, related_name="pruefungen")
    art = models.CharField(max_length=6, choices=Pruefungsart.choices)
    am = models.DateField("geprüft am")
    bericht = models.TextField("Bericht der Einrichtung")
    ergebnis = models.TextField("Ergebnis")
    durch = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Überprüfung der Massnahme"
        verbose_name_plural = "Überprüfungen der Massnahme"
        ordering = ["massnahme", "-am", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="massnahmenpruefung_art_gueltig", condition=Q(art__in=Pruefungsart.values)
            ),
        ]

    def __str__(self):
        return f"{self.get_art_display()} am {self.am:%d.%m.%Y}"


class Gerichtsantrag(models.Model):
    """An application to the court (§ 4 Abs. 1 JVG, R-4-1) with its documents and the court's answer."""

    massnahme = models.ForeignKey(Massnahme, on_delete=models.PROTECT, related_name="antraege")
    art = models.CharField(max_length=20, choices=Antragsart.choices)
    gericht = models.CharField("Gericht", max_length=150)
    antrag = models.TextField("Antrag und Begründung")
    akten = models.TextField("Beilagen (eine pro Zeile)")
    verlaengerung_jahre = models.PositiveSmallIntegerField(
        "Beantragte Verlängerung (Jahre)", null=True, blank=True
    )
    eingereicht_am = models.DateField("eingereicht am", null=True, blank=True)
    antwort_am = models.DateField("Entscheid des Gerichts am", null=True, blank=True)
    antwort = models.CharField("Entscheid", max_length=12, choices=Antwort.choices, blank=True)
    antwort_text = models.TextField("Entscheid (Zusammenfassung)", blank=True)
    bewilligte_jahre = models.PositiveSmallIntegerField("Verlängert um (Jahre)", null=True, blank=True)
    folge = models.CharField("Entschiedene Folge", max_length=12, choices=Entscheidfolge.choices, blank=True)
    neue_massnahme = models.ForeignKey(
        Massnahme,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Neue Massnahme",
    )
    erstellt_durch = models.ForeignKey(_USER, on_delete=models.PROTECT, related_name="+")
    erstellt_am = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Antrag ans Gericht (§ 4 JVG)"
        verbose_name_plural = "Anträge ans Gericht (§ 4 JVG)"
        ordering = ["massnahme", "-erstellt_am", "-pk"]
        constraints = [
            models.CheckConstraint(name="gerichtsantrag_art_gueltig", condition=Q(art__in=Antragsart.values)),
            models.CheckConstraint(
                name="gerichtsantrag_antwort_gueltig", condition=Q(antwort="") | Q(antwort__in=Antwort.values)
            ),
            # R-4-1: an answer is recorded with its date, and only for a filed application.
            models.CheckConstraint(
                name="gerichtsantrag_antwort_vollstaendig",
                condition=Q(antwort="", antwort_am__isnull=True)
                | Q(antwort__in=Antwort.values, antwort_am__isnull=False, eingereicht_am__isnull=False),
            ),
            models.CheckConstraint(
                name="gerichtsantrag_folge_gueltig",
                condition=Q(folge="") | Q(folge__in=Entscheidfolge.values),
            ),
            # Art. 62c, 63a, 65 StGB: a replacement names the new measure, nothing else does.
            models.CheckConstraint(
                name="gerichtsantrag_ersetzt_mit_neuer_massnahme",
                condition=Q(folge=Entscheidfolge.ERSETZT, neue_massnahme__isnull=False)
                | (~Q(folge=Entscheidfolge.ERSETZT) & Q(neue_massnahme__isnull=True)),
            ),
        ]

    def __str__(self):
        return f"{self.get_art_display()} an {self.gericht}"
