"""Issue 17: the wording the modules write into their decisions, rendered as the letter that goes out and
compared with an approved text: § 14 (Aufschub: "ersucht … um Aufschub", the judgment named without
declension) and § 31 (review "mindestens alle 7 Tage", the Dispositiv numbered once)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import timezone

from aufschub import domain as aufschub
from aufschub.recht import Gefahrenstufe, Gesuchsart, Gesuchsgrund
from kern import pdf as kern_pdf
from sicherheitsmassnahmen import domain as massnahmen
from sicherheitsmassnahmen.recht import Massnahmenart, Risiko
from tests.factories import fall_anlegen
from tests.verfuegungen.briefhilfen import ablegen, doppelte_nummern, flach, mit_golden_vergleichen, text
from verfuegungen import domain
from vollzug import domain as vollzug_domain
from vollzug.models import Sanktion

pytestmark = pytest.mark.django_db


def _person(sb):
    return vollzug_domain.person_erfassen(
        amtlicher_name="Muster", vorname="Hans", geschlecht="1", geburtsdatum=date(1984, 5, 17), durch=sb
    )


def _final(v, genehmigend) -> bytes:
    genehmigend.first_name, genehmigend.last_name = "Petra", "Genehmiger"
    v.genehmigt_durch = genehmigend
    v.entscheid_datum = date(2026, 12, 5)
    return kern_pdf.render_verfuegung_pdf(domain.pdf_kontext(v))


def _normalisiert(t: str, v, *ersetzen: str) -> str:
    heute = timezone.localdate().strftime("%d.%m.%Y")
    t = re.sub(re.escape(heute) + r"( \d{2}:\d{2})?", "<HEUTE>", t)
    for alt, neu in (
        (v.nummer, "<NUMMER>"),
        (v.fall.fallnummer, "<FALL>"),
        *zip(ersetzen, ("<REF>", "<ANTRAG>"), strict=False),
    ):
        t = t.replace(alt, neu)
    return t


@pytest.mark.rule("R-14-6")
@pytest.mark.parametrize("bewilligen", [True, False], ids=["bewilligung", "abweisung"])
def test_aufschub_brief_wortlaut(bewilligen, sachbearbeitung, sachbearbeitung2):
    fall = fall_anlegen(durch=sachbearbeitung, person=_person(sachbearbeitung))
    sanktion = Sanktion.objects.get(entscheid__fall=fall)
    g = aufschub.gesuch_erfassen(
        fall=fall,
        sanktion=sanktion,
        art=Gesuchsart.AUFSCHUB,
        grund=Gesuchsgrund.B,
        eingereicht_am=date(2026, 11, 20),
        begehrt_von=date(2027, 1, 1),
        begehrt_bis=date(2027, 3, 31),
        begruendung="Geburt des Kindes und Pflege der Partnerin.",
        durch=sachbearbeitung,
    )
    v = aufschub.gesuch_entscheiden(
        gesuch=g,
        bewilligen=bewilligen,
        beurteilung_vollzugsdauer="Acht Monate Freiheitsstrafe; kein Vollzugsbeginn verpasst.",
        fluchtgefahr=Gefahrenstufe.GERING,
        wiederholungsgefahr=Gefahrenstufe.KEINE,
        entscheid_begruendung="Das Vorkommnis ist ausserordentlich und unaufschiebbar.",
        durch=sachbearbeitung,
    )
    inhalt = _final(v, sachbearbeitung2)
    ablegen(f"aufschub_{'bewilligung' if bewilligen else 'abweisung'}", inhalt)
    t = _normalisiert(text(inhalt), v, sanktion.entscheid.referenz)
    mit_golden_vergleichen(f"aufschub_14_{'bewilligung' if bewilligen else 'abweisung'}", t)
    f = flach(t)
    assert "ersuchtHansMusterumAufschubdesVollzugs" in f
    assert "dieAufschub" not in f
    assert "derKriminalgericht" not in f
    assert "Urteil:KriminalgerichtLuzern" in f
    assert doppelte_nummern(t) == []


@pytest.mark.rule("R-31-5")
def test_sicherheitsmassnahme_brief_wortlaut(sachbearbeitung, anstalt_a, personal_a, leitung_a):
    anstalt_a.strasse, anstalt_a.hausnummer, anstalt_a.postleitzahl = "Grosshofstrasse", "5", "6010"
    anstalt_a.save()
    fall = fall_anlegen(durch=sachbearbeitung, person=_person(sachbearbeitung), eingewiesen_in=anstalt_a)
    m = massnahmen.massnahme_beantragen(
        fall=fall,
        art=Massnahmenart.ABSONDERUNG,
        risiken=[Risiko.FREMDGEFAEHRDUNG],
        sachverhalt="Griff am Morgen einen Mitgefangenen mit einer Gabel an.",
        begruendung="Gespräch und Verwarnung blieben ohne Wirkung.",
        durch=personal_a,
    )
    inhalt = _final(m.verfuegung, leitung_a)
    ablegen("sicherheitsmassnahme_31", inhalt)
    t = _normalisiert(text(inhalt), m.verfuegung, "\x00", m.nummer)
    mit_golden_vergleichen("sicherheitsmassnahme_31_absonderung", t)
    f = flach(t)
    assert "mindestensalle7Tageüberprüft" in f
    assert "Tagenüberprüft" not in f
    assert doppelte_nummern(t) == []
    assert "1.GegenüberHansMusterwird" in f and "2.DieMassnahme" in f
