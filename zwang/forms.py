"""Browser forms of § 33 JVG. They only parse and type the input: every rule (R-33-1, R-0-4EYES-1)
lives in `zwang/domain/`, whose `ValidationError` comes back to the fields through
`vollzug.forms.fehler_uebernehmen` (R-0-BAD-1)."""

from django import forms

from kern.models import Benutzer
from kern.rollen import ANSTALTSROLLEN
from kern.web.forms import zeitpunkt_feld
from vollzug.models import Anstalt
from zwang import domain
from zwang.recht import (
    ZWECKE,
    Arztkontrolle,
    Einsatzfunktion,
    Protokollstatus,
    Pruefergebnis,
    Subsidiaritaet,
    Verletzung,
    Zwangsmittel,
)

_TEXT = forms.Textarea(attrs={"rows": 3})


def _wahl(choices):
    return [("", "– bitte wählen –"), *choices]


class ProtokollForm(forms.Form):
    """The content of a protocol; `fall` only when recording a new one."""

    fall = forms.ModelChoiceField(
        label="Eingewiesene Person (Vollzugsfall)",
        queryset=None,
        empty_label="– Person wählen –",
        help_text="Personen, die zurzeit in Ihrer Einrichtung platziert sind.",
    )
    beginn = zeitpunkt_feld("Beginn des Zwangs")
    ende = zeitpunkt_feld("Ende des Zwangs", required=False, help_text="Beim Einreichen Pflicht (Dauer).")
    ort = forms.CharField(label="Ort", max_length=200, required=False)
    anlass = forms.CharField(
        label="Anlass und Ablauf", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    zweck = forms.MultipleChoiceField(
        label="Zweck (§ 33 Abs. 1 JVG)",
        choices=[(b, text) for b, text in ZWECKE.values()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    subsidiaritaet = forms.ChoiceField(
        label="Mildere Massnahmen (§ 33 Abs. 2 JVG)", choices=_wahl(Subsidiaritaet.choices), required=False
    )
    mildere_massnahmen = forms.CharField(
        label="Versuchte mildere Massnahmen oder warum keine zur Verfügung stand (§ 33 Abs. 2 und 3)",
        required=False,
        widget=_TEXT,
    )
    mittel = forms.MultipleChoiceField(
        label="Techniken und Einsatzmittel",
        choices=Zwangsmittel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mittel_beschreibung = forms.CharField(
        label="Beschreibung der Zwangsanwendung (wie, wie lange, wann beendet)", required=False, widget=_TEXT
    )
    verletzung_person = forms.ChoiceField(
        label="Verletzungen der eingewiesenen Person", choices=_wahl(Verletzung.choices), required=False
    )
    verletzung_person_text = forms.CharField(label="Beschreibung", required=False, widget=_TEXT)
    verletzung_personal = forms.ChoiceField(
        label="Verletzungen des Personals", choices=_wahl(Verletzung.choices), required=False
    )
    verletzung_personal_text = forms.CharField(label="Beschreibung", required=False, widget=_TEXT)
    verletzung_dritte = forms.ChoiceField(
        label="Verletzungen Dritter", choices=_wahl(Verletzung.choices), required=False
    )
    verletzung_dritte_text = forms.CharField(label="Beschreibung", required=False, widget=_TEXT)
    arztkontrolle = forms.ChoiceField(
        label="Medizinische Kontrolle", choices=_wahl(Arztkontrolle.choices), required=False
    )
    arztkontrolle_am = zeitpunkt_feld("Medizinische Kontrolle am (bzw. angeboten am)", required=False)
    arztkontrolle_durch = forms.CharField(
        label="Medizinische Kontrolle durch (Name, Funktion)", max_length=150, required=False
    )
    aufnahmen = forms.CharField(
        label="Kamera- und Aufzeichnungsreferenzen",
        required=False,
        widget=_TEXT,
        help_text="z. B. «Kamera WG-B-02, 14:02–14:12 Uhr».",
    )

    def __init__(self, *args, faelle=None, **kwargs):
        super().__init__(*args, **kwargs)
        if faelle is None:
            del self.fields["fall"]
        else:
            # Only persons placed in the user's facility (R-0-ROLE-1); the service checks again.
            self.fields["fall"].queryset = faelle
            self.fields["fall"].label_from_instance = lambda f: (
                f"{f.person.amtlicher_name} {f.person.vorname} · {f.fallnummer}"
            )

    @staticmethod
    def initial_aus(protokoll) -> dict:
        werte = {name: getattr(protokoll, name) for name in domain.INHALTSFELDER}
        werte["zweck"] = protokoll.zweck_buchstaben
        return werte

    def inhalt(self) -> dict:
        """The cleaned input as keyword arguments of `domain.ProtokollDaten`."""
        d = dict(self.cleaned_data)
        d.pop("fall", None)
        d.update(domain.zweck_felder(d.pop("zweck", [])))
        return d

    def daten(self) -> domain.ProtokollDaten:
        return domain.ProtokollDaten(**self.inhalt())


class BeteiligungForm(forms.Form):
    benutzer = forms.ModelChoiceField(label="Mitarbeiter/in", queryset=None, required=False, empty_label="–")
    funktion = forms.ChoiceField(
        label="Funktion im Einsatz", choices=_wahl(Einsatzfunktion.choices), required=False
    )

    def __init__(self, *args, personal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benutzer"].queryset = personal if personal is not None else Benutzer.objects.none()
        self.fields["benutzer"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.get_rolle_display()})"
        )

    def clean(self):
        daten = super().clean()
        if daten.get("benutzer") and not daten.get("funktion"):
            self.add_error("funktion", "§ 33 Abs. 4 JVG (R-33-1): Die Funktion im Einsatz angeben.")
        return daten


BeteiligungFormSet = forms.formset_factory(BeteiligungForm, extra=4, max_num=30, validate_max=True)


def personal_der_anstalt(anstalt_id):
    """The users who can be involved: active staff and management of that facility."""
    return Benutzer.objects.filter(
        anstalt_id=anstalt_id, rolle__in=sorted(ANSTALTSROLLEN), is_active=True
    ).order_by("last_name", "first_name", "pk")


def beteiligte_aus(formset) -> list[domain.BeteiligungDaten]:
    return [
        domain.BeteiligungDaten(benutzer=f.cleaned_data["benutzer"], funktion=f.cleaned_data["funktion"])
        for f in formset.forms
        if f.cleaned_data.get("benutzer")
    ]


class KorrekturForm(ProtokollForm):
    grund = forms.CharField(
        label="Grund der Korrektur",
        required=False,
        widget=_TEXT,
        help_text="Pflicht: die Korrektur bleibt mit Grund im Verlauf sichtbar (§ 33 Abs. 4 JVG).",
    )

    # Issue 23: one involved person added after submission (with the correction's reason).
    neu_benutzer = forms.ModelChoiceField(
        label="Beteiligte Person hinzufügen", queryset=None, required=False, empty_label="–"
    )
    neu_funktion = forms.ChoiceField(
        label="Funktion im Einsatz", choices=_wahl(Einsatzfunktion.choices), required=False
    )

    def __init__(self, *args, personal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neu_benutzer"].queryset = personal if personal is not None else Benutzer.objects.none()
        self.fields["neu_benutzer"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.get_rolle_display()})"
        )

    def clean(self):
        daten = super().clean()
        if daten.get("neu_benutzer") and not daten.get("neu_funktion"):
            self.add_error("neu_funktion", "§ 33 Abs. 4 JVG (R-33-1): Die Funktion im Einsatz angeben.")
        return daten

    def inhalt(self) -> dict:
        d = super().inhalt()
        for name in ("grund", "neu_benutzer", "neu_funktion"):
            d.pop(name, None)
        return d

    def neue_beteiligte(self) -> list[domain.BeteiligungDaten]:
        user = self.cleaned_data.get("neu_benutzer")
        if not user:
            return []
        return [domain.BeteiligungDaten(benutzer=user, funktion=self.cleaned_data["neu_funktion"])]


class StellungnahmeForm(forms.Form):
    stellungnahme = forms.CharField(
        label="Meine Stellungnahme",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
    )


class PruefungForm(forms.Form):
    ergebnis = forms.ChoiceField(
        label="Ergebnis der Prüfung", choices=_wahl(Pruefergebnis.choices), required=False
    )
    bemerkung = forms.CharField(label="Bemerkung", required=False, widget=_TEXT)


class FilterForm(forms.Form):
    anstalt = forms.ModelChoiceField(
        label="Einrichtung", queryset=Anstalt.objects.order_by("name"), required=False, empty_label="alle"
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "alle"), *Protokollstatus.choices], required=False
    )
    offen = forms.BooleanField(label="nur mit offenen Stellungnahmen", required=False)
