"""R-29-4 (§ 29 Abs. 4 JVG): the proofs that the mutation run (issue 25, session 7) showed missing.

- A counsel keeps the whole name up to 150 characters, and a number of exactly 40 characters (the most
  accepted) is stored whole, for the counsel and for a recorded call.
- The facility management may upload a call of a person of its own facility; a counsel call is refused
  for it as for the phone system, and a person of another facility does not exist for it.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from ueberwachung import domain
from ueberwachung.models import Rechtsbeistand, Telefonaufzeichnung, Vernichtungsprotokoll
from ueberwachung.recht import Rechtsgrundlage, Vorgang

from . import hilfen
from .hilfen import T0, aufnehmen, platzieren

pytestmark = pytest.mark.django_db

insasse, telefonanlage = hilfen.insasse, hilfen.telefonanlage

# 40 characters, the most a number may have (NUMMER_MAX); digits 041123 → 0041 41123.
NUMMER_40 = "041" + "-" * 34 + "123"


def _fehler(exc_info) -> dict[str, list[tuple[str, str]]]:
    return {f: [(e.code, e.message) for e in es] for f, es in exc_info.value.error_dict.items()}


@pytest.mark.rule("R-29-4", grenze=True)
def test_rechtsbeistand_name_bis_150_nummer_40_zeichen_ganz(insasse, sachbearbeitung):
    assert len(NUMMER_40) == 40

    beistand = domain.rechtsbeistand_erfassen(
        person=insasse, name="N" * 149 + "xyz", nummer=NUMMER_40, durch=sachbearbeitung
    )

    gespeichert = Rechtsbeistand.objects.get(pk=beistand.pk)
    assert gespeichert.name == "N" * 149 + "x"
    assert gespeichert.nummer == NUMMER_40
    assert gespeichert.nummer_normalisiert == "004141123"


@pytest.mark.rule("R-29-4", grenze=True)
def test_anruf_mit_40_zeichen_nummer_ganz_gespeichert_und_als_beistand_abgewiesen(
    telefonanlage, insasse, sachbearbeitung
):
    a = aufnehmen(telefonanlage, insasse, nummer=NUMMER_40)
    assert Telefonaufzeichnung.objects.get(pk=a.pk).nummer == NUMMER_40

    # Registered afterwards: the recorded call goes at once, a new one is refused.
    domain.rechtsbeistand_erfassen(person=insasse, name="RA Muster", nummer="041 123", durch=sachbearbeitung)
    assert not Telefonaufzeichnung.objects.exists()
    with pytest.raises(ValidationError) as exc:
        aufnehmen(telefonanlage, insasse, beginn=T0 + timedelta(hours=1), nummer=NUMMER_40)
    assert _fehler(exc)["nummer"][0][0] == "rechtsbeistand"


@pytest.mark.rule("R-29-4")
def test_leitung_laedt_anruf_eigener_person_hoch_beistand_abgewiesen(
    leitung_a, insasse, sachbearbeitung, anstalt_b
):
    a = aufnehmen(leitung_a, insasse)
    assert Telefonaufzeichnung.objects.get(pk=a.pk).eingegangen_durch == leitung_a

    domain.rechtsbeistand_erfassen(person=insasse, name="RA Muster", nummer="079 123 45 67", durch=leitung_a)
    assert not Telefonaufzeichnung.objects.exists()
    with pytest.raises(ValidationError) as exc:
        aufnehmen(leitung_a, insasse, beginn=T0 + timedelta(hours=1), nummer="+41 79 123 45 67")
    assert _fehler(exc) == {
        "nummer": [
            (
                "rechtsbeistand",
                "§ 29 Abs. 4 JVG (R-29-4): Gespräch mit dem Rechtsbeistand – darf weder aufgezeichnet noch "
                "abgehört werden; die Aufzeichnung wurde nicht gespeichert.",
            )
        ]
    }
    assert (
        Vernichtungsprotokoll.objects.filter(
            vorgang=Vorgang.ABGEWIESEN, rechtsgrundlage=Rechtsgrundlage.RECHTSBEISTAND_29_4
        ).count()
        == 1
    )

    fremd = platzieren(sachbearbeitung, anstalt_b).person
    with pytest.raises(ValidationError) as exc:
        aufnehmen(leitung_a, fremd, beginn=T0 + timedelta(hours=2))
    assert _fehler(exc) == {"person": [("person_unbekannt", "R-0-BAD-1: Unbekannte Person.")]}
    assert not Telefonaufzeichnung.objects.exists()
