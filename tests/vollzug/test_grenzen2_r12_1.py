"""§ 12 JVG (R-12-1): boundary of the intake of a judgment (legal force, decision date, sanctions).

Just inside: in force today, in force on the day of the decision → case stored with decision and sanction.
Just outside: in force tomorrow, in force the day before the decision → refused, nothing stored. Bad input:
no sanction, the same decision a second time.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import person_anlegen
from vollzug import domain
from vollzug.models import Entscheid, Sanktion, Vollzugsfall
from vollzug.recht import Entscheidart, Sanktionsart


def _entscheid(referenz: str, *, entscheid_datum, rechtskraft_am):
    return domain.EntscheidDaten(
        art=Entscheidart.URTEIL,
        behoerde="Kriminalgericht Luzern",
        referenz=referenz,
        entscheid_datum=entscheid_datum,
        rechtskraft_am=rechtskraft_am,
    )


def _sanktion():
    return domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_monate=8)


def _bestand():
    return (Vollzugsfall.objects.count(), Entscheid.objects.count(), Sanktion.objects.count())


@pytest.mark.rule("R-12-1", grenze=True)
def test_rechtskraft_heute_erfasst_morgen_abgelehnt_grenze(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    heute = timezone.localdate()

    # Just outside: legal force tomorrow → refused at the date, nothing stored.
    with pytest.raises(ValidationError) as fehler:
        domain.fall_erfassen(
            person=person,
            entscheid=_entscheid("KG 1", entscheid_datum=heute, rechtskraft_am=heute + timedelta(days=1)),
            sanktionen=[_sanktion()],
            durch=sachbearbeitung,
        )
    [meldung] = fehler.value.message_dict["rechtskraft_am"]
    assert meldung.startswith("§ 12 JVG") and "Rechtskraft liegt in der Zukunft" in meldung
    assert _bestand() == (0, 0, 0)

    # Just inside: in force today, decided today → stored with decision and sanction.
    fall = domain.fall_erfassen(
        person=person,
        entscheid=_entscheid("KG 1", entscheid_datum=heute, rechtskraft_am=heute),
        sanktionen=[_sanktion()],
        durch=sachbearbeitung,
    )
    ent = Entscheid.objects.get(fall=fall)
    assert (ent.referenz, ent.rechtskraft_am, ent.entscheid_datum) == ("KG 1", heute, heute)
    assert list(Sanktion.objects.filter(entscheid=ent).values_list("art", "dauer_monate")) == [
        (Sanktionsart.FREIHEITSSTRAFE, 8)
    ]
    assert fall.history.get().history_user == sachbearbeitung


@pytest.mark.rule("R-12-1", grenze=True)
def test_rechtskraft_am_entscheidtag_erfasst_tag_davor_abgelehnt_grenze(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    tag = timezone.localdate() - timedelta(days=30)

    with pytest.raises(ValidationError) as fehler:
        domain.fall_erfassen(
            person=person,
            entscheid=_entscheid("KG 2", entscheid_datum=tag, rechtskraft_am=tag - timedelta(days=1)),
            sanktionen=[_sanktion()],
            durch=sachbearbeitung,
        )
    assert fehler.value.message_dict["rechtskraft_am"] == [
        "Die Rechtskraft kann nicht vor dem Entscheiddatum eintreten."
    ]
    assert _bestand() == (0, 0, 0)

    fall = domain.fall_erfassen(
        person=person,
        entscheid=_entscheid("KG 2", entscheid_datum=tag, rechtskraft_am=tag),
        sanktionen=[_sanktion()],
        durch=sachbearbeitung,
    )
    assert Entscheid.objects.get(fall=fall).rechtskraft_am == tag


@pytest.mark.rule("R-12-1", grenze=True)
def test_ohne_sanktion_oder_doppelt_abgelehnt_grenze(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    tag = timezone.localdate() - timedelta(days=10)
    entscheid = _entscheid("KG 3", entscheid_datum=tag, rechtskraft_am=tag)

    with pytest.raises(ValidationError) as fehler:
        domain.fall_erfassen(person=person, entscheid=entscheid, sanktionen=[], durch=sachbearbeitung)
    assert fehler.value.message_dict["sanktionen"] == ["§ 12 JVG (R-12-1): Mindestens eine Sanktion angeben."]
    assert _bestand() == (0, 0, 0)

    fall = domain.fall_erfassen(
        person=person, entscheid=entscheid, sanktionen=[_sanktion()], durch=sachbearbeitung
    )
    with pytest.raises(ValidationError) as fehler:
        domain.fall_erfassen(
            person=person, entscheid=entscheid, sanktionen=[_sanktion()], durch=sachbearbeitung
        )
    [meldung] = fehler.value.message_dict["referenz"]
    assert meldung.startswith("§ 12 JVG") and fall.fallnummer in meldung
    assert _bestand() == (1, 1, 1)
