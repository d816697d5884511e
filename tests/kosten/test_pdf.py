"""PDF of a statement (R-KOST-1): the generic renderer with the secure fetcher, and the long
statement through a real Celery worker and broker (PITFALLS: WeasyPrint, Celery)."""

import hashlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from kern import pdf
from kosten import domain
from kosten.models import Abrechnung
from kosten.recht import Zahler
from tests.conftest import echter_worker, warten_bis
from tests.factories import fall_anlegen
from tests.kosten.hilfen import position
from vollzug.recht import Vollzugsform


@pytest.mark.rule("R-KOST-1")
def test_render_pdf_generisch_nutzt_den_sicheren_fetcher(sachbearbeitung, anstalt_a):
    domain.kostgeld_erfassen(
        anstalt=anstalt_a,
        vollzugsform=Vollzugsform.NORMALVOLLZUG,
        gueltig_ab=date(2020, 1, 1),
        betrag=Decimal("285.00"),
        durch=sachbearbeitung,
    )
    fall_anlegen(
        durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=timezone.now() - timedelta(days=5)
    )
    heute = timezone.localdate()
    a = domain.abrechnung_erstellen(
        zahler=Zahler.KANTON, von=heute - timedelta(days=10), bis=heute, durch=sachbearbeitung
    )
    kontext = domain.pdf_kontext(a)
    assert [len(f["zeilen"]) for f in kontext["faelle"]] == [1]
    inhalt = domain.pdf_rendern(a)
    assert inhalt.startswith(b"%PDF")
    # The fetcher of kern.pdf refuses anything outside the static folder.
    with pytest.raises(pdf.ZugriffVerweigert):
        pdf.statische_datei("file:///etc/passwd")


@pytest.mark.rule("R-KOST-1", "R-0-AUDIT-1")
@pytest.mark.django_db(transaction=True)
def test_langes_pdf_ueber_echten_worker_und_broker(
    settings, sachbearbeitung, anstalt_a, eigene_warteschlange
):
    from jvg_case.celery import app
    from kern.models import Benutzer

    settings.JVG_KOSTEN_PDF_SYNCHRON_MAX_ZEILEN = 2
    for _ in range(3):
        fall = fall_anlegen(
            durch=sachbearbeitung, eingewiesen_in=anstalt_a, eingewiesen_am=timezone.now() - timedelta(days=5)
        )
        position(fall, sachbearbeitung, kategorie="46b", datum=timezone.localdate())
    with echter_worker(app):
        heute = timezone.localdate()
        a = domain.abrechnung_erstellen(
            zahler=Zahler.KANTON, von=heute - timedelta(days=3), bis=heute, durch=sachbearbeitung
        )
        assert not domain.pdf_synchron_moeglich(a)
        assert warten_bis(lambda: bool(Abrechnung.objects.get(pk=a.pk).pdf_sha256))
    a = Abrechnung.objects.get(pk=a.pk)
    inhalt = a.pdf.read()
    assert inhalt.startswith(b"%PDF") and a.pdf_sha256 == hashlib.sha256(inhalt).hexdigest()
    # The job is the actor of the stored PDF (R-0-AUDIT-1).
    assert a.history.first().history_user == Benutzer.objects.get(username="job:kosten-abrechnung-pdf")
