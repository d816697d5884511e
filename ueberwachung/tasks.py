"""Celery entry points of §§ 27, 29, 30 JVG (thin: delegate, log, re-queue)."""

from celery import shared_task
from django.utils import timezone

from . import loeschung, queries


@shared_task(name="ueberwachung.aufzeichnungen_loeschen")
def aufzeichnungen_loeschen() -> dict:
    # R-29-2, R-29-4, R-30-3 (§ 29 Abs. 2 und 4, § 30 Abs. 5 JVG): recordings due (100 days, end of the
    # evaluation) and counsel calls are destroyed with a content-free record (idempotent, catches up).
    jetzt = timezone.now()
    lauf = loeschung.aufzeichnungen_loeschen(jetzt=jetzt)
    # Stopped at the time budget with work left: continue soon instead of waiting for the next beat.
    if lauf.gesamt and (queries.telefon_faellig(jetzt).exists() or queries.video_faellig(jetzt).exists()):
        aufzeichnungen_loeschen.apply_async(countdown=5)
    return _zahlen(lauf)


@shared_task(name="ueberwachung.ed_vernichten")
def ed_vernichten() -> dict:
    # R-27-3 (§ 27 Abs. 3 JVG): ED material ten years after the definitive release (idempotent, catches up).
    heute = timezone.localdate()
    lauf = loeschung.ed_vernichten(heute=heute)
    if lauf.gesamt and queries.ed_faellig(heute).exists():
        ed_vernichten.apply_async(countdown=5)
    return _zahlen(lauf)


def _zahlen(lauf) -> dict:
    return {
        "lauf": lauf.pk,
        "telefon": lauf.anzahl_telefon,
        "video": lauf.anzahl_video,
        "ed": lauf.anzahl_ed,
        "dateien": lauf.anzahl_dateien,
        "nachgeholt": lauf.nachgeholt_dateien,
    }
