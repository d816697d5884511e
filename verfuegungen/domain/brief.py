"""A Verfügung as a letter fit to send (issue 17, R-0-VFG-1): addressee and copies, mode of service,
distribution list ("Mitteilung an"), signature block and the draft watermark.

Who receives the letter comes from `vollzug.domain.adressen.empfaenger_fuer` (juveniles through the
statutory representative, a Rechtsvertretung as addressee, a person in custody "c/o" the facility).
The mode of service: what the Eröffnung recorded, else a default by the decision (burdening decisions
and refusals go by registered mail, favourable ones by A-Post Plus, a person in custody receives the
letter in person against a signed receipt). Three queries (placement, representatives, approver).
"""

from __future__ import annotations

from django.utils import timezone

from kern.briefdatum import datum_lang
from verfuegungen import recht
from verfuegungen.models import Verfuegung
from verfuegungen.recht import EroeffnungArt
from vollzug.domain.adressen import Briefempfaenger, Empfaenger, empfaenger_fuer

EINGESCHRIEBEN = "Eingeschrieben"
A_POST_PLUS = "A-Post Plus"
PERSOENLICH = "Persönliche Aushändigung gegen Empfangsbestätigung"
A_POST = "A-Post"

ZUSTELLART_DER_EROEFFNUNG = {
    EroeffnungArt.UEBERGABE_ANSTALT: PERSOENLICH,
    EroeffnungArt.PERSOENLICH_BEHOERDE: PERSOENLICH,
    EroeffnungArt.EINSCHREIBEN: EINGESCHRIEBEN,
    EroeffnungArt.A_POST_PLUS: A_POST_PLUS,
    EroeffnungArt.ELEKTRONISCH: "Elektronische Zustellung",
}


def zustellart(v: Verfuegung, adressat: Empfaenger) -> str:
    """The mode of service of the letter to its addressee."""
    if v.eroeffnung_art:
        return ZUSTELLART_DER_EROEFFNUNG.get(v.eroeffnung_art, EINGESCHRIEBEN)
    if adressat.im_vollzug:
        return PERSOENLICH
    return EINGESCHRIEBEN if v.ist_belastend else A_POST_PLUS


def _kopie_zustellart(e: Empfaenger) -> str:
    return PERSOENLICH if e.im_vollzug else A_POST


def _im_satz(art: str) -> str:
    return art if art.startswith("A-") else art[:1].lower() + art[1:]


def mitteilung_an(v: Verfuegung, empf: Briefempfaenger, art: str) -> list[str]:
    """The distribution list: addressee (mode of service), copies, the authority concerned, the file."""
    zeilen = [f"{empf.adressat.einzeilig} ({empf.adressat.rolle}; {_im_satz(art)})"]
    zeilen += [f"{k.einzeilig} ({k.rolle}, Kopie; {_im_satz(_kopie_zustellart(k))})" for k in empf.kopien]
    anstaltsentscheid = v.typ in recht.ANSTALTSTYPEN
    if anstaltsentscheid:
        zeilen.append(f"{recht.VOLLZUGSBEHOERDE} (einweisende Behörde)")
    elif empf.anstalt is not None:
        zeilen.append(f"{empf.anstalt.name}, {empf.anstalt.ort} (Vollzugseinrichtung)")
    zeilen.append("Akten")
    return zeilen


def _unterschrift(v: Verfuegung, anstaltsentscheid: bool, stelle: str) -> list[str]:
    if not v.genehmigt_durch_id:
        return [stelle, "Entwurf – nicht genehmigt, nicht unterzeichnet"]
    g = v.genehmigt_durch
    name = g.get_full_name() or g.username
    funktion = f"Anstaltsleitung {v.anstalt.name}" if anstaltsentscheid else "Vollzugs- und Bewährungsdienst"
    return [stelle, name, funktion]


def pdf_kontext(verfuegung: Verfuegung) -> dict:
    """The one place that turns a Verfügung into the PDF contract of `kern.pdf` (R-0-VFG-1)."""
    v = verfuegung
    anstaltsentscheid = v.typ in recht.ANSTALTSTYPEN
    datum = v.entscheid_datum or timezone.localdate()
    ort = v.anstalt.ort if anstaltsentscheid and v.anstalt else "Luzern"
    stelle = v.anstalt.name if anstaltsentscheid and v.anstalt else recht.VOLLZUGSBEHOERDE
    empf = empfaenger_fuer(v.person, datum)
    art = zustellart(v, empf.adressat)
    person = v.person
    return {
        "behoerde": recht.JSD,
        "abteilung": stelle,
        "nummer": v.nummer,
        "ort_datum": f"{ort}, {datum_lang(datum)}",
        "zustellart": art,
        "adressat": list(empf.adressat.zeilen),
        "betreff": f"{person.vorname} {person.amtlicher_name}, geb. {person.geburtsdatum:%d.%m.%Y}"
        + (f", Fall {v.fall.fallnummer}" if v.fall_id else ""),
        "titel": v.titel,
        "rechtsgrundlage": v.rechtsgrundlage,
        "sachverhalt": v.sachverhalt,
        "begruendung": v.begruendung,
        "dispositiv": v.dispositiv_ziffern,
        "rechtsmittelbelehrung": recht.rechtsmittelbelehrung(v),
        "aufschiebende_wirkung": recht.aufschiebende_wirkung_text(v),
        "kostenhinweis": recht.kostenhinweis(v),
        "unterschrift": _unterschrift(v, anstaltsentscheid, stelle),
        "mitteilung_an": mitteilung_an(v, empf, art),
        "entwurf": not v.genehmigt_durch_id,
    }
