"""`make bench`: speed figures of list pages, API lists and jobs on a realistic number of rows.

Everything runs inside one transaction that is rolled back at the end, so the database is unchanged.
Figures: wall time (median of 5 requests), number of SQL queries, and the job's peak Python memory.
"""

import statistics
import time
import tracemalloc
from datetime import date, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kern.audit import system_benutzer
from kern.models import Benutzer
from kern.rollen import Rolle
from vollzug import domain
from vollzug.models import Anstalt
from vollzug.recht import Entscheidart, Sanktionsart, Traegerschaft


class Command(BaseCommand):
    help = "Misst Listen, API und Jobs mit vielen Datensätzen (Transaktion wird zurückgerollt)."

    def add_arguments(self, parser):
        parser.add_argument("--faelle", type=int, default=1000)

    def handle(self, *args, faelle: int, **options):
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        with transaction.atomic():
            self._messen(faelle)
            transaction.set_rollback(True)

    def _messen(self, anzahl: int):
        sb = Benutzer.objects.create(username="bench-sb", rolle=Rolle.SACHBEARBEITUNG)
        anstalt = Anstalt.objects.create(
            name="Bench-JVA", kurzname="bench", ort="Luzern", traegerschaft=Traegerschaft.KANTONAL
        )
        t0 = time.perf_counter()
        heute = timezone.localdate()
        for i in range(anzahl):
            person = domain.person_erfassen(
                amtlicher_name=f"Bench{i}",
                vorname="Test",
                geschlecht="1",
                geburtsdatum=date(1980, 1, 1),
                durch=sb,
            )
            fall = domain.fall_erfassen(
                person=person,
                entscheid=domain.EntscheidDaten(
                    art=Entscheidart.URTEIL,
                    behoerde="Bench",
                    referenz=f"B{i}",
                    entscheid_datum=date(2026, 1, 1),
                    rechtskraft_am=date(2026, 1, 2),
                ),
                sanktionen=[domain.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_monate=7)],
                eingang_am=heute - timedelta(days=40),
                durch=sb,
            )
            if i % 2:
                domain.einweisen(fall=fall, anstalt=anstalt, am=timezone.now() - timedelta(days=1), durch=sb)
        self.stdout.write(
            f"{anzahl} Fälle über die Domänenfunktionen erfasst: {time.perf_counter() - t0:.1f} s"
        )

        client = Client()
        client.force_login(sb)
        for url in [
            "/vollzug/faelle/",
            "/vollzug/personen/",
            "/api/v1/faelle/?limit=50",
            "/api/v1/personen/?limit=50",
        ]:
            dauer = []
            for _ in range(5):
                # The log is a bounded deque: after the data setup it is full, so empty it first.
                connection.queries_log.clear()
                with CaptureQueriesContext(connection) as ctx:
                    t = time.perf_counter()
                    antwort = client.get(url)
                    dauer.append(time.perf_counter() - t)
                assert antwort.status_code == 200, (url, antwort.status_code)
            self.stdout.write(
                f"GET {url:<28} median {statistics.median(dauer) * 1000:7.1f} ms, {len(ctx.captured_queries)} Queries"
            )

        system_benutzer("vollzugsbeginn")
        tracemalloc.start()
        t = time.perf_counter()
        neu = domain.vollzugsbeginn_ueberfaellig_melden(heute=heute)
        dauer = time.perf_counter() - t
        _, spitze = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        self.stdout.write(
            f"Job R-13-1 vollzugsbeginn_ueberfaellig_melden: {neu} Aufgaben in {dauer:.2f} s, "
            f"Spitze {spitze / 1024 / 1024:.1f} MiB Python-Speicher"
        )
        self.stdout.write(f"Datenbank: {connection.vendor}. Alles zurückgerollt.")
