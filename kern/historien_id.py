"""`history_id` as a 64-bit `bigint` on every simple-history table (issue 19, PITFALLS).

django-simple-history builds `history_id` as an `AutoField` (32-bit `integer`) unless a model passes
`history_id_field`, while every model id here is a `BigAutoField`. A history table gets several rows per
object (every save, the deletion): at twenty years of cases it is the first table to reach 2^31. Instead of
passing the field at each of the ~100 `HistoricalRecords()` declarations (and relying on every new model
to do the same), the default is changed once, here, before any models module is imported: `kern/apps.py`
calls `einschalten()` when the app registry imports the app configs (phase 1 of `apps.populate`), before
it imports the models (phase 2). An explicit `history_id_field` or `SIMPLE_HISTORY_HISTORY_ID_USE_UUID`
keeps its meaning. `tests/kern/test_historien_id.py` checks every history table (bigint on PostgreSQL).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

_EINGESCHALTET = False


def einschalten() -> None:
    """Make `BigAutoField` the default `history_id` of every `HistoricalRecords` (idempotent)."""
    global _EINGESCHALTET
    if _EINGESCHALTET:
        return
    from simple_history.models import HistoricalRecords

    original = HistoricalRecords._get_history_id_field

    def _history_id_feld(self):
        if self.history_id_field is None and not getattr(
            settings, "SIMPLE_HISTORY_HISTORY_ID_USE_UUID", False
        ):
            return models.BigAutoField(primary_key=True)
        return original(self)

    HistoricalRecords._get_history_id_field = _history_id_feld
    _EINGESCHALTET = True
