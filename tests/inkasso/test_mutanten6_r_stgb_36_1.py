"""R-STGB-36-1 (Art. 36, Art. 106 Abs. 2 und 5 StGB): conversion into an Ersatzfreiheitsstrafe
(issue 25, session 8, helper m6_b).

* `inkasso/domain/umwandlung.py:96`: a claim written off or settled by gemeinnützige Arbeit is not converted.
* `:117`: a claim with balance 0 whose status is still "offen" (paid during gemeinnützige Arbeit, the
  hours logged settle the rest, the revoked work revives it) is refused as paid, no conversion of 0 days.
* `:123`: the Umrechnung in the Verfügung: Tagessätze for a Geldstrafe, proportional days for a Busse.
* `:188/197`: a payment after the Eröffnung counts when the case opens: paid in full → no case; CHF 0.01
  open → one day; the Vollzugsentscheid carries the decision date (approval), not the Eröffnung.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from inkasso import domain
from inkasso.models import Arbeitsstatus, Forderung, Forderungsstatus, Umwandlung
from kern.fristen import TZ
from tests.inkasso.hilfen import forderung
from verfuegungen import domain as verfuegungen
from verfuegungen.recht import EroeffnungArt
from vollzug.models import Vollzugsfall
from vollzug.recht import Sanktionsart

from .test_umwandlung import _verfuegung_durchlaufen

pytestmark = pytest.mark.django_db


def _faellig(sb, art="geldstrafe"):
    """A claim due today (immediate payment ordered, Art. 35 Abs. 2): convertible at once."""
    f = forderung(sb, art)
    domain.sofortige_zahlung_verlangen(forderung=f, begruendung="Wegzug ins Ausland", durch=sb)
    return f


@pytest.mark.rule("R-STGB-36-1")
@pytest.mark.parametrize(
    ("erledigen", "meldung"),
    [
        ("abschreiben", "Die Forderung ist abgeschrieben."),
        ("arbeit", "Die Forderung ist gemeinnützige arbeit."),
    ],
)
def test_abgeschriebene_oder_durch_arbeit_getilgte_forderung_wird_nicht_umgewandelt(
    sachbearbeitung, erledigen, meldung
):
    f = _faellig(sachbearbeitung)
    if erledigen == "abschreiben":
        domain.abschreiben(forderung=f, begruendung="Verlustschein", durch=sachbearbeitung)
    else:
        domain.arbeit_bewilligen(
            forderung=f,
            einsatzbetrieb="Werkhof Kriens",
            frist_bis=timezone.localdate() + timedelta(days=60),
            durch=sachbearbeitung,
        )
    with pytest.raises(ValidationError) as e:
        domain.umwandlung_beantragen(forderung=f, uneinbringlich_grund="Verlustschein", durch=sachbearbeitung)
    assert e.value.message_dict == {"status": [meldung]}
    assert e.value.error_dict["status"][0].code == "status"
    assert Umwandlung.objects.count() == 0


@pytest.mark.rule("R-STGB-36-1")
def test_saldo_null_mit_status_offen_wird_nicht_in_null_tage_umgewandelt(sachbearbeitung, sachbearbeitung2):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
    with time_machine.travel(start, tick=False):
        # CHF 400 = 5 Tagessätze of CHF 80 → 20 hours of work.
        f = forderung(sachbearbeitung, tagessaetze=5, tagessatz=Decimal("80.00"))
        a = domain.arbeit_bewilligen(
            forderung=f,
            einsatzbetrieb="Werkhof Kriens",
            frist_bis=date(2026, 5, 1),
            durch=sachbearbeitung,
        )
        domain.zahlung_erfassen(
            forderung=f, betrag=Decimal("100.00"), valuta=timezone.localdate(), durch=sachbearbeitung
        )
        # 16 of 20 hours: 4 days worth CHF 320 settle the CHF 300 still open.
        domain.einsatz_erfassen(
            arbeit=a, datum=timezone.localdate(), stunden=Decimal("16"), durch=sachbearbeitung
        )
        a = domain.arbeit_widerrufen(arbeit=a, begruendung="Nicht mehr erschienen", durch=sachbearbeitung)
        _verfuegung_durchlaufen(a.widerruf_verfuegung, sachbearbeitung, sachbearbeitung2)
    f.refresh_from_db()
    a.refresh_from_db()
    assert (a.status, f.status, f.saldo) == (
        Arbeitsstatus.WIDERRUFEN,
        Forderungsstatus.OFFEN,
        Decimal("0.00"),
    )
    with time_machine.travel(start + timedelta(days=1), tick=False), pytest.raises(ValidationError) as e:
        domain.umwandlung_beantragen(forderung=f, uneinbringlich_grund="Verlustschein", durch=sachbearbeitung)
    assert e.value.message_dict == {"status": ["Die Forderung ist bezahlt."]}
    assert e.value.error_dict["status"][0].code == "bezahlt"
    assert Umwandlung.objects.count() == 0


@pytest.mark.rule("R-STGB-36-1")
@pytest.mark.parametrize(
    ("art", "umrechnung"),
    [
        (
            "geldstrafe",
            "Umrechnung: 10 Tagessätze zu CHF 100.00; offen CHF 1'000.00 = 10 Tage "
            "(ein Tagessatz = ein Tag, Art. 36 Abs. 1 StGB).",
        ),
        (
            "busse",
            "Umrechnung: Busse CHF 1'000.00 mit 10 Tagen Ersatzfreiheitsstrafe; offen CHF 1'000.00 = 10 Tage "
            "(anteilsmässig, Art. 106 Abs. 2 und 5 StGB).",
        ),
    ],
)
def test_umrechnung_in_der_verfuegung_nach_art_der_forderung(sachbearbeitung, art, umrechnung):
    f = _faellig(sachbearbeitung, art)
    u = domain.umwandlung_beantragen(forderung=f, uneinbringlich_grund="Verlustschein", durch=sachbearbeitung)
    v = Umwandlung.objects.get(pk=u.pk).verfuegung
    assert v.begruendung == f"Die Forderung ist uneinbringlich: Verlustschein\n\n{umrechnung}"
    assert u.tage == 10


@pytest.mark.rule("R-STGB-36-1", grenze=True)
@pytest.mark.parametrize(("zahlung", "tage"), [("1000.00", None), ("999.99", 1)])
def test_zahlung_nach_eroeffnung_zaehlt_bei_der_fallerfassung_grenze(
    sachbearbeitung, sachbearbeitung2, zahlung, tage
):
    # Approved on Monday 2 March 2026, notified on Tuesday 3 March: the decision date is the approval.
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=TZ), tick=False):
        f = _faellig(sachbearbeitung)
        u = domain.umwandlung_beantragen(
            forderung=f, uneinbringlich_grund="Verlustschein", durch=sachbearbeitung
        )
        v = u.verfuegung
        verfuegungen.zur_genehmigung_vorlegen(verfuegung=v, durch=sachbearbeitung)
        verfuegungen.genehmigen(verfuegung=v, durch=sachbearbeitung2)
    assert u.tage == 10
    with time_machine.travel(datetime(2026, 3, 3, 9, 0, tzinfo=TZ), tick=False):
        verfuegungen.eroeffnen(verfuegung=v, art=EroeffnungArt.EINSCHREIBEN, durch=sachbearbeitung)
        domain.zahlung_erfassen(
            forderung=f, betrag=Decimal(zahlung), valuta=timezone.localdate(), durch=sachbearbeitung
        )
    with time_machine.travel(datetime(2026, 4, 10, 9, 0, tzinfo=TZ), tick=False):
        assert verfuegungen.rechtskraft_eintragen() == 1
        if tage is None:
            with pytest.raises(ValidationError) as e:
                domain.vollzugsfall_eroeffnen(umwandlung=u, durch=sachbearbeitung)
        else:
            domain.vollzugsfall_eroeffnen(umwandlung=u, durch=sachbearbeitung)
    u = Umwandlung.objects.get(pk=u.pk)
    f = Forderung.objects.get(pk=f.pk)
    if tage is None:
        assert e.value.message_dict == {
            "fall": ["Die Forderung ist inzwischen bezahlt: keine Ersatzfreiheitsstrafe."]
        }
        assert (u.fall_id, u.tage, Vollzugsfall.objects.count()) == (None, 10, 0)
        assert f.status == Forderungsstatus.BEZAHLT
        return
    assert (u.tage, u.sanktion.art, u.sanktion.dauer_tage) == (1, Sanktionsart.ERSATZFREIHEITSSTRAFE, 1)
    assert u.sanktion.bemerkung == f"Umwandlung Forderung {f.nummer} (Art. 36 StGB)"
    entscheid = u.fall.entscheide.get()
    assert (entscheid.referenz, entscheid.entscheid_datum) == (v.nummer, date(2026, 3, 2))
    assert f.status == Forderungsstatus.UMGEWANDELT
