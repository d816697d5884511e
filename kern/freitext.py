"""Bounded free text (issue 18 item 5/6, R-0-BAD-1; ASVS V2.2.1): no text field takes a megabyte.

Every `TextField` of the project's models gets one validator with a German message naming the §, so
the bound holds in `full_clean()` (services, `kern.audit.speichern`), in every `ModelForm` and in every
`ModelSerializer` (DRF copies the model field's validators) without touching ~100 field definitions in
15 apps. A `pre_save` guard catches writes that skip `full_clean()`. The validator is put on the field's
`validators` (not on `_validators`), so the field's `deconstruct()` and thus the migrations stay unchanged.
`CharField`s are bounded by their `max_length` already (Django's validator, and the column itself).
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.signals import pre_save
from django.utils.deconstruct import deconstructible

# Apps whose text fields are written by the system, not typed by users, or are Django's/libraries' own.
FREMDE_APPS = {"admin", "auth", "contenttypes", "sessions", "oauth2_provider", "authtoken"}
# System records of the kernel: the read log keeps the query as sent (bounded by the URL length of the
# server), the job log keeps a job's error message.
SYSTEMFELDER = {("jvg_case.Lesezugriff", "abfrage"), ("jvg_case.Joblauf", "meldung")}


def _zahl(n: int) -> str:
    return f"{n:,}".replace(",", "'")


@deconstructible
class FreitextValidator(MaxLengthValidator):
    def __init__(self, limit_value=None, message=None):
        super().__init__(limit_value or settings.JVG_FREITEXT_MAX_ZEICHEN, message)

    def __call__(self, value):
        if isinstance(value, str) and len(value) > self.limit_value:
            raise ValidationError(meldung(len(value), self.limit_value), code="max_length")


def meldung(laenge: int, limit: int) -> str:
    # § 20 JVG: the file holds what the task requires; longer material belongs in an attached document.
    return (
        f"§ 20 JVG: Freitext höchstens {_zahl(limit)} Zeichen (eingegeben: {_zahl(laenge)}). "
        "Längere Unterlagen bitte als Dokument beilegen."
    )


def begrenzte_felder() -> list[models.TextField]:
    felder = []
    for modell in apps.get_models():
        if modell._meta.app_label in FREMDE_APPS or hasattr(modell, "instance_type"):  # history models
            continue  # a history row copies a row that was validated when it was written
        for feld in modell._meta.concrete_fields:
            if (
                isinstance(feld, models.TextField)
                and feld.max_length is None
                and (modell._meta.label, feld.name) not in SYSTEMFELDER
            ):
                felder.append(feld)
    return felder


def _vor_dem_speichern(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures
        return
    fehler = {}
    for feld in getattr(sender, "_freitext_felder", ()):
        wert = getattr(instance, feld.attname)
        if isinstance(wert, str) and len(wert) > settings.JVG_FREITEXT_MAX_ZEICHEN:
            fehler[feld.name] = [meldung(len(wert), settings.JVG_FREITEXT_MAX_ZEICHEN)]
    if fehler:
        raise ValidationError(fehler)


def begrenzen() -> None:
    """Called once from the kernel's `ready()`; idempotent."""
    for feld in begrenzte_felder():
        if not any(isinstance(v, FreitextValidator) for v in feld.validators):
            feld.__dict__["validators"] = [*feld.validators, FreitextValidator()]
        modell = feld.model
        if "_freitext_felder" not in modell.__dict__:
            modell._freitext_felder = []
            pre_save.connect(_vor_dem_speichern, sender=modell, dispatch_uid=f"freitext:{modell._meta.label}")
        if feld not in modell._freitext_felder:
            modell._freitext_felder.append(feld)
