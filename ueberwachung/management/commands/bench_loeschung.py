"""Benchmark of the deletion job (§ 29 Abs. 2 JVG, R-29-2): N due phone recordings with real files.

    python manage.py bench_loeschung --anzahl 100000 --batch 500

Setup (not measured): one facility, one placed person, N recordings due for deletion, each with a small
file in the configured storage, bulk-inserted (with one history row each, as ingestion writes). Then the
real job `domain.aufzeichnungen_loeschen` runs once, measured: time, rows and files per second, and
peak memory (tracemalloc of the Python heap during the run, plus the process's ru_maxrss). A second run
shows idempotence. Afterwards the bench's own master data and records are removed (the job already
removed the recordings, their history and files). Memory must not grow with N: compare 10k and 100k.
"""

import resource
import time
import tracemalloc
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from kern.models import Benutzer
from kern.rollen import Rolle
from ueberwachung import domain
from ueberwachung.models import (
    Loeschlauf,
    Telefonaufzeichnung,
    Vernichtungsprotokoll,
    speicher,
)
from vollzug.models import Anstalt, Person, Platzierung, Vollzugsfall
from vollzug.recht import Fallstatus, Platzierungsart, Traegerschaft


class Command(BaseCommand):
    help = "Misst den Löschjob (§ 29 Abs. 2 JVG) auf N fälligen Telefonaufzeichnungen mit Dateien."

    def add_arguments(self, parser):
        parser.add_argument("--anzahl", type=int, default=10_000)
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, anzahl, batch, **options):
        if anzahl < 1 or batch < 1:
            self.stderr.write("--anzahl und --batch müssen positiv sein.")
            return
        # With DEBUG on, Django keeps the last 9000 SQL statements in memory (connection.queries): that
        # buffer, not the job, would dominate the measurement. Workers run with DEBUG off.
        settings.DEBUG = False
        marke = uuid.uuid4().hex[:8]
        person, anstalt, fall, benutzer = self._stammdaten(marke)
        try:
            t0 = time.monotonic()
            self._aufzeichnungen(anzahl, person, anstalt, benutzer)
            self.stdout.write(
                f"Vorbereitet: {anzahl} fällige Aufzeichnungen mit Dateien in {time.monotonic() - t0:.1f} s"
            )
            rss_vorher = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            tracemalloc.start()
            t0 = time.monotonic()
            lauf = domain.aufzeichnungen_loeschen(batch=batch, zeitbudget_s=24 * 3600)
            dauer = time.monotonic() - t0
            _aktuell, spitze = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            self.stdout.write(
                f"Löschlauf #{lauf.pk}: {lauf.anzahl_telefon} Aufzeichnungen, {lauf.anzahl_dateien} Dateien in "
                f"{dauer:.1f} s ({lauf.anzahl_telefon / dauer:.0f}/s); Python-Heap-Spitze {spitze / 1e6:.1f} MB "
                f"(tracemalloc), ru_maxrss {rss / 1024:.0f} MB (vor dem Lauf {rss_vorher / 1024:.0f} MB)"
            )
            rest = Telefonaufzeichnung.objects.filter(person=person).count()
            zweiter = domain.aufzeichnungen_loeschen(batch=batch)
            self.stdout.write(f"Übrig: {rest}; zweiter Lauf: {zweiter.gesamt} (idempotent)")
        finally:
            self._aufraeumen(person, anstalt, fall, benutzer)

    def _stammdaten(self, marke):
        anstalt = Anstalt.objects.create(
            name=f"Bench-JVA Überwachung {marke}", kurzname=f"bench-u-{marke}", ort="Luzern",
            traegerschaft=Traegerschaft.KANTONAL,
        )  # fmt: skip
        benutzer = Benutzer.objects.create(username=f"bench-u-{marke}", rolle=Rolle.SACHBEARBEITUNG)
        person = Person.objects.create(
            personennummer=f"B{marke}", amtlicher_name="Bench", vorname="Überwachung", geschlecht="1",
            geburtsdatum="1980-01-01",
        )  # fmt: skip
        beginn = timezone.now() - timedelta(days=400)
        fall = Vollzugsfall.objects.create(
            fallnummer=f"B{marke}", person=person, status=Fallstatus.IM_VOLLZUG, eingang_am=beginn.date(),
            vollzugsbeginn=beginn, erfasst_durch=benutzer,
        )  # fmt: skip
        Platzierung.objects.create(
            fall=fall, anstalt=anstalt, art=Platzierungsart.EINWEISUNG, von=beginn, angeordnet_durch=benutzer
        )
        return person, anstalt, fall, benutzer

    def _aufzeichnungen(self, anzahl, person, anstalt, benutzer):
        """Bulk setup: files through the storage API, rows and one history row each in chunks."""
        storage = speicher()
        basis = timezone.now() - timedelta(days=150)
        for start in range(0, anzahl, 1000):
            zeilen = []
            for i in range(start, min(start + 1000, anzahl)):
                name = storage.save(
                    f"ueberwachung/bench/{uuid.uuid4().hex}.ogg", ContentFile(b"bench-audio-%d" % i)
                )
                beginn = basis + timedelta(seconds=i)
                zeilen.append(
                    Telefonaufzeichnung(
                        person=person, anstalt=anstalt, nummer="079 000 00 00", nummer_normalisiert="0041790000000",
                        beginn=beginn, ende=beginn + timedelta(minutes=5), datei=name, sha256="0" * 64, groesse=16,
                        eingegangen_durch=benutzer, loeschung_faellig_am=beginn + timedelta(days=100),
                    )
                )  # fmt: skip
            with transaction.atomic():
                erstellt = Telefonaufzeichnung.objects.bulk_create(zeilen)
                Telefonaufzeichnung.history.bulk_history_create(erstellt, default_user=benutzer)

    def _aufraeumen(self, person, anstalt, fall, benutzer):
        laeufe = list(
            Loeschlauf.objects.filter(protokolle__person=person).values_list("pk", flat=True).distinct()
        )
        Vernichtungsprotokoll.objects.filter(person=person).delete()
        Loeschlauf.objects.filter(pk__in=laeufe).delete()
        pks = {Vollzugsfall: fall.pk, Person: person.pk, Anstalt: anstalt.pk, Benutzer: benutzer.pk}
        Platzierung.objects.filter(fall=fall).delete()
        Platzierung.history.filter(fall_id=fall.pk).delete()
        for objekt in (fall, person, anstalt, benutzer):
            objekt.delete()
        for modell, pk in pks.items():
            modell.history.filter(id=pk).delete()
        self.stdout.write("Aufgeräumt: Bench-Stammdaten und -Protokolle entfernt.")
