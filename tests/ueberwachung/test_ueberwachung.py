"""§§ 27, 29, 30 JVG: storage, counsel numbers, zones, holds and justified access (the domain functions)."""

import hashlib
from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from kern.fristen import TZ
from ueberwachung import domain, recht
from ueberwachung.models import (
    Beizug,
    EDMassnahme,
    Inhaltszugriff,
    Rechtsbeistand,
    Telefonaufzeichnung,
    Vernichtungsprotokoll,
    Videoaufzeichnung,
    Videozone,
)
from ueberwachung.recht import Objektart, Rechtsgrundlage, Vorgang, Zugriffsart

from . import hilfen
from .hilfen import (
    INHALT,
    T0,
    aufnehmen,
    datei,
    filmen,
    zeit,
    zone_anlegen,
)

# Fixtures of the shared helper module.
insasse, leitung_b, telefonanlage = hilfen.insasse, hilfen.leitung_b, hilfen.telefonanlage


def codes(exc: ValidationError) -> dict[str, list[str]]:
    return {feld: [f.code for f in fehler] for feld, fehler in exc.error_dict.items()}


# --- R-29-1: phone recordings stored with inmate, number, start/end, file ------------------------


@pytest.mark.rule("R-29-1")
def test_telefonaufzeichnung_mit_allen_angaben_und_hash(telefonanlage, insasse, anstalt_a):
    a = aufnehmen(telefonanlage, insasse)
    a.refresh_from_db()
    assert (a.person, a.anstalt, a.nummer, a.nummer_normalisiert) == (
        insasse,
        anstalt_a,
        "079 123 45 67",
        "0041791234567",
    )
    assert (a.beginn, a.ende) == (T0, T0 + timedelta(minutes=10))
    assert a.sha256 == hashlib.sha256(INHALT).hexdigest()
    assert a.groesse == len(INHALT)
    # Stored through the storage API under a random name: neither person nor number in the path.
    assert a.datei.storage.exists(a.datei.name)
    assert a.datei.name.startswith("ueberwachung/telefon/2026/") and "0791234567" not in a.datei.name
    with a.datei.open("rb") as f:
        assert f.read() == INHALT
    assert a.history.get().history_user == telefonanlage


@pytest.mark.rule("R-29-1", "R-0-BAD-1")
def test_telefonaufzeichnung_ungueltige_eingaben_mit_feldmeldung(telefonanlage, insasse):
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        with pytest.raises(ValidationError) as exc:
            domain.telefonaufzeichnung_erfassen(
                person=insasse,
                nummer="abc",
                beginn=T0,
                ende=T0 - timedelta(minutes=1),
                datei=datei(),
                durch=telefonanlage,
            )
        assert codes(exc.value) == {"ende": ["ende_vor_beginn"]}
        with pytest.raises(ValidationError) as exc:
            domain.telefonaufzeichnung_erfassen(
                person=insasse, nummer="abc", beginn=T0, ende=T0, datei=datei(), durch=telefonanlage
            )
        assert codes(exc.value) == {"nummer": ["nummer_ungueltig"]}
        assert "R-0-BAD-1" in exc.value.error_dict["nummer"][0].message
        with pytest.raises(ValidationError) as exc:
            domain.telefonaufzeichnung_erfassen(
                person=insasse,
                nummer="079 1",
                beginn=T0,
                ende=T0,
                datei=datei(inhalt=b""),
                durch=telefonanlage,
            )
        assert codes(exc.value) == {"datei": ["datei_fehlt"]}
    assert not Telefonaufzeichnung.objects.exists()


@pytest.mark.rule("R-29-2")
def test_telefonaufzeichnung_aelter_als_100_tage_wird_nicht_angenommen(telefonanlage, insasse):
    with time_machine.travel(zeit(2026, 6, 9, 10, 15), tick=False), pytest.raises(ValidationError) as exc:
        domain.telefonaufzeichnung_erfassen(
            person=insasse, nummer="0791234567", beginn=T0, ende=T0, datei=datei(), durch=telefonanlage
        )
    assert codes(exc.value) == {"beginn": ["zu_alt"]}


@pytest.mark.rule("R-29-1", "R-0-ROLE-1")
def test_nur_telefonanlage_und_anstaltsleitung_erfassen(
    insasse, personal_a, sachbearbeitung, revision, leitung_b
):
    for user in (personal_a, sachbearbeitung, revision):
        with pytest.raises(PermissionDenied):
            aufnehmen(user, insasse)
    # The management of another facility: the person does not exist for it.
    with pytest.raises(ValidationError) as exc:
        aufnehmen(leitung_b, insasse)
    assert codes(exc.value) == {"person": ["person_unbekannt"]}


# --- R-29-2: the due time -------------------------------------------------------------------------


@pytest.mark.rule("R-29-2")
def test_faelligkeit_100_tage_auf_der_zuercher_uhr():
    # The rulebook's example: made 10:15 on 1 March → due 10:15 on 9 June (across the change to summer time).
    assert recht.loeschung_faellig_am(T0) == zeit(2026, 6, 9, 10, 15)
    assert recht.loeschung_faellig_am(T0).tzinfo is not None


@pytest.mark.rule("R-29-2")
def test_aufzeichnung_speichert_faelligkeit(telefonanlage, insasse):
    a = aufnehmen(telefonanlage, insasse)
    assert a.loeschung_faellig_am == zeit(2026, 6, 9, 10, 15)


# --- R-29-4: counsel ----------------------------------------------------------------------------


@pytest.mark.rule("R-29-4")
def test_gespraech_mit_rechtsbeistand_wird_beim_eingang_abgewiesen(
    telefonanlage, insasse, sachbearbeitung, settings
):
    domain.rechtsbeistand_erfassen(
        person=insasse, name="RA Muster", nummer="+41 41 210 00 00", durch=sachbearbeitung
    )
    with pytest.raises(ValidationError) as exc:
        aufnehmen(telefonanlage, insasse, nummer="041 210 00 00")  # same number, national form
    assert codes(exc.value) == {"nummer": ["rechtsbeistand"]}
    assert "§ 29 Abs. 4 JVG (R-29-4)" in exc.value.error_dict["nummer"][0].message
    assert not Telefonaufzeichnung.objects.exists()
    # Nothing reached the storage.
    assert not (settings.MEDIA_ROOT / "ueberwachung").exists()
    # The refusal is logged, content-free: who and when, no number, no file.
    p = Vernichtungsprotokoll.objects.get()
    assert (p.vorgang, p.objektart, p.person, p.rechtsgrundlage, p.objekt_id, p.lauf, p.anzahl_dateien) == (
        Vorgang.ABGEWIESEN,
        Objektart.TELEFON,
        insasse,
        Rechtsgrundlage.RECHTSBEISTAND_29_4,
        None,
        None,
        0,
    )
    assert "210" not in str(Vernichtungsprotokoll.objects.values().get())


@pytest.mark.rule("R-29-4")
def test_spaeter_erfasster_rechtsbeistand_vernichtet_aufzeichnung_sofort(
    telefonanlage, insasse, sachbearbeitung
):
    andere = aufnehmen(telefonanlage, insasse, nummer="079 000 00 00")
    anwalt = aufnehmen(telefonanlage, insasse, nummer="0412100000")
    name = anwalt.datei.name
    storage = anwalt.datei.storage
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        domain.rechtsbeistand_erfassen(
            person=insasse, name="RA Muster", nummer="041 210 00 00", durch=sachbearbeitung
        )
    assert list(Telefonaufzeichnung.objects.values_list("pk", flat=True)) == [andere.pk]
    assert not storage.exists(name)
    assert not Telefonaufzeichnung.history.filter(id=anwalt.pk).exists()
    p = Vernichtungsprotokoll.objects.get()
    assert (p.vorgang, p.objekt_id, p.rechtsgrundlage, p.lauf.job, p.vernichtet_am) == (
        Vorgang.VERNICHTET,
        anwalt.pk,
        Rechtsgrundlage.RECHTSBEISTAND_29_4,
        "ueberwachung-rechtsbeistand",
        T0 + timedelta(days=1),
    )


@pytest.mark.rule("R-29-4", "R-0-BAD-1")
def test_rechtsbeistand_eingaben_und_rechte(insasse, sachbearbeitung, personal_a, leitung_a, leitung_b):
    with pytest.raises(ValidationError) as exc:
        domain.rechtsbeistand_erfassen(person=insasse, name="", nummer="x", durch=sachbearbeitung)
    assert codes(exc.value) == {"name": ["name_fehlt"], "nummer": ["nummer_ungueltig"]}
    domain.rechtsbeistand_erfassen(person=insasse, name="RA", nummer="041 210 00 00", durch=leitung_a)
    with pytest.raises(ValidationError) as exc:
        domain.rechtsbeistand_erfassen(
            person=insasse, name="RA", nummer="+41412100000", durch=sachbearbeitung
        )
    assert codes(exc.value) == {"nummer": ["doppelt"]}
    for user in (personal_a, leitung_b):
        with pytest.raises(PermissionDenied):
            domain.rechtsbeistand_erfassen(person=insasse, name="RA", nummer="041 1", durch=user)
    assert Rechtsbeistand.objects.count() == 1


def test_nummer_normalisieren():
    n = domain.nummer_normalisieren
    assert n("+41 41 210 00 00") == n("0041412100000") == n("041/210.00.00") == "0041412100000"
    assert n("+49 (30) 1234") == "0049301234"
    assert n("") == n("abc") == n("12a") == ""


# --- R-29-3: listening ----------------------------------------------------------------------------


@pytest.mark.rule("R-29-3")
def test_abhoeren_mit_lit_b_abgewiesen(telefonanlage, insasse, leitung_a):
    a = aufnehmen(telefonanlage, insasse)
    with pytest.raises(ValidationError) as exc:
        domain.abhoeren(aufzeichnung=a, tatbestand="b", referenz="Rapport 2026-17", durch=leitung_a)
    assert codes(exc.value) == {"tatbestand": ["tatbestand_nicht_erlaubt"]}
    assert "lit. a, c, g, h, i oder j – nicht lit. b" in exc.value.error_dict["tatbestand"][0].message
    for buchstabe in ("allgemein", "d", "e", "f", "k", "l", "", "z"):
        with pytest.raises(ValidationError):
            domain.abhoeren(aufzeichnung=a, tatbestand=buchstabe, referenz="x", durch=leitung_a)
    assert not Inhaltszugriff.objects.exists()


@pytest.mark.rule("R-29-3")
@pytest.mark.parametrize("buchstabe", ["a", "c", "g", "h", "i", "j"])
def test_abhoeren_mit_erlaubtem_buchstaben_wird_protokolliert(telefonanlage, insasse, leitung_a, buchstabe):
    a = aufnehmen(telefonanlage, insasse)
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        z = domain.abhoeren(aufzeichnung=a, tatbestand=buchstabe, referenz="Rapport 2026-17", durch=leitung_a)
    z.refresh_from_db()
    assert (
        z.art,
        z.objektart,
        z.objekt_id,
        z.benutzer,
        z.person,
        z.tatbestand,
        z.verfahren_referenz,
        z.verdacht,
        z.zeitpunkt,
    ) == (
        Zugriffsart.ABHOEREN,
        Objektart.TELEFON,
        a.pk,
        leitung_a,
        insasse,
        buchstabe,
        "Rapport 2026-17",
        "",
        T0 + timedelta(days=2),
    )


@pytest.mark.rule("R-29-3", "R-0-ROLE-1")
def test_abhoeren_nur_durch_leitung_der_einrichtung(
    telefonanlage, insasse, personal_a, sachbearbeitung, revision, medizin, partner, leitung_b, admin_user
):
    a = aufnehmen(telefonanlage, insasse)
    for user in (
        personal_a,
        sachbearbeitung,
        revision,
        medizin,
        partner,
        leitung_b,
        admin_user,
        telefonanlage,
    ):
        with pytest.raises(PermissionDenied):
            domain.abhoeren(aufzeichnung=a, tatbestand="c", referenz="x", durch=user)
    assert not Inhaltszugriff.objects.exists()


@pytest.mark.rule("R-29-3")
def test_abhoeren_ohne_verdacht_und_db_schutz(telefonanlage, insasse, leitung_a):
    a = aufnehmen(telefonanlage, insasse)
    with pytest.raises(ValidationError) as exc:
        domain.abhoeren(aufzeichnung=a, tatbestand="c", referenz="  ", durch=leitung_a)
    assert codes(exc.value) == {"referenz": ["referenz"]}
    # The database refuses a listening log with a letter § 29 Abs. 3 does not allow.
    with pytest.raises(IntegrityError), transaction.atomic():
        Inhaltszugriff.objects.create(
            benutzer=leitung_a, art=Zugriffsart.ABHOEREN, objektart="telefon", objekt_id=a.pk, tatbestand="b"
        )


@pytest.mark.rule("R-29-3")
def test_abhoeren_bezug_statt_verdachtstext_grenzen(telefonanlage, insasse, leitung_a):
    """Issue 23 point 7: the log keeps the letter and a one-line reference (≤ 120), never a free text."""
    a = aufnehmen(telefonanlage, insasse)
    z = domain.abhoeren(aufzeichnung=a, tatbestand="c", referenz="R" * 120, durch=leitung_a)
    assert (z.verfahren_referenz, z.verdacht) == ("R" * 120, "")
    for falsch in ("R" * 121, "Rapport 17\nEr sagte am Telefon, er bringe Drogen", "", None, 17):
        with pytest.raises(ValidationError) as exc:
            domain.abhoeren(aufzeichnung=a, tatbestand="c", referenz=falsch, durch=leitung_a)
        assert codes(exc.value) == {"referenz": ["referenz"]}
        assert "§ 29 Abs. 3 JVG" in exc.value.error_dict["referenz"][0].message
    assert Inhaltszugriff.objects.count() == 1


# --- R-30-1: zones ----------------------------------------------------------------------------------


@pytest.mark.rule("R-30-1")
def test_ordentliche_unterkunft_nie_als_zone(leitung_a):
    with pytest.raises(ValidationError) as exc:
        domain.videozone_festlegen(bezeichnung="Zelle 12", raumart="zelle", durch=leitung_a)
    assert codes(exc.value) == {"raumart": ["ordentliche_unterkunft"]}
    assert "§ 30 Abs. 2 lit. a JVG (R-30-1)" in exc.value.error_dict["raumart"][0].message
    with pytest.raises(IntegrityError), transaction.atomic():
        Videozone.objects.create(
            anstalt=leitung_a.anstalt, bezeichnung="Zelle", raumart="zelle", festgelegt_durch=leitung_a
        )


@pytest.mark.rule("R-30-1")
def test_spezialzelle_nur_mit_grund(leitung_a):
    with pytest.raises(ValidationError) as exc:
        domain.videozone_festlegen(bezeichnung="Arrest 1", raumart="disziplinarzelle", durch=leitung_a)
    assert codes(exc.value) == {"grund": ["grund_fehlt"], "begruendung": ["begruendung_fehlt"]}
    zone = domain.videozone_festlegen(
        bezeichnung="Sicherheitszelle 2",
        raumart="sicherheitszelle",
        grund="gesundheitszustand",
        begruendung="Akute Suizidgefahr (ärztliche Empfehlung)",
        durch=leitung_a,
    )
    assert (zone.anstalt, zone.grund) == (leitung_a.anstalt, "gesundheitszustand")
    with pytest.raises(IntegrityError), transaction.atomic():
        Videozone.objects.create(
            anstalt=leitung_a.anstalt, bezeichnung="X", raumart="sicherheitszelle", festgelegt_durch=leitung_a
        )


@pytest.mark.rule("R-30-1", "R-0-ROLE-1")
def test_andere_flaechen_erlaubt_nur_durch_leitung(leitung_a, personal_a, sachbearbeitung):
    for raumart in ("korridor", "hof", "besuchsraum", "eingang", "werkstatt", "andere"):
        domain.videozone_festlegen(bezeichnung=f"Zone {raumart}", raumart=raumart, durch=leitung_a)
    with pytest.raises(ValidationError) as exc:
        domain.videozone_festlegen(
            bezeichnung="Hof", raumart="hof", grund="gesundheitszustand", durch=leitung_a
        )
    assert codes(exc.value) == {"grund": ["grund_unnoetig"]}
    for user in (personal_a, sachbearbeitung):
        with pytest.raises(PermissionDenied):
            domain.videozone_festlegen(bezeichnung="Hof", raumart="hof", durch=user)
    assert Videozone.objects.count() == 6


@pytest.mark.rule("R-30-1", "R-30-3")
def test_video_nur_in_festgelegter_zone_der_eigenen_einrichtung(leitung_a, leitung_b):
    zone = zone_anlegen(leitung_a, am=T0 + timedelta(hours=1))
    with pytest.raises(ValidationError) as exc:
        filmen(leitung_a, zone)  # recorded before the zone was defined
    assert codes(exc.value) == {"zone": ["zone_nicht_in_kraft"]}
    with pytest.raises(PermissionDenied):
        filmen(leitung_b, zone, beginn=T0 + timedelta(hours=2))
    v = filmen(leitung_a, zone, beginn=T0 + timedelta(hours=2))
    assert (v.zone, v.anstalt, v.loeschung_faellig_am) == (zone, leitung_a.anstalt, zeit(2026, 6, 9, 12, 15))


# --- R-30-2: evaluation and disclosure --------------------------------------------------------------


@pytest.mark.rule("R-30-2")
def test_auswertung_nur_mit_verdacht_und_durch_leitung(leitung_a, personal_a, sachbearbeitung, revision):
    v = filmen(leitung_a, zone_anlegen(leitung_a))
    with pytest.raises(ValidationError) as exc:
        domain.auswerten(video=v, verdachtsart="neugier", verdacht="", durch=leitung_a)
    assert codes(exc.value) == {"verdachtsart": ["verdachtsart"], "verdacht": ["verdacht_fehlt"]}
    for user in (personal_a, sachbearbeitung, revision):
        with pytest.raises(PermissionDenied):
            domain.auswerten(video=v, verdachtsart="straftat", verdacht="Schlägerei im Hof", durch=user)
    z = domain.auswerten(video=v, verdachtsart="straftat", verdacht="Schlägerei im Hof", durch=leitung_a)
    assert (z.art, z.objekt_id, z.verdachtsart) == (Zugriffsart.AUSWERTEN, v.pk, "straftat")


@pytest.mark.rule("R-30-2")
def test_einsicht_anderer_behoerden_nur_im_verfahren(leitung_a, sachbearbeitung):
    v = filmen(leitung_a, zone_anlegen(leitung_a))
    with pytest.raises(ValidationError) as exc:
        domain.einsicht_gewaehren(
            aufzeichnung=v, beizug=None, empfaenger="Staatsanwaltschaft", durch=leitung_a
        )
    assert codes(exc.value) == {"beizug": ["kein_verfahren"]}
    b = domain.beizug_erfassen(
        aufzeichnung=v,
        verfahrensart="strafverfahren",
        referenz="ST 1",
        behoerde="StA Luzern",
        durch=sachbearbeitung,
    )
    with pytest.raises(PermissionDenied):  # the authority records the hold; the facility hands over
        domain.einsicht_gewaehren(aufzeichnung=v, beizug=b, empfaenger="StA Luzern", durch=sachbearbeitung)
    z = domain.einsicht_gewaehren(aufzeichnung=v, beizug=b, empfaenger="StA Luzern", durch=leitung_a)
    assert (z.art, z.empfaenger, z.verfahrensart, z.verfahren_referenz) == (
        Zugriffsart.EINSICHT_BEHOERDE,
        "StA Luzern",
        "strafverfahren",
        "ST 1",
    )
    domain.beizug_aufheben(beizug=b, grund="Verfahren eingestellt", durch=sachbearbeitung)
    with pytest.raises(ValidationError):
        domain.einsicht_gewaehren(aufzeichnung=v, beizug=b, empfaenger="StA Luzern", durch=leitung_a)


@pytest.mark.rule("R-30-3")
def test_abschluss_der_auswertung_macht_sofort_faellig(leitung_a):
    v = filmen(leitung_a, zone_anlegen(leitung_a))
    with pytest.raises(ValidationError) as exc:
        domain.auswertung_abschliessen(video=v, durch=leitung_a)
    assert codes(exc.value) == {"video": ["keine_auswertung"]}
    domain.auswerten(video=v, verdachtsart="disziplinarvergehen", verdacht="Tätlichkeit", durch=leitung_a)
    with time_machine.travel(T0 + timedelta(days=3), tick=False):
        domain.auswertung_abschliessen(video=v, durch=leitung_a)
    v.refresh_from_db()
    assert v.auswertung_abgeschlossen_am == v.loeschung_faellig_am == T0 + timedelta(days=3)


# --- Holds ------------------------------------------------------------------------------------------


@pytest.mark.rule("R-29-2", "R-0-BAD-1")
def test_beizug_eingaben_und_rechte(
    telefonanlage, insasse, leitung_a, leitung_b, personal_a, revision, sachbearbeitung
):
    a = aufnehmen(telefonanlage, insasse)
    with pytest.raises(ValidationError) as exc:
        domain.beizug_erfassen(
            aufzeichnung=a, verfahrensart="privat", referenz="", behoerde="", durch=leitung_a
        )
    assert codes(exc.value) == {
        "verfahrensart": ["verfahrensart"],
        "referenz": ["referenz_fehlt"],
        "behoerde": ["behoerde_fehlt"],
    }
    for user in (leitung_b, personal_a, revision):
        with pytest.raises(PermissionDenied):
            domain.beizug_erfassen(
                aufzeichnung=a,
                verfahrensart="zivilverfahren",
                referenz="Z1",
                behoerde="Bezirksgericht",
                durch=user,
            )
    b = domain.beizug_erfassen(
        aufzeichnung=a, verfahrensart="verwaltungsverfahren", referenz="V 7", behoerde="JSD", durch=leitung_a
    )
    with pytest.raises(ValidationError) as exc:
        domain.beizug_aufheben(beizug=b, grund="", durch=sachbearbeitung)
    assert codes(exc.value) == {"grund": ["grund_fehlt"]}
    domain.beizug_aufheben(beizug=b, grund="Verfahren abgeschlossen", durch=sachbearbeitung)
    b.refresh_from_db()
    assert (b.aktiv, b.aufgehoben_durch) == (False, sachbearbeitung)
    assert Beizug.history.filter(id=b.pk).count() == 2


# --- R-27-1 / R-27-2: ED ------------------------------------------------------------------------------


@pytest.mark.rule("R-27-1")
def test_ed_massnahme_durch_leitung_mit_dateien(insasse, leitung_a):
    with time_machine.travel(T0, tick=False):
        m = domain.ed_anordnen(
            person=insasse,
            art="fingerabdruecke",
            durchgefuehrt_am=date(2026, 3, 1),
            dateien=[datei("finger.png", b"png-1"), datei("finger2.png", b"png-2")],
            durch=leitung_a,
        )
    assert (m.art, m.durchgefuehrt_am, m.anstalt, m.angeordnet_durch) == (
        "fingerabdruecke",
        date(2026, 3, 1),
        leitung_a.anstalt,
        leitung_a,
    )
    assert [d.sha256 for d in m.dateien.all()] == [
        hashlib.sha256(b"png-1").hexdigest(),
        hashlib.sha256(b"png-2").hexdigest(),
    ]
    assert all(d.datei.storage.exists(d.datei.name) for d in m.dateien.all())


@pytest.mark.rule("R-27-1", "R-0-ROLE-1", "R-0-BAD-1")
def test_ed_nur_durch_leitung_und_gueltig(insasse, leitung_a, leitung_b, personal_a, sachbearbeitung):
    for user in (personal_a, sachbearbeitung, leitung_b):
        with pytest.raises(PermissionDenied):
            domain.ed_anordnen(
                person=insasse,
                art="fotografien",
                durchgefuehrt_am=date(2026, 3, 1),
                dateien=[datei()],
                durch=user,
            )
    with pytest.raises(ValidationError) as exc:
        domain.ed_anordnen(
            person=insasse, art="dna", durchgefuehrt_am=date(2099, 1, 1), dateien=[], durch=leitung_a
        )
    assert codes(exc.value) == {
        "art": ["art_ungueltig"],
        "durchgefuehrt_am": ["zukunft"],
        "dateien": ["dateien_fehlen"],
    }
    assert not EDMassnahme.objects.exists()


@pytest.mark.rule("R-27-2")
def test_weitergabe_an_polizei_protokolliert(insasse, leitung_a, sachbearbeitung):
    m = domain.ed_anordnen(
        person=insasse,
        art="fotografien",
        durchgefuehrt_am=date(2026, 3, 1),
        dateien=[datei()],
        durch=leitung_a,
    )
    with pytest.raises(ValidationError) as exc:
        domain.ed_weitergeben(massnahme=m, empfaenger="", zweck="", durch=leitung_a)
    assert codes(exc.value) == {"empfaenger": ["empfaenger_fehlt"], "zweck": ["zweck_fehlt"]}
    with pytest.raises(PermissionDenied):
        domain.ed_weitergeben(
            massnahme=m, empfaenger="Luzerner Polizei", zweck="Fahndung", durch=sachbearbeitung
        )
    with time_machine.travel(zeit(2026, 4, 2, 8, 30), tick=False):
        z = domain.ed_weitergeben(
            massnahme=m,
            empfaenger="Luzerner Polizei, Fahndung",
            zweck="Fahndung nach Flucht",
            durch=leitung_a,
        )
    z.refresh_from_db()
    assert (z.art, z.empfaenger, z.verdacht, z.zeitpunkt, z.person, z.objekt_id) == (
        Zugriffsart.ED_WEITERGABE,
        "Luzerner Polizei, Fahndung",
        "Fahndung nach Flucht",
        zeit(2026, 4, 2, 8, 30),
        insasse,
        m.pk,
    )


# --- Access rows stream content only for the entitled, for a while ---------------------------------


@pytest.mark.rule("R-29-3")
def test_zugriff_gilt_nur_fuer_den_berechtigten_und_befristet(
    telefonanlage, insasse, leitung_a, sachbearbeitung
):
    a = aufnehmen(telefonanlage, insasse)
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        z = domain.abhoeren(aufzeichnung=a, tatbestand="g", referenz="Rapport 2026-17", durch=leitung_a)
        assert domain.zugriff_fuer_inhalt(zugriff_id=z.pk, user=leitung_a) == (z, a)
        assert domain.zugriff_fuer_inhalt(zugriff_id=z.pk, user=sachbearbeitung) == (None, None)
    with time_machine.travel(
        T0 + timedelta(days=1) + recht.ZUGRIFF_GUELTIG + timedelta(seconds=1), tick=False
    ):
        assert domain.zugriff_fuer_inhalt(zugriff_id=z.pk, user=leitung_a) == (None, None)


def test_videoaufzeichnung_person_optional(leitung_a, insasse):
    v = filmen(leitung_a, zone_anlegen(leitung_a), person=insasse)
    assert Videoaufzeichnung.objects.get().person == insasse == v.person
    assert v.beginn.astimezone(TZ).hour == 10
