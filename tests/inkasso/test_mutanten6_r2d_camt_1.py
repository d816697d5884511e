"""R-2D-CAMT-1: the same camt.054 file imported twice at the same moment books once (issue 25).

The check for an earlier import (`zahlungsimport.py`, `Zahlungsimport.objects.filter(sha256=…)`) cannot see
an import that is still running; the unique hash then stops the second one when it records its import,
and `IntegrityError` becomes the German message «wird gerade importiert». Only reachable with two real
transactions (PostgreSQL); SQLite serialises writers.

The race is made deterministic: the test holds the row lock of the claim that the file pays, so the
first import waits inside its transaction (its record written, not committed) until the second one has
passed the check and waits on the unique index; then the test lets go.
"""

import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction

from inkasso import domain
from inkasso.models import Forderung, Zahlung, Zahlungsimport

from .hilfen import camt, forderung


def _wartende_sperren() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0]


@pytest.mark.rule("R-2D-CAMT-1")
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_zwei_gleichzeitige_importe_derselben_datei_buchen_einmal(sachbearbeitung, sachbearbeitung2):
    if connection.vendor != "postgresql":
        pytest.skip("Zwei echte Transaktionen braucht PostgreSQL; SQLite serialisiert Schreiber.")
    f = forderung(sachbearbeitung, "busse", betrag=Decimal("100.00"))
    inhalt = camt([("B1", "40.00", f.qr_referenz)]).read()
    start = threading.Barrier(2)
    ergebnisse = []

    def importieren_als(user):
        try:
            start.wait()
            imp = domain.camt_importieren(datei=ContentFile(inhalt), dateiname="camt.xml", durch=user)
            ergebnisse.append(("gebucht", imp.gebucht))
        except ValidationError as e:
            ergebnisse.append(("abgelehnt", e.message_dict["datei"][0]))
        except Exception as e:  # noqa: BLE001 (any other outcome is the failure this test reports)
            ergebnisse.append(("fehler", repr(e)))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=importieren_als, args=(u,)) for u in (sachbearbeitung, sachbearbeitung2)
    ]
    with transaction.atomic():
        Forderung.objects.select_for_update().get(pk=f.pk)
        for t in threads:
            t.start()
        frist = time.monotonic() + 30
        while _wartende_sperren() < 2 and time.monotonic() < frist:
            time.sleep(0.05)
        assert _wartende_sperren() == 2  # one on the claim, one on the unique hash of the other's import
    for t in threads:
        t.join(30)

    assert sorted(ergebnisse) == [
        ("abgelehnt", "R-2D-CAMT-1: Diese Datei wird gerade importiert."),
        ("gebucht", 1),
    ]
    assert Zahlungsimport.objects.count() == 1
    assert list(Zahlung.objects.values_list("betrag", flat=True)) == [Decimal("40.00")]
    assert Forderung.objects.get(pk=f.pk).bezahlt == Decimal("40.00")
