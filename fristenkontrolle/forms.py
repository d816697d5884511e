"""Filter form of the deadline overview (R-0-FRIST-4): facility, person, type."""

from django import forms

from kern.erweiterungen import QUELLEN
from kern.rollen import ANSTALTSROLLEN
from vollzug.models import Anstalt


class FristFilterForm(forms.Form):
    anstalt = forms.ModelChoiceField(
        label="Einrichtung",
        required=False,
        queryset=Anstalt.objects.none(),
        empty_label="alle",
        error_messages={
            "invalid_choice": "R-0-ROLE-1: Diese Einrichtung gibt es nicht oder sie ist für Sie nicht sichtbar."
        },
    )
    person = forms.CharField(
        label="Person",
        required=False,
        max_length=100,
        help_text="Name, Vorname oder Personennummer",
    )
    # Links from a person's file pass the id; the text field is for people.
    person_id = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"invalid": "Ungültige Personen-ID.", "min_value": "Ungültige Personen-ID."},
    )
    typ = forms.ChoiceField(label="Typ", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Facility roles choose only their own facility (R-0-ROLE-1); the others see all.
        anstalten = Anstalt.objects.order_by("name")
        if user.rolle in ANSTALTSROLLEN:
            anstalten = anstalten.filter(pk=user.anstalt_id)
        self.fields["anstalt"].queryset = anstalten
        # Built per request from the registry: a module that registers a source appears here by itself.
        self.fields["typ"].choices = [("", "alle")] + sorted(
            ((typ, bezeichnung) for typ, (bezeichnung, _quelle) in QUELLEN.items()), key=lambda c: c[1]
        )
        self.fields["typ"].error_messages["invalid_choice"] = "Unbekannter Fristtyp «%(value)s»."

    def filter(self) -> dict:
        """Keyword arguments for `alle_fristen` (call after `is_valid()`)."""
        daten = self.cleaned_data
        person = daten.get("person_id") or (daten.get("person") or "").strip() or None
        return {"anstalt": daten.get("anstalt"), "person": person, "typ": daten.get("typ") or None}
