"""Mutation tests (issue 25, session 7) of the Bewährungshilfe (R-19-1, § 19 JVG; Art. 87, 94, 95 StGB).

They prove the checks the marked tests left open: the title of a Weisungskontrolle in the
Fristenkontrolle (80 characters, cancelled Weisungen left out), the last day of the Probezeit (no next
control required), the lengths cut in the report to the court (5000) and its task (200), the sending date
of the report (at most one day before the draft), one task closed per report, the field lengths of the
file (150 / 60 / 300) and the file opened after a conditional release (reference cut at 60, Weisungen
longer than 300 characters shortened to 299 plus «…», Bewährungshilfe ordered). Limits as literals.
"""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from kern import erweiterungen
from kern.fristen import TZ
from kern.models import Aufgabe
from tests.factories import person_anlegen
from vollzugsgestaltung import domain, fristen, recht
from vollzugsgestaltung.models import Bewaehrungsakte, Bewaehrungseintrag, Gerichtsmeldung, Weisung

pytestmark = pytest.mark.django_db

HEUTE = date(2026, 3, 2)
ZEHN_UHR = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)


def _akte(person, sb, *, von=date(2026, 3, 1), jahre=2, gericht="Kriminalgericht Luzern", fall=None):
    return domain.akte_eroeffnen(
        person=person,
        fall=fall,
        anlass=recht.Bewaehrungsanlass.BEDINGTE_ENTLASSUNG,
        gericht=gericht,
        referenz="KG 2026 1",
        probezeit_von=von,
        probezeit_jahre=jahre,
        durch=sb,
    )


def _missachtet(w, sb, text="Test positiv."):
    return domain.weisung_kontrollieren(
        weisung=w,
        datum=HEUTE,
        eingehalten=False,
        text=text,
        naechste_kontrolle=HEUTE + timedelta(days=14),
        durch=sb,
    )


@pytest.mark.rule("R-19-1", grenze=True)
def test_fristenkontrolle_titel_80_zeichen_ohne_aufgehobene_weisung(sachbearbeitung, fall_a):
    heute = timezone.localdate()
    akte = _akte(fall_a.person, sachbearbeitung, von=heute, fall=fall_a)
    w = domain.weisung_erfassen(
        akte=akte, text="0123456789" * 10, naechste_kontrolle=heute, durch=sachbearbeitung
    )
    aufgehoben = domain.weisung_erfassen(
        akte=akte, text="Meldepflicht", naechste_kontrolle=heute, durch=sachbearbeitung
    )
    Weisung.objects.filter(pk=aufgehoben.pk).update(aufgehoben_am=heute)
    eintraege = fristen.weisungs_fristen(sachbearbeitung, heute)
    assert [(e.titel, e.url.endswith(f"#weisung-{w.pk}")) for e in eintraege] == [
        ("Weisungskontrolle: " + "0123456789" * 8, True)
    ]
    assert len(eintraege[0].titel) == 19 + 80


@pytest.mark.rule("R-19-1", grenze=True)
def test_letzter_tag_der_probezeit_ohne_naechste_kontrolle(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    # 03.03.2025 + 1 year = 03.03.2026 → the Probezeit ends on 02.03.2026.
    with time_machine.travel(datetime(2026, 3, 1, 10, 0, tzinfo=TZ), tick=False):
        akte = _akte(person, sachbearbeitung, von=date(2025, 3, 3), jahre=1)
        assert akte.probezeit_bis == HEUTE
        w = domain.weisung_erfassen(
            akte=akte, text="Abstinenz", naechste_kontrolle=date(2026, 3, 1), durch=sachbearbeitung
        )
        with pytest.raises(ValidationError) as e:  # the day before the end: the next control is required
            domain.weisung_kontrollieren(
                weisung=w, datum=date(2026, 3, 1), eingehalten=True, text="Negativ.", durch=sachbearbeitung
            )
        assert e.value.message_dict["naechste_kontrolle"] == [
            "§ 19 Abs. 1 JVG: Die nächste Kontrolle festlegen."
        ]
        assert not Bewaehrungseintrag.objects.exists()
    with time_machine.travel(ZEHN_UHR, tick=False):
        e = domain.weisung_kontrollieren(
            weisung=w, datum=HEUTE, eingehalten=True, text="Negativ.", durch=sachbearbeitung
        )
    assert (e.art, e.eingehalten, e.datum) == ("kontrolle", True, HEUTE)
    w.refresh_from_db()
    assert w.naechste_kontrolle == date(2026, 3, 1)


@pytest.mark.rule("R-19-1", grenze=True)
def test_meldung_ans_gericht_bericht_5000_titel_200_zeichen(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    with time_machine.travel(ZEHN_UHR, tick=False):
        akte = _akte(person, sachbearbeitung, gericht="B" * 150)
        w = domain.weisung_erfassen(
            akte=akte, text="Abstinenz", naechste_kontrolle=HEUTE, durch=sachbearbeitung
        )
        _missachtet(w, sachbearbeitung, text="K" * 5000)
    kopf = "Weisung «Abstinenz» am 02.03.2026 nicht eingehalten: "
    m = Gerichtsmeldung.objects.get()
    assert len(m.bericht) == 5000
    assert m.bericht == kopf + "K" * (5000 - len(kopf))
    titel = Aufgabe.objects.get(art=recht.Aufgabenart.GERICHTSMELDUNG_95).titel
    assert len(titel) == 200
    assert titel == "Art. 95 Abs. 3 StGB: Weisung missachtet – Bericht an " + "B" * 147


@pytest.mark.rule("R-19-1", grenze=True)
def test_meldung_gesendet_hoechstens_einen_tag_vor_dem_entwurf(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    with time_machine.travel(ZEHN_UHR, tick=False):
        akte = _akte(person, sachbearbeitung)
        w = domain.weisung_erfassen(
            akte=akte, text="Abstinenz", naechste_kontrolle=HEUTE, durch=sachbearbeitung
        )
        _missachtet(w, sachbearbeitung)
        m = Gerichtsmeldung.objects.get()
        with pytest.raises(ValidationError) as e:
            domain.gerichtsmeldung_senden(
                meldung=m, bericht="Bericht.", gesendet_am=date(2026, 2, 28), durch=sachbearbeitung
            )
        assert e.value.message_dict["gesendet_am"] == ["Gesendet wird nach dem Entwurf der Meldung."]
        assert Gerichtsmeldung.objects.get().gesendet_am is None
        domain.gerichtsmeldung_senden(
            meldung=m, bericht="Bericht.", gesendet_am=date(2026, 3, 1), durch=sachbearbeitung
        )
    assert Gerichtsmeldung.objects.get().gesendet_am == date(2026, 3, 1)


@pytest.mark.rule("R-19-1")
def test_senden_erledigt_genau_eine_aufgabe(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    with time_machine.travel(ZEHN_UHR, tick=False):
        akte = _akte(person, sachbearbeitung)
        for text in ("Abstinenz", "Meldepflicht"):
            w = domain.weisung_erfassen(akte=akte, text=text, naechste_kontrolle=HEUTE, durch=sachbearbeitung)
            _missachtet(w, sachbearbeitung)
        aufgaben = Aufgabe.objects.filter(art=recht.Aufgabenart.GERICHTSMELDUNG_95)
        assert aufgaben.filter(erledigt_am__isnull=True).count() == 2
        m = Gerichtsmeldung.objects.order_by("pk").first()
        domain.gerichtsmeldung_senden(meldung=m, bericht="Bericht.", gesendet_am=HEUTE, durch=sachbearbeitung)
    assert aufgaben.filter(erledigt_am__isnull=True).count() == 1
    assert list(aufgaben.filter(erledigt_am__isnull=False).values_list("erledigt_durch", flat=True)) == [
        sachbearbeitung.pk
    ]


@pytest.mark.rule("R-19-1", grenze=True)
def test_laengen_von_gericht_referenz_und_weisung(sachbearbeitung, fall_a):
    person = person_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as e:
        _akte(person, sachbearbeitung, gericht="B" * 151)
    assert e.value.message_dict["gericht"] == ["Höchstens 150 Zeichen."]
    with pytest.raises(ValidationError) as e:
        domain.akte_eroeffnen(
            person=person,
            anlass=recht.Bewaehrungsanlass.BEDINGTE_STRAFE,
            gericht="Kriminalgericht Luzern",
            referenz="R" * 61,
            probezeit_von=date(2026, 3, 1),
            probezeit_jahre=2,
            durch=sachbearbeitung,
        )
    assert e.value.message_dict["referenz"] == ["Höchstens 60 Zeichen."]
    with pytest.raises(ValidationError) as e:  # a case of another person
        _akte(person, sachbearbeitung, fall=fall_a)
    assert e.value.message_dict["fall"] == ["Der Fall gehört nicht zu dieser Person."]
    assert not Bewaehrungsakte.objects.exists()

    akte = domain.akte_eroeffnen(
        person=person,
        anlass=recht.Bewaehrungsanlass.BEDINGTE_STRAFE,
        gericht="B" * 150,
        referenz="R" * 60,
        probezeit_von=date(2026, 3, 1),
        probezeit_jahre=2,
        durch=sachbearbeitung,
    )
    heute = timezone.localdate()
    with pytest.raises(ValidationError) as e:
        domain.weisung_erfassen(akte=akte, text="W" * 301, naechste_kontrolle=heute, durch=sachbearbeitung)
    assert e.value.message_dict["text"] == ["Höchstens 300 Zeichen."]
    domain.weisung_erfassen(akte=akte, text="W" * 300, naechste_kontrolle=heute, durch=sachbearbeitung)
    g = Bewaehrungsakte.objects.get()
    assert (g.gericht, g.referenz) == ("B" * 150, "R" * 60)
    assert list(Weisung.objects.values_list("text", flat=True)) == ["W" * 300]


@pytest.mark.rule("R-19-1", grenze=True)
def test_bedingte_entlassung_referenz_60_weisung_300_zeichen(sachbearbeitung, fall_a):
    heute = timezone.localdate()
    entscheid = "VFG-2026-" + "7" * 61  # 70 characters
    e = erweiterungen.BedingteEntlassung(
        person_id=fall_a.person_id,
        fall_id=fall_a.pk,
        entlassen_am=heute,
        probezeit_jahre=2,
        bewaehrungshilfe=True,
        weisungen=("W" * 300, "X" * 301),
        entscheid=entscheid,
    )
    akte = domain.nach_bedingter_entlassung(e, sachbearbeitung)
    g = Bewaehrungsakte.objects.get()
    assert (g.pk, g.referenz, g.gericht, g.bewaehrungshilfe_angeordnet) == (
        akte.pk,
        "VFG-2026-" + "7" * 51,
        "Vollzugs- und Bewährungsdienst des Kantons Luzern",
        True,
    )
    assert list(Weisung.objects.order_by("pk").values_list("text", "naechste_kontrolle")) == [
        ("W" * 300, heute + timedelta(days=30)),
        ("X" * 299 + "…", heute + timedelta(days=30)),
    ]
    # The same decision again: the file found by its reference (60 characters), no second one.
    assert domain.nach_bedingter_entlassung(e, sachbearbeitung) == g
    assert Bewaehrungsakte.objects.count() == 1
    assert Weisung.objects.count() == 2
