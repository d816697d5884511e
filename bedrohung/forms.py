"""Browser forms of the threat management (R-BM-1, R-BM-2).

The forms only parse and type the input: the rules (who may, the inmate link, the time of the threat,
the assessment's reasoning, closing) live in `bedrohung/domain/`, whose `ValidationError` comes back
to the fields through `vollzug.forms.fehler_uebernehmen` (R-0-BAD-1). Required-field messages name the rule
so even the form's own refusal tells the user why.
"""

from django import forms
from django.utils import timezone

from bedrohung.recht import Kanal, Massnahmenart, Meldungsstatus, Risikostufe, Stelle, Urheberart
from kern.rollen import Rolle
from kern.web.forms import LEER, datum_feld, jetzt_auf_minute, zeitpunkt_feld
from vollzug.models import Anstalt

_TEXT = forms.Textarea(attrs={"rows": 3})
_LANG = forms.Textarea(attrs={"rows": 6})


def _pflicht(regel: str, text: str) -> dict:
    return {"required": f"{regel}: {text}"}


def _mit_pflicht(feld, pflicht: str):
    feld.error_messages["required"] = pflicht
    return feld


def _zeitpunkt(label, pflicht: str, **kw):
    return _mit_pflicht(zeitpunkt_feld(label, **kw), pflicht)


def _text(label, *, regel="R-BM-1", pflicht_text=None, widget=_TEXT, max_length=5000, **kw):
    if pflicht_text is None:
        return forms.CharField(label=label, required=False, widget=widget, max_length=max_length, **kw)
    return forms.CharField(
        label=label,
        widget=widget,
        max_length=max_length,
        error_messages=_pflicht(regel, pflicht_text),
        **kw,
    )


class MehrereDateienWidget(forms.ClearableFileInput):
    allow_multiple_selected = True


class MehrereDateienFeld(forms.FileField):
    """One file input, several files (`multiple`): a threat is reported in a few clicks."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MehrereDateienWidget())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        einzeln = super().clean
        dateien = [d for d in (data if isinstance(data, list | tuple) else [data]) if d]
        if not dateien:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        return [einzeln(d, initial) for d in dateien]


# --- Report (R-BM-1) -------------------------------------------------------------------------------


class MeldungForm(forms.Form):
    urheber_art = forms.ChoiceField(
        label="Wer hat gedroht?",
        choices=Urheberart.choices,
        widget=forms.RadioSelect,
        error_messages=_pflicht("R-BM-1", "Angeben, wer gedroht hat (oder «unbekannt»)."),
    )
    urheber_person = forms.ModelChoiceField(
        label="Eingewiesene Person",
        queryset=None,
        required=False,
        empty_label="– nur bei eingewiesener Person –",
        help_text="Personen, die Sie im Vollzug sehen dürfen.",
        error_messages={"invalid_choice": "R-BM-1: Diese Person ist nicht auswählbar."},
    )
    urheber_beschreibung = _text(
        "Beschreibung der drohenden Person",
        help_text="Name, Beziehung, Aussehen – soweit bekannt (bei Besuch, extern oder unbekannt).",
    )
    betroffene = _text(
        "Wer wurde bedroht?",
        pflicht_text="Angeben, wer bedroht wurde.",
        help_text="Namen und Funktion der bedrohten Person(en), z. B. Sie selbst.",
    )
    vorfall_am = _zeitpunkt("Wann?", "R-BM-1: Den Zeitpunkt der Drohung angeben.", initial=jetzt_auf_minute)
    ort = forms.CharField(
        label="Wo?",
        max_length=200,
        error_messages=_pflicht("R-BM-1", "Den Ort angeben."),
        help_text="z. B. Besucherraum, Telefon am Arbeitsplatz, Parkplatz.",
    )
    anstalt = forms.ModelChoiceField(
        label="Einrichtung",
        queryset=Anstalt.objects.filter(aktiv=True).order_by("name"),
        required=False,
        empty_label="– keine / ausserhalb –",
    )
    kanal = forms.ChoiceField(
        label="Wie (Kanal)?",
        choices=LEER + Kanal.choices,
        error_messages=_pflicht("R-BM-1", "Den Kanal der Drohung wählen."),
    )
    wortlaut = _text(
        "Wortlaut / Verhalten",
        pflicht_text="Den Wortlaut oder das Verhalten beschreiben.",
        widget=_LANG,
        max_length=20000,
        help_text="Möglichst wörtlich, mit Gesten und Begleitumständen.",
    )
    zeugen = _text("Zeuginnen und Zeugen")
    sofortbedarf = _text(
        "Brauchen Sie sofort Schutz oder Unterstützung?",
        help_text="z. B. Begleitung zum Auto, keine Einsätze bei der Person, Gespräch mit einer Ansprechperson.",
    )
    dateien = MehrereDateienFeld(
        label="Beilagen (Dateien)",
        required=False,
        help_text="Eine oder mehrere Dateien (Brief, Screenshot, E-Mail, Foto).",
    )

    def __init__(self, *args, personen, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only persons the reporter may see in the Vollzug (R-0-ROLE-1); the service checks again.
        self.fields["urheber_person"].queryset = personen
        self.fields["urheber_person"].label_from_instance = lambda p: (
            f"{p.amtlicher_name} {p.vorname} ({p.personennummer})"
        )
        if not self.is_bound:
            self.fields["betroffene"].initial = user.get_full_name() or user.username
            if getattr(user, "anstalt_id", None):
                self.fields["anstalt"].initial = user.anstalt_id


class BeilageForm(forms.Form):
    dateien = MehrereDateienFeld(
        label="Weitere Beilagen", error_messages=_pflicht("R-BM-1", "Mindestens eine Datei auswählen.")
    )


# --- Team (R-BM-2) ---------------------------------------------------------------------------------


class MeldungFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "alle")] + Meldungsstatus.choices
    )
    risikostufe = forms.ChoiceField(
        label="Risikostufe",
        required=False,
        choices=[("", "alle"), ("ohne", "noch nicht eingeschätzt")] + Risikostufe.choices,
    )


# Warning behaviours of the structured assessment, in the order of the checklist.
WARNVERHALTEN = (
    "fixierung",
    "identifikation",
    "leakage",
    "letzte_option",
    "fruehere_gewalt",
    "waffenzugang",
    "eskalation",
)


class EinschaetzungForm(forms.Form):
    fixierung = forms.BooleanField(label="Fixierung auf eine Person oder Sache", required=False)
    identifikation = forms.BooleanField(label="Identifikation mit Tätern / Rolle als Kämpfer", required=False)
    leakage = forms.BooleanField(label="Leakage: Ankündigung gegenüber Dritten", required=False)
    letzte_option = forms.BooleanField(
        label="Signale der «letzten Option» (Verzweiflung, Ausweglosigkeit)", required=False
    )
    fruehere_gewalt = forms.BooleanField(label="Frühere Gewalt", required=False)
    waffenzugang = forms.BooleanField(label="Zugang zu Waffen", required=False)
    eskalation = forms.BooleanField(label="Eskalation über die Zeit", required=False)
    weitere_hinweise = _text("Weitere Hinweise")
    risikostufe = forms.ChoiceField(
        label="Risikostufe",
        choices=LEER + Risikostufe.choices,
        error_messages=_pflicht("R-BM-2", "Die Risikostufe wählen."),
    )
    begruendung = _text(
        "Begründung der Einschätzung",
        regel="R-BM-2",
        pflicht_text="Die Einschätzung begründen.",
        widget=_LANG,
        max_length=20000,
    )

    def warnverhalten(self):
        return [self[name] for name in WARNVERHALTEN]


def team_mitglieder():
    from kern.models import Benutzer

    return Benutzer.objects.filter(rolle=Rolle.BEDROHUNGSMANAGEMENT, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


class AnsprechpersonZuweisenForm(forms.Form):
    ansprechperson = forms.ModelChoiceField(
        label="Ansprechperson",
        queryset=None,
        error_messages=_pflicht("R-BM-2", "Eine Ansprechperson wählen."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        feld = self.fields["ansprechperson"]
        feld.queryset = team_mitglieder()
        feld.empty_label = "– Teammitglied wählen –"
        feld.label_from_instance = lambda u: u.get_full_name() or u.username


class MassnahmeForm(forms.Form):
    art = forms.ChoiceField(
        label="Art",
        choices=LEER + Massnahmenart.choices,
        error_messages=_pflicht("R-BM-2", "Die Art wählen."),
    )
    beschreibung = _text("Beschreibung", regel="R-BM-2", pflicht_text="Die Massnahme beschreiben.")
    verantwortlich = forms.ModelChoiceField(
        label="Verantwortlich",
        queryset=None,
        error_messages=_pflicht("R-BM-2", "Die verantwortliche Person wählen."),
    )
    frist = _mit_pflicht(datum_feld("Frist"), "R-BM-2: Die Frist angeben.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # R-BM-2/R-BM-3: the owner is a team member (only the team sees the case); the service checks again.
        feld = self.fields["verantwortlich"]
        feld.queryset = team_mitglieder()
        feld.empty_label = "– Teammitglied wählen –"
        feld.label_from_instance = lambda u: u.get_full_name() or u.username


class ErledigtForm(forms.Form):
    bemerkung = forms.CharField(label="Bemerkung", required=False, max_length=2000)


class FolgeauftragForm(MassnahmeForm):
    """A follow-up of a conference: a row is empty (ignored) or complete."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for feld in self.fields.values():
            feld.required = False

    def ist_leer(self) -> bool:
        return not any(self.cleaned_data.get(n) for n in ("art", "beschreibung", "verantwortlich", "frist"))

    def clean(self):
        daten = super().clean()
        if not self.errors and not self.ist_leer():
            meldungen = {
                "art": "R-BM-2: Zum Folgeauftrag die Art wählen.",
                "beschreibung": "R-BM-2: Den Folgeauftrag beschreiben.",
                "verantwortlich": "R-BM-2: Zum Folgeauftrag die verantwortliche Person wählen.",
                "frist": "R-BM-2: Zum Folgeauftrag die Frist angeben.",
            }
            for feld, text in meldungen.items():
                if not daten.get(feld):
                    self.add_error(feld, text)
        return daten


FolgeauftragFormSet = forms.formset_factory(FolgeauftragForm, extra=3, max_num=3, validate_max=True)


class KonferenzForm(forms.Form):
    datum = _zeitpunkt(
        "Datum der Fallkonferenz", "R-BM-2: Das Datum der Fallkonferenz angeben.", initial=jetzt_auf_minute
    )
    stellen = forms.MultipleChoiceField(
        label="Beteiligte Stellen",
        choices=Stelle.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_pflicht("R-BM-2", "Mindestens eine beteiligte Stelle wählen."),
    )
    teilnehmende = _text(
        "Teilnehmende (Namen, Funktionen)", regel="R-BM-2", pflicht_text="Die Teilnehmenden aufführen."
    )
    beschluesse = _text(
        "Beschlüsse",
        regel="R-BM-2",
        pflicht_text="Die Beschlüsse festhalten.",
        widget=_LANG,
        max_length=20000,
    )


class AbschliessenForm(forms.Form):
    bemerkung = _text(
        "Abschlussbemerkung", regel="R-BM-2", pflicht_text="Den Abschluss begründen (Abschlussbemerkung)."
    )


# --- Information material (programme point 14) ------------------------------------------------------


class MerkblattForm(forms.Form):
    titel = forms.CharField(
        label="Titel", max_length=150, error_messages={"required": "Bitte einen Titel angeben."}
    )
    inhalt = forms.CharField(
        label="Inhalt",
        error_messages={"required": "Bitte den Inhalt angeben."},
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
        help_text="Absätze durch Leerzeilen trennen.",
    )
    reihenfolge = forms.IntegerField(
        label="Reihenfolge",
        required=False,
        min_value=0,
        max_value=999,
        initial=0,
        widget=forms.NumberInput(attrs={"class": "zahl"}),
        error_messages={
            "invalid": "Bitte eine ganze Zahl eingeben.",
            "min_value": "Die Reihenfolge darf nicht negativ sein.",
            "max_value": "Die Reihenfolge ist zu gross (höchstens 999).",
        },
    )


class AnsprechpersonForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=120, error_messages={"required": "Bitte den Namen angeben."}
    )
    abteilung = forms.CharField(
        label="Abteilung / Einrichtung",
        max_length=120,
        error_messages={"required": "Bitte die Abteilung oder Einrichtung angeben."},
    )
    telefon = forms.CharField(label="Telefon", max_length=40, required=False)
    email = forms.EmailField(
        label="E-Mail",
        required=False,
        error_messages={"invalid": "Bitte eine gültige E-Mail-Adresse angeben."},
    )
    geschult_am = datum_feld("Geschult am", required=False)
    aktiv = forms.BooleanField(label="Aktiv (auf der Infoseite anzeigen)", required=False, initial=True)

    def clean_geschult_am(self):
        wert = self.cleaned_data.get("geschult_am")
        if wert and wert > timezone.localdate():
            raise forms.ValidationError("Das Schulungsdatum darf nicht in der Zukunft liegen.")
        return wert
