"""Cost ledger of §§ 46–50 JVG: thin models; the rules live in `kosten/domain/` (writes,
accrual of the daily rates in `abgrenzung`, statements in `abrechnung`).

Money (R-KOST-1) is `Decimal` CHF to the Rappen: every money column is a `DecimalField` with two
decimal places (checked by a test over all models of this app); the only rounding to 0.05 CHF is the
final amount payable of a statement (`Abrechnung.zahlbetrag`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from kosten.recht import Beteiligungsgrundlage, Kanton, Kostenkategorie, Zahler, Zeilenart
from vollzug.recht import Vollzugsform

GELD = {"max_digits": 12, "decimal_places": 2}


def geldfeld(label: str, **kw) -> models.DecimalField:
    """The one money column of this app: CHF with two decimals (R-KOST-1)."""
    return models.DecimalField(label, **GELD, **kw)


class Sozialdienst(models.Model):
    """The competent body of the economic social assistance of a Lucerne municipality (§ 47 Abs. 2 lit. a,
    Sozialhilfegesetz SRL 892). Its staff read the items routed to it through the API (Sozialamt, § 21)."""

    name = models.CharField("Name", max_length=150, unique=True)
    gemeinde = models.CharField("Gemeinde", max_length=80, unique=True)
    adresse = models.TextField("Adresse", blank=True)
    aktiv = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Sozialdienst"
        verbose_name_plural = "Sozialdienste"
        ordering = ["gemeinde"]

    def __str__(self):
        return f"{self.name} ({self.gemeinde})"


class Sozialdienstzugang(models.Model):
    """A partner-agency user (rolle partnerbehoerde) acting for one Sozialdienst: sees only its persons."""

    benutzer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sozialdienstzugang"
    )
    sozialdienst = models.ForeignKey(Sozialdienst, on_delete=models.PROTECT, related_name="zugaenge")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Zugang Sozialdienst"
        verbose_name_plural = "Zugänge Sozialdienste"

    def __str__(self):
        return f"{self.benutzer} → {self.sozialdienst}"


class Kostgeld(models.Model):
    """Daily rate (§ 46 Abs. 2 lit. a) of one facility for one Vollzugsform, valid from `gueltig_ab`
    to `gueltig_bis` (inclusive; open = until further notice). Periods of one facility and form never
    overlap (`domain.kostgeld_erfassen`)."""

    anstalt = models.ForeignKey("vollzug.Anstalt", on_delete=models.PROTECT, related_name="kostgelder")
    vollzugsform = models.CharField("Vollzugsform", max_length=30, choices=Vollzugsform.choices)
    gueltig_ab = models.DateField("gültig ab")
    gueltig_bis = models.DateField("gültig bis (letzter Tag)", null=True, blank=True)
    betrag = geldfeld("Tagesansatz (CHF)")
    bemerkung = models.CharField("Bemerkung", max_length=200, blank=True)
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    erfasst_am = models.DateTimeField("erfasst am")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Kostgeld (Tagesansatz)"
        verbose_name_plural = "Kostgelder (Tagesansätze)"
        ordering = ["anstalt__name", "vollzugsform", "gueltig_ab"]
        constraints = [
            models.CheckConstraint(
                name="kostgeld_vollzugsform_gueltig", condition=Q(vollzugsform__in=Vollzugsform.values)
            ),
            models.CheckConstraint(name="kostgeld_betrag_positiv", condition=Q(betrag__gt=0)),
            models.CheckConstraint(
                name="kostgeld_bis_nach_ab",
                condition=Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=F("gueltig_ab")),
            ),
            models.UniqueConstraint(
                name="kostgeld_beginn_eindeutig", fields=["anstalt", "vollzugsform", "gueltig_ab"]
            ),
            # At most one open-ended rate per facility and form; the rest of the no-overlap rule is
            # checked under a lock of the facility row in `domain.kostgeld_erfassen`.
            models.UniqueConstraint(
                name="kostgeld_ein_offener",
                fields=["anstalt", "vollzugsform"],
                condition=Q(gueltig_bis__isnull=True),
            ),
        ]

    def __str__(self):
        bis = f"{self.gueltig_bis:%d.%m.%Y}" if self.gueltig_bis else "offen"
        return f"{self.anstalt} {self.get_vollzugsform_display()} {self.gueltig_ab:%d.%m.%Y}–{bis}: {self.betrag}"


class Unterstuetzungswohnsitz(models.Model):
    """The person's Unterstützungswohnsitz (ZUG) from `gueltig_ab` on (§ 47 Abs. 2, R-47-2). The row
    valid on an item's date routes a subsidiary item: in Lucerne → that municipality's Sozialdienst."""

    person = models.ForeignKey(
        "vollzug.Person", on_delete=models.PROTECT, related_name="unterstuetzungswohnsitze"
    )
    kanton = models.CharField("Kanton", max_length=2, choices=Kanton.choices)
    gemeinde = models.CharField("Gemeinde", max_length=80, blank=True)
    sozialdienst = models.ForeignKey(
        Sozialdienst,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="wohnsitze",
        help_text="Nur bei Unterstützungswohnsitz im Kanton Luzern: das zuständige Organ der Sozialhilfe.",
    )
    gueltig_ab = models.DateField("gültig ab")
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    erfasst_am = models.DateTimeField("erfasst am")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Unterstützungswohnsitz"
        verbose_name_plural = "Unterstützungswohnsitze"
        ordering = ["person", "-gueltig_ab"]
        constraints = [
            models.CheckConstraint(name="uwohnsitz_kanton_gueltig", condition=Q(kanton__in=Kanton.values)),
            # § 47 Abs. 2 lit. a: a Lucerne ZUG names the municipality's social-assistance body.
            models.CheckConstraint(
                name="uwohnsitz_luzern_mit_sozialdienst",
                condition=(Q(kanton=Kanton.LU) & Q(sozialdienst__isnull=False))
                | (~Q(kanton=Kanton.LU) & Q(sozialdienst__isnull=True)),
            ),
            models.UniqueConstraint(name="uwohnsitz_ab_eindeutig", fields=["person", "gueltig_ab"]),
        ]

    def __str__(self):
        ort = f"{self.gemeinde} " if self.gemeinde else ""
        return f"{ort}({self.kanton}) ab {self.gueltig_ab:%d.%m.%Y}"


def _beleg_pfad(instance, filename):
    return f"kosten/belege/{instance.fall.fallnummer}/{filename}"


class Kostenposition(models.Model):
    """One cost item (R-KOST-1): legal category, payer, source document and date. The payer of a
    subsidiary personal expense is routed by `domain.zahler_bestimmen` (R-47-2)."""

    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="kostenpositionen"
    )
    kategorie = models.CharField("Kategorie", max_length=4, choices=Kostenkategorie.choices)
    datum = models.DateField("Datum")
    bezeichnung = models.CharField("Bezeichnung", max_length=200)
    betrag = geldfeld("Betrag (CHF)")
    zahler = models.CharField("Zahler", max_length=12, choices=Zahler.choices)
    sozialdienst = models.ForeignKey(
        Sozialdienst, null=True, blank=True, on_delete=models.PROTECT, related_name="positionen"
    )
    dritter = models.CharField("Dritte (Name)", max_length=150, blank=True)
    subsidiaer = models.BooleanField("Von der Sozialhilfe subsidiär mitzutragen (§ 47 Abs. 2)", default=False)
    weiterverrechnung_grund = models.TextField("Grundlage der Weiterverrechnung (§§ 49, 50)", blank=True)
    beleg = models.FileField("Beleg", upload_to=_beleg_pfad, max_length=255)
    beleg_sha256 = models.CharField(max_length=64, editable=False)
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    erfasst_am = models.DateTimeField("erfasst am")
    # § 47 Abs. 2 lit. b: the canton bears what cannot be recovered (write-off with reason).
    uneinbringlich_am = models.DateField("als uneinbringlich abgeschrieben am", null=True, blank=True)
    uneinbringlich_grund = models.TextField("Grund der Abschreibung", blank=True)
    uneinbringlich_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Kostenposition"
        verbose_name_plural = "Kostenpositionen"
        ordering = ["-datum", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="kposition_kategorie_gueltig", condition=Q(kategorie__in=Kostenkategorie.values)
            ),
            models.CheckConstraint(name="kposition_zahler_gueltig", condition=Q(zahler__in=Zahler.values)),
            models.CheckConstraint(name="kposition_betrag_positiv", condition=Q(betrag__gt=0)),
            # R-KOST-1: every item has its source document.
            models.CheckConstraint(name="kposition_mit_beleg", condition=~Q(beleg="") & ~Q(beleg_sha256="")),
            # R-47-2: an item of the social assistance names the municipality's body, no other item does.
            models.CheckConstraint(
                name="kposition_sozialhilfe_mit_sozialdienst",
                condition=(Q(zahler=Zahler.SOZIALHILFE) & Q(sozialdienst__isnull=False))
                | (~Q(zahler=Zahler.SOZIALHILFE) & Q(sozialdienst__isnull=True)),
            ),
            models.CheckConstraint(
                name="kposition_dritte_mit_name", condition=~Q(zahler=Zahler.DRITTE) | ~Q(dritter="")
            ),
            models.CheckConstraint(
                name="kposition_abschreibung_vollstaendig",
                condition=Q(uneinbringlich_am__isnull=True, uneinbringlich_grund="")
                | (Q(uneinbringlich_am__isnull=False) & ~Q(uneinbringlich_grund="")),
            ),
        ]
        indexes = [
            models.Index(fields=["zahler", "datum"], name="kposition_zahler_datum_idx"),
            # Issue 19: the list's ordering, unfiltered and by payer (ids-first pages walk these).
            models.Index(fields=["-datum", "-id"], name="kposition_liste_idx"),
            models.Index(fields=["zahler", "-datum", "-id"], name="kposition_zahler_liste_idx"),
        ]

    def __str__(self):
        return f"{self.bezeichnung} ({self.datum:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("kosten:position_detail", args=[self.pk])


class Kostenbeteiligung(models.Model):
    """§ 48 (Art. 380 Abs. 2 StGB): the person's participation per day of placement in a period,
    decided by a Verfügung of type KOSTENBETEILIGUNG_48; for a juvenile also the parents' shares
    (Art. 45 JStPO, `Elternbeitrag`). Invoiced only once the decision is enforceable."""

    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="kostenbeteiligungen"
    )
    grundlage = models.CharField("Grundlage", max_length=20, choices=Beteiligungsgrundlage.choices)
    von = models.DateField("von")
    bis = models.DateField("bis (letzter Tag)")
    einkommen_monatlich = geldfeld("Einkommen/Arbeitsentgelt pro Monat (CHF)")
    abzuege_monatlich = geldfeld("Abzüge pro Monat (CHF)", default=0)
    abzuege_text = models.TextField("Abzüge (Art, z. B. Verpflegung, Fahrkosten, Krankenkasse)", blank=True)
    betrag_pro_tag = geldfeld("Beteiligung der Person pro Vollzugstag (CHF)")
    begruendung = models.TextField("Begründung (Angemessenheit)")
    verfuegung = models.OneToOneField(
        "verfuegungen.Verfuegung", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    erfasst_am = models.DateTimeField("erfasst am")
    # Issue 23: ended because its Verfügung was lifted or set aside on appeal (when and why): not invoiced.
    beendet_am = models.DateTimeField("beendet am", null=True, blank=True)
    beendet_grund = models.TextField("Grund des Endes", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Kostenbeteiligung (§ 48)"
        verbose_name_plural = "Kostenbeteiligungen (§ 48)"
        ordering = ["-von", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="kbeteiligung_grundlage_gueltig", condition=Q(grundlage__in=Beteiligungsgrundlage.values)
            ),
            models.CheckConstraint(name="kbeteiligung_zeitraum", condition=Q(bis__gte=F("von"))),
            models.CheckConstraint(
                name="kbeteiligung_betrag_nicht_negativ", condition=Q(betrag_pro_tag__gte=0)
            ),
            models.CheckConstraint(
                name="kbeteiligung_einkommen_nicht_negativ", condition=Q(einkommen_monatlich__gte=0)
            ),
            models.CheckConstraint(
                name="kbeteiligung_abzuege_nicht_negativ", condition=Q(abzuege_monatlich__gte=0)
            ),
        ]

    def __str__(self):
        return f"Kostenbeteiligung {self.fall.fallnummer} {self.von:%d.%m.%Y}–{self.bis:%d.%m.%Y}"

    @property
    def netto_monatlich(self):
        return self.einkommen_monatlich - self.abzuege_monatlich


class Elternbeitrag(models.Model):
    """Art. 45 JStPO (§ 48 Abs. 2): a parent of a juvenile, co-addressee of the decision and payer of
    their own daily share."""

    beteiligung = models.ForeignKey(Kostenbeteiligung, on_delete=models.PROTECT, related_name="eltern")
    name = models.CharField("Name, Vorname", max_length=150)
    adresse = models.TextField("Adresse")
    betrag_pro_tag = geldfeld("Beitrag pro Vollzugstag (CHF)")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Elternbeitrag (Art. 45 JStPO)"
        verbose_name_plural = "Elternbeiträge (Art. 45 JStPO)"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(name="elternbeitrag_positiv", condition=Q(betrag_pro_tag__gt=0)),
        ]

    def __str__(self):
        return self.name


def _pdf_pfad(instance, filename):
    return f"kosten/abrechnungen/{instance.nummer}/{filename}"


class Abrechnung(models.Model):
    """A statement or invoice to one payer for one period: frozen lines, the unrounded total and the
    amount payable rounded half-up to 0.05 CHF (R-KOST-1). Built by `domain.abrechnung_erstellen`."""

    nummer = models.CharField("Nummer", max_length=20, unique=True, editable=False)
    zahler = models.CharField("Zahler", max_length=12, choices=Zahler.choices)
    sozialdienst = models.ForeignKey(
        Sozialdienst, null=True, blank=True, on_delete=models.PROTECT, related_name="abrechnungen"
    )
    person = models.ForeignKey(
        "vollzug.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="abrechnungen"
    )
    dritter = models.CharField("Dritte / Eltern (Name)", max_length=150, blank=True)
    periode_von = models.DateField("Periode von")
    periode_bis = models.DateField("Periode bis")
    total = geldfeld("Total (ungerundet, CHF)")
    zahlbetrag = geldfeld("Zahlbetrag (auf 0.05 gerundet, CHF)")
    anzahl_zeilen = models.PositiveIntegerField("Zeilen", default=0)
    anzahl_faelle = models.PositiveIntegerField("Fälle", default=0)
    erstellt_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    erstellt_am = models.DateTimeField("erstellt am")
    pdf = models.FileField("PDF", upload_to=_pdf_pfad, blank=True, max_length=255)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Abrechnung"
        verbose_name_plural = "Abrechnungen"
        ordering = ["-erstellt_am", "-pk"]
        constraints = [
            models.CheckConstraint(name="abrechnung_zahler_gueltig", condition=Q(zahler__in=Zahler.values)),
            models.CheckConstraint(name="abrechnung_periode", condition=Q(periode_bis__gte=F("periode_von"))),
            models.CheckConstraint(
                name="abrechnung_sozialhilfe_mit_sozialdienst",
                condition=(Q(zahler=Zahler.SOZIALHILFE) & Q(sozialdienst__isnull=False))
                | (~Q(zahler=Zahler.SOZIALHILFE) & Q(sozialdienst__isnull=True)),
            ),
            models.CheckConstraint(
                name="abrechnung_person_mit_person",
                condition=~Q(zahler__in=[Zahler.PERSON, Zahler.ELTERN]) | Q(person__isnull=False),
            ),
            models.CheckConstraint(
                name="abrechnung_dritte_mit_name",
                condition=~Q(zahler__in=[Zahler.DRITTE, Zahler.ELTERN]) | ~Q(dritter=""),
            ),
        ]

    def __str__(self):
        return self.nummer

    def get_absolute_url(self):
        return reverse("kosten:abrechnung_detail", args=[self.pk])

    @property
    def rundung(self):
        return self.zahlbetrag - self.total

    @property
    def empfaenger(self) -> str:
        if self.zahler == Zahler.SOZIALHILFE:
            return str(self.sozialdienst)
        if self.zahler == Zahler.PERSON:
            return f"{self.person.vorname} {self.person.amtlicher_name}"
        if self.zahler in (Zahler.DRITTE, Zahler.ELTERN):
            return self.dritter
        return self.get_zahler_display()


class Abrechnungszeile(models.Model):
    """One frozen line of a statement: accrued daily rates of one placement segment, one cost item, or
    the participation of one decision in the period."""

    abrechnung = models.ForeignKey(Abrechnung, on_delete=models.PROTECT, related_name="zeilen")
    fall = models.ForeignKey("vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="+")
    art = models.CharField("Art", max_length=12, choices=Zeilenart.choices)
    kategorie = models.CharField("Kategorie", max_length=4, choices=Kostenkategorie.choices, blank=True)
    text = models.CharField("Text", max_length=250)
    von = models.DateField("von")
    bis = models.DateField("bis")
    tage = models.PositiveIntegerField("Tage", null=True, blank=True)
    ansatz = geldfeld("Ansatz (CHF)", null=True, blank=True)
    betrag = geldfeld("Betrag (CHF)")
    position = models.ForeignKey(
        Kostenposition, null=True, blank=True, on_delete=models.PROTECT, related_name="abrechnungszeilen"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Abrechnungszeile"
        verbose_name_plural = "Abrechnungszeilen"
        ordering = ["abrechnung", "pk"]
        constraints = [
            models.CheckConstraint(name="azeile_art_gueltig", condition=Q(art__in=Zeilenart.values)),
            # An item is invoiced once (a second statement of the same period would double it).
            models.UniqueConstraint(
                name="azeile_position_einmal", fields=["position"], condition=Q(position__isnull=False)
            ),
        ]

    def __str__(self):
        return self.text
