"""Browser forms of the Verfügungen: they only parse and type the input; every rule lives in
`services`, whose `ValidationError` is attached to the fields by `fehler_uebernehmen` (R-0-BAD-1)."""

from django import forms

from kern.web.forms import DATUM_FEHLER, LEER, ZEITPUNKT_FEHLER, DatumWidget, ZeitpunktWidget
from verfuegungen.recht import (
    Anhoerungsart,
    Beschwerdeergebnis,
    EroeffnungArt,
    Verfuegungsstatus,
    Verfuegungstyp,
)

_TEXT = forms.Textarea(attrs={"rows": 3})


def _zeitpunkt(label, required=False, help_text="Leer = jetzt."):
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=ZeitpunktWidget(),
        error_messages=ZEITPUNKT_FEHLER,
        help_text=help_text,
    )


def _datum(label):
    return forms.DateField(label=label, widget=DatumWidget(), error_messages=DATUM_FEHLER)


class VerfuegungFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "alle")] + Verfuegungsstatus.choices
    )
    typ = forms.ChoiceField(label="Art", required=False, choices=[("", "alle")] + Verfuegungstyp.choices)


class KommentarForm(forms.Form):
    kommentar = forms.CharField(label="Kommentar", required=False, widget=_TEXT, max_length=5000)


class GehoerForm(forms.Form):
    art = forms.ChoiceField(label="Art", choices=LEER + Anhoerungsart.choices)
    text = forms.CharField(label="Stellungnahme / Vermerk", required=False, widget=_TEXT, max_length=20000)
    begruendung = forms.CharField(
        label="Begründung der Gefahr im Verzug", required=False, widget=_TEXT, max_length=5000
    )
    am = _zeitpunkt("angehört am")


class GehoerNachholenForm(forms.Form):
    anhoerung = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label="Nachträgliche Stellungnahme", widget=_TEXT, max_length=20000)
    am = _zeitpunkt("angehört am")


class EroeffnenForm(forms.Form):
    art = forms.ChoiceField(label="Art der Eröffnung", choices=LEER + EroeffnungArt.choices)
    am = _zeitpunkt("schriftlich eröffnet am", help_text="Leer = jetzt. Nie in der Zukunft.")
    muendlich_am = _zeitpunkt("vorher mündlich eröffnet am", help_text="Nur falls zuvor mündlich eröffnet.")
    empfangsbestaetigung = forms.FileField(label="Empfangsbestätigung (unterzeichnet)", required=False)


class BeschwerdeForm(forms.Form):
    eingegangen_am = _datum("eingereicht am (Postaufgabe/Übergabe)")
    instanz = forms.CharField(
        label="Beschwerdeinstanz", required=False, max_length=200, help_text="Leer = nach Gesetz."
    )


class BeschwerdeentscheidForm(forms.Form):
    ergebnis = forms.ChoiceField(label="Ergebnis", choices=LEER + Beschwerdeergebnis.choices)
    am = _datum("Entscheid vom")
    zugestellt_am = forms.DateField(
        label="zugestellt am",
        required=False,
        widget=DatumWidget(),
        error_messages=DATUM_FEHLER,
        help_text="Leer = Entscheiddatum. Ab hier läuft die Frist für den Weiterzug (§ 43 Abs. 2 JVG).",
    )
    mutwillig = forms.BooleanField(label="mutwillig erhoben (§ 45 Abs. 2 JVG)", required=False)


class WeiterzugForm(forms.Form):
    eingegangen_am = _datum("weitergezogen am (Postaufgabe/Übergabe)")


class RechtskraftForm(forms.Form):
    am = _datum("rechtskräftig seit (laut Rechtskraftbescheinigung)")


class AufschiebendeWirkungForm(forms.Form):
    instanz = forms.CharField(
        label="erteilt durch", required=False, max_length=200, help_text="Leer = Beschwerdeinstanz."
    )
    am = _zeitpunkt("erteilt am")


class AufhebenForm(forms.Form):
    grund = forms.CharField(label="Grund der Aufhebung", widget=_TEXT, max_length=5000)
