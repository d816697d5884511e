"""Browser forms of § 31 JVG: they only type the input; every rule (and its German message naming the
§ and rule ID) is in `services` and lands next to the field (`vollzug.forms.fehler_uebernehmen`)."""

from django import forms

from sicherheitsmassnahmen.recht import Massnahmenart, Risiko, Ueberpruefungsergebnis
from verfuegungen.recht import Anhoerungsart
from vollzug.models import Anstalt

GEHOER_CHOICES = [("", "– später auf der Seite der Verfügung erfassen –"), *Anhoerungsart.choices]


class _GehoerFelder(forms.Form):
    gehoer_art = forms.ChoiceField(
        label="Rechtliches Gehör",
        choices=GEHOER_CHOICES,
        required=False,
        help_text="Vor der Anordnung: Stellungnahme oder Verzicht; nur bei Gefahr im Verzug danach.",
    )
    gehoer_text = forms.CharField(
        label="Stellungnahme der Person / Vermerk", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    gehoer_begruendung = forms.CharField(
        label="Begründung der Gefahr im Verzug", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AntragForm(_GehoerFelder):
    fall = forms.ModelChoiceField(
        label="Person / Vollzugsfall",
        queryset=None,
        help_text="Nur Personen, die in Ihrer Einrichtung platziert sind.",
    )
    art = forms.ChoiceField(
        label="Massnahme (§ 31 Abs. 2 JVG)", choices=[("", "---------"), *Massnahmenart.choices]
    )
    risiken = forms.MultipleChoiceField(
        label="Erhöhtes Risiko (§ 31 Abs. 1 JVG)",
        choices=Risiko.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sachverhalt = forms.CharField(
        label="Sachverhalt: Verhalten oder psychischer Zustand",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    begruendung = forms.CharField(
        label="Begründung (warum nötig, warum mildere Mittel nicht genügen)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    ausgestaltung = forms.CharField(
        label="Ausgestaltung", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    field_order = ["fall", "art", "risiken", "sachverhalt", "begruendung", "ausgestaltung"]

    def __init__(self, *args, faelle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fall"].queryset = faelle
        self.fields["fall"].label_from_instance = lambda f: (
            f"{f.person.amtlicher_name} {f.person.vorname} ({f.person.geburtsdatum:%d.%m.%Y}) – {f.fallnummer}"
        )


class GenehmigenForm(_GehoerFelder):
    kommentar = forms.CharField(label="Kommentar", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    field_order = ["gehoer_art", "gehoer_text", "gehoer_begruendung", "kommentar"]


class AblehnenForm(forms.Form):
    kommentar = forms.CharField(
        label="Begründung der Ablehnung", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class UeberpruefungForm(forms.Form):
    ergebnis = forms.ChoiceField(
        label="Ergebnis (§ 31 Abs. 5 JVG)", choices=Ueberpruefungsergebnis.choices, widget=forms.RadioSelect
    )
    begruendung = forms.CharField(
        label="Begründung: besteht ein zwingender Grund weiter?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class AufhebenForm(forms.Form):
    grund = forms.CharField(
        label="Grund der Aufhebung", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


ZUSTAENDE = [
    ("", "alle"),
    ("zu_entscheiden", "Antrag zu entscheiden"),
    ("angeordnet", "angeordnet, Eröffnung ausstehend"),
    ("aktiv", "aktiv"),
    ("ueberfaellig", "aktiv, Überprüfung überfällig"),
    ("beendet", "aufgehoben (beendet)"),
    ("abgelehnt", "abgelehnt / nicht angeordnet"),
]


class FilterForm(forms.Form):
    anstalt = forms.ModelChoiceField(
        label="Einrichtung", queryset=Anstalt.objects.order_by("name"), required=False, empty_label="alle"
    )
    art = forms.ChoiceField(label="Massnahme", choices=[("", "alle"), *Massnahmenart.choices], required=False)
    zustand = forms.ChoiceField(label="Stand", choices=ZUSTAENDE, required=False)
