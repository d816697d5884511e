"""Benchmark of the deletion job (§ 29 Abs. 2 JVG, R-29-2): N due phone recordings with files.

    python manage.py bench_loeschung --anzahl 100000 [--batch 5000] [--ohne-dateien]

The measurement is `ueberwachung.leistung.bench_loeschung` (also called by `bench_skala`): rows per
second and the peak RSS of the run; compare 10k, 100k and 1M (docs/leistung.md, «Löschlauf»). Writes into
the configured database: use a bench database.
"""

from django.core.management.base import BaseCommand, CommandError

from ueberwachung.domain.loeschung import BATCH
from ueberwachung.leistung import bench_loeschung


class Command(BaseCommand):
    help = "Misst den Löschjob (§ 29 Abs. 2 JVG) auf N fälligen Telefonaufzeichnungen mit Dateien."

    def add_arguments(self, parser):
        parser.add_argument("--anzahl", type=int, default=10_000)
        parser.add_argument("--batch", type=int, default=BATCH)
        parser.add_argument(
            "--ohne-dateien", action="store_true", help="keine Dateien anlegen (z. B. bei 1 Mio.)"
        )

    def handle(self, *args, anzahl, batch, ohne_dateien, **options):
        if anzahl < 1 or batch < 1:
            raise CommandError("--anzahl und --batch müssen positiv sein.")
        messung = bench_loeschung(anzahl, batch=batch, dateien=not ohne_dateien, ausgabe=self.stdout.write)
        self.stdout.write(f"MESSUNG loeschung_zeilen_pro_s {messung.zeilen_pro_s:.0f}")
        self.stdout.write(f"MESSUNG loeschung_rss_spitze_mb {messung.rss_spitze_mb:.0f}")
