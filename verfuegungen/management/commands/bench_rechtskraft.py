"""Benchmark of the Rechtskraft job (R-0-VFG-3): N due decisions, one run, figures, rollback.

    python manage.py bench_rechtskraft --anzahl 10000 --batch 500

The setup data is bulk-inserted (fast, no history) inside a transaction that is rolled back at the
end, so the database is unchanged afterwards. The job itself runs exactly as in production
(row by row through the transition function, with history).
"""

import time
import tracemalloc
from datetime import date, datetime, timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from kern.audit import system_benutzer
from kern.fristen import TZ, tagesfrist
from kern.models import Benutzer
from kern.rollen import Rolle
from verfuegungen import domain
from verfuegungen.models import Verfuegung
from verfuegungen.recht import EroeffnungArt, Verfuegungsstatus, Verfuegungstyp
from vollzug.models import Person


class _Abbruch(Exception):
    pass


class Command(BaseCommand):
    help = "Misst den Rechtskraft-Job (R-0-VFG-3) auf N fälligen Verfügungen und rollt alles zurück."

    def add_arguments(self, parser):
        parser.add_argument("--anzahl", type=int, default=10_000)
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, anzahl, batch, **options):
        try:
            with transaction.atomic():
                self._messen(anzahl, batch)
                raise _Abbruch
        except _Abbruch:
            self.stdout.write("Zurückgerollt: die Datenbank ist unverändert.")

    def _messen(self, anzahl: int, batch: int) -> None:
        t0 = time.perf_counter()
        person = Person.objects.create(
            personennummer="P-BENCH",
            amtlicher_name="Bench",
            vorname="Mark",
            geschlecht="1",
            geburtsdatum=date(1980, 1, 1),
        )
        sb = Benutzer.objects.create(username="bench-sb", rolle=Rolle.SACHBEARBEITUNG)
        sb2 = Benutzer.objects.create(username="bench-sb2", rolle=Rolle.SACHBEARBEITUNG)
        eroeffnet = datetime(2026, 3, 30, 10, 0, tzinfo=TZ)
        frist = tagesfrist(eroeffnet.date(), 20)
        zeilen = [
            Verfuegung(
                nummer=f"V-BENCH-{i:06d}",
                typ=Verfuegungstyp.VERSETZUNG_17,
                status=Verfuegungsstatus.EROEFFNET,
                person=person,
                titel="Versetzung",
                rechtsgrundlage="§ 17 Abs. 2 JVG",
                sachverhalt="-",
                begruendung="-",
                dispositiv="1. -",
                entworfen_durch=sb,
                entworfen_am=eroeffnet,
                genehmigt_durch=sb2,
                genehmigt_am=eroeffnet,
                entscheid_datum=eroeffnet.date(),
                eroeffnet_am=eroeffnet,
                eroeffnung_art=EroeffnungArt.EINSCHREIBEN,
                rechtsmittelfrist_ende=frist.ende,
                rechtsmittelfrist_methode=frist.methode,
                aufschiebende_wirkung=True,
            )
            for i in range(anzahl)
        ]
        # Setup only (rolled back): the job under test never writes like this.
        Verfuegung.objects.bulk_create(zeilen, batch_size=2000)
        system_benutzer("rechtskraft")
        self.stdout.write(f"Testdaten: {anzahl} fällige Verfügungen in {time.perf_counter() - t0:.1f} s")

        zaehler = {"n": 0}

        def zaehlen(execute, sql, params, many, context):
            zaehler["n"] += 1
            return execute(sql, params, many, context)

        heute = frist.ende + timedelta(days=1)
        tracemalloc.start()
        t1 = time.perf_counter()
        with connection.execute_wrapper(zaehlen):
            erledigt = domain.rechtskraft_eintragen(heute=heute, batch=batch, zeitbudget_s=3600)
        dauer = time.perf_counter() - t1
        _, spitze = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        batches = -(-erledigt // batch) if erledigt else 0
        self.stdout.write(
            f"Datenbank: {connection.vendor}; rechtskräftig: {erledigt} in {dauer:.1f} s "
            f"({erledigt / dauer if dauer else 0:.0f}/s); Batches à {batch}: {batches}; "
            f"Abfragen gesamt {zaehler['n']}, pro Batch ≈ {zaehler['n'] / max(batches, 1):.0f} "
            f"(pro Zeile ≈ {zaehler['n'] / max(erledigt, 1):.1f}); Spitzenspeicher {spitze / 1024 / 1024:.1f} MiB"
        )
