"""§ 33 JVG, unmittelbarer Zwang: the protocol's rules (R-33-1), statements with their deadline, the
review in the four-eyes principle (R-0-4EYES-1), corrections with reason in the history, visibility
(R-0-ROLE-1) and the audit trail (R-0-AUDIT-1). Domain functions only; pages and API in their own files."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kern.fristen import TZ
from kern.models import Aufgabe
from kern.rollen import Rolle
from tests.factories import fall_anlegen
from zwang import domain
from zwang.domain import korrekturen
from zwang.models import Beteiligung, Pruefung, Zwangsprotokoll
from zwang.queries import protokolle_fuer_user
from zwang.recht import Einsatzfunktion, Protokollstatus, Pruefergebnis, Verletzung, ZwangAufgabenart

from . import hilfen as zwang_hilfen
from .hilfen import beteiligt, daten, protokoll

# Fixtures of the § 33 tests (pytest finds them as module attributes).
fall_a, personal_a2, leitung_a2, leitung_b = (
    zwang_hilfen.fall_a,
    zwang_hilfen.personal_a2,
    zwang_hilfen.leitung_a2,
    zwang_hilfen.leitung_b,
)


def _meldung(exc: ValidationError, feld: str) -> str:
    return " ".join(exc.message_dict[feld])


# --- Recording and submission (R-33-1) ---------------------------------------------------------------


@pytest.mark.rule("R-33-1", "R-0-AUDIT-1")
@pytest.mark.django_db
def test_protokoll_einreichen_setzt_fristen_und_pruefaufgabe(personal_a, personal_a2, fall_a, anstalt_a):
    p = protokoll(
        personal_a,
        fall_a,
        beteiligte=beteiligt(personal_a)
        + [domain.BeteiligungDaten(benutzer=personal_a2, funktion=Einsatzfunktion.SICHERUNG)],
    )
    assert p.status == Protokollstatus.EINGEREICHT
    assert p.nummer.startswith(f"Z-{timezone.localdate().year}-")
    assert (p.anstalt, p.person, p.erfasst_durch) == (anstalt_a, fall_a.person, personal_a)
    assert p.dauer_minuten == 8
    fristen = set(Beteiligung.objects.filter(protokoll=p).values_list("frist", flat=True))
    assert fristen == {p.eingereicht_am + timedelta(hours=24)}
    aufgabe = Aufgabe.objects.get(art=ZwangAufgabenart.ZWANG_PRUEFUNG)
    assert (aufgabe.fuer_rolle, aufgabe.anstalt, aufgabe.fall, aufgabe.erledigt_am) == (
        Rolle.ANSTALTSLEITUNG,
        anstalt_a,
        fall_a,
        None,
    )
    assert p.pruefaufgabe == aufgabe
    letzte = p.history.order_by("-history_date", "-history_id").first()
    assert (letzte.history_user, letzte.history_change_reason) == (
        personal_a,
        "Eingereicht (§ 33 Abs. 4 JVG)",
    )


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_einreichen_ohne_zweck_abgelehnt_entwurf_bleibt(personal_a, fall_a):
    p = protokoll(personal_a, fall_a, einreichen=False, zweck_a=False, zweck_b=False, zweck_c=False)
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_einreichen(protokoll=p, durch=personal_a)
    assert _meldung(exc.value, "zweck").startswith("§ 33 Abs. 1 JVG (R-33-1): Mindestens einen Zweck")
    p.refresh_from_db()
    assert p.status == Protokollstatus.ENTWURF  # nothing lost: the draft stays
    assert not Aufgabe.objects.exists()


@pytest.mark.rule("R-33-1")
@pytest.mark.parametrize("zweck", ["zweck_a", "zweck_b", "zweck_c"])
@pytest.mark.django_db
def test_jeder_einzelne_zweck_genuegt(personal_a, fall_a, zweck):
    werte = {"zweck_a": False, "zweck_b": False, "zweck_c": False, zweck: True}
    assert protokoll(personal_a, fall_a, **werte).status == Protokollstatus.EINGEREICHT


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_einreichen_ohne_mildere_massnahmen_abgelehnt(personal_a, fall_a):
    p = protokoll(personal_a, fall_a, einreichen=False, subsidiaritaet="", mildere_massnahmen="   ")
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_einreichen(protokoll=p, durch=personal_a)
    assert _meldung(exc.value, "subsidiaritaet").startswith("§ 33 Abs. 2 JVG (R-33-1)")
    assert _meldung(exc.value, "mildere_massnahmen").startswith("§ 33 Abs. 2 und 3 JVG (R-33-1)")
    assert set(exc.value.message_dict) == {"subsidiaritaet", "mildere_massnahmen"}


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_ende_vor_beginn_abgelehnt_gleich_beginn_zulaessig(personal_a, fall_a):
    beginn = timezone.now() - timedelta(hours=1)
    with pytest.raises(ValidationError) as exc:
        protokoll(personal_a, fall_a, beginn=beginn, ende=beginn - timedelta(minutes=1))
    assert _meldung(exc.value, "ende") == "§ 33 Abs. 4 JVG (R-33-1): Das Ende liegt vor dem Beginn."
    assert not Zwangsprotokoll.objects.exists()
    assert protokoll(personal_a, fall_a, beginn=beginn, ende=beginn).dauer_minuten == 0


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_zeitpunkt_in_der_zukunft_abgelehnt(personal_a, fall_a):
    with pytest.raises(ValidationError) as exc:
        protokoll(personal_a, fall_a, beginn=timezone.now() + timedelta(minutes=5))
    assert "Zukunft" in _meldung(exc.value, "beginn")


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_verletzungen_und_medizinische_kontrolle_ausdruecklich(personal_a, fall_a):
    p = protokoll(
        personal_a,
        fall_a,
        einreichen=False,
        verletzung_person=Verletzung.VERLETZT,
        verletzung_personal="",
        arztkontrolle="",
        arztkontrolle_am=None,
        arztkontrolle_durch="",
        mittel=[],
    )
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_einreichen(protokoll=p, durch=personal_a)
    assert set(exc.value.message_dict) == {
        "verletzung_person_text",
        "verletzung_personal",
        "arztkontrolle",
        "arztkontrolle_am",
        "arztkontrolle_durch",
        "mittel",
    }
    assert "«keine Verletzung» ist auch eine Antwort" in _meldung(exc.value, "verletzung_personal")


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_medizinische_kontrolle_nicht_vor_dem_zwang(personal_a, fall_a):
    beginn = timezone.now() - timedelta(hours=1)
    with pytest.raises(ValidationError) as exc:
        protokoll(personal_a, fall_a, beginn=beginn, arztkontrolle_am=beginn - timedelta(minutes=1))
    assert "vor dem Beginn" in _meldung(exc.value, "arztkontrolle_am")


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_unbekanntes_einsatzmittel_abgelehnt(personal_a, fall_a):
    with pytest.raises(ValidationError) as exc:
        protokoll(personal_a, fall_a, mittel=["taser"])
    assert _meldung(exc.value, "mittel").endswith("taser")


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_beteiligte_pflicht_und_nur_aus_der_einrichtung(personal_a, personal_b, fall_a):
    p = protokoll(personal_a, fall_a, beteiligte=[], einreichen=False)
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_einreichen(protokoll=p, durch=personal_a)
    assert set(exc.value.message_dict) == {"beteiligte"}
    with pytest.raises(ValidationError) as exc:
        protokoll(personal_a, fall_a, beteiligte=beteiligt(personal_b))
    assert "gehört nicht zum Personal dieser Einrichtung" in _meldung(exc.value, "beteiligte")
    with pytest.raises(ValidationError) as exc:
        protokoll(personal_a, fall_a, beteiligte=beteiligt(personal_a, personal_a))
    assert "doppelt" in _meldung(exc.value, "beteiligte")


@pytest.mark.rule("R-0-ROLE-1", "R-33-1")
@pytest.mark.django_db
def test_nur_personal_und_leitung_der_einrichtung_erfassen(
    personal_a, leitung_a, personal_b, sachbearbeitung, medizin, revision, fall_a
):
    assert protokoll(leitung_a, fall_a).anstalt_id == leitung_a.anstalt_id
    for user in (personal_b, sachbearbeitung, medizin, revision):
        with pytest.raises(PermissionDenied):
            protokoll(user, fall_a, beteiligte=[])


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_nur_die_erfassende_person_reicht_ein(personal_a, personal_a2, fall_a):
    p = protokoll(personal_a, fall_a, einreichen=False)
    with pytest.raises(PermissionDenied):
        domain.protokoll_einreichen(protokoll=p, durch=personal_a2)
    with pytest.raises(PermissionDenied):
        domain.entwurf_aendern(
            protokoll=p, daten=daten(), beteiligte=beteiligt(personal_a), durch=personal_a2
        )


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_entwurf_aendern_ersetzt_beteiligte(personal_a, personal_a2, fall_a):
    p = protokoll(personal_a, fall_a, einreichen=False)
    domain.entwurf_aendern(
        protokoll=p, daten=daten(ort="Spazierhof"), beteiligte=beteiligt(personal_a2), durch=personal_a
    )
    p.refresh_from_db()
    assert p.ort == "Spazierhof"
    assert list(p.beteiligte.values_list("benutzer", flat=True)) == [personal_a2.pk]
    domain.protokoll_einreichen(protokoll=p, durch=personal_a)
    with pytest.raises(ValidationError) as exc:
        domain.entwurf_aendern(
            protokoll=p, daten=daten(), beteiligte=beteiligt(personal_a2), durch=personal_a
        )
    assert "nur noch als Korrektur mit Grund" in _meldung(exc.value, "status")


# --- Statements (R-33-1) -------------------------------------------------------------------------------


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_stellungnahme_nur_die_person_selbst_einmal_nicht_leer(personal_a, personal_a2, leitung_a, fall_a):
    p = protokoll(personal_a, fall_a, beteiligte=beteiligt(personal_a, personal_a2))
    fremde = p.beteiligte.get(benutzer=personal_a2)
    for user in (personal_a, leitung_a):
        with pytest.raises(PermissionDenied):
            domain.stellungnahme_abgeben(beteiligung=fremde, text="Ich war dabei.", durch=user)
    with pytest.raises(ValidationError) as exc:
        domain.stellungnahme_abgeben(beteiligung=fremde, text="  ", durch=personal_a2)
    assert _meldung(exc.value, "stellungnahme") == "§ 33 Abs. 4 JVG (R-33-1): Die Stellungnahme ist leer."
    b = domain.stellungnahme_abgeben(beteiligung=fremde, text="Ich hielt den linken Arm.", durch=personal_a2)
    assert (b.stellungnahme, b.stellungnahme_am is not None) == ("Ich hielt den linken Arm.", True)
    with pytest.raises(ValidationError) as exc:
        domain.stellungnahme_abgeben(beteiligung=fremde, text="Nachtrag", durch=personal_a2)
    assert "bleibt unverändert" in _meldung(exc.value, "stellungnahme")


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_stellungnahme_erst_zum_eingereichten_protokoll(personal_a, fall_a):
    p = protokoll(personal_a, fall_a, einreichen=False)
    with pytest.raises(ValidationError) as exc:
        domain.stellungnahme_abgeben(beteiligung=p.beteiligte.get(), text="x", durch=personal_a)
    assert "erst zum eingereichten Protokoll" in _meldung(exc.value, "stellungnahme")


@pytest.mark.rule("R-33-1", "R-0-FRIST-3")
@pytest.mark.django_db
def test_frist_genau_am_ende_nicht_ueberfaellig_eine_minute_danach_schon(personal_a, personal_a2, fall_a):
    eingereicht = datetime(2026, 3, 10, 9, 30, tzinfo=TZ)
    with time_machine.travel(eingereicht, tick=False):
        p = protokoll(personal_a, fall_a, beteiligte=beteiligt(personal_a2))
    b = p.beteiligte.get()
    assert b.frist == datetime(2026, 3, 11, 9, 30, tzinfo=TZ)
    assert not b.ist_ueberfaellig(b.frist)
    assert domain.stellungnahmen_erinnern(jetzt=b.frist) == 0
    assert not Aufgabe.objects.filter(art=ZwangAufgabenart.ZWANG_STELLUNGNAHME).exists()
    danach = b.frist + timedelta(minutes=1)
    assert b.ist_ueberfaellig(danach)
    assert domain.stellungnahmen_erinnern(jetzt=danach) == 1
    aufgabe = Aufgabe.objects.get(art=ZwangAufgabenart.ZWANG_STELLUNGNAHME)
    assert (aufgabe.fuer_rolle, aufgabe.fall, aufgabe.anstalt_id, aufgabe.faellig_am) == (
        Rolle.ANSTALTSPERSONAL,
        fall_a,
        personal_a2.anstalt_id,
        b.frist,
    )
    assert aufgabe.titel == (
        f"Stellungnahme von personal_a2 Test zum Zwangsprotokoll {p.nummer} überfällig (§ 33 Abs. 4 JVG)"
    )


@pytest.mark.rule("R-0-FRIST-3", "R-33-1")
@pytest.mark.django_db
def test_frist_ueber_die_sommerzeitumstellung_in_echten_stunden(personal_a, fall_a):
    # Sa 28.03.2026 10:00 + 24 h = So 29.03.2026 11:00 (the night has 23 hours).
    with time_machine.travel(datetime(2026, 3, 28, 10, 0, tzinfo=TZ), tick=False):
        p = protokoll(personal_a, fall_a)
    assert p.beteiligte.get().frist == datetime(2026, 3, 29, 11, 0, tzinfo=TZ)


@pytest.mark.rule("R-33-1", "R-0-AUDIT-1")
@pytest.mark.django_db
def test_erinnerungsjob_idempotent_schliesst_mit_stellungnahme(personal_a, personal_a2, fall_a):
    p = protokoll(personal_a, fall_a, beteiligte=beteiligt(personal_a, personal_a2))
    spaeter = timezone.now() + timedelta(hours=25)
    assert domain.stellungnahmen_erinnern(jetzt=spaeter) == 2
    assert domain.stellungnahmen_erinnern(jetzt=spaeter) == 0  # run twice: still one reminder each
    assert Aufgabe.objects.filter(art=ZwangAufgabenart.ZWANG_STELLUNGNAHME).count() == 2
    b = p.beteiligte.get(benutzer=personal_a2)
    assert b.history.first().history_user.username == "job:zwang-stellungnahmen"
    assert Aufgabe.history.filter(art=ZwangAufgabenart.ZWANG_STELLUNGNAHME).first().history_user.username == (
        "job:zwang-stellungnahmen"
    )
    with time_machine.travel(spaeter, tick=False):
        domain.stellungnahme_abgeben(beteiligung=b, text="Verspätet, aber vollständig.", durch=personal_a2)
    b.refresh_from_db()
    assert b.erinnerung.erledigt_am is not None and b.erinnerung.erledigt_durch == personal_a2
    assert b.history.first().history_change_reason == "Stellungnahme abgegeben (nach Fristablauf)"


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_erinnerungsjob_ignoriert_entwuerfe_und_abgegebene(personal_a, personal_a2, fall_a):
    protokoll(personal_a, fall_a, einreichen=False)
    p = protokoll(personal_a2, fall_a, beteiligte=beteiligt(personal_a2))
    domain.stellungnahme_abgeben(beteiligung=p.beteiligte.get(), text="Erledigt.", durch=personal_a2)
    assert domain.stellungnahmen_erinnern(jetzt=timezone.now() + timedelta(days=3)) == 0


@pytest.mark.rule("R-33-1")
@pytest.mark.parametrize("anzahl", [1, 20])
@pytest.mark.django_db
def test_erinnerungsjob_konstante_abfragen_je_batch(
    anzahl, personal_a, sachbearbeitung, anstalt_a, django_assert_max_num_queries
):
    for _ in range(anzahl):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        protokoll(personal_a, fall)
    from kern.audit import system_benutzer

    system_benutzer("zwang-stellungnahmen")  # created once in real life; not part of the budget
    # savepoint, select, insert tasks, insert task history, update statements, insert statement history,
    # release; then the empty select of the second page (with its savepoint). On PostgreSQL each batch
    # also takes the advisory lock (one query per transaction): + 2.
    with django_assert_max_num_queries(13):
        assert domain.stellungnahmen_erinnern(jetzt=timezone.now() + timedelta(hours=25)) == anzahl
    assert Aufgabe.objects.filter(art=ZwangAufgabenart.ZWANG_STELLUNGNAHME).count() == anzahl


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_erinnerungsjob_in_batches(personal_a, sachbearbeitung, anstalt_a):
    for _ in range(5):
        protokoll(personal_a, fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a))
    assert domain.stellungnahmen_erinnern(jetzt=timezone.now() + timedelta(hours=25), batch=2) == 5
    assert Beteiligung.objects.filter(erinnerung__isnull=True).count() == 0


# --- Review (R-33-1, R-0-4EYES-1) ----------------------------------------------------------------------


@pytest.mark.rule("R-0-4EYES-1", "R-33-1")
@pytest.mark.django_db
def test_pruefung_nicht_durch_erfassende_oder_beteiligte_leitung(leitung_a, leitung_a2, personal_a, fall_a):
    von_leitung = protokoll(leitung_a, fall_a, beteiligte=beteiligt(personal_a))
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_pruefen(
            protokoll=von_leitung, ergebnis=Pruefergebnis.RECHTMAESSIG, bemerkung="ok", durch=leitung_a
        )
    assert _meldung(exc.value, "durch").startswith("R-0-4EYES-1: Wer das Protokoll erfasst hat")
    mit_leitung = protokoll(personal_a, fall_a, beteiligte=beteiligt(leitung_a2))
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_pruefen(
            protokoll=mit_leitung, ergebnis=Pruefergebnis.RECHTMAESSIG, bemerkung="ok", durch=leitung_a2
        )
    assert exc.value.message_dict["durch"][0].endswith("(Vier-Augen-Prinzip).")
    assert not Pruefung.objects.exists()


@pytest.mark.rule("R-0-4EYES-1", "R-0-ROLE-1")
@pytest.mark.django_db
def test_pruefung_nur_durch_leitung_der_einrichtung(
    personal_a, personal_a2, leitung_b, sachbearbeitung, fall_a
):
    p = protokoll(personal_a, fall_a)
    domain.stellungnahme_abgeben(beteiligung=p.beteiligte.get(), text="So war es.", durch=personal_a)
    for user in (personal_a2, leitung_b, sachbearbeitung):
        with pytest.raises(PermissionDenied):
            domain.protokoll_pruefen(
                protokoll=p, ergebnis=Pruefergebnis.RECHTMAESSIG, bemerkung="ok", durch=user
            )


@pytest.mark.rule("R-33-1", "R-0-4EYES-1")
@pytest.mark.django_db
def test_pruefung_wartet_auf_stellungnahmen_bis_fristablauf(personal_a, personal_a2, leitung_a, fall_a):
    with time_machine.travel(datetime(2026, 5, 4, 8, 0, tzinfo=TZ), tick=False):
        p = protokoll(personal_a, fall_a, beteiligte=beteiligt(personal_a, personal_a2))
        domain.stellungnahme_abgeben(
            beteiligung=p.beteiligte.get(benutzer=personal_a), text="A", durch=personal_a
        )
    with time_machine.travel(datetime(2026, 5, 5, 8, 0, tzinfo=TZ), tick=False):  # exactly at the deadline
        with pytest.raises(ValidationError) as exc:
            domain.protokoll_pruefen(
                protokoll=p, ergebnis=Pruefergebnis.RECHTMAESSIG, bemerkung="ok", durch=leitung_a
            )
        assert "Stellungnahmen ausstehend (personal_a2 Test)" in _meldung(exc.value, "ergebnis")
    with time_machine.travel(datetime(2026, 5, 5, 8, 1, tzinfo=TZ), tick=False):
        with pytest.raises(ValidationError) as exc:
            domain.protokoll_pruefen(
                protokoll=p, ergebnis=Pruefergebnis.BEANSTANDET, bemerkung=" ", durch=leitung_a
            )
        assert set(exc.value.message_dict) == {"bemerkung"}
        pruefung = domain.protokoll_pruefen(
            protokoll=p,
            ergebnis=Pruefergebnis.BEANSTANDET,
            bemerkung="Handschellen länger als nötig; Stellungnahme personal_a2 fehlt.",
            durch=leitung_a,
        )
    p.refresh_from_db()
    assert p.status == Protokollstatus.GEPRUEFT
    assert (pruefung.durch, pruefung.ergebnis, pruefung.am) == (
        leitung_a,
        Pruefergebnis.BEANSTANDET,
        datetime(2026, 5, 5, 8, 1, tzinfo=TZ),
    )
    assert p.pruefaufgabe.erledigt_durch == leitung_a
    with pytest.raises(ValidationError):
        domain.protokoll_pruefen(
            protokoll=p, ergebnis=Pruefergebnis.RECHTMAESSIG, bemerkung="x", durch=leitung_a
        )


# --- Corrections (R-33-1) --------------------------------------------------------------------------------


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_korrektur_ohne_grund_abgelehnt(personal_a, fall_a):
    p = protokoll(personal_a, fall_a)
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_korrigieren(
            protokoll=p, aenderungen={"ort": "Zelle 4"}, grund="  ", durch=personal_a
        )
    assert _meldung(exc.value, "grund").startswith(
        "§ 33 Abs. 4 JVG (R-33-1): Eine Korrektur nach dem Einreichen"
    )
    p.refresh_from_db()
    assert p.ort == "Wohngruppe B, Korridor"


@pytest.mark.rule("R-33-1", "R-0-AUDIT-1")
@pytest.mark.django_db
def test_korrektur_im_verlauf_sichtbar(personal_a, fall_a):
    p = protokoll(personal_a, fall_a)
    neues_ende = p.ende + timedelta(minutes=4)
    domain.protokoll_korrigieren(
        protokoll=p,
        aenderungen={"ende": neues_ende, "ort": "Zelle 4", "zweck_c": True},
        grund="Zeit laut Kameraaufzeichnung; Ort verwechselt." * 5,  # longer than 100 characters: kept whole
        durch=personal_a,
    )
    p.refresh_from_db()
    assert (p.ort, p.ende, p.zweck_c) == ("Zelle 4", neues_ende, True)
    zeile = p.history.order_by("-history_date", "-history_id").first()
    assert zeile.history_change_reason == "Korrektur: " + "Zeit laut Kameraaufzeichnung; Ort verwechselt." * 5
    assert zeile.history_user == personal_a
    (k,) = korrekturen(p)
    assert k.grund == "Zeit laut Kameraaufzeichnung; Ort verwechselt." * 5
    assert k.durch == "personal_a Test"
    felder = {(a.feld, a.alt, a.neu) for a in k.aenderungen}
    assert felder == {
        ("Ort", "Wohngruppe B, Korridor", "Zelle 4"),
        ("Zweck lit. c (Sicherheit und Ordnung)", "nein", "ja"),
        (
            "Ende",
            f"{timezone.localtime(p.ende - timedelta(minutes=4)):%d.%m.%Y %H:%M}",
            f"{timezone.localtime(neues_ende):%d.%m.%Y %H:%M}",
        ),
    }


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_korrektur_darf_das_protokoll_nicht_unvollstaendig_machen(personal_a, fall_a):
    p = protokoll(personal_a, fall_a)
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_korrigieren(
            protokoll=p, aenderungen={"zweck_a": False}, grund="falsch angekreuzt", durch=personal_a
        )
    assert set(exc.value.message_dict) == {"zweck"}
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_korrigieren(
            protokoll=p, aenderungen={"ort": p.ort}, grund="nichts", durch=personal_a
        )
    assert _meldung(exc.value, "grund") == "R-33-1: Die Korrektur ändert nichts."
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_korrigieren(protokoll=p, aenderungen={"person": 1}, grund="x", durch=personal_a)
    assert "nicht korrigierbar: person" in _meldung(exc.value, "grund")


@pytest.mark.rule("R-33-1", "R-0-4EYES-1")
@pytest.mark.django_db
def test_korrektur_nach_pruefung_oeffnet_die_pruefung_wieder(personal_a, personal_a2, leitung_a, fall_a):
    p = protokoll(personal_a, fall_a)
    domain.stellungnahme_abgeben(beteiligung=p.beteiligte.get(), text="So war es.", durch=personal_a)
    domain.protokoll_pruefen(
        protokoll=p, ergebnis=Pruefergebnis.RECHTMAESSIG, bemerkung="in Ordnung", durch=leitung_a
    )
    with pytest.raises(PermissionDenied):
        domain.protokoll_korrigieren(protokoll=p, aenderungen={"ort": "Hof"}, grund="x", durch=personal_a2)
    domain.protokoll_korrigieren(
        protokoll=p,
        aenderungen={
            "verletzung_person": Verletzung.VERLETZT,
            "verletzung_person_text": "Rötung am Handgelenk",
        },
        grund="Befund des Gesundheitsdienstes nachgetragen",
        durch=leitung_a,
    )
    p.refresh_from_db()
    assert p.status == Protokollstatus.EINGEREICHT
    assert p.pruefungen.count() == 1  # the earlier review is kept
    assert (
        Aufgabe.objects.filter(art=ZwangAufgabenart.ZWANG_PRUEFUNG, erledigt_am__isnull=True).get()
        == p.pruefaufgabe
    )
    assert p.pruefaufgabe.titel == f"Zwangsprotokoll {p.nummer} erneut prüfen (§ 33 Abs. 4 JVG)"


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_entwurf_wird_nicht_korrigiert(personal_a, fall_a):
    p = protokoll(personal_a, fall_a, einreichen=False)
    with pytest.raises(ValidationError) as exc:
        domain.protokoll_korrigieren(protokoll=p, aenderungen={"ort": "Hof"}, grund="x", durch=personal_a)
    assert "Ein Entwurf wird bearbeitet" in _meldung(exc.value, "grund")


@pytest.mark.rule("R-33-1")
@pytest.mark.django_db
def test_datenbank_verweigert_unvollstaendiges_eingereichtes_protokoll(personal_a, fall_a):
    from django.db import IntegrityError, transaction

    p = protokoll(personal_a, fall_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Zwangsprotokoll.objects.filter(pk=p.pk).update(zweck_a=False)


# --- Visibility (R-0-ROLE-1) -------------------------------------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_sichtbarkeit_nach_rolle(
    personal_a, personal_a2, leitung_a, personal_b, sachbearbeitung, revision, medizin, partner, fall_a
):
    from kern.audit import speichern
    from vollzug.models import Zuteilung

    eingereicht = protokoll(personal_a, fall_a)
    entwurf = protokoll(personal_a, fall_a, einreichen=False)

    def sieht(user):
        return set(protokolle_fuer_user(user).values_list("pk", flat=True))

    assert sieht(personal_a) == {eingereicht.pk, entwurf.pk}
    assert sieht(personal_a2) == sieht(leitung_a) == {eingereicht.pk}  # a draft: its author only
    assert sieht(sachbearbeitung) == sieht(revision) == {eingereicht.pk}
    assert sieht(personal_b) == sieht(partner) == sieht(medizin) == set()
    speichern(Zuteilung(benutzer=medizin, person=fall_a.person), durch=sachbearbeitung)
    assert sieht(medizin) == {eingereicht.pk}


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.django_db
def test_nach_versetzung_nur_noch_die_neue_einrichtung(
    personal_a, personal_b, sachbearbeitung, fall_a, anstalt_b
):
    from vollzug import domain as vollzug_services

    p = protokoll(personal_a, fall_a)
    vollzug_services.versetzen(
        fall=fall_a,
        anstalt=anstalt_b,
        am=timezone.now(),
        grund="a",
        begruendung="Platzgründe",
        durch=sachbearbeitung,
    )
    assert not protokolle_fuer_user(personal_a).filter(pk=p.pk).exists()
    assert protokolle_fuer_user(personal_b).filter(pk=p.pk).exists() is False  # other facility's protocol
