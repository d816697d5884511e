"""Besondere Sicherheitsmassnahmen (§ 31 JVG): proposal, four-eyes order, hearing, Verfügung, review
intervals, lifting and the juvenile bar (R-31-1, R-31-5, R-0-4EYES-1, R-0-GEHOER-1, R-0-VFG-4/-5)."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from kern.fristen import TZ, tagesfrist
from kern.rollen import Rolle
from sicherheitsmassnahmen import domain
from sicherheitsmassnahmen import recht as sm_recht
from sicherheitsmassnahmen.models import Sicherheitsmassnahme, Ueberpruefung
from sicherheitsmassnahmen.recht import Massnahmenart, Massnahmenstatus, Risiko, Ueberpruefungsergebnis
from tests.factories import fall_anlegen, person_anlegen
from verfuegungen import domain as vfg
from verfuegungen import recht
from verfuegungen.models import Verfuegung
from verfuegungen.recht import Anhoerungsart, Genehmigungsaktion, Verfuegungsstatus, Verfuegungstyp

from .hilfen import (  # noqa: F401  (fixtures: fall_a, leitung_a2, leitung_b)
    aktiv,
    anordnen,
    beantragen,
    benutzer,
    eroeffnen,
    fixture_fall_a,
    fixture_leitung_a2,
    fixture_leitung_b,
)

VS = Verfuegungsstatus


def zeit(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


def fehlertext(exc: ValidationError, feld: str) -> str:
    return " ".join(exc.value.message_dict[feld])


# --- R-31-1: proposal with the recorded risk ------------------------------------------------------


@pytest.mark.rule("R-31-1", "R-0-4EYES-1")
def test_antrag_des_personals_entwirft_die_verfuegung_und_legt_sie_der_leitung_vor(
    fall_a, personal_a, anstalt_a
):
    m = beantragen(fall_a, personal_a, risiken=[Risiko.FLUCHT, Risiko.SACHGEFAEHRDUNG])

    assert m.status == Massnahmenstatus.BEANTRAGT
    assert m.anstalt == anstalt_a
    assert m.risiken == [Risiko.FLUCHT, Risiko.SACHGEFAEHRDUNG]
    assert m.nummer.startswith("SM-")
    v = m.verfuegung
    assert v.typ == Verfuegungstyp.SICHERHEITSMASSNAHME_31
    assert v.status == VS.ZUR_GENEHMIGUNG
    assert v.anstalt == anstalt_a
    assert v.entworfen_durch == personal_a
    assert v.gegenstand == m
    assert "Absonderung von den anderen eingewiesenen Personen (§ 31 Abs. 2 lit. c JVG)" in v.dispositiv
    assert "Flucht, Gefährdung einer Sache" in v.sachverhalt
    assert domain.phase(m) == "Beantragt – Entscheid der Anstaltsleitung ausstehend"
    assert m.history.first().history_user == personal_a


@pytest.mark.rule("R-31-1", "R-0-BAD-1")
def test_antrag_ohne_risiko_ohne_sachverhalt_und_mit_unbekannter_art_wird_abgewiesen(fall_a, personal_a):
    with pytest.raises(ValidationError) as exc:
        domain.massnahme_beantragen(
            fall=fall_a, art="kerker", risiken=[], sachverhalt=" ", begruendung="", durch=personal_a
        )
    assert set(exc.value.message_dict) == {"art", "risiken", "sachverhalt", "begruendung"}
    assert fehlertext(exc, "risiken").startswith("§ 31 Abs. 1 JVG (R-31-1): Mindestens ein Risiko")
    assert fehlertext(exc, "art").startswith("§ 31 Abs. 2 JVG (R-31-1)")
    assert Sicherheitsmassnahme.objects.count() == 0
    assert Verfuegung.objects.count() == 0


@pytest.mark.rule("R-31-1")
def test_unbekanntes_risiko_wird_abgewiesen(fall_a, personal_a):
    with pytest.raises(ValidationError) as exc:
        beantragen(fall_a, personal_a, risiken=["langeweile"])
    assert fehlertext(exc, "risiken") == "§ 31 Abs. 1 JVG (R-31-1): Unbekanntes Risiko."


@pytest.mark.rule("R-31-1", "R-0-ROLE-1")
def test_nur_die_einrichtung_der_platzierten_person_kann_beantragen(
    fall_a, personal_b, sachbearbeitung, medizin, revision
):
    for user in (personal_b, sachbearbeitung, medizin, revision):
        with pytest.raises(PermissionDenied):
            beantragen(fall_a, user)
    assert Sicherheitsmassnahme.objects.count() == 0


# --- R-0-4EYES-1 and R-0-GEHOER-1: the order -----------------------------------------------------


@pytest.mark.rule("R-31-1", "R-0-4EYES-1")
def test_leitung_ordnet_an_und_die_genehmigung_haelt_wer_wann_kommentar_fest(fall_a, personal_a, leitung_a):
    m = beantragen(fall_a, personal_a)
    m = anordnen(m, leitung_a, kommentar="Angeordnet wegen akuter Fremdgefährdung.")

    v = m.verfuegung
    assert v.status == VS.GENEHMIGT
    assert v.genehmigt_durch == leitung_a and v.genehmigt_am is not None
    schritt = v.genehmigungsschritte.get(aktion=Genehmigungsaktion.GENEHMIGT)
    assert (schritt.durch, schritt.kommentar) == (leitung_a, "Angeordnet wegen akuter Fremdgefährdung.")
    assert domain.phase(m) == "Angeordnet – Eröffnung ausstehend"
    assert m.status == Massnahmenstatus.BEANTRAGT  # executed only from Eröffnung (§ 44)


@pytest.mark.rule("R-0-4EYES-1")
def test_wer_selbst_beantragt_kann_nicht_anordnen_eine_zweite_leitungsperson_schon(
    fall_a, leitung_a, leitung_a2
):
    m = beantragen(fall_a, leitung_a)  # the management may propose directly …
    with pytest.raises(ValidationError) as exc:
        anordnen(m, leitung_a)  # … but never approve its own proposal
    assert "R-0-4EYES-1" in fehlertext(exc, "durch")
    m.refresh_from_db()
    assert m.verfuegung.status == VS.ZUR_GENEHMIGUNG

    anordnen(m, leitung_a2)
    m.refresh_from_db()
    assert m.verfuegung.genehmigt_durch == leitung_a2


@pytest.mark.rule("R-0-4EYES-1", "R-0-ROLE-1")
def test_personal_und_fremde_leitung_koennen_nicht_anordnen(fall_a, personal_a, leitung_b, sachbearbeitung):
    m = beantragen(fall_a, personal_a)
    zweites_personal = benutzer("personal_a2", Rolle.ANSTALTSPERSONAL, m.anstalt)
    for user in (zweites_personal, leitung_b, sachbearbeitung):
        with pytest.raises(PermissionDenied):
            anordnen(m, user)


@pytest.mark.rule("R-0-4EYES-1")
def test_ablehnung_haelt_begruendung_fest_und_ohne_begruendung_wird_sie_verweigert(
    fall_a, personal_a, leitung_a
):
    m = beantragen(fall_a, personal_a)
    with pytest.raises(ValidationError) as exc:
        domain.massnahme_ablehnen(massnahme=m, durch=leitung_a, kommentar=" ")
    assert "R-0-4EYES-1" in fehlertext(exc, "kommentar")

    m = domain.massnahme_ablehnen(massnahme=m, durch=leitung_a, kommentar="Mildere Mittel genügen.")
    assert m.verfuegung.status == VS.AUFGEHOBEN
    schritt = m.verfuegung.genehmigungsschritte.get(aktion=Genehmigungsaktion.ABGELEHNT)
    assert (schritt.durch, schritt.kommentar) == (leitung_a, "Mildere Mittel genügen.")
    assert domain.phase(m) == "Abgelehnt / nicht angeordnet"
    with pytest.raises(ValidationError):
        anordnen(m, leitung_a)


@pytest.mark.rule("R-0-GEHOER-1")
def test_ohne_anhoerung_keine_anordnung_ausser_bei_gefahr_im_verzug(fall_a, personal_a, leitung_a):
    m = beantragen(fall_a, personal_a)
    with pytest.raises(ValidationError) as exc:
        domain.massnahme_genehmigen(massnahme=m, durch=leitung_a)
    assert "R-0-GEHOER-1" in fehlertext(exc, "anhoerung")

    with pytest.raises(ValidationError) as exc:
        domain.massnahme_genehmigen(
            massnahme=m, durch=leitung_a, gehoer=domain.Gehoer(art=Anhoerungsart.GEFAHR_IM_VERZUG)
        )
    assert "Gefahr im Verzug muss begründet werden" in fehlertext(exc, "gehoer_begruendung")

    gefahr = domain.Gehoer(art=Anhoerungsart.GEFAHR_IM_VERZUG, begruendung="Tobt in der Zelle.")
    m = domain.massnahme_genehmigen(massnahme=m, durch=leitung_a, gehoer=gefahr)
    assert m.verfuegung.status == VS.GENEHMIGT
    anhoerung = m.verfuegung.anhoerungen.get()
    assert anhoerung.art == Anhoerungsart.GEFAHR_IM_VERZUG
    assert anhoerung.nachholen_bis is not None  # the hearing follows the decision


@pytest.mark.rule("R-0-GEHOER-1")
def test_das_personal_kann_die_stellungnahme_schon_mit_dem_antrag_erfassen(fall_a, personal_a, leitung_a):
    gehoer = domain.Gehoer(art=Anhoerungsart.STELLUNGNAHME, text="Ich wollte mich nur wehren.")
    m = beantragen(fall_a, personal_a, gehoer=gehoer)
    assert m.verfuegung.anhoerungen.get().text == "Ich wollte mich nur wehren."
    m = domain.massnahme_genehmigen(massnahme=m, durch=leitung_a)
    assert m.verfuegung.status == VS.GENEHMIGT


# --- The Verfügung: § 43 / § 44 and activation at Eröffnung ---------------------------------------


@pytest.mark.rule("R-0-VFG-4", "R-0-VFG-5")
def test_anordnung_ist_verfuegung_mit_20_tagen_an_das_jsd_ohne_aufschiebende_wirkung(
    fall_a, personal_a, leitung_a
):
    with time_machine.travel(zeit(2026, 6, 10, 9, 0), tick=False):
        m = beantragen(fall_a, personal_a)
        anordnen(m, leitung_a)
        v = eroeffnen(m, personal_a)
    m.refresh_from_db()

    assert v.rechtsfolge.instanz == recht.JSD
    assert v.rechtsfolge.frist_tage == 20
    assert v.aufschiebende_wirkung is False
    assert "§ 44 Abs. 1 lit. a JVG" in v.aufschiebende_wirkung_text
    assert v.rechtsmittelfrist_ende == tagesfrist(date(2026, 6, 10), 20).ende == date(2026, 6, 30)
    # § 44: executed from Eröffnung, not only from Rechtskraft.
    assert vfg.ist_vollstreckbar(v, zeit(2026, 6, 10, 9, 1))
    assert m.status == Massnahmenstatus.AKTIV
    assert m.aktiv_seit == zeit(2026, 6, 10, 9, 0)


@pytest.mark.rule("R-0-VFG-4", "R-31-5")
def test_muendliche_eroeffnung_vorher_zaehlt_als_beginn(fall_a, personal_a, leitung_a):
    with time_machine.travel(zeit(2026, 6, 10, 9, 0), tick=False):
        m = beantragen(fall_a, personal_a)
        anordnen(m, leitung_a)
    with time_machine.travel(zeit(2026, 6, 10, 15, 0), tick=False):
        eroeffnen(m, personal_a, muendlich_am=zeit(2026, 6, 10, 9, 30))
    m.refresh_from_db()
    assert m.aktiv_seit == zeit(2026, 6, 10, 9, 30)
    assert m.naechste_ueberpruefung_am == zeit(2026, 6, 17, 9, 30)


# --- R-31-5: review intervals, reviews, lifting -------------------------------------------------


@pytest.mark.rule("R-31-5")
def test_fesselung_wird_nach_24_stunden_ueberprueft_auf_die_minute(fall_a, personal_a, leitung_a):
    with time_machine.travel(zeit(2026, 6, 10, 10, 0), tick=False):
        m = aktiv(fall_a, personal_a, leitung_a, art=Massnahmenart.FESSELUNG)
    assert m.naechste_ueberpruefung_am == zeit(2026, 6, 11, 10, 0)
    assert not domain.ist_ueberfaellig(m, zeit(2026, 6, 11, 10, 0))
    assert domain.ist_ueberfaellig(m, zeit(2026, 6, 11, 10, 1))


@pytest.mark.rule("R-31-5")
def test_gesicherter_raum_24_stunden_ueber_die_zeitumstellung(fall_a, personal_a, leitung_a):
    # 24 real hours: Sat 28.03.2026 12:00 + 24 h = Sun 29.03.2026 13:00 summer time (the night has 23 h).
    with time_machine.travel(zeit(2026, 3, 28, 12, 0), tick=False):
        m = aktiv(fall_a, personal_a, leitung_a, art=Massnahmenart.GESICHERTER_RAUM)
    assert m.naechste_ueberpruefung_am == zeit(2026, 3, 29, 13, 0)


@pytest.mark.rule("R-31-5")
def test_andere_massnahmen_alle_sieben_tage_und_grenze(fall_a, personal_a, leitung_a):
    with time_machine.travel(zeit(2026, 6, 10, 10, 0), tick=False):
        m = aktiv(fall_a, personal_a, leitung_a, art=Massnahmenart.BEOBACHTUNG)
    assert m.naechste_ueberpruefung_am == zeit(2026, 6, 17, 10, 0)
    assert not domain.ist_ueberfaellig(m, zeit(2026, 6, 17, 10, 0))
    assert domain.ist_ueberfaellig(m, zeit(2026, 6, 17, 10, 1))


@pytest.mark.rule("R-31-5")
def test_intervalle_sind_konfigurierbar(fall_a, personal_a, leitung_a, settings):
    settings.JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_TAGE = 3
    settings.JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_STUNDEN_FG = 4
    start = zeit(2026, 6, 10, 10, 0)
    assert sm_recht.ueberpruefung_faellig_ab(Massnahmenart.KONTAKTBESCHRAENKUNG, start) == zeit(
        2026, 6, 13, 10, 0
    )
    assert sm_recht.ueberpruefung_faellig_ab(Massnahmenart.FESSELUNG, start) == zeit(2026, 6, 10, 14, 0)


@pytest.mark.rule("R-31-5")
def test_ueberpruefung_fortsetzen_berechnet_die_naechste_ab_der_ueberpruefung(fall_a, personal_a, leitung_a):
    with time_machine.travel(zeit(2026, 6, 10, 10, 0), tick=False):
        m = aktiv(fall_a, personal_a, leitung_a, art=Massnahmenart.FESSELUNG)
    with time_machine.travel(zeit(2026, 6, 11, 9, 15), tick=False):
        u = domain.massnahme_ueberpruefen(
            massnahme=m,
            ergebnis=Ueberpruefungsergebnis.FORTSETZEN,
            begruendung="Weiterhin akute Fremdgefährdung.",
            durch=leitung_a,
        )
    m.refresh_from_db()
    assert (u.durch, u.am, u.faellig_war) == (leitung_a, zeit(2026, 6, 11, 9, 15), zeit(2026, 6, 11, 10, 0))
    assert u.naechste_faellig == m.naechste_ueberpruefung_am == zeit(2026, 6, 12, 9, 15)
    assert m.status == Massnahmenstatus.AKTIV


@pytest.mark.rule("R-31-5")
def test_ueberpruefung_ohne_zwingenden_grund_hebt_auf(fall_a, personal_a, leitung_a):
    with time_machine.travel(zeit(2026, 6, 10, 10, 0), tick=False):
        m = aktiv(fall_a, personal_a, leitung_a)
    with time_machine.travel(zeit(2026, 6, 12, 8, 0), tick=False):
        domain.massnahme_ueberpruefen(
            massnahme=m,
            ergebnis=Ueberpruefungsergebnis.AUFHEBEN,
            begruendung="Hat sich beruhigt.",
            durch=leitung_a,
        )
    m.refresh_from_db()
    assert m.status == Massnahmenstatus.BEENDET
    assert (m.beendet_am, m.beendet_durch) == (zeit(2026, 6, 12, 8, 0), leitung_a)
    assert m.beendigungsgrund == "Überprüfung: Hat sich beruhigt."
    with pytest.raises(ValidationError) as exc:
        domain.massnahme_aufheben(massnahme=m, grund="nochmals", durch=leitung_a)
    assert "R-31-5" in fehlertext(exc, "grund")


@pytest.mark.rule("R-31-5", "R-0-BAD-1")
def test_ueberpruefung_braucht_begruendung_und_ergebnis(fall_a, personal_a, leitung_a):
    m = aktiv(fall_a, personal_a, leitung_a)
    with pytest.raises(ValidationError) as exc:
        domain.massnahme_ueberpruefen(massnahme=m, ergebnis="vielleicht", begruendung="x", durch=leitung_a)
    assert "R-31-5" in fehlertext(exc, "ergebnis")
    with pytest.raises(ValidationError) as exc:
        domain.massnahme_ueberpruefen(
            massnahme=m, ergebnis=Ueberpruefungsergebnis.FORTSETZEN, begruendung="  ", durch=leitung_a
        )
    assert fehlertext(exc, "begruendung").startswith("§ 31 Abs. 5 JVG (R-31-5)")
    assert Ueberpruefung.objects.count() == 0


@pytest.mark.rule("R-31-5", "R-0-ROLE-1")
def test_ueberpruefen_und_aufheben_nur_durch_die_leitung(fall_a, personal_a, leitung_a, leitung_b):
    m = aktiv(fall_a, personal_a, leitung_a)
    for user in (personal_a, leitung_b):
        with pytest.raises(PermissionDenied):
            domain.massnahme_aufheben(massnahme=m, grund="x", durch=user)
        with pytest.raises(PermissionDenied):
            domain.massnahme_ueberpruefen(
                massnahme=m, ergebnis=Ueberpruefungsergebnis.FORTSETZEN, begruendung="x", durch=user
            )


@pytest.mark.rule("R-31-5")
def test_aufheben_beendet_mit_zeit_person_und_grund(fall_a, personal_a, leitung_a):
    with time_machine.travel(zeit(2026, 6, 10, 10, 0), tick=False):
        m = aktiv(fall_a, personal_a, leitung_a)
    with pytest.raises(ValidationError) as exc:
        domain.massnahme_aufheben(massnahme=m, grund="", durch=leitung_a)
    assert "R-31-5" in fehlertext(exc, "grund")
    with time_machine.travel(zeit(2026, 6, 11, 7, 30), tick=False):
        m = domain.massnahme_aufheben(massnahme=m, grund="Gefahr gebannt.", durch=leitung_a)
    assert (m.status, m.beendet_am, m.beendet_durch, m.beendigungsgrund) == (
        Massnahmenstatus.BEENDET,
        zeit(2026, 6, 11, 7, 30),
        leitung_a,
        "Gefahr gebannt.",
    )
    assert m.history.first().history_user == leitung_a


# --- R-31-5 / R-1-JUV-1: juveniles ----------------------------------------------------------------


@pytest.fixture
def jugendlicher_fall(sachbearbeitung, anstalt_a):
    # 18th birthday on 15.06.2026.
    person = person_anlegen(durch=sachbearbeitung, geburtsdatum=date(2008, 6, 15))
    return fall_anlegen(durch=sachbearbeitung, person=person, eingewiesen_in=anstalt_a)


@pytest.mark.rule("R-31-5", "R-1-JUV-1")
@pytest.mark.parametrize("art", [Massnahmenart.FESSELUNG, Massnahmenart.GESICHERTER_RAUM])
def test_fesselung_und_gesicherter_raum_gegenueber_jugendlichen_verweigert(
    jugendlicher_fall, personal_a, art
):
    # 23:59 on the day before the 18th birthday.
    with time_machine.travel(zeit(2026, 6, 14, 23, 59), tick=False), pytest.raises(ValidationError) as exc:
        beantragen(jugendlicher_fall, personal_a, art=art)
    assert fehlertext(exc, "art").startswith("§ 31 Abs. 5 Satz 2 JVG (R-31-5)")
    assert Sicherheitsmassnahme.objects.count() == 0


@pytest.mark.rule("R-31-5", "R-1-JUV-1")
def test_am_18_geburtstag_ist_die_fesselung_zulaessig(jugendlicher_fall, personal_a, leitung_a):
    with time_machine.travel(zeit(2026, 6, 15, 0, 0), tick=False):
        m = aktiv(jugendlicher_fall, personal_a, leitung_a, art=Massnahmenart.FESSELUNG)
    assert m.status == Massnahmenstatus.AKTIV


@pytest.mark.rule("R-31-5", "R-1-JUV-1")
def test_absonderung_gegenueber_jugendlichen_bleibt_zulaessig(jugendlicher_fall, personal_a):
    with time_machine.travel(zeit(2026, 6, 1, 12, 0), tick=False):
        m = beantragen(jugendlicher_fall, personal_a, art=Massnahmenart.ABSONDERUNG)
    assert m.status == Massnahmenstatus.BEANTRAGT


# --- Transfers: a facility's measures do not travel -------------------------------------------------


@pytest.mark.rule("R-31-1")
def test_versetzung_beendet_aktive_und_hebt_offene_anordnungen_auf(
    personal_a, leitung_a, sachbearbeitung, anstalt_a, anstalt_b
):
    from vollzug import domain as vollzug_services

    with time_machine.travel(zeit(2026, 6, 10, 10, 0), tick=False):
        fall_a = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        aktive = aktiv(fall_a, personal_a, leitung_a)
        offen = beantragen(fall_a, personal_a, art=Massnahmenart.BEOBACHTUNG)
    with time_machine.travel(zeit(2026, 6, 11, 10, 0), tick=False):  # Thursday
        vollzug_services.versetzen(
            fall=fall_a, anstalt=anstalt_b, am=zeit(2026, 6, 11, 10, 0), grund="a", durch=sachbearbeitung
        )
    aktive.refresh_from_db()
    offen.refresh_from_db()
    assert aktive.status == Massnahmenstatus.BEENDET
    assert aktive.beendet_am == zeit(2026, 6, 11, 10, 0)
    assert aktive.beendigungsgrund.startswith("Versetzung nach JVA Wauwilermoos")
    assert offen.verfuegung.status == VS.AUFGEHOBEN
    with pytest.raises(ValidationError):
        eroeffnen(offen, sachbearbeitung)


@pytest.mark.rule("R-31-5")
def test_entlassung_beendet_aktive_und_hebt_offene_anordnungen_auf(
    personal_a, leitung_a, sachbearbeitung, anstalt_a
):
    """§ 31 Abs. 1/5: a measure exists only while the person is placed in the facility; the definitive
    release ends it (and a § 14 interruption, through the same hook `vollzug.domain.NACH_AUSTRITT`)."""
    from vollzug import domain as vollzug_services

    with time_machine.travel(zeit(2026, 6, 10, 10, 0), tick=False):
        fall_a = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
        aktive = aktiv(fall_a, personal_a, leitung_a)
        offen = beantragen(fall_a, personal_a, art=Massnahmenart.BEOBACHTUNG)
    with time_machine.travel(zeit(2026, 6, 12, 10, 0), tick=False):
        vollzug_services.entlassen(fall=fall_a, am=zeit(2026, 6, 12, 9, 0), durch=sachbearbeitung)
    aktive.refresh_from_db()
    offen.refresh_from_db()
    assert aktive.status == Massnahmenstatus.BEENDET
    assert aktive.beendet_am == zeit(2026, 6, 12, 9, 0)
    assert aktive.beendigungsgrund.startswith("Definitive Entlassung am 12.06.2026")
    assert offen.verfuegung.status == VS.AUFGEHOBEN
    assert aktive.history.first().history_user == sachbearbeitung
