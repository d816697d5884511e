"""Browser forms of §§ 25, 26, 28, 32 JVG. They only parse and type the input: every rule with a § lives
in `zwangsmassnahmen/domain/`, whose ValidationError comes back to these fields (field names = the
services' keys, `vollzug.forms.fehler_uebernehmen`)."""

from django import forms

from kern.web.forms import datum_feld, jetzt_auf_minute, zeitpunkt_feld
from vollzug.models import Anstalt
from zwangsmassnahmen.recht import (
    Abwesenheitsart,
    Gefaehrdung,
    GerichtEntscheid,
    Haftstatus,
    Haftvariante,
    Kontrollart,
    Kontrollergebnis,
    Kontrollstatus,
    Nachverfahren,
    Zufuehrungsart,
)

_TEXT = forms.Textarea(attrs={"rows": 3})
_LEER = [("", "–")]


def _fall_feld(faelle, hilfe: str) -> forms.ModelChoiceField:
    feld = forms.ModelChoiceField(
        label="Person (Vollzugsfall)", queryset=faelle, empty_label="– Person wählen –", help_text=hilfe
    )
    feld.label_from_instance = lambda f: f"{f.person.amtlicher_name} {f.person.vorname} · {f.fallnummer}"
    return feld


def _anstalt_feld(label: str, required: bool = True) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=Anstalt.objects.filter(aktiv=True).order_by("name"),
        required=required,
        empty_label="–",
    )


class HaftForm(forms.Form):
    variante = forms.ChoiceField(
        label="Variante", choices=Haftvariante.choices, initial=Haftvariante.EIGENE_ANORDNUNG
    )
    verfahren_art = forms.ChoiceField(
        label="Nachträgliches Verfahren (Art. 363 ff. StPO)",
        choices=_LEER + Nachverfahren.choices,
        required=False,
    )
    verfahren_referenz = forms.CharField(
        label="Geschäftsnummer des Verfahrens", max_length=60, required=False
    )
    verfahren_eingeleitet_am = datum_feld("Verfahren eingeleitet am", required=False)
    wahrscheinlichkeit = forms.CharField(
        label="Hinreichende Wahrscheinlichkeit (§ 25 Abs. 1)",
        widget=_TEXT,
        required=False,
        max_length=10000,
        help_text="Weshalb eine Rückversetzung, eine Freiheitsstrafe oder eine freiheitsentziehende Massnahme wahrscheinlich ist.",
    )
    grund_oeffentlichkeit = forms.BooleanField(
        label="a) Die Öffentlichkeit ist erheblich gefährdet", required=False
    )
    grund_massnahmenzweck = forms.BooleanField(
        label="b) Der Massnahmenzweck kann nicht anders gewährleistet werden", required=False
    )
    grund_flucht = forms.BooleanField(label="c) Fluchtgefahr", required=False)
    begruendung = forms.CharField(
        label="Begründung der Haftgründe", widget=_TEXT, required=False, max_length=10000
    )
    festnahme_am = zeitpunkt_feld(
        "Festnahme (Abs. 1)", required=False, help_text="Ab hier laufen die 48 Stunden."
    )
    anstalt = _anstalt_feld("Haftort", required=False)
    antrag_am = zeitpunkt_feld("Antrag an die Verfahrensleitung (Abs. 3)", required=False)
    antrag_referenz = forms.CharField(label="Referenz des Antrags (Abs. 3)", max_length=60, required=False)

    def __init__(self, *args, faelle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "fall": _fall_feld(faelle, "Fall der Person, gegen die das nachträgliche Verfahren läuft."),
            **self.fields,
        }


class AntragForm(forms.Form):
    antrag_am = zeitpunkt_feld("Eingereicht am", initial=jetzt_auf_minute)
    antrag_referenz = forms.CharField(
        label="Referenz (Zwangsmassnahmengericht)", max_length=60, required=False
    )


class GerichtForm(forms.Form):
    gericht_entscheid = forms.ChoiceField(label="Entscheid", choices=GerichtEntscheid.choices)
    gericht_entscheid_am = zeitpunkt_feld("Entscheid vom", initial=jetzt_auf_minute)


class HaftEndeForm(forms.Form):
    beendet_am = zeitpunkt_feld("Haft beendet am", initial=jetzt_auf_minute)
    beendet_grund = forms.CharField(label="Grund", widget=_TEXT, required=False, max_length=5000)


class VersetzungForm(forms.Form):
    anstalt = _anstalt_feld("Neue Vollzugseinrichtung")
    abteilung = forms.CharField(label="Abteilung", max_length=80, required=False)
    am = zeitpunkt_feld("Versetzt am", initial=jetzt_auf_minute)
    undurchfuehrbar = forms.CharField(
        label="Weshalb die Massnahme vorübergehend undurchführbar ist",
        widget=_TEXT,
        required=False,
        max_length=10000,
    )
    gefaehrdung = forms.ChoiceField(
        label="Erhebliche Gefährdung", choices=_LEER + Gefaehrdung.choices, required=False
    )
    gefaehrdung_begruendung = forms.CharField(
        label="Begründung der Gefährdung", widget=_TEXT, required=False, max_length=10000
    )
    voraussichtlich_bis = datum_feld("Voraussichtlich bis", required=False)

    def __init__(self, *args, faelle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"fall": _fall_feld(faelle, "Fälle im Vollzug."), **self.fields}


class KontrolleForm(forms.Form):
    art = forms.ChoiceField(
        label="Art",
        choices=_LEER + [(k, v) for k, v in Kontrollart.choices if k != Kontrollart.LEIBESVISITATION],
        required=False,
    )
    zeitpunkt = zeitpunkt_feld("Zeitpunkt", initial=jetzt_auf_minute)
    ort = forms.CharField(
        label="Ort",
        max_length=120,
        required=False,
        help_text="Bei Durchsuchungen Pflicht (Zelle, Effektenraum …).",
    )
    ergebnis = forms.ChoiceField(label="Ergebnis", choices=_LEER + Kontrollergebnis.choices, required=False)
    ergebnis_text = forms.CharField(
        label="Befund",
        widget=_TEXT,
        required=False,
        max_length=5000,
        help_text="Bei positivem Test: worauf (Substanz, Wert).",
    )
    fundgegenstaende = forms.CharField(
        label="Gefundene Gegenstände", widget=_TEXT, required=False, max_length=5000
    )
    beteiligte = forms.CharField(label="Weitere beteiligte Mitarbeitende", max_length=200, required=False)
    verdacht = forms.CharField(
        label="Anlass / Verdacht (freiwillig)", widget=_TEXT, required=False, max_length=5000
    )

    def __init__(self, *args, faelle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "fall": _fall_feld(faelle, "Personen, die in Ihrer Einrichtung platziert sind."),
            **self.fields,
        }


class LeibesvisitationForm(forms.Form):
    verdacht = forms.CharField(
        label="Verdacht",
        widget=_TEXT,
        required=False,
        max_length=5000,
        help_text="Welche unerlaubten Gegenstände die Person auf sich tragen oder in Körperöffnungen verbergen soll.",
    )

    def __init__(self, *args, faelle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "fall": _fall_feld(faelle, "Personen, die in Ihrer Einrichtung platziert sind."),
            **self.fields,
        }


class EntscheidForm(forms.Form):
    anordnen = forms.TypedChoiceField(
        label="Entscheid",
        choices=[("1", "Anordnen"), ("0", "Ablehnen")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    kommentar = forms.CharField(
        label="Kommentar (bei Ablehnung Pflicht)", widget=_TEXT, required=False, max_length=5000
    )


class DurchfuehrungForm(forms.Form):
    zeitpunkt = zeitpunkt_feld("Durchgeführt am", initial=jetzt_auf_minute)
    ort = forms.CharField(label="Ort", max_length=120, required=False)
    gleiches_geschlecht = forms.BooleanField(
        label="Durch eine Person gleichen Geschlechts (Art. 85 Abs. 2 StGB)", required=False
    )
    ergebnis = forms.ChoiceField(label="Ergebnis", choices=_LEER + Kontrollergebnis.choices, required=False)
    ergebnis_text = forms.CharField(label="Befund", widget=_TEXT, required=False, max_length=5000)
    fundgegenstaende = forms.CharField(
        label="Gefundene Gegenstände", widget=_TEXT, required=False, max_length=5000
    )
    beteiligte = forms.CharField(label="Weitere beteiligte Mitarbeitende", max_length=200, required=False)


class EntweichungForm(forms.Form):
    art = forms.ChoiceField(label="Art", choices=Abwesenheitsart.choices)
    festgestellt_am = zeitpunkt_feld("Abwesenheit festgestellt am", initial=jetzt_auf_minute)
    umstaende = forms.CharField(label="Umstände", widget=_TEXT, required=False, max_length=10000)

    def __init__(self, *args, faelle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "fall": _fall_feld(faelle, "Personen, die in Ihrer Einrichtung platziert sind."),
            **self.fields,
        }


class InformiertForm(forms.Form):
    einweisungsbehoerde_informiert_am = zeitpunkt_feld("Informiert am", initial=jetzt_auf_minute)


class ZufuehrungForm(forms.Form):
    zugefuehrt_am = zeitpunkt_feld("Zugeführt am", initial=jetzt_auf_minute)
    zufuehrung_art = forms.ChoiceField(label="Art", choices=Zufuehrungsart.choices)
    zufuehrung_bemerkung = forms.CharField(label="Bemerkung", widget=_TEXT, required=False, max_length=5000)


# --- List filters ------------------------------------------------------------------------------


class HaftFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[
            ("", "alle"),
            ("offen", "Antrag innert 48 Stunden offen"),
            ("ueberfaellig", "Antrag überfällig"),
        ]
        + Haftstatus.choices,
    )
    anstalt = _anstalt_feld("Haftort", required=False)


class KontrolleFilterForm(forms.Form):
    art = forms.ChoiceField(label="Art", choices=[("", "alle")] + Kontrollart.choices, required=False)
    status = forms.ChoiceField(
        label="Status", choices=[("", "alle")] + Kontrollstatus.choices, required=False
    )


class EntweichungFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "alle"), ("offen", "offen"), ("zugefuehrt", "zugeführt")],
        required=False,
    )
