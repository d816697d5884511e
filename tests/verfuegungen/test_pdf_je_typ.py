"""Issue 3 acceptance: a Verfügung PDF opened as text names the right instance and deadline for EVERY
decision type (R-0-VFG-1, R-0-VFG-5), and the suspensive-effect note follows §44 (R-0-VFG-4)."""

import io

import pytest
from pypdf import PdfReader

from tests.factories import fall_anlegen
from verfuegungen import domain
from verfuegungen.recht import Verfuegungstyp as T

pytestmark = pytest.mark.django_db

# Expected by the law (§§ 42–44 JVG), written out here rather than read from recht.py.
ERWARTET = {
    T.DISZIPLINAR: ("Justiz- und Sicherheitsdepartement", 5, False),
    T.SICHERHEITSMASSNAHME_31: ("Justiz- und Sicherheitsdepartement", 20, False),
    T.ZWANGSMEDIKATION_36: ("Justiz- und Sicherheitsdepartement", 20, False),
    T.ZWANGSERNAEHRUNG_39: ("Justiz- und Sicherheitsdepartement", 20, False),
    T.VERSETZUNG_17: ("Justiz- und Sicherheitsdepartement", 20, True),
    T.AUFSCHUB_14: ("Justiz- und Sicherheitsdepartement", 20, True),
    T.KOSTENBETEILIGUNG_48: ("Justiz- und Sicherheitsdepartement", 20, True),
    T.ANDERE_KANTONAL: ("Justiz- und Sicherheitsdepartement", 20, True),
    T.BUNDESRECHT: ("Kantonsgericht", 20, True),
    T.DEPARTEMENTSENTSCHEID: ("Kantonsgericht", 20, True),
}


def test_erwartungen_decken_jeden_typ():
    assert set(ERWARTET) == set(T.values)


@pytest.mark.rule("R-0-VFG-1", "R-0-VFG-5", "R-0-VFG-4")
@pytest.mark.parametrize("typ", list(ERWARTET))
def test_pdf_je_typ_nennt_instanz_frist_und_aufschiebende_wirkung(typ, sachbearbeitung, anstalt_a, leitung_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    anstaltsentscheid = typ in (T.DISZIPLINAR, T.SICHERHEITSMASSNAHME_31)
    durch = leitung_a if anstaltsentscheid else sachbearbeitung
    v = domain.verfuegung_entwerfen(
        typ=typ,
        person=fall.person,
        fall=fall,
        anstalt=anstalt_a if anstaltsentscheid else None,
        daten=domain.Entwurfsdaten(
            titel="Testverfügung",
            rechtsgrundlage="§ 1 JVG",
            sachverhalt="Sachverhalt.",
            begruendung="Begründung.",
            dispositiv="Dispositiv.",
        ),
        durch=durch,
    )
    instanz, tage, aufschiebend = ERWARTET[typ]
    pdf = domain.pdf_erzeugen(verfuegung=v, durch=durch)
    text = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    belehrung = text[text.index("Rechtsmittelbelehrung") :]
    assert instanz in belehrung
    # The law writes small numbers in words (§ 42: "innert fünf Tagen").
    assert f"innert {'fünf' if tage == 5 else tage} Tagen" in belehrung
    if aufschiebend:
        assert "keine aufschiebende Wirkung" not in text
    else:
        # pypdf may break the line anywhere; compare without spaces.
        assert "keineaufschiebendeWirkungzu(§44JVG" in text.replace(" ", "")
