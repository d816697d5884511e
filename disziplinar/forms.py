"""Browser forms of the disciplinary law (§§ 40–45 JVG).

The forms only parse and type the input: every rule with a § (limits of the sanctions, private
facilities, the assessment criteria, the limitation) lives in `disziplinar/domain/`, whose
`ValidationError` comes back to the fields and formset rows through `vollzug.forms.fehler_uebernehmen`.
Therefore no field here carries a legal bound (no max_value on the days, no maximum fine): the service's
German message with the rule ID is what the user reads (R-0-BAD-1).
"""

from django import forms
from django.utils import timezone

from disziplinar.recht import Disziplinarsanktionsart, Tatbestand, Teilnahmeform, Verfahrensstatus
from kern.web.forms import datum_feld, zeitpunkt_feld
from vollzug.models import Anstalt

_TEXT = forms.Textarea(attrs={"rows": 3})
_ZAHL = {"invalid": "Bitte eine ganze Zahl eingeben."}


# --- Rapport (R-40-1) ----------------------------------------------------------------------------


class RapportForm(forms.Form):
    fall = forms.ModelChoiceField(
        label="Eingewiesene Person (Vollzugsfall)",
        queryset=None,
        empty_label="– Person wählen –",
        help_text="Personen, die zurzeit in Ihrer Einrichtung platziert sind.",
    )
    tatzeit = zeitpunkt_feld("Zeitpunkt der Tat")
    sachverhalt = forms.CharField(
        label="Sachverhalt", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    zeugen = forms.CharField(label="Zeuginnen und Zeugen", required=False, widget=_TEXT, max_length=5000)

    def __init__(self, *args, faelle, **kwargs):
        super().__init__(*args, **kwargs)
        # Only persons placed in the user's facility (R-0-ROLE-1); the service checks again.
        self.fields["fall"].queryset = faelle
        self.fields["fall"].label_from_instance = lambda f: (
            f"{f.person.amtlicher_name} {f.person.vorname} · {f.fallnummer}"
        )


class DeliktForm(forms.Form):
    tatbestand = forms.ChoiceField(
        label="Disziplinarvergehen (§ 40)", required=False, choices=[("", "–")] + Tatbestand.choices
    )
    teilnahmeform = forms.ChoiceField(
        label="Teilnahmeform (§ 40 Abs. 3)",
        choices=Teilnahmeform.choices,
        initial=Teilnahmeform.TAETERSCHAFT,
    )

    def clean(self):
        daten = super().clean()
        if not daten.get("tatbestand") and daten.get("teilnahmeform") not in (
            None,
            Teilnahmeform.TAETERSCHAFT,
        ):
            self.add_error(
                "tatbestand", "§ 40 JVG (R-40-1): Zur Teilnahmeform das Disziplinarvergehen wählen."
            )
        return daten


DeliktFormSet = forms.formset_factory(DeliktForm, extra=3, max_num=13, validate_max=True)


class BeilageForm(forms.Form):
    titel = forms.CharField(label="Titel", max_length=150, required=False)
    datei = forms.FileField(label="Datei", required=False)

    def clean(self):
        daten = super().clean()
        if daten.get("datei") and not (daten.get("titel") or "").strip():
            self.add_error("titel", "Bitte einen Titel für das Beweismittel angeben.")
        if (daten.get("titel") or "").strip() and not daten.get("datei"):
            self.add_error("datei", "Bitte die Datei auswählen (nach einem Fehler erneut).")
        return daten


BeilageFormSet = forms.formset_factory(BeilageForm, extra=2, max_num=10, validate_max=True)


class RapportFilterForm(forms.Form):
    verfahren = forms.ChoiceField(
        label="Verfahren",
        required=False,
        choices=[("", "alle"), ("ohne", "noch ohne Verfahren"), ("mit", "mit Verfahren")],
    )


# --- Proceeding ----------------------------------------------------------------------------------


class VerfahrenFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "alle")] + Verfahrensstatus.choices
    )


class StrafanzeigeForm(forms.Form):
    strafanzeige_am = datum_feld("Strafanzeige vom", initial=timezone.localdate)
    referenz = forms.CharField(label="Referenz der Staatsanwaltschaft", required=False, max_length=60)


class EinstellenForm(forms.Form):
    einstellung_grund = forms.CharField(label="Grund der Einstellung", widget=_TEXT, max_length=5000)


class EntscheidForm(forms.Form):
    """R-41-4 (§ 41 Abs. 4): the four assessment criteria and the reasons of the decision."""

    verschulden = forms.CharField(label="Schwere des Verschuldens", widget=_TEXT, max_length=5000)
    schwere = forms.CharField(
        label="Schwere der Verletzung oder Gefährdung von Sicherheit, Ordnung und Zusammenleben",
        widget=_TEXT,
        max_length=5000,
    )
    persoenliche_verhaeltnisse = forms.CharField(label="Persönliche Umstände", widget=_TEXT, max_length=5000)
    auswirkung_resozialisierung = forms.CharField(
        label="Wirkung der Sanktion auf die Resozialisierung", widget=_TEXT, max_length=5000
    )
    begruendung = forms.CharField(
        label="Begründung", widget=forms.Textarea(attrs={"rows": 5}), max_length=20000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The service names the missing criterion with § 41 Abs. 4 (R-41-4); the form does not pre-empt it.
        for feld in self.fields.values():
            feld.required = False


class SanktionForm(forms.Form):
    """One sanction of § 41 Abs. 1 lit. a–f; the kinds are combinable (§ 41 Abs. 3)."""

    art = forms.ChoiceField(
        label="Sanktion (§ 41 Abs. 1)",
        required=False,
        choices=[("", "–")] + [(a.value, f"lit. {a.value}: {a.label}") for a in Disziplinarsanktionsart],
    )
    dauer_tage = forms.IntegerField(
        label="Dauer (Tage)",
        required=False,
        widget=forms.NumberInput(attrs={"class": "zahl"}),
        error_messages=_ZAHL,
        help_text="Nur Einschluss (lit. e) und Arrest (lit. f).",
    )
    betrag_chf = forms.DecimalField(
        label="Betrag (CHF)",
        required=False,
        widget=forms.TextInput(attrs={"class": "zahl", "inputmode": "decimal"}),
        error_messages={"invalid": "Betrag in Franken angeben (z. B. 150.00)."},
        help_text="Nur Busse (lit. d).",
    )
    beschreibung = forms.CharField(
        label="Entzogene Erleichterung/Bewilligung", required=False, max_length=2000, help_text="Nur lit. b."
    )
    vollzug_beginn = datum_feld("Vollzug ab", required=False, help_text="Leer = Tag nach der Eröffnung.")
    vollzug_ende = datum_feld(
        "Vollzug bis", required=False, help_text="Leer lassen: das System berechnet das Ende."
    )

    def clean(self):
        daten = super().clean()
        if not daten.get("art") and any(
            daten.get(f) not in (None, "")
            for f in ("dauer_tage", "betrag_chf", "beschreibung", "vollzug_beginn", "vollzug_ende")
        ):
            self.add_error("art", "§ 41 Abs. 1 JVG (R-41-1): Zu den Angaben die Sanktion (lit. a–f) wählen.")
        return daten


SanktionFormSet = forms.formset_factory(SanktionForm, extra=3, max_num=6, validate_max=True)


# --- Statistics -----------------------------------------------------------------------------------


def _jahre():
    heute = timezone.localdate()
    return [(j, str(j)) for j in range(heute.year, heute.year - 10, -1)]


class StatistikFilterForm(forms.Form):
    jahr = forms.TypedChoiceField(label="Jahr", coerce=int, choices=_jahre, required=False)
    anstalt = forms.ModelChoiceField(
        label="Einrichtung", required=False, queryset=Anstalt.objects.order_by("name"), empty_label="alle"
    )

    def __init__(self, *args, alle_anstalten: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not alle_anstalten:
            # Facility management: its own facility only (the view fixes it).
            del self.fields["anstalt"]
