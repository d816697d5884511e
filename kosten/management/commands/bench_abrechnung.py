"""`make bench`: a cost statement of the canton over N cases (accrual, lines, PDF, CSV, pages, API).

Everything runs inside one transaction that is rolled back; the PDF is rendered in memory (not stored),
so neither the database nor the media folder changes. Figures: wall time, SQL queries, PDF size.
"""

import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kern.models import Benutzer
from kern.rollen import Rolle
from kosten import domain
from kosten.recht import Zahler
from vollzug import domain as vollzug_services
from vollzug.models import Anstalt
from vollzug.recht import Entscheidart, Sanktionsart, Traegerschaft, Vollzugsform


class Command(BaseCommand):
    help = "Misst eine Kostenabrechnung über viele Fälle inkl. PDF (Transaktion wird zurückgerollt)."

    def add_arguments(self, parser):
        parser.add_argument("--faelle", type=int, default=1000)

    def handle(self, *args, faelle: int, **options):
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        # The PDF is measured here synchronously; no task is queued for it.
        settings.JVG_KOSTEN_PDF_SYNCHRON_MAX_ZEILEN = 10**9
        with transaction.atomic():
            self._messen(faelle)
            transaction.set_rollback(True)

    def _zeit(self, text, funktion):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            ergebnis = funktion()
            dauer = time.perf_counter() - t
        self.stdout.write(f"{text:<44} {dauer:7.2f} s, {len(ctx.captured_queries)} Queries")
        return ergebnis

    def _messen(self, anzahl: int):
        sb = Benutzer.objects.create(username="bench-kosten", rolle=Rolle.SACHBEARBEITUNG)
        anstalten = [
            Anstalt.objects.create(
                name=f"Bench-JVA {i}", kurzname=f"bk{i}", ort="Luzern", traegerschaft=Traegerschaft.KANTONAL
            )
            for i in range(2)
        ]
        heute = timezone.localdate()
        beginn = heute.replace(day=1) - timedelta(days=1)
        von = beginn.replace(day=1)  # the previous month: a full month of accrual per case
        for anstalt in anstalten:
            domain.kostgeld_erfassen(
                anstalt=anstalt,
                vollzugsform=Vollzugsform.NORMALVOLLZUG,
                gueltig_ab=date(2020, 1, 1),
                betrag=Decimal("285.35"),
                durch=sb,
            )
            # A rate change in the middle of the period: two lines per case.
            domain.kostgeld_erfassen(
                anstalt=anstalt,
                vollzugsform=Vollzugsform.NORMALVOLLZUG,
                gueltig_ab=von + timedelta(days=14),
                betrag=Decimal("292.55"),
                durch=sb,
            )
        t0 = time.perf_counter()
        for i in range(anzahl):
            person = vollzug_services.person_erfassen(
                amtlicher_name=f"Kosten{i}",
                vorname="Test",
                geschlecht="1",
                geburtsdatum=date(1980, 1, 1),
                durch=sb,
            )
            fall = vollzug_services.fall_erfassen(
                person=person,
                entscheid=vollzug_services.EntscheidDaten(
                    art=Entscheidart.URTEIL,
                    behoerde="Bench",
                    referenz=f"K{i}",
                    entscheid_datum=date(2020, 1, 1),
                    rechtskraft_am=date(2020, 1, 2),
                ),
                sanktionen=[
                    vollzug_services.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_monate=11)
                ],
                eingang_am=von - timedelta(days=40),
                durch=sb,
            )
            vollzug_services.einweisen(
                fall=fall, anstalt=anstalten[i % 2], am=timezone.now() - timedelta(days=70), durch=sb
            )
        self.stdout.write(f"{anzahl} Fälle mit Platzierung erfasst: {time.perf_counter() - t0:.1f} s")

        a = self._zeit(
            f"Abrechnung Kanton {von:%d.%m.%Y}–{beginn:%d.%m.%Y} erstellen",
            lambda: domain.abrechnung_erstellen(
                zahler=Zahler.KANTON, von=von, bis=beginn, durch=sb, heute=heute
            ),
        )
        self.stdout.write(
            f"  {a.anzahl_faelle} Fälle, {a.anzahl_zeilen} Zeilen, Total CHF {a.total}, Zahlbetrag CHF {a.zahlbetrag}"
        )
        inhalt = self._zeit("PDF rendern (WeasyPrint)", lambda: domain.pdf_rendern(a))
        self.stdout.write(f"  PDF {len(inhalt) / 1024:.0f} KiB")
        csv = self._zeit("CSV erzeugen", lambda: domain.csv_inhalt(a))
        self.stdout.write(f"  CSV {len(csv) / 1024:.0f} KiB")

        client = Client()
        client.force_login(sb)
        for url in [
            "/kosten/abrechnungen/",
            f"/kosten/abrechnungen/{a.pk}/",
            "/kosten/positionen/",
            "/api/v1/kosten/abrechnungen/",
            f"/api/v1/kosten/abrechnungen/{a.pk}/",
        ]:
            dauer = []
            for _ in range(3):
                connection.queries_log.clear()
                with CaptureQueriesContext(connection) as ctx:
                    t = time.perf_counter()
                    antwort = client.get(url)
                    dauer.append(time.perf_counter() - t)
                assert antwort.status_code == 200, (url, antwort.status_code)
            self.stdout.write(
                f"GET {url:<40} median {statistics.median(dauer) * 1000:7.1f} ms, {len(ctx.captured_queries)} Queries"
            )
        self.stdout.write(f"Datenbank: {connection.vendor}. Alles zurückgerollt.")
