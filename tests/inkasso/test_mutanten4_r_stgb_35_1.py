"""R-STGB-35-1 (Art. 35 StGB) and R-2D-1, issue 25: the checks of the payment terms and of the intake that
the first mutation run left unproved.

Proves: a claim is recorded on the day of its Rechtskraft and with Rechtskraft on the day of the judgment,
not a day before it, and only with a case of the same person; the QR reference carries year and running
number of the claim; an extension must move the deadline (the same day is refused); an instalment plan has
2 to 24 instalments (1, 25 and a truth value are refused), also over a balance of one franc, numbered from 1, the decision's deadline is the
last instalment's due date, and a later plan deactivates the open instalments of the earlier one.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from inkasso import domain, recht
from inkasso.models import Entscheidart, Forderung, Rate
from kern.fristen import monatsfrist
from kern.qrrechnung import qr_referenz
from tests.factories import fall_anlegen, person_anlegen
from tests.inkasso.hilfen import daten, forderung

pytestmark = pytest.mark.django_db

HEUTE = timezone.localdate


def _meldung(exc, feld: str) -> list[str]:
    return [e.message for e in exc.value.error_dict[feld]]


@pytest.mark.rule("R-STGB-35-1", "R-2D-1", grenze=True)
def test_rechtskraft_heute_und_am_tag_des_entscheids(sachbearbeitung):
    heute = HEUTE()
    f = forderung(sachbearbeitung, entscheid_datum=heute, rechtskraft_am=heute)
    assert (f.entscheid_datum, f.rechtskraft_am) == (heute, heute)
    with pytest.raises(ValidationError) as exc:
        forderung(sachbearbeitung, entscheid_datum=heute, rechtskraft_am=heute - timedelta(days=1))
    assert _meldung(exc, "rechtskraft_am") == ["Die Rechtskraft kann nicht vor dem Entscheid liegen."]
    assert Forderung.objects.count() == 1


@pytest.mark.rule("R-STGB-35-1", "R-2D-1")
def test_fall_nur_derselben_person(sachbearbeitung):
    fall = fall_anlegen(durch=sachbearbeitung)
    fremde = person_anlegen(durch=sachbearbeitung)
    with pytest.raises(ValidationError) as exc:
        domain.forderung_erfassen(person=fremde, daten=daten(), fall=fall, durch=sachbearbeitung)
    assert _meldung(exc, "fall") == ["Der Fall gehört nicht zu dieser Person."]
    assert not Forderung.objects.exists()
    f = domain.forderung_erfassen(person=fall.person, daten=daten(), fall=fall, durch=sachbearbeitung)
    assert Forderung.objects.get().fall_id == fall.pk == f.fall_id


@pytest.mark.rule("R-2D-1", "R-2D-QR-1")
def test_qr_referenz_aus_jahr_und_laufnummer(sachbearbeitung):
    f = forderung(sachbearbeitung)
    jahr, laufnummer = f.nummer.split("-")[1:]
    assert int(jahr) == HEUTE().year
    # Prefix 1 (Forderung), then year and seven-digit running number: IK-2026-00001 → …20260000001.
    assert f.qr_referenz == qr_referenz(recht.QR_PRAEFIX_FORDERUNG, int(jahr) * 10_000_000 + int(laufnummer))
    assert f.qr_referenz[-12:-1] == f"{jahr}{int(laufnummer):07d}"


@pytest.mark.rule("R-STGB-35-1", grenze=True)
def test_erstreckung_auf_denselben_tag_abgelehnt(sachbearbeitung):
    f = forderung(sachbearbeitung, frist_monate=1)
    bisher = f.zahlungsfrist
    with pytest.raises(ValidationError) as exc:
        domain.frist_erstrecken(forderung=f, neue_frist=bisher, begruendung="Gesuch", durch=sachbearbeitung)
    assert _meldung(exc, "neue_frist") == ["Die neue Frist muss nach der bisherigen liegen."]
    assert not f.entscheide.filter(art=Entscheidart.ERSTRECKUNG).exists()
    domain.frist_erstrecken(
        forderung=f, neue_frist=bisher + timedelta(days=1), begruendung="Gesuch", durch=sachbearbeitung
    )
    f.refresh_from_db()
    assert f.zahlungsfrist == bisher + timedelta(days=1)


@pytest.mark.rule("R-STGB-35-1", grenze=True)
def test_zwei_bis_vierundzwanzig_raten(sachbearbeitung):
    f = forderung(sachbearbeitung, "busse", betrag=Decimal("1000.00"))
    for anzahl in (1, 25, True):
        with pytest.raises(ValidationError) as exc:
            domain.raten_bewilligen(
                forderung=f,
                anzahl=anzahl,
                erste_faellig_am=HEUTE(),
                begruendung="Gesuch",
                durch=sachbearbeitung,
            )
        assert _meldung(exc, "anzahl") == ["Art. 35 Abs. 1 StGB: 2 bis 24 Monatsraten."]
    assert not Rate.objects.exists()
    for anzahl in (24, 2):
        domain.raten_bewilligen(
            forderung=f, anzahl=anzahl, erste_faellig_am=HEUTE(), begruendung="Gesuch", durch=sachbearbeitung
        )
    assert Rate.objects.filter(aktiv=False).count() == 24
    assert list(Rate.objects.filter(aktiv=True).values_list("nummer", "betrag")) == [
        (1, Decimal("500.00")),
        (2, Decimal("500.00")),
    ]


@pytest.mark.rule("R-STGB-35-1")
def test_ratenplan_frist_nummern_und_ersatz(sachbearbeitung):
    f = forderung(sachbearbeitung, "busse", betrag=Decimal("100.00"))
    erste = HEUTE() + timedelta(days=3)
    alt = domain.raten_bewilligen(
        forderung=f, anzahl=3, erste_faellig_am=erste, begruendung="Gesuch", durch=sachbearbeitung
    )
    e = f.entscheide.get(art=Entscheidart.RATEN)
    assert (e.auf_gesuch, e.anzahl_raten) == (True, 3)
    assert e.frist_bis == alt[-1].faellig_am == monatsfrist(erste, 2).ende
    assert [(r.nummer, r.faellig_am) for r in alt] == [
        (1, erste),
        (2, monatsfrist(erste, 1).ende),
        (3, monatsfrist(erste, 2).ende),
    ]
    assert [r.history.get().history_change_reason for r in alt] == [
        "Rate 1 von 3",
        "Rate 2 von 3",
        "Rate 3 von 3",
    ]
    assert [r.betrag for r in alt] == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]
    neu = domain.raten_bewilligen(
        forderung=f, anzahl=2, erste_faellig_am=erste, begruendung="Neues Gesuch", durch=sachbearbeitung
    )
    assert set(Rate.objects.filter(aktiv=True).values_list("pk", flat=True)) == {r.pk for r in neu}
    for r in alt:
        r.refresh_from_db()
        assert not r.aktiv
        assert r.history.first().history_change_reason == "Durch neuen Ratenplan ersetzt"


@pytest.mark.rule("R-STGB-35-1", grenze=True)
def test_raten_auch_fuer_einen_franken(sachbearbeitung):
    f = forderung(sachbearbeitung, "verfahrenskosten", betrag=Decimal("1.00"))
    raten = domain.raten_bewilligen(
        forderung=f, anzahl=2, erste_faellig_am=HEUTE(), begruendung="Gesuch", durch=sachbearbeitung
    )
    assert [r.betrag for r in raten] == [Decimal("0.50"), Decimal("0.50")]
    assert Rate.objects.filter(forderung=f, aktiv=True).count() == 2
