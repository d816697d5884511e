"""Rules of the cost module (§§ 46–50 JVG): daily rates and accrual, routing, participation, money."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from kern.models import Aufgabe
from kosten import domain
from kosten.domain import Aufenthalt, tage_zuordnen
from kosten.models import Kostgeld
from kosten.recht import Kanton, KostenAufgabenart, Zahler, chf, zahlbetrag_runden
from tests.factories import fall_anlegen, person_anlegen
from tests.kosten.hilfen import position, sozialdienst, zeit
from verfuegungen.recht import Verfuegungstyp
from vollzug import domain as vollzug_services
from vollzug.recht import Vollzugsform

NV = Vollzugsform.NORMALVOLLZUG


@pytest.fixture
def heute_2026():
    with time_machine.travel(zeit(date(2026, 3, 31), 12), tick=False):
        yield date(2026, 3, 31)


def _fehlercode(exc: ValidationError, feld: str) -> str:
    return exc.value.error_dict[feld][0].code


# --- Daily rates (R-KOST-1) -----------------------------------------------------------------------


@pytest.mark.rule("R-KOST-1")
def test_kostgeld_neuer_ansatz_am_1_januar_loest_den_laufenden_ab(sachbearbeitung, anstalt_a):
    alt = domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=NV,
        gueltig_ab=date(2026, 1, 1),
        betrag=Decimal("285.00"),
        durch=sachbearbeitung,
    )
    neu = domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=NV,
        gueltig_ab=date(2027, 1, 1),
        betrag=Decimal("292.50"),
        durch=sachbearbeitung,
    )
    alt.refresh_from_db()
    assert alt.gueltig_bis == date(2026, 12, 31)
    assert neu.gueltig_bis is None
    assert alt.history.first().history_user == sachbearbeitung
    assert alt.history.first().history_change_reason == "Abgelöst durch Tagesansatz ab 01.01.2027"


@pytest.mark.rule("R-KOST-1")
def test_kostgeld_ueberschneidung_wird_abgelehnt_angrenzend_nicht(sachbearbeitung, anstalt_a):
    domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=NV,
        gueltig_ab=date(2026, 1, 1),
        gueltig_bis=date(2026, 6, 30),
        betrag=Decimal("285.00"),
        durch=sachbearbeitung,
    )
    with pytest.raises(ValidationError) as exc:  # the last day of the existing period: overlap
        domain.kostgeld_erfassen(
            anstalt=anstalt_a,
            vollzugsform=NV,
            gueltig_ab=date(2026, 6, 30),
            betrag=Decimal("290.00"),
            durch=sachbearbeitung,
        )
    assert _fehlercode(exc, "gueltig_ab") == "ueberschneidung"
    assert "R-KOST-1" in exc.value.error_dict["gueltig_ab"][0].message
    # The day after: fine; another Vollzugsform or facility is independent.
    domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=NV,
        gueltig_ab=date(2026, 7, 1),
        betrag=Decimal("290.00"),
        durch=sachbearbeitung,
    )
    domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=Vollzugsform.HALBGEFANGENSCHAFT,
        gueltig_ab=date(2026, 6, 30),
        betrag=Decimal("190.00"),
        durch=sachbearbeitung,
    )
    assert Kostgeld.objects.count() == 3


@pytest.mark.rule("R-KOST-1")
def test_kostgeld_vor_bestehendem_offenem_ansatz_wird_abgelehnt(sachbearbeitung, anstalt_a):
    domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=NV,
        gueltig_ab=date(2026, 1, 1),
        betrag=Decimal("285.00"),
        durch=sachbearbeitung,
    )
    with pytest.raises(ValidationError) as exc:
        domain.kostgeld_erfassen(
            anstalt=anstalt_a,
            vollzugsform=NV,
            gueltig_ab=date(2025, 7, 1),
            betrag=Decimal("280.00"),
            durch=sachbearbeitung,
        )
    assert _fehlercode(exc, "gueltig_ab") == "ueberschneidung"


@pytest.mark.rule("R-0-ROLE-1")
def test_kostgeld_nur_durch_sachbearbeitung(revision, leitung_a, anstalt_a):
    for user in (revision, leitung_a):
        with pytest.raises(PermissionDenied):
            domain.kostgeld_erfassen(
                anstalt=anstalt_a,
                vollzugsform=NV,
                gueltig_ab=date(2026, 1, 1),
                betrag=Decimal("1.00"),
                durch=user,
            )


# --- Accrual (R-46-1) -----------------------------------------------------------------------------


@pytest.mark.rule("R-46-1", "R-KOST-1")
def test_vollzugskosten_ueber_tarifwechsel_versetzung_und_schalttag(sachbearbeitung, anstalt_a, anstalt_b):
    """Entry 30.12.2027 in A (rate 200.00, from 01.01.2028 210.50), transfer to B (180.00) on
    01.03.2028: 2 + 60 days (January 31 + February 29 incl. the leap day) in A, 5 days in B up to today."""
    sb = sachbearbeitung
    with time_machine.travel(zeit(date(2028, 3, 5), 12), tick=False):
        domain.kostgeld_erfassen(
            anstalt=anstalt_a,
            vollzugsform=NV,
            gueltig_ab=date(2027, 1, 1),
            betrag=Decimal("200.00"),
            durch=sb,
        )
        domain.kostgeld_erfassen(
            anstalt=anstalt_a,
            vollzugsform=NV,
            gueltig_ab=date(2028, 1, 1),
            betrag=Decimal("210.50"),
            durch=sb,
        )
        domain.kostgeld_erfassen(
            anstalt=anstalt_b,
            vollzugsform=NV,
            gueltig_ab=date(2027, 1, 1),
            betrag=Decimal("180.00"),
            durch=sb,
        )
        fall = fall_anlegen(durch=sb)
        vollzug_services.einweisen(fall=fall, anstalt=anstalt_a, am=zeit(date(2027, 12, 30), 10), durch=sb)
        vollzug_services.versetzen(
            fall=fall, anstalt=anstalt_b, am=zeit(date(2028, 3, 1), 9), grund="e", durch=sb
        )
        abschnitte = domain.vollzugskosten(fall, date(2027, 12, 1), date(2028, 3, 31), heute=date(2028, 3, 5))
    assert [(a.anstalt_id, a.von, a.bis, a.tage, a.ansatz) for a in abschnitte] == [
        (anstalt_a.pk, date(2027, 12, 30), date(2027, 12, 31), 2, Decimal("200.00")),
        (anstalt_a.pk, date(2028, 1, 1), date(2028, 2, 29), 60, Decimal("210.50")),
        (anstalt_b.pk, date(2028, 3, 1), date(2028, 3, 5), 5, Decimal("180.00")),
    ]
    summe = sum((a.betrag for a in abschnitte), Decimal("0.00"))
    assert summe == Decimal("13930.00")
    assert isinstance(summe, Decimal)


@pytest.mark.rule("R-46-1")
def test_vollzugskosten_schalttag_ist_genau_ein_tag(sachbearbeitung, anstalt_a):
    with time_machine.travel(zeit(date(2028, 3, 5), 12), tick=False):
        domain.kostgeld_erfassen(
            anstalt=anstalt_a,
            vollzugsform=NV,
            gueltig_ab=date(2028, 1, 1),
            betrag=Decimal("100.00"),
            durch=sachbearbeitung,
        )
        domain.kostgeld_erfassen(
            anstalt=anstalt_a,
            vollzugsform=NV,
            gueltig_ab=date(2028, 2, 29),
            betrag=Decimal("150.00"),
            durch=sachbearbeitung,
        )
        domain.kostgeld_erfassen(
            anstalt=anstalt_a,
            vollzugsform=NV,
            gueltig_ab=date(2028, 3, 1),
            betrag=Decimal("120.00"),
            durch=sachbearbeitung,
        )
        fall = fall_anlegen(
            durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=zeit(date(2028, 2, 28), 8)
        )
        abschnitte = domain.vollzugskosten(fall, date(2028, 2, 1), date(2028, 3, 1), heute=date(2028, 3, 5))
    assert [(a.von, a.tage, a.ansatz) for a in abschnitte] == [
        (date(2028, 2, 28), 1, Decimal("100.00")),
        (date(2028, 2, 29), 1, Decimal("150.00")),
        (date(2028, 3, 1), 1, Decimal("120.00")),
    ]


def _a(von, bis, anstalt=1):
    return Aufenthalt(fall_id=1, anstalt_id=anstalt, anstalt_name=str(anstalt), von=von, bis=bis)


@pytest.mark.rule("R-46-1")
def test_tageszaehlung_unterbrechung_und_entlassung_zaehlen_austrittstag_nicht():
    # § 14 interruption: out on 20.01 (not counted), back on 01.02 (counted); release 10.02 (not counted).
    aufenthalte = [_a(date(2026, 1, 10), date(2026, 1, 20)), _a(date(2026, 2, 1), date(2026, 2, 10))]
    bereiche = tage_zuordnen(aufenthalte, date(2026, 1, 1), date(2026, 2, 28))
    assert [(s, e) for _, s, e in bereiche] == [
        (date(2026, 1, 10), date(2026, 1, 19)),
        (date(2026, 2, 1), date(2026, 2, 9)),
    ]
    assert sum((e - s).days + 1 for _, s, e in bereiche) == 19


@pytest.mark.rule("R-46-1")
def test_tageszaehlung_versetzungstag_zaehlt_fuer_aufnehmende_einrichtung_und_nur_einmal():
    aufenthalte = [
        _a(date(2026, 3, 1), date(2026, 3, 5), anstalt=1),
        _a(date(2026, 3, 5), date(2026, 3, 5), anstalt=2),  # same-day transit through facility 2
        _a(date(2026, 3, 5), None, anstalt=3),
    ]
    bereiche = tage_zuordnen(aufenthalte, date(2026, 3, 1), date(2026, 3, 7))
    assert [(a.anstalt_id, s, e) for a, s, e in bereiche] == [
        (1, date(2026, 3, 1), date(2026, 3, 4)),
        (3, date(2026, 3, 5), date(2026, 3, 7)),
    ]


@pytest.mark.rule("R-46-1")
def test_tageszaehlung_aufenthalt_ohne_nacht_zaehlt_einen_tag():
    bereiche = tage_zuordnen([_a(date(2026, 3, 5), date(2026, 3, 5))], date(2026, 3, 1), date(2026, 3, 31))
    assert [(s, e) for _, s, e in bereiche] == [(date(2026, 3, 5), date(2026, 3, 5))]


@pytest.mark.rule("R-46-1", "R-KOST-1")
def test_vollzugskosten_ohne_tagesansatz_werden_als_luecke_ausgewiesen(
    sachbearbeitung, anstalt_a, heute_2026
):
    domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=NV,
        gueltig_ab=date(2026, 3, 10),
        betrag=Decimal("100.00"),
        durch=sachbearbeitung,
    )
    fall = fall_anlegen(
        durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=zeit(date(2026, 3, 1))
    )
    abschnitte = domain.vollzugskosten(fall, date(2026, 3, 1), date(2026, 3, 31), heute=heute_2026)
    assert [(a.von, a.bis, a.ansatz) for a in abschnitte] == [
        (date(2026, 3, 1), date(2026, 3, 9), None),
        (date(2026, 3, 10), date(2026, 3, 31), Decimal("100.00")),
    ]


@pytest.mark.rule("R-46-1")
def test_vollzugskosten_nach_vollzugsform_der_sanktion(sachbearbeitung, anstalt_a, heute_2026):
    domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=NV,
        gueltig_ab=date(2026, 1, 1),
        betrag=Decimal("280.00"),
        durch=sachbearbeitung,
    )
    domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=Vollzugsform.HALBGEFANGENSCHAFT,
        gueltig_ab=date(2026, 1, 1),
        betrag=Decimal("190.00"),
        durch=sachbearbeitung,
    )
    fall = fall_anlegen(
        durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=zeit(date(2026, 3, 30))
    )
    from vollzug.models import Sanktion

    Sanktion.objects.filter(entscheid__fall=fall).update(vollzugsform=Vollzugsform.HALBGEFANGENSCHAFT)
    abschnitte = domain.vollzugskosten(fall, date(2026, 3, 1), date(2026, 3, 31), heute=heute_2026)
    assert [(a.tage, a.ansatz, a.vollzugsform) for a in abschnitte] == [
        (2, Decimal("190.00"), Vollzugsform.HALBGEFANGENSCHAFT)
    ]


# --- Money (R-KOST-1) -----------------------------------------------------------------------------


@pytest.mark.rule("R-KOST-1")
def test_rundung_nur_auf_zahlbetrag_halb_auf_fuenf_rappen():
    assert zahlbetrag_runden(Decimal("1.025")) == Decimal("1.05")
    assert zahlbetrag_runden(Decimal("1.024")) == Decimal("1.00")
    assert zahlbetrag_runden(Decimal("1.075")) == Decimal("1.10")
    assert zahlbetrag_runden(Decimal("1234.57")) == Decimal("1234.55")
    assert zahlbetrag_runden(Decimal("1234.58")) == Decimal("1234.60")
    assert chf(Decimal("1234.55")) == "CHF 1'234.55"
    assert chf(Decimal("1234567.5")) == "CHF 1'234'567.50"


@pytest.mark.rule("R-KOST-1")
def test_float_in_geldpfaden_wird_abgelehnt(sachbearbeitung, anstalt_a, heute_2026):
    with pytest.raises(ValidationError) as exc:
        domain.kostgeld_erfassen(
            anstalt=anstalt_a,
            vollzugsform=NV,
            gueltig_ab=date(2026, 1, 1),
            betrag=285.5,
            durch=sachbearbeitung,
        )
    assert _fehlercode(exc, "betrag") == "kein_decimal"
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with pytest.raises(ValidationError) as exc:
        position(fall, sachbearbeitung, betrag=0.1)
    assert _fehlercode(exc, "betrag") == "kein_decimal"
    with pytest.raises(ValidationError) as exc:
        domain.kostenbeteiligung_erfassen(
            fall=fall,
            grundlage="arbeitsleistung",
            von=date(2026, 3, 1),
            bis=date(2026, 3, 31),
            einkommen_monatlich=Decimal("600.00"),
            betrag_pro_tag=5.0,
            begruendung="x",
            durch=sachbearbeitung,
        )
    assert _fehlercode(exc, "betrag_pro_tag") == "kein_decimal"
    with pytest.raises(ValidationError) as exc:  # sub-Rappen input is refused as well
        position(fall, sachbearbeitung, betrag=Decimal("10.005"))
    assert _fehlercode(exc, "betrag") == "rappen"
    with pytest.raises(TypeError):
        zahlbetrag_runden(1.025)
    with pytest.raises(TypeError):
        chf(1.5)
    assert Kostgeld.objects.count() == 0


@pytest.mark.rule("R-KOST-1")
def test_jedes_geldfeld_ist_decimal_mit_zwei_stellen_und_kein_float():
    geldfelder = 0
    for model in apps.get_app_config("kosten").get_models():
        for f in model._meta.get_fields():
            assert not isinstance(f, models.FloatField), f"{model.__name__}.{f.name} ist ein FloatField"
            if isinstance(f, models.DecimalField):
                geldfelder += 1
                assert f.decimal_places == 2, f"{model.__name__}.{f.name}"
    assert geldfelder >= 9


@pytest.mark.rule("R-KOST-1")
def test_zwischensummen_ungerundet_nur_zahlbetrag_gerundet(sachbearbeitung, anstalt_a, heute_2026):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    position(fall, sachbearbeitung, betrag=Decimal("1.02"))
    position(fall, sachbearbeitung, betrag=Decimal("1.02"))
    a = domain.abrechnung_erstellen(
        zahler=Zahler.PERSON,
        person=fall.person,
        von=date(2026, 3, 1),
        bis=date(2026, 3, 31),
        durch=sachbearbeitung,
    )
    # Rounded per line it would be 1.00 + 1.00 = 2.00; the rule rounds the total once: 2.04 → 2.05.
    assert [z.betrag for z in a.zeilen.all()] == [Decimal("1.02"), Decimal("1.02")]
    assert (a.total, a.zahlbetrag) == (Decimal("2.04"), Decimal("2.05"))
    assert isinstance(a.total, Decimal) and isinstance(a.zahlbetrag, Decimal)
    a.refresh_from_db()
    assert (a.total, a.zahlbetrag, a.rundung) == (Decimal("2.04"), Decimal("2.05"), Decimal("0.01"))


@pytest.mark.rule("R-KOST-1")
def test_position_braucht_beleg_und_speichert_hash(sachbearbeitung, anstalt_a, heute_2026):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with pytest.raises(ValidationError) as exc:
        domain.kostenposition_erfassen(
            fall=fall,
            kategorie="47b",
            datum=date(2026, 3, 2),
            bezeichnung="x",
            betrag=Decimal("1.00"),
            beleg=None,
            durch=sachbearbeitung,
        )
    assert _fehlercode(exc, "beleg") == "beleg_fehlt"
    p = position(fall, sachbearbeitung)
    import hashlib

    assert p.beleg_sha256 == hashlib.sha256(b"Beleg beleg").hexdigest()
    assert p.history.first().history_user == sachbearbeitung


# --- Payers and routing (R-46-1, R-47-1, R-47-2, R-49-1, R-50-1) ----------------------------------


@pytest.mark.rule("R-46-1", "R-47-1")
def test_standardzahler_nach_kategorie_und_unzulaessige_zahler(sachbearbeitung, anstalt_a, heute_2026):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    assert position(fall, sachbearbeitung, kategorie="46b").zahler == Zahler.KANTON
    assert position(fall, sachbearbeitung, kategorie="47j").zahler == Zahler.PERSON
    with pytest.raises(ValidationError) as exc:
        position(fall, sachbearbeitung, kategorie="46c", zahler=Zahler.PERSON)
    assert "§ 46 Abs. 1 JVG (R-46-1)" in exc.value.error_dict["zahler"][0].message
    with pytest.raises(ValidationError) as exc:
        position(fall, sachbearbeitung, kategorie="47a", zahler=Zahler.KANTON)
    assert "§ 47 Abs. 1 JVG (R-47-1)" in exc.value.error_dict["zahler"][0].message
    with pytest.raises(ValidationError) as exc:
        position(fall, sachbearbeitung, kategorie="47a", zahler=Zahler.DRITTE)
    assert _fehlercode(exc, "dritter") == "leer"
    assert (
        position(
            fall, sachbearbeitung, kategorie="47a", zahler=Zahler.DRITTE, dritter="CSS Versicherung"
        ).dritter
        == "CSS Versicherung"
    )


@pytest.mark.rule("R-47-2")
def test_subsidiaere_auslage_nach_unterstuetzungswohnsitz(sachbearbeitung, anstalt_a, heute_2026):
    sd = sozialdienst("Emmen")
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with pytest.raises(ValidationError) as exc:  # unknown ZUG: no guessing
        position(fall, sachbearbeitung, kategorie="47e", subsidiaer=True)
    assert _fehlercode(exc, "subsidiaer") == "wohnsitz_fehlt"
    domain.unterstuetzungswohnsitz_erfassen(
        person=fall.person,
        kanton=Kanton.LU,
        sozialdienst=sd,
        gueltig_ab=date(2020, 1, 1),
        durch=sachbearbeitung,
    )
    domain.unterstuetzungswohnsitz_erfassen(
        person=fall.person,
        kanton=Kanton.BE,
        gemeinde="Thun",
        gueltig_ab=date(2026, 3, 10),
        durch=sachbearbeitung,
    )
    vorher = position(fall, sachbearbeitung, kategorie="47e", subsidiaer=True, datum=date(2026, 3, 9))
    assert (vorher.zahler, vorher.sozialdienst) == (Zahler.SOZIALHILFE, sd)
    assert Aufgabe.objects.filter(art=KostenAufgabenart.KOSTEN_PRUEFEN).count() == 0
    ab_wechsel = position(fall, sachbearbeitung, kategorie="47e", subsidiaer=True, datum=date(2026, 3, 10))
    assert (ab_wechsel.zahler, ab_wechsel.sozialdienst) == (Zahler.KANTON, None)
    aufgabe = Aufgabe.objects.get(art=KostenAufgabenart.KOSTEN_PRUEFEN)
    assert aufgabe.fall == fall and "§ 47 Abs. 2 lit. b" in aufgabe.titel
    with pytest.raises(ValidationError) as exc:  # routing is by rule, not by choice
        position(fall, sachbearbeitung, kategorie="47e", subsidiaer=True, zahler=Zahler.PERSON)
    assert _fehlercode(exc, "zahler") == "zahler_subsidiaer"
    with pytest.raises(ValidationError) as exc:  # § 46 costs are never social assistance
        position(fall, sachbearbeitung, kategorie="46b", subsidiaer=True)
    assert _fehlercode(exc, "subsidiaer") == "nicht_subsidiaer"


@pytest.mark.rule("R-47-2")
def test_wohnsitz_luzern_braucht_sozialdienst_ausserkantonal_keinen(sachbearbeitung, heute_2026):
    person = person_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as exc:
        domain.unterstuetzungswohnsitz_erfassen(
            person=person, kanton=Kanton.LU, gueltig_ab=date(2026, 1, 1), durch=sachbearbeitung
        )
    assert _fehlercode(exc, "sozialdienst") == "sozialdienst_fehlt"
    with pytest.raises(ValidationError) as exc:
        domain.unterstuetzungswohnsitz_erfassen(
            person=person,
            kanton=Kanton.ZH,
            sozialdienst=sozialdienst(),
            gueltig_ab=date(2026, 1, 1),
            durch=sachbearbeitung,
        )
    assert _fehlercode(exc, "sozialdienst") == "sozialdienst_ausserkantonal"


@pytest.mark.rule("R-47-2")
def test_uneinbringliche_forderung_traegt_der_kanton_mit_grund(sachbearbeitung, anstalt_a, heute_2026):
    sd = sozialdienst()
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    p = position(fall, sachbearbeitung, kategorie="47f", betrag=Decimal("55.40"))
    with pytest.raises(ValidationError) as exc:
        domain.position_abschreiben(position=p, grund="  ", durch=sachbearbeitung)
    assert _fehlercode(exc, "uneinbringlich_grund") == "leer"
    domain.position_abschreiben(position=p, grund="Verlustschein vom 20.03.2026", durch=sachbearbeitung)
    p.refresh_from_db()
    assert p.uneinbringlich_am == date(2026, 3, 31) and p.uneinbringlich_durch == sachbearbeitung
    u = domain.fall_uebersicht(fall)
    assert (u.kanton_abgeschrieben, u.person) == (Decimal("55.40"), Decimal("0.00"))
    domain.unterstuetzungswohnsitz_erfassen(
        person=fall.person,
        kanton=Kanton.LU,
        sozialdienst=sd,
        gueltig_ab=date(2026, 1, 1),
        durch=sachbearbeitung,
    )
    sozial = position(fall, sachbearbeitung, kategorie="47e", subsidiaer=True)
    with pytest.raises(ValidationError) as exc:  # the municipality decides, not the canton
        domain.position_abschreiben(position=sozial, grund="x", durch=sachbearbeitung)
    assert _fehlercode(exc, "uneinbringlich_grund") == "nicht_abschreibbar"


@pytest.mark.rule("R-50-1")
def test_auslaenderrechtliche_haft_kanton_oder_weiterverrechnung_mit_grundlage(
    sachbearbeitung, anstalt_a, heute_2026
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    assert position(fall, sachbearbeitung, kategorie="50").zahler == Zahler.KANTON
    with pytest.raises(ValidationError) as exc:
        position(fall, sachbearbeitung, kategorie="50", zahler=Zahler.BUND)
    assert "§ 50 JVG (R-50-1)" in exc.value.error_dict["weiterverrechnung_grund"][0].message
    p = position(
        fall,
        sachbearbeitung,
        kategorie="50",
        zahler=Zahler.BUND,
        weiterverrechnung_grund="Art. 82 AIG: Bundespauschale",
    )
    assert p.zahler == Zahler.BUND
    assert domain.fall_uebersicht(fall).weiterverrechnet == Decimal("100.00")


@pytest.mark.rule("R-49-1")
def test_fu_kosten_nach_paragraph_57_egzgb_mit_grundlage(sachbearbeitung, anstalt_a, heute_2026):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with pytest.raises(ValidationError) as exc:
        position(fall, sachbearbeitung, kategorie="49")
    assert "§ 57 EGZGB" in exc.value.error_dict["weiterverrechnung_grund"][0].message
    p = position(
        fall,
        sachbearbeitung,
        kategorie="49",
        zahler=Zahler.DRITTE,
        dritter="Krankenversicherer XY",
        weiterverrechnung_grund="§ 57 EGZGB",
    )
    assert (p.zahler, p.dritter) == (Zahler.DRITTE, "Krankenversicherer XY")
    with pytest.raises(ValidationError):
        position(
            fall, sachbearbeitung, kategorie="49", zahler=Zahler.BUND, weiterverrechnung_grund="§ 57 EGZGB"
        )


# --- Kostenbeteiligung (R-48-1) -------------------------------------------------------------------


def _beteiligung(fall, durch, **kw):
    daten = dict(
        grundlage="arbeitsleistung",
        von=date(2026, 3, 1),
        bis=date(2026, 12, 31),
        einkommen_monatlich=Decimal("400.00"),
        abzuege_monatlich=Decimal("35.00"),
        betrag_pro_tag=Decimal("12.00"),
        begruendung="Angemessen: ein Drittel des Arbeitsentgelts.",
    )
    daten.update(kw)
    return domain.kostenbeteiligung_erfassen(fall=fall, durch=durch, **daten)


@pytest.mark.rule("R-48-1")
def test_kostenbeteiligung_als_verfuegung_und_grenze_nettoeinkommen(sachbearbeitung, anstalt_a, heute_2026):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    # Net 365.00 per month × 12 = 4380.00 = 12.00 × 365: exactly the limit is fine, one Rappen more is not.
    with pytest.raises(ValidationError) as exc:
        _beteiligung(fall, sachbearbeitung, betrag_pro_tag=Decimal("12.01"))
    assert _fehlercode(exc, "betrag_pro_tag") == "nicht_angemessen"
    kb = _beteiligung(fall, sachbearbeitung)
    v = kb.verfuegung
    assert v.typ == Verfuegungstyp.KOSTENBETEILIGUNG_48 and v.gegenstand == kb and v.fall == fall
    assert "CHF 12.00 pro Vollzugstag" in v.dispositiv
    assert "Art. 380 Abs. 2 StGB" in v.rechtsgrundlage
    with pytest.raises(ValidationError) as exc:  # one participation per period
        _beteiligung(fall, sachbearbeitung, von=date(2026, 12, 31), bis=date(2027, 1, 31))
    assert _fehlercode(exc, "von") == "ueberschneidung"


@pytest.mark.rule("R-48-1")
def test_kostenbeteiligung_eltern_nur_bei_jugendlichen(sachbearbeitung, anstalt_a, heute_2026):
    erwachsen = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    eltern = [domain.ElternDaten("Muster Anna", "Weg 1\n6000 Luzern", Decimal("5.00"))]
    with pytest.raises(ValidationError) as exc:
        _beteiligung(erwachsen, sachbearbeitung, eltern=eltern)
    assert _fehlercode(exc, "eltern") == "nicht_jugendlich"
    jung = person_anlegen(durch=sachbearbeitung, geburtsdatum=date(2009, 4, 1))  # 16 on 01.03.2026
    fall = fall_anlegen(durch=sachbearbeitung, person=jung, eingewiesen_in=anstalt_a)
    kb = _beteiligung(fall, sachbearbeitung, betrag_pro_tag=Decimal("0.00"), eltern=eltern)
    assert [(e.name, e.betrag_pro_tag) for e in kb.eltern.all()] == [("Muster Anna", Decimal("5.00"))]
    assert (
        "Mitadressaten dieser Verfügung (Art. 45 JStPO): Muster Anna, Weg 1, 6000 Luzern"
        in kb.verfuegung.sachverhalt
    )
    assert "Art. 45 JStPO" in kb.verfuegung.rechtsgrundlage


@pytest.mark.rule("R-48-1", "R-0-VFG-4")
def test_kostenbeteiligung_wird_erst_rechtskraeftig_verrechnet(sachbearbeitung, sachbearbeitung2, anstalt_a):
    from tests.kosten.hilfen import verfuegung_rechtskraeftig
    from verfuegungen import domain as vfg

    with time_machine.travel(zeit(date(2026, 3, 2), 12), tick=False):
        fall = fall_anlegen(
            durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=zeit(date(2026, 2, 20))
        )
        kb = _beteiligung(fall, sachbearbeitung)
        verfuegung_rechtskraeftig(kb.verfuegung, genehmiger=sachbearbeitung2, durch=sachbearbeitung)
    with time_machine.travel(zeit(date(2026, 3, 10), 12), tick=False):
        with pytest.raises(ValidationError) as exc:  # notified, appeal deadline running: not yet billed
            domain.abrechnung_erstellen(
                zahler=Zahler.PERSON,
                person=fall.person,
                von=date(2026, 3, 1),
                bis=date(2026, 3, 9),
                durch=sachbearbeitung,
            )
        assert _fehlercode(exc, "periode_von") == "leer"
    with time_machine.travel(zeit(date(2026, 4, 1), 12), tick=False):
        assert vfg.rechtskraft_eintragen() == 1
        a = domain.abrechnung_erstellen(
            zahler=Zahler.PERSON,
            person=fall.person,
            von=date(2026, 3, 1),
            bis=date(2026, 3, 31),
            durch=sachbearbeitung,
        )
    zeile = a.zeilen.get()
    assert (zeile.tage, zeile.ansatz, zeile.betrag) == (31, Decimal("12.00"), Decimal("372.00"))
    assert a.zahlbetrag == Decimal("372.00")
