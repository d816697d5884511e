"""§§ 34–39 JVG: Zwangsmedikation and Zwangsernährung, the domain rules (R-35-1 … R-39-1)."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kern.fristen import TZ
from kern.models import Aufgabe
from verfuegungen import domain as vfg
from verfuegungen.recht import Verfuegungsstatus, Verfuegungstyp
from vollzug.recht import Sanktionsart, VollzugAufgabenart
from zwangsmedizin.domain import entscheid, ernaehrung, information, medikation, neuanordnung
from zwangsmedizin.models import Zwangsmedikation
from zwangsmedizin.recht import Hungerstreikstatus, Medikationsstatus, ZwangsmedizinAufgabenart

from .hilfen import (
    angeordnet,
    daten,
    daten_38,
    durchziehen,
    fall_mit,
    fall_zugeteilt,
    neuer_arzt,
    pdf,
    zuteilen,
)


@pytest.fixture
def medizin2(db):
    return neuer_arzt()


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a, medizin):
    return fall_zugeteilt(sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin)


@pytest.fixture
def fall_59(sachbearbeitung, anstalt_a, medizin):
    return fall_zugeteilt(
        sb=sachbearbeitung, anstalt=anstalt_a, arzt=medizin, art=Sanktionsart.STATIONAERE_MASSNAHME
    )


def meldungen(exc: ValidationError, feld: str) -> str:
    return " ".join(e.message for e in exc.error_dict[feld])


# --- R-35-1: voluntary measures failed + ground a/b/c -------------------------------------------


@pytest.mark.rule("R-35-1")
def test_antrag_ohne_grund_und_ohne_freiwillige_massnahmen_abgelehnt(fall_a, medizin):
    with pytest.raises(ValidationError) as exc:
        medikation.antrag_stellen(
            fall=fall_a, daten=daten(grund="", freiwillige_massnahmen="  "), durch=medizin
        )
    assert "§ 35 Abs. 2 JVG (R-35-1)" in meldungen(exc.value, "grund")
    assert "freiwillige Massnahmen versagt" in meldungen(exc.value, "freiwillige_massnahmen")
    assert not Zwangsmedikation.objects.exists()


@pytest.mark.rule("R-35-1")
def test_antrag_mit_unbekanntem_grund_abgelehnt(fall_a, medizin):
    with pytest.raises(ValidationError) as exc:
        medikation.antrag_stellen(fall=fall_a, daten=daten(grund="d"), durch=medizin)
    assert "lit. a" in meldungen(exc.value, "grund")


@pytest.mark.rule("R-35-1", "R-36-1")
def test_antrag_mit_grund_erstellt_aufgabe_fuer_behoerde(fall_a, medizin):
    m = medikation.antrag_stellen(fall=fall_a, daten=daten(grund="a"), durch=medizin)
    assert m.status == Medikationsstatus.BEANTRAGT
    assert m.anstalt_id == fall_a.platzierungen.get().anstalt_id
    aufgabe = m.antrag_aufgabe
    assert (aufgabe.art, aufgabe.fuer_rolle, aufgabe.fall_id) == (
        ZwangsmedizinAufgabenart.ZWANGSMEDIKATION_ANTRAG,
        "sachbearbeitung",
        fall_a.pk,
    )
    assert "Haloperidol" not in aufgabe.titel  # task titles carry no medical content
    assert m.history.first().history_user == medizin


# --- R-36-1: who requests, who decides -----------------------------------------------------------


@pytest.mark.rule("R-36-1", "R-0-ROLE-1")
def test_nur_zugeteilte_aerztin_stellt_antrag(fall_a, medizin2, sachbearbeitung, leitung_a):
    for user in (medizin2, sachbearbeitung, leitung_a):
        with pytest.raises(PermissionDenied):
            medikation.antrag_stellen(fall=fall_a, daten=daten(), durch=user)


@pytest.mark.rule("R-36-1", "R-37-1", "R-0-VFG-4", "R-0-VFG-5")
def test_behoerde_verfuegt_mit_zwanzig_tagen_ohne_aufschiebende_wirkung(
    fall_a, medizin, sachbearbeitung, sachbearbeitung2, leitung_a
):
    m = angeordnet(fall=fall_a, arzt=medizin, sb=sachbearbeitung, sb2=sachbearbeitung2)
    v = m.verfuegung
    v.refresh_from_db()
    assert v.typ == Verfuegungstyp.ZWANGSMEDIKATION_36
    assert v.status == Verfuegungsstatus.EROEFFNET
    assert v.aufschiebende_wirkung is False
    assert v.rechtsfolge.frist_tage == 20
    assert "Justiz- und Sicherheitsdepartement" in v.rechtsfolge.instanz
    assert vfg.ist_vollstreckbar(v)
    assert m.status == Medikationsstatus.ANGEORDNET
    assert m.angeordnet_am == v.eroeffnet_am
    assert m.antrag_aufgabe.erledigt_am is not None
    # § 37 Abs. 3: the facility's management informs the Einweisungsbehörde, at once (task with time).
    a = m.einweisung_aufgabe
    assert (a.art, a.fuer_rolle, a.anstalt_id) == (
        VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN,
        "anstaltsleitung",
        leitung_a.anstalt_id,
    )
    information.einweisungsbehoerde_informiert(medikation=m, durch=leitung_a)
    a.refresh_from_db()
    assert a.erledigt_durch == leitung_a and a.erledigt_am is not None


@pytest.mark.rule("R-36-1", "R-0-4EYES-1")
def test_medizin_kann_nicht_verfuegen(fall_a, medizin):
    m = medikation.antrag_stellen(fall=fall_a, daten=daten(), durch=medizin)
    information.aufklaerung_erfassen(medikation=m, durch=medizin)
    with pytest.raises(PermissionDenied):
        entscheid.verfuegung_entwerfen(medikation=m, begruendung="x", durch=medizin)


@pytest.mark.rule("R-36-1")
def test_eroeffnung_einer_zwangsmedikation_ohne_antrag_abgelehnt(fall_a, sachbearbeitung, sachbearbeitung2):
    """A ZWANGSMEDIKATION_36 drafted on the shared page without a physician's request is refused at Eröffnung."""
    v = vfg.verfuegung_entwerfen(
        typ=Verfuegungstyp.ZWANGSMEDIKATION_36,
        person=fall_a.person,
        fall=fall_a,
        daten=vfg.Entwurfsdaten("Zwangsmedikation", "§ 36 JVG", "S", "B", "1. X"),
        durch=sachbearbeitung,
    )
    with pytest.raises(ValidationError) as exc:
        durchziehen(v, entwerfer=sachbearbeitung, genehmiger=sachbearbeitung2)
    assert "§ 36 Abs. 1 JVG (R-36-1)" in meldungen(exc.value, "typ")


@pytest.mark.rule("R-36-1")
def test_dringlicher_entscheid_erstellt_pruefaufgabe_und_nachpruefung(fall_a, medizin, sachbearbeitung):
    with time_machine.travel(datetime(2027, 5, 5, 22, 0, tzinfo=TZ), tick=False):  # Wednesday before Auffahrt
        m = medikation.dringlich_anordnen(
            fall=fall_a,
            daten=daten(),
            dringlich_begruendung="Akute Fremdgefährdung in der Nacht.",
            aufgeklaert_am=timezone.now() - timedelta(minutes=5),
            durch=medizin,
        )
    assert m.status == Medikationsstatus.DRINGLICH_ANGEORDNET
    assert m.angeordnet_am == datetime(2027, 5, 5, 22, 0, tzinfo=TZ)
    pruef = m.pruef_aufgabe
    assert (pruef.art, pruef.fuer_rolle) == (
        ZwangsmedizinAufgabenart.ZWANGSMEDIKATION_PRUEFEN,
        "sachbearbeitung",
    )
    # due at the end of the next working day: Thursday 06.05.2027 is Auffahrt → Friday 07.05.2027
    assert timezone.localtime(pruef.faellig_am).date() == date(2027, 5, 7)
    assert m.einweisung_aufgabe.art == VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN

    with pytest.raises(ValidationError) as exc:
        entscheid.nachpruefen(medikation=m, ergebnis="bestaetigt", kommentar=" ", durch=sachbearbeitung)
    assert "R-36-1" in meldungen(exc.value, "kommentar")
    m = entscheid.nachpruefen(
        medikation=m,
        ergebnis="nicht_bestaetigt",
        kommentar="Dringlichkeit nicht ausgewiesen.",
        durch=sachbearbeitung,
    )
    assert m.status == Medikationsstatus.NICHT_BESTAETIGT
    assert m.beendet_am is not None
    pruef.refresh_from_db()
    assert pruef.erledigt_durch == sachbearbeitung


@pytest.mark.rule("R-36-1")
def test_dringlicher_entscheid_ohne_begruendung_abgelehnt(fall_a, medizin):
    with pytest.raises(ValidationError) as exc:
        medikation.dringlich_anordnen(
            fall=fall_a, daten=daten(), dringlich_begruendung="", aufgeklaert_am=timezone.now(), durch=medizin
        )
    assert "§ 36 Abs. 2 JVG (R-36-1)" in meldungen(exc.value, "dringlich_begruendung")


@pytest.mark.rule("R-36-1", "R-37-1")
def test_bestaetigte_dringliche_anordnung_erhaelt_schriftliche_verfuegung(
    fall_a, medizin, sachbearbeitung, sachbearbeitung2
):
    m = medikation.dringlich_anordnen(
        fall=fall_a,
        daten=daten(),
        dringlich_begruendung="Akut.",
        gefahr_im_verzug_begruendung="Person tobt, keine Aufklärung möglich.",
        durch=medizin,
    )
    m = entscheid.nachpruefen(
        medikation=m, ergebnis="bestaetigt", kommentar="Zu Recht.", durch=sachbearbeitung
    )
    assert m.status == Medikationsstatus.ANGEORDNET
    v = entscheid.verfuegung_entwerfen(medikation=m, begruendung="Bestätigt.", durch=sachbearbeitung)
    # § 37 Abs. 2: the written decision follows the oral one; the deadline runs from the written one.
    muendlich = timezone.now() - timedelta(minutes=1)
    v = durchziehen(v, entwerfer=sachbearbeitung, genehmiger=sachbearbeitung2, muendlich_am=muendlich)
    assert v.muendlich_eroeffnet_am == muendlich and v.eroeffnet_am >= muendlich
    m.refresh_from_db()
    assert m.status == Medikationsstatus.ANGEORDNET
    assert (
        Aufgabe.objects.filter(art=VollzugAufgabenart.EINWEISUNGSBEHOERDE_INFORMIEREN, fall=fall_a).count()
        == 1
    )


# --- R-37-1: information, Gefahr im Verzug, relatives --------------------------------------------


@pytest.mark.rule("R-37-1")
def test_ohne_aufklaerung_kein_entscheid(fall_a, medizin, sachbearbeitung):
    m = medikation.antrag_stellen(fall=fall_a, daten=daten(), durch=medizin)
    with pytest.raises(ValidationError) as exc:
        entscheid.verfuegung_entwerfen(medikation=m, begruendung="x", durch=sachbearbeitung)
    assert "§ 37 Abs. 1 JVG (R-37-1)" in meldungen(exc.value, "aufgeklaert_am")


@pytest.mark.rule("R-37-1")
def test_dringlich_ohne_aufklaerung_und_ohne_gefahr_im_verzug_abgelehnt(fall_a, medizin):
    with pytest.raises(ValidationError) as exc:
        medikation.dringlich_anordnen(
            fall=fall_a, daten=daten(), dringlich_begruendung="Akut.", durch=medizin
        )
    assert "§ 37 Abs. 1 JVG (R-37-1)" in meldungen(exc.value, "aufgeklaert_am")


@pytest.mark.rule("R-37-1")
def test_gefahr_im_verzug_erlaubt_spaetere_aufklaerung(fall_a, medizin, sachbearbeitung, sachbearbeitung2):
    m = medikation.antrag_stellen(fall=fall_a, daten=daten(), durch=medizin)
    information.gefahr_im_verzug_erfassen(medikation=m, begruendung="Unmittelbare Gefahr.", durch=medizin)
    v = entscheid.verfuegung_entwerfen(medikation=m, begruendung="Gefahr.", durch=sachbearbeitung)
    durchziehen(v, entwerfer=sachbearbeitung, genehmiger=sachbearbeitung2)
    m.refresh_from_db()
    assert m.status == Medikationsstatus.ANGEORDNET and m.aufgeklaert_am is None
    m = information.aufklaerung_erfassen(medikation=m, durch=medizin)  # afterwards
    assert m.aufgeklaert_am > m.angeordnet_am


@pytest.mark.rule("R-37-1")
def test_aufklaerung_wird_einmal_erfasst(fall_a, medizin):
    m = medikation.antrag_stellen(fall=fall_a, daten=daten(), durch=medizin)
    with pytest.raises(ValidationError) as exc:
        information.aufklaerung_erfassen(medikation=m, am=timezone.now() - timedelta(days=1), durch=medizin)
    assert "liegt vor dem" in meldungen(exc.value, "aufgeklaert_am")  # not before the request
    information.aufklaerung_erfassen(medikation=m, durch=medizin)
    with pytest.raises(ValidationError):
        information.aufklaerung_erfassen(medikation=m, durch=medizin)
    with pytest.raises(ValidationError):
        information.gefahr_im_verzug_erfassen(medikation=m, begruendung="x", durch=medizin)


@pytest.mark.rule("R-37-1")
def test_angehoerige_auf_wunsch_informiert(fall_a, medizin, sachbearbeitung):
    m = medikation.antrag_stellen(fall=fall_a, daten=daten(), durch=medizin)
    with pytest.raises(ValidationError):
        information.angehoerige_informiert(medikation=m, durch=sachbearbeitung)
    m = information.angehoerige_wunsch_erfassen(
        medikation=m, person_bezeichnung="Schwester A. Muster", durch=medizin
    )
    a = m.angehoerige_aufgabe
    assert (a.art, a.fuer_rolle) == (ZwangsmedizinAufgabenart.ANGEHOERIGE_INFORMIEREN, "sachbearbeitung")
    m = information.angehoerige_informiert(medikation=m, durch=sachbearbeitung)
    a.refresh_from_db()
    assert m.angehoerige_informiert_durch == sachbearbeitung and a.erledigt_am == m.angehoerige_informiert_am


@pytest.mark.rule("R-37-1", "R-0-ROLE-1")
def test_einweisungsbehoerde_nur_durch_leitung_der_einrichtung(
    fall_a, medizin, sachbearbeitung, sachbearbeitung2, personal_a
):
    m = angeordnet(fall=fall_a, arzt=medizin, sb=sachbearbeitung, sb2=sachbearbeitung2)
    for user in (personal_a, medizin):
        with pytest.raises(PermissionDenied):
            information.einweisungsbehoerde_informiert(medikation=m, durch=user)


# --- R-38-1: Art. 59/63 only, recommendation, supervision, periodic re-ordering --------------------


@pytest.mark.rule("R-38-1")
def test_massnahmenindiziert_bei_art_59_zulaessig(fall_59, medizin):
    m = medikation.antrag_stellen(fall=fall_59, daten=daten_38(), durch=medizin, empfehlung_dokument=pdf())
    assert m.status == Medikationsstatus.BEANTRAGT
    assert len(m.empfehlung_sha256) == 64


@pytest.mark.rule("R-38-1")
def test_massnahmenindiziert_bei_art_63_zulaessig(sachbearbeitung, anstalt_a, medizin):
    fall = fall_mit(durch=sachbearbeitung, anstalt=anstalt_a, art=Sanktionsart.AMBULANTE_MASSNAHME)
    zuteilen(medizin, fall.person)
    m = medikation.antrag_stellen(fall=fall, daten=daten_38(), durch=medizin, empfehlung_dokument=pdf())
    # The persisted result, not only "no exception" (issue 25).
    m.refresh_from_db()
    assert (m.status, m.fall) == (Medikationsstatus.BEANTRAGT, fall)
    assert len(m.empfehlung_sha256) == 64


@pytest.mark.rule("R-38-1")
@pytest.mark.parametrize(
    ("art", "bemerkung"),
    [
        (Sanktionsart.VERWAHRUNG, ""),
        (Sanktionsart.FREIHEITSSTRAFE, ""),
        (Sanktionsart.STATIONAERE_MASSNAHME, "Suchtbehandlung Art. 60 StGB"),
    ],
)
def test_massnahmenindiziert_bei_verwahrung_und_strafe_abgelehnt(
    sachbearbeitung, anstalt_a, medizin, art, bemerkung
):
    fall = fall_mit(durch=sachbearbeitung, anstalt=anstalt_a, art=art, bemerkung=bemerkung)
    zuteilen(medizin, fall.person)
    with pytest.raises(ValidationError) as exc:
        medikation.antrag_stellen(fall=fall, daten=daten_38(), durch=medizin, empfehlung_dokument=pdf())
    text = meldungen(exc.value, "art")
    assert "§ 38 Abs. 1 JVG (R-38-1)" in text and "Art. 64" in text


@pytest.mark.rule("R-38-1")
def test_massnahmenindiziert_ohne_empfehlung_und_leitung_abgelehnt(fall_59, medizin):
    with pytest.raises(ValidationError) as exc:
        medikation.antrag_stellen(
            fall=fall_59,
            daten=daten_38(empfehlung_arzt="", empfehlung_datum=None, fachaerztliche_leitung=""),
            durch=medizin,
        )
    felder = set(exc.value.error_dict)
    assert felder == {"empfehlung_arzt", "empfehlung_datum", "empfehlung_dokument", "fachaerztliche_leitung"}
    assert "§ 38 Abs. 3 JVG (R-38-1)" in meldungen(exc.value, "fachaerztliche_leitung")


@pytest.mark.rule("R-38-1")
def test_massnahmenindiziert_nicht_dringlich(fall_59, medizin):
    with pytest.raises(ValidationError) as exc:
        medikation.dringlich_anordnen(
            fall=fall_59,
            daten=daten_38(),
            dringlich_begruendung="x",
            aufgeklaert_am=timezone.now(),
            durch=medizin,
        )
    assert "§ 38 Abs. 1 JVG (R-38-1)" in meldungen(exc.value, "art")


def _angeordnet_38_am(tag: datetime, fall, medizin, sb, sb2) -> Zwangsmedikation:
    with time_machine.travel(tag, tick=False):
        return angeordnet(fall=fall, arzt=medizin, sb=sb, sb2=sb2, d=daten_38(), empfehlung_dokument=pdf())


@pytest.mark.rule("R-38-1", "R-0-FRIST-2")
def test_neuanordnung_faellig_nach_drei_monaten_tag_genau(
    fall_59, medizin, sachbearbeitung, sachbearbeitung2
):
    m = _angeordnet_38_am(
        datetime(2027, 3, 2, 10, 0, tzinfo=TZ), fall_59, medizin, sachbearbeitung, sachbearbeitung2
    )
    assert m.naechste_ueberpruefung_am == date(2027, 6, 2)
    assert m.ueberpruefung_methode == "monate_art77_or_v1"
    # The day before: no reminder.
    assert neuanordnung.neuanordnung_erinnern(heute=date(2027, 6, 1)) == 0
    assert not Aufgabe.objects.filter(art=ZwangsmedizinAufgabenart.ZWANGSMEDIKATION_NEU_ANORDNEN).exists()
    # The due day: one reminder; a second run adds nothing (idempotent).
    assert neuanordnung.neuanordnung_erinnern(heute=date(2027, 6, 2)) == 1
    assert neuanordnung.neuanordnung_erinnern(heute=date(2027, 6, 3)) == 0
    aufgabe = Aufgabe.objects.get(art=ZwangsmedizinAufgabenart.ZWANGSMEDIKATION_NEU_ANORDNEN)
    assert (aufgabe.fuer_rolle, aufgabe.fall_id) == ("sachbearbeitung", fall_59.pk)
    assert timezone.localtime(aufgabe.faellig_am).date() == date(2027, 6, 2)
    assert aufgabe.history.get().history_user.username == "job:zwangsmedizin-neuanordnung"
    m.refresh_from_db()
    assert m.erinnerung_aufgabe == aufgabe
    assert m.history.filter(history_user__username="job:zwangsmedizin-neuanordnung").count() == 1


@pytest.mark.rule("R-38-1")
def test_neuanordnung_intervall_konfigurierbar(settings, fall_59, medizin, sachbearbeitung, sachbearbeitung2):
    settings.JVG_ZWANGSMEDIKATION_38_UEBERPRUEFUNG_MONATE = 1
    m = _angeordnet_38_am(
        datetime(2027, 1, 31, 10, 0, tzinfo=TZ), fall_59, medizin, sachbearbeitung, sachbearbeitung2
    )
    assert m.naechste_ueberpruefung_am == date(2027, 2, 28)  # Art. 77 OR: no 31st in February


@pytest.mark.rule("R-38-1")
def test_neuanordnung_ersetzt_vorgaenger_und_erledigt_erinnerung(
    fall_59, medizin, sachbearbeitung, sachbearbeitung2
):
    alt = _angeordnet_38_am(
        datetime(2027, 3, 2, 10, 0, tzinfo=TZ), fall_59, medizin, sachbearbeitung, sachbearbeitung2
    )
    neuanordnung.neuanordnung_erinnern(heute=date(2027, 6, 2))
    with time_machine.travel(datetime(2027, 6, 2, 9, 0, tzinfo=TZ), tick=False):
        neu = angeordnet(
            fall=fall_59,
            arzt=medizin,
            sb=sachbearbeitung,
            sb2=sachbearbeitung2,
            d=daten_38(),
            empfehlung_dokument=pdf(),
            vorgaenger=alt,
        )
    alt.refresh_from_db()
    assert alt.status == Medikationsstatus.ERSETZT
    assert alt.erinnerung_aufgabe.erledigt_am is not None
    assert neu.naechste_ueberpruefung_am == date(2027, 9, 2)


@pytest.mark.rule("R-38-1")
def test_beendete_massnahme_wird_nicht_erinnert(fall_59, medizin, sachbearbeitung, sachbearbeitung2):
    m = _angeordnet_38_am(
        datetime(2027, 3, 2, 10, 0, tzinfo=TZ), fall_59, medizin, sachbearbeitung, sachbearbeitung2
    )
    entscheid.beenden(medikation=m, grund="Stabil, freiwillige Einnahme.", durch=medizin)
    assert neuanordnung.neuanordnung_erinnern(heute=date(2027, 7, 1)) == 0


# --- R-39-1: hunger strike ------------------------------------------------------------------------


def _hungerstreik(fall, arzt):
    return ernaehrung.hungerstreik_erfassen(fall=fall, beginn=timezone.now() - timedelta(days=5), durch=arzt)


@pytest.mark.rule("R-39-1")
def test_jede_aufklaerung_wird_protokolliert(fall_a, medizin, medizin2, sachbearbeitung):
    h = _hungerstreik(fall_a, medizin)
    for tage in (4, 2):
        ernaehrung.gespraech_erfassen(
            hungerstreik=h,
            am=timezone.now() - timedelta(days=tage),
            inhalt="Risiken erklärt.",
            reaktion="Lehnt Essen ab.",
            durch=medizin,
        )
    assert [g.arzt for g in h.gespraeche.all()] == [medizin, medizin]
    with pytest.raises(ValidationError) as exc:
        ernaehrung.gespraech_erfassen(
            hungerstreik=h, am=timezone.now(), inhalt="", reaktion="", durch=medizin
        )
    assert set(exc.value.error_dict) == {"inhalt", "reaktion"}
    for user in (medizin2, sachbearbeitung):  # only the assigned physician informs
        with pytest.raises(PermissionDenied):
            ernaehrung.gespraech_erfassen(
                hungerstreik=h, am=timezone.now(), inhalt="x", reaktion="y", durch=user
            )


@pytest.mark.rule("R-39-1")
def test_patientenverfuegung_sperrt_zwangsernaehrung(fall_a, medizin, sachbearbeitung):
    h = _hungerstreik(fall_a, medizin)
    ernaehrung.patientenverfuegung_erfassen(
        person=fall_a.person,
        datum=date(2025, 11, 3),
        dokument=pdf("pv.pdf"),
        lehnt_zwangsernaehrung_ab=True,
        durch=medizin,
    )
    h = ernaehrung.zustand_melden(hungerstreik=h, zustand="bewusstlos", beurteilung="GCS 6.", durch=medizin)
    with pytest.raises(ValidationError) as exc:
        ernaehrung.verfuegung_entwerfen(hungerstreik=h, begruendung="Lebensgefahr.", durch=sachbearbeitung)
    text = meldungen(exc.value, "patientenverfuegung")
    assert "§ 39 Abs. 2 JVG (R-39-1)" in text and "03.11.2025" in text
    h.refresh_from_db()
    assert h.verfuegung_id is None


@pytest.mark.rule("R-39-1")
def test_zwangsernaehrung_nur_bei_bewusstlosigkeit_oder_urteilsunfaehigkeit(
    fall_a, medizin, sachbearbeitung, sachbearbeitung2
):
    h = _hungerstreik(fall_a, medizin)
    with pytest.raises(ValidationError) as exc:
        ernaehrung.verfuegung_entwerfen(hungerstreik=h, begruendung="x", durch=sachbearbeitung)
    assert "§ 39 Abs. 3 JVG (R-39-1)" in meldungen(exc.value, "zustand")
    h = ernaehrung.zustand_melden(
        hungerstreik=h, zustand="urteilsunfaehig", beurteilung="Delir, nicht urteilsfähig.", durch=medizin
    )
    aufgabe = h.entscheid_aufgabe
    assert (aufgabe.art, aufgabe.fuer_rolle) == (
        ZwangsmedizinAufgabenart.ZWANGSERNAEHRUNG_ENTSCHEIDEN,
        "sachbearbeitung",
    )
    # A non-refusing Patientenverfügung does not block.
    ernaehrung.patientenverfuegung_erfassen(
        person=fall_a.person,
        datum=date(2025, 1, 1),
        dokument=pdf("pv.pdf"),
        lehnt_zwangsernaehrung_ab=False,
        durch=sachbearbeitung,
    )
    v = ernaehrung.verfuegung_entwerfen(hungerstreik=h, begruendung="Lebensgefahr.", durch=sachbearbeitung)
    assert v.typ == Verfuegungstyp.ZWANGSERNAEHRUNG_39 and v.aufschiebende_wirkung is False
    durchziehen(v, entwerfer=sachbearbeitung, genehmiger=sachbearbeitung2)
    h.refresh_from_db()
    assert h.status == Hungerstreikstatus.ANGEORDNET and h.angeordnet_am is not None
    aufgabe.refresh_from_db()
    assert aufgabe.erledigt_am is not None


@pytest.mark.rule("R-39-1")
def test_patientenverfuegung_nach_entwurf_sperrt_eroeffnung(
    fall_a, medizin, sachbearbeitung, sachbearbeitung2
):
    h = _hungerstreik(fall_a, medizin)
    h = ernaehrung.zustand_melden(
        hungerstreik=h, zustand="bewusstlos", beurteilung="Bewusstlos.", durch=medizin
    )
    v = ernaehrung.verfuegung_entwerfen(hungerstreik=h, begruendung="Lebensgefahr.", durch=sachbearbeitung)
    ernaehrung.patientenverfuegung_erfassen(
        person=fall_a.person,
        datum=date(2024, 6, 1),
        dokument=pdf("pv.pdf"),
        lehnt_zwangsernaehrung_ab=True,
        durch=sachbearbeitung,
    )
    with pytest.raises(ValidationError) as exc:
        durchziehen(v, entwerfer=sachbearbeitung, genehmiger=sachbearbeitung2)
    assert "§ 39 Abs. 2 JVG" in meldungen(exc.value, "patientenverfuegung")
    v.refresh_from_db()
    assert v.status == Verfuegungsstatus.GENEHMIGT


@pytest.mark.rule("R-39-1", "R-0-BAD-1")
def test_zeitpunkte_in_der_zukunft_abgelehnt(fall_a, medizin):
    with pytest.raises(ValidationError) as exc:
        ernaehrung.hungerstreik_erfassen(
            fall=fall_a, beginn=timezone.now() + timedelta(hours=1), durch=medizin
        )
    assert "Zukunft" in meldungen(exc.value, "beginn")
    with pytest.raises(ValidationError) as exc:
        ernaehrung.patientenverfuegung_erfassen(
            person=fall_a.person,
            datum=timezone.localdate() + timedelta(days=1),
            dokument=pdf(),
            lehnt_zwangsernaehrung_ab=True,
            durch=medizin,
        )
    assert "Zukunft" in meldungen(exc.value, "datum")


@pytest.mark.rule("R-0-GEHOER-1")
def test_ohne_gehoer_keine_genehmigung(fall_a, medizin, sachbearbeitung, sachbearbeitung2):
    m = medikation.antrag_stellen(fall=fall_a, daten=daten(), durch=medizin)
    information.aufklaerung_erfassen(medikation=m, durch=medizin)
    v = entscheid.verfuegung_entwerfen(medikation=m, begruendung="x", durch=sachbearbeitung)
    vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
    with pytest.raises(ValidationError) as exc:
        vfg.genehmigen(verfuegung=v, durch=sachbearbeitung2)
    assert "R-0-GEHOER-1" in meldungen(exc.value, "anhoerung")
