"""R-2D-MAHN-1: the configurable reminder sequence (batched, idempotent) before debt enforcement
(Art. 35 Abs. 3 StGB); and gemeinnützige Arbeit (Art. 79a StGB) with its revival."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from inkasso import domain
from inkasso.domain import mahnwesen
from inkasso.models import Arbeitsstatus, Forderungsstatus, Mahnung
from kern.models import Joblauf
from tests.inkasso.hilfen import forderung
from verfuegungen import domain as verfuegungen
from verfuegungen.recht import EroeffnungArt

pytestmark = pytest.mark.django_db


@pytest.mark.rule("R-2D-MAHN-1")
def test_mahnfolge_grenzen_und_idempotent(sachbearbeitung, settings):
    settings.JVG_INKASSO_MAHNFOLGE_TAGE = (10, 30)
    f = forderung(sachbearbeitung)
    frist = f.zahlungsfrist
    assert mahnwesen.mahnlauf(heute=frist + timedelta(days=9)) == 0  # day 9 after the due date: nothing
    assert mahnwesen.mahnlauf(heute=frist + timedelta(days=10)) == 1  # day 10: first reminder
    assert mahnwesen.mahnlauf(heute=frist + timedelta(days=10)) == 0  # second run: nothing twice
    assert mahnwesen.mahnlauf(heute=frist + timedelta(days=29)) == 0
    assert mahnwesen.mahnlauf(heute=frist + timedelta(days=30)) == 1
    assert mahnwesen.mahnlauf(heute=frist + timedelta(days=300)) == 0  # sequence ends: no third
    m = list(Mahnung.objects.order_by("stufe").values_list("stufe", "saldo"))
    assert m == [(1, Decimal("1000.00")), (2, Decimal("1000.00"))]
    f.refresh_from_db()
    assert (f.mahnstufe, f.history.first().history_user.username) == (2, "job:inkasso-mahnlauf")


@pytest.mark.rule("R-2D-MAHN-1")
def test_mahnfolge_konfigurierbar_und_bezahlte_nicht(sachbearbeitung, settings):
    settings.JVG_INKASSO_MAHNFOLGE_TAGE = (5,)
    f = forderung(sachbearbeitung)
    bezahlt = forderung(sachbearbeitung)
    domain.zahlung_erfassen(
        forderung=bezahlt, betrag=bezahlt.betrag, valuta=timezone.localdate(), durch=sachbearbeitung
    )
    assert mahnwesen.mahnlauf(heute=f.zahlungsfrist + timedelta(days=5)) == 1
    assert Mahnung.objects.get().forderung == f


@pytest.mark.rule("R-2D-MAHN-1", "R-STGB-35-1")
def test_betreibung_erst_nach_allen_mahnungen(sachbearbeitung, settings):
    settings.JVG_INKASSO_MAHNFOLGE_TAGE = (10, 30)
    settings.JVG_INKASSO_BETREIBUNG_NACH_TAGEN = 20
    f = forderung(sachbearbeitung)
    mahnwesen.mahnlauf(heute=f.zahlungsfrist + timedelta(days=10))
    with pytest.raises(ValidationError) as exc:
        domain.betreibung_einleiten(
            forderung=f, betreibungsamt="Betreibungsamt Luzern", durch=sachbearbeitung
        )
    assert "Art. 35 Abs. 3 StGB" in exc.value.messages[0]
    heute = timezone.localdate()
    # The second reminder was sent today; the Betreibung is due 20 days later (boundary: 19 / 20).
    mahnwesen.mahnlauf(heute=max(heute, f.zahlungsfrist + timedelta(days=30)))
    f.refresh_from_db()
    assert not mahnwesen.betreibung_faellig(f, f.letzte_mahnung_am + timedelta(days=19))
    assert mahnwesen.betreibung_faellig(f, f.letzte_mahnung_am + timedelta(days=20))
    assert not mahnwesen.betreibung_faellige(f.letzte_mahnung_am + timedelta(days=19)).exists()
    assert list(mahnwesen.betreibung_faellige(f.letzte_mahnung_am + timedelta(days=20))) == [f]


@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("R-2D-MAHN-1")
def test_mahnlauf_als_job_mit_laufprotokoll(sachbearbeitung, settings):
    from inkasso.tasks import mahnlauf

    settings.JVG_INKASSO_MAHNFOLGE_TAGE = (1,)
    assert mahnlauf.name == "inkasso.mahnlauf"
    assert mahnlauf() == 0
    lauf = Joblauf.objects.get(job="inkasso.mahnlauf")
    assert lauf.status == Joblauf.Status.ERFOLGREICH


@pytest.mark.rule("R-STGB-79A-1")
def test_gemeinnuetzige_arbeit_vier_stunden_je_tag_und_wiederaufleben(sachbearbeitung, sachbearbeitung2):
    f = forderung(sachbearbeitung, tagessaetze=5, tagessatz=Decimal("80.00"))  # CHF 400
    domain.zahlung_erfassen(
        forderung=f, betrag=Decimal("100.00"), valuta=timezone.localdate(), durch=sachbearbeitung
    )
    a = domain.arbeit_bewilligen(
        forderung=f,
        einsatzbetrieb="Werkhof Kriens",
        frist_bis=timezone.localdate() + timedelta(days=60),
        durch=sachbearbeitung,
    )
    assert (a.tage, a.stunden_soll) == (3, 12)  # 300 open = 3.75 Tagessätze → 3 days → 12 hours
    heute = timezone.localdate()
    domain.einsatz_erfassen(arbeit=a, datum=heute, stunden=Decimal("3.99"), durch=sachbearbeitung)
    f.refresh_from_db()
    assert f.erlassen == Decimal("0.00")  # not yet a full day
    domain.einsatz_erfassen(arbeit=a, datum=heute, stunden=Decimal("0.01"), durch=sachbearbeitung)
    f.refresh_from_db()
    assert (f.erlassen, f.saldo) == (Decimal("80.00"), Decimal("220.00"))
    with pytest.raises(ValidationError):
        domain.einsatz_erfassen(arbeit=a, datum=heute, stunden=Decimal("8.01"), durch=sachbearbeitung)
    a = domain.arbeit_widerrufen(arbeit=a, begruendung="Nicht erschienen", durch=sachbearbeitung)
    # The revocation is a Verfügung (tests/inkasso/test_widerruf.py); the claim revives at Eröffnung.
    verfuegungen.zur_genehmigung_vorlegen(verfuegung=a.widerruf_verfuegung, durch=sachbearbeitung)
    verfuegungen.genehmigen(verfuegung=a.widerruf_verfuegung, durch=sachbearbeitung2)
    verfuegungen.eroeffnen(
        verfuegung=a.widerruf_verfuegung, art=EroeffnungArt.EINSCHREIBEN, durch=sachbearbeitung
    )
    f.refresh_from_db()
    a.refresh_from_db()
    assert (a.status, f.status, f.saldo) == (
        Arbeitsstatus.WIDERRUFEN,
        Forderungsstatus.OFFEN,
        Decimal("220.00"),
    )


@pytest.mark.rule("R-STGB-79A-1")
def test_gemeinnuetzige_arbeit_geleistet_tilgt(sachbearbeitung):
    f = forderung(sachbearbeitung, "busse", betrag=Decimal("300.00"), efs_tage=3)
    a = domain.arbeit_bewilligen(
        forderung=f,
        einsatzbetrieb="Pfarrei",
        frist_bis=timezone.localdate() + timedelta(days=30),
        durch=sachbearbeitung,
    )
    domain.einsatz_erfassen(
        arbeit=a, datum=timezone.localdate(), stunden=Decimal("12"), durch=sachbearbeitung
    )
    f.refresh_from_db()
    a.refresh_from_db()
    assert (a.status, f.status, f.saldo) == (
        Arbeitsstatus.ERFUELLT,
        Forderungsstatus.BEZAHLT,
        Decimal("0.00"),
    )
