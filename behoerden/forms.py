"""Forms of the partner-agency pages: agency (admin) and the disclosure-log filter (auditors)."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from behoerden.models import Behoerde, Behoerdentyp
from behoerden.recht import FREIGABEN
from kern.web.forms import datum_feld


class BehoerdeForm(forms.Form):
    name = forms.CharField(label="Name", max_length=150)
    typ = forms.ChoiceField(label="Behördentyp (§ 21 Abs. 3 JVG)", choices=[("", "–"), *Behoerdentyp.choices])
    gemeinde = forms.CharField(
        label="Gemeinde", max_length=100, required=False, help_text="Nur Sozialämter und Betreibungsämter."
    )
    kontakt_name = forms.CharField(label="Kontaktperson", max_length=150, required=False)
    kontakt_email = forms.EmailField(label="E-Mail Kontakt", required=False)
    kontakt_telefon = forms.CharField(label="Telefon Kontakt", max_length=40, required=False)


class BekanntgabeFilterForm(forms.Form):
    behoerde = forms.ModelChoiceField(
        label="Behörde", queryset=Behoerde.objects.order_by("name"), required=False, empty_label="alle"
    )
    person = forms.CharField(
        label="Person", max_length=20, required=False, help_text="Personennummer (P-000001)."
    )
    zweck = forms.ChoiceField(label="Zweck", required=False)
    von = datum_feld("von", required=False)
    bis = datum_feld("bis", required=False, help_text="einschliesslich")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = sorted({z.code for f in FREIGABEN.values() for z in f.zwecke})
        self.fields["zweck"].choices = [("", "alle"), *((c, c) for c in codes)]

    def clean(self):
        daten = super().clean()
        von, bis = daten.get("von"), daten.get("bis")
        if von and bis and bis < von:
            self.add_error("bis", forms.ValidationError("«bis» liegt vor «von».", code="bis_vor_von"))
        return daten

    def filter(self) -> dict:
        """Keyword arguments of queries.bekanntgaben (after is_valid); whole days in Europe/Zurich."""
        d = self.cleaned_data
        von = d.get("von")
        bis = d.get("bis")
        return {
            "behoerde": d.get("behoerde"),
            "personennummer": (d.get("person") or "").strip().upper(),
            "zweck": d.get("zweck") or "",
            "von": timezone.make_aware(datetime.combine(von, time.min)) if von else None,
            "bis": timezone.make_aware(datetime.combine(bis + timedelta(days=1), time.min)) if bis else None,
        }
