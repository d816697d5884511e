"""R-0-AUDIT-2 survivors in `behoerden/domain/auskunft.py` (issue 25, session 8): a disclosure to an agency
is recorded with the caller's address in both logs, the disclosure log and the person's read log; without
a request (the disclosure written by the system) the read is the agency's, without an address."""

import pytest

from behoerden import domain
from behoerden.models import Behoerdentyp, Bekanntgabe
from behoerden.recht import Endpunkt, freigabe
from kern.models import Kanal, Lesezugriff
from tests.behoerden.hilfen import AHV_GUELTIG, agentur_client, behoerde_anlegen, fall_mit_entscheid
from tests.factories import person_anlegen

pytestmark = [pytest.mark.django_db, pytest.mark.rule("R-0-AUDIT-2")]


def test_auskunft_ueber_die_api_mit_adresse_in_beiden_protokollen(admin_user, sachbearbeitung, anstalt_a):
    behoerde, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRAFBEHOERDE)
    person = person_anlegen(durch=sachbearbeitung, ahv_nummer=AHV_GUELTIG)
    fall_mit_entscheid(
        durch=sachbearbeitung, person=person, behoerde_name=behoerde.name, referenz="A-1", anstalt=anstalt_a
    )
    client = agentur_client(behoerde, sachbearbeitung="Erika Beispiel")

    antwort = client.get(f"/api/v1/auskunft/personen/{person.pk}/", REMOTE_ADDR="10.1.2.3")

    assert antwort.status_code == 200, antwort.content
    eintrag = Bekanntgabe.objects.get()
    assert (eintrag.person_id, eintrag.ip) == (person.pk, "10.1.2.3")
    lz = Lesezugriff.objects.get(person=person)
    assert (lz.benutzer, lz.kanal, lz.ip) == (behoerde.benutzer, Kanal.API, "10.1.2.3")
    assert "Erika Beispiel" in lz.zweck


def test_auskunft_ohne_anfrage_ist_ein_lesezugriff_der_behoerde_ohne_adresse(admin_user, sachbearbeitung):
    behoerde, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRAFBEHOERDE)
    person = person_anlegen(durch=sachbearbeitung)
    zweck, sachbearbeitung_name = domain.zweck_pruefen(
        behoerde=behoerde, endpunkt=Endpunkt.AUSKUNFT, zweck="strafverfahren", sachbearbeitung="M. Muster"
    )

    eintrag = domain.bekanntgabe_protokollieren(
        behoerde=behoerde,
        sachbearbeitung=sachbearbeitung_name,
        zweck=zweck,
        person=person,
        endpunkt="auskunft.retrieve",
        kategorien=freigabe(behoerde.typ).kategorien,
        request=None,
    )

    assert Bekanntgabe.objects.get().pk == eintrag.pk
    assert eintrag.ip is None
    lz = Lesezugriff.objects.get(person=person)
    assert (lz.benutzer, lz.ip) == (behoerde.benutzer, None)
    assert lz.zweck.startswith("strafverfahren: ")
