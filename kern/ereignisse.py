"""Domain events other agencies may subscribe to (admission, transfer, release, escape/arrest order).

The domain function that causes an event calls `melden(...)`; every registered receiver (e.g. the
webhook dispatcher of `benachrichtigungen`) is called **after the surrounding transaction
commits** (`transaction.on_commit`), so a rolled-back write never leaves the system as an event.

    from kern import erweiterungen
    erweiterungen.ereignis_empfaenger(meine_funktion)   # in contributions.py; f(ereignis: Ereignis)
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models, transaction
from django.utils import timezone

from kern import erweiterungen


class Ereignistyp(models.TextChoices):
    EINWEISUNG = "einweisung", "Einweisung (§ 17 Abs. 1 JVG)"
    VERSETZUNG = "versetzung", "Versetzung (§§ 17, 26 JVG)"
    ENTLASSUNG = "entlassung", "Definitive Entlassung"
    FESTNAHMEAUFTRAG = "festnahmeauftrag", "Entweichung / Festnahmeauftrag (§ 32 JVG)"


@dataclass(frozen=True, slots=True)
class Ereignis:
    typ: str  # Ereignistyp value
    person_id: int
    fall_id: int | None
    objekt: str  # "app.model:pk" of the object that records the event
    zeitpunkt: datetime  # when it happened (aware)
    daten: dict = field(default_factory=dict)  # self-contained, JSON-serialisable payload fields


def melden(
    typ: str, *, person_id: int, objekt, fall_id: int | None = None, zeitpunkt=None, daten=None
) -> None:
    """Report an event; receivers run after commit (immediately when no transaction is open)."""
    if typ not in Ereignistyp.values:
        raise ValueError(f"Unbekannter Ereignistyp {typ!r}.")
    ereignis = Ereignis(
        typ=typ,
        person_id=person_id,
        fall_id=fall_id,
        objekt=f"{objekt._meta.label_lower}:{objekt.pk}",
        zeitpunkt=zeitpunkt or timezone.now(),
        daten=dict(daten or {}),
    )
    for empfaenger in list(erweiterungen.EREIGNIS_EMPFAENGER):
        transaction.on_commit(lambda e=empfaenger: e(ereignis))
