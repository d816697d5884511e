"""§ 14 JVG: requests to defer or interrupt a sanction (R-14-1 … R-14-6); rules in `aufschub.domain`."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from aufschub.recht import Gefahrenstufe, Gesuchsart, Gesuchsgrund, Gesuchsstatus


def _arztzeugnis_pfad(instance, filename):
    return f"faelle/{instance.fall.fallnummer}/gesuche14/{filename}"


class Aufschubgesuch(models.Model):
    """§14, R-14-1..6: a request of the convicted person to defer (before the start) or interrupt
    (during execution) one sanction, and its decision (a Verfügung of type AUFSCHUB_14 linked as
    its `gegenstand`). Rules live in `aufschub.domain`."""

    fall = models.ForeignKey("vollzug.Vollzugsfall", on_delete=models.PROTECT, related_name="aufschubgesuche")
    sanktion = models.ForeignKey("vollzug.Sanktion", on_delete=models.PROTECT, related_name="aufschubgesuche")
    art = models.CharField("Art", max_length=20, choices=Gesuchsart.choices)
    grund = models.CharField("Wichtiger Grund (§ 14 Abs. 2)", max_length=1, choices=Gesuchsgrund.choices)
    eingereicht_am = models.DateField("Gesuch eingereicht am")
    begehrt_von = models.DateField("begehrt von")
    begehrt_bis = models.DateField("begehrt bis (letzter Tag)")
    begruendung = models.TextField("Begründung des Gesuchs")
    # R-14-4 (§14 Abs. 3): health data — readable only by the deciding authority and medizin.
    arztzeugnis = models.FileField(
        "Arztzeugnis (§ 14 Abs. 3)", upload_to=_arztzeugnis_pfad, blank=True, max_length=255
    )
    arztzeugnis_ausgestellt_am = models.DateField("Arztzeugnis ausgestellt am", null=True, blank=True)
    arztzeugnis_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(max_length=20, choices=Gesuchsstatus.choices, default=Gesuchsstatus.EINGEREICHT)
    erfasst_am = models.DateTimeField(auto_now_add=True)
    erfasst_durch = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    # The decision (R-14-5).
    bewilligt_von = models.DateField("bewilligt von", null=True, blank=True)
    bewilligt_bis = models.DateField("bewilligt bis (letzter Tag)", null=True, blank=True)
    beurteilung_vollzugsdauer = models.TextField("Voraussichtliche Vollzugsdauer (§ 14 Abs. 1)", blank=True)
    fluchtgefahr = models.CharField("Fluchtgefahr", max_length=10, choices=Gefahrenstufe.choices, blank=True)
    wiederholungsgefahr = models.CharField(
        "Wiederholungsgefahr", max_length=10, choices=Gefahrenstufe.choices, blank=True
    )
    beurteilung_gefahren = models.TextField("Würdigung der Flucht- und Wiederholungsgefahr", blank=True)
    besondere_untersuchungen = models.TextField("Besondere Untersuchungen (§ 14 Abs. 4)", blank=True)
    vorsorgliche_massnahmen = models.TextField("Vorsorgliche Massnahmen (§ 14 Abs. 5)", blank=True)
    entscheid_begruendung = models.TextField("Begründung des Entscheids", blank=True)
    entschieden_am = models.DateTimeField(null=True, blank=True)
    entschieden_durch = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # Effects (R-14-6): summons before the end of a deferral; the interruption as it happened.
    aufgebot_am = models.DateTimeField("Aufgebot zum Vollzugsantritt versandt am", null=True, blank=True)
    unterbrechung_ab = models.DateTimeField("Unterbrechung angetreten am", null=True, blank=True)
    unterbrechung_beendet_am = models.DateTimeField("Wiedereintritt am", null=True, blank=True)
    # Issue 23: the grant ended because its Verfügung was lifted or set aside on appeal (when and why).
    bewilligung_beendet_am = models.DateTimeField("Bewilligung beendet am", null=True, blank=True)
    bewilligung_beendet_grund = models.TextField("Grund des Endes der Bewilligung", blank=True)
    # Moved from the case core (issue 16): both tables keep their names, the data stays in place.
    history = HistoricalRecords(table_name="vollzug_historicalaufschubgesuch")

    class Meta:
        db_table = "vollzug_aufschubgesuch"
        verbose_name = "Gesuch um Aufschub/Unterbrechung (§ 14)"
        verbose_name_plural = "Gesuche um Aufschub/Unterbrechung (§ 14)"
        ordering = ["-eingereicht_am", "-pk"]
        constraints = [
            models.CheckConstraint(name="gesuch14_art_gueltig", condition=Q(art__in=Gesuchsart.values)),
            models.CheckConstraint(name="gesuch14_grund_gueltig", condition=Q(grund__in=Gesuchsgrund.values)),
            models.CheckConstraint(
                name="gesuch14_status_gueltig", condition=Q(status__in=Gesuchsstatus.values)
            ),
            models.CheckConstraint(
                name="gesuch14_fluchtgefahr_gueltig",
                condition=Q(fluchtgefahr="") | Q(fluchtgefahr__in=Gefahrenstufe.values),
            ),
            models.CheckConstraint(
                name="gesuch14_wiederholungsgefahr_gueltig",
                condition=Q(wiederholungsgefahr="") | Q(wiederholungsgefahr__in=Gefahrenstufe.values),
            ),
            models.CheckConstraint(
                name="gesuch14_zeitraum_gueltig", condition=Q(begehrt_bis__gte=F("begehrt_von"))
            ),
            # R-14-2: a granted request always carries its granted period.
            models.CheckConstraint(
                name="gesuch14_bewilligt_hat_zeitraum",
                condition=~Q(status=Gesuchsstatus.BEWILLIGT)
                | Q(bewilligt_von__isnull=False, bewilligt_bis__gte=F("bewilligt_von")),
            ),
            # R-14-5: a decided request records the assessment of §14 Abs. 1.
            models.CheckConstraint(
                name="gesuch14_entscheid_mit_beurteilung",
                condition=~Q(status__in=[Gesuchsstatus.BEWILLIGT, Gesuchsstatus.ABGEWIESEN])
                | (
                    Q(entschieden_am__isnull=False)
                    & ~Q(beurteilung_vollzugsdauer="")
                    & ~Q(fluchtgefahr="")
                    & ~Q(wiederholungsgefahr="")
                ),
            ),
            # R-14-1: only a granted interruption can be under way.
            models.CheckConstraint(
                name="gesuch14_unterbrechung_nur_bewilligt",
                condition=Q(unterbrechung_ab__isnull=True)
                | Q(art=Gesuchsart.UNTERBRECHUNG, status=Gesuchsstatus.BEWILLIGT),
            ),
            models.CheckConstraint(
                name="gesuch14_wiedereintritt_nach_antritt",
                condition=Q(unterbrechung_beendet_am__isnull=True)
                | Q(unterbrechung_ab__isnull=False, unterbrechung_beendet_am__gte=F("unterbrechung_ab")),
            ),
        ]
        indexes = [models.Index(fields=["sanktion", "art", "status"], name="gesuch14_kontingent_idx")]

    def __str__(self):
        return f"{self.get_art_display()} Fall {self.fall.fallnummer} ({self.begehrt_von:%d.%m.%Y}–{self.begehrt_bis:%d.%m.%Y})"
