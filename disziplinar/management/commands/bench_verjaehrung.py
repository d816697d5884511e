"""Benchmark of the limitation job (§ 41 Abs. 5 JVG, R-41-5a): N due proceedings, one run, figures, rollback.

    python manage.py bench_verjaehrung --anzahl 50000 --batch 500

Like `bench_rechtskraft`: the setup data (reports and proceedings whose act lies more than six months
back) are bulk-inserted — fast, without history — inside a transaction that is rolled back at the end,
so the database is unchanged afterwards. The job itself is the real `disziplinar.domain.
verjaehrung_eintragen`, row by row with history, exactly as the periodic Celery task runs it. A second
run afterwards shows the idempotence (it must find nothing).
"""

import time
import tracemalloc
from datetime import date, datetime, timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from disziplinar import domain, recht
from disziplinar.models import Disziplinarverfahren, Rapport, RapportDelikt
from disziplinar.recht import Tatbestand, Verfahrensstatus
from kern.audit import system_benutzer
from kern.fristen import TZ
from kern.models import Benutzer
from kern.rollen import Rolle
from vollzug import domain as vollzug_services
from vollzug.models import Anstalt
from vollzug.recht import Entscheidart, Sanktionsart, Traegerschaft


class _Abbruch(Exception):
    pass


class Command(BaseCommand):
    help = "Misst den Verjährungsjob (§ 41 Abs. 5 JVG) auf N fälligen Disziplinarverfahren und rollt alles zurück."

    def add_arguments(self, parser):
        parser.add_argument("--anzahl", type=int, default=50_000, help="Anzahl fälliger Verfahren.")
        parser.add_argument("--batch", type=int, default=500, help="Zeilen je Transaktion des Jobs.")
        parser.add_argument(
            "--speicher-anzahl",
            type=int,
            default=None,
            help="Verfahren des zweiten Laufs mit tracemalloc (Standard: alle, höchstens 20 Batches; "
            "0 = keine Speichermessung).",
        )

    def handle(self, *args, anzahl, batch, speicher_anzahl, **options):
        if anzahl < 1 or batch < 1:
            self.stderr.write("--anzahl und --batch müssen positiv sein.")
            return
        try:
            with transaction.atomic():
                if speicher_anzahl is None:
                    speicher_anzahl = min(anzahl, 20 * batch)
                self._messen(anzahl, batch, speicher_anzahl)
                raise _Abbruch
        except _Abbruch:
            self.stdout.write("Zurückgerollt: die Datenbank ist unverändert.")

    def _stammdaten(self):
        """Setup only (rolled back): facility, users, one person with a case."""
        sb = Benutzer.objects.create(username="bench-d-sb", rolle=Rolle.SACHBEARBEITUNG)
        anstalt = Anstalt.objects.create(
            name="Bench-JVA Disziplinar",
            kurzname="bench-d",
            ort="Luzern",
            traegerschaft=Traegerschaft.KANTONAL,
        )
        leitung = Benutzer.objects.create(
            username="bench-d-leitung", rolle=Rolle.ANSTALTSLEITUNG, anstalt=anstalt
        )
        personal = Benutzer.objects.create(
            username="bench-d-personal", rolle=Rolle.ANSTALTSPERSONAL, anstalt=anstalt
        )
        person = vollzug_services.person_erfassen(
            amtlicher_name="Bench",
            vorname="Disziplinar",
            geschlecht="1",
            geburtsdatum=date(1980, 1, 1),
            durch=sb,
        )
        fall = vollzug_services.fall_erfassen(
            person=person,
            entscheid=vollzug_services.EntscheidDaten(
                art=Entscheidart.URTEIL,
                behoerde="Bench",
                referenz="BENCH-D",
                entscheid_datum=date(2025, 1, 1),
                rechtskraft_am=date(2025, 1, 2),
            ),
            sanktionen=[vollzug_services.SanktionDaten(art=Sanktionsart.FREIHEITSSTRAFE, dauer_jahre=2)],
            eingang_am=date(2025, 1, 10),
            durch=sb,
        )
        system_benutzer("disziplinar-verjaehrung")
        return fall, anstalt, leitung, personal

    def _faellige_verfahren(self, stamm, anzahl: int, lauf: int) -> date:
        """N open proceedings whose act lies more than six months back, bulk-inserted (setup only: the job
        under test never writes like this). Returns the job's `heute`: the day after the last limitation."""
        fall, anstalt, leitung, personal = stamm
        person = fall.person
        # Acts spread over one week, all more than six months before `heute`.
        erste_tat = datetime(2026, 1, 5, 8, 0, tzinfo=TZ)
        taten = [erste_tat + timedelta(minutes=(i * 10_079) // max(anzahl, 1)) for i in range(anzahl)]
        erfasst = erste_tat + timedelta(days=8)
        rapporte = Rapport.objects.bulk_create(
            [
                Rapport(
                    fall=fall,
                    person=person,
                    anstalt=anstalt,
                    tatzeit=tat,
                    gemeldet_durch=personal,
                    sachverhalt="Benchmark: Arbeitsverweigerung.",
                    erfasst_am=erfasst,
                )
                for tat in taten
            ],
            batch_size=2000,
        )
        RapportDelikt.objects.bulk_create(
            [RapportDelikt(rapport=r, tatbestand=Tatbestand.K) for r in rapporte], batch_size=2000
        )
        zeilen = []
        for i, r in enumerate(rapporte):
            frist = recht.verfolgungsverjaehrung(r.tatzeit)
            zeilen.append(
                Disziplinarverfahren(
                    nummer=f"D-BENCH{lauf}-{i:07d}",
                    rapport=r,
                    person=person,
                    anstalt=anstalt,
                    status=Verfahrensstatus.OFFEN,
                    geleitet_durch=leitung,
                    eroeffnet_am=erfasst,
                    verjaehrung_am=frist.ende,
                    verjaehrung_methode=frist.methode,
                )
            )
        Disziplinarverfahren.objects.bulk_create(zeilen, batch_size=2000)
        return max(v.verjaehrung_am for v in zeilen) + timedelta(days=1)

    def _messen(self, anzahl: int, batch: int, speicher_anzahl: int) -> None:
        t0 = time.perf_counter()
        stamm = self._stammdaten()
        heute = self._faellige_verfahren(stamm, anzahl, 1)
        self.stdout.write(
            f"Testdaten: {anzahl} fällige Disziplinarverfahren (Tat vor mehr als sechs Monaten) in "
            f"{time.perf_counter() - t0:.1f} s; Stichtag {heute:%d.%m.%Y}"
        )

        zaehler = {"n": 0}

        def zaehlen(execute, sql, params, many, context):
            zaehler["n"] += 1
            return execute(sql, params, many, context)

        # 1. Speed and queries (tracemalloc slows Python down about threefold: not during this run).
        t1 = time.perf_counter()
        with connection.execute_wrapper(zaehlen):
            lauf = domain.verjaehrung_eintragen(heute=heute, batch=batch, zeitbudget_s=3600)
        dauer = time.perf_counter() - t1
        erledigt = lauf.verfahren
        batches = -(-erledigt // batch) if erledigt else 0
        self.stdout.write(
            f"Datenbank: {connection.vendor}; verjährt: {erledigt} in {dauer:.1f} s "
            f"({erledigt / dauer if dauer else 0:.0f}/s); Batches à {batch}: {batches}; "
            f"Abfragen gesamt {zaehler['n']}, pro Batch ≈ {zaehler['n'] / max(batches, 1):.0f} "
            f"(pro Zeile ≈ {zaehler['n'] / max(erledigt, 1):.1f})"
        )
        offen = Disziplinarverfahren.objects.filter(
            nummer__startswith="D-BENCH1-", status=Verfahrensstatus.OFFEN
        ).count()
        t2 = time.perf_counter()
        zweiter = domain.verjaehrung_eintragen(heute=heute, batch=batch, zeitbudget_s=3600)
        self.stdout.write(
            f"Kontrolle: noch offen {offen}; zweiter Lauf ändert {zweiter.gesamt} Zeilen "
            f"({time.perf_counter() - t2:.2f} s) – idempotent: {'ja' if zweiter.gesamt == 0 else 'NEIN'}"
        )
        if erledigt != anzahl or offen or zweiter.gesamt:
            self.stderr.write(f"Unerwartet: {erledigt} von {anzahl} verjährt, {offen} offen.")

        # 2. Peak Python memory on a second set (the first one is done). tracemalloc triples the run time, so
        # by default 20 batches: the job holds one batch at a time, its peak does not grow with N.
        if speicher_anzahl < 1:
            return
        heute = self._faellige_verfahren(stamm, speicher_anzahl, 2)
        tracemalloc.start()
        t3 = time.perf_counter()
        lauf = domain.verjaehrung_eintragen(heute=heute, batch=batch, zeitbudget_s=3600)
        dauer = time.perf_counter() - t3
        _, spitze = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        self.stdout.write(
            f"Speicher: {lauf.verfahren} Verfahren, Spitzenspeicher (tracemalloc) {spitze / 1024 / 1024:.1f} MiB "
            f"({dauer:.1f} s mit tracemalloc)"
        )
