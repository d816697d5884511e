"""Strafzeitberechnung (kern/strafzeit.py): worked examples computed by hand, then properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kern.strafzeit import (
    METHODE,
    Eingabefehler,
    Eingaben,
    Strafe,
    Zeitraum,
    berechnen,
    fingerabdruck,
    plus_monate,
)

pytestmark = pytest.mark.rule("R-VD-1")


_EIN_JAHR = (Strafe(jahre=1),)


def _e(beginn=date(2026, 1, 1), strafen=_EIN_JAHR, **kw):
    return Eingaben(beginn=beginn, strafen=tuple(strafen), **kw)


def test_ein_jahr_ab_neujahr():
    # 12 months from 01.01.2026 = 01.01.2027 → 365 days; entry day counts: end = 01.01.2026 + 364 = 31.12.2026.
    # Half: ceil(365/2) = 183 days → 01.01. + 182 = 02.07.2026.
    # Two thirds: ceil(730/3) = ceil(243.33) = 244 days → 01.01. + 243 = 01.09.2026.
    r = berechnen(_e())
    assert r.gesamttage == 365
    assert r.ende.datum == date(2026, 12, 31)
    assert r.haelfte.datum == date(2026, 7, 2)
    assert r.zwei_drittel.datum == date(2026, 9, 1)
    assert r.ende.methode == METHODE
    assert "Art. 110 Abs. 6 StGB" in r.ende.erklaerung


@pytest.mark.rule("R-STGB-86-1")
def test_zwei_drittel_mit_anrechnung_der_untersuchungshaft():
    # 18 months from 01.03.2026 → 01.09.2027 = 549 days. 2/3 = 366 days. 40 days credited (Art. 51):
    # 326 days still to serve → 01.03.2026 + 325 = 20.01.2027.
    r = berechnen(_e(beginn=date(2026, 3, 1), strafen=[Strafe(jahre=1, monate=6)], angerechnet_tage=40))
    assert r.gesamttage == 549
    assert r.bedingte_entlassung.datum == date(2027, 1, 20)
    assert "Art. 51 StGB" in r.bedingte_entlassung.erklaerung


@pytest.mark.rule("R-STGB-86-1")
def test_mindestens_drei_monate_an_der_grenze():
    # 4 months from 01.01.2026 = 120 days; 2/3 = 80 days; 3 months = 90 days → the minimum wins:
    # 01.01. + 89 = 31.03.2026. With 4 months and 15 days (135 days) 2/3 = 90 = the minimum: same day.
    assert berechnen(_e(strafen=[Strafe(monate=4)])).bedingte_entlassung.datum == date(2026, 3, 31)
    assert berechnen(_e(strafen=[Strafe(monate=4, tage=15)])).bedingte_entlassung.datum == date(2026, 3, 31)
    # 136 days: 2/3 = ceil(90.67) = 91 > 90 → one day later.
    assert berechnen(_e(strafen=[Strafe(monate=4, tage=16)])).bedingte_entlassung.datum == date(2026, 4, 1)


@pytest.mark.rule("R-STGB-86-1")
def test_unter_drei_monaten_keine_bedingte_entlassung():
    # 89 days < 90 days (three months from 01.01.2026): no conditional release; 90 days: at day 90.
    r = berechnen(_e(strafen=[Strafe(tage=89)]))
    assert r.bedingte_entlassung is None and "Art. 86 Abs. 1" in r.hinweise[0]
    assert berechnen(_e(strafen=[Strafe(tage=90)])).bedingte_entlassung.datum == date(2026, 3, 31)


@pytest.mark.rule("R-STGB-86-4")
def test_ausnahmsweise_haelfte_mindestens_drei_monate():
    # 5 months from 01.01.2026 = 151 days; half = 76 < 90 → 31.03.2026; 2 years = 730 days, half 365 →
    # 31.12.2026.
    assert berechnen(_e(strafen=[Strafe(monate=5)])).bedingte_entlassung_ausnahme.datum == date(2026, 3, 31)
    assert berechnen(_e(strafen=[Strafe(jahre=2)])).bedingte_entlassung_ausnahme.datum == date(2026, 12, 31)


@pytest.mark.rule("R-STGB-86-5")
def test_lebenslaenglich_15_und_10_jahre():
    # 15 calendar years from 01.06.2026 = 01.06.2041; the entry day counts → 31.05.2041; 10 years → 31.05.2036.
    r = berechnen(_e(beginn=date(2026, 6, 1), strafen=[Strafe(lebenslang=True)]))
    assert r.ende is None
    assert r.bedingte_entlassung.datum == date(2041, 5, 31)
    assert r.bedingte_entlassung_ausnahme.datum == date(2036, 5, 31)


def test_mehrere_strafen_zusammen_und_ersatzfreiheitsstrafe_am_ende():
    # 8 months + 4 months = 12 months from 01.01.2026 = 365 days; 30 days Ersatzfreiheitsstrafe are added
    # to the end (395 days → 30.01.2027) but not to the base of 2/3 (still 01.09.2026).
    r = berechnen(
        _e(strafen=[Strafe(monate=8), Strafe(monate=4), Strafe(tage=30, ersatz=True)]),
    )
    assert r.gesamttage == 365
    assert r.ende.datum == date(2027, 1, 30)
    assert r.bedingte_entlassung.datum == date(2026, 9, 1)


def test_unterbrechung_verschiebt_spaetere_daten():
    # Interruption (§ 14) left 01.05.2026, back 11.05.2026: 10 days not served. 2/3 (01.09.) and the end
    # (31.12.) move by 10 days; half (02.07.) as well; a date before 01.05. would not move.
    r = berechnen(_e(nicht_verbuesst=(Zeitraum(date(2026, 5, 1), date(2026, 5, 11), "§ 14"),)))
    assert r.zwei_drittel.datum == date(2026, 9, 11)
    assert r.ende.datum == date(2027, 1, 10)
    assert "10 nicht verbüsster Tage" in r.ende.erklaerung


def test_schlechte_eingaben_mit_meldung():
    with pytest.raises(Eingabefehler, match="Art. 51"):
        berechnen(_e(angerechnet_tage=-1))
    with pytest.raises(Eingabefehler, match="Monate 0–11"):
        berechnen(_e(strafen=[Strafe(monate=12)]))
    with pytest.raises(Eingabefehler, match="§§ 14, 32"):
        berechnen(_e(nicht_verbuesst=(Zeitraum(date(2026, 5, 2), date(2026, 5, 1)),)))


def test_fingerabdruck_aendert_sich_mit_jeder_eingabe():
    basis = _e()
    assert fingerabdruck(basis) == fingerabdruck(_e())
    for anders in (
        _e(angerechnet_tage=1),
        _e(anderswo_tage=1),
        _e(strafen=[Strafe(jahre=1, tage=1)]),
        _e(beginn=date(2026, 1, 2)),
        _e(nicht_verbuesst=(Zeitraum(date(2026, 5, 1), date(2026, 5, 2)),)),
    ):
        assert fingerabdruck(anders) != fingerabdruck(basis)


# --- Properties -----------------------------------------------------------------------------------

_beginn = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
_strafe = st.builds(Strafe, jahre=st.integers(0, 20), monate=st.integers(0, 11), tage=st.integers(0, 400))


def _daten(r):
    return [
        d
        for d in (r.haelfte, r.zwei_drittel, r.bedingte_entlassung, r.bedingte_entlassung_ausnahme, r.ende)
        if d
    ]


@settings(max_examples=150, deadline=None)
@given(_beginn, _strafe, st.integers(0, 2000), st.integers(1, 500))
def test_mehr_anrechnung_nie_spaeter(beginn, strafe, tage, mehr):
    a = berechnen(Eingaben(beginn, (strafe,), angerechnet_tage=tage))
    b = berechnen(Eingaben(beginn, (strafe,), angerechnet_tage=tage + mehr))
    for x, y in zip(_daten(a), _daten(b), strict=True):
        assert y.datum <= x.datum


@settings(max_examples=150, deadline=None)
@given(_beginn, _strafe, st.integers(0, 3000), st.integers(1, 400))
def test_unterbrechung_von_n_tagen_verschiebt_jedes_spaetere_datum_um_n(beginn, strafe, ab, n):
    ohne = berechnen(Eingaben(beginn, (strafe,)))
    von = beginn + timedelta(days=ab)
    mit = berechnen(Eingaben(beginn, (strafe,), nicht_verbuesst=(Zeitraum(von, von + timedelta(days=n)),)))
    for x, y in zip(_daten(ohne), _daten(mit), strict=True):
        if x.datum >= von:
            assert y.datum == x.datum + timedelta(days=n)
        else:
            assert y.datum == x.datum


@settings(max_examples=150, deadline=None)
@given(_beginn, _strafe, st.integers(0, 400))
def test_reihenfolge_der_daten(beginn, strafe, gutschrift):
    r = berechnen(Eingaben(beginn, (strafe,), angerechnet_tage=gutschrift))
    if r.bedingte_entlassung is None:
        return
    assert r.haelfte.datum <= r.zwei_drittel.datum <= r.ende.datum
    assert r.bedingte_entlassung_ausnahme.datum <= r.bedingte_entlassung.datum <= r.ende.datum
    assert r.zwei_drittel.datum <= r.bedingte_entlassung.datum
    # R-STGB-86-1: never before three months served (credit counts as served)
    drei_monate = (plus_monate(beginn, 3) - beginn).days
    assert (r.bedingte_entlassung.datum - beginn).days + 1 + gutschrift >= drei_monate


# --- Several sentences executed one after another (convention 9) ------------------------------------


def test_vollzugsfolge_nacheinander_mit_gesamtdauer():
    # From 01.01.2026: A 1 year (365 days: 01.01.–31.12.2026), then B 6 months — cumulatively 18 months
    # from 01.01.2026 = 01.07.2027 → 546 days: B 01.01.2027–30.06.2027; then the Ersatzfreiheitsstrafe
    # E 30 days: 01.07.2027–30.07.2027 (= end, 576 days). Two thirds of the total 546 days (without E):
    # ceil(364) = 364 days → 01.01.2026 + 363 = 30.12.2026 — inside A's period, as it should be: the
    # total, not A alone (A alone: 2/3 on 01.09.2026).
    r = berechnen(
        _e(
            strafen=[
                Strafe(jahre=1, bezeichnung="A"),
                Strafe(tage=30, ersatz=True, bezeichnung="E"),
                Strafe(monate=6, bezeichnung="B"),
            ]
        )
    )
    assert [(a.bezeichnung, a.von, a.bis) for a in r.vollzugsfolge] == [
        ("A", date(2026, 1, 1), date(2026, 12, 31)),
        ("B", date(2027, 1, 1), date(2027, 6, 30)),
        ("E", date(2027, 7, 1), date(2027, 7, 30)),
    ]
    assert r.gesamttage == 546 and r.zwei_drittel.datum == date(2026, 12, 30)
    assert r.ende.datum == date(2027, 7, 30)
    assert any("Gesamtdauer" in h for h in r.hinweise)
    assert r.als_dict()["vollzugsfolge"][1] == {
        "bezeichnung": "B",
        "von": "2027-01-01",
        "bis": "2027-06-30",
        "ersatz": False,
    }


def test_vollzugsfolge_mit_unterbrechung_und_anrechnung():
    # A 1 month (31 days from 01.01.2026), B 1 month (cumulative 2 months = 59 days). 10 days credited:
    # A served days 1–31 → day 1 is reached before the start (01.01. − 10 = 22.12.2025), day 31 on
    # 01.01. + 20 = 21.01.2026. An interruption 15.01.–20.01. (5 days) moves A's end to 26.01.; B from
    # day 32 = 27.01.2026 to day 59 = 01.01. + 48 + 5 = 23.02.2026.
    r = berechnen(
        _e(
            strafen=[Strafe(monate=1, bezeichnung="A"), Strafe(monate=1, bezeichnung="B")],
            angerechnet_tage=10,
            nicht_verbuesst=(Zeitraum(date(2026, 1, 15), date(2026, 1, 20)),),
        )
    )
    assert [(a.von, a.bis) for a in r.vollzugsfolge] == [
        (date(2025, 12, 22), date(2026, 1, 26)),
        (date(2026, 1, 27), date(2026, 2, 23)),
    ]
    assert r.ende.datum == date(2026, 2, 23)


@settings(max_examples=150, deadline=None)
@given(_beginn, st.lists(_strafe, min_size=1, max_size=4), _strafe, st.booleans(), st.integers(0, 400))
def test_hinzukommende_strafe_gibt_nie_ein_frueheres_datum(beginn, strafen, neu, ersatz, gutschrift):
    # A sentence added later (a new judgment executed together) never gives an earlier date; an added
    # Ersatzfreiheitsstrafe moves only the end (convention 8).
    neu = Strafe(neu.jahre, neu.monate, neu.tage, ersatz=ersatz)
    vorher = berechnen(Eingaben(beginn, tuple(strafen), angerechnet_tage=gutschrift))
    nachher = berechnen(Eingaben(beginn, (*strafen, neu), angerechnet_tage=gutschrift))
    if vorher.ende is not None:
        assert nachher.ende.datum >= vorher.ende.datum
    for feld in ("haelfte", "zwei_drittel", "bedingte_entlassung", "bedingte_entlassung_ausnahme"):
        a, b = getattr(vorher, feld), getattr(nachher, feld)
        if a is None:
            continue
        if ersatz:
            assert b == a
        else:
            assert b is not None and b.datum >= a.datum


@settings(max_examples=150, deadline=None)
@given(_beginn, st.lists(_strafe, min_size=1, max_size=4), st.integers(0, 400))
def test_vollzugsfolge_lueckenlos_bis_strafende(beginn, strafen, gutschrift):
    r = berechnen(Eingaben(beginn, tuple(strafen), angerechnet_tage=gutschrift))
    if r.ende is None:
        assert r.vollzugsfolge == ()
        return
    folge = r.vollzugsfolge
    assert folge[-1].bis == r.ende.datum
    for a, b in zip(folge, folge[1:], strict=False):
        assert a.von <= a.bis and b.von == a.bis + timedelta(days=1)
