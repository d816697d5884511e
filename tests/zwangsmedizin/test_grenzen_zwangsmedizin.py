"""Boundary tests (issue 25) of §§ 35–39 JVG (R-37-1 information, R-39-1 hunger strike below): the ground a–c and subsidiarity (R-35-1), the request of
the assigned physician (R-36-1) and the measure-indicated medication of § 38 (R-38-1). Just inside (stored,
read back), just outside (German message naming the §, nothing stored), bad input.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kern.models import Benutzer
from kern.rollen import Rolle
from vollzug.recht import Sanktionsart
from zwangsmedizin.domain import ernaehrung, information, medikation
from zwangsmedizin.models import Aufklaerungsgespraech, Zwangsmedikation

from .hilfen import daten, daten_38, fall_mit, pdf, zuteilen

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    return fall_mit(durch=sachbearbeitung, anstalt=anstalt_a)


@pytest.fixture
def massnahmenfall(sachbearbeitung, anstalt_a):
    return fall_mit(durch=sachbearbeitung, anstalt=anstalt_a, art=Sanktionsart.STATIONAERE_MASSNAHME)


@pytest.fixture
def aerztin(medizin, fall, massnahmenfall):
    zuteilen(medizin, fall.person)
    zuteilen(medizin, massnahmenfall.person)
    return medizin


def _meldungen(exc_info) -> dict[str, str]:
    return {feld: ms[0] for feld, ms in exc_info.value.message_dict.items()}


# --- R-35-1: only subsidiary and with a ground a–c -----------------------------------------------


@pytest.mark.rule("R-35-1", grenze=True)
def test_grund_c_ja_ohne_grund_oder_lit_d_nein(aerztin, fall):
    for kw, feld in (
        ({"grund": ""}, "grund"),
        ({"grund": "d"}, "grund"),
        ({"freiwillige_massnahmen": "  "}, "freiwillige_massnahmen"),
    ):
        with pytest.raises(ValidationError) as e:
            medikation.antrag_stellen(fall=fall, daten=daten(**kw), durch=aerztin)
        assert _meldungen(e)[feld].startswith("§ 35 Abs. 2 JVG (R-35-1)")
    with pytest.raises(ValidationError) as e:
        medikation.antrag_stellen(fall=fall, daten=daten(art="vorsorglich"), durch=aerztin)
    assert _meldungen(e) == {"art": "Unbekannte Art der Zwangsmedikation (§ 35 oder § 38 JVG)."}
    assert not Zwangsmedikation.objects.exists()

    m = medikation.antrag_stellen(fall=fall, daten=daten(grund="c"), durch=aerztin)
    g = Zwangsmedikation.objects.get(pk=m.pk)
    assert (g.art, g.grund, g.freiwillige_massnahmen, g.person_id) == (
        "ordentlich",
        "c",
        "Orale Medikation angeboten und abgelehnt.",
        fall.person_id,
    )


# --- R-36-1: on the request of the assigned physician, with report, drug, dose and duration ----------


@pytest.mark.rule("R-36-1", grenze=True)
def test_antrag_nur_der_zugeteilten_aerztin(aerztin, fall, sachbearbeitung):
    andere = Benutzer.objects.create(username="arzt2", rolle=Rolle.MEDIZIN)
    for user in (andere, sachbearbeitung):
        with pytest.raises(PermissionDenied) as e:
            medikation.antrag_stellen(fall=fall, daten=daten(), durch=user)
        assert str(e.value).startswith("Keine Berechtigung: Antrag auf Zwangsmedikation stellen")
    for feld in ("bericht", "medikament", "dosierung", "geplante_dauer"):
        with pytest.raises(ValidationError) as e:
            medikation.antrag_stellen(fall=fall, daten=daten(**{feld: " "}), durch=aerztin)
        assert _meldungen(e)[feld].startswith("§ 36 Abs. 1 JVG (R-36-1)")
    assert not Zwangsmedikation.objects.exists()

    m = medikation.antrag_stellen(fall=fall, daten=daten(), durch=aerztin)
    g = Zwangsmedikation.objects.get(pk=m.pk)
    assert (g.status, g.medikament, g.dosierung, g.geplante_dauer) == (
        "beantragt",
        "Haloperidol",
        "5 mg i.m.",
        "7 Tage",
    )
    assert g.history.latest("history_id").history_user_id == aerztin.pk


# --- R-38-1: only with an Art. 59/63 measure, on a forensic recommendation not dated in the future ------


@pytest.mark.rule("R-38-1", grenze=True)
def test_massnahmenindiziert_empfehlung_heute_ja_morgen_nein(aerztin, fall, massnahmenfall):
    heute = timezone.localdate()
    for f, kw, feld, text in (
        (
            massnahmenfall,
            {"empfehlung_datum": heute + timedelta(days=1)},
            "empfehlung_datum",
            "in der Zukunft",
        ),
        (massnahmenfall, {"empfehlung_datum": "20.01.2026"}, "empfehlung_datum", "gültiges Datum"),
        (massnahmenfall, {"empfehlung_arzt": " "}, "empfehlung_arzt", "forensisch-psychiatrischen"),
        (massnahmenfall, {"fachaerztliche_leitung": ""}, "fachaerztliche_leitung", "fachärztliche Leitung"),
        (fall, {}, "art", "nur bei einer stationären therapeutischen Massnahme nach Art. 59 StGB"),
    ):
        with pytest.raises(ValidationError) as e:
            medikation.antrag_stellen(fall=f, daten=daten_38(**kw), durch=aerztin, empfehlung_dokument=pdf())
        assert _meldungen(e)[feld].startswith("§ 38 Abs.") and text in _meldungen(e)[feld]
    with pytest.raises(ValidationError) as e:
        medikation.antrag_stellen(fall=massnahmenfall, daten=daten_38(), durch=aerztin)
    assert "Die Empfehlung als Dokument beilegen." in _meldungen(e)["empfehlung_dokument"]
    assert not Zwangsmedikation.objects.exists()

    m = medikation.antrag_stellen(
        fall=massnahmenfall, daten=daten_38(empfehlung_datum=heute), durch=aerztin, empfehlung_dokument=pdf()
    )
    g = Zwangsmedikation.objects.get(pk=m.pk)
    assert (g.art, g.empfehlung_datum, g.fachaerztliche_leitung, bool(g.empfehlung_dokument)) == (
        "massnahmenindiziert",
        heute,
        "Dr. med. L. Leitung",
        True,
    )


# --- R-37-1: information before the order, not before the request ----------------------------------------


@pytest.mark.rule("R-37-1", grenze=True)
def test_aufklaerung_ab_dem_antrag_nicht_davor(aerztin, fall):
    m = medikation.antrag_stellen(fall=fall, daten=daten(), durch=aerztin)
    erfasst = Zwangsmedikation.objects.get(pk=m.pk).erfasst_am
    for am, text in (
        (erfasst - timedelta(seconds=1), "Der Zeitpunkt liegt vor dem"),
        (timezone.now() + timedelta(minutes=1), "kann nicht in der Zukunft liegen"),
        (erfasst.replace(tzinfo=None), "Zeitpunkt ohne Zeitzone."),
    ):
        with pytest.raises(ValidationError) as e:
            information.aufklaerung_erfassen(medikation=m, am=am, durch=aerztin)
        assert text in _meldungen(e)["aufgeklaert_am"]
        assert Zwangsmedikation.objects.get(pk=m.pk).aufgeklaert_am is None
    with pytest.raises(ValidationError) as e:
        information.gefahr_im_verzug_erfassen(medikation=m, begruendung="  ", durch=aerztin)
    assert _meldungen(e) == {"begruendung": "§ 37 Abs. 1 JVG (R-37-1): Gefahr im Verzug ist zu begründen."}
    assert Zwangsmedikation.objects.get(pk=m.pk).gefahr_im_verzug_begruendung == ""

    information.aufklaerung_erfassen(medikation=m, am=erfasst, durch=aerztin)
    g = Zwangsmedikation.objects.get(pk=m.pk)
    assert (g.aufgeklaert_am, g.aufgeklaert_durch_id) == (erfasst, aerztin.pk)


# --- R-39-1: the information about the risks of a hunger strike is recorded -------------------------------


@pytest.mark.rule("R-39-1", grenze=True)
def test_gespraech_ab_beginn_des_hungerstreiks_mit_inhalt_und_reaktion(aerztin, fall, leitung_a):
    beginn = (timezone.now() - timedelta(days=2)).replace(microsecond=0)
    h = ernaehrung.hungerstreik_erfassen(fall=fall, beginn=beginn, durch=leitung_a)
    falsch = [
        ({"am": beginn - timedelta(seconds=1)}, "am", "Der Zeitpunkt liegt vor dem"),
        ({"inhalt": " "}, "inhalt", "§ 39 Abs. 1 JVG (R-39-1): Den Inhalt der Aufklärung"),
        ({"reaktion": ""}, "reaktion", "§ 39 Abs. 1 JVG (R-39-1): Die Reaktion der Person festhalten."),
    ]
    for kw, feld, text in falsch:
        werte = {
            "am": beginn,
            "inhalt": "Risiken erklärt.",
            "reaktion": "Hört zu, hält am Streik fest.",
            **kw,
        }
        with pytest.raises(ValidationError) as e:
            ernaehrung.gespraech_erfassen(hungerstreik=h, **werte, durch=aerztin)
        assert text in _meldungen(e)[feld]
    with pytest.raises(PermissionDenied):
        ernaehrung.gespraech_erfassen(hungerstreik=h, am=beginn, inhalt="x", reaktion="y", durch=leitung_a)
    assert not Aufklaerungsgespraech.objects.exists()

    ernaehrung.gespraech_erfassen(
        hungerstreik=h, am=beginn, inhalt="Risiken erklärt.", reaktion="Hält am Streik fest.", durch=aerztin
    )
    g = Aufklaerungsgespraech.objects.get(hungerstreik=h)
    assert (g.am, g.arzt_id, g.inhalt, g.reaktion) == (
        beginn,
        aerztin.pk,
        "Risiken erklärt.",
        "Hält am Streik fest.",
    )
