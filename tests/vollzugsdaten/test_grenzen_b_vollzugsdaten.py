"""Boundary tests (issue 25) of the Vollzugsdaten: R-VD-1 (credit from the judgment, 0–40'000 days, with
its source), R-STGB-62D-1 / R-STGB-64B-1 (review deadlines; a review not before the measure's start),
R-STGB-MAX-1 (maximum durations and their extension), R-STGB-86-3 (after a refusal examined again within
1–12 months) and R-STGB-86-5 (lifelong: 15 years, exceptionally 10). Just inside: accepted and read back;
just outside: refused with the article, nothing stored; bad input: refused with a message."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from kern.fristen import TZ
from verfuegungen import domain as vs
from verfuegungen.models import Verfuegung
from verfuegungen.recht import EroeffnungArt
from vollzugsdaten import domain
from vollzugsdaten.models import (
    Berechnung,
    Entlassungspruefung,
    Gerichtsantrag,
    Massnahme,
    Massnahmenpruefung,
    Strafzeitangaben,
)
from vollzugsdaten.recht import Antragsart, Antwort, Ergebnis, Pruefungsart, Pruefungsstatus
from vollzugsdaten.recht import Massnahmenartikel as A

from .test_entlassung import _vorbereitet

pytestmark = pytest.mark.django_db


def api_als(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _fehler(e, feld) -> str:
    return e.value.message_dict[feld][0]


# --- R-VD-1: the judgment's credit, entered with its source, recalculated at once --------------------


def _angaben(fall, sb, **kw):
    daten = {
        "lebenslang": False,
        "angerechnete_tage": 0,
        "anrechnung_beleg": "",
        "anderswo_tage": 0,
        "anderswo_beleg": "",
        **kw,
    }
    return domain.angaben_speichern(fall=fall, durch=sb, **daten)


@pytest.mark.rule("R-VD-1", grenze=True)
def test_anrechnung_ein_tag_mit_fundstelle_neue_version(fall_im_vollzug, sachbearbeitung):
    # Eleven months from 01.03.2026 (entry day counts): the sentence ends on 31.01.2027.
    erste = domain.aktuelle_berechnung(fall_im_vollzug)
    assert (erste.version, erste.ende) == (1, date(2027, 1, 31))
    _angaben(fall_im_vollzug, sachbearbeitung, angerechnete_tage=1, anrechnung_beleg=" Ziff. 3 ")
    angaben = Strafzeitangaben.objects.get(fall=fall_im_vollzug)
    assert (angaben.angerechnete_tage, angaben.anrechnung_beleg) == (1, "Ziff. 3")
    neu = Berechnung.objects.filter(fall=fall_im_vollzug).order_by("-version").first()
    assert (neu.version, neu.ende) == (2, date(2027, 1, 30))
    assert neu.berechnet_durch == sachbearbeitung
    # Zero days need no source (nothing was credited) and bring the first dates back.
    _angaben(fall_im_vollzug, sachbearbeitung, angerechnete_tage=0)
    assert Berechnung.objects.filter(fall=fall_im_vollzug).order_by("-version").first().ende == date(
        2027, 1, 31
    )


@pytest.mark.rule("R-VD-1", grenze=True)
@pytest.mark.parametrize(
    ("kw", "feld", "text"),
    [
        (
            {"angerechnete_tage": 1, "anrechnung_beleg": "  "},
            "anrechnung_beleg",
            "Die Fundstelle im Urteil angeben (Art. 51 StGB: nie geschätzt).",
        ),
        (
            {"anderswo_tage": 1},
            "anderswo_beleg",
            "Den Beleg der anderswo verbüssten Tage angeben (§ 2 Abs. 1 lit. c JVG).",
        ),
    ],
    ids=["anrechnung_ohne_fundstelle", "anderswo_ohne_beleg"],
)
def test_anrechnung_ohne_fundstelle_abgelehnt(fall_im_vollzug, sachbearbeitung, kw, feld, text):
    domain.aktuelle_berechnung(fall_im_vollzug)
    with pytest.raises(ValidationError) as e:
        _angaben(fall_im_vollzug, sachbearbeitung, **kw)
    assert _fehler(e, feld) == text
    assert not Strafzeitangaben.objects.exists()
    assert list(Berechnung.objects.filter(fall=fall_im_vollzug).values_list("version", flat=True)) == [1]


@pytest.mark.rule("R-VD-1", grenze=True)
def test_anrechnung_per_api_grenzen(fall_im_vollzug, sachbearbeitung):
    domain.aktuelle_berechnung(fall_im_vollzug)
    url = f"/api/v1/vollzugsdaten/faelle/{fall_im_vollzug.pk}/angaben/"
    sb = api_als(sachbearbeitung)
    for daten, feld in [
        ({"angerechneteTage": -1}, "angerechneteTage"),
        ({"angerechneteTage": 40001, "anrechnungBeleg": "Ziff. 3"}, "angerechneteTage"),
        ({"angerechneteTage": "drei"}, "angerechneteTage"),
        ({"angerechneteTage": 1, "anrechnungBeleg": ""}, "anrechnungBeleg"),
        ({"angerechneteTage": 1, "anrechnungBeleg": "x" * 201}, "anrechnungBeleg"),
    ]:
        antwort = sb.post(url, daten, format="json")
        assert antwort.status_code == 400, daten
        assert feld in antwort.json(), antwort.json()
    assert not Strafzeitangaben.objects.exists()
    ok = sb.post(url, {"angerechneteTage": 1, "anrechnungBeleg": "x" * 200}, format="json")
    assert ok.status_code == 200, ok.json()
    assert Strafzeitangaben.objects.get().angerechnete_tage == 1
    assert ok.json()["version"] == 2


# --- R-STGB-62D-1 / R-STGB-64B-1: review deadlines ----------------------------------------------------


def _m(fall, sb, artikel, beginn=date(2024, 3, 1)):
    return domain.massnahme_erfassen(
        fall=fall, artikel=artikel, beginn=beginn, beginn_begruendung="Gemäss Vollzugsbefehl", durch=sb
    )


def _termin(m, art):
    return next(t.datum for t in domain.termine(Massnahme.objects.get(pk=m.pk)) if t.art == art)


def _pruefen(m, sb, art, am, **kw):
    daten = {"bericht": "Bericht der Klinik", "ergebnis": "weiterführen", **kw}
    return domain.pruefung_erfassen(massnahme=m, art=art, am=am, durch=sb, **daten)


@pytest.mark.rule("R-STGB-62D-1", grenze=True)
@pytest.mark.parametrize("artikel", [A.ART_59, A.ART_61])
def test_62d_pruefung_am_beginn_gespeichert_tag_davor_abgelehnt(fall_im_vollzug, sachbearbeitung, artikel):
    m = _m(fall_im_vollzug, sachbearbeitung, artikel)
    assert _termin(m, "pruefung") == date(2025, 3, 1)  # one year after the start
    with pytest.raises(ValidationError) as e:
        _pruefen(m, sachbearbeitung, Pruefungsart.ART_62D, date(2024, 2, 29))
    assert _fehler(e, "am") == "Art. 62d StGB: Die Prüfung liegt vor dem Beginn der Massnahme (01.03.2024)."
    assert not Massnahmenpruefung.objects.exists()
    assert Massnahme.objects.get(pk=m.pk).letzte_pruefung is None

    _pruefen(m, sachbearbeitung, Pruefungsart.ART_62D, date(2024, 3, 1))
    p = Massnahmenpruefung.objects.get()
    assert (p.am, p.art, p.bericht, p.durch) == (
        date(2024, 3, 1),
        "62d",
        "Bericht der Klinik",
        sachbearbeitung,
    )
    assert Massnahme.objects.get(pk=m.pk).letzte_pruefung == date(2024, 3, 1)
    assert _termin(m, "pruefung") == date(2025, 3, 1)


@pytest.mark.rule("R-STGB-62D-1", grenze=True)
@pytest.mark.parametrize(
    ("art", "kw", "feld"),
    [
        (Pruefungsart.ART_64B_A, {}, "art"),
        ("62e", {}, "art"),
        (Pruefungsart.ART_62D, {"bericht": "  "}, "bericht"),
        (Pruefungsart.ART_62D, {"ergebnis": ""}, "ergebnis"),
    ],
    ids=["verwahrungspruefung", "unbekannt", "ohne_bericht", "ohne_ergebnis"],
)
def test_62d_fehleingaben_nichts_gespeichert(fall_im_vollzug, sachbearbeitung, art, kw, feld):
    m = _m(fall_im_vollzug, sachbearbeitung, A.ART_59)
    with pytest.raises(ValidationError) as e:
        _pruefen(m, sachbearbeitung, art, date(2025, 2, 20), **kw)
    assert feld in e.value.message_dict
    assert not Massnahmenpruefung.objects.exists()
    assert _termin(m, "pruefung") == date(2025, 3, 1)


@pytest.mark.rule("R-STGB-62D-1", grenze=True)
def test_62d_im_formular_grenzen(client, fall_im_vollzug, sachbearbeitung):
    m = _m(fall_im_vollzug, sachbearbeitung, A.ART_60)
    client.force_login(sachbearbeitung)
    url = reverse("vollzugsdaten:massnahme_pruefung", args=[m.pk])
    daten = {"art": "62d", "bericht": "Bericht", "ergebnis": "weiter"}
    vorher = client.post(url, {**daten, "am": "29.02.2024"})
    unsinn = client.post(url, {**daten, "am": "30.02.2024"})
    assert (vorher.status_code, unsinn.status_code) == (400, 400)
    assert (
        "Art. 62d StGB: Die Prüfung liegt vor dem Beginn der Massnahme (01.03.2024)."
        in vorher.content.decode()
    )
    assert "Ungültiges Datum" in unsinn.content.decode()
    assert not Massnahmenpruefung.objects.exists()
    ok = client.post(url, {**daten, "am": "01.03.2024"})
    assert ok.status_code == 302
    assert Massnahme.objects.get(pk=m.pk).letzte_pruefung == date(2024, 3, 1)


@pytest.mark.rule("R-STGB-64B-1", grenze=True)
def test_64b_erstmals_nach_zwei_jahren_dann_jaehrlich_und_zweijaehrlich(fall_im_vollzug, sachbearbeitung):
    m = _m(fall_im_vollzug, sachbearbeitung, A.ART_64, beginn=date(2024, 2, 29))
    assert (_termin(m, "pruefung"), _termin(m, "therapiepruefung")) == (date(2026, 2, 28), date(2026, 2, 28))
    with pytest.raises(ValidationError) as e:
        _pruefen(m, sachbearbeitung, Pruefungsart.ART_64B_A, date(2024, 2, 28))
    assert _fehler(e, "am") == "Art. 62d StGB: Die Prüfung liegt vor dem Beginn der Massnahme (29.02.2024)."
    with pytest.raises(ValidationError) as e:
        _pruefen(m, sachbearbeitung, Pruefungsart.ART_62D, date(2025, 1, 10))
    assert "Art. 64b: Verwahrung" in _fehler(e, "art")
    assert not Massnahmenpruefung.objects.exists()

    _pruefen(m, sachbearbeitung, Pruefungsart.ART_64B_A, date(2024, 2, 29))
    _pruefen(m, sachbearbeitung, Pruefungsart.ART_64B_B, date(2025, 1, 10))
    gespeichert = Massnahme.objects.get(pk=m.pk)
    assert (gespeichert.letzte_pruefung, gespeichert.letzte_therapiepruefung) == (
        date(2024, 2, 29),
        date(2025, 1, 10),
    )
    # lit. a: yearly after the first review; lit. b: two years after the last therapy review.
    assert (_termin(m, "pruefung"), _termin(m, "therapiepruefung")) == (date(2025, 2, 28), date(2027, 1, 10))
    # An older review does not move the deadline back.
    _pruefen(m, sachbearbeitung, Pruefungsart.ART_64B_B, date(2024, 12, 1))
    assert _termin(m, "therapiepruefung") == date(2027, 1, 10)


# --- R-STGB-MAX-1: maximum durations and extensions ----------------------------------------------------


def _antrag(m, sb, **kw):
    daten = {
        "art": Antragsart.VERLAENGERUNG,
        "gericht": "Kriminalgericht",
        "antrag": "Verlängerung",
        "akten": "Urteil",
        "eingereicht_am": date(2026, 9, 1),
        **kw,
    }
    return domain.antrag_einreichen(massnahme=m, durch=sb, **daten)


@pytest.mark.rule("R-STGB-MAX-1", grenze=True)
@pytest.mark.parametrize(
    ("artikel", "hoechst", "ende", "verlaengert"),
    [
        (A.ART_59, 5, date(2029, 2, 28), date(2034, 2, 28)),
        (A.ART_60, 1, date(2027, 2, 28), date(2028, 2, 29)),
        (A.ART_63, 5, date(2029, 2, 28), date(2034, 2, 28)),
    ],
)
def test_verlaengerung_bis_zum_hoechstmass_gespeichert_eins_mehr_abgelehnt(
    fall_im_vollzug, sachbearbeitung, artikel, hoechst, ende, verlaengert
):
    m = _m(fall_im_vollzug, sachbearbeitung, artikel)
    assert domain.hoechstdauer_ende(m) == ende
    for jahre in (hoechst + 1, 0, None):
        with pytest.raises(ValidationError) as e:
            _antrag(m, sachbearbeitung, verlaengerung_jahre=jahre)
        assert _fehler(e, "verlaengerung_jahre").startswith(f"Verlängerung um 1 bis {hoechst} Jahr(e) (Art. ")
    assert not Gerichtsantrag.objects.exists()

    a = _antrag(m, sachbearbeitung, verlaengerung_jahre=hoechst)
    assert Gerichtsantrag.objects.get(pk=a.pk).verlaengerung_jahre == hoechst
    with pytest.raises(ValidationError) as e:  # the court grants at most what was applied for
        domain.antwort_erfassen(
            antrag=a,
            antwort=Antwort.GUTGEHEISSEN,
            am=date(2026, 10, 1),
            text="",
            bewilligte_jahre=hoechst + 1,
            durch=sachbearbeitung,
        )
    assert "bewilligte_jahre" in e.value.message_dict
    assert Massnahme.objects.get(pk=m.pk).verlaengert_um_jahre == 0
    domain.antwort_erfassen(
        antrag=a,
        antwort=Antwort.GUTGEHEISSEN,
        am=date(2026, 10, 1),
        text="",
        bewilligte_jahre=hoechst,
        durch=sachbearbeitung,
    )
    m = Massnahme.objects.get(pk=m.pk)
    assert (m.verlaengert_um_jahre, m.verlaengerungen) == (hoechst, 1)
    assert domain.hoechstdauer_ende(m) == verlaengert


@pytest.mark.rule("R-STGB-MAX-1", grenze=True)
def test_art_60_einmal_art_61_nie_verlaengerbar(fall_im_vollzug, sachbearbeitung):
    m61 = _m(fall_im_vollzug, sachbearbeitung, A.ART_61)
    assert domain.hoechstdauer_ende(m61) == date(2028, 2, 29)
    with pytest.raises(ValidationError) as e:
        _antrag(m61, sachbearbeitung, verlaengerung_jahre=1)
    assert _fehler(e, "art") == "Diese Massnahme kann nicht verlängert werden (Art. 61 Abs. 4 StGB)."
    m60 = _m(fall_im_vollzug, sachbearbeitung, A.ART_60)
    a = _antrag(m60, sachbearbeitung, verlaengerung_jahre=1)
    domain.antwort_erfassen(
        antrag=a,
        antwort=Antwort.GUTGEHEISSEN,
        am=date(2026, 10, 1),
        text="",
        bewilligte_jahre=1,
        durch=sachbearbeitung,
    )
    with pytest.raises(ValidationError) as e:
        _antrag(m60, sachbearbeitung, verlaengerung_jahre=1)
    assert _fehler(e, "art") == "Die Massnahme wurde bereits einmal verlängert (Art. 60 Abs. 4 StGB)."
    assert Gerichtsantrag.objects.count() == 1
    assert domain.hoechstdauer_ende(Massnahme.objects.get(pk=m60.pk)) == date(2028, 2, 29)
    with pytest.raises(ValidationError) as e:
        _antrag(m60, sachbearbeitung, art="irgendwas")
    assert _fehler(e, "art") == "Unbekannte Antragsart (§ 4 Abs. 1 JVG)."


# --- R-STGB-86-3: after a refusal, examined again within 1 to 12 months ----------------------------------


@pytest.fixture
def pruefung(fall_im_vollzug):
    domain.aktuelle_berechnung(fall_im_vollzug)
    return Entlassungspruefung.objects.get(fall=fall_im_vollzug)


def _verweigern(p, sb, sb2, monate):
    v = domain.entscheid_entwerfen(
        pruefung=p,
        ergebnis=Ergebnis.VERWEIGERT,
        begruendung="Ungünstige Prognose.",
        neupruefung_monate=monate,
        durch=sb,
    )
    vs.zur_genehmigung_vorlegen(verfuegung=v, durch=sb)
    vs.genehmigen(verfuegung=v, durch=sb2)
    return vs.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sb)


@pytest.mark.rule("R-STGB-86-3", grenze=True)
@pytest.mark.parametrize(
    ("monate", "faellig"), [(12, date(2027, 12, 31)), (1, date(2027, 1, 31)), (2, date(2027, 2, 28))]
)
def test_neupruefung_1_bis_12_monate_nach_eroeffnung(
    pruefung, sachbearbeitung, sachbearbeitung2, leitung_a, monate, faellig
):
    with time_machine.travel(datetime(2026, 12, 31, 10, 0, tzinfo=TZ), tick=False):
        p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
        _verweigern(p, sachbearbeitung, sachbearbeitung2, monate)
    p.refresh_from_db()
    assert (p.status, p.ergebnis, p.neupruefung_monate) == (
        Pruefungsstatus.ENTSCHIEDEN,
        Ergebnis.VERWEIGERT,
        monate,
    )
    neu = Entlassungspruefung.objects.get(fall=p.fall, nach_verweigerung=True)
    assert (neu.faellig_am, neu.status) == (faellig, Pruefungsstatus.OFFEN)


@pytest.mark.rule("R-STGB-86-3", grenze=True)
@pytest.mark.parametrize(
    "monate", [13, 0, -1, True, "12", 12.0], ids=["13", "0", "minus_1", "true", "text", "float"]
)
def test_neupruefung_ausserhalb_und_fehleingaben(pruefung, sachbearbeitung, leitung_a, monate):
    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    with pytest.raises(ValidationError) as e:
        domain.entscheid_entwerfen(
            pruefung=p,
            ergebnis=Ergebnis.VERWEIGERT,
            begruendung="Ungünstig.",
            neupruefung_monate=monate,
            durch=sachbearbeitung,
        )
    assert _fehler(e, "neupruefung_monate") == (
        "Art. 86 Abs. 3 StGB: Nach einer Verweigerung wird mindestens einmal jährlich neu geprüft (1 bis 12 Monate)."
    )
    p.refresh_from_db()
    assert p.status != Pruefungsstatus.ENTSCHEID_ENTWORFEN
    assert not Verfuegung.objects.exists()


@pytest.mark.rule("R-STGB-86-3", grenze=True)
def test_neupruefung_per_api_grenzen(pruefung, sachbearbeitung, leitung_a):
    p = _vorbereitet(pruefung, sachbearbeitung, leitung_a)
    url = f"/api/v1/vollzugsdaten/pruefungen/{p.pk}/entscheid/"
    sb = api_als(sachbearbeitung)
    daten = {"entscheid": "verweigert", "begruendung": "Ungünstig."}
    for monate in (13, 0, "zwölf"):
        antwort = sb.post(url, {**daten, "neupruefungMonate": monate}, format="json")
        assert antwort.status_code == 400, monate
        assert "neupruefungMonate" in antwort.json()
    assert not Verfuegung.objects.exists()
    ok = sb.post(url, {**daten, "neupruefungMonate": 12}, format="json")
    assert ok.status_code == 200, ok.json()
    p.refresh_from_db()
    assert (p.neupruefung_monate, p.status) == (12, Pruefungsstatus.ENTSCHEID_ENTWORFEN)


# --- R-STGB-86-5: lifelong sentence: 15 years, exceptionally 10 ----------------------------------------


@pytest.fixture
def lebenslang(pruefung, sachbearbeitung, leitung_a):
    _angaben(pruefung.fall, sachbearbeitung, lebenslang=True)
    b = domain.aktuelle_berechnung(pruefung.fall)
    # From 01.03.2026 (entry day counts): 15 years → 28.02.2041, 10 years → 29.02.2036.
    assert (b.ende, b.bedingte_entlassung, b.bedingte_entlassung_ausnahme) == (
        None,
        date(2041, 2, 28),
        date(2036, 2, 29),
    )
    return _vorbereitet(Entlassungspruefung.objects.get(fall=pruefung.fall), sachbearbeitung, leitung_a)


def _gewaehren(p, sb, am, umstaende=""):
    return domain.entscheid_entwerfen(
        pruefung=p,
        ergebnis=Ergebnis.GEWAEHRT,
        begruendung="x",
        entlassung_am=am,
        probezeit_jahre=5,
        ausserordentliche_umstaende=umstaende,
        durch=sb,
    )


@pytest.mark.rule("R-STGB-86-5", grenze=True)
@pytest.mark.parametrize(
    ("am", "umstaende"),
    [(date(2041, 2, 28), ""), (date(2036, 2, 29), "Schwere Krankheit")],
    ids=["15_jahre_ohne_umstaende", "10_jahre_mit_umstaenden"],
)
def test_lebenslaenglich_frueheste_daten_gespeichert(lebenslang, sachbearbeitung, am, umstaende):
    v = _gewaehren(lebenslang, sachbearbeitung, am, umstaende)
    p = Entlassungspruefung.objects.get(pk=lebenslang.pk)
    assert (p.entlassung_am, p.probezeit_jahre, p.ausserordentliche_umstaende, p.verfuegung_id) == (
        am,
        5,
        umstaende,
        v.pk,
    )


@pytest.mark.rule("R-STGB-86-5", grenze=True)
@pytest.mark.parametrize(
    ("am", "umstaende", "feld", "text"),
    [
        (
            date(2041, 2, 27),
            "",
            "ausserordentliche_umstaende",
            "Vor dem 28.02.2041 (nach 15 Jahren) nur mit ausserordentlichen persönlichen Umständen (Art. 86 Abs. 5 StGB: ausnahmsweise nach 10 Jahren).",
        ),
        (
            date(2036, 2, 28),
            "Schwere Krankheit",
            "entlassung_am",
            "Frühestens am 29.02.2036 (Art. 86 Abs. 5 StGB: ausnahmsweise nach 10 Jahren, mindestens drei Monate).",
        ),
        (None, "", "entlassung_am", "Das Entlassungsdatum fehlt (Art. 86 StGB)."),
    ],
    ids=["tag_vor_15_jahren_ohne_umstaende", "tag_vor_10_jahren", "ohne_datum"],
)
def test_lebenslaenglich_ausserhalb_abgelehnt(lebenslang, sachbearbeitung, am, umstaende, feld, text):
    with pytest.raises(ValidationError) as e:
        _gewaehren(lebenslang, sachbearbeitung, am, umstaende)
    assert _fehler(e, feld) == text
    p = Entlassungspruefung.objects.get(pk=lebenslang.pk)
    assert (p.entlassung_am, p.verfuegung_id) == (None, None)
    assert not Verfuegung.objects.exists()
