"""Measures: reviews (Art. 62d, 64b StGB), maximum durations and the application to the court (§ 4 JVG)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from vollzugsdaten import domain
from vollzugsdaten.recht import Antragsart, Antwort, Pruefungsart
from vollzugsdaten.recht import Massnahmenartikel as A


def _m(fall, sb, artikel, beginn=date(2024, 3, 1)):
    return domain.massnahme_erfassen(
        fall=fall, artikel=artikel, beginn=beginn, beginn_begruendung="Gemäss Vollzugsbefehl", durch=sb
    )


def _termin(m, art):
    return next(t.datum for t in domain.termine(m) if t.art == art)


@pytest.mark.rule("R-STGB-62D-1")
def test_stationaere_massnahme_jaehrlich_ab_letzter_pruefung(fall_im_vollzug, sachbearbeitung):
    m = _m(fall_im_vollzug, sachbearbeitung, A.ART_59)
    assert _termin(m, "pruefung") == date(2025, 3, 1)
    domain.pruefung_erfassen(
        massnahme=m,
        art=Pruefungsart.ART_62D,
        am=date(2025, 2, 20),
        bericht="Bericht",
        ergebnis="weiter",
        durch=sachbearbeitung,
    )
    m.refresh_from_db()
    assert _termin(m, "pruefung") == date(2026, 2, 20)
    with pytest.raises(ValidationError, match="Bericht der Einrichtung"):
        domain.pruefung_erfassen(
            massnahme=m,
            art=Pruefungsart.ART_62D,
            am=date(2025, 3, 1),
            bericht=" ",
            ergebnis="x",
            durch=sachbearbeitung,
        )
    with pytest.raises(ValidationError, match="Art. 64b"):
        domain.pruefung_erfassen(
            massnahme=m,
            art=Pruefungsart.ART_64B_A,
            am=date(2025, 3, 1),
            bericht="B",
            ergebnis="x",
            durch=sachbearbeitung,
        )


@pytest.mark.rule("R-STGB-64B-1")
def test_verwahrung_erstmals_nach_zwei_jahren_dann_jaehrlich_und_zweijaehrlich(
    fall_im_vollzug, sachbearbeitung
):
    m = _m(fall_im_vollzug, sachbearbeitung, A.ART_64)
    assert _termin(m, "pruefung") == date(2026, 3, 1)  # first after two years (lit. a)
    assert _termin(m, "therapiepruefung") == date(2026, 3, 1)  # every two years (lit. b)
    assert not [t for t in domain.termine(m) if t.art == "hoechstdauer"]  # no maximum for Art. 64
    domain.pruefung_erfassen(
        massnahme=m,
        art=Pruefungsart.ART_64B_A,
        am=date(2026, 2, 1),
        bericht="B",
        ergebnis="keine Entlassung",
        durch=sachbearbeitung,
    )
    domain.pruefung_erfassen(
        massnahme=m,
        art=Pruefungsart.ART_64B_B,
        am=date(2026, 2, 1),
        bericht="B",
        ergebnis="keine Therapie",
        durch=sachbearbeitung,
    )
    m.refresh_from_db()
    assert _termin(m, "pruefung") == date(2027, 2, 1)
    assert _termin(m, "therapiepruefung") == date(2028, 2, 1)


@pytest.mark.rule("R-STGB-MAX-1")
@pytest.mark.parametrize(
    ("artikel", "ende"),
    [
        (A.ART_59, date(2029, 2, 28)),
        (A.ART_60, date(2027, 2, 28)),
        (A.ART_61, date(2028, 2, 29)),
        (A.ART_63, date(2029, 2, 28)),
    ],
)
def test_hoechstdauer_je_artikel(fall_im_vollzug, sachbearbeitung, artikel, ende):
    # From 01.03.2024 (start day counts): 5 years → 28.02.2029; 3 → 28.02.2027; 4 → 29.02.2028 (leap year).
    m = _m(fall_im_vollzug, sachbearbeitung, artikel)
    assert domain.hoechstdauer_ende(m) == ende
    assert _termin(m, "antrag") < ende  # the application to the court is due before the maximum ends


@pytest.mark.rule("R-STGB-MAX-1", "R-4-1")
def test_art_60_einmal_um_ein_jahr_verlaengerbar(fall_im_vollzug, sachbearbeitung):
    m = _m(fall_im_vollzug, sachbearbeitung, A.ART_60)
    entwurf = domain.antrag_entwurf(m)
    assert entwurf["art"] == Antragsart.VERLAENGERUNG and "§ 4 Abs. 1 JVG" in entwurf["antrag"]
    kw = dict(
        massnahme=m,
        gericht="Kriminalgericht",
        antrag="A",
        akten="Urteil",
        eingereicht_am=date(2026, 9, 1),
        durch=sachbearbeitung,
    )
    with pytest.raises(ValidationError, match="1 bis 1 Jahr"):
        domain.antrag_einreichen(art=Antragsart.VERLAENGERUNG, verlaengerung_jahre=2, **kw)
    a = domain.antrag_einreichen(art=Antragsart.VERLAENGERUNG, verlaengerung_jahre=1, **kw)
    domain.antwort_erfassen(
        antrag=a,
        antwort=Antwort.GUTGEHEISSEN,
        am=date(2026, 10, 1),
        text="",
        bewilligte_jahre=1,
        durch=sachbearbeitung,
    )
    m.refresh_from_db()
    assert domain.hoechstdauer_ende(m) == date(2028, 2, 29)
    with pytest.raises(ValidationError, match="bereits einmal verlängert"):
        domain.antrag_einreichen(art=Antragsart.VERLAENGERUNG, verlaengerung_jahre=1, **kw)
    assert domain.antrag_entwurf(m)["art"] == Antragsart.AENDERUNG


@pytest.mark.rule("R-STGB-MAX-1")
def test_art_61_nicht_verlaengerbar_art_59_bis_fuenf_jahre(fall_im_vollzug, sachbearbeitung):
    kw = dict(
        gericht="KG", antrag="A", akten="Urteil", eingereicht_am=date(2026, 9, 1), durch=sachbearbeitung
    )
    m61 = _m(fall_im_vollzug, sachbearbeitung, A.ART_61)
    with pytest.raises(ValidationError, match="Art. 61 Abs. 4"):
        domain.antrag_einreichen(massnahme=m61, art=Antragsart.VERLAENGERUNG, verlaengerung_jahre=1, **kw)
    m59 = _m(fall_im_vollzug, sachbearbeitung, A.ART_59)
    with pytest.raises(ValidationError, match="Art. 59 Abs. 4"):
        domain.antrag_einreichen(massnahme=m59, art=Antragsart.VERLAENGERUNG, verlaengerung_jahre=6, **kw)
    assert domain.antrag_einreichen(
        massnahme=m59, art=Antragsart.VERLAENGERUNG, verlaengerung_jahre=5, **kw
    ).pk


@pytest.mark.rule("R-4-1")
def test_antrag_mit_akten_gericht_und_antwort(fall_im_vollzug, sachbearbeitung):
    m = _m(fall_im_vollzug, sachbearbeitung, A.ART_59)
    with pytest.raises(ValidationError, match="§ 4 Abs. 1 JVG"):
        domain.antrag_einreichen(
            massnahme=m,
            art=Antragsart.AENDERUNG,
            gericht="KG",
            antrag="A",
            akten=" ",
            eingereicht_am=date(2026, 9, 1),
            durch=sachbearbeitung,
        )
    a = domain.antrag_einreichen(
        massnahme=m,
        art=Antragsart.AENDERUNG,
        gericht="KG",
        antrag="A",
        akten="Gutachten",
        eingereicht_am=date(2026, 9, 1),
        durch=sachbearbeitung,
    )
    with pytest.raises(ValidationError, match="vor dem Antrag"):
        domain.antwort_erfassen(
            antrag=a, antwort=Antwort.ABGEWIESEN, am=date(2026, 8, 1), text="", durch=sachbearbeitung
        )
    a = domain.antwort_erfassen(
        antrag=a, antwort=Antwort.ABGEWIESEN, am=date(2026, 10, 1), text="Nein", durch=sachbearbeitung
    )
    assert a.history.first().history_user == sachbearbeitung
    with pytest.raises(ValidationError, match="bereits erfasst"):
        domain.antwort_erfassen(
            antrag=a, antwort=Antwort.ABGEWIESEN, am=date(2026, 10, 1), text="", durch=sachbearbeitung
        )


# --- The start of a measure from the data (BGE 145 IV 65 E. 2.7.1; Art. 64 Abs. 2 StGB) -------------


def _massnahmenurteil(fall, sb, art, rechtskraft):
    from kern.audit import speichern
    from vollzug.models import Entscheid, Sanktion

    erstes = fall.entscheide.first()
    e = speichern(
        Entscheid(
            fall=fall,
            art=erstes.art,
            behoerde=erstes.behoerde,
            referenz=f"M {rechtskraft:%Y%m%d} {art}",
            entscheid_datum=rechtskraft,
            rechtskraft_am=rechtskraft,
        ),
        durch=sb,
    )
    speichern(Sanktion(entscheid=e, art=art), durch=sb)


@pytest.mark.rule("R-STGB-MAX-1")
def test_beginn_aus_der_rechtskraft_wenn_nicht_aus_der_freiheit(fall_im_vollzug, sachbearbeitung):
    # The case's first placement (01.03.2026) is before the Rechtskraft (15.04.2026): the person was
    # not free, so the 5 years of Art. 59 Abs. 4 run from the Rechtskraft: 15.04.2026–14.04.2031.
    _massnahmenurteil(fall_im_vollzug, sachbearbeitung, "stationaere_massnahme", date(2026, 4, 15))
    m = domain.massnahme_erfassen(fall=fall_im_vollzug, artikel=A.ART_59, durch=sachbearbeitung)
    assert (m.beginn, m.beginn_herkunft, m.beginn_begruendung) == (date(2026, 4, 15), "rechtskraft", "")
    assert domain.hoechstdauer_ende(m) == date(2031, 4, 14)
    # The same date entered by hand is the derived start, not an override: no reasons needed.
    m2 = domain.massnahme_erfassen(
        fall=fall_im_vollzug, artikel=A.ART_60, beginn=date(2026, 4, 15), durch=sachbearbeitung
    )
    assert m2.beginn_herkunft == "rechtskraft"


@pytest.mark.rule("R-STGB-MAX-1")
def test_beginn_mit_eintritt_wenn_aus_der_freiheit_angetreten(fall_im_vollzug, sachbearbeitung):
    # Rechtskraft 01.02.2026, first entry into the facility 01.03.2026 (one day later would do): the
    # measure was entered from freedom → it starts on the day of entry (BGE 145 IV 65 E. 2.7.1).
    _massnahmenurteil(fall_im_vollzug, sachbearbeitung, "stationaere_massnahme", date(2026, 2, 1))
    m = domain.beginn_aus_daten(fall_im_vollzug, A.ART_61)
    assert (m.datum, m.herkunft) == (date(2026, 3, 1), "eintritt")
    assert "BGE 145 IV 65" in m.erklaerung
    # Boundary: Rechtskraft on the day of entry → not from freedom → the Rechtskraft (same day).
    fall_im_vollzug.entscheide.filter(referenz__startswith="M ").update(
        entscheid_datum=date(2026, 3, 1), rechtskraft_am=date(2026, 3, 1)
    )
    assert domain.beginn_aus_daten(fall_im_vollzug, A.ART_61).herkunft == "rechtskraft"
    # Ambulatory treatment (Art. 63): always the Rechtskraft.
    _massnahmenurteil(fall_im_vollzug, sachbearbeitung, "ambulante_massnahme", date(2026, 2, 1))
    assert domain.beginn_aus_daten(fall_im_vollzug, A.ART_63).herkunft == "rechtskraft"


@pytest.mark.rule("R-STGB-64B-1")
def test_verwahrung_beginnt_nach_dem_strafende(fall_im_vollzug, sachbearbeitung):
    # Art. 64 Abs. 2: the sentence first. The sentence ends 31.01.2027 → Verwahrung from 01.02.2027;
    # the first review for conditional release two years later (01.02.2029).
    assert domain.beginn_aus_daten(fall_im_vollzug, A.ART_64) is None  # no calculation yet
    domain.aktuelle_berechnung(fall_im_vollzug)
    m = domain.massnahme_erfassen(fall=fall_im_vollzug, artikel=A.ART_64, durch=sachbearbeitung)
    assert (m.beginn, m.beginn_herkunft) == (date(2027, 2, 1), "strafende")
    assert [t.datum for t in domain.termine(m) if t.art == "pruefung"] == [date(2029, 2, 1)]


@pytest.mark.rule("R-STGB-MAX-1")
def test_beginn_von_hand_nur_mit_begruendung(fall_im_vollzug, sachbearbeitung):
    # No judgment ordering the measure: the start cannot be derived → date and reasons required.
    with pytest.raises(ValidationError) as fehler:
        domain.massnahme_erfassen(fall=fall_im_vollzug, artikel=A.ART_59, durch=sachbearbeitung)
    assert "Art. 59 Abs. 4 StGB" in str(fehler.value.message_dict["beginn"])
    with pytest.raises(ValidationError) as fehler:
        domain.massnahme_erfassen(
            fall=fall_im_vollzug, artikel=A.ART_59, beginn=date(2025, 6, 1), durch=sachbearbeitung
        )
    assert "beginn_begruendung" in fehler.value.message_dict
    # A start differing from the data (early execution, BGE 146 IV 49) is an override with reasons.
    _massnahmenurteil(fall_im_vollzug, sachbearbeitung, "stationaere_massnahme", date(2026, 4, 15))
    with pytest.raises(ValidationError) as fehler:
        domain.massnahme_erfassen(
            fall=fall_im_vollzug, artikel=A.ART_61, beginn=date(2025, 6, 1), durch=sachbearbeitung
        )
    assert "15.04.2026" in str(fehler.value.message_dict["beginn_begruendung"])
    m = domain.massnahme_erfassen(
        fall=fall_im_vollzug,
        artikel=A.ART_61,
        beginn=date(2025, 6, 1),
        beginn_begruendung="Vorzeitiger Massnahmenvollzug bewilligt am 01.06.2025",
        durch=sachbearbeitung,
    )
    assert (m.beginn, m.beginn_herkunft) == (date(2025, 6, 1), "manuell")
    assert m.history.first().history_user == sachbearbeitung


@pytest.mark.rule("R-STGB-64B-1")
def test_verwahrung_folgt_dem_verschobenen_strafende(fall_im_vollzug, sachbearbeitung):
    # Credit of 10 days (Art. 51) moves the end from 31.01.2027 to 21.01.2027: the Verwahrung derived
    # from the data now starts 22.01.2027; one set by hand would stay.
    domain.aktuelle_berechnung(fall_im_vollzug)
    m = domain.massnahme_erfassen(fall=fall_im_vollzug, artikel=A.ART_64, durch=sachbearbeitung)
    assert m.beginn == date(2027, 2, 1)
    domain.angaben_speichern(
        fall=fall_im_vollzug,
        lebenslang=False,
        angerechnete_tage=10,
        anrechnung_beleg="Dispositiv Ziff. 2",
        anderswo_tage=0,
        anderswo_beleg="",
        durch=sachbearbeitung,
    )
    m.refresh_from_db()
    assert (m.beginn, m.beginn_herkunft) == (date(2027, 1, 22), "strafende")
    assert m.history.first().history_user == sachbearbeitung
    assert "01.02.2027 → 22.01.2027" in m.history.first().history_change_reason
