"""Boundary tests (issue 25) of who pays a cost item: R-46-1 (§ 46: the canton unless third parties),
R-47-1 (§ 47 Abs. 3 lit. a–l: the person), R-47-2 (§ 47 Abs. 2: subsidiary items by the
Unterstützungswohnsitz on the item's date), R-49-1 (§ 49 / § 57 EGZGB) and R-50-1 (§ 50: the canton
unless recharged). Just inside: accepted and the stored payer read back; just outside: refused with
the §, nothing stored; bad input: refused with a message.

"Today" is 31.03.2027 (time-machine); the items are dated in March 2027."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from kern.models import Aufgabe
from kosten import domain
from kosten.models import Kostenposition
from kosten.recht import Kanton, KostenAufgabenart, Zahler
from tests.factories import api_token, fall_anlegen
from tests.kosten.hilfen import beleg, position, sozialdienst, zeit

pytestmark = pytest.mark.django_db

POSITIONEN = "/api/v1/kosten/positionen/"


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with time_machine.travel(zeit(date(2027, 3, 31), 12), tick=False):
        yield fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def _erfassen(fall, sb, kategorie, **kw):
    return position(fall, sb, kategorie=kategorie, datum=kw.pop("datum", date(2027, 3, 2)), **kw)


def _abgelehnt(fall, sb, kategorie, feld, **kw) -> str:
    with pytest.raises(ValidationError) as e:
        _erfassen(fall, sb, kategorie, **kw)
    assert not Kostenposition.objects.exists()
    return e.value.message_dict[feld][0]


def _gespeichert(p) -> tuple:
    p = Kostenposition.objects.get(pk=p.pk)
    return (p.kategorie, p.zahler, p.dritter, p.sozialdienst, p.betrag)


# --- R-46-1: § 46 costs go to the canton, third parties or the Confederation, never the person --------


@pytest.mark.rule("R-46-1", grenze=True)
@pytest.mark.parametrize("kategorie", ["46a", "46d"])
def test_46_kanton_dritte_bund_gespeichert(fall, sachbearbeitung, kategorie):
    gesetz = _erfassen(fall, sachbearbeitung, kategorie)
    dritte = _erfassen(fall, sachbearbeitung, kategorie, zahler=Zahler.DRITTE, dritter=" IV-Stelle ")
    bund = _erfassen(fall, sachbearbeitung, kategorie, zahler=Zahler.BUND)
    assert [_gespeichert(p) for p in (gesetz, dritte, bund)] == [
        (kategorie, Zahler.KANTON, "", None, Decimal("100.00")),
        (kategorie, Zahler.DRITTE, "IV-Stelle", None, Decimal("100.00")),
        (kategorie, Zahler.BUND, "", None, Decimal("100.00")),
    ]
    assert gesetz.history.get().history_user == sachbearbeitung


@pytest.mark.rule("R-46-1", grenze=True)
@pytest.mark.parametrize("zahler", [Zahler.PERSON, Zahler.SOZIALHILFE, Zahler.ELTERN])
def test_46_person_sozialhilfe_eltern_abgelehnt(fall, sachbearbeitung, zahler):
    text = _abgelehnt(fall, sachbearbeitung, "46c", "zahler", zahler=zahler)
    assert text.startswith(
        "§ 46 Abs. 1 JVG (R-46-1): Vollzugskosten trägt der Kanton, soweit nicht Dritte aufkommen"
    )


@pytest.mark.rule("R-46-1", grenze=True)
def test_46_fehleingaben(fall, sachbearbeitung):
    assert _abgelehnt(fall, sachbearbeitung, "46b", "subsidiaer", subsidiaer=True).startswith(
        "§ 47 Abs. 2 JVG (R-47-2): Subsidiär durch die Sozialhilfe getragen werden nur"
    )
    assert _abgelehnt(fall, sachbearbeitung, "46e", "kategorie").startswith("R-KOST-1: Unbekannte Kategorie")
    assert _abgelehnt(fall, sachbearbeitung, "46a", "dritter", zahler=Zahler.DRITTE, dritter="  ")
    # An unknown payer is a message, not a server error (it used to raise ValueError).
    assert (
        _abgelehnt(fall, sachbearbeitung, "46a", "zahler", zahler="gemeinde")
        == "§§ 46–50 JVG: Unbekannter Zahler."
    )


@pytest.mark.rule("R-46-1", "R-47-1", grenze=True)
def test_zahler_per_api_grenzen(fall, sachbearbeitung):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(sachbearbeitung)}")

    def senden(**daten):
        basis = {
            "fall": fall.pk,
            "datum": "2027-03-02",
            "bezeichnung": "x",
            "betrag": "100.00",
            "beleg": beleg(),
        }
        return client.post(POSITIONEN, {**basis, **daten}, format="multipart")

    with time_machine.travel(zeit(date(2027, 3, 31), 12), tick=False):
        person_46 = senden(kategorie="46c", zahler="person")
        kanton_47 = senden(kategorie="47l", zahler="kanton")
        unbekannt = senden(kategorie="47m")
        assert [person_46.status_code, kanton_47.status_code, unbekannt.status_code] == [400, 400, 400]
        assert person_46.json()["zahler"][0].startswith("§ 46 Abs. 1 JVG: Vollzugskosten trägt der Kanton")
        assert kanton_47.json()["zahler"][0].startswith("§ 47 Abs. 1 JVG: Persönliche Auslagen trägt die")
        assert list(unbekannt.json()) == ["kategorie"]
        assert not Kostenposition.objects.exists()
        ok_46 = senden(kategorie="46c", zahler="bund")
        ok_47 = senden(kategorie="47l")
    assert (ok_46.status_code, ok_47.status_code) == (201, 201)
    assert sorted(Kostenposition.objects.values_list("kategorie", "zahler")) == [
        ("46c", Zahler.BUND),
        ("47l", Zahler.PERSON),
    ]


# --- R-47-1: § 47 Abs. 3 lit. a–l go to the person (or third parties), never the canton --------------


@pytest.mark.rule("R-47-1", grenze=True)
@pytest.mark.parametrize("kategorie", ["47a", "47l"], ids=["lit_a", "lit_l"])
def test_47_person_und_dritte_gespeichert(fall, sachbearbeitung, kategorie):
    person = _erfassen(fall, sachbearbeitung, kategorie, betrag=Decimal("0.05"))
    dritte = _erfassen(fall, sachbearbeitung, kategorie, zahler=Zahler.DRITTE, dritter="CSS")
    assert [_gespeichert(p) for p in (person, dritte)] == [
        (kategorie, Zahler.PERSON, "", None, Decimal("0.05")),
        (kategorie, Zahler.DRITTE, "CSS", None, Decimal("100.00")),
    ]


@pytest.mark.rule("R-47-1", grenze=True)
@pytest.mark.parametrize("zahler", [Zahler.KANTON, Zahler.BUND, Zahler.SOZIALHILFE])
def test_47_kanton_bund_sozialhilfe_ohne_subsidiaritaet_abgelehnt(fall, sachbearbeitung, zahler):
    text = _abgelehnt(fall, sachbearbeitung, "47a", "zahler", zahler=zahler)
    assert text.startswith("§ 47 Abs. 1 JVG (R-47-1): Persönliche Auslagen trägt die eingewiesene Person")


@pytest.mark.rule("R-47-1", grenze=True)
def test_47_fehleingaben(fall, sachbearbeitung):
    assert _abgelehnt(fall, sachbearbeitung, "47m", "kategorie").startswith("R-KOST-1: Unbekannte Kategorie")
    assert _abgelehnt(fall, sachbearbeitung, "", "kategorie").startswith("R-KOST-1: Unbekannte Kategorie")
    assert _abgelehnt(fall, sachbearbeitung, "47b", "dritter", zahler=Zahler.DRITTE, dritter="")
    assert _abgelehnt(fall, sachbearbeitung, "47b", "datum", datum=date(2027, 4, 1))


# --- R-47-2: subsidiary items follow the Unterstützungswohnsitz on the item's date ------------------


@pytest.mark.rule("R-47-2", grenze=True)
def test_47_2_wohnsitzwechsel_am_stichtag(fall, sachbearbeitung):
    sd = sozialdienst("Emmen")
    with time_machine.travel(zeit(date(2027, 3, 31), 12), tick=False):
        domain.unterstuetzungswohnsitz_erfassen(
            person=fall.person,
            kanton=Kanton.LU,
            sozialdienst=sd,
            gueltig_ab=date(2027, 3, 10),
            durch=sachbearbeitung,
        )
        domain.unterstuetzungswohnsitz_erfassen(
            person=fall.person,
            kanton=Kanton.BE,
            gemeinde="Thun",
            gueltig_ab=date(2027, 3, 20),
            durch=sachbearbeitung,
        )
        # Day 09.03: no Unterstützungswohnsitz yet → refused, nothing stored (no guessing).
        text = _abgelehnt(fall, sachbearbeitung, "47e", "subsidiaer", subsidiaer=True, datum=date(2027, 3, 9))
        assert text.startswith("§ 47 Abs. 2 JVG (R-47-2): Für ")
        assert "am 09.03.2027 kein Unterstützungswohnsitz erfasst" in text
        erster = _erfassen(fall, sachbearbeitung, "47e", subsidiaer=True, datum=date(2027, 3, 10))
        letzter_lu = _erfassen(
            fall,
            sachbearbeitung,
            "49",
            subsidiaer=True,
            datum=date(2027, 3, 19),
            weiterverrechnung_grund="§ 57 EGZGB",
        )
        assert not Aufgabe.objects.filter(art=KostenAufgabenart.KOSTEN_PRUEFEN).exists()
        ab_bern = _erfassen(fall, sachbearbeitung, "47e", subsidiaer=True, datum=date(2027, 3, 20))
    assert [_gespeichert(p) for p in (erster, letzter_lu, ab_bern)] == [
        ("47e", Zahler.SOZIALHILFE, "", sd, Decimal("100.00")),
        ("49", Zahler.SOZIALHILFE, "", sd, Decimal("100.00")),
        ("47e", Zahler.KANTON, "", None, Decimal("100.00")),
    ]
    assert Kostenposition.objects.get(pk=ab_bern.pk).subsidiaer is True
    assert Aufgabe.objects.get(art=KostenAufgabenart.KOSTEN_PRUEFEN).fall == fall


@pytest.mark.rule("R-47-2", grenze=True)
def test_47_2_zahler_nicht_frei_waehlbar_und_fehleingaben(fall, sachbearbeitung):
    with time_machine.travel(zeit(date(2027, 3, 31), 12), tick=False):
        domain.unterstuetzungswohnsitz_erfassen(
            person=fall.person,
            kanton=Kanton.ZH,
            gemeinde="Zürich",
            gueltig_ab=date(2027, 1, 1),
            durch=sachbearbeitung,
        )
        for zahler in (Zahler.PERSON, Zahler.DRITTE):
            text = _abgelehnt(fall, sachbearbeitung, "47e", "zahler", subsidiaer=True, zahler=zahler)
            assert text.startswith("§ 47 Abs. 2 JVG (R-47-2): Eine subsidiär zu tragende Auslage")
        for kategorie in ("46a", "50"):
            text = _abgelehnt(fall, sachbearbeitung, kategorie, "subsidiaer", subsidiaer=True)
            assert text.startswith("§ 47 Abs. 2 JVG (R-47-2): Subsidiär durch die Sozialhilfe")
        # The payer the rule chooses may also be named: canton for a Wohnsitz outside Lucerne.
        p = _erfassen(fall, sachbearbeitung, "47e", subsidiaer=True, zahler=Zahler.KANTON)
    assert _gespeichert(p) == ("47e", Zahler.KANTON, "", None, Decimal("100.00"))


@pytest.mark.rule("R-47-2", grenze=True)
def test_47_2_wohnsitz_erfassen_grenzen(fall, sachbearbeitung):
    from kosten.models import Unterstuetzungswohnsitz

    sd = sozialdienst()
    person = fall.person
    with time_machine.travel(zeit(date(2027, 3, 31), 12), tick=False):
        for daten, feld in [
            ({"kanton": Kanton.LU}, "sozialdienst"),
            ({"kanton": Kanton.AG, "sozialdienst": sd}, "sozialdienst"),
            ({"kanton": "XX", "gemeinde": "Y"}, "kanton"),
            ({"kanton": Kanton.AG, "gemeinde": "Aarau", "gueltig_ab": "01.01.2027"}, "gueltig_ab"),
        ]:
            with pytest.raises(ValidationError) as e:
                domain.unterstuetzungswohnsitz_erfassen(
                    person=person, durch=sachbearbeitung, **{"gueltig_ab": date(2027, 1, 1), **daten}
                )
            assert feld in e.value.message_dict
        assert not Unterstuetzungswohnsitz.objects.exists()
        domain.unterstuetzungswohnsitz_erfassen(
            person=person,
            kanton=Kanton.LU,
            sozialdienst=sd,
            gueltig_ab=date(2027, 1, 1),
            durch=sachbearbeitung,
        )
    w = Unterstuetzungswohnsitz.objects.get()
    assert (w.kanton, w.sozialdienst, w.gemeinde, w.gueltig_ab) == (Kanton.LU, sd, "Luzern", date(2027, 1, 1))


# --- R-49-1: FU costs follow § 57 EGZGB: the basis is required, no payer outside the table -----------


@pytest.mark.rule("R-49-1", grenze=True)
def test_49_grundlage_ein_zeichen_gespeichert_leer_abgelehnt(fall, sachbearbeitung):
    with time_machine.travel(zeit(date(2027, 3, 31), 12), tick=False):
        text = _abgelehnt(
            fall, sachbearbeitung, "49", "weiterverrechnung_grund", weiterverrechnung_grund=" \n "
        )
        assert (
            text == "§ 49 JVG (R-49-1): Die Kostentragung richtet sich nach § 57 EGZGB – Grundlage angeben."
        )
        person = _erfassen(fall, sachbearbeitung, "49", weiterverrechnung_grund="x")
        kanton = _erfassen(
            fall, sachbearbeitung, "49", zahler=Zahler.KANTON, weiterverrechnung_grund="§ 57 EGZGB"
        )
    assert [_gespeichert(p) for p in (person, kanton)] == [
        ("49", Zahler.PERSON, "", None, Decimal("100.00")),
        ("49", Zahler.KANTON, "", None, Decimal("100.00")),
    ]
    assert Kostenposition.objects.get(pk=person.pk).weiterverrechnung_grund == "x"


@pytest.mark.rule("R-49-1", grenze=True)
@pytest.mark.parametrize("zahler", [Zahler.BUND, Zahler.ELTERN, Zahler.SOZIALHILFE])
def test_49_zahler_ausserhalb_abgelehnt(fall, sachbearbeitung, zahler):
    with time_machine.travel(zeit(date(2027, 3, 31), 12), tick=False):
        text = _abgelehnt(
            fall, sachbearbeitung, "49", "zahler", zahler=zahler, weiterverrechnung_grund="§ 57 EGZGB"
        )
    assert text.startswith(
        "§§ 49, 50 JVG (R-49-1/R-50-1): Dieser Zahler ist für die Kategorie nicht vorgesehen"
    )


# --- R-50-1: the canton bears § 50 costs; a recharge needs its basis ---------------------------------


@pytest.mark.rule("R-50-1", grenze=True)
def test_50_kanton_ohne_grund_weiterverrechnung_mit_grund(fall, sachbearbeitung):
    with time_machine.travel(zeit(date(2027, 3, 31), 12), tick=False):
        kanton = _erfassen(fall, sachbearbeitung, "50")
        bund = _erfassen(fall, sachbearbeitung, "50", zahler=Zahler.BUND, weiterverrechnung_grund="x")
    assert [_gespeichert(p) for p in (kanton, bund)] == [
        ("50", Zahler.KANTON, "", None, Decimal("100.00")),
        ("50", Zahler.BUND, "", None, Decimal("100.00")),
    ]
    assert Kostenposition.objects.get(pk=kanton.pk).weiterverrechnung_grund == ""
    assert domain.fall_uebersicht(fall).weiterverrechnet == Decimal("100.00")


@pytest.mark.rule("R-50-1", grenze=True)
@pytest.mark.parametrize("zahler", [Zahler.BUND, Zahler.PERSON, Zahler.DRITTE])
def test_50_weiterverrechnung_ohne_grund_abgelehnt(fall, sachbearbeitung, zahler):
    with time_machine.travel(zeit(date(2027, 3, 31), 12), tick=False):
        text = _abgelehnt(
            fall,
            sachbearbeitung,
            "50",
            "weiterverrechnung_grund",
            zahler=zahler,
            dritter="X",
            weiterverrechnung_grund="  ",
        )
    assert text.startswith("§ 50 JVG (R-50-1): Die Kosten der ausländerrechtlichen Haft trägt der Kanton")


@pytest.mark.rule("R-50-1", grenze=True)
def test_50_fehleingaben(fall, sachbearbeitung):
    with time_machine.travel(zeit(date(2027, 3, 31), 12), tick=False):
        for zahler in (Zahler.ELTERN, Zahler.SOZIALHILFE):
            text = _abgelehnt(
                fall, sachbearbeitung, "50", "zahler", zahler=zahler, weiterverrechnung_grund="x"
            )
            assert text.startswith("§§ 49, 50 JVG (R-49-1/R-50-1)")
        assert _abgelehnt(fall, sachbearbeitung, "50", "betrag", betrag="zehn")
        assert _abgelehnt(fall, sachbearbeitung, "50", "betrag", betrag=Decimal("100.001"))
