"""Input and output serializers of this app's REST interface (camelCase names, bounded inputs).

The input serializers only type the input; the rules are the domain's (their messages come back as 400
under these names, `kern.web.api.fehler_mit_api_namen`).
"""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from kern.web.serializers import SichtbareIdFeld
from vollzug.queries import faelle_fuer_user, personen_fuer_user
from vollzugsgestaltung import recht

TEXT_MAX = 5000


def _text(source=None, *, required=True, max_length=TEXT_MAX, **kw):
    if source:
        kw["source"] = source
    if not required:
        kw.update(required=False, allow_blank=True, default="")
    return serializers.CharField(max_length=max_length, trim_whitespace=True, **kw)


class _FallFeld(SichtbareIdFeld):
    sichtbar = staticmethod(faelle_fuer_user)


class _PersonFeld(SichtbareIdFeld):
    sichtbar = staticmethod(personen_fuer_user)


class _VerfuegungKurz(serializers.Serializer):
    id = serializers.IntegerField()
    nummer = serializers.CharField()
    status = serializers.CharField()


# --- Vollzugsöffnungen ------------------------------------------------------------------------------------


class VollzugsoeffnungSerializer(serializers.Serializer):
    url = serializers.HyperlinkedIdentityField(view_name="vollzugsoeffnung-detail")
    id = serializers.IntegerField()
    fall = serializers.IntegerField(source="fall_id")
    person = serializers.IntegerField(source="fall.person_id")
    anstalt = serializers.IntegerField(source="anstalt_id")
    oeffnungsart = serializers.ChoiceField(source="art", choices=recht.Oeffnungsart.choices)
    grundlage = serializers.ChoiceField(choices=recht.Vollzugsgrundlage.choices)
    gemeingefaehrlich75a = serializers.BooleanField(source="gemeingefaehrlich_75a")
    von = serializers.DateTimeField()
    bis = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=recht.Oeffnungsstatus.choices)
    begruendung = serializers.CharField()
    fachkommissionAm = serializers.DateField(source="fachkommission_am")
    fachkommissionErgebnis = serializers.ChoiceField(
        source="fachkommission_ergebnis", choices=recht.Fachkommissionsergebnis.choices, allow_blank=True
    )
    entscheidBegruendung = serializers.CharField(source="entscheid_begruendung")
    auflagen = serializers.CharField()
    verfuegung = _VerfuegungKurz(allow_null=True)
    angetretenAm = serializers.DateTimeField(source="angetreten_am")
    zurueckAm = serializers.DateTimeField(source="zurueck_am")
    nichtrueckkehrFestgestelltAm = serializers.DateTimeField(source="nichtrueckkehr_festgestellt_am")
    beschwerdeAm = serializers.DateField(source="beschwerde_am")
    staEingeladenAm = serializers.DateField(source="sta_eingeladen_am")
    staStellungnahmeAm = serializers.DateField(source="sta_stellungnahme_am")


@extend_schema_serializer(component_name="VollzugsoeffnungAntrag")
class OeffnungEingabe(serializers.Serializer):
    fall = _FallFeld()
    oeffnungsart = serializers.ChoiceField(source="art", choices=recht.Oeffnungsart.choices)
    grundlage = serializers.ChoiceField(choices=recht.Vollzugsgrundlage.choices)
    gemeingefaehrlich75a = serializers.BooleanField(source="gemeingefaehrlich_75a", default=False)
    von = serializers.DateTimeField()
    bis = serializers.DateTimeField()
    begruendung = _text()


class FachkommissionEingabe(serializers.Serializer):
    am = serializers.DateField()
    fachkommissionErgebnis = serializers.ChoiceField(
        source="ergebnis", choices=recht.Fachkommissionsergebnis.choices
    )
    text = _text()


class OeffnungEntscheidEingabe(serializers.Serializer):
    bewilligen = serializers.BooleanField()
    begruendung = _text()
    auflagen = _text(required=False)


class ZeitpunktEingabe(serializers.Serializer):
    am = serializers.DateTimeField()


class NichtrueckkehrEingabe(serializers.Serializer):
    bemerkung = _text()


class StellungnahmeStaEingabe(serializers.Serializer):
    eingeladenAm = serializers.DateField(source="eingeladen_am")
    stellungnahmeAm = serializers.DateField(
        source="stellungnahme_am", required=False, allow_null=True, default=None
    )
    text = _text(required=False)


# --- § 16 ----------------------------------------------------------------------------------------------------


class VollzugsformSerializer(serializers.Serializer):
    url = serializers.HyperlinkedIdentityField(view_name="vollzugsform-detail")
    id = serializers.IntegerField()
    fall = serializers.IntegerField(source="fall_id")
    person = serializers.IntegerField(source="fall.person_id")
    sanktion = serializers.IntegerField(source="sanktion_id")
    form = serializers.ChoiceField(choices=recht.Vollzugsform16.choices)
    strafdauerTage = serializers.IntegerField(source="strafdauer_tage")
    gesuchAm = serializers.DateField(source="gesuch_am")
    status = serializers.ChoiceField(choices=recht.Formstatus.choices)
    abklaerung = serializers.CharField()
    einsatzbetrieb = serializers.CharField()
    beginn = serializers.DateField()
    fristBis = serializers.DateField(source="frist_bis")
    stundenSoll = serializers.IntegerField(source="stunden_soll")
    stundenGeleistet = serializers.IntegerField(source="stunden_geleistet")
    vollzugsbefehlAm = serializers.DateTimeField(source="vollzugsbefehl_am")
    umwandlungTage = serializers.IntegerField(source="umwandlung_tage")
    verfuegung = _VerfuegungKurz(allow_null=True)


class VollzugsformEingabe(serializers.Serializer):
    fall = _FallFeld()
    sanktion = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    form = serializers.ChoiceField(choices=recht.Vollzugsform16.choices)
    strafdauerTage = serializers.IntegerField(source="strafdauer_tage", min_value=1, max_value=36500)
    gesuchAm = serializers.DateField(source="gesuch_am")


class VollzugsbefehlEingabe(serializers.Serializer):
    abklaerung = _text()
    beginn = serializers.DateField()
    einsatzbetrieb = _text(required=False, max_length=150)
    fristMonate = serializers.IntegerField(
        source="frist_monate", min_value=1, max_value=24, required=False, allow_null=True, default=None
    )


class AblehnenEingabe(serializers.Serializer):
    abklaerung = _text()


class StundenEingabe(serializers.Serializer):
    datum = serializers.DateField()
    stunden = serializers.IntegerField(min_value=1, max_value=recht.GA_STUNDEN_PRO_EINTRAG_MAX)
    gemeldetVon = _text("gemeldet_von", max_length=150)


class UmwandlungEingabe(serializers.Serializer):
    begruendung = _text()


# --- Bewährungshilfe ---------------------------------------------------------------------------------------


class _WeisungSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    naechsteKontrolle = serializers.DateField(source="naechste_kontrolle")
    aufgehobenAm = serializers.DateField(source="aufgehoben_am")


class _EintragSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    eintragsart = serializers.ChoiceField(source="art", choices=recht.Eintragsart.choices)
    weisung = serializers.IntegerField(source="weisung_id", allow_null=True)
    eingehalten = serializers.BooleanField(allow_null=True)
    datum = serializers.DateField()
    text = serializers.CharField()


class _MeldungSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    gericht = serializers.CharField()
    bericht = serializers.CharField()
    gesendetAm = serializers.DateField(source="gesendet_am")
    antwortAm = serializers.DateField(source="antwort_am")
    antwort = serializers.CharField()


class BewaehrungsakteSerializer(serializers.Serializer):
    url = serializers.HyperlinkedIdentityField(view_name="bewaehrungsakte-detail")
    id = serializers.IntegerField()
    person = serializers.IntegerField(source="person_id")
    fall = serializers.IntegerField(source="fall_id", allow_null=True)
    anlass = serializers.ChoiceField(choices=recht.Bewaehrungsanlass.choices)
    gericht = serializers.CharField()
    referenz = serializers.CharField()
    probezeitVon = serializers.DateField(source="probezeit_von")
    probezeitJahre = serializers.IntegerField(source="probezeit_jahre")
    probezeitBis = serializers.DateField(source="probezeit_bis")
    bewaehrungshilfeAngeordnet = serializers.BooleanField(source="bewaehrungshilfe_angeordnet")
    abgeschlossenAm = serializers.DateField(source="abgeschlossen_am")
    weisungen = _WeisungSerializer(many=True)
    eintraege = _EintragSerializer(many=True)
    gerichtsmeldungen = _MeldungSerializer(many=True)


class AkteEingabe(serializers.Serializer):
    person = _PersonFeld()
    fall = _FallFeld(required=False, allow_null=True, default=None)
    anlass = serializers.ChoiceField(choices=recht.Bewaehrungsanlass.choices)
    gericht = _text(max_length=150)
    referenz = _text(max_length=60)
    probezeitVon = serializers.DateField(source="probezeit_von")
    probezeitJahre = serializers.IntegerField(source="probezeit_jahre", min_value=0, max_value=99)
    bewaehrungshilfeAngeordnet = serializers.BooleanField(source="bewaehrungshilfe_angeordnet", default=True)


class WeisungEingabe(serializers.Serializer):
    text = _text(max_length=300)
    naechsteKontrolle = serializers.DateField(source="naechste_kontrolle")


class EintragEingabe(serializers.Serializer):
    eintragsart = serializers.ChoiceField(
        source="art",
        choices=recht.Eintragsart.choices,
        help_text="kontakt oder bericht (Kontrollen: …/kontrolle/).",
    )
    datum = serializers.DateField()
    text = _text()


class KontrolleEingabe(serializers.Serializer):
    weisung = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    datum = serializers.DateField()
    eingehalten = serializers.BooleanField()
    text = _text()
    naechsteKontrolle = serializers.DateField(
        source="naechste_kontrolle", required=False, allow_null=True, default=None
    )


class MeldungSendenEingabe(serializers.Serializer):
    meldung = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    bericht = _text()
    gesendetAm = serializers.DateField(source="gesendet_am")


class BewaehrungGerichtsantwortEingabe(serializers.Serializer):
    meldung = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    am = serializers.DateField()
    antwort = _text()


class AbschlussEingabe(serializers.Serializer):
    am = serializers.DateField()


# --- Begnadigung --------------------------------------------------------------------------------------------


class BegnadigungsgesuchSerializer(serializers.Serializer):
    url = serializers.HyperlinkedIdentityField(view_name="begnadigungsgesuch-detail")
    id = serializers.IntegerField()
    person = serializers.IntegerField(source="person_id")
    fall = serializers.IntegerField(source="fall_id", allow_null=True)
    eingereichtAm = serializers.DateField(source="eingereicht_am")
    gesuchsteller = serializers.CharField()
    begehren = serializers.CharField()
    status = serializers.ChoiceField(choices=recht.Gnadenstatus.choices)
    weitergeleitetAm = serializers.DateField(source="weitergeleitet_am")
    bericht = serializers.CharField()
    vollzugAusgesetzt = serializers.BooleanField(source="vollzug_ausgesetzt")
    aussetzungBegruendung = serializers.CharField(source="aussetzung_begruendung")
    ausgesetztAb = serializers.DateField(
        source="ausgesetzt_ab", help_text="§ 51 JVG: Vollzug des Falls ausgesetzt ab (nicht verbüsst)"
    )
    ausgesetztBis = serializers.DateField(
        source="ausgesetzt_bis", help_text="§ 51 JVG: Vollzug fortgesetzt ab (Entscheid des Kantonsrats)"
    )
    entscheid = serializers.CharField()
    entscheidAm = serializers.DateField(source="entscheid_am")
    entscheidText = serializers.CharField(source="entscheid_text")


class GnadengesuchEingabe(serializers.Serializer):
    person = _PersonFeld()
    fall = _FallFeld(required=False, allow_null=True, default=None)
    eingereichtAm = serializers.DateField(source="eingereicht_am")
    gesuchsteller = _text(max_length=150)
    begehren = _text()


class WeiterleitenEingabe(serializers.Serializer):
    am = serializers.DateField()
    bericht = _text()
    vollzugAussetzen = serializers.BooleanField(source="vollzug_aussetzen")
    aussetzungBegruendung = _text("aussetzung_begruendung")


class GnadenentscheidEingabe(serializers.Serializer):
    entscheid = serializers.ChoiceField(choices=recht.Gnadenentscheid.choices)
    am = serializers.DateField()
    text = _text()
