"""§ 28 JVG Kontrollen und Durchsuchungen (R-28-1): searches and tests logged; a body search only on a
recorded suspicion and an order by the facility management, never by its requester (R-0-4EYES-1)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kern.rollen import Rolle
from tests.conftest import _benutzer
from zwangsmassnahmen import domain
from zwangsmassnahmen.models import Kontrolle
from zwangsmassnahmen.recht import Kontrollstatus

from .hilfen import fall_anlegen, reise, zeit

pytestmark = pytest.mark.django_db
JETZT = zeit(2026, 11, 3, 14)


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with reise(zeit(2026, 11, 1)):
        return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.fixture
def leitung_a2(anstalt_a):
    return _benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)


def kontrolle(fall, durch, **daten):
    werte = {
        "art": "unterkunft",
        "zeitpunkt": JETZT - timedelta(hours=1),
        "ort": "Zelle B 12",
        "ergebnis": "unauffaellig",
    }
    werte.update(daten)
    with reise(JETZT):
        return domain.kontrolle_erfassen(fall=fall, durch=durch, **werte)


@pytest.mark.rule("R-28-1")
def test_durchsuchung_mit_fund_protokolliert(fall, personal_a, anstalt_a):
    k = kontrolle(fall, personal_a, ergebnis="fund", fundgegenstaende="Mobiltelefon", beteiligte="M. Keller")
    assert k.status == Kontrollstatus.DURCHGEFUEHRT and k.anstalt == anstalt_a
    assert k.durchgefuehrt_durch == personal_a and k.fundgegenstaende == "Mobiltelefon"
    assert k.history.get().history_user == personal_a


@pytest.mark.rule("R-28-1")
def test_fund_ohne_gegenstaende_und_durchsuchung_ohne_ort_abgelehnt(fall, personal_a):
    with pytest.raises(ValidationError) as fehler:
        kontrolle(fall, personal_a, ergebnis="fund")
    assert "R-28-1" in fehler.value.message_dict["fundgegenstaende"][0]
    with pytest.raises(ValidationError) as fehler:
        kontrolle(fall, personal_a, ort="")
    assert "ort" in fehler.value.message_dict


@pytest.mark.rule("R-28-1")
@pytest.mark.parametrize("art", ["atemluft", "urin", "blut", "haar"])
def test_tests_halten_art_und_ergebnis(fall, personal_a, art):
    k = kontrolle(fall, personal_a, art=art, ort="", ergebnis="fund", ergebnis_text="THC positiv")
    assert (k.art, k.ergebnis, k.ergebnis_text) == (art, "fund", "THC positiv")
    with pytest.raises(ValidationError) as fehler:
        kontrolle(fall, personal_a, art=art, ergebnis="fund")
    assert "§ 28 Abs. 3 JVG" in fehler.value.message_dict["ergebnis_text"][0]
    with pytest.raises(ValidationError) as fehler:
        kontrolle(fall, personal_a, art=art, ergebnis="")
    assert "ergebnis" in fehler.value.message_dict


@pytest.mark.rule("R-28-1", "R-0-BAD-1")
def test_kontrolle_in_der_zukunft_abgelehnt(fall, personal_a):
    with pytest.raises(ValidationError) as fehler:
        kontrolle(fall, personal_a, zeitpunkt=JETZT + timedelta(minutes=1))
    assert "Zukunft" in fehler.value.message_dict["zeitpunkt"][0]


@pytest.mark.rule("R-28-1")
def test_leibesvisitation_direkt_abgelehnt(fall, personal_a):
    with pytest.raises(ValidationError) as fehler:
        kontrolle(fall, personal_a, art="leibesvisitation", verdacht="Drogen")
    assert "Anordnung der Anstaltsleitung" in fehler.value.message_dict["art"][0]
    assert not Kontrolle.objects.exists()


@pytest.mark.rule("R-28-1")
def test_leibesvisitation_ohne_verdacht_abgelehnt(fall, personal_a):
    with pytest.raises(ValidationError) as fehler:
        domain.leibesvisitation_beantragen(fall=fall, verdacht="  ", durch=personal_a)
    assert "Ohne Verdacht keine Leibesvisitation" in fehler.value.message_dict["verdacht"][0]


@pytest.mark.rule("R-28-1", "R-0-4EYES-1")
def test_leibesvisitation_antrag_anordnung_durchfuehrung(fall, personal_a, leitung_a):
    with reise(JETZT):
        k = domain.leibesvisitation_beantragen(
            fall=fall, verdacht="Betäubungsmittel im Körper nach Besuch", durch=personal_a
        )
        # Without the order it cannot be carried out.
        with pytest.raises(ValidationError) as fehler:
            domain.leibesvisitation_durchfuehren(
                kontrolle=k,
                zeitpunkt=JETZT,
                gleiches_geschlecht=True,
                ergebnis="unauffaellig",
                durch=personal_a,
            )
        assert "angeordnete" in fehler.value.message_dict["status"][0]
        domain.leibesvisitation_entscheiden(kontrolle=k, anordnen=True, kommentar="", durch=leitung_a)
    with reise(JETZT + timedelta(minutes=30)):
        with pytest.raises(ValidationError) as fehler:
            domain.leibesvisitation_durchfuehren(
                kontrolle=k,
                zeitpunkt=JETZT + timedelta(minutes=20),
                gleiches_geschlecht=False,
                ergebnis="unauffaellig",
                durch=personal_a,
            )
        assert "gleichen Geschlechts" in fehler.value.message_dict["gleiches_geschlecht"][0]
        domain.leibesvisitation_durchfuehren(
            kontrolle=k,
            zeitpunkt=JETZT + timedelta(minutes=20),
            gleiches_geschlecht=True,
            ergebnis="fund",
            fundgegenstaende="2 Kügelchen",
            ort="Untersuchungsraum",
            durch=personal_a,
        )
    k.refresh_from_db()
    assert k.status == Kontrollstatus.DURCHGEFUEHRT
    assert (k.beantragt_durch, k.angeordnet_durch, k.durchgefuehrt_durch) == (
        personal_a,
        leitung_a,
        personal_a,
    )
    assert [h.history_user for h in k.history.order_by("history_date")] == [personal_a, leitung_a, personal_a]


@pytest.mark.rule("R-0-4EYES-1", "R-28-1")
def test_leibesvisitation_nicht_durch_antragsteller_angeordnet(fall, leitung_a, leitung_a2):
    with reise(JETZT):
        k = domain.leibesvisitation_beantragen(fall=fall, verdacht="Klinge versteckt", durch=leitung_a)
        with pytest.raises(ValidationError) as fehler:
            domain.leibesvisitation_entscheiden(kontrolle=k, anordnen=True, durch=leitung_a)
        assert "R-0-4EYES-1" in fehler.value.message_dict["durch"][0]
        domain.leibesvisitation_entscheiden(kontrolle=k, anordnen=True, durch=leitung_a2)
    assert Kontrolle.objects.get().status == Kontrollstatus.ANGEORDNET


@pytest.mark.rule("R-28-1", "R-0-ROLE-1")
def test_personal_ordnet_nicht_an_und_leitung_b_auch_nicht(fall, personal_a, anstalt_b):
    leitung_b = _benutzer("leitung_b", Rolle.ANSTALTSLEITUNG, anstalt_b)
    personal_a2 = _benutzer("personal_a2", Rolle.ANSTALTSPERSONAL, personal_a.anstalt)
    with reise(JETZT):
        k = domain.leibesvisitation_beantragen(fall=fall, verdacht="Drogen", durch=personal_a)
        for user in (personal_a2, leitung_b):
            with pytest.raises(PermissionDenied):
                domain.leibesvisitation_entscheiden(kontrolle=k, anordnen=True, durch=user)
        with pytest.raises(ValidationError) as fehler:
            domain.leibesvisitation_entscheiden(
                kontrolle=k,
                anordnen=False,
                kommentar="",
                durch=_benutzer("l3", Rolle.ANSTALTSLEITUNG, personal_a.anstalt),
            )
        assert "kommentar" in fehler.value.message_dict


@pytest.mark.rule("R-0-ROLE-1")
def test_personal_anderer_einrichtung_erfasst_nichts(fall, personal_b, sachbearbeitung):
    for user in (personal_b, sachbearbeitung):
        with pytest.raises(PermissionDenied):
            kontrolle(fall, user)
