"""Datenschutz (§§ 22, 23 JVG): expert mandates, consents to lift secrecy, contacts with third parties
and reports to the Staatsanwaltschaft.

Thin models: fields, constraints for what must never be stored, `__str__`. The rules (who, when, which
justification) live in `domain/fachpersonen.py` and `domain/schweigepflicht.py`; nothing else writes these tables.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from datenschutz.recht import Deliktsschwere, Empfaengerart, Fachrichtung, Kontaktzweck, Mandatsart


class Fachpersonmandat(models.Model):
    """§ 22: an expert entrusted with an assessment or a treatment of one person.

    The access itself is the linked `vollzug.Zuteilung` (role medizin sees exactly the persons of its
    current assignments, `vollzug.queries.personen_fuer_user`); this row records the mandate behind it:
    what for, on whose order, and when it was ended early.
    """

    zuteilung = models.OneToOneField(
        "vollzug.Zuteilung", on_delete=models.PROTECT, related_name="mandat", verbose_name="Zuteilung"
    )
    person = models.ForeignKey(
        "vollzug.Person", on_delete=models.PROTECT, related_name="fachpersonmandate", verbose_name="Person"
    )
    fachperson = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="Fachperson"
    )
    art = models.CharField("Auftrag", max_length=20, choices=Mandatsart.choices)
    fachrichtung = models.CharField("Fachrichtung", max_length=20, choices=Fachrichtung.choices)
    referenz = models.CharField("Referenz des Auftrags", max_length=80)
    auftrag = models.TextField(
        "Auftrag / Fragestellung", help_text="Wofür die Aktenkenntnis erforderlich ist (§ 22 JVG)."
    )
    vorgesehen_ab = models.DateField("Zugriff ab")
    vorgesehen_bis = models.DateField("Zugriff bis", null=True, blank=True)
    erteilt_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="erteilt durch"
    )
    erteilt_am = models.DateTimeField("erteilt am")
    beendet_am = models.DateField("vorzeitig beendet am", null=True, blank=True)
    beendigung_grund = models.TextField("Grund der Beendigung", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Mandat einer Fachperson (§ 22)"
        verbose_name_plural = "Mandate von Fachpersonen (§ 22)"
        ordering = ["-vorgesehen_ab", "-pk"]
        constraints = [
            models.CheckConstraint(name="mandat_art_gueltig", condition=Q(art__in=Mandatsart.values)),
            models.CheckConstraint(
                name="mandat_fachrichtung_gueltig", condition=Q(fachrichtung__in=Fachrichtung.values)
            ),
            # R-22-1: an assessment is always time-limited.
            models.CheckConstraint(
                name="mandat_begutachtung_befristet",
                condition=~Q(art=Mandatsart.BEGUTACHTUNG) | Q(vorgesehen_bis__isnull=False),
            ),
            models.CheckConstraint(
                name="mandat_bis_nach_ab",
                condition=Q(vorgesehen_bis__isnull=True) | Q(vorgesehen_bis__gte=F("vorgesehen_ab")),
            ),
            models.CheckConstraint(
                name="mandat_beendigung_begruendet",
                condition=Q(beendet_am__isnull=True, beendigung_grund="")
                | (Q(beendet_am__isnull=False) & ~Q(beendigung_grund="")),
            ),
        ]

    def __str__(self):
        return f"{self.get_art_display()} {self.referenz}"


def _entbindung_pfad(instance, filename):
    return f"datenschutz/entbindungen/{instance.person_id}/{filename}"


class Schweigepflichtentbindung(models.Model):
    """§ 23 Abs. 1 (R-23-1): the person releases the staff from secrecy towards one recipient, for a scope."""

    person = models.ForeignKey(
        "vollzug.Person", on_delete=models.PROTECT, related_name="entbindungen", verbose_name="Person"
    )
    empfaenger = models.CharField("Empfänger/in", max_length=150)
    empfaenger_art = models.CharField(
        "Art der Empfängerin / des Empfängers", max_length=30, choices=Empfaengerart.choices
    )
    umfang = models.TextField("Umfang", help_text="Welche Informationen ausgetauscht werden dürfen.")
    erteilt_am = models.DateField("erteilt am")
    gueltig_bis = models.DateField("gültig bis", null=True, blank=True)
    dokument = models.FileField("Unterzeichnete Entbindung", upload_to=_entbindung_pfad, blank=True)
    dokument_sha256 = models.CharField("SHA-256 des Dokuments", max_length=64, blank=True, editable=False)
    erfasst_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="erfasst durch"
    )
    erfasst_am = models.DateTimeField("erfasst am")
    widerrufen_am = models.DateField("widerrufen am", null=True, blank=True)
    widerruf_grund = models.TextField("Widerruf: Bemerkung", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Schweigepflichtentbindung (§ 23 Abs. 1)"
        verbose_name_plural = "Schweigepflichtentbindungen (§ 23 Abs. 1)"
        ordering = ["-erteilt_am", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="entbindung_empfaenger_art_gueltig", condition=Q(empfaenger_art__in=Empfaengerart.values)
            ),
            models.CheckConstraint(
                name="entbindung_bis_nach_erteilung",
                condition=Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=F("erteilt_am")),
            ),
            models.CheckConstraint(
                name="entbindung_widerruf_nach_erteilung",
                condition=Q(widerrufen_am__isnull=True) | Q(widerrufen_am__gte=F("erteilt_am")),
            ),
            models.CheckConstraint(
                name="entbindung_dokument_mit_hash",
                condition=Q(dokument="", dokument_sha256="") | (~Q(dokument="") & ~Q(dokument_sha256="")),
            ),
        ]

    def __str__(self):
        return f"Entbindung gegenüber {self.empfaenger} ({self.get_empfaenger_art_display()})"

    def gilt_am(self, tag) -> bool:
        """Valid on `tag`: given, not expired, not revoked (a revocation takes effect on its day)."""
        return (
            self.erteilt_am <= tag
            and (self.gueltig_bis is None or tag <= self.gueltig_bis)
            and (self.widerrufen_am is None or tag < self.widerrufen_am)
        )


class Drittkontakt(models.Model):
    """§ 23 (R-23-1): information exchanged with a third party, relying on a consent or, without one, on a
    recorded justification (§ 23 Abs. 2: resocialisation or relapse prevention)."""

    person = models.ForeignKey(
        "vollzug.Person", on_delete=models.PROTECT, related_name="drittkontakte", verbose_name="Person"
    )
    empfaenger = models.CharField("Empfänger/in", max_length=150)
    empfaenger_art = models.CharField(
        "Art der Empfängerin / des Empfängers", max_length=30, choices=Empfaengerart.choices
    )
    datum = models.DateField("Datum des Kontakts")
    inhalt = models.TextField("Inhalt (Zusammenfassung)")
    entbindung = models.ForeignKey(
        Schweigepflichtentbindung,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kontakte",
        verbose_name="Gestützt auf Schweigepflichtentbindung",
    )
    zweck = models.CharField(
        "Zweck ohne Entbindung (§ 23 Abs. 2)", max_length=30, choices=Kontaktzweck.choices, blank=True
    )
    rechtfertigung = models.TextField(
        "Begründung ohne Entbindung (§ 23 Abs. 2)",
        blank=True,
        help_text="Warum der Kontakt zur Resozialisierung oder Rückfallverhinderung wesentlich beiträgt.",
    )
    erfasst_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="erfasst durch"
    )
    erfasst_am = models.DateTimeField("erfasst am")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Kontakt mit Dritten (§ 23)"
        verbose_name_plural = "Kontakte mit Dritten (§ 23)"
        ordering = ["-datum", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="drittkontakt_empfaenger_art_gueltig",
                condition=Q(empfaenger_art__in=Empfaengerart.values),
            ),
            # R-23-1: either a consent, or (§ 23 Abs. 2) a purpose with its justification; never neither.
            models.CheckConstraint(
                name="drittkontakt_entbindung_oder_rechtfertigung",
                condition=Q(entbindung__isnull=False, zweck="", rechtfertigung="")
                | (Q(entbindung__isnull=True, zweck__in=Kontaktzweck.values) & ~Q(rechtfertigung="")),
            ),
        ]

    def __str__(self):
        return f"Kontakt mit {self.empfaenger} am {self.datum:%d.%m.%Y}"


class Strafanzeige(models.Model):
    """§ 23 Abs. 3 (R-23-3): a report to the Staatsanwaltschaft, with date and reference."""

    person = models.ForeignKey(
        "vollzug.Person", on_delete=models.PROTECT, related_name="strafanzeigen_23", verbose_name="Person"
    )
    datum = models.DateField("Datum der Anzeige")
    referenz = models.CharField("Referenz", max_length=80)
    staatsanwaltschaft = models.CharField("Staatsanwaltschaft", max_length=150)
    schwere = models.CharField("Vergehen oder Verbrechen", max_length=20, choices=Deliktsschwere.choices)
    tatbestand = models.CharField("Tatbestand (z. B. Art. 139 StGB)", max_length=150, blank=True)
    sachverhalt = models.TextField("Sachverhalt / konkrete Anhaltspunkte")
    disziplinarverfahren = models.ForeignKey(
        "disziplinar.Disziplinarverfahren",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anzeigen_23",
        verbose_name="Disziplinarverfahren",
    )
    erstattet_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="erstattet durch"
    )
    erfasst_am = models.DateTimeField("erfasst am")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Strafanzeige (§ 23 Abs. 3)"
        verbose_name_plural = "Strafanzeigen (§ 23 Abs. 3)"
        ordering = ["-datum", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="strafanzeige23_schwere_gueltig", condition=Q(schwere__in=Deliktsschwere.values)
            ),
            models.CheckConstraint(name="strafanzeige23_referenz", condition=~Q(referenz="")),
        ]

    def __str__(self):
        return f"Strafanzeige {self.referenz} vom {self.datum:%d.%m.%Y}"
