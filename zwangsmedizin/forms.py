"""Browser forms of §§ 34–39: they only type the input; the rules are in the domain functions."""

from django import forms

from zwangsmedizin.recht import (
    Anordnungsweg,
    Grund35,
    Medikationsart,
    Medikationsstatus,
    Nachpruefung,
    Zustand39,
)

_ZEIT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_TEXT = forms.Textarea(attrs={"rows": 3})


def _zeitfeld(label, required=False):
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=_ZEIT,
        input_formats=["%Y-%m-%dT%H:%M"],
        help_text="Leer = jetzt." if not required else "",
    )


class MedikationForm(forms.Form):
    weg = forms.ChoiceField(label="Verfahren (§ 36)", choices=Anordnungsweg.choices)
    art = forms.ChoiceField(label="Art", choices=Medikationsart.choices)
    bericht = forms.CharField(label="Ärztlicher Bericht (§ 36 Abs. 1)", widget=_TEXT, required=False)
    medikament = forms.CharField(label="Medikament", max_length=200, required=False)
    dosierung = forms.CharField(label="Dosierung und Verabreichung", max_length=300, required=False)
    geplante_dauer = forms.CharField(label="Geplante Dauer", max_length=200, required=False)
    freiwillige_massnahmen = forms.CharField(
        label="Freiwillige Massnahmen, die versagt haben oder nicht zur Verfügung stehen (§ 35 Abs. 2)",
        widget=_TEXT,
        required=False,
    )
    grund = forms.ChoiceField(
        label="Grund (§ 35 Abs. 2)", choices=[("", "—")] + Grund35.choices, required=False
    )
    grund_begruendung = forms.CharField(label="Begründung des Grundes", widget=_TEXT, required=False)
    dringlich_begruendung = forms.CharField(
        label="Zeitliche Dringlichkeit (nur § 36 Abs. 2)", widget=_TEXT, required=False
    )
    aufgeklaert_am = _zeitfeld("Aufgeklärt am (§ 37 Abs. 1, nur bei dringlichem Entscheid)")
    gefahr_im_verzug_begruendung = forms.CharField(
        label="Gefahr im Verzug – Aufklärung folgt (§ 37 Abs. 1)", widget=_TEXT, required=False
    )
    empfehlung_arzt = forms.CharField(
        label="Forensisch-psychiatrische Empfehlung von (§ 38 Abs. 2)", required=False
    )
    empfehlung_datum = forms.DateField(label="Datum der Empfehlung", required=False, widget=_DATUM)
    empfehlung_dokument = forms.FileField(label="Empfehlung (Dokument)", required=False)
    fachaerztliche_leitung = forms.CharField(label="Fachärztliche Leitung (§ 38 Abs. 3)", required=False)
    langfristig = forms.BooleanField(label="Für längere Zeit (§ 38 Abs. 4)", required=False)


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", choices=[("", "alle")] + Medikationsstatus.choices, required=False
    )


class BegruendungForm(forms.Form):
    begruendung = forms.CharField(label="Begründung", widget=_TEXT, required=False)


class ZeitpunktForm(forms.Form):
    am = _zeitfeld("Zeitpunkt")


class AngehoerigeForm(forms.Form):
    person_bezeichnung = forms.CharField(label="Zu informierende Person", max_length=200, required=False)


class NachpruefungForm(forms.Form):
    ergebnis = forms.ChoiceField(label="Ergebnis", choices=Nachpruefung.choices)
    kommentar = forms.CharField(label="Kommentar", widget=_TEXT, required=False)


class HungerstreikForm(forms.Form):
    beginn = _zeitfeld("Beginn der Nahrungsverweigerung", required=True)


class GespraechForm(forms.Form):
    am = _zeitfeld("Zeitpunkt")
    inhalt = forms.CharField(label="Inhalt der Aufklärung über die Risiken", widget=_TEXT, required=False)
    reaktion = forms.CharField(label="Reaktion der Person", widget=_TEXT, required=False)


class ZustandForm(forms.Form):
    zustand = forms.ChoiceField(
        label="Zustand (§ 39 Abs. 3)", choices=[("", "—")] + Zustand39.choices, required=False
    )
    beurteilung = forms.CharField(label="Ärztliche Beurteilung", widget=_TEXT, required=False)


class PatientenverfuegungForm(forms.Form):
    datum = forms.DateField(label="Datum der Patientenverfügung", widget=_DATUM)
    dokument = forms.FileField(label="Dokument", required=False)
    lehnt_zwangsernaehrung_ab = forms.BooleanField(
        label="Lehnt Zwangsernährung ausdrücklich ab (§ 39 Abs. 2)", required=False
    )
