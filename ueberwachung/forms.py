"""Browser forms of §§ 27, 29, 30 JVG: they only type the input; the rules are the services'
(their ValidationError is attached to the fields with `vollzug.forms.fehler_uebernehmen`)."""

from django import forms

from disziplinar.recht import Tatbestand
from kern.web.forms import LEER, datum_feld, zeitpunkt_feld
from ueberwachung.recht import EDArt, Raumart, Verdachtsart, Verfahrensart, Zonengrund


class _MehrereDateien(forms.ClearableFileInput):
    allow_multiple_selected = True


class _DateienFeld(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", _MehrereDateien())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        einzel = super().clean
        if isinstance(data, list | tuple):
            return [einzel(d, initial) for d in data]
        return [einzel(data, initial)] if data else []


class TelefonForm(forms.Form):
    person = forms.ModelChoiceField(queryset=None, label="Person", empty_label="– bitte wählen –")
    nummer = forms.CharField(label="Angerufene Nummer", max_length=40)
    beginn = zeitpunkt_feld("Beginn")
    ende = zeitpunkt_feld("Ende")
    datei = forms.FileField(label="Aufzeichnung (Audiodatei)")

    def __init__(self, *args, personen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = personen


class VideoForm(forms.Form):
    zone = forms.ModelChoiceField(queryset=None, label="Videozone", empty_label="– bitte wählen –")
    person = forms.ModelChoiceField(
        queryset=None, label="Betroffene Person (optional)", required=False, empty_label="– keine –"
    )
    beginn = zeitpunkt_feld("Beginn")
    ende = zeitpunkt_feld("Ende")
    datei = forms.FileField(label="Aufzeichnung (Videodatei)")

    def __init__(self, *args, zonen, personen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zonen
        self.fields["person"].queryset = personen


class ZoneForm(forms.Form):
    bezeichnung = forms.CharField(label="Bezeichnung", max_length=120)
    raumart = forms.ChoiceField(label="Art des Raums", choices=LEER + Raumart.choices)
    grund = forms.ChoiceField(
        label="Grund (nur Disziplinar-/Sicherheitszelle, § 30 Abs. 2 lit. b)",
        choices=[("", "– kein –")] + Zonengrund.choices,
        required=False,
    )
    begruendung = forms.CharField(
        label="Begründung", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AbhoerenForm(forms.Form):
    tatbestand = forms.ChoiceField(
        label="Verdacht auf Disziplinarvergehen (§ 40 Abs. 2)",
        choices=LEER + [(w, lbl) for w, lbl in Tatbestand.choices if w != "allgemein"],
        help_text="Abhören ist nur bei Verdacht nach lit. a, c, g, h, i oder j erlaubt (§ 29 Abs. 3 JVG).",
    )
    referenz = forms.CharField(
        label="Bezug des Verdachts",
        max_length=120,
        help_text="Rapport-, Verfahrens- oder Aktennummer, in der der Verdacht festgehalten ist. Keine "
        "Verdachtsgründe und keine Gesprächsinhalte: Das Zugriffsprotokoll bleibt nach der Löschung der "
        "Aufzeichnung bestehen.",
    )


class AuswertenForm(forms.Form):
    verdachtsart = forms.ChoiceField(label="Verdacht auf", choices=LEER + Verdachtsart.choices)
    verdacht = forms.CharField(label="Verdachtsgründe", widget=forms.Textarea(attrs={"rows": 3}))


class BeizugForm(forms.Form):
    verfahrensart = forms.ChoiceField(label="Verfahren", choices=LEER + Verfahrensart.choices)
    referenz = forms.CharField(label="Verfahrensnummer / Referenz", max_length=120)
    behoerde = forms.CharField(label="Verfahrensleitende Behörde", max_length=150)


class AufhebenForm(forms.Form):
    grund = forms.CharField(label="Grund der Aufhebung", max_length=2000)


class EinsichtForm(forms.Form):
    beizug = forms.ModelChoiceField(queryset=None, label="Verfahren (Beizug)", empty_label="– bitte wählen –")
    empfaenger = forms.CharField(label="Empfangende Behörde", max_length=150)

    def __init__(self, *args, beizuege, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beizug"].queryset = beizuege


class RechtsbeistandForm(forms.Form):
    person = forms.ModelChoiceField(queryset=None, label="Person", empty_label="– bitte wählen –")
    name = forms.CharField(label="Name des Rechtsbeistands", max_length=150)
    nummer = forms.CharField(label="Telefonnummer", max_length=40)

    def __init__(self, *args, personen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = personen


class EDForm(forms.Form):
    person = forms.ModelChoiceField(queryset=None, label="Person", empty_label="– bitte wählen –")
    art = forms.ChoiceField(label="Massnahme (§ 27 Abs. 1)", choices=LEER + EDArt.choices)
    durchgefuehrt_am = datum_feld("Datum")
    dateien = _DateienFeld(label="Material (Dateien)")
    bemerkung = forms.CharField(label="Bemerkung", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, personen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = personen


class EDZweckForm(forms.Form):
    zweck = forms.CharField(label="Zweck der Einsicht", max_length=500)


class EDWeitergabeForm(forms.Form):
    empfaenger = forms.CharField(label="Empfangende Polizeistelle", max_length=150)
    zweck = forms.CharField(label="Polizeilicher Zweck (z. B. Fahndung)", max_length=500)


class ListenFilterForm(forms.Form):
    faellig_bis = datum_feld("Löschung fällig bis", required=False)
    anstalt = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
