"""R-0-4EYES-1 in the Verfügung lifecycle: the proofs that the mutation run (issue 25) showed missing.

A submitted Verfügung is no longer a draft: not even its drafter edits it (the approver must decide on
the text that was submitted).
"""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import fall_anlegen
from verfuegungen import domain
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Verfuegungsstatus, Verfuegungstyp

pytestmark = pytest.mark.django_db


def _daten(titel: str) -> domain.Entwurfsdaten:
    return domain.Entwurfsdaten(
        titel=titel,
        rechtsgrundlage="§ 17 Abs. 2 lit. d JVG",
        sachverhalt="Die Person ersucht um Versetzung in die Nähe ihrer Familie.",
        begruendung="Die Voraussetzungen sind erfüllt.",
        dispositiv="1. Die Person wird versetzt.",
    )


@pytest.mark.rule("R-0-4EYES-1")
def test_vorgelegte_verfuegung_kann_nicht_mehr_bearbeitet_werden(sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    v = domain.verfuegung_entwerfen(
        typ=Verfuegungstyp.VERSETZUNG_17,
        person=fall.person,
        fall=fall,
        anstalt=None,
        daten=_daten("Versetzung nach § 17"),
        durch=sachbearbeitung,
    )
    v = domain.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)

    with pytest.raises(ValidationError) as exc:
        domain.entwurf_bearbeiten(verfuegung=v, daten=_daten("Nachträglich geändert"), durch=sachbearbeitung)

    assert exc.value.message_dict["status"] == ["R-0-4EYES-1: Nur ein Entwurf kann bearbeitet werden."]
    gespeichert = Verfuegung.objects.get(pk=v.pk)
    assert (gespeichert.status, gespeichert.titel) == (
        Verfuegungsstatus.ZUR_GENEHMIGUNG,
        "Versetzung nach § 17",
    )


@pytest.mark.rule("R-0-4EYES-1", grenze=True)
def test_entscheid_der_einrichtung_nennt_die_einrichtung_deren_leitung_genehmigt(
    sachbearbeitung, personal_a, anstalt_a
):
    # A Disziplinarverfügung (§ 41) is approved by the facility's management: without the facility
    # nobody could be the second pair of eyes. Refused, nothing stored; with the facility it is drafted.
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with pytest.raises(ValidationError) as exc:
        domain.verfuegung_entwerfen(
            typ=Verfuegungstyp.DISZIPLINAR,
            person=fall.person,
            fall=fall,
            anstalt=None,
            daten=_daten("Disziplinarverfügung"),
            durch=personal_a,
        )
    assert exc.value.error_dict["anstalt"][0].code == "anstalt_fehlt"
    assert "nennt die Einrichtung, deren Leitung genehmigt" in exc.value.message_dict["anstalt"][0]
    assert not Verfuegung.objects.exists()

    v = domain.verfuegung_entwerfen(
        typ=Verfuegungstyp.DISZIPLINAR,
        person=fall.person,
        fall=fall,
        anstalt=anstalt_a,
        daten=_daten("Disziplinarverfügung"),
        durch=personal_a,
    )
    assert Verfuegung.objects.get().pk == v.pk and v.anstalt == anstalt_a


@pytest.mark.rule("R-0-4EYES-1")
def test_api_genehmigung_ohne_kommentar_wird_gespeichert(sachbearbeitung, sachbearbeitung2):
    # The comment is required only for a return or a rejection; the second person approves without one.
    from .test_api import api_als, url

    fall = fall_anlegen(durch=sachbearbeitung)
    v = domain.verfuegung_entwerfen(
        typ=Verfuegungstyp.VERSETZUNG_17,
        person=fall.person,
        fall=fall,
        anstalt=None,
        daten=_daten("Versetzung nach § 17"),
        durch=sachbearbeitung,
    )
    assert (
        api_als(sachbearbeitung).post(url(v, "vorlegen"), {"kommentar": ""}, format="json").status_code == 200
    )

    antwort = api_als(sachbearbeitung2).post(url(v, "genehmigen"), {"kommentar": ""}, format="json")

    assert antwort.status_code == 200, antwort.json()
    v.refresh_from_db()
    assert (v.status, v.genehmigt_durch) == (Verfuegungsstatus.GENEHMIGT, sachbearbeitung2)
    schritt = v.genehmigungsschritte.get(aktion="genehmigt")
    assert (schritt.durch, schritt.kommentar) == (sachbearbeitung2, "")
