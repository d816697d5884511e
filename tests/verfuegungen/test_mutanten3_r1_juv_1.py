"""Mutants of R-1-JUV-1 (§ 1 Abs. 1 lit. d JVG: juvenile = under 18) that survived the marked tests (issue 25).

`vollzug/domain/adressen.py:136–142`: the letter about a juvenile goes to the statutory representative; the
window lines are the representative's name, the line naming the juvenile, then the representative's street
and town (`zeilen[1:]`). The representative is not in custody (`im_vollzug=False`: sent by post, not
personal handover in the facility where the juvenile is placed) and has a complete postal address (the
address fields of a Vertretung are mandatory, `vertretung_erfassen` runs `full_clean`).
"""

from datetime import date

import pytest

from tests.factories import fall_anlegen
from verfuegungen import domain
from verfuegungen.domain import brief
from verfuegungen.recht import Verfuegungstyp as T
from vollzug import domain as vollzug_domain
from vollzug.domain.adressen import empfaenger_fuer
from vollzug.models import Vertretungsfunktion as VF

pytestmark = pytest.mark.django_db

ACHTZEHN = date(2026, 12, 5)  # the 18th birthday of the person below


def _jugendlich_in_haft(sb, anstalt):
    anstalt.strasse, anstalt.hausnummer, anstalt.postleitzahl = "Grosshofstrasse", "5", "6010"
    anstalt.save()
    p = vollzug_domain.person_erfassen(
        amtlicher_name="Muster",
        vorname="Hans",
        geschlecht="1",
        geburtsdatum=date(2008, 12, 5),
        durch=sb,
    )
    vollzug_domain.vertretung_erfassen(
        person=p,
        funktion=VF.GESETZLICHE_VERTRETUNG,
        name="Maria Muster",
        strasse="Hirschmattstrasse",
        hausnummer="15",
        postleitzahl="6003",
        ort="Luzern",
        durch=sb,
    )
    return fall_anlegen(durch=sb, person=p, eingewiesen_in=anstalt)


def _brief(fall, sb, am):
    v = domain.verfuegung_entwerfen(
        typ=T.VERSETZUNG_17,
        person=fall.person,
        fall=fall,
        anstalt=None,
        daten=domain.Entwurfsdaten(
            titel="Versetzung",
            rechtsgrundlage="§ 17 JVG",
            sachverhalt="Der Sachverhalt.",
            begruendung="Die Begründung.",
            dispositiv="Erste Ziffer.",
        ),
        durch=sb,
    )
    v.entscheid_datum = am  # the letter's date (in memory; the lifecycle is tested elsewhere)
    return domain.pdf_kontext(v)


@pytest.mark.rule("R-1-JUV-1")
def test_brief_an_die_gesetzliche_vertretung_einer_jugendlichen_person_in_haft_grenze_18(
    sachbearbeitung, anstalt_a
):
    fall = _jugendlich_in_haft(sachbearbeitung, anstalt_a)

    # The day before the 18th birthday: the statutory representative is the addressee, with all her lines.
    k = _brief(fall, sachbearbeitung, date(2026, 12, 4))
    assert k["adressat"] == [
        "Maria Muster",
        "als gesetzliche Vertretung von Hans Muster",
        "Hirschmattstrasse 15",
        "6003 Luzern",
    ]
    # She is not in custody: by post (A-Post Plus for a transfer), not handed over in the facility.
    assert k["zustellart"] == brief.A_POST_PLUS
    assert k["mitteilung_an"][:2] == [
        "Maria Muster, als gesetzliche Vertretung von Hans Muster, Hirschmattstrasse 15, 6003 Luzern "
        "(gesetzliche Vertretung; A-Post Plus)",
        "Herr Hans Muster, c/o JVA Grosshof, Grosshofstrasse 5, 6010 Kriens "
        "(betroffene Person, Kopie; persönliche Aushändigung gegen Empfangsbestätigung)",
    ]
    adressat = empfaenger_fuer(fall.person, date(2026, 12, 4)).adressat
    assert adressat.rolle == "gesetzliche Vertretung"
    assert not adressat.im_vollzug and adressat.vollstaendig

    # On the 18th birthday: the person in custody is the addressee, handed the letter in the facility.
    k = _brief(fall, sachbearbeitung, ACHTZEHN)
    assert k["adressat"] == ["Herr Hans Muster", "c/o JVA Grosshof", "Grosshofstrasse 5", "6010 Kriens"]
    assert k["zustellart"] == brief.PERSOENLICH
    assert k["mitteilung_an"][1] == (
        "Maria Muster, Hirschmattstrasse 15, 6003 Luzern (gesetzliche Vertretung, Kopie; A-Post)"
    )
