"""Issue 17: every decision type as a letter fit to send. The rendered PDF's text is compared with an
approved wording (tests/verfuegungen/golden/*.txt) per type; addresses (eCH-0010, facility "c/o",
representatives, juveniles through the statutory representative), mode of service, "Mitteilung an",
signature block, the ENTWURF watermark, no doubled numbering and a Dispositiv kept on one page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kern import pdf as kern_pdf
from tests.factories import fall_anlegen
from tests.verfuegungen.briefhilfen import (
    ablegen,
    doppelte_nummern,
    mit_golden_vergleichen,
    seiten,
    text,
)
from verfuegungen import domain
from verfuegungen.domain import brief
from verfuegungen.recht import EroeffnungArt
from verfuegungen.recht import Verfuegungstyp as T
from vollzug import domain as vollzug_domain
from vollzug.domain.adressen import FEHLT, empfaenger_fuer
from vollzug.models import Vertretungsfunktion as VF

pytestmark = pytest.mark.django_db

BRIEFDATUM = date(2026, 12, 5)

# Which person each type's letter goes to: the address cases of issue 17.
SZENARIO = {
    T.DISZIPLINAR: "haft",
    T.SICHERHEITSMASSNAHME_31: "haft",
    T.ZWANGSMEDIKATION_36: "haft",
    T.ZWANGSERNAEHRUNG_39: "haft",
    T.VERSETZUNG_17: "haft",
    T.AUFSCHUB_14: "frei",
    T.KOSTENBETEILIGUNG_48: "frei",
    T.ANDERE_KANTONAL: "jugendlich",
    T.BUNDESRECHT: "rechtsvertretung",
    T.DEPARTEMENTSENTSCHEID: "verteidigung",
}
ANSTALTSTYPEN = (T.DISZIPLINAR, T.SICHERHEITSMASSNAHME_31)


@pytest.fixture
def grosshof(anstalt_a):
    anstalt_a.strasse, anstalt_a.hausnummer, anstalt_a.postleitzahl = "Grosshofstrasse", "5", "6010"
    anstalt_a.save()
    return anstalt_a


def _person(sb, *, geburtsdatum=date(1984, 5, 17), adresse=True, vertretung=None):
    p = vollzug_domain.person_erfassen(
        amtlicher_name="Muster",
        vorname="Hans",
        geschlecht="1",
        geburtsdatum=geburtsdatum,
        **(
            {"strasse": "Baselstrasse", "hausnummer": "44", "postleitzahl": "6003", "ort": "Luzern"}
            if adresse
            else {}
        ),
        durch=sb,
    )
    if vertretung:
        name = {
            VF.GESETZLICHE_VERTRETUNG: "Maria Muster",
            VF.RECHTSVERTRETUNG: "lic. iur. Anna Beispiel, Rechtsanwältin",
            VF.VERTEIDIGUNG: "Dr. iur. Urs Verteidiger, Rechtsanwalt",
        }[vertretung]
        vollzug_domain.vertretung_erfassen(
            person=p,
            funktion=vertretung,
            name=name,
            strasse="Hirschmattstrasse",
            hausnummer="15",
            postleitzahl="6003",
            ort="Luzern",
            durch=sb,
        )
    return p


def _fall(szenario, sb, anstalt):
    if szenario == "haft":
        return fall_anlegen(durch=sb, person=_person(sb, adresse=False), eingewiesen_in=anstalt)
    if szenario == "jugendlich":
        # 17 on the letter's date.
        p = _person(sb, geburtsdatum=date(2009, 1, 20), vertretung=VF.GESETZLICHE_VERTRETUNG)
        return fall_anlegen(durch=sb, person=p)
    vertretung = {"rechtsvertretung": VF.RECHTSVERTRETUNG, "verteidigung": VF.VERTEIDIGUNG}.get(szenario)
    return fall_anlegen(durch=sb, person=_person(sb, vertretung=vertretung))


DATEN = domain.Entwurfsdaten(
    titel="Testverfügung",
    rechtsgrundlage="§ 1 JVG",
    sachverhalt="Der Sachverhalt in einem Satz.",
    begruendung="Die Begründung in einem Satz.\n\nEin zweiter Absatz.",
    dispositiv="Erste Ziffer.\nZweite Ziffer.",
)


def _entwurf(typ, sb, leitung, anstalt, daten=DATEN):
    fall = _fall(SZENARIO[typ], sb, anstalt)
    anstaltsentscheid = typ in ANSTALTSTYPEN
    return domain.verfuegung_entwerfen(
        typ=typ,
        person=fall.person,
        fall=fall,
        anstalt=anstalt if anstaltsentscheid else None,
        daten=daten,
        durch=leitung if anstaltsentscheid else sb,
    )


def _als_genehmigt(v, genehmigend):
    """The approved letter as it goes out, with a fixed date (in memory; the lifecycle is tested elsewhere)."""
    genehmigend.first_name, genehmigend.last_name = "Petra", "Genehmiger"
    v.genehmigt_durch = genehmigend
    v.entscheid_datum = BRIEFDATUM
    return v


def _normalisiert(v, inhalt: bytes) -> str:
    t = text(inhalt).replace(v.nummer, "<NUMMER>")
    return t.replace(v.fall.fallnummer, "<FALL>") if v.fall_id else t


@pytest.mark.rule("R-0-VFG-1")
@pytest.mark.parametrize("typ", list(SZENARIO))
def test_brief_je_typ_entspricht_dem_genehmigten_wortlaut(
    typ, sachbearbeitung, sachbearbeitung2, leitung_a, grosshof
):
    v = _entwurf(typ, sachbearbeitung, leitung_a, grosshof)
    v = _als_genehmigt(v, leitung_a if typ in ANSTALTSTYPEN else sachbearbeitung2)
    inhalt = kern_pdf.render_verfuegung_pdf(domain.pdf_kontext(v))
    ablegen(f"verfuegung_{typ}", inhalt)
    t = _normalisiert(v, inhalt)
    mit_golden_vergleichen(f"verfuegung_{typ}", t)
    # Checks across every letter: no "1. 1.", the final letter carries no watermark, place and date.
    assert doppelte_nummern(t) == []
    assert "ENTWURF" not in t
    assert "Mitteilung an" in t
    ort = "Kriens" if typ in ANSTALTSTYPEN else "Luzern"
    assert f"{ort}, 5. Dezember 2026" in t
    assert "Petra Genehmiger" in t


def test_golden_deckt_jeden_typ():
    assert set(SZENARIO) == set(T.values)


# --- Addresses ----------------------------------------------------------------------------------


def test_person_in_haft_ueber_die_postadresse_der_einrichtung(sachbearbeitung, grosshof):
    fall = _fall("haft", sachbearbeitung, grosshof)
    e = empfaenger_fuer(fall.person, BRIEFDATUM)
    assert e.adressat.zeilen == ("Herr Hans Muster", "c/o JVA Grosshof", "Grosshofstrasse 5", "6010 Kriens")
    assert e.adressat.im_vollzug and e.adressat.vollstaendig


def test_person_in_freiheit_mit_ech0010_adresse_und_ohne_adresse(sachbearbeitung):
    mit = _person(sachbearbeitung)
    assert empfaenger_fuer(mit, BRIEFDATUM).adressat.zeilen == (
        "Herr Hans Muster",
        "Baselstrasse 44",
        "6003 Luzern",
    )
    ohne = _person(sachbearbeitung, adresse=False)
    e = empfaenger_fuer(ohne, BRIEFDATUM).adressat
    assert e.zeilen[-1] == FEHLT and not e.vollstaendig


@pytest.mark.rule("R-1-JUV-1")
def test_jugendliche_ueber_die_gesetzliche_vertretung_grenze_18_geburtstag(sachbearbeitung):
    p = _person(sachbearbeitung, geburtsdatum=date(2008, 12, 5), vertretung=VF.GESETZLICHE_VERTRETUNG)
    # The day before the 18th birthday: through the statutory representative, the person in copy.
    vorher = empfaenger_fuer(p, date(2026, 12, 4))
    assert vorher.adressat.zeilen[0] == "Maria Muster"
    assert vorher.adressat.zeilen[1] == "als gesetzliche Vertretung von Hans Muster"
    assert [k.zeilen[0] for k in vorher.kopien] == ["Herr Hans Muster"]
    # On the 18th birthday: the person, the representative in copy.
    am = empfaenger_fuer(p, date(2026, 12, 5))
    assert am.adressat.zeilen[0] == "Herr Hans Muster"
    assert [k.zeilen[0] for k in am.kopien] == ["Maria Muster"]


def test_jugendliche_ohne_erfasste_vertretung_nennt_die_gesetzliche_vertretung(sachbearbeitung):
    p = _person(sachbearbeitung, geburtsdatum=date(2010, 3, 1))
    assert empfaenger_fuer(p, BRIEFDATUM).adressat.zeilen[0] == "An die gesetzliche Vertretung von"


def test_rechtsvertretung_ist_adressatin_verteidigung_in_kopie_beendetes_mandat_nicht(sachbearbeitung):
    p = _person(sachbearbeitung, vertretung=VF.RECHTSVERTRETUNG)
    e = empfaenger_fuer(p, BRIEFDATUM)
    assert e.adressat.zeilen[0].startswith("lic. iur. Anna Beispiel")
    assert e.adressat.rolle == "Rechtsvertretung"
    assert [k.rolle for k in e.kopien] == ["betroffene Person"]
    vollzug_domain.vertretung_erfassen(
        person=p,
        funktion=VF.VERTEIDIGUNG,
        name="Dr. Urs Verteidiger",
        strasse="Pilatusstrasse",
        postleitzahl="6003",
        ort="Luzern",
        durch=sachbearbeitung,
    )
    assert [k.rolle for k in empfaenger_fuer(p, BRIEFDATUM).kopien] == ["betroffene Person", "Verteidigung"]
    # A mandate that ended the day before the letter no longer counts; one ending that day still does.
    p.vertretungen.filter(funktion=VF.RECHTSVERTRETUNG).update(bis=BRIEFDATUM - timedelta(days=1))
    assert empfaenger_fuer(p, BRIEFDATUM).adressat.rolle == "betroffene Person"
    p.vertretungen.filter(funktion=VF.RECHTSVERTRETUNG).update(bis=BRIEFDATUM)
    assert empfaenger_fuer(p, BRIEFDATUM).adressat.rolle == "Rechtsvertretung"


def test_vertretung_mit_falscher_postleitzahl_abgewiesen(sachbearbeitung):
    from django.core.exceptions import ValidationError

    p = _person(sachbearbeitung)
    for plz in ("600", "60031", "0600", "abcd"):
        with pytest.raises(ValidationError) as fehler:
            vollzug_domain.vertretung_erfassen(
                person=p,
                funktion=VF.RECHTSVERTRETUNG,
                name="X",
                strasse="Y",
                postleitzahl=plz,
                ort="Luzern",
                durch=sachbearbeitung,
            )
        assert "Postleitzahl hat vier Ziffern" in str(fehler.value)


# --- Mode of service, watermark, numbering ------------------------------------------------------


def test_zustellart_je_lage(sachbearbeitung, leitung_a, grosshof):
    haft = _entwurf(T.DISZIPLINAR, sachbearbeitung, leitung_a, grosshof)
    assert domain.pdf_kontext(haft)["zustellart"] == brief.PERSOENLICH
    abweisung = _entwurf(T.AUFSCHUB_14, sachbearbeitung, leitung_a, grosshof)
    abweisung.abweisend = True
    assert domain.pdf_kontext(abweisung)["zustellart"] == brief.EINGESCHRIEBEN
    bewilligung = _entwurf(T.AUFSCHUB_14, sachbearbeitung, leitung_a, grosshof)
    assert domain.pdf_kontext(bewilligung)["zustellart"] == brief.A_POST_PLUS
    # What the Eröffnung recorded wins.
    bewilligung.eroeffnung_art = EroeffnungArt.EINSCHREIBEN
    assert domain.pdf_kontext(bewilligung)["zustellart"] == brief.EINGESCHRIEBEN


def test_entwurf_traegt_wasserzeichen_genehmigte_fassung_nicht(
    sachbearbeitung, sachbearbeitung2, leitung_a, grosshof
):
    v = _entwurf(T.VERSETZUNG_17, sachbearbeitung, leitung_a, grosshof)
    inhalt = domain.pdf_erzeugen(verfuegung=v, durch=sachbearbeitung)
    ablegen("entwurf_versetzung_17", inhalt)
    entwurf = text(inhalt)
    assert "ENTWURF" in entwurf
    assert "nicht genehmigt, nicht unterzeichnet" in entwurf
    final = text(kern_pdf.render_verfuegung_pdf(domain.pdf_kontext(_als_genehmigt(v, sachbearbeitung2))))
    assert "ENTWURF" not in final and "nicht unterzeichnet" not in final


def test_selbst_nummerierte_ziffern_werden_nicht_doppelt_nummeriert():
    assert kern_pdf.ziffern_ohne_nummer(["1. Erstens.", "2. Zweitens."]) == ["Erstens.", "Zweitens."]
    # Not numbered in order: left as written (a point may start with a date).
    assert kern_pdf.ziffern_ohne_nummer(["3. Oktober: Beginn.", "Ende."]) == ["3. Oktober: Beginn.", "Ende."]
    assert kern_pdf.ziffern_ohne_nummer(["1. A", "3. B"]) == ["1. A", "3. B"]


def test_pruefung_auf_doppelte_nummern_erkennt_sie():
    assert doppelte_nummern("1. 1. Die Massnahme") == ["1. 1."]
    assert doppelte_nummern("2. 2) x") == ["2. 2)"]
    assert doppelte_nummern("1. Erstens 2. Zweitens; vom 1.1.2026") == []


def _kontext(absaetze: int) -> dict:
    return {
        "behoerde": "Justiz- und Sicherheitsdepartement des Kantons Luzern",
        "abteilung": "Vollzugs- und Bewährungsdienst",
        "nummer": "V-2026-1",
        "ort_datum": "Luzern, 5. Dezember 2026",
        "adressat": ["Herr Hans Muster", "Baselstrasse 44", "6003 Luzern"],
        "titel": "Umbruchtest",
        "rechtsgrundlage": "§ 1 JVG",
        "sachverhalt": "Sachverhalt.",
        "begruendung": "\n\n".join(f"Absatz {i} der Begründung mit etwas Text." for i in range(absaetze)),
        "dispositiv": [
            f"Ziffer {i}: eine Anordnung, die über mehr als eine Zeile läuft, damit der Block hoch wird und "
            "beim Umbruch sicher geteilt würde."
            for i in range(1, 7)
        ],
        "rechtsmittelbelehrung": "Belehrung.",
        "aufschiebende_wirkung": "Hinweis.",
        "unterschrift": ["Vollzugs- und Bewährungsdienst", "Petra Genehmiger"],
    }


def test_dispositiv_wird_nicht_ueber_einen_seitenumbruch_geteilt():
    """Shifts the Dispositiv across the page end, one Begründung paragraph at a time: its heading and
    its last point are always on the same page (CSS break-inside: avoid)."""
    mehrseitig = 0
    for absaetze in range(8, 40, 2):
        s = seiten(kern_pdf.render_verfuegung_pdf(_kontext(absaetze)))
        if len(s) > 1:
            mehrseitig += 1
        anfang = next(i for i, t in enumerate(s) if "Es wird verfügt" in t)
        ende = next(i for i, t in enumerate(s) if "Ziffer 6:" in t)
        assert anfang == ende, f"Dispositiv geteilt bei {absaetze} Absätzen"
    assert mehrseitig > 3


def test_pdf_ansicht_liest_eine_beschraenkte_zahl_von_abfragen(
    sachbearbeitung, leitung_a, grosshof, django_assert_max_num_queries
):
    v = _entwurf(T.BUNDESRECHT, sachbearbeitung, leitung_a, grosshof)
    v = type(v).objects.get(pk=v.pk)
    with django_assert_max_num_queries(8):
        domain.pdf_kontext(v)
