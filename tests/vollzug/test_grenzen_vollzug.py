"""Boundary tests (issue 25) of section 1 of the rulebook in the app `vollzug`: sanction kinds (§ 1, § 16),
facilities (§§ 5, 6) and the definitive release (§ 27 Abs. 3). Each: just inside (stored, read back), just
outside (German message naming the §, nothing stored), bad input. Limits are literals.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kern.models import Lesezugriff
from tests.factories import api_token, fall_anlegen, person_anlegen
from vollzug import domain
from vollzug.models import Anstalt, Platzierung, Sanktion, Vollzugsfall, Vollzugsplanversion
from vollzug.recht import Entscheidart, Fallstatus, Platzierungsart, Sanktionsart, Traegerschaft, Vollzugsform

pytestmark = pytest.mark.django_db


def _entscheid(referenz: str) -> domain.EntscheidDaten:
    return domain.EntscheidDaten(
        art=Entscheidart.URTEIL,
        behoerde="Kriminalgericht Luzern",
        referenz=referenz,
        entscheid_datum=date(2026, 1, 5),
        rechtskraft_am=date(2026, 2, 10),
    )


def _erfassen(durch, person, referenz, *sanktionen):
    return domain.fall_erfassen(
        person=person, entscheid=_entscheid(referenz), sanktionen=list(sanktionen), durch=durch
    )


def _gespeichert(person) -> tuple[int, int]:
    return Vollzugsfall.objects.filter(person=person).count(), Sanktion.objects.filter(
        entscheid__fall__person=person
    ).count()


# --- R-1-1: sanction kinds of § 1 and what each needs -----------------------------------------------


@pytest.mark.rule("R-1-1", grenze=True)
def test_freiheitsstrafe_ein_tag_ja_ohne_dauer_nein(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as e:
        _erfassen(sachbearbeitung, person, "KG 1", domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE))
    assert e.value.message_dict["sanktionen[0].dauer_tage"] == [
        "§ 1 JVG (R-1-1): Eine Freiheitsstrafe braucht eine Dauer (Jahre, Monate oder Tage)."
    ]
    assert _gespeichert(person) == (0, 0)

    fall = _erfassen(
        sachbearbeitung, person, "KG 1", domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_tage=1)
    )
    s = Sanktion.objects.get(entscheid__fall=fall)
    assert (s.art, s.dauer_jahre, s.dauer_monate, s.dauer_tage) == (Sanktionsart.FREIHEITSSTRAFE, 0, 0, 1)
    assert s.history.get().history_user_id == sachbearbeitung.pk


@pytest.mark.rule("R-1-1", grenze=True)
def test_monate_elf_ja_zwoelf_nein(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as e:
        _erfassen(
            sachbearbeitung,
            person,
            "KG 2",
            domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_monate=12),
        )
    assert "höchstens 11" in e.value.message_dict["sanktionen[0].dauer_monate"][0]
    assert _gespeichert(person) == (0, 0)
    fall = _erfassen(
        sachbearbeitung,
        person,
        "KG 2",
        domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_monate=11),
    )
    assert Sanktion.objects.get(entscheid__fall=fall).dauer_monate == 11


@pytest.mark.rule("R-1-1", grenze=True)
def test_gemeinnuetzige_arbeit_eine_stunde_ja_null_nein(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as e:
        _erfassen(
            sachbearbeitung, person, "KG 3", domain.SanktionDaten(art=Sanktionsart.GEMEINNUETZIGE_ARBEIT)
        )
    assert e.value.message_dict["sanktionen[0].stunden"] == [
        "§ 1 Abs. 1 lit. b JVG (R-1-1): Gemeinnützige Arbeit braucht die Anzahl Stunden."
    ]
    assert _gespeichert(person) == (0, 0)
    fall = _erfassen(
        sachbearbeitung,
        person,
        "KG 3",
        domain.SanktionDaten(art=Sanktionsart.GEMEINNUETZIGE_ARBEIT, stunden=1),
    )
    assert Sanktion.objects.filter(entscheid__fall=fall).values_list("art", "stunden").get() == (
        Sanktionsart.GEMEINNUETZIGE_ARBEIT,
        1,
    )


@pytest.mark.rule("R-1-1", grenze=True)
def test_vollzugsform_nur_fuer_freiheits_und_ersatzfreiheitsstrafen(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    # Just outside: a measure (Art. 59 StGB) in Halbgefangenschaft; bad input: unknown kind.
    with pytest.raises(ValidationError) as e:
        _erfassen(
            sachbearbeitung,
            person,
            "KG 4",
            domain.SanktionDaten(
                art=Sanktionsart.STATIONAERE_MASSNAHME, vollzugsform=Vollzugsform.HALBGEFANGENSCHAFT
            ),
        )
    assert e.value.message_dict["sanktionen[0].vollzugsform"][0].startswith(
        "§ 16 JVG (R-1-1): Eine besondere"
    )
    with pytest.raises(ValidationError) as e:
        _erfassen(sachbearbeitung, person, "KG 4", domain.SanktionDaten(art="busse", dauer_tage=3))
    assert e.value.message_dict["sanktionen[0].art"] == ["Unbekannte Sanktionsart (§ 1 JVG, R-1-1)."]
    assert _gespeichert(person) == (0, 0)

    # Just inside: an Ersatzfreiheitsstrafe in Halbgefangenschaft.
    fall = _erfassen(
        sachbearbeitung,
        person,
        "KG 4",
        domain.SanktionDaten(
            art=Sanktionsart.ERSATZFREIHEITSSTRAFE,
            vollzugsform=Vollzugsform.HALBGEFANGENSCHAFT,
            dauer_tage=10,
        ),
    )
    assert Sanktion.objects.filter(entscheid__fall=fall).values_list("art", "vollzugsform").get() == (
        Sanktionsart.ERSATZFREIHEITSSTRAFE,
        Vollzugsform.HALBGEFANGENSCHAFT,
    )


# --- R-5-1: a private licence may delegate disciplinary powers, a cantonal facility not ----------------


@pytest.mark.rule("R-5-1", grenze=True)
def test_delegation_nur_bei_privater_traegerschaft(db):
    privat = Anstalt.objects.create(
        name="Massnahmenzentrum",
        kurzname="MZ",
        ort="Luzern",
        traegerschaft=Traegerschaft.PRIVAT,
        disziplinarbefugnis_delegiert=True,
    )
    assert Anstalt.objects.filter(pk=privat.pk).values_list(
        "traegerschaft", "disziplinarbefugnis_delegiert"
    ).get() == (
        Traegerschaft.PRIVAT,
        True,
    )
    kantonal = Anstalt(
        name="JVA Grosshof",
        kurzname="Grosshof",
        ort="Kriens",
        traegerschaft=Traegerschaft.KANTONAL,
        disziplinarbefugnis_delegiert=True,
    )
    with pytest.raises(ValidationError) as e:
        kantonal.full_clean()
    # Plain German naming the §, never the constraint's internal name.
    assert e.value.messages == [
        "§ 6 Abs. 1 JVG: Das Disziplinarrecht kann nur einer privat geführten Einrichtung übertragen werden."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        kantonal.save()
    unbekannt = Anstalt(name="X", kurzname="X", ort="Y", traegerschaft="gemeinde")
    with pytest.raises(ValidationError) as e:
        unbekannt.full_clean()
    assert "traegerschaft" in e.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        unbekannt.save()
    assert list(Anstalt.objects.values_list("kurzname", flat=True)) == ["MZ"]


# --- R-1-ENTL-1: the definitive release, never before the start of execution -----------------------------


@pytest.mark.rule("R-1-ENTL-1", grenze=True)
def test_entlassung_am_vollzugsbeginn_ja_eine_sekunde_davor_nein(sachbearbeitung, anstalt_a):
    beginn = (timezone.now() - timedelta(days=3)).replace(microsecond=0)
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=beginn)
    assert fall.vollzugsbeginn == beginn
    historie = fall.history.count()

    with pytest.raises(ValidationError) as e:
        domain.entlassen(fall=fall, am=beginn - timedelta(seconds=1), durch=sachbearbeitung)
    assert e.value.message_dict["entlassung_am"][0].startswith(
        "R-1-ENTL-1: Die Entlassung kann nicht vor dem Vollzugsbeginn"
    )
    gespeichert = Vollzugsfall.objects.get(pk=fall.pk)
    assert (gespeichert.status, gespeichert.entlassung_am, gespeichert.history.count()) == (
        Fallstatus.IM_VOLLZUG,
        None,
        historie,
    )
    assert gespeichert.platzierungen.get().bis is None

    domain.entlassen(fall=fall, am=beginn, bemerkung="Strafende", durch=sachbearbeitung)
    gespeichert = Vollzugsfall.objects.get(pk=fall.pk)
    assert (gespeichert.status, gespeichert.entlassung_am) == (Fallstatus.ENTLASSEN, beginn)
    assert gespeichert.platzierungen.get().bis == beginn
    assert gespeichert.history.latest("history_id").history_user_id == sachbearbeitung.pk


@pytest.mark.rule("R-1-ENTL-1", grenze=True)
def test_entlassung_fehleingaben_und_ohne_einweisung(sachbearbeitung, anstalt_a):
    ohne = fall_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as e:
        domain.entlassen(fall=ohne, am=timezone.now(), durch=sachbearbeitung)
    assert "Entlassung vor der Einweisung ist nicht möglich" in e.value.message_dict["entlassung_am"][0]
    assert Vollzugsfall.objects.get(pk=ohne.pk).status == Fallstatus.EINGANG

    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    naiv = timezone.now().replace(tzinfo=None)
    for am, text in (
        (naiv, "Zeitpunkt ohne Zeitzone."),
        (timezone.now() + timedelta(minutes=6), "kann nicht in der Zukunft liegen"),
    ):
        with pytest.raises(ValidationError) as e:
            domain.entlassen(fall=fall, am=am, durch=sachbearbeitung)
        assert text in e.value.message_dict["entlassung_am"][0]
    g = Vollzugsfall.objects.get(pk=fall.pk)
    assert (g.status, g.entlassung_am) == (Fallstatus.IM_VOLLZUG, None)


# --- R-17-1: transfers with a reason a–e; a clinic only on a medical report ------------------------------


def _platzierungen(fall) -> list[tuple]:
    return list(
        Platzierung.objects.filter(fall=fall)
        .order_by("von", "pk")
        .values_list("anstalt_id", "abteilung", "grund", "bis")
    )


@pytest.mark.rule("R-17-1", grenze=True)
def test_versetzung_grund_lit_e_ja_ohne_grund_und_lit_f_nein(sachbearbeitung, anstalt_a, anstalt_b):
    beginn = timezone.now() - timedelta(days=10)
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=beginn)
    vorher = _platzierungen(fall)
    am = timezone.now() - timedelta(hours=1)
    for grund, feld, text in (
        ("", "grund", "§ 17 Abs. 2 JVG (R-17-1): Für die Versetzung einen Grund nach lit. a–e angeben."),
        ("f", "grund", None),
    ):
        with pytest.raises(ValidationError) as e:
            domain.versetzen(fall=fall, anstalt=anstalt_b, am=am, grund=grund, durch=sachbearbeitung)
        assert feld in e.value.message_dict
        if text:
            assert e.value.message_dict[feld] == [text]
        assert _platzierungen(fall) == vorher

    # Same facility, same department: no transfer (just outside); another department: a transfer (inside).
    with pytest.raises(ValidationError) as e:
        domain.versetzen(fall=fall, anstalt=anstalt_a, am=am, grund="e", durch=sachbearbeitung)
    assert e.value.message_dict["anstalt"] == [
        "§ 17 Abs. 2 JVG: Versetzt wird in eine andere Einrichtung oder Abteilung."
    ]
    assert _platzierungen(fall) == vorher

    neu = domain.versetzen(
        fall=fall, anstalt=anstalt_a, abteilung="Wohngruppe 2", am=am, grund="e", durch=sachbearbeitung
    )
    neu = Platzierung.objects.get(pk=neu.pk)
    assert (neu.anstalt_id, neu.abteilung, neu.grund, neu.von, neu.bis, neu.angeordnet_durch_id) == (
        anstalt_a.pk,
        "Wohngruppe 2",
        "e",
        am,
        None,
        sachbearbeitung.pk,
    )
    assert Platzierung.objects.filter(fall=fall).exclude(pk=neu.pk).get().bis == am


@pytest.mark.rule("R-17-1", grenze=True)
def test_klinik_nur_mit_arztbericht(sachbearbeitung, anstalt_a, klinik):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    vorher = _platzierungen(fall)
    am = timezone.now() - timedelta(hours=1)
    bericht = SimpleUploadedFile("bericht.pdf", b"%PDF-1.4 Bericht", content_type="application/pdf")
    falsch = [
        ({"art": Platzierungsart.VERSETZUNG_KLINIK}, "arztbericht", "braucht einen ärztlichen Bericht"),
        ({"art": Platzierungsart.VERSETZUNG, "grund": "b"}, "art", "mit ärztlichem Bericht erfassen"),
        ({"art": "urlaub"}, "art", "Unbekannte Art der Versetzung."),
    ]
    for kw, feld, text in falsch:
        with pytest.raises(ValidationError) as e:
            domain.versetzen(fall=fall, anstalt=klinik, am=am, durch=sachbearbeitung, **kw)
        assert text in e.value.message_dict[feld][0]
        assert _platzierungen(fall) == vorher

    neu = domain.versetzen(
        fall=fall,
        anstalt=klinik,
        am=am,
        art=Platzierungsart.VERSETZUNG_KLINIK,
        arztbericht=bericht,
        durch=sachbearbeitung,
    )
    neu = Platzierung.objects.get(pk=neu.pk)
    assert (neu.anstalt_id, neu.art, neu.dringend, bool(neu.arztbericht)) == (
        klinik.pk,
        Platzierungsart.VERSETZUNG_KLINIK,
        False,
        True,
    )


# --- R-18-1 … R-18-3: the Vollzugsplan ------------------------------------------------------------------

STUFEN = [domain.StufeDaten(1, "Eintrittsabteilung"), domain.StufeDaten(2, "Wohngruppe")]
TEXTE = {
    "gestaltung": "Normalvollzug, Arbeit in der Schreinerei",
    "vollzugsziele": "Deliktsaufarbeitung",
    "wiedereingliederung": "Wohnung und Stelle suchen",
}


def _fall_mit_strafe(sachbearbeitung, anstalt, referenz, **dauer):
    fall = _erfassen(
        sachbearbeitung,
        person_anlegen(durch=sachbearbeitung),
        referenz,
        domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, **dauer),
    )
    domain.einweisen(fall=fall, anstalt=anstalt, am=timezone.now() - timedelta(days=1), durch=sachbearbeitung)
    return Vollzugsfall.objects.get(pk=fall.pk)


def _plan(fall, durch, **kw):
    daten = {**TEXTE, "stufen": STUFEN, "aktuelle_stufe": 1, "anlass": "", **kw}
    return domain.version_erstellen(fall=fall, durch=durch, **daten)


@pytest.mark.rule("R-18-1", grenze=True)
def test_plan_ab_180_tagen_nicht_bei_179(sachbearbeitung, leitung_a, anstalt_a):
    # 5 months and 29 days (179 days) are short of six months; 5 months and 30 days are six.
    kurz = _fall_mit_strafe(sachbearbeitung, anstalt_a, "KG 18-1", dauer_monate=5, dauer_tage=29)
    with pytest.raises(ValidationError) as e:
        _plan(kurz, leitung_a)
    assert e.value.message_dict["__all__"][0].startswith(
        "§ 18 Abs. 1 JVG (R-18-1): Ein Vollzugsplan ist nur bei einer Freiheitsstrafe von mindestens sechs"
    )
    assert not Vollzugsplanversion.objects.filter(plan__fall=kurz).exists()

    # Bad input: a case not (yet) in execution.
    eingang = fall_anlegen(durch=sachbearbeitung, monate=8)
    with pytest.raises(PermissionDenied):
        _plan(eingang, leitung_a)
    assert not Vollzugsplanversion.objects.exists()

    genug = _fall_mit_strafe(sachbearbeitung, anstalt_a, "KG 18-2", dauer_monate=5, dauer_tage=30)
    _plan(genug, leitung_a)
    v = Vollzugsplanversion.objects.get(plan__fall=genug)
    assert (v.nummer, v.anstalt_id, v.erstellt_durch_id, v.gestaltung) == (
        1,
        anstalt_a.pk,
        leitung_a.pk,
        "Normalvollzug, Arbeit in der Schreinerei",
    )


@pytest.mark.rule("R-18-2", grenze=True)
def test_plan_inhalte_und_stufen_vollstaendig(sachbearbeitung, leitung_a, anstalt_a):
    fall = _fall_mit_strafe(sachbearbeitung, anstalt_a, "KG 18-3", dauer_monate=8)
    falsch = [
        (
            {"wiedereingliederung": "  "},
            "wiedereingliederung",
            "umfasst die Wiedereingliederung nach der Entlassung",
        ),
        ({"stufen": []}, "stufen", "legt mindestens eine Vollzugsstufe fest"),
        ({"stufen": [domain.StufeDaten(1, "A"), domain.StufeDaten(3, "C")]}, "stufen", "lückenlos"),
        ({"aktuelle_stufe": 3}, "aktuelle_stufe", "muss eine der festgelegten Stufen (1–2) sein"),
        ({"stufen": [domain.StufeDaten(1, "x" * 121)]}, "stufen[0].bezeichnung", "höchstens 120 Zeichen"),
    ]
    for kw, feld, text in falsch:
        with pytest.raises(ValidationError) as e:
            _plan(fall, leitung_a, **kw)
        assert e.value.message_dict[feld][0].startswith("§ 18 Abs. 1 JVG (R-18-2)")
        assert text in e.value.message_dict[feld][0]
        assert not Vollzugsplanversion.objects.exists()

    # Just inside: one stage of exactly 120 characters.
    _plan(fall, leitung_a, stufen=[domain.StufeDaten(1, "x" * 120)], aktuelle_stufe=1)
    v = Vollzugsplanversion.objects.get(plan__fall=fall)
    assert list(v.stufen.values_list("nummer", "bezeichnung")) == [(1, "x" * 120)]
    assert v.plan.aktuelle_stufe == 1


@pytest.mark.rule("R-18-3", grenze=True)
def test_ueberpruefung_neue_version_mit_anlass_zustellung_einmal(sachbearbeitung, leitung_a, anstalt_a):
    fall = _fall_mit_strafe(sachbearbeitung, anstalt_a, "KG 18-4", dauer_monate=8)
    erste = _plan(fall, leitung_a)
    with pytest.raises(ValidationError) as e:
        _plan(fall, leitung_a, anlass="   ")
    assert e.value.message_dict["anlass"] == [
        "§ 18 Abs. 2 JVG (R-18-3): Eine Überprüfung hält Anlass und Ergebnis fest – bitte ausfüllen."
    ]
    assert list(Vollzugsplanversion.objects.filter(plan__fall=fall).values_list("nummer", flat=True)) == [1]

    zweite = _plan(
        fall, leitung_a, anlass="Halbjährliche Überprüfung", vollzugsziele="Neue Ziele", aktuelle_stufe=2
    )
    versionen = dict(
        Vollzugsplanversion.objects.filter(plan__fall=fall).values_list("nummer", "vollzugsziele")
    )
    assert versionen == {1: "Deliktsaufarbeitung", 2: "Neue Ziele"}  # the old version stays as it was

    domain.version_zustellen(version=zweite, durch=leitung_a)
    gespeichert = Vollzugsplanversion.objects.get(pk=zweite.pk)
    assert (gespeichert.zugestellt_durch_id, gespeichert.zugestellt_am is not None) == (leitung_a.pk, True)
    with pytest.raises(ValidationError) as e:
        domain.version_zustellen(version=zweite, durch=leitung_a)
    assert "wurde der Vollzugsbehörde bereits am" in e.value.message_dict["zugestellt_am"][0]
    assert Vollzugsplanversion.objects.get(pk=zweite.pk).zugestellt_am == gespeichert.zugestellt_am
    assert Vollzugsplanversion.objects.get(pk=erste.pk).zugestellt_am is None


# --- R-0-ROLE-1 and R-0-AUDIT-2: who sees a case (404 outside), and every read is logged -------------------


def _api_als(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


@pytest.mark.rule("R-0-ROLE-1", grenze=True)
@pytest.mark.rule("R-20-1", grenze=True)  # staff see a file only while the person is placed with them
@pytest.mark.rule("R-0-AUDIT-2", grenze=True)
def test_personal_sieht_fall_der_eigenen_einrichtung_fremde_404_ohne_protokoll(
    client_als, sachbearbeitung, personal_a, personal_b, anstalt_a, anstalt_b
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    url = reverse("vollzug:fall_detail", args=[fall.pk])

    # Just outside: staff of the other facility, and an id that does not exist (bad input).
    assert client_als(personal_b).get(url).status_code == 404
    assert (
        client_als(personal_b).get(reverse("vollzug:fall_detail", args=[fall.pk + 1000])).status_code == 404
    )
    assert not Lesezugriff.objects.exists()

    # Just inside: staff of the facility where the person is placed; exactly one read logged.
    assert client_als(personal_a).get(url).status_code == 200
    assert list(Lesezugriff.objects.values_list("benutzer_id", "person_id", "objekt_typ", "objekt_id")) == [
        (personal_a.pk, fall.person_id, "vollzug.vollzugsfall", fall.pk)
    ]

    # After the transfer to B the same staff member is outside, the other one inside.
    domain.versetzen(
        fall=fall,
        anstalt=anstalt_b,
        am=timezone.now() - timedelta(minutes=1),
        grund="e",
        durch=sachbearbeitung,
    )
    assert client_als(personal_a).get(url).status_code == 404
    assert client_als(personal_b).get(url).status_code == 200
    assert [z.benutzer_id for z in Lesezugriff.objects.order_by("pk")] == [personal_a.pk, personal_b.pk]


@pytest.mark.rule("R-0-AUDIT-2", grenze=True)
def test_api_zweck_mit_500_zeichen_ganz_mit_501_gekuerzt(sachbearbeitung, anstalt_a, personal_b):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    client = _api_als(sachbearbeitung)
    assert client.get(f"/api/v1/faelle/{fall.pk}/", HTTP_X_ZWECK="z" * 500).status_code == 200
    assert client.get(f"/api/v1/faelle/{fall.pk}/", HTTP_X_ZWECK="w" * 501).status_code == 200
    # Outside the caller's view: 404 and no read logged.
    assert _api_als(personal_b).get(f"/api/v1/faelle/{fall.pk}/", HTTP_X_ZWECK="x").status_code == 404
    zeilen = list(
        Lesezugriff.objects.order_by("pk").values_list("benutzer_id", "kanal", "zweck", "objekt_id")
    )
    assert zeilen == [
        (sachbearbeitung.pk, "api", "z" * 500, fall.pk),
        (sachbearbeitung.pk, "api", "w" * 500, fall.pk),
    ]
