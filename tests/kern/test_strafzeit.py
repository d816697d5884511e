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
