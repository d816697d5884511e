"""`make bench`: import a camt.054 file with N entries (default 10,000) at bounded memory (R-2D-CAMT-1).

Setup (not measured): N claims (bulk, no history – they are the data, not under test) and a camt.054
file on disk with N entries (95 % match a claim, 5 % go to the clarification list), written as a stream.
Then, PITFALLS: "never measure throughput and memory in the same run":
  1. the import through the domain function (check pass + booking pass): wall time and SQL queries;
  2. the parser alone under tracemalloc, for N and 5 N entries: the peak stays flat (streaming), it does
     not grow with the file.
Everything runs in one transaction that is rolled back; the temporary file is removed.
"""

import os
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from decimal import Decimal

from django.core.files import File
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inkasso import camt_beispiel
from inkasso.domain.camt import eintraege_lesen
from inkasso.domain.zahlungsimport import camt_importieren
from inkasso.models import Forderung
from kern.models import Benutzer
from kern.qrrechnung import qr_referenz
from kern.rollen import Rolle
from vollzug.models import Person


class Command(BaseCommand):
    help = "Misst den Import einer camt.054-Datei mit vielen Buchungen (Zeit, Queries, Speicher)."

    def add_arguments(self, parser):
        parser.add_argument("--anzahl", type=int, default=10_000)

    def handle(self, *args, anzahl: int, **options):
        with transaction.atomic():
            self._messen(anzahl)
            transaction.set_rollback(True)

    def _datei(self, anzahl: int, forderungen: list[Forderung]) -> str:
        heute = timezone.localdate()

        def eintraege():
            for i in range(anzahl):
                if i % 20 == 19 or not forderungen:
                    yield f"BENCH-{i:07d}", Decimal("12.35"), heute, ""
                else:
                    f = forderungen[i % len(forderungen)]
                    yield f"BENCH-{i:07d}", Decimal("40.00"), heute, f.qr_referenz

        fd, pfad = tempfile.mkstemp(suffix=".xml")
        with os.fdopen(fd, "w", encoding="utf-8") as ausgabe:
            for teil in camt_beispiel.zeilen(eintraege(), msg_id=f"BENCH-{anzahl}"):
                ausgabe.write(teil)
        return pfad

    def _messen(self, anzahl: int):
        sb = Benutzer.objects.create(username="bench-inkasso", rolle=Rolle.SACHBEARBEITUNG)
        heute = timezone.localdate()
        personen = Person.objects.bulk_create(
            Person(
                personennummer=f"PB-{i:07d}",
                amtlicher_name=f"Bench{i}",
                vorname="Test",
                geschlecht="1",
                geburtsdatum=date(1980, 1, 1),
            )
            for i in range(anzahl)
        )
        forderungen = Forderung.objects.bulk_create(
            Forderung(
                nummer=f"IKB-{i:07d}",
                person=p,
                art="busse",
                behoerde="Bench",
                referenz=f"B {i}",
                entscheid_datum=heute - timedelta(days=60),
                rechtskraft_am=heute - timedelta(days=30),
                efs_tage=10,
                betrag=Decimal("100.00"),
                zahlungsfrist=heute + timedelta(days=30),
                qr_referenz=qr_referenz(9, i),
                erfasst_durch=sb,
                erfasst_am=timezone.now(),
            )
            for i, p in enumerate(personen)
        )
        pfad = self._datei(anzahl, forderungen)
        gross = self._datei(anzahl * 5, [])
        try:
            groesse = os.path.getsize(pfad)
            connection.queries_log.clear()
            with open(pfad, "rb") as roh, CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                imp = camt_importieren(datei=File(roh), dateiname="bench.xml", durch=sb)
                dauer = time.perf_counter() - t
            self.stdout.write(
                f"camt.054 {anzahl} Buchungen ({groesse / 1e6:.1f} MB): {dauer:.2f} s, {anzahl / dauer:.0f} Buchungen/s, "
                f"{len(ctx.captured_queries)} Queries; verbucht {imp.gebucht}, Klärung {imp.zur_klaerung}"
            )
            assert imp.gebucht + imp.zur_klaerung == anzahl
            for name, datei in ((f"{anzahl}", pfad), (f"{anzahl * 5}", gross)):
                with open(datei, "rb") as roh:
                    tracemalloc.start()
                    eintraege_lesen(roh, lambda e: None)
                    _aktuell, spitze = tracemalloc.get_traced_memory()
                    tracemalloc.stop()
                self.stdout.write(
                    f"Parser (Prüfdurchlauf) {name} Buchungen ({os.path.getsize(datei) / 1e6:.1f} MB): Spitze {spitze / 1024:.0f} KiB"
                )
        finally:
            os.remove(pfad)
            os.remove(gross)
