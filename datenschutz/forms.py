"""Browser forms of the data-protection module: types only; every rule is in the domain functions."""

from django import forms

from datenschutz.recht import Deliktsschwere, Empfaengerart, Fachrichtung, Kontaktzweck, Mandatsart
from kern.rollen import Rolle

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _datum(label, **kw):
    return forms.DateField(label=label, widget=_DATUM, **kw)


class EntbindungForm(forms.Form):
    empfaenger = forms.CharField(label="Empfänger/in", max_length=150)
    empfaenger_art = forms.ChoiceField(label="Art", choices=Empfaengerart.choices)
    umfang = forms.CharField(label="Umfang (welche Informationen)", widget=forms.Textarea(attrs={"rows": 3}))
    erteilt_am = _datum("erteilt am")
    gueltig_bis = _datum("gültig bis", required=False)
    dokument = forms.FileField(label="Unterzeichnete Entbindung (optional)", required=False)


class WiderrufForm(forms.Form):
    widerrufen_am = _datum("widerrufen am")
    bemerkung = forms.CharField(label="Bemerkung", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class KontaktForm(forms.Form):
    empfaenger = forms.CharField(label="Empfänger/in", max_length=150)
    empfaenger_art = forms.ChoiceField(label="Art", choices=Empfaengerart.choices)
    datum = _datum("Datum des Kontakts")
    inhalt = forms.CharField(label="Inhalt (Zusammenfassung)", widget=forms.Textarea(attrs={"rows": 3}))
    entbindung = forms.ModelChoiceField(
        label="Gestützt auf Schweigepflichtentbindung", queryset=None, required=False, empty_label="– keine –"
    )
    zweck = forms.ChoiceField(
        label="Ohne Entbindung: Zweck (§ 23 Abs. 2)",
        choices=[("", "–"), *Kontaktzweck.choices],
        required=False,
    )
    rechtfertigung = forms.CharField(
        label="Ohne Entbindung: Begründung (§ 23 Abs. 2)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Warum der Kontakt zur Resozialisierung oder Rückfallverhinderung wesentlich beiträgt.",
    )

    def __init__(self, *args, entbindungen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entbindung"].queryset = entbindungen


class AnzeigeForm(forms.Form):
    datum = _datum("Datum der Anzeige")
    referenz = forms.CharField(label="Referenz", max_length=80)
    staatsanwaltschaft = forms.CharField(
        label="Staatsanwaltschaft", max_length=150, initial="Staatsanwaltschaft des Kantons Luzern"
    )
    schwere = forms.ChoiceField(label="Vergehen oder Verbrechen", choices=Deliktsschwere.choices)
    tatbestand = forms.CharField(label="Tatbestand (z. B. Art. 139 StGB)", max_length=150, required=False)
    sachverhalt = forms.CharField(
        label="Sachverhalt / konkrete Anhaltspunkte", widget=forms.Textarea(attrs={"rows": 4})
    )
    disziplinarverfahren = forms.ModelChoiceField(
        label="Disziplinarverfahren (Strafanzeige vorgemerkt, § 40 Abs. 4)", queryset=None, required=False
    )

    def __init__(self, *args, verfahren, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disziplinarverfahren"].queryset = verfahren


class MandatForm(forms.Form):
    fachperson = forms.ModelChoiceField(label="Fachperson", queryset=None)
    art = forms.ChoiceField(label="Auftrag", choices=Mandatsart.choices)
    fachrichtung = forms.ChoiceField(label="Fachrichtung", choices=Fachrichtung.choices)
    referenz = forms.CharField(label="Referenz des Auftrags", max_length=80)
    auftrag = forms.CharField(label="Auftrag / Fragestellung", widget=forms.Textarea(attrs={"rows": 3}))
    gueltig_ab = _datum("Zugriff ab", required=False, help_text="Leer: heute.")
    gueltig_bis = _datum(
        "Zugriff bis",
        required=False,
        help_text="Begutachtung: leer = Standardfrist (JVG_FACHPERSON_ZUGRIFF_MONATE).",
    )

    def __init__(self, *args, **kwargs):
        from kern.models import Benutzer

        super().__init__(*args, **kwargs)
        self.fields["fachperson"].queryset = Benutzer.objects.filter(
            rolle=Rolle.MEDIZIN, is_active=True
        ).order_by("last_name", "first_name")


class BeendenForm(forms.Form):
    grund = forms.CharField(
        label="Grund der vorzeitigen Beendigung", widget=forms.Textarea(attrs={"rows": 2})
    )
