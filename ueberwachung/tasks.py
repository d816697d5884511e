"""Celery entry points of §§ 27, 29, 30 JVG (thin: delegate, log, re-queue)."""

from django.utils import timezone

from kern.jobs import Lauf, job_task
from ueberwachung import domain, queries


@job_task("ueberwachung.aufzeichnungen_loeschen")
def aufzeichnungen_loeschen(lauf: Lauf) -> dict:
    # R-29-2, R-29-4, R-30-3 (§ 29 Abs. 2 und 4, § 30 Abs. 5 JVG): recordings due (100 days, end of the
    # evaluation) and counsel calls are destroyed with a content-free record (idempotent, catches up).
    jetzt = timezone.now()
    ergebnis = domain.aufzeichnungen_loeschen(jetzt=jetzt)
    lauf.verarbeitet = ergebnis.gesamt
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if ergebnis.gesamt and (queries.telefon_faellig(jetzt).exists() or queries.video_faellig(jetzt).exists()):
        lauf.fortsetzen()
        aufzeichnungen_loeschen.apply_async(countdown=5)
    return _zahlen(ergebnis)


@job_task("ueberwachung.ed_vernichten")
def ed_vernichten(lauf: Lauf) -> dict:
    # R-27-3 (§ 27 Abs. 3 JVG): ED material ten years after the definitive release (idempotent, catches up).
    heute = timezone.localdate()
    ergebnis = domain.ed_vernichten(heute=heute)
    lauf.verarbeitet = ergebnis.gesamt
    if ergebnis.gesamt and queries.ed_faellig(heute).exists():
        lauf.fortsetzen()
        ed_vernichten.apply_async(countdown=5)
    return _zahlen(ergebnis)


def _zahlen(lauf) -> dict:
    return {
        "lauf": lauf.pk,
        "telefon": lauf.anzahl_telefon,
        "video": lauf.anzahl_video,
        "ed": lauf.anzahl_ed,
        "dateien": lauf.anzahl_dateien,
        "nachgeholt": lauf.nachgeholt_dateien,
    }
