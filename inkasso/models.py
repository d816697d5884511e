"""Inkasso (§ 2 Abs. 1 lit. d JVG): claims from judgments, payment decisions, instalments, payments,
bank imports, reminders, debt enforcement, conversion and gemeinnützige Arbeit.

Thin models: fields, named constraints for what must never be stored, `__str__`. Every write goes
through `inkasso.domain`.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

NULL = Decimal("0.00")


class Forderungsart(models.TextChoices):
    GELDSTRAFE = "geldstrafe", "Geldstrafe (Art. 34 StGB)"
    BUSSE = "busse", "Busse (Art. 106 StGB)"
    ERSATZFORDERUNG = "ersatzforderung", "Ersatzforderung (Art. 71 StGB)"
    VERFAHRENSKOSTEN = "verfahrenskosten", "Verfahrenskosten"


# Only these two can be converted into an Ersatzfreiheitsstrafe (Art. 36, Art. 106 Abs. 5 StGB).
UMWANDELBAR = frozenset({Forderungsart.GELDSTRAFE, Forderungsart.BUSSE})


class Forderungsstatus(models.TextChoices):
    OFFEN = "offen", "Offen"
    RATEN = "raten", "In Raten"
    BETREIBUNG = "betreibung", "In Betreibung"
    GEMEINNUETZIG = "gemeinnuetzig", "Gemeinnützige Arbeit"
    UMGEWANDELT = "umgewandelt", "Umgewandelt in Ersatzfreiheitsstrafe"
    BEZAHLT = "bezahlt", "Bezahlt"
    ABGESCHRIEBEN = "abgeschrieben", "Abgeschrieben"


ERLEDIGT = frozenset({Forderungsstatus.BEZAHLT, Forderungsstatus.ABGESCHRIEBEN})


class Forderung(models.Model):
    """One claim from a judgment (R-2D-1). `betrag` is the claim; `bezahlt` the sum of its payments
    (kept in the same transaction as each payment, under the row lock); `erlassen` what gemeinnützige
    Arbeit settled (Art. 79a)."""

    nummer = models.CharField("Nummer", max_length=20, unique=True, editable=False)
    person = models.ForeignKey("vollzug.Person", on_delete=models.PROTECT, related_name="forderungen")
    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, null=True, blank=True, related_name="forderungen"
    )
    art = models.CharField("Art", max_length=20, choices=Forderungsart.choices)
    behoerde = models.CharField("Urteilende Behörde", max_length=200)
    referenz = models.CharField("Referenz des Entscheids", max_length=100)
    entscheid_datum = models.DateField("Entscheiddatum")
    rechtskraft_am = models.DateField("rechtskräftig seit")
    tagessaetze = models.PositiveSmallIntegerField("Anzahl Tagessätze", null=True, blank=True)
    tagessatz = models.DecimalField("Tagessatz (CHF)", max_digits=8, decimal_places=2, null=True, blank=True)
    efs_tage = models.PositiveSmallIntegerField(
        "Ersatzfreiheitsstrafe laut Urteil (Tage)", null=True, blank=True
    )
    betrag = models.DecimalField("Forderung (CHF)", max_digits=12, decimal_places=2)
    bezahlt = models.DecimalField("bezahlt (CHF)", max_digits=12, decimal_places=2, default=NULL)
    erlassen = models.DecimalField(
        "durch Arbeit getilgt (CHF)", max_digits=12, decimal_places=2, default=NULL
    )
    zahlungsfrist = models.DateField("zahlbar bis")
    status = models.CharField(max_length=20, choices=Forderungsstatus.choices, default=Forderungsstatus.OFFEN)
    qr_referenz = models.CharField("QR-Referenz", max_length=27, unique=True, editable=False)
    mahnstufe = models.PositiveSmallIntegerField("Mahnstufe", default=0)
    letzte_mahnung_am = models.DateField("letzte Mahnung", null=True, blank=True)
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    erfasst_am = models.DateTimeField("erfasst am")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Forderung"
        verbose_name_plural = "Forderungen"
        ordering = ["-pk"]
        indexes = [models.Index(fields=["status", "zahlungsfrist"], name="inkasso_ford_status_frist")]
        constraints = [
            models.CheckConstraint(
                name="inkasso_forderung_art_gueltig", condition=Q(art__in=Forderungsart.values)
            ),
            models.CheckConstraint(
                name="inkasso_forderung_status_gueltig", condition=Q(status__in=Forderungsstatus.values)
            ),
            models.CheckConstraint(name="inkasso_forderung_betrag_positiv", condition=Q(betrag__gt=0)),
            models.CheckConstraint(
                name="inkasso_forderung_bezahlt_nicht_negativ",
                condition=Q(bezahlt__gte=0) & Q(erlassen__gte=0),
            ),
            # R-2D-1 (Art. 34 StGB): a Geldstrafe is Tagessätze × Tagessatz.
            models.CheckConstraint(
                name="inkasso_geldstrafe_tagessaetze",
                condition=~Q(art="geldstrafe")
                | Q(
                    tagessaetze__isnull=False,
                    tagessatz__isnull=False,
                    betrag=F("tagessaetze") * F("tagessatz"),
                ),
            ),
            # R-2D-1 (Art. 106 Abs. 2 StGB): a Busse carries the judgment's Ersatzfreiheitsstrafe.
            models.CheckConstraint(
                name="inkasso_busse_efs",
                condition=~Q(art="busse") | Q(efs_tage__isnull=False, efs_tage__gte=1),
            ),
            models.UniqueConstraint(
                fields=["behoerde", "referenz", "art", "person"], name="inkasso_forderung_entscheid_eindeutig"
            ),
        ]

    def __str__(self):
        return f"{self.nummer} {self.get_art_display()}"

    @property
    def saldo(self) -> Decimal:
        """Still owed; negative = overpaid (to be refunded)."""
        return self.betrag - self.bezahlt - self.erlassen


class Entscheidart(models.TextChoices):
    ZAHLUNGSFRIST = "zahlungsfrist", "Zahlungsfrist (Art. 35 Abs. 1 StGB)"
    RATEN = "raten", "Ratenzahlung (Art. 35 Abs. 1 StGB)"
    ERSTRECKUNG = "erstreckung", "Fristerstreckung (Art. 35 Abs. 1 StGB)"
    SOFORT = "sofort", "Sofortige Bezahlung (Art. 35 Abs. 2 StGB)"
    SICHERHEIT = "sicherheit", "Sicherheitsleistung (Art. 35 Abs. 2 StGB)"
    ABSCHREIBUNG = "abschreibung", "Uneinbringlich / Abschreibung"


class Zahlungsentscheid(models.Model):
    """A recorded decision on the payment terms (R-STGB-35-1): who decided what, when, and why."""

    forderung = models.ForeignKey(Forderung, on_delete=models.PROTECT, related_name="entscheide")
    art = models.CharField(max_length=20, choices=Entscheidart.choices)
    frist_bis = models.DateField("neue Frist", null=True, blank=True)
    anzahl_raten = models.PositiveSmallIntegerField(null=True, blank=True)
    sicherheit = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    auf_gesuch = models.BooleanField("auf Gesuch der Person", default=False)
    begruendung = models.TextField("Begründung")
    entschieden_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entschieden_am = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                name="inkasso_entscheid_art_gueltig", condition=Q(art__in=Entscheidart.values)
            )
        ]

    def __str__(self):
        return self.get_art_display()


class Rate(models.Model):
    """One instalment of a plan: its own due date and its own QR-bill (issue 22 item 3)."""

    forderung = models.ForeignKey(Forderung, on_delete=models.PROTECT, related_name="raten")
    entscheid = models.ForeignKey(Zahlungsentscheid, on_delete=models.PROTECT, related_name="raten")
    nummer = models.PositiveSmallIntegerField()
    faellig_am = models.DateField("fällig am")
    betrag = models.DecimalField(max_digits=12, decimal_places=2)
    bezahlt = models.DecimalField(max_digits=12, decimal_places=2, default=NULL)
    aktiv = models.BooleanField(default=True)  # False: replaced by a later plan
    qr_referenz = models.CharField(max_length=27, unique=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["forderung", "nummer"]
        constraints = [
            models.CheckConstraint(name="inkasso_rate_betrag_positiv", condition=Q(betrag__gt=0)),
            models.UniqueConstraint(fields=["entscheid", "nummer"], name="inkasso_rate_nummer_eindeutig"),
        ]

    def __str__(self):
        return f"Rate {self.nummer}"


class Zahlungsimport(models.Model):
    """One imported camt.054 file (R-2D-CAMT-1); the same file (SHA-256) is never imported twice."""

    dateiname = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64, unique=True)
    nachricht_id = models.CharField("Meldungs-ID", max_length=35, blank=True)
    anzahl = models.PositiveIntegerField(default=0)
    gebucht = models.PositiveIntegerField(default=0)
    zur_klaerung = models.PositiveIntegerField(default=0)
    doppelt = models.PositiveIntegerField(default=0)
    summe = models.DecimalField(max_digits=14, decimal_places=2, default=NULL)
    importiert_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    importiert_am = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]

    def __str__(self):
        return self.dateiname


class Zahlungsquelle(models.TextChoices):
    CAMT = "camt054", "Bankdatei (camt.054)"
    MANUELL = "manuell", "Manuelle Buchung"
    KLAERUNG = "klaerung", "Aus der Klärungsliste zugeordnet"


class Zahlung(models.Model):
    """One booked payment. `schluessel` identifies the bank's entry, so it is booked once (R-2D-CAMT-1)."""

    forderung = models.ForeignKey(Forderung, on_delete=models.PROTECT, related_name="zahlungen")
    rate = models.ForeignKey(Rate, on_delete=models.PROTECT, null=True, blank=True, related_name="zahlungen")
    betrag = models.DecimalField(max_digits=12, decimal_places=2)
    valuta = models.DateField("Valuta")
    quelle = models.CharField(max_length=10, choices=Zahlungsquelle.choices)
    referenz = models.CharField(max_length=35, blank=True)
    schluessel = models.CharField(max_length=120, unique=True, null=True, blank=True)
    zahlungsimport = models.ForeignKey(
        Zahlungsimport, on_delete=models.PROTECT, null=True, blank=True, related_name="zahlungen"
    )
    quittung = models.CharField("Quittungsnummer", max_length=20, blank=True)
    bemerkung = models.CharField(max_length=200, blank=True)
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    erfasst_am = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valuta", "-pk"]
        constraints = [
            models.CheckConstraint(name="inkasso_zahlung_betrag_positiv", condition=Q(betrag__gt=0)),
            models.CheckConstraint(
                name="inkasso_zahlung_quelle_gueltig", condition=Q(quelle__in=Zahlungsquelle.values)
            ),
        ]

    def __str__(self):
        return f"{self.valuta:%d.%m.%Y} CHF {self.betrag}"


class Klaerungsposten(models.Model):
    """An imported entry that matched no open claim (unknown or missing reference, debit, settled claim)."""

    zahlungsimport = models.ForeignKey(
        Zahlungsimport, on_delete=models.PROTECT, related_name="klaerungsposten"
    )
    schluessel = models.CharField(max_length=120, unique=True)
    referenz = models.CharField(max_length=35, blank=True)
    betrag = models.DecimalField(max_digits=12, decimal_places=2)
    valuta = models.DateField()
    grund = models.CharField(max_length=200)
    zeile = models.PositiveIntegerField("Zeile in der Datei")
    erledigt_am = models.DateTimeField(null=True, blank=True)
    zahlung = models.OneToOneField(Zahlung, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"Klärung {self.referenz or '(ohne Referenz)'} CHF {self.betrag}"


class Mahnung(models.Model):
    """One reminder of the configured sequence (R-2D-MAHN-1); (claim, level) is unique: idempotent."""

    forderung = models.ForeignKey(Forderung, on_delete=models.PROTECT, related_name="mahnungen")
    stufe = models.PositiveSmallIntegerField()
    am = models.DateField()
    frist_bis = models.DateField()
    saldo = models.DecimalField(max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["forderung", "stufe"]
        constraints = [
            models.UniqueConstraint(fields=["forderung", "stufe"], name="inkasso_mahnung_stufe_eindeutig")
        ]

    def __str__(self):
        return f"{self.stufe}. Mahnung"


class Betreibung(models.Model):
    """The Betreibungsbegehren (Art. 35 Abs. 3 StGB, Art. 67 SchKG) as a record of the step."""

    forderung = models.OneToOneField(Forderung, on_delete=models.PROTECT, related_name="betreibung")
    betreibungsamt = models.CharField(max_length=200)
    # Art. 67 Abs. 1 Ziff. 2 SchKG: name and Wohnort of the debtor (the case file holds no address; the
    # desk enters the current one, e.g. from the Einwohnerkontrolle, when filing).
    schuldner_adresse = models.TextField("Adresse des Schuldners", max_length=300, default="")
    betrag = models.DecimalField(max_digits=12, decimal_places=2)
    # Art. 67 Abs. 1 Ziff. 3 SchKG: interest with rate and start date, or none (both empty).
    zins_prozent = models.DecimalField("Zins (%)", max_digits=4, decimal_places=2, null=True, blank=True)
    zins_ab = models.DateField("Zins seit", null=True, blank=True)
    gestellt_am = models.DateField()
    gestellt_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ergebnis = models.CharField("Ergebnis (Verlustschein, Zahlung …)", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="inkasso_betreibung_zins_vollstaendig",
                condition=Q(zins_prozent__isnull=True, zins_ab__isnull=True)
                | Q(zins_prozent__gt=0, zins_prozent__lte=5, zins_ab__isnull=False),
            )
        ]

    def __str__(self):
        return f"Betreibung {self.forderung.nummer}"


class Umwandlung(models.Model):
    """Conversion of the unpaid part into an Ersatzfreiheitsstrafe (R-STGB-36-1), decided by Verfügung;
    the execution case is opened through `vollzug.services.fall_erfassen` once the Verfügung is
    enforceable. `offen_betrag` is the unpaid amount converted; `tage` the days it gave."""

    forderung = models.OneToOneField(Forderung, on_delete=models.PROTECT, related_name="umwandlung")
    offen_betrag = models.DecimalField(max_digits=12, decimal_places=2)
    tage = models.PositiveIntegerField()
    verfuegung = models.OneToOneField(
        "verfuegungen.Verfuegung", on_delete=models.PROTECT, related_name="inkasso_umwandlung"
    )
    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sanktion = models.ForeignKey(
        "vollzug.Sanktion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The work-basket task "Vollzugsfall eröffnen" raised once the Verfügung is enforceable (one per
    # conversion: the job that raises it stays idempotent).
    aufgabe = models.OneToOneField(
        "jvg_case.Aufgabe", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    erfasst_am = models.DateTimeField()
    # Issue 23: the conversion Verfügung was lifted or set aside on appeal (when, why).
    aufgehoben_am = models.DateTimeField("Umwandlung aufgehoben am", null=True, blank=True)
    aufhebung_grund = models.TextField("Grund der Aufhebung", blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(name="inkasso_umwandlung_betrag_positiv", condition=Q(offen_betrag__gt=0))
        ]

    def __str__(self):
        return f"Umwandlung {self.forderung.nummer}: {self.tage} Tage"


class Arbeitsstatus(models.TextChoices):
    LAUFEND = "laufend", "Laufend"
    ERFUELLT = "erfuellt", "Erfüllt"
    WIDERRUFEN = "widerrufen", "Nicht geleistet – Forderung lebt wieder auf"


class GemeinnuetzigeArbeit(models.Model):
    """Art. 79a StGB: on request, the unpaid part is worked off; 4 hours = one Tagessatz / one day."""

    forderung = models.ForeignKey(Forderung, on_delete=models.PROTECT, related_name="arbeiten")
    tage = models.PositiveIntegerField()
    stunden_soll = models.PositiveIntegerField()
    wert_pro_tag = models.DecimalField(max_digits=12, decimal_places=2)
    einsatzbetrieb = models.CharField(max_length=200)
    frist_bis = models.DateField()
    status = models.CharField(max_length=12, choices=Arbeitsstatus.choices, default=Arbeitsstatus.LAUFEND)
    bewilligt_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    bewilligt_am = models.DateTimeField()
    # Art. 79a StGB: the revocation (work not done) is a Verfügung of the shared lifecycle; the claim
    # revives at its Eröffnung (inkasso.domain.widerruf).
    widerruf_verfuegung = models.OneToOneField(
        "verfuegungen.Verfuegung",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inkasso_arbeitswiderruf",
    )
    widerruf_begruendung = models.TextField("Begründung des Widerrufs", max_length=2000, blank=True)
    # Issue 23: the revocation's Verfügung was lifted or set aside on appeal → the work runs on (when, why).
    widerruf_aufgehoben_am = models.DateTimeField("Widerruf aufgehoben am", null=True, blank=True)
    widerruf_aufgehoben_grund = models.TextField("Grund der Aufhebung des Widerrufs", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(name="inkasso_arbeit_stunden", condition=Q(stunden_soll=F("tage") * 4)),
            models.CheckConstraint(
                name="inkasso_arbeit_status_gueltig", condition=Q(status__in=Arbeitsstatus.values)
            ),
        ]

    def __str__(self):
        return f"Gemeinnützige Arbeit {self.stunden_soll} Std."


class Arbeitseinsatz(models.Model):
    arbeit = models.ForeignKey(GemeinnuetzigeArbeit, on_delete=models.PROTECT, related_name="einsaetze")
    datum = models.DateField()
    stunden = models.DecimalField(max_digits=5, decimal_places=2)
    bemerkung = models.CharField(max_length=200, blank=True)
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["datum", "pk"]
        constraints = [
            models.CheckConstraint(
                name="inkasso_einsatz_stunden", condition=Q(stunden__gt=0) & Q(stunden__lte=24)
            )
        ]

    def __str__(self):
        return f"{self.datum:%d.%m.%Y}: {self.stunden} Std."
