"""Issue 17 / 19: the cost statement as a letter. Addressed to the payer's postal address (the canton's
office, a person "c/o" the facility), with payment terms; the approved wording of a short statement;
every line's values still in the text after the faster layout (fixed-width blocks per case)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from kosten import domain
from kosten.domain import ausgabe
from kosten.recht import Zahler
from tests.factories import fall_anlegen
from tests.kosten.hilfen import position, zeit
from tests.verfuegungen.briefhilfen import ablegen, flach, mit_golden_vergleichen, text
from vollzug import domain as vollzug_domain
from vollzug.recht import Vollzugsform

pytestmark = pytest.mark.django_db


@pytest.fixture
def heute_2026():
    with time_machine.travel(zeit(date(2026, 3, 31), 12), tick=False):
        yield date(2026, 3, 31)


@pytest.fixture
def fall(sachbearbeitung, anstalt_a, heute_2026):
    anstalt_a.strasse, anstalt_a.hausnummer, anstalt_a.postleitzahl = "Grosshofstrasse", "5", "6010"
    anstalt_a.save()
    person = vollzug_domain.person_erfassen(
        amtlicher_name="Muster",
        vorname="Hans",
        geschlecht="1",
        geburtsdatum=date(1984, 5, 17),
        durch=sachbearbeitung,
    )
    return fall_anlegen(durch=sachbearbeitung, person=person, eingewiesen_in=anstalt_a)


def _abrechnung(fall, sb, zahler, **kw):
    position(fall, sb, betrag=Decimal("1234.50"), bezeichnung="Medikamente März, Apotheke")
    position(fall, sb, betrag=Decimal("80.05"), bezeichnung="Zahnarzt " + "sehr lange Bezeichnung " * 3)
    return domain.abrechnung_erstellen(
        zahler=zahler, von=date(2026, 3, 1), bis=date(2026, 3, 31), durch=sb, **kw
    )


@pytest.mark.rule("R-KOST-1")
def test_rechnung_an_person_in_haft_wortlaut_adresse_und_zahlungsfrist(fall, sachbearbeitung):
    a = _abrechnung(fall, sachbearbeitung, Zahler.PERSON, person=fall.person)
    k = ausgabe.pdf_kontext(a)
    assert k["adresse"] == ["Herr Hans Muster", "c/o JVA Grosshof", "Grosshofstrasse 5", "6010 Kriens"]
    assert k["zahlung"][0] == "Zahlbar innert 30 Tagen, das heisst bis 30.04.2026."
    inhalt = ausgabe.pdf_rendern(a)
    ablegen("kosten_rechnung_person", inhalt)
    t = text(inhalt).replace(a.nummer, "<NUMMER>").replace(fall.fallnummer, "<FALL>")
    mit_golden_vergleichen("kosten_rechnung_person", t)
    # Same content as the table it replaced: every value of every line.
    f = flach(t)
    for z in a.zeilen.all():
        for wert in (
            z.von.strftime("%d.%m.%Y"),
            z.bis.strftime("%d.%m.%Y"),
            f"{z.betrag:,.2f}".replace(",", "'"),
        ):
            assert wert in f
    assert "Zahnarztsehrlange" in f and "langeBezeichnungsehrlangeBezeichnung(§47Abs.3lit.b)" in f
    assert "{#" not in t
    assert "Luzern,31.März2026" in f


@pytest.mark.rule("R-KOST-1")
def test_aufstellung_an_den_kanton_hat_postadresse_und_zahlungsfrist(fall, sachbearbeitung, anstalt_a):
    domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=Vollzugsform.NORMALVOLLZUG,
        gueltig_ab=date(2020, 1, 1),
        betrag=Decimal("285.00"),
        durch=sachbearbeitung,
    )
    a = _abrechnung(fall, sachbearbeitung, Zahler.KANTON)
    assert a.zahlbetrag > 0
    k = ausgabe.pdf_kontext(a)
    assert k["adresse"] == list(ausgabe.KANTON_ADRESSE)
    assert k["adresse"][-2:] == ["Bahnhofstrasse 15", "6002 Luzern"]
    assert k["qr"] is None
    f = flach(text(ausgabe.pdf_rendern(a)))
    assert flach("Zahlbar innert 30 Tagen, das heisst bis 30.04.2026.") in f
    assert "Departementssekretariat" in f


def test_spalten_sind_ausgerichtet_und_lange_texte_umbrechen():
    zeile = ausgabe._spalten("x" * 45, "01.03.2026 – 31.03.2026", "31", "285.35", "8'845.85")
    erste, zweite = zeile.split("\n")
    assert len(erste) == len(ausgabe.SPALTENKOPF) == 100
    assert erste.endswith("8'845.85") and zweite == "x" * 5
    assert len(ausgabe._summenzeile("Summe Fall 1", "1.00")) == 100
