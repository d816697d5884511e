"""Boundary tests (issue 25) of § 14 JVG: the request (R-14-1), the assessment in the decision (R-14-5) and the
decision as Verfügung with the summons (R-14-6). Just inside (stored, read back), just outside (German message
naming the §, nothing stored), bad input; one through the API. Dates are literals in 2027 (today is in
December 2026 on this machine's clock, deferrals lie ahead).
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from aufschub import domain as aufschub
from aufschub.models import Aufschubgesuch
from aufschub.queries import verfuegung_von
from aufschub.recht import Gefahrenstufe, Gesuchsart, Gesuchsgrund, Gesuchsstatus
from tests.factories import api_token, fall_anlegen
from verfuegungen.recht import Verfuegungsstatus, Verfuegungstyp
from vollzug.models import Sanktion

pytestmark = pytest.mark.django_db

API = "/api/v1/aufschubgesuche/"


@pytest.fixture
def fall(sachbearbeitung):
    return fall_anlegen(durch=sachbearbeitung)


@pytest.fixture
def fall_im_vollzug(sachbearbeitung, anstalt_a):
    return fall_anlegen(
        durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=timezone.now() - timedelta(days=30)
    )


def _gesuch(sb, fall, **kw) -> Aufschubgesuch:
    daten = {
        "sanktion": Sanktion.objects.get(entscheid__fall=fall),
        "art": Gesuchsart.AUFSCHUB,
        "grund": Gesuchsgrund.B,
        "eingereicht_am": timezone.localdate(),
        "begehrt_von": date(2027, 1, 1),
        "begehrt_bis": date(2027, 3, 31),
        "begruendung": "Geburt des Kindes und Pflege der Partnerin.",
        **kw,
    }
    return aufschub.gesuch_erfassen(fall=fall, **daten, durch=sb)


BEURTEILUNG = {
    "beurteilung_vollzugsdauer": "Acht Monate Freiheitsstrafe.",
    "fluchtgefahr": Gefahrenstufe.GERING,
    "wiederholungsgefahr": Gefahrenstufe.KEINE,
    "entscheid_begruendung": "Das Vorkommnis ist ausserordentlich und unaufschiebbar.",
}


def _meldung(exc_info, feld) -> str:
    return exc_info.value.message_dict[feld][0]


# --- R-14-1: only on request, the kind fits the state, the period is ordered ----------------------


@pytest.mark.rule("R-14-1", grenze=True)
def test_ein_tag_ist_ein_zeitraum_ende_vor_beginn_nicht(sachbearbeitung, fall):
    with pytest.raises(ValidationError) as e:
        _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 2), begehrt_bis=date(2027, 1, 1))
    assert _meldung(e, "begehrt_bis") == (
        "§ 14 Abs. 1 JVG (R-14-1): Das Ende des begehrten Zeitraums liegt vor dessen Beginn."
    )
    assert not Aufschubgesuch.objects.exists()

    g = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 2), begehrt_bis=date(2027, 1, 2))
    g = Aufschubgesuch.objects.get(pk=g.pk)
    assert (g.art, g.status, g.begehrt_von, g.begehrt_bis, g.erfasst_durch_id) == (
        Gesuchsart.AUFSCHUB,
        Gesuchsstatus.EINGEREICHT,
        date(2027, 1, 2),
        date(2027, 1, 2),
        sachbearbeitung.pk,
    )
    assert g.history.get().history_user_id == sachbearbeitung.pk


@pytest.mark.rule("R-14-1", grenze=True)
def test_aufschub_vor_beginn_unterbrechung_nur_waehrend_vollzug(sachbearbeitung, fall, fall_im_vollzug):
    # Just outside: an Aufschub once execution started, an Unterbrechung before it; bad input: no kind.
    for f, art, text in (
        (fall_im_vollzug, Gesuchsart.AUFSCHUB, "Ein Aufschub ist nur vor dem Vollzugsbeginn möglich"),
        (fall, Gesuchsart.UNTERBRECHUNG, "Eine Unterbrechung ist nur während des Vollzugs möglich"),
        (fall, "pause", "Aufschub oder Unterbrechung wählen."),
        (fall, "", "Aufschub oder Unterbrechung wählen."),
    ):
        with pytest.raises(ValidationError) as e:
            _gesuch(sachbearbeitung, f, art=art)
        assert _meldung(e, "art").startswith("§ 14 Abs. 1 JVG") and text in _meldung(e, "art")
    assert not Aufschubgesuch.objects.exists()

    # Just inside: each kind in its state.
    a = _gesuch(sachbearbeitung, fall, art=Gesuchsart.AUFSCHUB)
    u = _gesuch(
        sachbearbeitung,
        fall_im_vollzug,
        art=Gesuchsart.UNTERBRECHUNG,
        begehrt_von=date(2027, 1, 1),
        begehrt_bis=date(2027, 1, 31),
    )
    assert dict(Aufschubgesuch.objects.values_list("pk", "art")) == {
        a.pk: Gesuchsart.AUFSCHUB,
        u.pk: Gesuchsart.UNTERBRECHUNG,
    }


@pytest.mark.rule("R-14-1", grenze=True)
def test_bewilligt_nur_innerhalb_des_begehrten_zeitraums(sachbearbeitung, fall):
    g = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 1), begehrt_bis=date(2027, 3, 31))
    for kw, feld in (
        ({"bewilligt_von": date(2027, 1, 1), "bewilligt_bis": date(2027, 4, 1)}, "bewilligt_bis"),
        ({"bewilligt_von": date(2026, 12, 31), "bewilligt_bis": date(2027, 3, 31)}, "bewilligt_von"),
        ({"bewilligt_von": date(2027, 2, 2), "bewilligt_bis": date(2027, 2, 1)}, "bewilligt_bis"),
    ):
        with pytest.raises(ValidationError) as e:
            aufschub.gesuch_entscheiden(gesuch=g, bewilligen=True, **kw, **BEURTEILUNG, durch=sachbearbeitung)
        assert _meldung(e, feld).startswith("§ 14 Abs. 1 JVG (R-14-1)")
        gespeichert = Aufschubgesuch.objects.get(pk=g.pk)
        assert (gespeichert.status, gespeichert.bewilligt_von, gespeichert.bewilligt_bis) == (
            Gesuchsstatus.EINGEREICHT,
            None,
            None,
        )
        assert verfuegung_von(g) is None

    aufschub.gesuch_entscheiden(
        gesuch=g,
        bewilligen=True,
        bewilligt_von=date(2027, 1, 1),
        bewilligt_bis=date(2027, 3, 31),
        **BEURTEILUNG,
        durch=sachbearbeitung,
    )
    gespeichert = Aufschubgesuch.objects.get(pk=g.pk)
    assert (gespeichert.status, gespeichert.bewilligt_von, gespeichert.bewilligt_bis) == (
        Gesuchsstatus.BEWILLIGT,
        date(2027, 1, 1),
        date(2027, 3, 31),
    )


@pytest.mark.rule("R-14-1", grenze=True)
def test_api_ende_vor_beginn_400_ein_tag_201(sachbearbeitung, fall):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(sachbearbeitung)}")
    daten = {
        "fall": fall.pk,
        "sanktion": Sanktion.objects.get(entscheid__fall=fall).pk,
        "art": "aufschub",
        "grund": "b",
        "eingereichtAm": timezone.localdate().isoformat(),
        "begruendung": "Beerdigung und Nachlass.",
    }
    aussen = client.post(
        API, {**daten, "begehrtVon": "2027-01-02", "begehrtBis": "2027-01-01"}, format="json"
    )
    assert aussen.status_code == 400
    meldungen = [m for liste in aussen.json().values() for m in liste]
    assert meldungen == ["§ 14 Abs. 1 JVG: Das Ende des begehrten Zeitraums liegt vor dessen Beginn."]
    for falsch in ({"begehrtVon": "2027-02-30"}, {"begehrtVon": "morgen"}, {"art": ["aufschub"]}):
        antwort = client.post(
            API, {**daten, "begehrtVon": "2027-01-01", "begehrtBis": "2027-01-02", **falsch}, format="json"
        )
        assert antwort.status_code == 400, falsch
    assert not Aufschubgesuch.objects.exists()

    innen = client.post(API, {**daten, "begehrtVon": "2027-01-02", "begehrtBis": "2027-01-02"}, format="json")
    assert innen.status_code == 201, innen.json()
    g = Aufschubgesuch.objects.get(pk=innen.json()["id"])
    assert (g.begehrt_von, g.begehrt_bis, g.erfasst_durch_id) == (
        date(2027, 1, 2),
        date(2027, 1, 2),
        sachbearbeitung.pk,
    )


# --- R-14-5: the decision assesses duration, flight risk and risk of re-offending ----------------------


@pytest.mark.rule("R-14-5", grenze=True)
def test_beurteilung_vollstaendig_gespeichert_luecken_abgelehnt(sachbearbeitung, fall):
    g = _gesuch(sachbearbeitung, fall)
    falsch = [
        (
            "beurteilung_vollzugsdauer",
            "   ",
            "Die voraussichtliche Vollzugsdauer ist im Entscheid zu würdigen.",
        ),
        ("fluchtgefahr", "", "Die Fluchtgefahr ist zu beurteilen."),
        ("wiederholungsgefahr", "sehr hoch", "Die Wiederholungsgefahr ist zu beurteilen."),
        (
            "beurteilung_vollzugsdauer",
            None,
            "Die voraussichtliche Vollzugsdauer ist im Entscheid zu würdigen.",
        ),
    ]
    for feld, wert, text in falsch:
        with pytest.raises(ValidationError) as e:
            aufschub.gesuch_entscheiden(
                gesuch=g, bewilligen=True, **{**BEURTEILUNG, feld: wert}, durch=sachbearbeitung
            )
        assert _meldung(e, feld) == f"§ 14 Abs. 1 JVG (R-14-5): {text}"
        gespeichert = Aufschubgesuch.objects.get(pk=g.pk)
        assert (gespeichert.status, gespeichert.fluchtgefahr) == (Gesuchsstatus.EINGEREICHT, "")
        assert verfuegung_von(g) is None

    # Just inside: the highest level of each risk is an assessment too (a refusal, then).
    aufschub.gesuch_entscheiden(
        gesuch=g,
        bewilligen=False,
        **{**BEURTEILUNG, "fluchtgefahr": Gefahrenstufe.HOCH, "wiederholungsgefahr": Gefahrenstufe.HOCH},
        besondere_untersuchungen="Gutachten zur Rückfallgefahr",
        vorsorgliche_massnahmen="Ausweisschriften hinterlegen",
        durch=sachbearbeitung,
    )
    gespeichert = Aufschubgesuch.objects.get(pk=g.pk)
    assert (
        gespeichert.status,
        gespeichert.beurteilung_vollzugsdauer,
        gespeichert.fluchtgefahr,
        gespeichert.wiederholungsgefahr,
        gespeichert.besondere_untersuchungen,
        gespeichert.vorsorgliche_massnahmen,
    ) == (
        Gesuchsstatus.ABGEWIESEN,
        "Acht Monate Freiheitsstrafe.",
        Gefahrenstufe.HOCH,
        Gefahrenstufe.HOCH,
        "Gutachten zur Rückfallgefahr",
        "Ausweisschriften hinterlegen",
    )


# --- R-14-6: the decision is a Verfügung; the summons follows only a granted deferral ---------------


@pytest.mark.rule("R-14-6", grenze=True)
def test_entscheid_ohne_begruendung_keine_verfuegung_mit_begruendung_entwurf(sachbearbeitung, fall):
    g = _gesuch(sachbearbeitung, fall)
    with pytest.raises(ValidationError) as e:
        aufschub.gesuch_entscheiden(
            gesuch=g, bewilligen=True, **{**BEURTEILUNG, "entscheid_begruendung": " "}, durch=sachbearbeitung
        )
    assert _meldung(e, "entscheid_begruendung") == "R-14-6: Der Entscheid ist als Verfügung zu begründen."
    assert (Aufschubgesuch.objects.get(pk=g.pk).status, verfuegung_von(g)) == (
        Gesuchsstatus.EINGEREICHT,
        None,
    )

    aufschub.gesuch_entscheiden(gesuch=g, bewilligen=True, **BEURTEILUNG, durch=sachbearbeitung)
    v = verfuegung_von(g)
    assert (v.typ, v.status, v.abweisend, v.entworfen_durch_id) == (
        Verfuegungstyp.AUFSCHUB_14,
        Verfuegungsstatus.ENTWURF,
        False,
        sachbearbeitung.pk,
    )


@pytest.mark.rule("R-14-6", grenze=True)
def test_aufgebot_nur_nach_bewilligtem_aufschub_und_einmal(sachbearbeitung, fall):
    offen = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 5, 1), begehrt_bis=date(2027, 5, 31))
    abgewiesen = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 7, 1), begehrt_bis=date(2027, 7, 31))
    aufschub.gesuch_entscheiden(gesuch=abgewiesen, bewilligen=False, **BEURTEILUNG, durch=sachbearbeitung)
    for g in (offen, abgewiesen):
        with pytest.raises(ValidationError) as e:
            aufschub.aufgebot_erfassen(gesuch=g, durch=sachbearbeitung)
        assert (
            _meldung(e, "aufgebot_am")
            == "§ 14 JVG (R-14-6): Ein Aufgebot folgt nur auf einen bewilligten Aufschub."
        )
        assert Aufschubgesuch.objects.get(pk=g.pk).aufgebot_am is None

    bewilligt = _gesuch(sachbearbeitung, fall, begehrt_von=date(2027, 1, 1), begehrt_bis=date(2027, 3, 31))
    aufschub.gesuch_entscheiden(gesuch=bewilligt, bewilligen=True, **BEURTEILUNG, durch=sachbearbeitung)
    aufschub.aufgebot_erfassen(gesuch=bewilligt, durch=sachbearbeitung)
    erstes = Aufschubgesuch.objects.get(pk=bewilligt.pk).aufgebot_am
    assert erstes is not None
    with pytest.raises(ValidationError) as e:
        aufschub.aufgebot_erfassen(gesuch=bewilligt, durch=sachbearbeitung)
    assert "Das Aufgebot ist bereits am" in _meldung(e, "aufgebot_am")
    assert Aufschubgesuch.objects.get(pk=bewilligt.pk).aufgebot_am == erstes
