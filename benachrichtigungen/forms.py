"""Admin forms of the webhook subscriptions: types only; the rules are in `domain/`."""

from django import forms

from kern.ereignisse import Ereignistyp


class AbonnementForm(forms.Form):
    behoerde = forms.ModelChoiceField(label="Partnerbehörde", queryset=None)
    url = forms.CharField(label="Empfangs-URL (https)", max_length=500)
    ereignistypen = forms.MultipleChoiceField(
        label="Ereignistypen",
        choices=Ereignistyp.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from behoerden.models import Behoerde

        super().__init__(*args, **kwargs)
        self.fields["behoerde"].queryset = Behoerde.objects.filter(aktiv=True).order_by("name")
