"""Browser forms of the Vollzugsdaten. They only parse, type and bound the input; every rule lives in
`vollzugsdaten/domain/`, whose ValidationError comes back to the fields (R-0-BAD-1)."""

from django import forms

from kern.strafzeit import MAX_TAGE
from kern.web.forms import datum_feld, zeitpunkt_feld
from vollzugsdaten.recht import (
    NEUPRUEFUNG_MONATE,
    PROBEZEIT_MAX_JAHRE,
    PROBEZEIT_MIN_JAHRE,
    VORLAUF_MAX_MONATE,
    VORLAUF_MIN_MONATE,
    Antragsart,
    Antwort,
    Entscheidfolge,
    Ergebnis,
    Massnahmenartikel,
    Pruefungsart,
)

_TEXT = forms.Textarea(attrs={"rows": 3})
_LANG = 5000


def _wahl(choices):
    return [("", "– bitte wählen –"), *choices]


def _tage(label):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_TAGE,
        initial=0,
        error_messages={
            "min_value": "Der Wert darf nicht negativ sein (Art. 51 StGB).",
            "max_value": f"Höchstens {MAX_TAGE} Tage.",
            "invalid": "Bitte eine ganze Zahl von Tagen eingeben.",
        },
    )


class AngabenForm(forms.Form):
    lebenslang = forms.BooleanField(
        label="Lebenslängliche Freiheitsstrafe (Art. 40 Abs. 2 StGB)", required=False
    )
    angerechnete_tage = _tage("Vom Gericht angerechnete Tage (Art. 51 StGB)")
    anrechnung_beleg = forms.CharField(
        label="Fundstelle im Urteil", max_length=200, required=False, help_text="z. B. «Dispositiv Ziff. 3»."
    )
    anderswo_tage = _tage("Anderswo verbüsste Tage (§ 2 Abs. 1 lit. c JVG)")
    anderswo_beleg = forms.CharField(
        label="Beleg (anderer Kanton, Rechtshilfe)", max_length=200, required=False
    )
    vorlauf_monate = forms.IntegerField(
        label="Prüfung der bedingten Entlassung: Monate vorher (nur für diesen Fall)",
        required=False,
        min_value=VORLAUF_MIN_MONATE,
        max_value=VORLAUF_MAX_MONATE,
        help_text="Leer lassen für die Vorgabe des Systems (Art. 86 Abs. 2 StGB).",
        error_messages={
            "min_value": "Mindestens ein Monat (Art. 86 Abs. 2 StGB).",
            "max_value": "Höchstens zwölf Monate (Art. 86 Abs. 2 StGB).",
            "invalid": "Bitte eine ganze Zahl von Monaten eingeben.",
        },
    )
    vorlauf_begruendung = forms.CharField(label="Begründung der Vorlaufzeit", max_length=300, required=False)

    def clean(self):
        daten = super().clean()
        # R-VD-1: credit is entered from the judgment, never guessed.
        if daten.get("angerechnete_tage") and not (daten.get("anrechnung_beleg") or "").strip():
            self.add_error(
                "anrechnung_beleg", "Die Fundstelle im Urteil angeben (Art. 51 StGB: nie geschätzt)."
            )
        if daten.get("anderswo_tage") and not (daten.get("anderswo_beleg") or "").strip():
            self.add_error(
                "anderswo_beleg", "Den Beleg der anderswo verbüssten Tage angeben (§ 2 Abs. 1 lit. c JVG)."
            )
        if daten.get("vorlauf_monate") is not None and not (daten.get("vorlauf_begruendung") or "").strip():
            self.add_error(
                "vorlauf_begruendung",
                "Begründen, weshalb die Prüfung (Art. 86 Abs. 2 StGB) in diesem Fall mit einer anderen "
                "Vorlaufzeit beginnt.",
            )
        return daten


class BerichtForm(forms.Form):
    bericht = forms.CharField(
        label="Bericht der Einrichtung (Art. 86 Abs. 2 StGB)", max_length=_LANG, widget=_TEXT
    )


class AnhoerungForm(forms.Form):
    am = zeitpunkt_feld("Anhörung am")
    aeusserung = forms.CharField(
        label="Äusserung der Person (Art. 86 Abs. 2 StGB)", max_length=_LANG, widget=_TEXT
    )


class EntscheidForm(forms.Form):
    ergebnis = forms.ChoiceField(label="Entscheid", choices=_wahl(Ergebnis.choices))
    entlassung_am = datum_feld("Entlassung auf", required=False)
    probezeit_jahre = forms.IntegerField(
        label="Probezeit in Jahren (Art. 87 Abs. 1 StGB)",
        required=False,
        min_value=PROBEZEIT_MIN_JAHRE,
        max_value=PROBEZEIT_MAX_JAHRE,
        error_messages={
            "min_value": "Die Probezeit beträgt ein bis fünf Jahre (Art. 87 Abs. 1 StGB).",
            "max_value": "Die Probezeit beträgt ein bis fünf Jahre (Art. 87 Abs. 1 StGB).",
            "invalid": "Bitte eine ganze Zahl von Jahren eingeben.",
        },
    )
    bewaehrungshilfe = forms.BooleanField(
        label="Bewährungshilfe anordnen (Art. 87 Abs. 2 StGB)", required=False
    )
    weisungen = forms.CharField(
        label="Weisungen (Art. 87 Abs. 2 StGB), eine pro Zeile",
        max_length=_LANG,
        required=False,
        widget=_TEXT,
    )
    ausserordentliche_umstaende = forms.CharField(
        label="Ausserordentliche persönliche Umstände (Art. 86 Abs. 4 StGB)",
        max_length=_LANG,
        required=False,
        widget=_TEXT,
        help_text="Nur für eine Entlassung vor zwei Dritteln (bzw. vor 15 Jahren).",
    )
    neupruefung_monate = forms.IntegerField(
        label="Bei Verweigerung: erneut prüfen nach Monaten (Art. 86 Abs. 3 StGB)",
        required=False,
        min_value=1,
        max_value=NEUPRUEFUNG_MONATE,
        help_text="Leer: nach einem Jahr.",
        error_messages={
            "min_value": "Mindestens ein Monat (Art. 86 Abs. 3 StGB).",
            "max_value": "Mindestens einmal jährlich: höchstens zwölf Monate (Art. 86 Abs. 3 StGB).",
            "invalid": "Bitte eine ganze Zahl von Monaten eingeben.",
        },
    )
    begruendung = forms.CharField(label="Begründung", max_length=_LANG, widget=_TEXT)


class EntlassenForm(forms.Form):
    am = zeitpunkt_feld("Entlassen am")


class MassnahmeForm(forms.Form):
    artikel = forms.ChoiceField(label="Massnahme", choices=_wahl(Massnahmenartikel.choices))
    beginn = datum_feld(
        "Beginn der Massnahme",
        required=False,
        help_text="Leer lassen: aus den Daten (Rechtskraft, Eintritt oder Strafende; BGE 145 IV 65).",
    )
    beginn_begruendung = forms.CharField(
        label="Begründung, wenn der Beginn von Hand festgelegt wird", max_length=300, required=False
    )


class MassnahmenpruefungForm(forms.Form):
    art = forms.ChoiceField(label="Prüfung", choices=_wahl(Pruefungsart.choices))
    am = datum_feld("Geprüft am")
    bericht = forms.CharField(label="Bericht der Einrichtung", max_length=_LANG, widget=_TEXT)
    ergebnis = forms.CharField(label="Ergebnis", max_length=_LANG, widget=_TEXT)


class AntragForm(forms.Form):
    art = forms.ChoiceField(label="Antrag", choices=_wahl(Antragsart.choices))
    gericht = forms.CharField(label="Gericht", max_length=150)
    verlaengerung_jahre = forms.IntegerField(
        label="Verlängerung um (Jahre)",
        required=False,
        min_value=1,
        max_value=5,
        error_messages={
            "min_value": "Mindestens ein Jahr.",
            "max_value": "Höchstens fünf Jahre (Art. 59 Abs. 4 StGB).",
        },
    )
    antrag = forms.CharField(label="Antrag und Begründung (§ 4 Abs. 1 JVG)", max_length=_LANG, widget=_TEXT)
    akten = forms.CharField(label="Beilagen, eine pro Zeile", max_length=_LANG, widget=_TEXT)
    eingereicht_am = datum_feld("Eingereicht am")


class AntwortForm(forms.Form):
    antwort = forms.ChoiceField(label="Entscheid des Gerichts", choices=_wahl(Antwort.choices))
    am = datum_feld("Entscheid vom")
    bewilligte_jahre = forms.IntegerField(
        label="Verlängert um (Jahre)",
        required=False,
        min_value=1,
        max_value=5,
        error_messages={"min_value": "Mindestens ein Jahr.", "max_value": "Höchstens fünf Jahre."},
    )
    folge = forms.ChoiceField(
        label="Folge (bei Änderungsantrag)", choices=_wahl(Entscheidfolge.choices), required=False
    )
    neue_massnahme = forms.ChoiceField(
        label="Neue Massnahme (falls ersetzt)", choices=_wahl(Massnahmenartikel.choices), required=False
    )
    text = forms.CharField(label="Zusammenfassung", max_length=_LANG, required=False, widget=_TEXT)
