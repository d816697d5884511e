"""Thin models of Vollzugsöffnungen, § 16 forms, Bewährungshilfe and Begnadigung (RULEBOOK section 7).

The rules live in `domain/`; the models hold fields, named constraints and history. Decisions of the
authority are rows of the shared `verfuegungen.Verfuegung` (linked by `verfuegung`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from vollzugsgestaltung import recht

_BENUTZER = settings.AUTH_USER_MODEL


def _gueltig(name: str, feld: str, choices, leer: bool = False) -> models.CheckConstraint:
    bedingung = Q(**{f"{feld}__in": choices.values})
    if leer:
        bedingung |= Q(**{feld: ""})
    return models.CheckConstraint(name=name, condition=bedingung)


class Vollzugsoeffnung(models.Model):
    """A request of the facility for Ausgang, Urlaub or Externat, and the authority's decision."""

    Art = recht.Oeffnungsart
    Status = recht.Oeffnungsstatus

    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="vollzugsoeffnungen"
    )
    anstalt = models.ForeignKey("vollzug.Anstalt", on_delete=models.PROTECT, related_name="+")
    art = models.CharField("Art", max_length=30, choices=recht.Oeffnungsart.choices)
    grundlage = models.CharField("Vollzugsgrundlage", max_length=30, choices=recht.Vollzugsgrundlage.choices)
    gemeingefaehrlich_75a = models.BooleanField(
        "Person nach Art. 75a StGB (Gemeingefährlichkeit nicht auszuschliessen)", default=False
    )
    von = models.DateTimeField("von")
    bis = models.DateTimeField("bis (Rückkehr)")
    begruendung = models.TextField("Antrag der Einrichtung")
    beantragt_durch = models.ForeignKey(_BENUTZER, on_delete=models.PROTECT, related_name="+")
    beantragt_am = models.DateTimeField("beantragt am")
    status = models.CharField(max_length=25, choices=recht.Oeffnungsstatus.choices, default="beantragt")

    # Art. 75a Abs. 1 StGB: the assessment of the Konkordat's Fachkommission (R-STGB-75A-1).
    fachkommission_am = models.DateField("Beurteilung der Fachkommission vom", null=True, blank=True)
    fachkommission_ergebnis = models.CharField(
        "Ergebnis der Fachkommission",
        max_length=20,
        choices=recht.Fachkommissionsergebnis.choices,
        blank=True,
    )
    fachkommission_text = models.TextField("Beurteilung (Zusammenfassung)", blank=True)

    entschieden_am = models.DateTimeField(null=True, blank=True)
    entschieden_durch = models.ForeignKey(
        _BENUTZER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entscheid_begruendung = models.TextField("Begründung des Entscheids", blank=True)
    auflagen = models.TextField("Auflagen", blank=True)
    verfuegung = models.ForeignKey(
        "verfuegungen.Verfuegung", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # Issue 23: the Verfügung was lifted or set aside on appeal → the permission ended (when, why).
    bewilligung_beendet_am = models.DateTimeField("Bewilligung beendet am", null=True, blank=True)
    bewilligung_beendet_grund = models.TextField("Grund der Beendigung", blank=True)
    angetreten_am = models.DateTimeField(null=True, blank=True)
    zurueck_am = models.DateTimeField(null=True, blank=True)
    nichtrueckkehr_festgestellt_am = models.DateTimeField(null=True, blank=True)
    nichtrueckkehr_bemerkung = models.TextField(blank=True)

    # § 43 Abs. 3 JVG (R-43-3): appeal recorded → the Staatsanwaltschaft is given the opportunity to comment.
    beschwerde_am = models.DateField("Beschwerde eingegangen am", null=True, blank=True)
    sta_eingeladen_am = models.DateField(
        "Staatsanwaltschaft zur Stellungnahme eingeladen am", null=True, blank=True
    )
    sta_stellungnahme_am = models.DateField("Stellungnahme der Staatsanwaltschaft vom", null=True, blank=True)
    sta_stellungnahme = models.TextField("Stellungnahme / Anträge der Staatsanwaltschaft", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "Vollzugsöffnung"
        verbose_name_plural = "Vollzugsöffnungen"
        ordering = ["-von", "-pk"]
        constraints = [
            _gueltig("oeffnung_art_gueltig", "art", recht.Oeffnungsart),
            _gueltig("oeffnung_grundlage_gueltig", "grundlage", recht.Vollzugsgrundlage),
            _gueltig("oeffnung_status_gueltig", "status", recht.Oeffnungsstatus),
            _gueltig(
                "oeffnung_fk_ergebnis_gueltig", "fachkommission_ergebnis", recht.Fachkommissionsergebnis, True
            ),
            models.CheckConstraint(name="oeffnung_bis_nach_von", condition=Q(bis__gt=models.F("von"))),
            # R-STGB-75A-1: no decision for an Art. 75a person without the Fachkommission's assessment.
            models.CheckConstraint(
                name="oeffnung_75a_fachkommission_vor_entscheid",
                condition=Q(gemeingefaehrlich_75a=False)
                | Q(status="beantragt")
                | Q(fachkommission_am__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.get_art_display()} {self.von:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("vollzugsgestaltung:oeffnung_detail", args=[self.pk])


class BesondereVollzugsform(models.Model):
    """§ 16 JVG: a special form of execution of one sentence, examined and ordered by Vollzugsbefehl."""

    Form = recht.Vollzugsform16
    Status = recht.Formstatus

    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="vollzugsformen16"
    )
    sanktion = models.ForeignKey("vollzug.Sanktion", on_delete=models.PROTECT, related_name="+")
    form = models.CharField("Vollzugsform", max_length=30, choices=recht.Vollzugsform16.choices)
    strafdauer_tage = models.PositiveIntegerField(
        "Zu vollziehende Strafdauer (Tage)", help_text="Nach Anrechnung (Art. 51 StGB)."
    )
    gesuch_am = models.DateField("Gesuch vom")
    status = models.CharField(max_length=20, choices=recht.Formstatus.choices, default="abklaerung")
    abklaerung = models.TextField("Abklärung der Voraussetzungen", blank=True)
    einsatzbetrieb = models.CharField("Einsatzbetrieb / Durchführungsstelle", max_length=150, blank=True)
    beginn = models.DateField("Beginn", null=True, blank=True)
    frist_bis = models.DateField("Frist für die gemeinnützige Arbeit bis", null=True, blank=True)
    stunden_soll = models.PositiveIntegerField("Stunden gemeinnützige Arbeit", default=0)
    vollzugsbefehl_am = models.DateTimeField("Vollzugsbefehl erlassen am", null=True, blank=True)
    erfasst_durch = models.ForeignKey(_BENUTZER, on_delete=models.PROTECT, related_name="+")
    verfuegung = models.ForeignKey(
        "verfuegungen.Verfuegung", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    umwandlung_tage = models.PositiveIntegerField("Zurückgewandelte Tage", null=True, blank=True)
    umwandlung_begruendung = models.TextField(blank=True)
    # Issue 23: the conversion Verfügung (Art. 79a Abs. 6 StGB) was lifted or set aside on appeal.
    umwandlung_aufgehoben_am = models.DateTimeField("Umwandlung aufgehoben am", null=True, blank=True)
    umwandlung_aufgehoben_grund = models.TextField("Grund der Aufhebung der Umwandlung", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "Besondere Vollzugsform (§ 16)"
        verbose_name_plural = "Besondere Vollzugsformen (§ 16)"
        ordering = ["-gesuch_am", "-pk"]
        constraints = [
            _gueltig("vollzugsform16_form_gueltig", "form", recht.Vollzugsform16),
            _gueltig("vollzugsform16_status_gueltig", "status", recht.Formstatus),
            models.CheckConstraint(name="vollzugsform16_dauer_positiv", condition=Q(strafdauer_tage__gt=0)),
            # R-STGB-79A-1: four hours count as one day (Art. 79a Abs. 4 StGB).
            models.CheckConstraint(
                name="vollzugsform16_ga_stunden",
                condition=~Q(form="gemeinnuetzige_arbeit")
                | Q(stunden_soll=models.F("strafdauer_tage") * recht.GA_STUNDEN_PRO_TAG),
            ),
        ]

    def __str__(self):
        return f"{self.get_form_display()} ({self.strafdauer_tage} Tage)"

    def get_absolute_url(self):
        return reverse("vollzugsgestaltung:form_detail", args=[self.pk])


class Arbeitseinsatz(models.Model):
    """Art. 79a StGB: hours of gemeinnützige Arbeit as reported by the placement organisation."""

    vollzugsform = models.ForeignKey(
        BesondereVollzugsform, on_delete=models.PROTECT, related_name="einsaetze"
    )
    datum = models.DateField("Datum")
    stunden = models.PositiveSmallIntegerField("Stunden")
    gemeldet_von = models.CharField("Gemeldet von (Einsatzbetrieb)", max_length=150)
    erfasst_durch = models.ForeignKey(_BENUTZER, on_delete=models.PROTECT, related_name="+")
    erfasst_am = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Arbeitseinsatz"
        verbose_name_plural = "Arbeitseinsätze"
        ordering = ["datum", "pk"]
        constraints = [
            models.CheckConstraint(
                name="arbeitseinsatz_stunden_bereich",
                condition=Q(stunden__gt=0, stunden__lte=recht.GA_STUNDEN_PRO_EINTRAG_MAX),
            ),
        ]

    def __str__(self):
        return f"{self.datum:%d.%m.%Y}: {self.stunden} Stunden"


class Bewaehrungsakte(models.Model):
    """§ 2 Abs. 1 lit. e, § 19 JVG: the probation file after conditional release or a suspended sentence."""

    Anlass = recht.Bewaehrungsanlass

    person = models.ForeignKey("vollzug.Person", on_delete=models.PROTECT, related_name="bewaehrungsakten")
    fall = models.ForeignKey(
        "vollzug.Vollzugsfall",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bewaehrungsakten",
    )
    anlass = models.CharField("Anlass", max_length=30, choices=recht.Bewaehrungsanlass.choices)
    gericht = models.CharField("Zuständiges Gericht / Behörde (Art. 95 StGB)", max_length=150)
    referenz = models.CharField("Entscheid (Geschäftsnummer)", max_length=60)
    probezeit_von = models.DateField("Probezeit ab")
    probezeit_jahre = models.PositiveSmallIntegerField("Probezeit (Jahre)")
    probezeit_bis = models.DateField("Probezeit bis", editable=False)
    bewaehrungshilfe_angeordnet = models.BooleanField(
        "Bewährungshilfe angeordnet (Art. 93 StGB)", default=True
    )
    abgeschlossen_am = models.DateField(null=True, blank=True)
    eroeffnet_durch = models.ForeignKey(_BENUTZER, on_delete=models.PROTECT, related_name="+")
    eroeffnet_am = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Bewährungsakte"
        verbose_name_plural = "Bewährungsakten"
        ordering = ["-probezeit_von", "-pk"]
        constraints = [
            _gueltig("bewaehrungsakte_anlass_gueltig", "anlass", recht.Bewaehrungsanlass),
            # R-19-1 with Art. 87 Abs. 1 / Art. 44 Abs. 1 StGB: one to five years.
            models.CheckConstraint(
                name="bewaehrungsakte_probezeit_1_bis_5",
                condition=Q(
                    probezeit_jahre__gte=recht.PROBEZEIT_MIN_JAHRE,
                    probezeit_jahre__lte=recht.PROBEZEIT_MAX_JAHRE,
                ),
            ),
        ]

    def __str__(self):
        return f"Bewährungsakte {self.person} ({self.probezeit_von:%d.%m.%Y}–{self.probezeit_bis:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("vollzugsgestaltung:akte_detail", args=[self.pk])


class Weisung(models.Model):
    """Art. 94 StGB: an instruction of the court or authority, with its next control date (R-19-1)."""

    akte = models.ForeignKey(Bewaehrungsakte, on_delete=models.PROTECT, related_name="weisungen")
    text = models.CharField("Weisung", max_length=300)
    naechste_kontrolle = models.DateField("Nächste Kontrolle")
    aufgehoben_am = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Weisung"
        verbose_name_plural = "Weisungen"
        ordering = ["naechste_kontrolle", "pk"]
        indexes = [models.Index(fields=["naechste_kontrolle"], name="weisung_kontrolle_idx")]

    def __str__(self):
        return self.text


class Bewaehrungseintrag(models.Model):
    """A contact, a report or a control of a Weisung in the probation file."""

    akte = models.ForeignKey(Bewaehrungsakte, on_delete=models.PROTECT, related_name="eintraege")
    art = models.CharField("Art", max_length=20, choices=recht.Eintragsart.choices)
    weisung = models.ForeignKey(
        Weisung, null=True, blank=True, on_delete=models.PROTECT, related_name="kontrollen"
    )
    eingehalten = models.BooleanField("Weisung eingehalten", null=True, blank=True)
    datum = models.DateField("Datum")
    text = models.TextField("Inhalt")
    erfasst_durch = models.ForeignKey(_BENUTZER, on_delete=models.PROTECT, related_name="+")
    erfasst_am = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Eintrag der Bewährungshilfe"
        verbose_name_plural = "Einträge der Bewährungshilfe"
        ordering = ["-datum", "-pk"]
        constraints = [
            _gueltig("bewaehrungseintrag_art_gueltig", "art", recht.Eintragsart),
            # A control names its Weisung and its result; a contact or report names neither.
            models.CheckConstraint(
                name="bewaehrungseintrag_kontrolle_vollstaendig",
                condition=(Q(art="kontrolle") & Q(weisung__isnull=False, eingehalten__isnull=False))
                | (~Q(art="kontrolle") & Q(weisung__isnull=True, eingehalten__isnull=True)),
            ),
        ]

    def __str__(self):
        return f"{self.get_art_display()} vom {self.datum:%d.%m.%Y}"


class Gerichtsmeldung(models.Model):
    """Art. 95 Abs. 3 StGB: non-compliance with a Weisung reported to the court (R-19-1)."""

    akte = models.ForeignKey(Bewaehrungsakte, on_delete=models.PROTECT, related_name="gerichtsmeldungen")
    kontrolle = models.OneToOneField(
        Bewaehrungseintrag, null=True, blank=True, on_delete=models.PROTECT, related_name="gerichtsmeldung"
    )
    gericht = models.CharField("Gericht", max_length=150)
    bericht = models.TextField("Bericht an das Gericht")
    gesendet_am = models.DateField("gesendet am", null=True, blank=True)
    antwort_am = models.DateField("Antwort des Gerichts vom", null=True, blank=True)
    antwort = models.TextField("Entscheid / Antwort des Gerichts", blank=True)
    erfasst_durch = models.ForeignKey(_BENUTZER, on_delete=models.PROTECT, related_name="+")
    erfasst_am = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Meldung an das Gericht (Art. 95 StGB)"
        verbose_name_plural = "Meldungen an das Gericht (Art. 95 StGB)"
        ordering = ["-erfasst_am", "-pk"]

    def __str__(self):
        return f"Meldung an {self.gericht}"


class Begnadigungsgesuch(models.Model):
    """§ 51 JVG: a pardon request, forwarded to the Kantonsrat, which decides finally (R-51-1)."""

    Status = recht.Gnadenstatus

    person = models.ForeignKey("vollzug.Person", on_delete=models.PROTECT, related_name="begnadigungsgesuche")
    fall = models.ForeignKey(
        "vollzug.Vollzugsfall",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="begnadigungsgesuche",
    )
    eingereicht_am = models.DateField("Eingereicht am")
    gesuchsteller = models.CharField("Gesuchsteller/in", max_length=150)
    begehren = models.TextField("Begehren und Begründung")
    status = models.CharField(max_length=20, choices=recht.Gnadenstatus.choices, default="eingereicht")
    erfasst_durch = models.ForeignKey(_BENUTZER, on_delete=models.PROTECT, related_name="+")
    erfasst_am = models.DateTimeField()
    weitergeleitet_am = models.DateField("An den Kantonsrat weitergeleitet am", null=True, blank=True)
    bericht = models.TextField("Bericht der Vollzugsbehörde an den Kantonsrat", blank=True)
    # Whether execution is suspended until the Kantonsrat decides, as decided by the authority (Art. 382 ff. StGB).
    vollzug_ausgesetzt = models.BooleanField("Vollzug bis zum Entscheid ausgesetzt", default=False)
    aussetzung_begruendung = models.TextField("Begründung (Aussetzung des Vollzugs)", blank=True)
    # § 51 JVG: the suspension's effect on the case's execution — not served from `ausgesetzt_ab` (the
    # forwarding) up to `ausgesetzt_bis` (the Kantonsrat's decision), like a § 14 interruption.
    ausgesetzt_ab = models.DateField("Vollzug ausgesetzt ab", null=True, blank=True)
    ausgesetzt_bis = models.DateField("Vollzug fortgesetzt ab", null=True, blank=True)
    entscheid = models.CharField(
        "Entscheid des Kantonsrats", max_length=20, choices=recht.Gnadenentscheid.choices, blank=True
    )
    entscheid_am = models.DateField("Entscheid vom", null=True, blank=True)
    entscheid_text = models.TextField("Inhalt des Entscheids", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Begnadigungsgesuch"
        verbose_name_plural = "Begnadigungsgesuche"
        ordering = ["-eingereicht_am", "-pk"]
        constraints = [
            _gueltig("begnadigung_status_gueltig", "status", recht.Gnadenstatus),
            _gueltig("begnadigung_entscheid_gueltig", "entscheid", recht.Gnadenentscheid, True),
            # R-51-1: decided only after forwarding, and a decision has its date and content.
            models.CheckConstraint(
                name="begnadigung_aussetzung_zeitraum",
                condition=Q(ausgesetzt_bis__isnull=True)
                | Q(ausgesetzt_ab__isnull=False, ausgesetzt_bis__gte=F("ausgesetzt_ab")),
            ),
            models.CheckConstraint(
                name="begnadigung_entscheid_vollstaendig",
                condition=~Q(status="entschieden")
                | (Q(weitergeleitet_am__isnull=False, entscheid_am__isnull=False) & ~Q(entscheid="")),
            ),
        ]

    def __str__(self):
        return f"Begnadigungsgesuch vom {self.eingereicht_am:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("vollzugsgestaltung:gnade_detail", args=[self.pk])
