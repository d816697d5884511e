"""Browser forms of the cost module: they only type the input; rules and messages come from
`kosten.domain` and are attached to the fields with `fehler_uebernehmen`."""

from decimal import Decimal

from django import forms

from kern.web.forms import LEER, datum_feld
from kosten.models import Sozialdienst
from kosten.recht import Beteiligungsgrundlage, Kanton, Kostenkategorie, Zahler
from vollzug.models import Anstalt
from vollzug.recht import Vollzugsform

GELD_FEHLER = {
    "invalid": "R-KOST-1: Betrag in CHF mit Punkt und höchstens zwei Dezimalstellen (z. B. 1234.55)."
}


def geld_feld(label, **kw):
    # forms.DecimalField yields Decimal (never float); the service checks Rappen and sign with the rule.
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        error_messages={**GELD_FEHLER, "max_decimal_places": GELD_FEHLER["invalid"]},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "zahl"}),
        **kw,
    )


class KostgeldForm(forms.Form):
    anstalt = forms.ModelChoiceField(
        label="Einrichtung", queryset=Anstalt.objects.filter(aktiv=True), empty_label=LEER[0][1]
    )
    vollzugsform = forms.ChoiceField(
        label="Vollzugsform", choices=Vollzugsform.choices, initial=Vollzugsform.NORMALVOLLZUG
    )
    gueltig_ab = datum_feld("gültig ab")
    gueltig_bis = datum_feld("gültig bis (leer = unbefristet)", required=False)
    betrag = geld_feld("Tagesansatz (CHF)")
    bemerkung = forms.CharField(label="Bemerkung", required=False, max_length=200)


class PositionForm(forms.Form):
    kategorie = forms.ChoiceField(label="Kategorie", choices=LEER + list(Kostenkategorie.choices))
    datum = datum_feld("Datum")
    bezeichnung = forms.CharField(label="Bezeichnung", max_length=200)
    betrag = geld_feld("Betrag (CHF)")
    subsidiaer = forms.BooleanField(
        label="Von der Sozialhilfe subsidiär mitzutragen (§ 47 Abs. 2 JVG) – Zahler nach Unterstützungswohnsitz",
        required=False,
    )
    zahler = forms.ChoiceField(
        label="Zahler (leer = nach Gesetz)",
        choices=[("", "– nach Gesetz (§§ 46, 47, 50) –")] + list(Zahler.choices),
        required=False,
        help_text="Nur bei Dritten, Bund oder Weiterverrechnung (§§ 49, 50) ändern.",
    )
    dritter = forms.CharField(label="Dritte (Name)", required=False, max_length=150)
    weiterverrechnung_grund = forms.CharField(
        label="Grundlage der Weiterverrechnung (§§ 49, 50)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    beleg = forms.FileField(label="Beleg (Quelldokument)")


class AbschreibenForm(forms.Form):
    uneinbringlich_grund = forms.CharField(
        label="Grund (z. B. Verlustschein)", widget=forms.Textarea(attrs={"rows": 2})
    )


class WohnsitzForm(forms.Form):
    kanton = forms.ChoiceField(label="Kanton", choices=Kanton.choices, initial=Kanton.LU)
    sozialdienst = forms.ModelChoiceField(
        label="Sozialdienst der Gemeinde (nur Luzern)",
        queryset=Sozialdienst.objects.filter(aktiv=True),
        required=False,
    )
    gemeinde = forms.CharField(label="Gemeinde (ausserkantonal)", required=False, max_length=80)
    gueltig_ab = datum_feld("gültig ab")


class BeteiligungForm(forms.Form):
    grundlage = forms.ChoiceField(
        label="Grundlage (Art. 380 Abs. 2 StGB)", choices=Beteiligungsgrundlage.choices
    )
    von = datum_feld("von")
    bis = datum_feld("bis (letzter Tag)")
    einkommen_monatlich = geld_feld("Einkommen/Arbeitsentgelt pro Monat (CHF)")
    abzuege_monatlich = geld_feld("Abzüge pro Monat (CHF)", initial=Decimal("0.00"))
    abzuege_text = forms.CharField(
        label="Abzüge (Art)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    betrag_pro_tag = geld_feld("Beteiligung der Person pro Vollzugstag (CHF)")
    begruendung = forms.CharField(
        label="Begründung (Angemessenheit)", widget=forms.Textarea(attrs={"rows": 4})
    )
    eltern1_name = forms.CharField(
        label="Elternteil 1: Name, Vorname (nur Jugendliche)", required=False, max_length=150
    )
    eltern1_adresse = forms.CharField(
        label="Elternteil 1: Adresse", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    eltern1_betrag = geld_feld("Elternteil 1: Beitrag pro Tag (CHF)", required=False)
    eltern2_name = forms.CharField(label="Elternteil 2: Name, Vorname", required=False, max_length=150)
    eltern2_adresse = forms.CharField(
        label="Elternteil 2: Adresse", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    eltern2_betrag = geld_feld("Elternteil 2: Beitrag pro Tag (CHF)", required=False)


class AbrechnungForm(forms.Form):
    zahler = forms.ChoiceField(label="Zahler", choices=Zahler.choices)
    periode_von = datum_feld("Periode von")
    periode_bis = datum_feld("Periode bis")
    sozialdienst = forms.ModelChoiceField(
        label="Sozialdienst (bei Sozialhilfe)", queryset=Sozialdienst.objects.all(), required=False
    )
    personennummer = forms.CharField(
        label="Personennummer (bei Person/Eltern)", required=False, max_length=20
    )
    dritter = forms.CharField(label="Dritte / Elternteil (Name)", required=False, max_length=150)


class PositionFilterForm(forms.Form):
    zahler = forms.ChoiceField(label="Zahler", choices=[("", "alle")] + list(Zahler.choices), required=False)
