"""One concrete model for every formal decision of every module (RULEBOOK section 0, "Verfügung").

Every decision is a row of `Verfuegung`, so one Rechtskraft job, one deadline source and one PDF path
serve all modules; a module links its own object as the generic `gegenstand`. The models are thin:
the lifecycle lives in `services.verfuegung_uebergang`, the legal consequences of each type in
`recht.RECHTSFOLGEN`.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from kern.rollen import ANSTALTSROLLEN, Rolle
from verfuegungen import recht
from verfuegungen.recht import (
    Anhoerungsart,
    Beschwerdeergebnis,
    EroeffnungArt,
    Genehmigungsaktion,
    Verfuegungsstatus,
    Verfuegungstyp,
)

S = Verfuegungsstatus
# States in which the decision has been notified (Eröffnung recorded).
EROEFFNETE_STATUS = (
    S.EROEFFNET,
    S.RECHTSKRAEFTIG,
    S.ANGEFOCHTEN,
    S.BESCHWERDEENTSCHEID,
    S.VOLLZOGEN,
    S.VERJAEHRT,
)


def _pdf_pfad(instance, filename):
    return f"verfuegungen/{instance.nummer}/{filename}"


def _empfang_pfad(instance, filename):
    return f"verfuegungen/{instance.nummer}/empfang/{filename}"


class Verfuegung(models.Model):
    """A formal written decision (Verfügung) of any module, from draft to Rechtskraft."""

    Status = Verfuegungsstatus
    Typ = Verfuegungstyp

    nummer = models.CharField("Nummer", max_length=20, unique=True, editable=False)
    typ = models.CharField("Art der Verfügung", max_length=30, choices=Verfuegungstyp.choices)
    sachbereich = models.CharField(
        "Sachbereich des angefochtenen Entscheids",
        max_length=30,
        choices=Verfuegungstyp.choices,
        blank=True,
        help_text="Nur bei Beschwerdeentscheiden des Departements: bestimmt die aufschiebende Wirkung (§ 44).",
    )
    abweisend = models.BooleanField(
        "Gesuch abgewiesen",
        default=False,
        help_text="Abweisung eines Gesuchs (z. B. § 14): belastend, rechtliches Gehör nötig (R-0-GEHOER-1).",
    )
    status = models.CharField(max_length=20, choices=Verfuegungsstatus.choices, default=S.ENTWURF)

    # The module object this decision is about (Disziplinarverfahren, Platzierung, …).
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    gegenstand = GenericForeignKey("content_type", "object_id")

    person = models.ForeignKey(
        "vollzug.Person", verbose_name="Adressat/in", on_delete=models.PROTECT, related_name="verfuegungen"
    )
    fall = models.ForeignKey(
        "vollzug.Vollzugsfall", null=True, blank=True, on_delete=models.PROTECT, related_name="verfuegungen"
    )
    anstalt = models.ForeignKey(
        "vollzug.Anstalt",
        verbose_name="Verfügende Einrichtung",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verfuegungen",
        help_text="Bei Entscheiden der Einrichtung (§ 31, § 41): genehmigt durch deren Leitung (R-0-4EYES-1).",
    )

    titel = models.CharField("Titel", max_length=200)
    rechtsgrundlage = models.CharField("Rechtsgrundlage", max_length=200)
    sachverhalt = models.TextField("Sachverhalt")
    begruendung = models.TextField("Begründung")
    dispositiv = models.TextField("Dispositiv", help_text="Eine Ziffer pro Zeile.")

    entworfen_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="entworfen durch"
    )
    entworfen_am = models.DateTimeField("entworfen am")
    genehmigt_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="genehmigt durch",
    )
    genehmigt_am = models.DateTimeField("genehmigt am", null=True, blank=True)
    # R-0-VFG-2: set by the system at approval, never entered by a user (no back-/post-dating).
    entscheid_datum = models.DateField("Entscheiddatum", null=True, blank=True, editable=False)

    muendlich_eroeffnet_am = models.DateTimeField("mündlich eröffnet am", null=True, blank=True)
    eroeffnet_am = models.DateTimeField("schriftlich eröffnet am", null=True, blank=True)
    eroeffnung_art = models.CharField(
        "Art der Eröffnung", max_length=50, choices=EroeffnungArt.choices, blank=True
    )
    empfangsbestaetigung = models.FileField(
        "Empfangsbestätigung", upload_to=_empfang_pfad, blank=True, max_length=255
    )
    rechtsmittelfrist_ende = models.DateField("Ende der Rechtsmittelfrist", null=True, blank=True)
    rechtsmittelfrist_methode = models.CharField("Zählweise der Frist", max_length=40, blank=True)
    rechtskraeftig_am = models.DateField("rechtskräftig seit", null=True, blank=True)

    # § 44 (R-0-VFG-4): default by type, granted by the appeal instance or withdrawn by the authority.
    aufschiebende_wirkung = models.BooleanField("Beschwerde hat aufschiebende Wirkung")
    aufschiebende_wirkung_erteilt_am = models.DateTimeField(
        "aufschiebende Wirkung erteilt am", null=True, blank=True
    )
    aufschiebende_wirkung_erteilt_durch_instanz = models.CharField(
        "aufschiebende Wirkung erteilt durch", max_length=200, blank=True
    )
    aufschiebende_wirkung_entzogen_am = models.DateTimeField(
        "aufschiebende Wirkung entzogen am", null=True, blank=True
    )
    aufschiebende_wirkung_entzug_begruendung = models.TextField(
        "Begründung des Entzugs der aufschiebenden Wirkung", blank=True
    )

    aufhebung_grund = models.TextField("Grund der Aufhebung/Ablehnung", blank=True)

    pdf = models.FileField("PDF", upload_to=_pdf_pfad, blank=True, max_length=255)
    pdf_sha256 = models.CharField("SHA-256 des PDF", max_length=64, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "Verfügung"
        verbose_name_plural = "Verfügungen"
        ordering = ["-entworfen_am", "-pk"]
        constraints = [
            models.CheckConstraint(name="verfuegung_typ_gueltig", condition=Q(typ__in=Verfuegungstyp.values)),
            models.CheckConstraint(
                name="verfuegung_status_gueltig", condition=Q(status__in=Verfuegungsstatus.values)
            ),
            models.CheckConstraint(
                name="verfuegung_eroeffnung_art_gueltig",
                condition=Q(eroeffnung_art="") | Q(eroeffnung_art__in=EroeffnungArt.values),
            ),
            models.CheckConstraint(
                name="verfuegung_gegenstand_vollstaendig",
                condition=Q(content_type__isnull=True, object_id__isnull=True)
                | Q(content_type__isnull=False, object_id__isnull=False),
            ),
            # R-0-4EYES-1: a facility decision names the facility whose management approves it.
            models.CheckConstraint(
                name="verfuegung_anstaltsentscheid_hat_anstalt",
                condition=~Q(typ__in=sorted(recht.ANSTALTSTYPEN)) | Q(anstalt__isnull=False),
            ),
            # R-0-4EYES-1: from approval on, approver and time are recorded.
            models.CheckConstraint(
                name="verfuegung_genehmigung_erfasst",
                condition=Q(status__in=[S.ENTWURF, S.ZUR_GENEHMIGUNG, S.AUFGEHOBEN])
                | Q(genehmigt_durch__isnull=False, genehmigt_am__isnull=False, entscheid_datum__isnull=False),
            ),
            # R-0-VFG-2: a notified decision has time, mode and its appeal deadline with the method.
            models.CheckConstraint(
                name="verfuegung_eroeffnung_erfasst",
                condition=~Q(status__in=EROEFFNETE_STATUS)
                | (
                    Q(eroeffnet_am__isnull=False, rechtsmittelfrist_ende__isnull=False)
                    & ~Q(eroeffnung_art="")
                    & ~Q(rechtsmittelfrist_methode="")
                ),
            ),
        ]
        indexes = [
            # The Rechtskraft job (R-0-VFG-3) selects eroeffnet rows by deadline, paging by pk.
            models.Index(
                fields=["rechtsmittelfrist_ende", "id"],
                name="verfuegung_rechtskraft_idx",
                condition=Q(status="eroeffnet"),
            ),
            models.Index(fields=["status", "typ"], name="verfuegung_status_typ_idx"),
            # Issue 19: the list's ordering, unfiltered and by status (ids-first pages walk these).
            models.Index(fields=["-entworfen_am", "-id"], name="verfuegung_liste_idx"),
            models.Index(fields=["status", "-entworfen_am", "-id"], name="verfuegung_status_liste_idx"),
        ]

    def __str__(self):
        return f"{self.nummer} {self.titel}"

    def get_absolute_url(self):
        return reverse("verfuegungen:detail", args=[self.pk])

    @property
    def rechtsfolge(self) -> recht.Rechtsfolge:
        return recht.rechtsfolge(self.typ)

    @property
    def ist_belastend(self) -> bool:
        return recht.ist_belastend(self.typ, self.abweisend)

    @property
    def rechtsmittelbelehrung(self) -> str:
        return recht.rechtsmittelbelehrung(self)

    @property
    def aufschiebende_wirkung_text(self) -> str:
        return recht.aufschiebende_wirkung_text(self)

    @property
    def kostenhinweis(self) -> str:
        return recht.kostenhinweis(self)

    @property
    def dispositiv_ziffern(self) -> list[str]:
        return [z.strip() for z in self.dispositiv.splitlines() if z.strip()]

    # Verbs delegate to the one lifecycle (STYLE §3).
    def uebergang(self, *, nach: str, durch, grund: str = "", **daten):
        from verfuegungen.domain import verfuegung_uebergang

        return verfuegung_uebergang(verfuegung=self, nach=nach, durch=durch, grund=grund, **daten)

    def genehmigen(self, *, durch, kommentar: str = ""):
        from verfuegungen.domain import genehmigen

        return genehmigen(verfuegung=self, durch=durch, kommentar=kommentar)

    def eroeffnen(self, *, art: str, durch, **kw):
        from verfuegungen.domain import eroeffnen

        return eroeffnen(verfuegung=self, art=art, durch=durch, **kw)


class Genehmigungsschritt(models.Model):
    """R-0-4EYES-1: who proposed, approved, returned or rejected, when, with which comment."""

    verfuegung = models.ForeignKey(Verfuegung, on_delete=models.PROTECT, related_name="genehmigungsschritte")
    aktion = models.CharField(max_length=20, choices=Genehmigungsaktion.choices)
    durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    am = models.DateTimeField()
    kommentar = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Genehmigungsschritt"
        verbose_name_plural = "Genehmigungsschritte"
        ordering = ["am", "pk"]
        constraints = [
            models.CheckConstraint(
                name="genehmigungsschritt_aktion_gueltig", condition=Q(aktion__in=Genehmigungsaktion.values)
            ),
            # A return or rejection must say why (R-0-4EYES-1: approvals record a comment).
            models.CheckConstraint(
                name="genehmigungsschritt_kommentar_bei_rueckweisung",
                condition=Q(aktion__in=[Genehmigungsaktion.VORGELEGT, Genehmigungsaktion.GENEHMIGT])
                | ~Q(kommentar=""),
            ),
        ]

    def __str__(self):
        return f"{self.verfuegung.nummer}: {self.get_aktion_display()}"


class Anhoerung(models.Model):
    """R-0-GEHOER-1 (Art. 29 Abs. 2 BV): statement, waiver, or Gefahr im Verzug with a later hearing."""

    verfuegung = models.ForeignKey(Verfuegung, on_delete=models.PROTECT, related_name="anhoerungen")
    art = models.CharField(max_length=20, choices=Anhoerungsart.choices)
    text = models.TextField("Stellungnahme / Vermerk", blank=True)
    am = models.DateTimeField("angehört am")
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    begruendung = models.TextField("Begründung der Gefahr im Verzug", blank=True)
    nachholen_bis = models.DateField("Anhörung nachzuholen bis", null=True, blank=True)
    nachgeholt_am = models.DateTimeField("Anhörung nachgeholt am", null=True, blank=True)
    nachgeholt_text = models.TextField("Nachträgliche Stellungnahme", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Anhörung"
        verbose_name_plural = "Anhörungen"
        ordering = ["am", "pk"]
        constraints = [
            models.CheckConstraint(name="anhoerung_art_gueltig", condition=Q(art__in=Anhoerungsart.values)),
            models.CheckConstraint(
                name="anhoerung_stellungnahme_hat_text",
                condition=~Q(art=Anhoerungsart.STELLUNGNAHME) | ~Q(text=""),
            ),
            models.CheckConstraint(
                name="anhoerung_gefahr_begruendet",
                condition=~Q(art=Anhoerungsart.GEFAHR_IM_VERZUG)
                | (~Q(begruendung="") & Q(nachholen_bis__isnull=False)),
            ),
            models.CheckConstraint(
                name="anhoerung_nachholen_nur_bei_gefahr",
                condition=Q(art=Anhoerungsart.GEFAHR_IM_VERZUG) | Q(nachgeholt_am__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.verfuegung.nummer}: {self.get_art_display()}"


class Beschwerde(models.Model):
    """The appeal against a decision (R-0-VFG-5): lodged at, instance, outcome, § 45 costs."""

    verfuegung = models.OneToOneField(Verfuegung, on_delete=models.PROTECT, related_name="beschwerde")
    eingegangen_am = models.DateField(
        "eingereicht am", help_text="Tag der Postaufgabe oder Übergabe – massgebend für die Frist."
    )
    instanz = models.CharField("Beschwerdeinstanz", max_length=200)
    verspaetet = models.BooleanField(
        "nach Fristablauf eingereicht",
        default=False,
        help_text="Über die Folgen entscheidet die Beschwerdeinstanz.",
    )
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    erfasst_am = models.DateTimeField()
    ergebnis = models.CharField(max_length=30, choices=Beschwerdeergebnis.choices, blank=True)
    entschieden_am = models.DateField("Beschwerdeentscheid vom", null=True, blank=True)
    mutwillig = models.BooleanField("mutwillig erhoben (§ 45 Abs. 2)", default=False)
    kosten_auferlegt = models.BooleanField("Verfahrenskosten auferlegbar", default=False)
    # § 43 Abs. 2: a rejected appeal can be taken further; the decision becomes rechtskräftig only when
    # that deadline passes unused (job) or, after a further appeal, on the date the court certifies.
    entscheid_zugestellt_am = models.DateField("Beschwerdeentscheid zugestellt am", null=True, blank=True)
    weiterzug_instanz = models.CharField("Weiterzug an", max_length=200, blank=True)
    weiterzug_frist_ende = models.DateField("Frist für den Weiterzug bis", null=True, blank=True)
    weitergezogen_am = models.DateField("weitergezogen am", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Beschwerde"
        verbose_name_plural = "Beschwerden"
        constraints = [
            models.CheckConstraint(
                name="beschwerde_ergebnis_gueltig",
                condition=Q(ergebnis="") | Q(ergebnis__in=Beschwerdeergebnis.values),
            ),
            models.CheckConstraint(
                name="beschwerde_entscheid_vollstaendig",
                condition=Q(ergebnis="", entschieden_am__isnull=True)
                | (~Q(ergebnis="") & Q(entschieden_am__isnull=False)),
            ),
            # R-0-VFG-6 (§ 45 Abs. 2): costs only for an abusive appeal.
            models.CheckConstraint(
                name="beschwerde_kosten_nur_bei_mutwilligkeit",
                condition=Q(kosten_auferlegt=False) | Q(mutwillig=True),
            ),
        ]

    def __str__(self):
        return f"Beschwerde gegen {self.verfuegung.nummer}"


class Stellvertretung(models.Model):
    """A configured deputy who counts as approver (R-0-4EYES-1, issue 17) from `von` to `bis` (both days
    included): for the management of facility `anstalt`, or for the authority when `anstalt` is empty.
    The deputy of a facility works there; the authority's deputy is one of its case workers. Configured by
    the administration (Django admin, with history); ended by its `bis`, never deleted."""

    vertreter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Stellvertreter/in",
        on_delete=models.PROTECT,
        related_name="stellvertretungen",
    )
    anstalt = models.ForeignKey(
        "vollzug.Anstalt",
        verbose_name="Vollzugseinrichtung",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Leer = Stellvertretung für die Vollzugsbehörde.",
    )
    von = models.DateField("Von (erster Tag)")
    bis = models.DateField("Bis (letzter Tag)")
    bemerkung = models.CharField("Bemerkung", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "Stellvertretung (Genehmigung)"
        verbose_name_plural = "Stellvertretungen (Genehmigung)"
        ordering = ["-von", "pk"]
        constraints = [
            models.CheckConstraint(
                name="stellvertretung_zeitraum_gueltig", condition=Q(bis__gte=models.F("von"))
            )
        ]
        indexes = [models.Index(fields=["vertreter", "bis"], name="stellvertretung_vertreter_idx")]

    def __str__(self):
        fuer = self.anstalt.name if self.anstalt_id else "Vollzugsbehörde"
        return f"{self.vertreter} für {fuer}, {self.von:%d.%m.%Y}–{self.bis:%d.%m.%Y}"

    def clean(self):
        fehler = {}
        if self.von and self.bis and self.bis < self.von:
            fehler["bis"] = "Der letzte Tag darf nicht vor dem ersten liegen."
        vertreter = self.vertreter if self.vertreter_id else None
        if vertreter is not None:
            if self.anstalt_id:
                if vertreter.rolle not in ANSTALTSROLLEN or vertreter.anstalt_id != self.anstalt_id:
                    fehler["vertreter"] = (
                        "Die Stellvertretung einer Einrichtung muss in dieser Einrichtung tätig sein "
                        "(Anstaltsleitung oder Anstaltspersonal)."
                    )
            elif vertreter.rolle != Rolle.SACHBEARBEITUNG:
                fehler["vertreter"] = (
                    "Die Stellvertretung für die Vollzugsbehörde muss dort als Sachbearbeitung tätig sein."
                )
            if not vertreter.is_active:
                fehler["vertreter"] = "Die Stellvertretung muss ein aktives Konto haben."
        if fehler:
            raise ValidationError(fehler)
