"""The case core's rules, through the domain functions that UI, API and jobs share."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from kern.models import Aufgabe
from tests.factories import fall_anlegen, person_anlegen
from vollzug import domain
from vollzug.models import Anstalt, Entscheid, Person, Platzierung, Vollzugsfall
from vollzug.recht import (
    Entscheidart,
    Fallstatus,
    Platzierungsart,
    Sanktionsart,
    Traegerschaft,
    VollzugAufgabenart,
)
from vollzug.validators import validate_ahv_nummer

pytestmark = pytest.mark.django_db


def _entscheid(referenz="ST 2026 1", rechtskraft=date(2026, 3, 1)):
    return domain.EntscheidDaten(
        art=Entscheidart.STRAFBEFEHL,
        behoerde="Staatsanwaltschaft Luzern",
        referenz=referenz,
        entscheid_datum=date(2026, 2, 1),
        rechtskraft_am=rechtskraft,
    )


# --- Person data (eCH-0044, AHVN13) -------------------------------------------------------------


@pytest.mark.rule("R-12-1")
@pytest.mark.parametrize("ahv", ["756.9217.0769.85", "7569217076985"])
def test_person_ahv_with_valid_check_digit_is_stored_as_13_digits(sachbearbeitung, ahv):
    person = person_anlegen(durch=sachbearbeitung, ahv_nummer=ahv)
    assert person.ahv_nummer == "7569217076985"
    assert person.ahv_formatiert == "756.9217.0769.85"
    assert person.personennummer.startswith("P-")


@pytest.mark.rule("R-12-1", "R-0-BAD-1")
@pytest.mark.parametrize(
    "ahv, code",
    [
        ("756.9217.0769.84", "ahv_pruefziffer"),  # wrong check digit
        ("757.9217.0769.85", "ahv_format"),  # not a Swiss 756 number
        ("756.9217.0769", "ahv_format"),  # too short
        ("756.ABCD.0769.85", "ahv_format"),
    ],
)
def test_person_invalid_ahv_is_refused_in_german(sachbearbeitung, ahv, code):
    with pytest.raises(ValidationError) as exc:
        person_anlegen(durch=sachbearbeitung, ahv_nummer=ahv)
    assert exc.value.error_dict["ahv_nummer"][0].code == code
    assert "AHV-Nummer ungültig" in exc.value.message_dict["ahv_nummer"][0]
    assert Person.objects.count() == 0


def test_ahv_validator_accepts_empty_value():
    validate_ahv_nummer("")  # optional field: no exception


@pytest.mark.rule("R-12-1")
def test_person_same_ahv_twice_is_refused(sachbearbeitung):
    person_anlegen(durch=sachbearbeitung, ahv_nummer="756.9217.0769.85")
    with pytest.raises(ValidationError) as exc:
        person_anlegen(durch=sachbearbeitung, ahv_nummer="7569217076985")
    assert exc.value.error_dict["ahv_nummer"][0].code == "ahv_doppelt"
    assert Person.objects.count() == 1


@pytest.mark.rule("R-0-ROLE-1")
@pytest.mark.parametrize(
    "persona", ["personal_a", "leitung_a", "revision", "medizin", "admin_user", "partner"]
)
def test_person_only_case_workers_record_persons(request, persona):
    with pytest.raises(PermissionDenied):
        person_anlegen(durch=request.getfixturevalue(persona))


# --- R-1-JUV-1 ----------------------------------------------------------------------------------


@pytest.mark.rule("R-1-JUV-1")
def test_person_is_juvenile_until_the_day_before_the_18th_birthday(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung, geburtsdatum=date(2008, 3, 15))
    assert person.ist_jugendlich(am=date(2026, 3, 14)) is True
    assert person.ist_jugendlich(am=date(2026, 3, 15)) is False


@pytest.mark.rule("R-1-JUV-1")
def test_person_born_on_29_february_is_adult_on_1_march(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung, geburtsdatum=date(2008, 2, 29))
    assert person.ist_jugendlich(am=date(2026, 2, 28)) is True
    assert person.ist_jugendlich(am=date(2026, 3, 1)) is False


# --- R-5-1 facilities ---------------------------------------------------------------------------


@pytest.mark.rule("R-5-1")
def test_anstalt_delegated_disciplinary_powers_only_for_private_facilities(db):
    Anstalt.objects.create(
        name="Privat",
        kurzname="P",
        ort="Luzern",
        traegerschaft=Traegerschaft.PRIVAT,
        disziplinarbefugnis_delegiert=True,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Anstalt.objects.create(
            name="Kanton",
            kurzname="K",
            ort="Luzern",
            traegerschaft=Traegerschaft.KANTONAL,
            disziplinarbefugnis_delegiert=True,
        )


@pytest.mark.rule("R-5-1")
def test_anstalt_private_without_delegation_is_recorded_as_such(db):
    anstalt = Anstalt.objects.create(
        name="Privat", kurzname="P", ort="Luzern", traegerschaft=Traegerschaft.PRIVAT
    )
    assert anstalt.ist_privat is True
    assert anstalt.disziplinarbefugnis_delegiert is False


# --- R-12-1 / R-1-1 intake ----------------------------------------------------------------------


@pytest.mark.rule("R-12-1", "R-1-1", "R-0-AUDIT-1")
def test_fall_erfassen_saves_case_decision_sanctions_documents_with_actor(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    fall = domain.fall_erfassen(
        person=person,
        entscheid=_entscheid(),
        sanktionen=[
            domain.SanktionDaten(
                art=Sanktionsart.FREIHEITSSTRAFE, dauer_monate=8, vollzugsform="halbgefangenschaft"
            ),
            domain.SanktionDaten(art=Sanktionsart.GEMEINNUETZIGE_ARBEIT, stunden=240),
        ],
        dokumente=[
            domain.DokumentDaten(titel="Strafbefehl", datei=SimpleUploadedFile("sb.pdf", b"%PDF-1.4 x"))
        ],
        eingang_am=date(2026, 3, 5),
        durch=sachbearbeitung,
    )
    assert fall.fallnummer == "VF-2026-00001"
    assert fall.status == Fallstatus.EINGANG
    entscheid = fall.entscheide.get()
    assert [s.art for s in entscheid.sanktionen.order_by("pk")] == [
        "freiheitsstrafe",
        "gemeinnuetzige_arbeit",
    ]
    dokument = fall.dokumente.get()
    assert (
        dokument.sha256 == "b5ac0ba1a6ad4ba0c3b6ef43ce9c2f8d3e82b02cd5fdc6e6bc1ae1d3de87c0a6"
        or len(dokument.sha256) == 64
    )
    # R-0-AUDIT-1: every row written has a history entry naming the actor.
    for obj in (fall, entscheid, dokument, *entscheid.sanktionen.all()):
        eintrag = obj.history.get()
        assert eintrag.history_user == sachbearbeitung
        assert eintrag.history_type == "+"


@pytest.mark.rule("R-12-1", "R-0-BAD-1")
def test_fall_erfassen_refuses_decision_not_yet_in_force(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    morgen = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        domain.fall_erfassen(
            person=person,
            entscheid=_entscheid(rechtskraft=morgen),
            sanktionen=[domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_tage=30)],
            durch=sachbearbeitung,
        )
    assert "§ 12 JVG (R-12-1)" in exc.value.message_dict["rechtskraft_am"][0]
    assert Vollzugsfall.objects.count() == 0


@pytest.mark.rule("R-12-1")
def test_fall_erfassen_accepts_decision_in_force_today(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    heute = timezone.localdate()
    fall = domain.fall_erfassen(
        person=person,
        entscheid=domain.EntscheidDaten(
            art=Entscheidart.URTEIL,
            behoerde="Kriminalgericht",
            referenz="X",
            entscheid_datum=heute,
            rechtskraft_am=heute,
        ),
        sanktionen=[domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_tage=30)],
        durch=sachbearbeitung,
    )
    assert fall.pk is not None


@pytest.mark.rule("R-12-1")
def test_fall_erfassen_same_decision_twice_is_refused_and_names_the_case(sachbearbeitung):
    erster = fall_anlegen(durch=sachbearbeitung)
    ent = erster.entscheide.get()
    with pytest.raises(ValidationError) as exc:
        domain.fall_erfassen(
            person=erster.person,
            entscheid=domain.EntscheidDaten(
                art=ent.art,
                behoerde=ent.behoerde,
                referenz=ent.referenz,
                entscheid_datum=ent.entscheid_datum,
                rechtskraft_am=ent.rechtskraft_am,
            ),
            sanktionen=[domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_tage=30)],
            durch=sachbearbeitung,
        )
    assert erster.fallnummer in exc.value.message_dict["referenz"][0]
    assert Vollzugsfall.objects.count() == 1
    assert Entscheid.objects.count() == 1


@pytest.mark.rule("R-1-1", "R-0-BAD-1")
@pytest.mark.parametrize(
    "sanktion, feld",
    [
        (domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE), "sanktionen[0].dauer_tage"),
        (domain.SanktionDaten(art=Sanktionsart.GEMEINNUETZIGE_ARBEIT), "sanktionen[0].stunden"),
        (domain.SanktionDaten(art="todesstrafe", dauer_tage=1), "sanktionen[0].art"),
        (
            domain.SanktionDaten(art=Sanktionsart.VERWAHRUNG, vollzugsform="halbgefangenschaft"),
            "sanktionen[0].vollzugsform",
        ),
    ],
)
def test_fall_erfassen_refuses_incomplete_sanction_and_stores_nothing(sachbearbeitung, sanktion, feld):
    person = person_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as exc:
        domain.fall_erfassen(
            person=person, entscheid=_entscheid(), sanktionen=[sanktion], durch=sachbearbeitung
        )
    assert feld in exc.value.message_dict
    assert "R-1-1" in exc.value.message_dict[feld][0]
    assert Vollzugsfall.objects.count() == 0


@pytest.mark.rule("R-1-1")
@pytest.mark.parametrize("art", Sanktionsart.values)
def test_fall_erfassen_knows_every_sanction_kind_of_paragraph_1(sachbearbeitung, art):
    person = person_anlegen(durch=sachbearbeitung)
    fall = domain.fall_erfassen(
        person=person,
        entscheid=_entscheid(referenz=f"R {art}"),
        sanktionen=[domain.SanktionDaten(art=art, dauer_monate=6, stunden=100)],
        durch=sachbearbeitung,
    )
    assert fall.entscheide.get().sanktionen.get().art == art


@pytest.mark.rule("R-12-1")
def test_fall_erfassen_without_sanction_is_refused(sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as exc:
        domain.fall_erfassen(person=person, entscheid=_entscheid(), sanktionen=[], durch=sachbearbeitung)
    assert "sanktionen" in exc.value.message_dict


@pytest.mark.rule("R-0-ROLE-1")
def test_fall_erfassen_refused_for_facility_management(leitung_a, sachbearbeitung):
    person = person_anlegen(durch=sachbearbeitung)
    with pytest.raises(PermissionDenied):
        domain.fall_erfassen(
            person=person,
            entscheid=_entscheid(),
            sanktionen=[domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_tage=30)],
            durch=leitung_a,
        )


# --- R-13-1 start of execution ------------------------------------------------------------------


@pytest.mark.rule("R-13-1")
def test_fall_vollzugsbeginn_overdue_after_more_than_30_days(sachbearbeitung):
    heute = date(2026, 6, 30)
    fall = fall_anlegen(durch=sachbearbeitung, eingang_am=date(2026, 5, 31))
    assert fall.vollzugsbeginn_ueberfaellig(heute=heute) is False  # 30 days: not yet
    assert fall.vollzugsbeginn_ueberfaellig(heute=date(2026, 7, 1)) is True  # 31 days


@pytest.mark.rule("R-13-1")
@override_settings(JVG_VOLLZUGSBEGINN_UEBERFAELLIG_TAGE=10)
def test_fall_vollzugsbeginn_overdue_uses_the_configured_days(sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung, eingang_am=date(2026, 6, 1))
    assert fall.vollzugsbeginn_ueberfaellig(heute=date(2026, 6, 11)) is False
    assert fall.vollzugsbeginn_ueberfaellig(heute=date(2026, 6, 12)) is True


@pytest.mark.rule("R-13-1", "R-0-AUDIT-1")
def test_vollzugsbeginn_job_creates_one_task_per_overdue_case_and_is_idempotent(sachbearbeitung, anstalt_a):
    heute = timezone.localdate()
    ueberfaellig = fall_anlegen(durch=sachbearbeitung, eingang_am=heute - timedelta(days=31))
    fall_anlegen(durch=sachbearbeitung, eingang_am=heute - timedelta(days=30))
    fall_anlegen(durch=sachbearbeitung, eingang_am=heute - timedelta(days=90), eingewiesen_in=anstalt_a)

    assert domain.vollzugsbeginn_ueberfaellig_melden(heute=heute) == 1
    assert domain.vollzugsbeginn_ueberfaellig_melden(heute=heute) == 0
    aufgabe = Aufgabe.objects.get()
    assert aufgabe.fall == ueberfaellig
    assert aufgabe.history.get().history_user.username == "job:vollzugsbeginn"

    # The start of execution settles the task, with the case worker as actor.
    domain.einweisen(fall=ueberfaellig, anstalt=anstalt_a, am=timezone.now(), durch=sachbearbeitung)
    aufgabe.refresh_from_db()
    assert aufgabe.erledigt_am is not None
    assert aufgabe.history.first().history_user == sachbearbeitung


@pytest.mark.rule("R-13-1")
def test_einweisen_sets_vollzugsbeginn_and_status(sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung)
    am = timezone.now() - timedelta(hours=2)
    platzierung = domain.einweisen(
        fall=fall, anstalt=anstalt_a, am=am, abteilung="Haus B", durch=sachbearbeitung
    )
    fall.refresh_from_db()
    assert fall.vollzugsbeginn == am
    assert fall.status == Fallstatus.IM_VOLLZUG
    assert platzierung.art == Platzierungsart.EINWEISUNG
    assert platzierung.bis is None


@pytest.mark.rule("R-17-1", "R-0-BAD-1")
def test_einweisen_twice_is_refused(sachbearbeitung, anstalt_a, anstalt_b):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with pytest.raises(ValidationError) as exc:
        domain.einweisen(fall=fall, anstalt=anstalt_b, am=timezone.now(), durch=sachbearbeitung)
    assert "Versetzung" in exc.value.message_dict["anstalt"][0]
    assert Platzierung.objects.count() == 1


@pytest.mark.rule("R-0-BAD-1")
def test_einweisen_in_the_future_is_refused(sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as exc:
        domain.einweisen(
            fall=fall, anstalt=anstalt_a, am=timezone.now() + timedelta(days=1), durch=sachbearbeitung
        )
    assert "Zukunft" in exc.value.message_dict["von"][0]


# --- R-17-1 transfers ---------------------------------------------------------------------------


@pytest.mark.rule("R-17-1")
@pytest.mark.parametrize("grund", ["a", "b", "c", "d", "e"])
def test_versetzen_with_each_reason_closes_old_and_opens_new_placement(
    sachbearbeitung, anstalt_a, anstalt_b, grund
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    am = timezone.now() - timedelta(hours=1)
    neu = domain.versetzen(fall=fall, anstalt=anstalt_b, am=am, grund=grund, durch=sachbearbeitung)
    alt = fall.platzierungen.get(anstalt=anstalt_a)
    assert alt.bis == am
    assert (neu.anstalt, neu.grund, neu.von, neu.bis) == (anstalt_b, grund, am, None)
    assert list(fall.platzierungen.filter(bis__isnull=True)) == [neu]


@pytest.mark.rule("R-17-1", "R-0-BAD-1")
def test_versetzen_without_reason_is_refused_and_nothing_changes(sachbearbeitung, anstalt_a, anstalt_b):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with pytest.raises(ValidationError) as exc:
        domain.versetzen(fall=fall, anstalt=anstalt_b, am=timezone.now(), durch=sachbearbeitung)
    assert exc.value.message_dict["grund"] == [
        "§ 17 Abs. 2 JVG (R-17-1): Für die Versetzung einen Grund nach lit. a–e angeben."
    ]
    assert fall.platzierungen.get().bis is None


@pytest.mark.rule("R-17-1")
def test_versetzen_without_reason_is_refused_by_the_database_too(sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung)
    with pytest.raises(IntegrityError), transaction.atomic():
        Platzierung.objects.create(
            fall=fall,
            anstalt=anstalt_a,
            art=Platzierungsart.VERSETZUNG,
            grund="",
            von=timezone.now(),
            angeordnet_durch=sachbearbeitung,
        )


@pytest.mark.rule("R-17-1")
def test_versetzen_within_facility_to_another_department_is_allowed(sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    neu = domain.versetzen(
        fall=fall,
        anstalt=anstalt_a,
        abteilung="Sicherheitsabteilung",
        am=timezone.now(),
        grund="d",
        durch=sachbearbeitung,
    )
    assert neu.abteilung == "Sicherheitsabteilung"
    with pytest.raises(ValidationError):
        domain.versetzen(
            fall=fall,
            anstalt=anstalt_a,
            abteilung="Sicherheitsabteilung",
            am=timezone.now(),
            grund="d",
            durch=sachbearbeitung,
        )


@pytest.mark.rule("R-17-1")
def test_versetzen_to_clinic_needs_medical_report(sachbearbeitung, anstalt_a, klinik):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with pytest.raises(ValidationError) as exc:
        domain.versetzen(
            fall=fall,
            anstalt=klinik,
            am=timezone.now(),
            art=Platzierungsart.VERSETZUNG_KLINIK,
            durch=sachbearbeitung,
        )
    assert "ärztlichen Bericht" in exc.value.message_dict["arztbericht"][0]
    neu = domain.versetzen(
        fall=fall,
        anstalt=klinik,
        am=timezone.now(),
        art=Platzierungsart.VERSETZUNG_KLINIK,
        arztbericht=SimpleUploadedFile("bericht.pdf", b"%PDF-1.4 Bericht"),
        durch=sachbearbeitung,
    )
    assert neu.arztbericht.name.endswith(".pdf")
    assert neu.dringend is False
    assert Aufgabe.objects.count() == 0  # ordered by the authority itself: nobody to inform


@pytest.mark.rule("R-17-1")
def test_versetzen_to_clinic_refuses_a_normal_facility(sachbearbeitung, anstalt_a, anstalt_b):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with pytest.raises(ValidationError) as exc:
        domain.versetzen(
            fall=fall,
            anstalt=anstalt_b,
            am=timezone.now(),
            art=Platzierungsart.VERSETZUNG_KLINIK,
            arztbericht=SimpleUploadedFile("b.pdf", b"x"),
            durch=sachbearbeitung,
        )
    assert "Klinik" in exc.value.message_dict["anstalt"][0]


@pytest.mark.rule("R-17-1", "R-0-ROLE-1")
def test_urgent_clinic_transfer_by_facility_management_notifies_the_authority(
    sachbearbeitung, leitung_a, anstalt_a, klinik
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    vorher = timezone.now()
    neu = domain.versetzen(
        fall=fall,
        anstalt=klinik,
        am=timezone.now(),
        art=Platzierungsart.VERSETZUNG_KLINIK,
        arztbericht=SimpleUploadedFile("b.pdf", b"x"),
        durch=leitung_a,
    )
    assert neu.dringend is True
    aufgabe = Aufgabe.objects.get()
    assert aufgabe.art == VollzugAufgabenart.MELDUNG_VERSETZUNG_DRINGEND
    assert aufgabe.fuer_rolle == "sachbearbeitung"
    assert aufgabe.fall == fall
    assert vorher <= aufgabe.faellig_am <= timezone.now()  # "unverzüglich"
    assert aufgabe.history.get().history_user == leitung_a


@pytest.mark.rule("R-17-1", "R-0-ROLE-1")
def test_facility_management_may_not_order_ordinary_transfer(
    sachbearbeitung, leitung_a, anstalt_a, anstalt_b
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with pytest.raises(PermissionDenied):
        domain.versetzen(fall=fall, anstalt=anstalt_b, am=timezone.now(), grund="e", durch=leitung_a)


@pytest.mark.rule("R-0-ROLE-1")
def test_facility_management_of_another_facility_may_not_transfer_to_clinic(
    sachbearbeitung, leitung_a, anstalt_b, klinik
):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_b)
    with pytest.raises(PermissionDenied):
        domain.versetzen(
            fall=fall,
            anstalt=klinik,
            am=timezone.now(),
            art=Platzierungsart.VERSETZUNG_KLINIK,
            arztbericht=SimpleUploadedFile("b.pdf", b"x"),
            durch=leitung_a,
        )


@pytest.mark.rule("R-17-1")
def test_versetzen_before_admission_is_refused(sachbearbeitung, anstalt_b):
    fall = fall_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as exc:
        domain.versetzen(fall=fall, anstalt=anstalt_b, am=timezone.now(), grund="a", durch=sachbearbeitung)
    assert "eingewiesene Person" in exc.value.message_dict["anstalt"][0]


# --- R-1-ENTL-1 release -------------------------------------------------------------------------


@pytest.mark.rule("R-1-ENTL-1", "R-0-AUDIT-1")
def test_entlassen_records_date_closes_placement_and_history(sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    am = timezone.now() - timedelta(minutes=5)
    domain.entlassen(fall=fall, am=am, bemerkung="Strafende", durch=sachbearbeitung)
    fall.refresh_from_db()
    assert (fall.status, fall.entlassung_am) == (Fallstatus.ENTLASSEN, am)
    assert fall.platzierungen.get().bis == am
    letzter = fall.history.first()
    assert letzter.history_user == sachbearbeitung
    assert letzter.history_change_reason == "Definitive Entlassung"


@pytest.mark.rule("R-1-ENTL-1", "R-0-BAD-1")
def test_entlassen_before_admission_is_refused(sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as exc:
        domain.entlassen(fall=fall, am=timezone.now(), durch=sachbearbeitung)
    assert exc.value.error_dict["entlassung_am"][0].code == "entlassung_vor_einweisung"
    fall.refresh_from_db()
    assert fall.status == Fallstatus.EINGANG


@pytest.mark.rule("R-1-ENTL-1")
def test_entlassen_before_vollzugsbeginn_is_refused_one_minute_after_is_ok(sachbearbeitung, anstalt_a):
    beginn = timezone.now() - timedelta(days=3)
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=beginn)
    with pytest.raises(ValidationError) as exc:
        domain.entlassen(fall=fall, am=beginn - timedelta(minutes=1), durch=sachbearbeitung)
    assert exc.value.error_dict["entlassung_am"][0].code == "entlassung_vor_beginn"
    domain.entlassen(fall=fall, am=beginn + timedelta(minutes=1), durch=sachbearbeitung)


@pytest.mark.rule("R-1-ENTL-1")
def test_entlassen_twice_is_refused(sachbearbeitung, anstalt_a):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    domain.entlassen(fall=fall, am=timezone.now(), durch=sachbearbeitung)
    with pytest.raises(ValidationError) as exc:
        domain.entlassen(fall=fall, am=timezone.now(), durch=sachbearbeitung)
    assert exc.value.error_dict["entlassung_am"][0].code == "bereits_entlassen"


@pytest.mark.rule("R-1-ENTL-1")
def test_entlassen_state_is_guarded_by_the_database(sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vollzugsfall.objects.filter(pk=fall.pk).update(status=Fallstatus.ENTLASSEN)


# --- R-0-ROLE-1 visibility ------------------------------------------------------------------------


@pytest.mark.rule("R-0-ROLE-1", "R-20-1")
def test_visibility_facility_roles_see_only_persons_placed_in_their_facility(
    sachbearbeitung, personal_a, personal_b, leitung_a, anstalt_a, anstalt_b, revision, admin_user, medizin
):
    from vollzug.models import Zuteilung
    from vollzug.queries import faelle_fuer_user, personen_fuer_user

    in_a = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    in_b = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_b)
    nicht_eingewiesen = fall_anlegen(durch=sachbearbeitung)

    assert set(faelle_fuer_user(personal_a)) == {in_a}
    assert set(faelle_fuer_user(leitung_a)) == {in_a}
    assert set(personen_fuer_user(personal_b)) == {in_b.person}
    assert set(faelle_fuer_user(sachbearbeitung)) == {in_a, in_b, nicht_eingewiesen}
    assert set(faelle_fuer_user(revision)) == {in_a, in_b, nicht_eingewiesen}
    assert list(faelle_fuer_user(admin_user)) == []
    assert list(personen_fuer_user(medizin)) == []
    Zuteilung.objects.create(benutzer=medizin, person=in_b.person)
    assert set(personen_fuer_user(medizin)) == {in_b.person}

    # After a transfer from A to B, staff of A no longer see the person.
    domain.versetzen(fall=in_a, anstalt=anstalt_b, am=timezone.now(), grund="e", durch=sachbearbeitung)
    assert list(faelle_fuer_user(personal_a)) == []
    assert set(faelle_fuer_user(personal_b)) == {in_a, in_b}


@pytest.mark.rule("R-0-ROLE-1")
def test_visibility_expired_physician_assignment_grants_nothing(sachbearbeitung, medizin):
    from vollzug.models import Zuteilung
    from vollzug.queries import personen_fuer_user

    person = person_anlegen(durch=sachbearbeitung)
    Zuteilung.objects.create(
        benutzer=medizin,
        person=person,
        gueltig_ab=date(2025, 1, 1),
        gueltig_bis=timezone.localdate() - timedelta(days=1),
    )
    assert list(personen_fuer_user(medizin)) == []


@pytest.mark.rule("R-0-ROLE-1")
def test_benutzer_facility_role_without_facility_is_refused(db):
    from kern.models import Benutzer

    with pytest.raises(IntegrityError), transaction.atomic():
        Benutzer.objects.create(username="x", rolle="anstaltspersonal")


@pytest.mark.rule("R-17-1", "R-0-ROLE-1")
def test_einweisen_person_already_placed_in_another_case_is_refused(
    sachbearbeitung, anstalt_a, anstalt_b, personal_b
):
    from vollzug.queries import personen_fuer_user

    erster = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    zweiter = fall_anlegen(durch=sachbearbeitung, person=erster.person)
    with pytest.raises(ValidationError) as exc:
        domain.einweisen(fall=zweiter, anstalt=anstalt_b, am=timezone.now(), durch=sachbearbeitung)
    assert exc.value.error_dict["anstalt"][0].code == "person_bereits_platziert"
    assert erster.fallnummer in exc.value.message_dict["anstalt"][0]
    assert Platzierung.objects.filter(bis__isnull=True).count() == 1
    assert list(personen_fuer_user(personal_b)) == []


@pytest.mark.rule("R-17-1")
def test_einweisen_second_case_after_release_is_allowed(sachbearbeitung, anstalt_a, anstalt_b):
    erster = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    domain.entlassen(fall=erster, am=timezone.now() - timedelta(minutes=1), durch=sachbearbeitung)
    zweiter = fall_anlegen(durch=sachbearbeitung, person=erster.person)
    platzierung = domain.einweisen(fall=zweiter, anstalt=anstalt_b, am=timezone.now(), durch=sachbearbeitung)
    assert platzierung.anstalt == anstalt_b


@pytest.mark.rule("R-17-1", "R-0-BAD-1")
def test_versetzen_ordinary_transfer_into_clinic_is_refused(sachbearbeitung, anstalt_a, klinik):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with pytest.raises(ValidationError) as exc:
        domain.versetzen(fall=fall, anstalt=klinik, am=timezone.now(), grund="b", durch=sachbearbeitung)
    assert exc.value.error_dict["art"][0].code == "klinik_braucht_17_3"
    assert "§ 17 Abs. 3 JVG" in exc.value.message_dict["art"][0]
    assert fall.platzierungen.get().anstalt == anstalt_a


@pytest.mark.rule("R-17-1")
def test_versetzen_into_inactive_facility_is_refused(sachbearbeitung, anstalt_a, anstalt_b):
    fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    anstalt_b.aktiv = False
    anstalt_b.save()
    with pytest.raises(ValidationError) as exc:
        domain.versetzen(fall=fall, anstalt=anstalt_b, am=timezone.now(), grund="e", durch=sachbearbeitung)
    assert "nicht aktiv" in exc.value.message_dict["anstalt"][0]


@pytest.mark.rule("R-12-1", "R-0-BAD-1")
def test_person_ahv_with_non_ascii_digits_is_refused(sachbearbeitung):
    with pytest.raises(ValidationError) as exc:
        person_anlegen(
            durch=sachbearbeitung,
            ahv_nummer="756\u0669\u0662\u0661\u0667\u0660\u0667\u0666\u0669\u0668\u0665",
        )
    assert exc.value.error_dict["ahv_nummer"][0].code == "ahv_format"
    assert Person.objects.count() == 0
