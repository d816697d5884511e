"""Browser forms of the Vollzug module.

The forms only parse and type the input; every rule with a § lives in `vollzug/services.py`, and its
`ValidationError` comes back into the form through `fehler_uebernehmen` (STYLE §4: one place per rule).
"""

from django import forms

from kern.web.forms import (
    LEER,
    StammdatenAuswahl,
    anzahl_feld,
    datum_feld,
    jetzt_auf_minute,
    zeitpunkt_feld,
)
from vollzug.models import Anstalt, Geschlecht, Vertretungsfunktion, plz_validator
from vollzug.recht import (
    Entscheidart,
    Fallstatus,
    Platzierungsart,
    Sanktionsart,
    Versetzungsgrund,
    Vollzugsform,
)
from vollzug.validators import validate_ahv_nummer

# --- Lists -------------------------------------------------------------------------------------


class PersonSucheForm(forms.Form):
    q = forms.CharField(label="Suche", required=False, max_length=100)


class FallFilterForm(forms.Form):
    q = forms.CharField(label="Suche", required=False, max_length=100)
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "alle")] + Fallstatus.choices)
    anstalt = StammdatenAuswahl(
        label="Aktuelle Einrichtung", required=False, queryset=Anstalt.objects.all(), empty_label="alle"
    )
    ueberfaellig = forms.BooleanField(label="Nur Vollzugsbeginn überfällig (§ 13)", required=False)


# --- Person ----------------------------------------------------------------------------------


class PersonForm(forms.Form):
    amtlicher_name = forms.CharField(label="Name (amtlich)", max_length=100)
    vorname = forms.CharField(label="Vorname", max_length=100)
    geschlecht = forms.ChoiceField(label="Geschlecht", choices=LEER + Geschlecht.choices)
    geburtsdatum = datum_feld("Geburtsdatum")
    ahv_nummer = forms.CharField(
        label="AHV-Nummer",
        required=False,
        max_length=16,
        validators=[validate_ahv_nummer],
        help_text="Optional, Format 756.XXXX.XXXX.XX",
    )
    # Issue 17: postal address of a person at liberty (eCH-0010); optional, needed for registered letters.
    strasse = forms.CharField(label="Strasse", max_length=60, required=False)
    hausnummer = forms.CharField(label="Hausnummer", max_length=12, required=False)
    postleitzahl = forms.CharField(
        label="Postleitzahl", max_length=4, required=False, validators=[plz_validator], help_text="z. B. 6002"
    )
    ort = forms.CharField(label="Ort", max_length=40, required=False)


# --- Fall aus Entscheid (§ 12) ---------------------------------------------------------------


class FallForm(forms.Form):
    person = forms.ModelChoiceField(label="Person", queryset=None, empty_label="– Person wählen –")
    art = forms.ChoiceField(label="Art des Entscheids", choices=LEER + Entscheidart.choices)
    behoerde = forms.CharField(label="Strafbehörde", max_length=150)
    referenz = forms.CharField(label="Geschäftsnummer", max_length=60)
    entscheid_datum = datum_feld("Entscheiddatum")
    rechtskraft_am = datum_feld("Rechtskraft am")
    eingang_am = datum_feld("Eingang am", required=False, help_text="Tag der Zustellung; leer = heute")

    def __init__(self, *args, personen, **kwargs):
        super().__init__(*args, **kwargs)
        # Only persons the user may see can be chosen (R-0-ROLE-1).
        self.fields["person"].queryset = personen


class SanktionForm(forms.Form):
    art = forms.ChoiceField(label="Sanktion", choices=LEER + Sanktionsart.choices)
    vollzugsform = forms.ChoiceField(
        label="Vollzugsform", required=False, choices=[("", "–")] + Vollzugsform.choices
    )
    # Upper bounds only keep the numbers storable; the rules on durations are in the service (R-1-1).
    dauer_jahre = anzahl_feld("Jahre", 99)
    dauer_monate = anzahl_feld("Monate", 99)
    dauer_tage = anzahl_feld("Tage", 36500)
    stunden = anzahl_feld("Stunden", 10000)

    def zahlen(self) -> dict:
        return {
            k: self.cleaned_data.get(k) or 0 for k in ("dauer_jahre", "dauer_monate", "dauer_tage", "stunden")
        }


SanktionFormSet = forms.formset_factory(SanktionForm, extra=3, max_num=20, validate_max=True)


class DokumentForm(forms.Form):
    titel = forms.CharField(label="Titel", max_length=150, required=False)
    datei = forms.FileField(label="Datei", required=False)

    def clean(self):
        daten = super().clean()
        if daten.get("datei") and not daten.get("titel"):
            self.add_error("titel", "Bitte einen Titel für das Dokument angeben.")
        if daten.get("titel") and not daten.get("datei"):
            self.add_error("datei", "Bitte die Datei auswählen (nach einem Fehler erneut).")
        return daten


DokumentFormSet = forms.formset_factory(DokumentForm, extra=2, max_num=10, validate_max=True)


# --- Einweisen, Versetzen, Entlassen (§ 17, R-1-ENTL-1) --------------------------------------


class EinweisenForm(forms.Form):
    anstalt = forms.ModelChoiceField(
        label="Einrichtung",
        queryset=Anstalt.objects.filter(aktiv=True, ist_klinik=False),
        empty_label="– Einrichtung wählen –",
    )
    abteilung = forms.CharField(label="Abteilung", max_length=80, required=False)
    von = zeitpunkt_feld("Zeitpunkt der Einweisung (Vollzugsbeginn)", initial=jetzt_auf_minute)


class VersetzenForm(forms.Form):
    art = forms.ChoiceField(
        label="Art",
        choices=[
            (Platzierungsart.VERSETZUNG, "Versetzung (§ 17 Abs. 2 JVG)"),
            (Platzierungsart.VERSETZUNG_KLINIK, "Klinik/Spital (§ 17 Abs. 3 JVG)"),
        ],
        widget=forms.RadioSelect,
    )
    anstalt = forms.ModelChoiceField(
        label="Einrichtung", queryset=Anstalt.objects.filter(aktiv=True), empty_label="– Einrichtung wählen –"
    )
    abteilung = forms.CharField(label="Abteilung", max_length=80, required=False)
    # Not required here: the service answers with the § 17 Abs. 2 message (R-17-1), one place for the rule.
    grund = forms.ChoiceField(
        label="Grund (§ 17 Abs. 2 lit. a–e)",
        required=False,
        choices=[("", "– nur bei Versetzung nach Abs. 2 –")] + Versetzungsgrund.choices,
    )
    begruendung = forms.CharField(
        label="Begründung", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    arztbericht = forms.FileField(
        label="Ärztlicher Bericht (§ 17 Abs. 3)", required=False, help_text="Nötig für Klinik/Spital"
    )
    von = zeitpunkt_feld("Zeitpunkt", initial=jetzt_auf_minute)

    def __init__(self, *args, nur_klinik: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if nur_klinik:
            # §17.3: facility management may only order the urgent transfer to a clinic/hospital.
            self.fields["art"].choices = [
                c for c in self.fields["art"].choices if c[0] == Platzierungsart.VERSETZUNG_KLINIK
            ]
            self.fields["art"].initial = Platzierungsart.VERSETZUNG_KLINIK
        else:
            self.fields["art"].initial = Platzierungsart.VERSETZUNG


class EntlassenForm(forms.Form):
    entlassung_am = zeitpunkt_feld("Zeitpunkt der Entlassung", initial=jetzt_auf_minute)
    bemerkung = forms.CharField(label="Bemerkung", required=False, widget=forms.Textarea(attrs={"rows": 4}))


# --- Vertretung (issue 17) -------------------------------------------------------------------------


class VertretungForm(forms.Form):
    """The legal representative, counsel or statutory representative, with the postal address letters go to."""

    funktion = forms.ChoiceField(label="Funktion", choices=LEER + Vertretungsfunktion.choices)
    name = forms.CharField(
        label="Name", max_length=150, help_text="z. B. «lic. iur. Anna Beispiel, Rechtsanwältin»."
    )
    strasse = forms.CharField(label="Strasse", max_length=60)
    hausnummer = forms.CharField(label="Hausnummer", max_length=12, required=False)
    postleitzahl = forms.CharField(
        label="Postleitzahl", max_length=4, validators=[plz_validator], help_text="z. B. 6002"
    )
    ort = forms.CharField(label="Ort", max_length=40)


class VertretungBeendenForm(forms.Form):
    bis = datum_feld("Mandat beendet am")
