"""Proofs of R-28-1 (§ 28 JVG Kontrollen, Art. 85 Abs. 2 StGB Leibesvisitation) for the order and the
carrying out of a body search (issue 25).

- `kontrollen.py:148` `or → and` (survived the marked tests): only a requested body search is decided,
  and only once; a search of quarters is no request.
- `kontrollen.py:166`, `:197`, `:205` (already killed by the marked tests, kept as explicit proofs): a
  refusal needs reasons and is stored with them; a body search is carried out once, not before the
  minute of its order (the form has no seconds).
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from zwangsmassnahmen import domain
from zwangsmassnahmen.models import Kontrolle
from zwangsmassnahmen.recht import Kontrollstatus

from .hilfen import fall_anlegen, reise, zeit

pytestmark = pytest.mark.django_db
ANTRAG = zeit(2026, 11, 3, 14)
ANORDNUNG = zeit(2026, 11, 3, 14, 10) + timedelta(seconds=30)


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with reise(zeit(2026, 11, 1)):
        return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def _beantragt(fall, durch):
    with reise(ANTRAG):
        return domain.leibesvisitation_beantragen(
            fall=fall, verdacht="Betäubungsmittel nach Besuch", durch=durch
        )


def _durchfuehren(k, zeitpunkt, durch):
    return domain.leibesvisitation_durchfuehren(
        kontrolle=k, zeitpunkt=zeitpunkt, gleiches_geschlecht=True, ergebnis="unauffaellig", durch=durch
    )


@pytest.mark.rule("R-28-1")
def test_nur_beantragte_leibesvisitation_wird_einmal_entschieden(fall, personal_a, leitung_a):
    with reise(ANTRAG):
        unterkunft = domain.kontrolle_erfassen(
            fall=fall,
            art="unterkunft",
            zeitpunkt=ANTRAG,
            ort="Zelle B 12",
            ergebnis="unauffaellig",
            durch=personal_a,
        )
    k = _beantragt(fall, personal_a)
    with reise(ANORDNUNG):
        with pytest.raises(ValidationError) as e:
            domain.leibesvisitation_entscheiden(kontrolle=unterkunft, anordnen=True, durch=leitung_a)
        assert e.value.message_dict["status"] == [
            "R-28-1: Diese Kontrolle ist nicht zur Anordnung beantragt (Status «Durchgeführt»)."
        ]
        domain.leibesvisitation_entscheiden(kontrolle=k, anordnen=True, durch=leitung_a)
    with reise(ANORDNUNG + timedelta(minutes=5)):
        with pytest.raises(ValidationError) as e:
            domain.leibesvisitation_entscheiden(
                kontrolle=k, anordnen=False, kommentar="Doch nicht nötig.", durch=leitung_a
            )
        assert e.value.message_dict["status"] == [
            "R-28-1: Diese Kontrolle ist nicht zur Anordnung beantragt (Status «Angeordnet»)."
        ]
    g = Kontrolle.objects.get(pk=k.pk)
    assert (g.status, g.angeordnet_am, g.entscheid_kommentar) == (Kontrollstatus.ANGEORDNET, ANORDNUNG, "")
    assert Kontrolle.objects.get(pk=unterkunft.pk).status == Kontrollstatus.DURCHGEFUEHRT


@pytest.mark.rule("R-28-1")
def test_ablehnung_nur_mit_begruendung_gespeichert(fall, personal_a, leitung_a):
    k = _beantragt(fall, personal_a)
    with reise(ANORDNUNG):
        with pytest.raises(ValidationError) as e:
            domain.leibesvisitation_entscheiden(kontrolle=k, anordnen=False, kommentar="  ", durch=leitung_a)
        assert e.value.message_dict["kommentar"] == [
            "R-0-4EYES-1: Für die Ablehnung eine Begründung angeben."
        ]
        g = Kontrolle.objects.get(pk=k.pk)
        assert (g.status, g.angeordnet_durch) == (Kontrollstatus.BEANTRAGT, None)
        domain.leibesvisitation_entscheiden(
            kontrolle=k, anordnen=False, kommentar=" Verdacht zu vage. ", durch=leitung_a
        )
    g = Kontrolle.objects.get(pk=k.pk)
    assert (g.status, g.angeordnet_durch, g.entscheid_kommentar) == (
        Kontrollstatus.ABGELEHNT,
        leitung_a,
        "Verdacht zu vage.",
    )


@pytest.mark.rule("R-28-1", grenze=True)
def test_durchfuehrung_ab_der_minute_der_anordnung_und_nur_einmal_grenze(fall, personal_a, leitung_a):
    k = _beantragt(fall, personal_a)
    with reise(ANORDNUNG):
        domain.leibesvisitation_entscheiden(kontrolle=k, anordnen=True, durch=leitung_a)
    minute = zeit(2026, 11, 3, 14, 10)
    with reise(ANORDNUNG + timedelta(minutes=30)):
        # Just outside: one second before the minute of the order.
        with pytest.raises(ValidationError) as e:
            _durchfuehren(k, minute - timedelta(seconds=1), personal_a)
        assert e.value.message_dict["zeitpunkt"] == [
            "§ 28 Abs. 2 JVG (R-28-1): Die Leibesvisitation kann nicht vor ihrer Anordnung (03.11.2026 14:10) "
            "liegen."
        ]
        assert Kontrolle.objects.get(pk=k.pk).status == Kontrollstatus.ANGEORDNET
        # Just inside: the minute of the order (entered without seconds).
        _durchfuehren(k, minute, personal_a)
        with pytest.raises(ValidationError) as e:
            _durchfuehren(k, minute + timedelta(minutes=5), personal_a)
        assert "(Status «Durchgeführt»)" in e.value.message_dict["status"][0]
    g = Kontrolle.objects.get(pk=k.pk)
    assert (g.status, g.zeitpunkt, g.durchgefuehrt_durch) == (
        Kontrollstatus.DURCHGEFUEHRT,
        minute,
        personal_a,
    )
