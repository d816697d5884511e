"""§ 25 JVG Sicherheitshaft: order (R-25-1), the 48-hour deadline to the minute across DST (R-0-FRIST-3),
filing (R-25-2), court decision and end, permissions."""

from datetime import UTC, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kern.fristen import TZ
from zwangsmassnahmen import domain
from zwangsmassnahmen.models import Sicherheitshaft
from zwangsmassnahmen.recht import GerichtEntscheid, Haftstatus, Haftvariante

from .hilfen import fall_anlegen, haft_anordnen, haft_daten, reise, zeit

pytestmark = pytest.mark.django_db


@pytest.fixture
def fall(sachbearbeitung, anstalt_a):
    with reise(zeit(2026, 3, 1)):
        return fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_a)


def lokal(wert):
    return timezone.localtime(wert, TZ).strftime("%d.%m.%Y %H:%M")


# --- R-25-1 ---------------------------------------------------------------------------------------


@pytest.mark.rule("R-25-1")
def test_haft_ohne_haftgrund_abgelehnt(sachbearbeitung, fall, anstalt_a):
    with reise(zeit(2026, 3, 10)), pytest.raises(ValidationError) as fehler:
        haft_anordnen(sachbearbeitung, fall, zeit(2026, 3, 10, 8), anstalt_a, grund_flucht=False)
    meldung = fehler.value.message_dict["gruende"][0]
    assert "§ 25 Abs. 1 JVG" in meldung and "R-25-1" in meldung
    assert Sicherheitshaft.objects.count() == 0


@pytest.mark.rule("R-25-1")
def test_haft_braucht_verfahren_und_wahrscheinlichkeit(sachbearbeitung, fall, anstalt_a):
    with reise(zeit(2026, 3, 10)), pytest.raises(ValidationError) as fehler:
        haft_anordnen(
            sachbearbeitung,
            fall,
            zeit(2026, 3, 10, 8),
            anstalt_a,
            verfahren_referenz=" ",
            wahrscheinlichkeit="",
        )
    assert set(fehler.value.message_dict) == {"verfahren_referenz", "wahrscheinlichkeit"}
    assert "Art. 363 ff. StPO" in fehler.value.message_dict["verfahren_referenz"][0]


@pytest.mark.rule("R-25-1", "R-25-2")
def test_haft_mit_grund_a_wird_angeordnet(sachbearbeitung, fall, anstalt_a):
    with reise(zeit(2026, 3, 10)):
        haft = haft_anordnen(
            sachbearbeitung,
            fall,
            zeit(2026, 3, 10, 8, 5),
            anstalt_a,
            grund_flucht=False,
            grund_oeffentlichkeit=True,
        )
    assert haft.gruende == ["a"]
    assert haft.status == Haftstatus.IN_HAFT
    assert lokal(haft.frist_ende) == "12.03.2026 08:05"
    assert haft.frist_methode == "stunden_absolut_v1"
    assert haft.nummer == "SH-2026-00001"
    assert haft.history.get().history_user == sachbearbeitung


@pytest.mark.rule("R-25-2", "R-0-BAD-1")
def test_festnahme_in_der_zukunft_abgelehnt(sachbearbeitung, fall, anstalt_a):
    with reise(zeit(2026, 3, 10, 8)), pytest.raises(ValidationError) as fehler:
        haft_anordnen(sachbearbeitung, fall, zeit(2026, 3, 10, 8, 1), anstalt_a)
    assert "in der Zukunft" in fehler.value.message_dict["festnahme_am"][0]


@pytest.mark.rule("R-25-2")
def test_haft_ohne_festnahme_oder_haftort_abgelehnt(sachbearbeitung, fall, anstalt_a):
    with reise(zeit(2026, 3, 10)):
        with pytest.raises(ValidationError) as fehler:
            haft_anordnen(sachbearbeitung, fall, None, anstalt_a)
        assert "48 Stunden" in fehler.value.message_dict["festnahme_am"][0]
        with pytest.raises(ValidationError) as fehler:
            haft_anordnen(sachbearbeitung, fall, zeit(2026, 3, 10, 8), None)
        assert "§ 25 Abs. 4 JVG" in fehler.value.message_dict["anstalt"][0]


@pytest.mark.rule("R-25-1")
def test_nach_einleitung_des_verfahrens_nur_antrag_an_verfahrensleitung(sachbearbeitung, fall, anstalt_a):
    with reise(zeit(2026, 3, 10)), pytest.raises(ValidationError) as fehler:
        haft_anordnen(
            sachbearbeitung,
            fall,
            zeit(2026, 3, 10, 8),
            anstalt_a,
            verfahren_eingeleitet_am=zeit(2026, 3, 2).date(),
        )
    assert "§ 25 Abs. 3 JVG" in fehler.value.message_dict["variante"][0]

    with reise(zeit(2026, 3, 10)):
        haft = domain.sicherheitshaft_anordnen(
            fall=fall,
            daten=haft_daten(
                variante=Haftvariante.ANTRAG_VERFAHRENSLEITUNG,
                verfahren_eingeleitet_am=zeit(2026, 3, 2).date(),
                antrag_referenz="VL 26 7",
            ),
            durch=sachbearbeitung,
        )
    assert haft.status == Haftstatus.BEANTRAGT
    assert haft.frist_ende is None and haft.festnahme_am is None
    assert lokal(haft.antrag_am) == "10.03.2026 10:00"


@pytest.mark.rule("R-25-1")
def test_abs3_ohne_eingeleitetes_verfahren_abgelehnt(sachbearbeitung, fall):
    with reise(zeit(2026, 3, 10)), pytest.raises(ValidationError) as fehler:
        domain.sicherheitshaft_anordnen(
            fall=fall, daten=haft_daten(variante=Haftvariante.ANTRAG_VERFAHRENSLEITUNG), durch=sachbearbeitung
        )
    assert "§ 25 Abs. 3 JVG" in fehler.value.message_dict["verfahren_eingeleitet_am"][0]


@pytest.mark.rule("R-0-ROLE-1")
def test_nur_sachbearbeitung_ordnet_haft_an(personal_a, leitung_a, fall, anstalt_a):
    for user in (personal_a, leitung_a):
        with reise(zeit(2026, 3, 10)), pytest.raises(PermissionDenied):
            haft_anordnen(user, fall, zeit(2026, 3, 10, 8), anstalt_a)


# --- R-0-FRIST-3: 48 hours to the minute across DST -------------------------------------------------


@pytest.mark.rule("R-0-FRIST-3", "R-25-2")
def test_frist_ueber_beginn_der_sommerzeit(sachbearbeitung, fall, anstalt_a):
    # Saturday 28.03.2026 01:30; on Sunday 29.03. 02:00 the clocks jump to 03:00: 48 real hours end
    # on Monday 30.03.2026 at 02:30 local time, not 01:30.
    with reise(zeit(2026, 3, 28, 1, 45)):
        haft = haft_anordnen(sachbearbeitung, fall, zeit(2026, 3, 28, 1, 30), anstalt_a)
    assert lokal(haft.frist_ende) == "30.03.2026 02:30"
    # Real elapsed time (in UTC; Python subtracts same-zone datetimes on the wall clock).
    assert haft.frist_ende.astimezone(UTC) - haft.festnahme_am.astimezone(UTC) == timedelta(hours=48)


@pytest.mark.rule("R-0-FRIST-3", "R-25-2")
def test_frist_ueber_ende_der_sommerzeit(sachbearbeitung, fall, anstalt_a):
    # Saturday 24.10.2026 01:30; on Sunday 25.10. 03:00 the clocks go back to 02:00: 48 real hours end
    # on Monday 26.10.2026 at 00:30 local time.
    with reise(zeit(2026, 10, 24, 1, 45)):
        haft = haft_anordnen(sachbearbeitung, fall, zeit(2026, 10, 24, 1, 30), anstalt_a)
    assert lokal(haft.frist_ende) == "26.10.2026 00:30"


@pytest.mark.rule("R-0-FRIST-3", "R-25-2")
def test_ueberfaellig_erst_nach_48_stunden(sachbearbeitung, fall, anstalt_a):
    festnahme = zeit(2026, 3, 10, 8)
    with reise(festnahme + timedelta(minutes=5)):
        haft = haft_anordnen(sachbearbeitung, fall, festnahme, anstalt_a)
    assert not domain.ist_ueberfaellig(haft, festnahme + timedelta(hours=48, minutes=-1))
    assert not domain.ist_ueberfaellig(haft, festnahme + timedelta(hours=48))
    assert domain.ist_ueberfaellig(haft, festnahme + timedelta(hours=48, minutes=1))


# --- Filing (R-25-2) -------------------------------------------------------------------------------


@pytest.mark.rule("R-25-2")
def test_antrag_rechtzeitig_und_verspaetet(sachbearbeitung, fall, anstalt_a, anstalt_b):
    festnahme = zeit(2026, 3, 10, 8)
    with reise(festnahme + timedelta(minutes=5)):
        haft = haft_anordnen(sachbearbeitung, fall, festnahme, anstalt_a)
    with reise(festnahme + timedelta(hours=49)):
        domain.antrag_erfassen(
            haft=haft,
            antrag_am=festnahme + timedelta(hours=48, minutes=-1),
            referenz="ZMG 1",
            durch=sachbearbeitung,
        )
    haft.refresh_from_db()
    assert haft.status == Haftstatus.BEANTRAGT and haft.antrag_verspaetet is False

    zweiter = fall_anlegen(durch=sachbearbeitung, eingewiesen_in=anstalt_b)
    with reise(festnahme + timedelta(minutes=5)):
        spaet = haft_anordnen(sachbearbeitung, zweiter, festnahme, anstalt_b)
    with reise(festnahme + timedelta(hours=50)):
        domain.antrag_erfassen(
            haft=spaet,
            antrag_am=festnahme + timedelta(hours=48, minutes=1),
            referenz="ZMG 2",
            durch=sachbearbeitung,
        )
    spaet.refresh_from_db()
    # Recorded, but flagged late.
    assert spaet.status == Haftstatus.BEANTRAGT and spaet.antrag_verspaetet is True
    assert "verspätet" in spaet.history.first().history_change_reason


@pytest.mark.rule("R-25-2", "R-0-BAD-1")
def test_antrag_vor_festnahme_oder_in_zukunft_abgelehnt(sachbearbeitung, fall, anstalt_a):
    festnahme = zeit(2026, 3, 10, 8)
    with reise(festnahme + timedelta(hours=2)):
        haft = haft_anordnen(sachbearbeitung, fall, festnahme, anstalt_a)
        with pytest.raises(ValidationError) as fehler:
            domain.antrag_erfassen(
                haft=haft, antrag_am=festnahme - timedelta(minutes=1), referenz="ZMG", durch=sachbearbeitung
            )
        assert "vor der Festnahme" in fehler.value.message_dict["antrag_am"][0]
        with pytest.raises(ValidationError) as fehler:
            domain.antrag_erfassen(
                haft=haft, antrag_am=festnahme + timedelta(hours=3), referenz="ZMG", durch=sachbearbeitung
            )
        assert "in der Zukunft" in fehler.value.message_dict["antrag_am"][0]
        with pytest.raises(ValidationError) as fehler:
            domain.antrag_erfassen(
                haft=haft, antrag_am=festnahme + timedelta(hours=1), referenz="", durch=sachbearbeitung
            )
        assert "antrag_referenz" in fehler.value.message_dict
    haft.refresh_from_db()
    assert haft.status == Haftstatus.IN_HAFT and haft.antrag_am is None


def test_gericht_lehnt_ab_haft_beendet(sachbearbeitung, fall, anstalt_a):
    festnahme = zeit(2026, 3, 10, 8)
    with reise(festnahme + timedelta(hours=30)):
        haft = haft_anordnen(sachbearbeitung, fall, festnahme, anstalt_a)
        domain.antrag_erfassen(
            haft=haft, antrag_am=festnahme + timedelta(hours=20), referenz="Z", durch=sachbearbeitung
        )
        with pytest.raises(ValidationError):
            domain.gerichtsentscheid_erfassen(
                haft=haft,
                entscheid=GerichtEntscheid.ABGELEHNT,
                am=festnahme + timedelta(hours=19),
                durch=sachbearbeitung,
            )
        domain.gerichtsentscheid_erfassen(
            haft=haft,
            entscheid=GerichtEntscheid.ABGELEHNT,
            am=festnahme + timedelta(hours=29),
            durch=sachbearbeitung,
        )
    haft.refresh_from_db()
    assert haft.status == Haftstatus.BEENDET
    assert haft.beendet_am == festnahme + timedelta(hours=29)
    with reise(festnahme + timedelta(hours=31)), pytest.raises(ValidationError):
        domain.haft_beenden(haft=haft, am=festnahme + timedelta(hours=30), grund="x", durch=sachbearbeitung)


def test_haft_beenden_vor_antrag(sachbearbeitung, fall, anstalt_a):
    festnahme = zeit(2026, 3, 10, 8)
    with reise(festnahme + timedelta(hours=5)):
        haft = haft_anordnen(sachbearbeitung, fall, festnahme, anstalt_a)
        with pytest.raises(ValidationError) as fehler:
            domain.haft_beenden(
                haft=haft, am=festnahme + timedelta(hours=4), grund=" ", durch=sachbearbeitung
            )
        assert "beendet_grund" in fehler.value.message_dict
        domain.haft_beenden(
            haft=haft, am=festnahme + timedelta(hours=4), grund="Entlassen", durch=sachbearbeitung
        )
    haft.refresh_from_db()
    assert haft.status == Haftstatus.BEENDET
    assert not domain.ist_ueberfaellig(haft, festnahme + timedelta(hours=60))
