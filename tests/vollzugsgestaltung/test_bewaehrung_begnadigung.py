"""Bewährungshilfe (R-19-1) and Begnadigung (R-51-1)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kern.models import Aufgabe
from tests.factories import person_anlegen
from vollzugsgestaltung import domain, recht
from vollzugsgestaltung.models import Gerichtsmeldung

HEUTE = timezone.localdate


@pytest.fixture
def person(sachbearbeitung):
    return person_anlegen(durch=sachbearbeitung)


def _akte(person, sb, jahre=2, von=None):
    return domain.akte_eroeffnen(
        person=person,
        anlass=recht.Bewaehrungsanlass.BEDINGTE_ENTLASSUNG,
        gericht="Kriminalgericht Luzern",
        referenz="KG 2026 1",
        probezeit_von=von or HEUTE(),
        probezeit_jahre=jahre,
        durch=sb,
    )


@pytest.mark.rule("R-19-1")
@pytest.mark.parametrize(("jahre", "gueltig"), [(0, False), (1, True), (5, True), (6, False)])
def test_probezeit_ein_bis_fuenf_jahre(person, sachbearbeitung, jahre, gueltig):
    if gueltig:
        akte = _akte(person, sachbearbeitung, jahre, von=date(2026, 3, 1))
        # Worked example: 01.03.2026 + 1 year = 01.03.2027 → the Probezeit ends the day before.
        assert akte.probezeit_bis == date(2026 + jahre, 2, 28)
    else:
        with pytest.raises(ValidationError) as e:
            _akte(person, sachbearbeitung, jahre)
        assert e.value.message_dict["probezeit_jahre"][0].startswith("Art. 87 Abs. 1 StGB")


@pytest.mark.rule("R-19-1")
def test_weisung_mit_kontrolldatum_hoechstens_ein_jahr(person, sachbearbeitung, revision):
    akte = _akte(person, sachbearbeitung)
    with pytest.raises(PermissionDenied):
        domain.weisung_erfassen(akte=akte, text="Abstinenz", naechste_kontrolle=HEUTE(), durch=revision)
    for falsch in (HEUTE() - timedelta(days=1), HEUTE() + timedelta(days=367)):
        with pytest.raises(ValidationError) as e:
            domain.weisung_erfassen(
                akte=akte, text="Abstinenz", naechste_kontrolle=falsch, durch=sachbearbeitung
            )
        assert e.value.message_dict["naechste_kontrolle"][0].startswith("§ 19 Abs. 1 JVG")
    w = domain.weisung_erfassen(
        akte=akte, text="Abstinenz", naechste_kontrolle=HEUTE() + timedelta(days=366), durch=sachbearbeitung
    )
    assert w.history.get().history_user == sachbearbeitung


@pytest.mark.rule("R-19-1")
def test_kontakte_und_berichte(person, sachbearbeitung):
    akte = _akte(person, sachbearbeitung)
    domain.eintrag_erfassen(akte=akte, art="kontakt", datum=HEUTE(), text="Gespräch.", durch=sachbearbeitung)
    domain.eintrag_erfassen(
        akte=akte, art="bericht", datum=HEUTE(), text="Halbjahresbericht.", durch=sachbearbeitung
    )
    with pytest.raises(ValidationError):
        domain.eintrag_erfassen(akte=akte, art="kontrolle", datum=HEUTE(), text="x", durch=sachbearbeitung)
    with pytest.raises(ValidationError):
        domain.eintrag_erfassen(
            akte=akte, art="kontakt", datum=HEUTE() + timedelta(days=1), text="x", durch=sachbearbeitung
        )
    assert [e.art for e in akte.eintraege.order_by("pk")] == ["kontakt", "bericht"]


@pytest.mark.rule("R-19-1")
def test_eingehaltene_weisung_keine_meldung(person, sachbearbeitung):
    akte = _akte(person, sachbearbeitung)
    w = domain.weisung_erfassen(
        akte=akte, text="Abstinenz", naechste_kontrolle=HEUTE(), durch=sachbearbeitung
    )
    with pytest.raises(ValidationError) as e:  # while the Probezeit runs, the next control is required
        domain.weisung_kontrollieren(
            weisung=w, datum=HEUTE(), eingehalten=True, text="Test negativ.", durch=sachbearbeitung
        )
    assert "naechste_kontrolle" in e.value.message_dict
    domain.weisung_kontrollieren(
        weisung=w,
        datum=HEUTE(),
        eingehalten=True,
        text="Test negativ.",
        naechste_kontrolle=HEUTE() + timedelta(days=30),
        durch=sachbearbeitung,
    )
    w.refresh_from_db()
    assert w.naechste_kontrolle == HEUTE() + timedelta(days=30)
    assert not Gerichtsmeldung.objects.exists()


@pytest.mark.rule("R-19-1")
def test_missachtete_weisung_meldung_ans_gericht(person, sachbearbeitung):
    akte = _akte(person, sachbearbeitung)
    w = domain.weisung_erfassen(
        akte=akte, text="Abstinenz", naechste_kontrolle=HEUTE(), durch=sachbearbeitung
    )
    domain.weisung_kontrollieren(
        weisung=w,
        datum=HEUTE(),
        eingehalten=False,
        text="Test positiv.",
        naechste_kontrolle=HEUTE() + timedelta(days=14),
        durch=sachbearbeitung,
    )
    m = Gerichtsmeldung.objects.get()
    assert (m.gericht, m.gesendet_am) == ("Kriminalgericht Luzern", None)
    aufgabe = Aufgabe.objects.get(art=recht.Aufgabenart.GERICHTSMELDUNG_95)
    assert aufgabe.erledigt_am is None
    with pytest.raises(ValidationError):  # the court's answer comes after sending
        domain.gerichtsantwort_erfassen(meldung=m, am=HEUTE(), antwort="x", durch=sachbearbeitung)
    domain.gerichtsmeldung_senden(
        meldung=m, bericht=m.bericht + " Antrag: Verwarnung.", gesendet_am=HEUTE(), durch=sachbearbeitung
    )
    aufgabe.refresh_from_db()
    assert aufgabe.erledigt_am is not None
    domain.gerichtsantwort_erfassen(
        meldung=m, am=HEUTE(), antwort="Verwarnung (Art. 95 Abs. 4 lit. a StGB).", durch=sachbearbeitung
    )
    m.refresh_from_db()
    assert m.antwort.startswith("Verwarnung")


@pytest.mark.rule("R-19-1")
def test_abgeschlossene_akte_nimmt_nichts_mehr_an(person, sachbearbeitung):
    akte = _akte(person, sachbearbeitung)
    domain.akte_abschliessen(akte=akte, am=HEUTE(), durch=sachbearbeitung)
    with pytest.raises(ValidationError):
        domain.eintrag_erfassen(akte=akte, art="kontakt", datum=HEUTE(), text="x", durch=sachbearbeitung)


def _gesuch(person, sb):
    return domain.gnadengesuch_erfassen(
        person=person,
        eingereicht_am=HEUTE(),
        gesuchsteller="RA Keller",
        begehren="Erlass der Reststrafe.",
        durch=sb,
    )


@pytest.mark.rule("R-51-1")
def test_begnadigung_erfasst_weitergeleitet_entschieden(person, sachbearbeitung):
    g = _gesuch(person, sachbearbeitung)
    with pytest.raises(ValidationError) as e:  # the Kantonsrat decides only a forwarded request
        domain.gnadenentscheid_erfassen(
            gesuch=g, entscheid="abgewiesen", am=HEUTE(), text="x", durch=sachbearbeitung
        )
    assert "noch nicht weitergeleitet" in e.value.message_dict["entscheid"][0]
    domain.gnadengesuch_weiterleiten(
        gesuch=g,
        am=HEUTE(),
        bericht="Bericht.",
        vollzug_aussetzen=True,
        aussetzung_begruendung="Krankheit.",
        durch=sachbearbeitung,
    )
    g.refresh_from_db()
    assert (g.status, g.vollzug_ausgesetzt) == (recht.Gnadenstatus.WEITERGELEITET, True)
    domain.gnadenentscheid_erfassen(
        gesuch=g, entscheid="teilweise", am=HEUTE(), text="Halbierung.", durch=sachbearbeitung
    )
    g.refresh_from_db()
    assert (g.status, g.entscheid, g.vollzug_ausgesetzt) == (
        recht.Gnadenstatus.ENTSCHIEDEN,
        "teilweise",
        False,
    )
    with pytest.raises(ValidationError) as e:
        domain.gnadenentscheid_erfassen(
            gesuch=g, entscheid="abgewiesen", am=HEUTE(), text="x", durch=sachbearbeitung
        )
    assert "bereits entschieden" in e.value.message_dict["entscheid"][0]
    assert [h.history_user for h in g.history.all()] == [sachbearbeitung] * 3


@pytest.mark.rule("R-51-1")
def test_weiterleitung_verlangt_begruendete_aussetzungsfrage(person, sachbearbeitung, leitung_a):
    g = _gesuch(person, sachbearbeitung)
    with pytest.raises(PermissionDenied):
        domain.gnadengesuch_weiterleiten(
            gesuch=g,
            am=HEUTE(),
            bericht="B",
            vollzug_aussetzen=False,
            aussetzung_begruendung="x",
            durch=leitung_a,
        )
    with pytest.raises(ValidationError) as e:
        domain.gnadengesuch_weiterleiten(
            gesuch=g,
            am=HEUTE(),
            bericht="B",
            vollzug_aussetzen=False,
            aussetzung_begruendung="",
            durch=sachbearbeitung,
        )
    assert "aussetzung_begruendung" in e.value.message_dict
    with pytest.raises(ValidationError):
        domain.gnadengesuch_weiterleiten(
            gesuch=g,
            am=HEUTE() - timedelta(days=1),
            bericht="B",
            vollzug_aussetzen=False,
            aussetzung_begruendung="x",
            durch=sachbearbeitung,
        )
