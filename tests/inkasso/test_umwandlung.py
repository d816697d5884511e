"""R-STGB-36-1: conversion into an Ersatzfreiheitsstrafe – the rounding of part days at its boundary,
the Verfügung of the shared lifecycle, the case opened through `fall_erfassen`, and payment afterwards
reducing the days (Art. 36 Abs. 1 StGB)."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from inkasso import domain
from inkasso.domain.umwandlung import tage_fuer
from inkasso.models import Forderung, Forderungsstatus
from tests.inkasso.hilfen import forderung, importieren
from verfuegungen import domain as verfuegungen
from verfuegungen.recht import EroeffnungArt, Verfuegungsstatus, Verfuegungstyp
from vollzug.recht import Sanktionsart

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Zurich")


def _geldstrafe(tagessatz="100.00", tagessaetze=10):
    return Forderung(
        art="geldstrafe",
        tagessaetze=tagessaetze,
        tagessatz=Decimal(tagessatz),
        betrag=Decimal(tagessatz) * tagessaetze,
    )


def _busse(betrag="1000.00", tage=10):
    return Forderung(art="busse", betrag=Decimal(betrag), efs_tage=tage)


@pytest.mark.rule("R-STGB-36-1")
@pytest.mark.parametrize(
    ("offen", "tage"),
    [
        ("0.00", 0),
        ("0.01", 1),
        ("99.99", 1),
        ("100.00", 1),
        ("100.01", 1),
        ("199.99", 1),
        ("200.00", 2),
        ("1000.00", 10),
    ],
)
def test_geldstrafe_ein_tagessatz_ein_tag_teiltage_abgerundet_mindestens_einer(offen, tage):
    assert tage_fuer(_geldstrafe(), Decimal(offen)) == tage


@pytest.mark.rule("R-STGB-36-1")
@pytest.mark.parametrize(
    ("offen", "tage"),
    # Busse CHF 1000 with 30 days: CHF 33.33… per day.
    [("33.33", 1), ("33.34", 1), ("66.66", 1), ("66.67", 2), ("999.99", 29), ("1000.00", 30)],
)
def test_busse_anteilsmaessig_nach_urteil(offen, tage):
    assert tage_fuer(_busse(tage=30), Decimal(offen)) == tage


def _verfuegung_durchlaufen(v, sb, sb2):
    verfuegungen.zur_genehmigung_vorlegen(verfuegung=v, durch=sb)
    verfuegungen.genehmigen(verfuegung=v, durch=sb2)
    return verfuegungen.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sb)


@pytest.mark.rule("R-STGB-36-1")
def test_umwandlung_verfuegung_fall_und_zahlung_verkuerzt(sachbearbeitung, sachbearbeitung2):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
    with time_machine.travel(start, tick=False):
        f = forderung(sachbearbeitung, tagessaetze=10, tagessatz=Decimal("100.00"))
        with pytest.raises(ValidationError) as exc:
            domain.umwandlung_beantragen(
                forderung=f, uneinbringlich_grund="Verlustschein", durch=sachbearbeitung
            )
        assert exc.value.error_dict["status"][0].code == "frist_laeuft"
        domain.sofortige_zahlung_verlangen(
            forderung=f, begruendung="Wegzug ins Ausland", durch=sachbearbeitung
        )
        domain.zahlung_erfassen(
            forderung=f, betrag=Decimal("350.00"), valuta=timezone.localdate(), durch=sachbearbeitung
        )
        with pytest.raises(ValidationError):
            domain.umwandlung_beantragen(forderung=f, uneinbringlich_grund="  ", durch=sachbearbeitung)
        u = domain.umwandlung_beantragen(
            forderung=f, uneinbringlich_grund="Verlustschein vom 1.3.", durch=sachbearbeitung
        )
        assert (u.tage, u.offen_betrag) == (6, Decimal("650.00"))  # 6.5 Tagessätze → 6 days
        v = u.verfuegung
        assert (v.typ, v.status, v.person_id) == (
            Verfuegungstyp.BUNDESRECHT,
            Verfuegungsstatus.ENTWURF,
            f.person_id,
        )
        assert "6 Tagen" in v.dispositiv and "Art. 36" in v.rechtsgrundlage
        _verfuegung_durchlaufen(v, sachbearbeitung, sachbearbeitung2)
        # Federal-law decision with suspensive effect: not enforceable before Rechtskraft (§ 44 JVG).
        with pytest.raises(ValidationError) as exc:
            domain.vollzugsfall_eroeffnen(umwandlung=u, durch=sachbearbeitung)
        assert exc.value.error_dict["verfuegung"][0].code == "nicht_vollstreckbar"
    with time_machine.travel(start + timedelta(days=30), tick=False):
        assert verfuegungen.rechtskraft_eintragen() == 1
        # A payment before the case opens already counts: 650 - 150 = 500 → 5 days.
        domain.zahlung_erfassen(
            forderung=f, betrag=Decimal("150.00"), valuta=timezone.localdate(), durch=sachbearbeitung
        )
        u = domain.vollzugsfall_eroeffnen(umwandlung=u, durch=sachbearbeitung)
        sanktion = u.sanktion
        assert (sanktion.art, sanktion.dauer_tage, u.tage) == (Sanktionsart.ERSATZFREIHEITSSTRAFE, 5, 5)
        assert u.fall.person_id == f.person_id and u.fall.entscheide.get().referenz == v.nummer
        f.refresh_from_db()
        assert f.status == Forderungsstatus.UMGEWANDELT
        with pytest.raises(ValidationError):
            domain.vollzugsfall_eroeffnen(umwandlung=u, durch=sachbearbeitung)
        # Art. 36 Abs. 1: payment during execution reduces the days; boundary: 0.01 short of a day.
        # … here through the bank's camt.054 file.
        importieren(sachbearbeitung, [("U-1", "99.99", f.qr_referenz)])
        sanktion.refresh_from_db()
        assert sanktion.dauer_tage == 4  # 400.01 open → 4 days (part day rounded down)
        letzte = sanktion.history.first()
        assert letzte.history_user == sachbearbeitung and "Art. 36 Abs. 1" in letzte.history_change_reason
        domain.zahlung_erfassen(
            forderung=f, betrag=Decimal("400.01"), valuta=timezone.localdate(), durch=sachbearbeitung
        )
        sanktion.refresh_from_db()
        f.refresh_from_db()
        assert (sanktion.dauer_tage, f.status, f.saldo) == (0, Forderungsstatus.BEZAHLT, Decimal("0.00"))


@pytest.mark.rule("R-STGB-36-1")
def test_nur_geldstrafe_und_busse_werden_umgewandelt(sachbearbeitung):
    f = forderung(sachbearbeitung, "ersatzforderung")
    with pytest.raises(ValidationError) as exc:
        domain.umwandlung_beantragen(forderung=f, uneinbringlich_grund="Verlustschein", durch=sachbearbeitung)
    assert "Art. 36 StGB" in exc.value.error_dict["art"][0].message
