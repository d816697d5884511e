"""Browser forms of the Vollzugsplan (§ 18): they parse and type the input; every rule with a § lives in
`vollzug.domain`, whose `ValidationError` comes back next to the fields (`vollzug.forms.fehler_uebernehmen`)."""

from django import forms

from vollzug.domain import GRUND_MAX, StufeDaten

STUFEN_HILFE = (
    "Eine Stufe pro Zeile, von der tiefsten (Stufe 1) zur höchsten. Optional nach einem senkrechten Strich "
    "die Voraussetzungen, z. B. «Wohngruppe | nach drei Monaten ohne Disziplinarverfahren»."
)


def _text(label, hilfe="", zeilen=6, required=False):
    # Not required here: the service answers with the § 18 message (R-18-2), one place for the rule.
    return forms.CharField(
        label=label, required=required, help_text=hilfe, widget=forms.Textarea(attrs={"rows": zeilen})
    )


class VersionForm(forms.Form):
    gestaltung = _text(
        "Gestaltung des Vollzugs", "§ 18 Abs. 1 JVG: Unterbringung, Arbeit, Bildung, Freizeit, …"
    )
    vollzugsziele = _text("Vollzugsziele", "§ 18 Abs. 1 JVG: was während des Vollzugs erreicht werden soll.")
    wiedereingliederung = _text(
        "Wiedereingliederung nach der Entlassung",
        "§ 18 Abs. 1 JVG: Wohnen, Arbeit, Beziehungen, Nachbetreuung.",
    )
    stufen = _text("Vollzugsstufen", STUFEN_HILFE, zeilen=5)
    aktuelle_stufe = forms.IntegerField(
        label="Aktuelle Stufe",
        # Not required: an empty value reaches the service, which names the rule with the other errors.
        required=False,
        min_value=1,
        max_value=99,
        initial=1,
        help_text="Nummer der Stufe, in der sich die Person jetzt befindet (1 = tiefste).",
        error_messages={
            "invalid": "Bitte eine ganze Zahl eingeben.",
            "min_value": "Die tiefste Stufe ist 1.",
            "max_value": "Der Wert ist zu gross.",
        },
    )
    anlass = _text(
        "Anlass / Ergebnis der Überprüfung",
        "Bei einer Überprüfung (ab Version 2) verlangt (§ 18 Abs. 2 JVG).",
        3,
    )

    def __init__(self, *args, ueberpruefung: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not ueberpruefung:
            # The first version has no review to describe.
            del self.fields["anlass"]

    @staticmethod
    def initial_aus(version, aktuelle_stufe) -> dict:
        """A review starts from the latest version (R-18-3): the user changes what the review changed."""
        stufen = "\n".join(
            f"{s.bezeichnung} | {' '.join(s.beschreibung.split())}" if s.beschreibung else s.bezeichnung
            for s in sorted(version.stufen.all(), key=lambda s: s.nummer)
        )
        return {
            "gestaltung": version.gestaltung,
            "vollzugsziele": version.vollzugsziele,
            "wiedereingliederung": version.wiedereingliederung,
            "stufen": stufen,
            "aktuelle_stufe": aktuelle_stufe or 1,
        }

    def stufen_daten(self) -> list[StufeDaten]:
        """Each non-empty line one stage, numbered from 1 in the order typed."""
        zeilen = [z.strip() for z in self.cleaned_data.get("stufen", "").splitlines() if z.strip()]
        daten = []
        for nummer, zeile in enumerate(zeilen, start=1):
            bezeichnung, _, beschreibung = zeile.partition("|")
            daten.append(
                StufeDaten(nummer=nummer, bezeichnung=bezeichnung.strip(), beschreibung=beschreibung.strip())
            )
        return daten


class StufeForm(forms.Form):
    stufe = forms.TypedChoiceField(label="Neue Stufe", coerce=int, choices=())
    grund = forms.CharField(
        label="Grund",
        max_length=GRUND_MAX,
        required=False,
        help_text=f"Wird mit der Änderung protokolliert (höchstens {GRUND_MAX} Zeichen).",
        error_messages={"max_length": f"Höchstens {GRUND_MAX} Zeichen."},
    )

    def __init__(self, *args, stufen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stufe"].choices = [("", "– Stufe wählen –")] + [
            (s.nummer, f"Stufe {s.nummer}: {s.bezeichnung}") for s in stufen
        ]


class VergleichForm(forms.Form):
    von = forms.IntegerField(label="Version", min_value=1, max_value=32767)
    bis = forms.IntegerField(label="mit Version", min_value=1, max_value=32767)
