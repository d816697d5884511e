"""R-29-2 at the changes of summer time (issue 25: `kern/fristen.py:157` `fold=0 → 1` survived every test
marked R-29-2). The 100 days count on the Zurich wall clock; when they end in the repeated hour of the end
of summer time, the first (earlier) occurrence applies, and when they end in the skipped hour of its start,
the same moment as in winter time (02:30 → 03:30 summer time). Kept one minute before, deleted at it.
Also: the legal hold keeps reference and authority up to their field lengths (`beizug.py:58/59`), and the
API shows the deletion date read-only (`serializers.py:67`); a number of 40 characters, the most accepted,
is stored whole (`telefon.py:103`)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from drf_spectacular.generators import SchemaGenerator

from kern.fristen import TZ
from ueberwachung import domain, recht
from ueberwachung.models import Beizug, Telefonaufzeichnung, Vernichtungsprotokoll

from . import hilfen
from .hilfen import aufnehmen

insasse, telefonanlage = hilfen.insasse, hilfen.telefonanlage


def _laufen(jetzt):
    with time_machine.travel(jetzt, tick=False):
        return domain.aufzeichnungen_loeschen()


@pytest.mark.rule("R-29-2", grenze=True)
@pytest.mark.parametrize(
    ("beginn", "faellig_utc"),
    [
        # 17 July 2026 02:30 summer time + 100 days = 25 October 02:30, twice that night: the first one
        (datetime(2026, 7, 17, 2, 30, tzinfo=TZ), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        # 18 December 2026 02:30 + 100 days = 28 March 2027 02:30, which does not exist: 03:30 summer time
        (datetime(2026, 12, 18, 2, 30, tzinfo=TZ), datetime(2027, 3, 28, 1, 30, tzinfo=UTC)),
    ],
)
def test_hundert_tage_enden_in_der_stunde_der_zeitumstellung(telefonanlage, insasse, beginn, faellig_utc):
    # In UTC: an ambiguous local time never compares equal across zones (PEP 495).
    assert recht.loeschung_faellig_am(beginn).astimezone(UTC) == faellig_utc
    a = aufnehmen(telefonanlage, insasse, beginn=beginn)
    assert a.loeschung_faellig_am.astimezone(UTC) == faellig_utc

    assert _laufen(faellig_utc - timedelta(minutes=1)).anzahl_telefon == 0
    assert Telefonaufzeichnung.objects.filter(pk=a.pk).exists()
    assert _laufen(faellig_utc).anzahl_telefon == 1
    assert not Telefonaufzeichnung.objects.filter(pk=a.pk).exists()
    assert Vernichtungsprotokoll.objects.get(objekt_id=a.pk).vernichtet_am == faellig_utc


@pytest.mark.rule("R-29-2", grenze=True)
@pytest.mark.parametrize(
    ("referenz", "behoerde", "gespeichert"),
    [
        ("R" * 120, "B" * 150, ("R" * 120, "B" * 150)),  # the field lengths: kept whole
        ("R" * 121, "B" * 151, ("R" * 120, "B" * 150)),  # one more: cut to the field, never a database error
        ("  SA 2026/17  ", "  Staatsanwaltschaft Luzern ", ("SA 2026/17", "Staatsanwaltschaft Luzern")),
    ],
)
def test_beizug_speichert_referenz_und_behoerde_bis_zur_feldlaenge(
    telefonanlage, insasse, sachbearbeitung, referenz, behoerde, gespeichert
):
    a = aufnehmen(telefonanlage, insasse)
    domain.beizug_erfassen(
        aufzeichnung=a,
        verfahrensart="strafverfahren",
        referenz=referenz,
        behoerde=behoerde,
        durch=sachbearbeitung,
    )
    assert Beizug.objects.values_list("referenz", "behoerde").get(telefon=a) == gespeichert


@pytest.mark.rule("R-29-2")
def test_api_schema_loeschdatum_nur_lesbar():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    feld = schema["components"]["schemas"]["Telefonaufzeichnung"]["properties"]["loeschungFaelligAm"]
    assert (feld.get("readOnly"), feld.get("format")) == (True, "date-time")


@pytest.mark.rule("R-29-2", grenze=True)
def test_nummer_mit_40_zeichen_wird_ganz_gespeichert(telefonanlage, insasse):
    nummer = "079" + " " * 27 + "1234567890"  # 40 characters, the longest accepted (41 are refused)
    assert len(nummer) == 40
    a = aufnehmen(telefonanlage, insasse, nummer=nummer)
    assert Telefonaufzeichnung.objects.values_list("nummer", "nummer_normalisiert").get(pk=a.pk) == (
        nummer,
        "0041791234567890",
    )
