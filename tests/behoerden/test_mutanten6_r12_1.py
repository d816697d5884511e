"""Mutation tests (issue 25, session 8) of the § 12 delivery by a Strafbehörde (R-12-1).

They prove the checks the marked tests left open: an over-long Base64 document is refused by its length
before it is decoded (the bound for 10 bytes is 20 characters: 20 characters of garbage are judged as
Base64, 21 as too large), and the delivery itself is open only to an active agency of type a) – a
deactivated Strafbehörde and an active Sozialamt are refused in the domain function, nothing stored.
Messages compared in full; limits as literals.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from behoerden import domain
from behoerden.domain.zustellung import PersonDaten, Zustellung, ZustellungsDokument, urteil_zustellen
from behoerden.models import Behoerdentyp, Urteilszustellung
from kern.models import Aufgabe
from tests.behoerden.hilfen import AHV_GUELTIG, agentur_client, behoerde_anlegen, zustellung
from vollzug import domain as vollzug_services
from vollzug.models import Entscheid, Person, Vollzugsfall
from vollzug.recht import Entscheidart, Sanktionsart

pytestmark = pytest.mark.django_db

URL = "/api/v1/urteilszustellungen/"


def _bestand():
    return (
        Person.objects.count(),
        Vollzugsfall.objects.count(),
        Entscheid.objects.count(),
        Urteilszustellung.objects.count(),
        Aufgabe.objects.count(),
    )


@pytest.mark.rule("R-12-1", grenze=True)
def test_ueberlanges_base64_vor_dem_dekodieren_abgelehnt(admin_user, settings):
    settings.JVG_ZUSTELLUNG_DOKUMENT_MAX_BYTES = 10
    behoerde, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRAFBEHOERDE, name="Staatsanwaltschaft Luzern")
    sta = agentur_client(behoerde, zweck="urteilszustellung")

    def antwort_auf(inhalt: str):
        daten = zustellung()
        daten["dokumente"][0]["inhalt"] = inhalt
        return sta.post(URL, daten, format="json")

    # Just inside the length bound (10 // 3 + 1) * 4 + 4 = 20: decoded, and refused as garbage.
    antwort = antwort_auf("!" * 20)
    assert antwort.status_code == 400
    assert antwort.json()["dokumente[0].inhalt"] == ["Kein gültiges Base64 (RFC 4648)."]
    # Just outside: 21 characters are refused by their length, before any decoding.
    antwort = antwort_auf("!" * 21)
    assert antwort.status_code == 400
    assert antwort.json()["dokumente[0].inhalt"] == ["§ 12 JVG: Dokument grösser als 10 Bytes."]
    assert _bestand() == (0, 0, 0, 0, 0)


def _zustellung(referenz: str) -> Zustellung:
    return Zustellung(
        person=PersonDaten(
            amtlicher_name="Zustell",
            vorname="Zora",
            geschlecht="2",
            geburtsdatum=date(1988, 3, 14),
            ahv_nummer=AHV_GUELTIG,
        ),
        art=Entscheidart.STRAFBEFEHL,
        referenz=referenz,
        entscheid_datum=date(2026, 1, 10),
        rechtskraft_am=date(2026, 2, 1),
        sanktionen=[vollzug_services.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_monate=8)],
        dokumente=[ZustellungsDokument(titel="Strafbefehl", dateiname="sb.pdf", inhalt=b"%PDF-1.4 Urteil")],
    )


VERWEIGERT = "Keine Berechtigung: Entscheide zustellen (§ 12 JVG: nur Strafbehörden) (R-0-ROLE-1)."


@pytest.mark.rule("R-12-1")
def test_zustellung_nur_durch_aktive_strafbehoerde(admin_user):
    sta, _ = behoerde_anlegen(admin_user, Behoerdentyp.STRAFBEHOERDE, name="Staatsanwaltschaft Luzern")
    sozialamt, _ = behoerde_anlegen(
        admin_user, Behoerdentyp.SOZIALAMT, name="Sozialamt Kriens", gemeinde="Kriens"
    )
    sta = domain.behoerde_aktiv_setzen(behoerde=sta, aktiv=False, durch=admin_user)

    # A deactivated Strafbehörde and an active agency of another type: refused, nothing stored.
    for behoerde in (sta, sozialamt):
        with pytest.raises(PermissionDenied) as fehler:
            urteil_zustellen(
                behoerde=behoerde, zustellung=_zustellung("SA1 26 200"), sachbearbeitung="L. Ankläger"
            )
        assert str(fehler.value) == VERWEIGERT
    assert _bestand() == (0, 0, 0, 0, 0)

    # The same Strafbehörde active again: the delivery opens the case.
    sta = domain.behoerde_aktiv_setzen(behoerde=sta, aktiv=True, durch=admin_user)
    eintrag, neu = urteil_zustellen(
        behoerde=sta, zustellung=_zustellung("SA1 26 200"), sachbearbeitung="L. Ankläger"
    )
    assert neu is True
    assert (eintrag.referenz, eintrag.fall.entscheide.get().behoerde) == (
        "SA1 26 200",
        "Staatsanwaltschaft Luzern",
    )
    assert _bestand() == (1, 1, 1, 1, 1)
