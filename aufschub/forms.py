"""Browser forms of Aufschub und Unterbrechung (§ 14 JVG).

They only parse and type the input: fields the law requires are optional here, so that the rule's
message from `aufschub.domain` (with its § and rule ID) is what the user reads next to the field.
Field names equal the service's error keys, so `fehler_uebernehmen` places every message.
"""

from django import forms
from django.utils import timezone

from aufschub.recht import AUFSCHIEBBARE_SANKTIONEN, Gefahrenstufe, Gesuchsart, Gesuchsgrund, Gesuchsstatus
from kern.web.forms import LEER, datum_feld, jetzt_auf_minute, zeitpunkt_feld
from vollzug.models import Anstalt, Sanktion

_TEXT = {"rows": 4}


class _SanktionFeld(forms.ModelChoiceField):
    def label_from_instance(self, sanktion):
        e = sanktion.entscheid
        return f"{sanktion} ({e.get_art_display()} {e.referenz})"


class GesuchForm(forms.Form):
    sanktion = _SanktionFeld(
        label="Sanktion", queryset=Sanktion.objects.none(), empty_label="– Sanktion wählen –"
    )
    art = forms.ChoiceField(label="Art (§ 14 Abs. 1)", choices=Gesuchsart.choices, widget=forms.RadioSelect)
    grund = forms.ChoiceField(
        label="Wichtiger Grund (§ 14 Abs. 2)", required=False, choices=LEER + Gesuchsgrund.choices
    )
    eingereicht_am = datum_feld("Gesuch eingereicht am", initial=timezone.localdate)
    begehrt_von = datum_feld("Begehrt von")
    begehrt_bis = datum_feld("Begehrt bis (letzter Tag)")
    begruendung = forms.CharField(
        label="Begründung des Gesuchs", required=False, widget=forms.Textarea(attrs=_TEXT)
    )
    arztzeugnis = forms.FileField(
        label="Arztzeugnis (§ 14 Abs. 3)",
        required=False,
        help_text="Bei Hafterstehungsunfähigkeit (lit. a); kann auch nachgereicht werden.",
    )
    arztzeugnis_ausgestellt_am = datum_feld("Arztzeugnis ausgestellt am", required=False)

    def __init__(self, *args, fall, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the custodial sanctions of this case can be deferred or interrupted (R-14-1).
        self.fields["sanktion"].queryset = (
            Sanktion.objects.filter(entscheid__fall=fall, art__in=sorted(AUFSCHIEBBARE_SANKTIONEN))
            .select_related("entscheid")
            .order_by("pk")
        )
        einzige = list(self.fields["sanktion"].queryset[:2])
        if len(einzige) == 1:
            self.fields["sanktion"].initial = einzige[0].pk


class EntscheidForm(forms.Form):
    bewilligen = forms.TypedChoiceField(
        label="Entscheid",
        choices=[("ja", "Gesuch bewilligen"), ("nein", "Gesuch abweisen")],
        coerce=lambda wert: wert == "ja",
        widget=forms.RadioSelect,
    )
    bewilligt_von = datum_feld("Bewilligt von", required=False, help_text="Leer = wie begehrt")
    bewilligt_bis = datum_feld("Bewilligt bis (letzter Tag)", required=False, help_text="Leer = wie begehrt")
    beurteilung_vollzugsdauer = forms.CharField(
        label="Voraussichtliche Vollzugsdauer (§ 14 Abs. 1)",
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )
    fluchtgefahr = forms.ChoiceField(
        label="Fluchtgefahr", required=False, choices=LEER + Gefahrenstufe.choices
    )
    wiederholungsgefahr = forms.ChoiceField(
        label="Wiederholungsgefahr", required=False, choices=LEER + Gefahrenstufe.choices
    )
    beurteilung_gefahren = forms.CharField(
        label="Würdigung der Flucht- und Wiederholungsgefahr",
        required=False,
        widget=forms.Textarea(attrs=_TEXT),
    )
    besondere_untersuchungen = forms.CharField(
        label="Besondere Untersuchungen (§ 14 Abs. 4)", required=False, widget=forms.Textarea(attrs=_TEXT)
    )
    vorsorgliche_massnahmen = forms.CharField(
        label="Vorsorgliche Massnahmen (§ 14 Abs. 5)", required=False, widget=forms.Textarea(attrs=_TEXT)
    )
    entscheid_begruendung = forms.CharField(
        label="Begründung des Entscheids", required=False, widget=forms.Textarea(attrs=_TEXT)
    )


class ArztzeugnisForm(forms.Form):
    arztzeugnis = forms.FileField(label="Arztzeugnis (§ 14 Abs. 3)", required=False)
    arztzeugnis_ausgestellt_am = datum_feld("Ausgestellt am", required=False)


class AntretenForm(forms.Form):
    unterbrechung_ab = zeitpunkt_feld("Unterbrechung angetreten am", initial=jetzt_auf_minute)


class BeendenForm(forms.Form):
    unterbrechung_beendet_am = zeitpunkt_feld("Wiedereintritt am", initial=jetzt_auf_minute)
    anstalt = forms.ModelChoiceField(
        label="Einrichtung",
        required=False,
        queryset=Anstalt.objects.filter(aktiv=True),
        empty_label="– dieselbe wie vor der Unterbrechung –",
    )


class GesuchFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "alle")] + Gesuchsstatus.choices)
    art = forms.ChoiceField(label="Art", required=False, choices=[("", "alle")] + Gesuchsart.choices)
