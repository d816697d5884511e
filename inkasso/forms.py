"""Browser forms of Inkasso: bounded input, German messages; the rules are in `inkasso.domain`."""

from decimal import Decimal

from django import forms

from inkasso.models import Forderungsart
from kern.dateien import CAMT, DateiArtValidator
from kern.web.forms import LEER, datum_feld

GELD = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


class ForderungForm(forms.Form):
    person = forms.ModelChoiceField(queryset=None, label="Person")
    art = forms.ChoiceField(choices=LEER + list(Forderungsart.choices), label="Art")
    behoerde = forms.CharField(
        max_length=200, label="Urteilende Behörde", initial="Staatsanwaltschaft Luzern"
    )
    referenz = forms.CharField(max_length=100, label="Referenz des Entscheids")
    entscheid_datum = datum_feld("Entscheiddatum")
    rechtskraft_am = datum_feld("rechtskräftig seit")
    tagessaetze = forms.IntegerField(
        required=False, min_value=0, max_value=10_000, label="Anzahl Tagessätze (unbedingt)"
    )
    tagessatz = forms.DecimalField(required=False, label="Tagessatz (CHF)", **GELD)
    tagessatz_ausnahme = forms.BooleanField(
        required=False, label="Ausnahmsweise Tagessatz unter CHF 30 (Art. 34 Abs. 2 StGB)"
    )
    betrag = forms.DecimalField(required=False, label="Betrag (CHF; Busse, Ersatzforderung, Kosten)", **GELD)
    efs_tage = forms.IntegerField(
        required=False, min_value=0, max_value=10_000, label="Ersatzfreiheitsstrafe laut Urteil (Tage, Busse)"
    )
    frist_monate = forms.IntegerField(
        min_value=0, max_value=100, initial=1, label="Zahlungsfrist (Monate, 1–6)"
    )

    def __init__(self, *args, personen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = personen


class FristForm(forms.Form):
    neue_frist = datum_feld("Neue Zahlungsfrist")
    begruendung = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label="Begründung (Gesuch)"
    )


class RatenForm(forms.Form):
    anzahl = forms.IntegerField(min_value=0, max_value=1000, label="Anzahl Monatsraten")
    erste_faellig_am = datum_feld("Erste Rate fällig am")
    begruendung = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label="Begründung (Gesuch)"
    )


class SofortForm(forms.Form):
    sicherheit = forms.DecimalField(
        required=False, label="Sicherheitsleistung (CHF, leer = sofortige Bezahlung)", **GELD
    )
    begruendung = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Grund zur Annahme, die Person entziehe sich",
    )


class ZahlungForm(forms.Form):
    betrag = forms.DecimalField(label="Betrag (CHF)", **GELD)
    valuta = datum_feld("Valuta")
    bemerkung = forms.CharField(max_length=200, required=False, label="Bemerkung")


class GrundForm(forms.Form):
    begruendung = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label="Begründung"
    )


class ArbeitForm(forms.Form):
    einsatzbetrieb = forms.CharField(max_length=200, label="Einsatzbetrieb")
    frist_bis = datum_feld("Zu leisten bis")


class EinsatzForm(forms.Form):
    datum = datum_feld("Datum")
    stunden = forms.DecimalField(max_digits=5, decimal_places=2, min_value=0, label="Stunden")


class BetreibungForm(forms.Form):
    betreibungsamt = forms.CharField(max_length=200, label="Betreibungsamt", initial="Betreibungsamt Luzern")
    schuldner_adresse = forms.CharField(
        max_length=300,
        label="Adresse des Schuldners (Strasse, PLZ Ort)",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    zins_prozent = forms.DecimalField(
        label="Verzugszins in % (leer: kein Zins)",
        required=False,
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("5.00"),
    )
    zins_ab = datum_feld("Zins seit", required=False)


class ImportForm(forms.Form):
    datei = forms.FileField(label="camt.054-Datei (XML)", max_length=200)
    datei.validators = [DateiArtValidator(CAMT)]  # XML of the camt namespace only (kern.dateien)


class ZuordnenForm(forms.Form):
    forderung = forms.CharField(max_length=20, label="Forderungsnummer (IK-…)")
