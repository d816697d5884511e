"""Boundary tests (issue 25) of §§ 27, 29 and 30 JVG in the app `ueberwachung`: ED measures (R-27-1), their
disclosure to the police (R-27-2), phone recordings (R-29-1) and counsel calls (R-29-4), video zones (R-30-1) and the 100 days of video recordings (R-30-3). Just
inside (stored, read back), just outside (German message naming the §, nothing stored), bad input. Literals.
"""

import hashlib
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from ueberwachung import domain
from ueberwachung.models import (
    EDDatei,
    EDMassnahme,
    Inhaltszugriff,
    Telefonaufzeichnung,
    Vernichtungsprotokoll,
    Videoaufzeichnung,
    Videozone,
)
from ueberwachung.recht import Zugriffsart

from . import hilfen
from .hilfen import T0, WAV_KOPF, WEBM_KOPF, datei, filmen, zeit, zone_anlegen

# Fixtures of the shared helper module.
insasse, leitung_b, telefonanlage = hilfen.insasse, hilfen.leitung_b, hilfen.telefonanlage

pytestmark = pytest.mark.django_db


def _codes(exc_info) -> dict[str, list[str]]:
    return {feld: [f.code for f in fehler] for feld, fehler in exc_info.value.error_dict.items()}


# --- R-27-1: ED measures by the facility management, dated, with material ---------------------------


@pytest.mark.rule("R-27-1", grenze=True)
def test_ed_heute_ja_morgen_nein(insasse, leitung_a):
    with time_machine.travel(zeit(2026, 3, 10, 16), tick=False):
        with pytest.raises(ValidationError) as e:
            domain.ed_anordnen(
                person=insasse,
                art="fotografien",
                durchgefuehrt_am=date(2026, 3, 11),
                dateien=[datei("foto.png", b"png-1")],
                durch=leitung_a,
            )
        assert _codes(e) == {"durchgefuehrt_am": ["zukunft"]}
        assert e.value.message_dict["durchgefuehrt_am"] == ["R-0-BAD-1: Das Datum liegt in der Zukunft."]
        assert not EDMassnahme.objects.exists()

        m = domain.ed_anordnen(
            person=insasse,
            art="fotografien",
            durchgefuehrt_am=date(2026, 3, 10),
            dateien=[datei("foto.png", b"png-1")],
            durch=leitung_a,
        )
    g = EDMassnahme.objects.get(pk=m.pk)
    assert (g.art, g.durchgefuehrt_am, g.anstalt_id, g.angeordnet_durch_id) == (
        "fotografien",
        date(2026, 3, 10),
        leitung_a.anstalt_id,
        leitung_a.pk,
    )
    assert list(EDDatei.objects.filter(massnahme=g).values_list("groesse", flat=True)) == [5]


@pytest.mark.rule("R-27-1", grenze=True)
def test_ed_nur_leitung_der_eigenen_einrichtung(insasse, leitung_a, leitung_b, personal_a):
    # Just outside: the staff of the same facility and the management of another facility.
    for user in (personal_a, leitung_b):
        with pytest.raises(PermissionDenied) as e:
            domain.ed_anordnen(
                person=insasse,
                art="fotografien",
                durchgefuehrt_am=date(2026, 3, 1),
                dateien=[datei()],
                durch=user,
            )
        assert "nur Anstaltsleitung, § 27 Abs. 1 JVG" in str(e.value)
    assert not EDMassnahme.objects.exists()


@pytest.mark.rule("R-27-1", grenze=True)
def test_ed_fehleingaben(insasse, leitung_a):
    falsch = [
        ({"art": "dna"}, {"art": ["art_ungueltig"]}),
        ({"durchgefuehrt_am": "01.03.2026"}, {"durchgefuehrt_am": ["datum"]}),
        ({"dateien": []}, {"dateien": ["dateien_fehlen"]}),
        ({"dateien": [datei("leer.png", b"")]}, {"dateien": ["dateien_fehlen"]}),
    ]
    for kw, codes in falsch:
        daten = {"art": "fotografien", "durchgefuehrt_am": date(2026, 3, 1), "dateien": [datei()], **kw}
        with pytest.raises(ValidationError) as e:
            domain.ed_anordnen(person=insasse, **daten, durch=leitung_a)
        assert _codes(e) == codes
        assert all(m.startswith("§ 27 Abs. 1 JVG") for ms in e.value.message_dict.values() for m in ms)
    with pytest.raises(ValidationError) as e:
        domain.ed_anordnen(
            person="Muster",
            art="fotografien",
            durchgefuehrt_am=date(2026, 3, 1),
            dateien=[datei()],
            durch=leitung_a,
        )
    assert _codes(e) == {"person": ["person_unbekannt"]}
    assert not EDMassnahme.objects.exists() and not EDDatei.objects.exists()


# --- R-27-2: every disclosure to the police logged with recipient and purpose ------------------------


@pytest.mark.rule("R-27-2", grenze=True)
def test_weitergabe_mit_empfaenger_und_zweck_protokolliert(insasse, leitung_a, leitung_b):
    m = domain.ed_anordnen(
        person=insasse,
        art="fotografien",
        durchgefuehrt_am=date(2026, 3, 1),
        dateien=[datei()],
        durch=leitung_a,
    )
    for empfaenger, zweck, felder in (
        ("Luzerner Polizei", "  ", {"zweck"}),
        ("", "Fahndung", {"empfaenger"}),
    ):
        with pytest.raises(ValidationError) as e:
            domain.ed_weitergeben(massnahme=m, empfaenger=empfaenger, zweck=zweck, durch=leitung_a)
        assert set(e.value.message_dict) == felder
        assert all(ms[0].startswith("§ 27 Abs. 2 JVG") for ms in e.value.message_dict.values())
    with pytest.raises(PermissionDenied):
        domain.ed_weitergeben(massnahme=m, empfaenger="Luzerner Polizei", zweck="Fahndung", durch=leitung_b)
    assert not Inhaltszugriff.objects.filter(art=Zugriffsart.ED_WEITERGABE).exists()

    # Just inside: a recipient of 150 characters is kept whole; a longer one is cut at 150.
    with time_machine.travel(zeit(2026, 4, 2, 8, 30), tick=False):
        domain.ed_weitergeben(massnahme=m, empfaenger="P" * 150, zweck="Fahndung", durch=leitung_a)
        domain.ed_weitergeben(massnahme=m, empfaenger="Q" * 151, zweck="Fahndung", durch=leitung_a)
    zeilen = list(
        Inhaltszugriff.objects.filter(art=Zugriffsart.ED_WEITERGABE, objekt_id=m.pk)
        .order_by("pk")
        .values_list("empfaenger", "verdacht", "benutzer_id", "zeitpunkt")
    )
    assert zeilen == [
        ("P" * 150, "Fahndung", leitung_a.pk, zeit(2026, 4, 2, 8, 30)),
        ("Q" * 150, "Fahndung", leitung_a.pk, zeit(2026, 4, 2, 8, 30)),
    ]


# --- R-30-1: video zones, never the ordinary quarters --------------------------------------------------


@pytest.mark.rule("R-30-1", grenze=True)
def test_zone_hof_ja_zelle_nein_sicherheitszelle_nur_mit_grund(leitung_a, personal_a):
    falsch = [
        ({"raumart": "zelle"}, {"raumart": ["ordentliche_unterkunft"]}),
        ({"raumart": "sicherheitszelle"}, {"grund": ["grund_fehlt"], "begruendung": ["begruendung_fehlt"]}),
        (
            {"raumart": "sicherheitszelle", "grund": "gesundheitszustand", "begruendung": " "},
            {"begruendung": ["begruendung_fehlt"]},
        ),
        ({"raumart": "hof", "grund": "besondere_umstaende"}, {"grund": ["grund_unnoetig"]}),
        ({"raumart": "dach"}, {"raumart": ["raumart_ungueltig"]}),
        ({"raumart": "hof", "bezeichnung": "   "}, {"bezeichnung": ["bezeichnung_fehlt"]}),
    ]
    for kw, codes in falsch:
        with pytest.raises(ValidationError) as e:
            domain.videozone_festlegen(**{"bezeichnung": "Raum", **kw}, durch=leitung_a)
        assert _codes(e) == codes
        assert all("§ 30 Abs. 2" in ms[0] for ms in e.value.message_dict.values())
    with pytest.raises(PermissionDenied):
        domain.videozone_festlegen(bezeichnung="Spazierhof", raumart="hof", durch=personal_a)
    assert not Videozone.objects.exists()

    domain.videozone_festlegen(bezeichnung="Spazierhof", raumart="hof", durch=leitung_a)
    domain.videozone_festlegen(
        bezeichnung="Sicherheitszelle 1",
        raumart="sicherheitszelle",
        grund="gesundheitszustand",
        begruendung="Suizidgefahr",
        durch=leitung_a,
    )
    assert list(
        Videozone.objects.order_by("pk").values_list(
            "raumart", "grund", "begruendung", "anstalt_id", "festgelegt_durch_id"
        )
    ) == [
        ("hof", "", "", leitung_a.anstalt_id, leitung_a.pk),
        ("sicherheitszelle", "gesundheitszustand", "Suizidgefahr", leitung_a.anstalt_id, leitung_a.pk),
    ]


# --- R-30-3: a video recording older than 100 days is not stored ---------------------------------------


@pytest.mark.rule("R-30-3", grenze=True)
def test_video_hundert_tage_minus_eine_minute_ja_genau_hundert_nein(leitung_a):
    zone = zone_anlegen(leitung_a)
    # Now: Tue 09.06.2026 10:15. A recording begun on 01.03.2026 10:15 is due for deletion right now.
    with time_machine.travel(zeit(2026, 6, 9, 10, 15), tick=False):
        for beginn, codes in (
            (T0, {"beginn": ["zu_alt"]}),
            (T0.replace(tzinfo=None), {"beginn": ["zeitpunkt"], "ende": ["zeitpunkt"]}),
            (zeit(2026, 6, 9, 10, 30), {"beginn": ["zukunft"], "ende": ["zukunft"]}),
        ):
            with pytest.raises(ValidationError) as e:
                domain.videoaufzeichnung_erfassen(
                    zone=zone,
                    beginn=beginn,
                    ende=beginn + timedelta(minutes=10),
                    datei=datei("v.webm", WEBM_KOPF + b"clip"),
                    durch=leitung_a,
                )
            assert _codes(e) == codes
        with pytest.raises(ValidationError) as e:
            domain.videoaufzeichnung_erfassen(
                zone=zone,
                beginn=T0,
                ende=T0 + timedelta(minutes=10),
                datei=datei("v.webm", WEBM_KOPF + b"clip"),
                durch=leitung_a,
            )
        assert e.value.message_dict["beginn"] == [
            "§ 30 Abs. 5 JVG (R-30-3): Die Aufzeichnung ist älter als 100 Tage und darf nicht mehr gespeichert werden."
        ]
        assert not Videoaufzeichnung.objects.exists()

        beginn = T0 + timedelta(minutes=1)
        v = domain.videoaufzeichnung_erfassen(
            zone=zone,
            beginn=beginn,
            ende=beginn + timedelta(minutes=10),
            datei=datei("v.webm", WEBM_KOPF + b"clip"),
            durch=leitung_a,
        )
    g = Videoaufzeichnung.objects.get(pk=v.pk)
    assert (g.beginn, g.loeschung_faellig_am, g.eingegangen_durch_id) == (
        beginn,
        zeit(2026, 6, 9, 10, 16),
        leitung_a.pk,
    )


# --- R-29-1: a phone recording with person, number, start, end and file ----------------------------------


def _telefon(durch, person, beginn, ende, nummer="079 123 45 67", inhalt=WAV_KOPF + b"gespraech"):
    return domain.telefonaufzeichnung_erfassen(
        person=person, nummer=nummer, beginn=beginn, ende=ende, datei=datei("g.wav", inhalt), durch=durch
    )


@pytest.mark.rule("R-29-1", grenze=True)
def test_telefon_ende_gleich_beginn_ja_davor_nein(insasse, telefonanlage, leitung_b, personal_a):
    jetzt = zeit(2026, 3, 1, 10, 30)
    with time_machine.travel(jetzt, tick=False):
        falsch = [
            ({"ende": T0 - timedelta(seconds=1)}, {"ende": ["ende_vor_beginn"]}),
            ({"beginn": jetzt + timedelta(minutes=5, seconds=1)}, {"beginn": ["zukunft"]}),
            ({"nummer": "keine Nummer"}, {"nummer": ["nummer_ungueltig"]}),
            ({"inhalt": b""}, {"datei": ["datei_fehlt"]}),
            ({"beginn": T0.replace(tzinfo=None)}, {"beginn": ["zeitpunkt"]}),
        ]
        for kw, codes in falsch:
            werte = {"beginn": T0, "ende": T0, **kw}
            with pytest.raises(ValidationError) as e:
                _telefon(telefonanlage, insasse, **werte)
            assert _codes(e) == codes
        for user in (personal_a, leitung_b):
            with pytest.raises((PermissionDenied, ValidationError)):
                _telefon(user, insasse, T0, T0)
        assert not Telefonaufzeichnung.objects.exists()

        t = _telefon(telefonanlage, insasse, T0, T0)
    g = Telefonaufzeichnung.objects.get(pk=t.pk)
    assert (g.person_id, g.nummer, g.nummer_normalisiert, g.beginn, g.ende, g.eingegangen_durch_id) == (
        insasse.pk,
        "079 123 45 67",
        "0041791234567",
        T0,
        T0,
        telefonanlage.pk,
    )
    assert g.sha256 == hashlib.sha256(WAV_KOPF + b"gespraech").hexdigest()
    assert g.datei.storage.exists(g.datei.name)


# --- R-29-4: calls with the counsel are neither recorded nor listened to -----------------------------------


@pytest.mark.rule("R-29-4", grenze=True)
def test_rechtsbeistand_nummer_abgewiesen_eine_ziffer_daneben_gespeichert(
    insasse, sachbearbeitung, telefonanlage
):
    with time_machine.travel(T0 - timedelta(days=5), tick=False):
        domain.rechtsbeistand_erfassen(
            person=insasse, name="RA Muster", nummer="041 210 00 00", durch=sachbearbeitung
        )
        with pytest.raises(ValidationError) as e:
            domain.rechtsbeistand_erfassen(
                person=insasse, name="RA Muster", nummer="Kanzlei", durch=sachbearbeitung
            )
        assert "nummer" in e.value.message_dict
    with time_machine.travel(T0 + timedelta(minutes=20), tick=False):
        # Just outside: the counsel's number, written differently.
        with pytest.raises(ValidationError) as e:
            _telefon(
                telefonanlage,
                insasse,
                T0,
                T0 + timedelta(minutes=10),
                nummer="+41 41 210-00-00",
            )
        assert e.value.message_dict["nummer"][0].startswith(
            "§ 29 Abs. 4 JVG (R-29-4): Gespräch mit dem Rechtsbeistand – darf weder aufgezeichnet noch abgehört werden"
        )
        assert not Telefonaufzeichnung.objects.exists()
        protokoll = Vernichtungsprotokoll.objects.get()
        assert (protokoll.person_id, protokoll.vorgang) == (insasse.pk, "abgewiesen")

        # Just inside: one digit off is another number.
        t = _telefon(telefonanlage, insasse, T0, T0 + timedelta(minutes=10), nummer="041 210 00 01")
    assert Telefonaufzeichnung.objects.get().pk == t.pk


# --- R-30-2: evaluation only by the facility's management on a recorded suspicion --------------------------


@pytest.mark.rule("R-30-2", grenze=True)
def test_auswertung_nur_leitung_mit_verdacht(leitung_a, leitung_b, sachbearbeitung):
    zone = zone_anlegen(leitung_a)
    video = filmen(leitung_a, zone)
    for user in (leitung_b, sachbearbeitung):
        with pytest.raises(PermissionDenied) as e:
            domain.auswerten(video=video, verdachtsart="straftat", verdacht="Schlägerei", durch=user)
        assert "nur Anstaltsleitung, § 30 Abs. 3 JVG" in str(e.value)
    for kw, codes in (
        ({"verdachtsart": "neugier", "verdacht": "Schlägerei"}, {"verdachtsart": ["verdachtsart"]}),
        ({"verdachtsart": "", "verdacht": "Schlägerei"}, {"verdachtsart": ["verdachtsart"]}),
        ({"verdachtsart": "straftat", "verdacht": "   "}, {"verdacht": ["verdacht_fehlt"]}),
    ):
        with pytest.raises(ValidationError) as e:
            domain.auswerten(video=video, **kw, durch=leitung_a)
        assert _codes(e) == codes
        assert all(ms[0].startswith("§ 30 Abs. 3 JVG (R-30-2)") for ms in e.value.message_dict.values())
    assert not Inhaltszugriff.objects.filter(art=Zugriffsart.AUSWERTEN).exists()

    domain.auswerten(
        video=video, verdachtsart="disziplinarvergehen", verdacht="Schlägerei im Hof", durch=leitung_a
    )
    assert list(
        Inhaltszugriff.objects.filter(art=Zugriffsart.AUSWERTEN).values_list(
            "objekt_id", "verdachtsart", "verdacht", "benutzer_id"
        )
    ) == [(video.pk, "disziplinarvergehen", "Schlägerei im Hof", leitung_a.pk)]
