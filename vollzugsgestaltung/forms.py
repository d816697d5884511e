"""Browser forms of this app: bounded inputs only; the rules are checked by `domain` (R-0-BAD-1)."""

from django import forms

from kern.web.forms import datum_feld, zeitpunkt_feld
from vollzugsgestaltung import recht

TEXT_MAX = 5000


def _text(label, *, required=True, zeilen=3):
    return forms.CharField(
        label=label, required=required, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": zeilen})
    )


def _zahl(label, min_value, max_value, **kw):
    return forms.IntegerField(
        label=label,
        min_value=min_value,
        max_value=max_value,
        error_messages={
            "min_value": f"Mindestens {min_value}.",
            "max_value": f"Höchstens {max_value}.",
            "invalid": "Bitte eine ganze Zahl eingeben.",
            "required": "Dieses Feld ist erforderlich.",
        },
        **kw,
    )


# --- Vollzugsöffnungen --------------------------------------------------------------------------------


class OeffnungForm(forms.Form):
    art = forms.ChoiceField(label="Art", choices=recht.Oeffnungsart.choices)
    grundlage = forms.ChoiceField(label="Vollzugsgrundlage", choices=recht.Vollzugsgrundlage.choices)
    gemeingefaehrlich_75a = forms.BooleanField(
        label="Person nach Art. 75a StGB (Gemeingefährlichkeit nicht auszuschliessen)", required=False
    )
    von = zeitpunkt_feld("von")
    bis = zeitpunkt_feld("bis (Rückkehr)")
    begruendung = _text("Begründung des Antrags")


class FachkommissionForm(forms.Form):
    am = datum_feld("Beurteilung vom")
    ergebnis = forms.ChoiceField(label="Ergebnis", choices=recht.Fachkommissionsergebnis.choices)
    text = _text("Zusammenfassung der Beurteilung")


class OeffnungEntscheidForm(forms.Form):
    bewilligen = forms.TypedChoiceField(
        label="Entscheid",
        choices=[("1", "bewilligen"), ("0", "abweisen")],
        coerce=lambda wert: wert == "1",
        widget=forms.RadioSelect,
    )
    begruendung = _text("Begründung")
    auflagen = _text("Auflagen", required=False, zeilen=2)


class ZeitpunktForm(forms.Form):
    am = zeitpunkt_feld("Zeitpunkt")


class NichtrueckkehrForm(forms.Form):
    bemerkung = _text("Umstände der Nichtrückkehr")


class StellungnahmeStaForm(forms.Form):
    eingeladen_am = datum_feld("Staatsanwaltschaft eingeladen am")
    stellungnahme_am = datum_feld("Stellungnahme vom", required=False)
    text = _text("Stellungnahme / Anträge", required=False)


# --- § 16 ----------------------------------------------------------------------------------------------


class VollzugsformForm(forms.Form):
    sanktion = forms.ModelChoiceField(label="Sanktion", queryset=None, empty_label=None)
    form = forms.ChoiceField(label="Vollzugsform", choices=recht.Vollzugsform16.choices)
    strafdauer_tage = _zahl("Zu vollziehende Strafdauer (Tage, nach Anrechnung)", 1, 36500)
    gesuch_am = datum_feld("Gesuch vom")

    def __init__(self, *args, sanktionen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sanktion"].queryset = sanktionen


class VollzugsbefehlForm(forms.Form):
    abklaerung = _text("Abklärung der Voraussetzungen (§ 16 Abs. 1 JVG)")
    beginn = datum_feld("Beginn")
    einsatzbetrieb = forms.CharField(
        label="Einsatzbetrieb / Durchführungsstelle", max_length=150, required=False
    )
    frist_monate = _zahl("Frist für gemeinnützige Arbeit (Monate, höchstens 24)", 1, 24, required=False)


class AblehnenForm(forms.Form):
    abklaerung = _text("Fehlende Voraussetzungen")


class StundenForm(forms.Form):
    datum = datum_feld("Datum")
    stunden = _zahl("Stunden", 1, recht.GA_STUNDEN_PRO_EINTRAG_MAX)
    gemeldet_von = forms.CharField(label="Gemeldet von (Einsatzbetrieb)", max_length=150)


class UmwandlungForm(forms.Form):
    begruendung = _text("Mahnung und Gründe der Nichtleistung (Art. 79a Abs. 6 StGB)")


# --- Bewährungshilfe ------------------------------------------------------------------------------------


class AkteForm(forms.Form):
    anlass = forms.ChoiceField(label="Anlass", choices=recht.Bewaehrungsanlass.choices)
    gericht = forms.CharField(label="Zuständiges Gericht (Art. 95 StGB)", max_length=150)
    referenz = forms.CharField(label="Entscheid (Geschäftsnummer)", max_length=60)
    probezeit_von = datum_feld("Probezeit ab")
    probezeit_jahre = _zahl("Probezeit (Jahre)", 0, 99)
    bewaehrungshilfe_angeordnet = forms.BooleanField(
        label="Bewährungshilfe angeordnet", required=False, initial=True
    )


class WeisungForm(forms.Form):
    text = forms.CharField(label="Weisung", max_length=300)
    naechste_kontrolle = datum_feld("Erste Kontrolle am")


class EintragForm(forms.Form):
    art = forms.ChoiceField(
        label="Art",
        choices=[(k, v) for k, v in recht.Eintragsart.choices if k != recht.Eintragsart.KONTROLLE],
    )
    datum = datum_feld("Datum")
    text = _text("Inhalt")


class KontrolleForm(forms.Form):
    weisung = forms.ModelChoiceField(label="Weisung", queryset=None, empty_label=None)
    datum = datum_feld("Kontrolle am")
    eingehalten = forms.TypedChoiceField(
        label="Ergebnis",
        choices=[("1", "eingehalten"), ("0", "nicht eingehalten")],
        coerce=lambda wert: wert == "1",
        widget=forms.RadioSelect,
    )
    text = _text("Feststellungen")
    naechste_kontrolle = datum_feld("Nächste Kontrolle am", required=False)

    def __init__(self, *args, weisungen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weisung"].queryset = weisungen


class AbschlussForm(forms.Form):
    am = datum_feld("Abgeschlossen am")


class MeldungSendenForm(forms.Form):
    bericht = _text("Bericht an das Gericht", zeilen=6)
    gesendet_am = datum_feld("Gesendet am")


class GerichtsantwortForm(forms.Form):
    am = datum_feld("Antwort vom")
    antwort = _text("Entscheid / Antwort des Gerichts")


# --- Begnadigung ----------------------------------------------------------------------------------------


class GnadengesuchForm(forms.Form):
    eingereicht_am = datum_feld("Eingereicht am")
    gesuchsteller = forms.CharField(label="Gesuchsteller/in", max_length=150)
    begehren = _text("Begehren und Begründung")


class WeiterleitenForm(forms.Form):
    am = datum_feld("Weitergeleitet am")
    bericht = _text("Bericht an den Kantonsrat", zeilen=5)
    vollzug_aussetzen = forms.TypedChoiceField(
        label="Vollzug bis zum Entscheid",
        choices=[("0", "nicht aussetzen"), ("1", "aussetzen")],
        coerce=lambda wert: wert == "1",
        widget=forms.RadioSelect,
        help_text="Aussetzen: Ein Fall im Vollzug wird ab dem Weiterleitungstag unterbrochen; bis zum "
        "Entscheid des Kantonsrats gilt die Strafe als nicht verbüsst, die Vollzugsdaten verschieben sich "
        "(§ 51 JVG).",
    )
    aussetzung_begruendung = _text("Begründung")


class GnadenentscheidForm(forms.Form):
    entscheid = forms.ChoiceField(label="Entscheid des Kantonsrats", choices=recht.Gnadenentscheid.choices)
    am = datum_feld("Entscheid vom")
    text = _text("Inhalt des Entscheids")
