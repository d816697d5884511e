"""§ 41 Abs. 5 JVG: the limitation job (R-41-5a prosecution, R-41-5b execution), its idempotence and
batching, and the warning in the Fristenkontrolle (R-0-FRIST-4) before a proceeding becomes time-barred."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disziplinar import domain, tasks
from disziplinar.domain import SanktionDaten, Verjaehrungslauf
from disziplinar.domain.fristen import TYP
from disziplinar.models import Disziplinarsanktion, Disziplinarverfahren, Rapport
from disziplinar.recht import Disziplinarsanktionsart as A
from disziplinar.recht import Sanktionsstatus, Verfahrensstatus
from fristenkontrolle.queries import alle_fristen
from kern.fristen import METHODE_MONATE, TZ, monatsfrist, tagesende
from kern.rollen import Rolle
from tests.conftest import echter_worker, warten_bis
from tests.factories import fall_anlegen
from verfuegungen import domain as vfg
from verfuegungen.models import Verfuegung
from verfuegungen.recht import EroeffnungArt, Verfuegungsstatus

from .test_disziplinar import benutzer, entwurf, eroeffnet, genehmigt, verfahren

S = Verfuegungsstatus
TAT = datetime(2026, 8, 31, 10, 0, tzinfo=TZ)
VERJAEHRUNG = date(2027, 2, 28)


def reise(tag: date, stunde: int = 9):
    return time_machine.travel(datetime(tag.year, tag.month, tag.day, stunde, 0, tzinfo=TZ), tick=False)


def historie() -> tuple[int, ...]:
    modelle = (Rapport, Disziplinarverfahren, Disziplinarsanktion, Verfuegung)
    return tuple(m.history.count() for m in modelle)


@pytest.fixture
def leitung_a2(anstalt_a):
    return benutzer("leitung_a2", Rolle.ANSTALTSLEITUNG, anstalt_a)


@pytest.fixture
def fall_a(sachbearbeitung, anstalt_a):
    with reise(date(2026, 8, 20)):
        return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


@pytest.fixture
def verfahren_aug(personal_a, leitung_a, fall_a):
    """A proceeding for an act on 31 August 2026: time-barred after 28 February 2027."""
    with reise(date(2026, 8, 31), 12):
        return verfahren(personal_a, leitung_a, fall_a, tatzeit=TAT)


# --- R-41-5a -------------------------------------------------------------------------------------


@pytest.mark.rule("R-41-5a", "R-0-AUDIT-1")
@pytest.mark.django_db
def test_job_schliesst_verjaehrtes_verfahren_und_hebt_entwurf_auf(verfahren_aug, leitung_a):
    with reise(date(2027, 2, 20)):
        v = entwurf(verfahren_aug, leitung_a)
        v = vfg.zur_genehmigung_vorlegen(verfuegung=v, durch=leitung_a)
    with reise(VERJAEHRUNG, 23):
        assert domain.verjaehrung_eintragen() == Verjaehrungslauf()  # the last day counts fully
    with reise(VERJAEHRUNG + timedelta(days=1), 0):
        assert domain.verjaehrung_eintragen() == Verjaehrungslauf(verfahren=1)
    verfahren_aug.refresh_from_db()
    v.refresh_from_db()
    assert verfahren_aug.status == Verfahrensstatus.VERJAEHRT
    assert verfahren_aug.abgeschlossen_am is not None
    assert v.status == S.AUFGEHOBEN
    assert v.aufhebung_grund.startswith(
        "Die disziplinarische Verfolgung ist am 28.02.2027 verjährt (§ 41 Abs. 5 JVG)"
    )
    for eintrag in (verfahren_aug.history.first(), v.history.first()):
        assert eintrag.history_user.username == "job:disziplinar-verjaehrung"
    assert verfahren_aug.history.first().history_change_reason == "Verjährt am 28.02.2027 (§ 41 Abs. 5 JVG)"


@pytest.mark.rule("R-41-5a")
@pytest.mark.django_db
def test_job_laesst_eroeffnete_verfahren_in_ruhe(verfahren_aug, leitung_a, leitung_a2):
    with reise(date(2027, 2, 20)):
        v = genehmigt(entwurf(verfahren_aug, leitung_a), leitung_a, leitung_a2)
        # Notified through the shared lifecycle directly (not the module's wrapper): the module's
        # Eröffnung hook still decides the proceeding, and the job leaves it alone.
        vfg.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=leitung_a)
    assert domain.verjaehrung_eintragen(heute=date(2027, 6, 1)) == Verjaehrungslauf()
    verfahren_aug.refresh_from_db()
    assert verfahren_aug.status == Verfahrensstatus.ENTSCHIEDEN


@pytest.mark.rule("R-41-5a")
@pytest.mark.django_db
def test_job_pagt_in_batches_und_holt_alles_nach(personal_a, leitung_a, fall_a):
    with reise(date(2026, 8, 31), 12):
        for _ in range(3):
            verfahren(personal_a, leitung_a, fall_a, tatzeit=TAT)
    # A missed run catches up: long after the date everything overdue is closed, batch by batch.
    assert domain.verjaehrung_eintragen(heute=date(2027, 9, 1), batch=1).verfahren == 3
    assert set(Disziplinarverfahren.objects.values_list("status", flat=True)) == {Verfahrensstatus.VERJAEHRT}


# --- R-41-5b -------------------------------------------------------------------------------------


def _rechtskraeftig(verfahren_aug, leitung_a, leitung_a2, sanktionen):
    with reise(date(2026, 9, 10)):
        v = eroeffnet(verfahren_aug, leitung_a, leitung_a2, sanktionen)
    assert vfg.rechtskraft_eintragen(heute=v.rechtsmittelfrist_ende + timedelta(days=1)) == 1
    v.refresh_from_db()
    return v


@pytest.mark.rule("R-41-5b", "R-0-FRIST-2", "R-0-AUDIT-1")
@pytest.mark.django_db
def test_vollstreckungsverjaehrung_sechs_monate_nach_rechtskraft(verfahren_aug, leitung_a, leitung_a2):
    v = _rechtskraeftig(verfahren_aug, leitung_a, leitung_a2, [SanktionDaten(A.EINSCHLUSS, dauer_tage=3)])
    ende = monatsfrist(v.rechtskraeftig_am, 6).ende
    s = v.disziplinarsanktionen.get()
    # Once binding, the job records the limitation date with its counting method.
    assert domain.verjaehrung_eintragen(heute=v.rechtskraeftig_am) == Verjaehrungslauf(nachgefuehrt=1)
    s.refresh_from_db()
    assert (s.vollstreckungsverjaehrung_am, s.vollstreckungsverjaehrung_methode) == (ende, METHODE_MONATE)
    assert domain.verjaehrung_eintragen(heute=ende) == Verjaehrungslauf()  # the last day counts fully
    with reise(ende + timedelta(days=1)):
        # Even before the job ran, execution is refused.
        with pytest.raises(ValidationError) as e:
            domain.sanktion_vollziehen(sanktion=s, durch=leitung_a)
        assert e.value.message_dict["status"][0].startswith(
            "§ 41 Abs. 5 JVG (R-41-5b): Der Vollzug ist verjährt"
        )
        assert domain.verjaehrung_eintragen() == Verjaehrungslauf(sanktionen=1)
    s.refresh_from_db()
    v.refresh_from_db()
    assert s.status == Sanktionsstatus.VERJAEHRT
    assert s.history.first().history_user.username == "job:disziplinar-verjaehrung"
    # No sanction of the decision can be executed any more: the decision itself is verjährt.
    assert v.status == S.VERJAEHRT


@pytest.mark.rule("R-41-5b")
@pytest.mark.django_db
def test_vollzogene_sanktion_verjaehrt_nicht(verfahren_aug, leitung_a, leitung_a2):
    v = _rechtskraeftig(
        verfahren_aug,
        leitung_a,
        leitung_a2,
        [SanktionDaten(A.VERWEIS), SanktionDaten(A.EINSCHLUSS, dauer_tage=2)],
    )
    verweis, einschluss = v.disziplinarsanktionen.order_by("art")
    with reise(v.rechtskraeftig_am):
        domain.sanktion_vollziehen(sanktion=verweis, durch=leitung_a)
    lauf = domain.verjaehrung_eintragen(heute=monatsfrist(v.rechtskraeftig_am, 6).ende + timedelta(days=1))
    assert lauf == Verjaehrungslauf(sanktionen=1)
    verweis.refresh_from_db()
    einschluss.refresh_from_db()
    v.refresh_from_db()
    assert (verweis.status, einschluss.status) == (Sanktionsstatus.VOLLZOGEN, Sanktionsstatus.VERJAEHRT)
    assert v.status == S.RECHTSKRAEFTIG  # partly executed: the decision stays as it is


@pytest.mark.rule("R-41-5b", "R-0-VFG-3")
@pytest.mark.django_db
def test_vollstreckungsverjaehrung_laeuft_auch_nach_abgewiesener_beschwerde(
    verfahren_aug, leitung_a, leitung_a2, sachbearbeitung
):
    """§ 43 Abs. 2: after a rejected appeal the decision becomes binding when the further appeal deadline
    passes unused; from then on the six months of § 41 Abs. 5 run (before: never, a gap now closed)."""
    with reise(date(2026, 9, 10)):
        v = eroeffnet(verfahren_aug, leitung_a, leitung_a2, [SanktionDaten(A.EINSCHLUSS, dauer_tage=3)])
    with reise(date(2026, 9, 14)):
        vfg.beschwerde_erfassen(verfuegung=v, eingegangen_am=date(2026, 9, 14), durch=sachbearbeitung)
    with reise(date(2026, 10, 5)):
        v.refresh_from_db()
        b = vfg.beschwerdeentscheid_erfassen(
            verfuegung=v,
            ergebnis="abgewiesen",
            am=date(2026, 10, 1),
            zugestellt_am=date(2026, 10, 5),
            durch=sachbearbeitung,
        )
    assert b.weiterzug_frist_ende == date(2026, 10, 26)  # Sunday 25.10. → Monday (R-0-FRIST-1)
    assert vfg.rechtskraft_eintragen(heute=date(2026, 10, 27)) == 1
    v.refresh_from_db()
    assert v.rechtskraeftig_am == date(2026, 10, 27)
    assert domain.verjaehrung_eintragen(heute=date(2026, 10, 27)) == Verjaehrungslauf(nachgefuehrt=1)
    s = v.disziplinarsanktionen.get()
    assert s.vollstreckungsverjaehrung_am == date(2027, 4, 27)


# --- Idempotence and the Celery entry point -------------------------------------------------------


@pytest.mark.rule("R-41-5a", "R-41-5b")
@pytest.mark.django_db
def test_job_idempotent_zweiter_lauf_aendert_nichts(personal_a, leitung_a, leitung_a2, fall_a, verfahren_aug):
    _rechtskraeftig(verfahren_aug, leitung_a, leitung_a2, [SanktionDaten(A.ARREST, dauer_tage=2)])
    with reise(date(2026, 9, 15), 12):
        offen = verfahren(personal_a, leitung_a, fall_a, tatzeit=datetime(2026, 9, 14, 8, 0, tzinfo=TZ))
    heute = date(2027, 9, 1)
    erster = domain.verjaehrung_eintragen(heute=heute)
    assert erster == Verjaehrungslauf(verfahren=1, sanktionen=1)
    vorher = historie()
    assert domain.verjaehrung_eintragen(heute=heute) == Verjaehrungslauf()
    assert domain.verjaehrung_eintragen(heute=heute).gesamt == 0
    assert historie() == vorher
    offen.refresh_from_db()
    assert offen.status == Verfahrensstatus.VERJAEHRT


@pytest.mark.rule("R-41-5a")
@pytest.mark.django_db
def test_celery_task_delegiert_an_den_dienst(verfahren_aug):
    with reise(date(2027, 3, 1)):
        assert tasks.verjaehrung_eintragen() == {"verfahren": 1, "sanktionen": 0, "nachgefuehrt": 0}
        assert tasks.verjaehrung_eintragen() == {"verfahren": 0, "sanktionen": 0, "nachgefuehrt": 0}


# --- Fristenkontrolle (R-0-FRIST-4) ---------------------------------------------------------------


def _eintraege(user, heute):
    return alle_fristen(user, heute=heute, typ=TYP)


@pytest.mark.rule("R-41-5a", "R-0-FRIST-4")
@pytest.mark.django_db
def test_fristenkontrolle_warnt_30_tage_vorher(verfahren_aug, leitung_a, settings):
    settings.JVG_DISZIPLINAR_WARNUNG_TAGE = 30
    (frueh,) = _eintraege(leitung_a, VERJAEHRUNG - timedelta(days=31))
    assert frueh.titel.startswith(
        f"Verfolgungsverjährung Disziplinarverfahren {verfahren_aug.nummer} (Tat vom 31.08.2026"
    )
    assert (frueh.faellig, frueh.regel, frueh.person_id, frueh.anstalt_id) == (
        tagesende(VERJAEHRUNG),
        "R-41-5a",
        verfahren_aug.person_id,
        verfahren_aug.anstalt_id,
    )
    (warnung,) = _eintraege(leitung_a, VERJAEHRUNG - timedelta(days=30))
    assert warnung.titel.startswith("Warnung: Verjährung in 30 Tagen – Verfolgungsverjährung")
    (letzter,) = _eintraege(leitung_a, VERJAEHRUNG)
    assert letzter.titel.startswith("Warnung: Verjährung in 0 Tagen")
    settings.JVG_DISZIPLINAR_WARNUNG_TAGE = 10
    (konfiguriert,) = _eintraege(leitung_a, VERJAEHRUNG - timedelta(days=11))
    assert not konfiguriert.titel.startswith("Warnung")
    # After the job closed it, the deadline is gone.
    domain.verjaehrung_eintragen(heute=VERJAEHRUNG + timedelta(days=1))
    assert _eintraege(leitung_a, VERJAEHRUNG + timedelta(days=1)) == []


@pytest.mark.rule("R-41-5a", "R-0-ROLE-1")
@pytest.mark.django_db
def test_fristenkontrolle_sichtbarkeit(
    verfahren_aug, leitung_a, sachbearbeitung, revision, personal_a, medizin, anstalt_b
):
    leitung_b = benutzer("leitung_b", Rolle.ANSTALTSLEITUNG, anstalt_b)
    heute = date(2026, 12, 1)
    for user in (leitung_a, sachbearbeitung, revision):
        assert [e.regel for e in _eintraege(user, heute)] == ["R-41-5a"]
    for user in (leitung_b, personal_a, medizin):
        assert _eintraege(user, heute) == []


@pytest.mark.rule("R-41-5b", "R-0-FRIST-4")
@pytest.mark.django_db
def test_fristenkontrolle_vollstreckungsverjaehrung(verfahren_aug, leitung_a, leitung_a2):
    v = _rechtskraeftig(
        verfahren_aug,
        leitung_a,
        leitung_a2,
        [SanktionDaten(A.BUSSE, betrag_chf=Decimal("80.00"))],
    )
    ende = monatsfrist(v.rechtskraeftig_am, 6).ende
    (eintrag,) = _eintraege(leitung_a, v.rechtskraeftig_am)
    assert (eintrag.regel, eintrag.faellig) == ("R-41-5b", tagesende(ende))
    assert (
        eintrag.titel
        == f"Vollstreckungsverjährung: Busse (Verfügung {v.nummer}, Verfahren {verfahren_aug.nummer}, § 41 Abs. 5 JVG)"
    )
    assert eintrag.url.endswith(f"#sanktion-{v.disziplinarsanktionen.get().pk}")


@pytest.mark.rule("R-0-FRIST-4")
@pytest.mark.django_db
def test_fristenkontrolle_eine_abfrage_fuer_1_und_20(personal_a, leitung_a, sachbearbeitung, fall_a):
    def anzahl_abfragen(user):
        with CaptureQueriesContext(connection) as ctx:
            eintraege = _eintraege(user, date(2026, 12, 1))
        return len(ctx), len(eintraege)

    verfahren(personal_a, leitung_a, fall_a)
    anzahl_abfragen(sachbearbeitung)  # warm the ContentType cache
    einer = {u.username: anzahl_abfragen(u) for u in (leitung_a, sachbearbeitung)}
    for _ in range(19):
        verfahren(personal_a, leitung_a, fall_a)
    zwanzig = {u.username: anzahl_abfragen(u) for u in (leitung_a, sachbearbeitung)}
    for name in einer:
        assert (einer[name][1], zwanzig[name][1]) == (1, 20)
        assert einer[name][0] == zwanzig[name][0] == 1


# --- The job through a real worker and broker (PITFALLS: eager mode only emulates a worker) -----


@pytest.mark.rule("R-41-5a", "R-0-AUDIT-1")
@pytest.mark.django_db(transaction=True)
def test_verjaehrungsjob_laeuft_ueber_echten_worker_und_broker(
    sachbearbeitung, personal_a, leitung_a, anstalt_a, eigene_warteschlange
):

    from django.utils import timezone

    from jvg_case.celery import app

    # An act more than six months before the real today: the job (real clock) must close it.
    with reise(date(2026, 4, 20)):
        fall = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)
    with reise(date(2026, 5, 10), 12):
        vp = verfahren(personal_a, leitung_a, fall, tatzeit=datetime(2026, 5, 10, 8, 0, tzinfo=TZ))
    assert vp.verjaehrung_am < timezone.localdate()
    with echter_worker(app):
        app.send_task("disziplinar.verjaehrung_eintragen")
        warten_bis(lambda: Disziplinarverfahren.objects.get(pk=vp.pk).status == Verfahrensstatus.VERJAEHRT)
    vp.refresh_from_db()
    assert vp.status == Verfahrensstatus.VERJAEHRT
    assert vp.history.first().history_user.username == "job:disziplinar-verjaehrung"
