"""Browser forms of the Vollzug module.

The forms only parse and type the input; every rule with a § lives in `vollzug/services.py`, and its
`ValidationError` comes back into the form through `fehler_uebernehmen` (STYLE §4: one place per rule).
"""

from datetime import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import formats, timezone

from vollzug.enums import (
    Entscheidart,
    Fallstatus,
    Geschlecht,
    Platzierungsart,
    Sanktionsart,
    Versetzungsgrund,
    Vollzugsform,
)
from vollzug.models import Anstalt
from vollzug.validators import validate_ahv_nummer

LEER = [("", "– bitte wählen –")]
DATUM_FEHLER = {"invalid": "Ungültiges Datum: erwartet TT.MM.JJJJ (z. B. 31.12.2026)."}
ZEITPUNKT_FEHLER = {"invalid": "Ungültiger Zeitpunkt: erwartet TT.MM.JJJJ HH:MM (z. B. 31.12.2026 14:05)."}


class _IsoWidgetMixin:
    """Native date pickers need ISO values; re-rendered user input (`31.12.2026`) is converted so it is kept."""

    iso_format = ""
    formats_name = ""

    def format_value(self, value):
        if isinstance(value, str) and value:
            for fmt in formats.get_format(self.formats_name):
                try:
                    return datetime.strptime(value.strip(), fmt).strftime(self.iso_format)
                except ValueError:
                    continue
            return value
        return super().format_value(value)


class DatumWidget(_IsoWidgetMixin, forms.DateInput):
    input_type = "date"
    iso_format = "%Y-%m-%d"
    formats_name = "DATE_INPUT_FORMATS"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=self.iso_format)


class ZeitpunktWidget(_IsoWidgetMixin, forms.DateTimeInput):
    input_type = "datetime-local"
    iso_format = "%Y-%m-%dT%H:%M"
    formats_name = "DATETIME_INPUT_FORMATS"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=self.iso_format)


def datum_feld(label, **kw):
    return forms.DateField(label=label, widget=DatumWidget(), error_messages=DATUM_FEHLER, **kw)


def zeitpunkt_feld(label, **kw):
    # Accepts 31.12.2026 14:05 and 2026-12-31T14:05 (DATETIME_INPUT_FORMATS of kern/formats/de_CH);
    # naive input is read as Europe/Zurich local time.
    return forms.DateTimeField(
        label=label,
        widget=ZeitpunktWidget(),
        error_messages=ZEITPUNKT_FEHLER,
        **kw,
    )


def jetzt_auf_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


def anzahl_feld(label, max_value):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=max_value,
        widget=forms.NumberInput(attrs={"placeholder": "0", "class": "zahl"}),
        error_messages={
            "min_value": "Der Wert darf nicht negativ sein.",
            "max_value": "Der Wert ist zu gross.",
            "invalid": "Bitte eine ganze Zahl eingeben.",
        },
    )


# --- Lists -------------------------------------------------------------------------------------


class PersonSucheForm(forms.Form):
    q = forms.CharField(label="Suche", required=False, max_length=100)


class FallFilterForm(forms.Form):
    q = forms.CharField(label="Suche", required=False, max_length=100)
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "alle")] + Fallstatus.choices)
    anstalt = forms.ModelChoiceField(
        label="Aktuelle Einrichtung", required=False, queryset=Anstalt.objects.all(), empty_label="alle"
    )
    ueberfaellig = forms.BooleanField(label="Nur Vollzugsbeginn überfällig (§ 13)", required=False)


# --- Person ----------------------------------------------------------------------------------


class PersonForm(forms.Form):
    amtlicher_name = forms.CharField(label="Name (amtlich)", max_length=100)
    vorname = forms.CharField(label="Vorname", max_length=100)
    geschlecht = forms.ChoiceField(label="Geschlecht", choices=LEER + Geschlecht.choices)
    geburtsdatum = datum_feld("Geburtsdatum")
    ahv_nummer = forms.CharField(
        label="AHV-Nummer",
        required=False,
        max_length=16,
        validators=[validate_ahv_nummer],
        help_text="Optional, Format 756.XXXX.XXXX.XX",
    )


# --- Fall aus Entscheid (§ 12) ---------------------------------------------------------------


class FallForm(forms.Form):
    person = forms.ModelChoiceField(label="Person", queryset=None, empty_label="– Person wählen –")
    art = forms.ChoiceField(label="Art des Entscheids", choices=LEER + Entscheidart.choices)
    behoerde = forms.CharField(label="Strafbehörde", max_length=150)
    referenz = forms.CharField(label="Geschäftsnummer", max_length=60)
    entscheid_datum = datum_feld("Entscheiddatum")
    rechtskraft_am = datum_feld("Rechtskraft am")
    eingang_am = datum_feld("Eingang am", required=False, help_text="Tag der Zustellung; leer = heute")

    def __init__(self, *args, personen, **kwargs):
        super().__init__(*args, **kwargs)
        # Only persons the user may see can be chosen (R-0-ROLE-1).
        self.fields["person"].queryset = personen


class SanktionForm(forms.Form):
    art = forms.ChoiceField(label="Sanktion", choices=LEER + Sanktionsart.choices)
    vollzugsform = forms.ChoiceField(
        label="Vollzugsform", required=False, choices=[("", "–")] + Vollzugsform.choices
    )
    # Upper bounds only keep the numbers storable; the rules on durations are in the service (R-1-1).
    dauer_jahre = anzahl_feld("Jahre", 99)
    dauer_monate = anzahl_feld("Monate", 99)
    dauer_tage = anzahl_feld("Tage", 36500)
    stunden = anzahl_feld("Stunden", 10000)

    def zahlen(self) -> dict:
        return {
            k: self.cleaned_data.get(k) or 0 for k in ("dauer_jahre", "dauer_monate", "dauer_tage", "stunden")
        }


SanktionFormSet = forms.formset_factory(SanktionForm, extra=3, max_num=20, validate_max=True)


class DokumentForm(forms.Form):
    titel = forms.CharField(label="Titel", max_length=150, required=False)
    datei = forms.FileField(label="Datei", required=False)

    def clean(self):
        daten = super().clean()
        if daten.get("datei") and not daten.get("titel"):
            self.add_error("titel", "Bitte einen Titel für das Dokument angeben.")
        if daten.get("titel") and not daten.get("datei"):
            self.add_error("datei", "Bitte die Datei auswählen (nach einem Fehler erneut).")
        return daten


DokumentFormSet = forms.formset_factory(DokumentForm, extra=2, max_num=10, validate_max=True)


# --- Einweisen, Versetzen, Entlassen (§ 17, R-1-ENTL-1) --------------------------------------


class EinweisenForm(forms.Form):
    anstalt = forms.ModelChoiceField(
        label="Einrichtung",
        queryset=Anstalt.objects.filter(aktiv=True, ist_klinik=False),
        empty_label="– Einrichtung wählen –",
    )
    abteilung = forms.CharField(label="Abteilung", max_length=80, required=False)
    von = zeitpunkt_feld("Zeitpunkt der Einweisung (Vollzugsbeginn)", initial=jetzt_auf_minute)


class VersetzenForm(forms.Form):
    art = forms.ChoiceField(
        label="Art",
        choices=[
            (Platzierungsart.VERSETZUNG, "Versetzung (§ 17 Abs. 2 JVG)"),
            (Platzierungsart.VERSETZUNG_KLINIK, "Klinik/Spital (§ 17 Abs. 3 JVG)"),
        ],
        widget=forms.RadioSelect,
    )
    anstalt = forms.ModelChoiceField(
        label="Einrichtung", queryset=Anstalt.objects.filter(aktiv=True), empty_label="– Einrichtung wählen –"
    )
    abteilung = forms.CharField(label="Abteilung", max_length=80, required=False)
    # Not required here: the service answers with the § 17 Abs. 2 message (R-17-1), one place for the rule.
    grund = forms.ChoiceField(
        label="Grund (§ 17 Abs. 2 lit. a–e)",
        required=False,
        choices=[("", "– nur bei Versetzung nach Abs. 2 –")] + Versetzungsgrund.choices,
    )
    begruendung = forms.CharField(
        label="Begründung", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    arztbericht = forms.FileField(
        label="Ärztlicher Bericht (§ 17 Abs. 3)", required=False, help_text="Nötig für Klinik/Spital"
    )
    von = zeitpunkt_feld("Zeitpunkt", initial=jetzt_auf_minute)

    def __init__(self, *args, nur_klinik: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if nur_klinik:
            # §17.3: facility management may only order the urgent transfer to a clinic/hospital.
            self.fields["art"].choices = [
                c for c in self.fields["art"].choices if c[0] == Platzierungsart.VERSETZUNG_KLINIK
            ]
            self.fields["art"].initial = Platzierungsart.VERSETZUNG_KLINIK
        else:
            self.fields["art"].initial = Platzierungsart.VERSETZUNG


class EntlassenForm(forms.Form):
    entlassung_am = zeitpunkt_feld("Zeitpunkt der Entlassung", initial=jetzt_auf_minute)
    bemerkung = forms.CharField(label="Bemerkung", required=False, widget=forms.Textarea(attrs={"rows": 4}))


# --- Service errors → form errors (R-0-BAD-1) -------------------------------------------------


def fehler_uebernehmen(
    fehler: ValidationError,
    form: forms.Form,
    *,
    felder: dict[str, str] | None = None,
    zeilen: dict[str, tuple] | None = None,
) -> None:
    """Attach a service `ValidationError` to the form fields it names, so the § appears next to the field.

    `felder` renames service keys to form fields; `zeilen` maps a list prefix (`"sanktionen"`) to
    `(formset, form_indices)`, so `sanktionen[0].dauer_tage` lands in the row the user typed. Keys
    without a field become non-field errors of `form`; nothing is dropped.
    """
    felder = felder or {}
    zeilen = zeilen or {}
    if not hasattr(fehler, "error_dict"):
        form.add_error(None, fehler.messages)
        return
    for schluessel, meldungen in fehler.message_dict.items():
        ziel_form, feld = _ziel(schluessel, form, felder, zeilen)
        for meldung in meldungen:
            ziel_form.add_error(feld, meldung)


def _ziel(schluessel, form, felder, zeilen):
    if "[" in schluessel and "]." in schluessel:
        praefix, rest = schluessel.split("[", 1)
        index_text, feld = rest.split("].", 1)
        if praefix in zeilen and index_text.isdigit():
            formset, indices = zeilen[praefix]
            index = int(index_text)
            if index < len(indices):
                zeile = formset.forms[indices[index]]
                return zeile, feld if feld in zeile.fields else None
    feld = felder.get(schluessel, schluessel)
    if feld == NON_FIELD_ERRORS or feld not in form.fields:
        return form, None
    return form, feld
