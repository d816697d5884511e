"""The auditor's filter form, shared by the change log and the read log (R-0-AUDIT-2)."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from kern.web.forms import datum_feld
from protokoll.domain import historie
from protokoll.queries import benutzer_suchen, personen_suchen

EXPORT_TYPEN = [
    ("protokoll.aenderungen", "Export Änderungsprotokoll"),
    ("protokoll.lesezugriffe", "Export Lesezugriffe"),
]


class ProtokollFilterForm(forms.Form):
    person = forms.CharField(
        label="Person",
        required=False,
        max_length=100,
        help_text="Personennummer oder Name (auch Teile davon).",
    )
    benutzer = forms.CharField(
        label="Benutzer/in", required=False, max_length=150, help_text="Benutzername oder Name."
    )
    von = datum_feld("von", required=False)
    bis = datum_feld("bis", required=False, help_text="einschliesslich")
    typ = forms.ChoiceField(label="Objekttyp", required=False)

    def __init__(self, *args, mit_export_typen: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["typ"].choices = [
            ("", "alle"),
            *historie.typ_auswahl(),
            *(EXPORT_TYPEN if mit_export_typen else []),
        ]

    def clean(self):
        daten = super().clean()
        von, bis = daten.get("von"), daten.get("bis")
        if von and bis and bis < von:
            self.add_error("bis", forms.ValidationError("«bis» liegt vor «von».", code="bis_vor_von"))
        return daten

    def filter(self) -> historie.Filter:
        """The resolved filters (call after is_valid()); days are whole days in Europe/Zurich."""
        d = self.cleaned_data
        return historie.Filter(
            personen=personen_suchen(d["person"]) if d.get("person", "").strip() else None,
            benutzer=benutzer_suchen(d["benutzer"]) if d.get("benutzer", "").strip() else None,
            ab=_tagesbeginn(d["von"]) if d.get("von") else None,
            bis=_tagesbeginn(d["bis"] + timedelta(days=1)) if d.get("bis") else None,
            typ=d.get("typ") or "",
        )


def _tagesbeginn(tag) -> datetime:
    # Midnight local time (DST-safe: make_aware resolves the wall clock in Europe/Zurich).
    return timezone.make_aware(datetime.combine(tag, time.min))


class SicherheitsFilterForm(forms.Form):
    """Filter of the security log (issue 18 item 4)."""

    benutzer = forms.CharField(
        label="Benutzer/in", required=False, max_length=150, help_text="Benutzername (auch Teile davon)."
    )
    art = forms.ChoiceField(label="Ereignis", required=False)
    von = datum_feld("von", required=False)
    bis = datum_feld("bis", required=False, help_text="einschliesslich")

    def __init__(self, *args, **kwargs):
        from kern.models import Sicherheitsart

        super().__init__(*args, **kwargs)
        self.fields["art"].choices = [("", "alle"), *Sicherheitsart.choices]

    def clean(self):
        daten = super().clean()
        von, bis = daten.get("von"), daten.get("bis")
        if von and bis and bis < von:
            self.add_error("bis", forms.ValidationError("«bis» liegt vor «von».", code="bis_vor_von"))
        if von:
            daten["ab"] = _tagesbeginn(von)
        if bis:
            daten["bis_vor"] = _tagesbeginn(bis + timedelta(days=1))
        return daten
