"""The lifecycle of a Verfügung: ONE transition function (`verfuegung_uebergang`) over the table of allowed
moves in `verfuegungen.recht.UEBERGAENGE`; every named step locks the row and moves it through here.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from kern.audit import speichern
from verfuegungen.domain import aufhebung
from verfuegungen.models import Verfuegung
from verfuegungen.recht import (
    REGEL_FUER_ZIEL,
    UEBERGAENGE,
    Verfuegungsstatus,
)

S = Verfuegungsstatus


def _fehler(feld: str, meldung: str, code: str) -> ValidationError:
    return ValidationError({feld: ValidationError(meldung, code=code)})


def _uebergang_pruefen(von: str, nach: str) -> None:
    if nach not in UEBERGAENGE.get(von, frozenset()):
        raise _fehler(
            "status",
            f"Übergang von «{S(von).label}» nach «{S(nach).label if nach in S.values else nach}» ist nicht "
            f"zulässig ({REGEL_FUER_ZIEL.get(nach, 'R-0-VFG-2')}).",
            "uebergang_unzulaessig",
        )


@transaction.atomic
def verfuegung_uebergang(
    *, verfuegung: Verfuegung, nach: str, durch, grund: str = "", nur_geaenderte: bool = False, **daten
) -> Verfuegung:
    """Move `verfuegung` to `nach` if the table allows it, setting the fields in `daten`.

    Steps: lock the row and compare its stored status with ours (a concurrent change wins, we
    refuse); check the table; set fields and status; save with history (actor `durch`, reason).
    """
    gespeichert = (
        Verfuegung.objects.select_for_update().filter(pk=verfuegung.pk).values_list("status", flat=True)
    )
    aktuell = gespeichert.get()
    if aktuell != verfuegung.status:
        raise _fehler(
            "status",
            f"Die Verfügung {verfuegung.nummer} wurde inzwischen geändert (jetzt «{S(aktuell).label}»). "
            "Bitte neu laden.",
            "veraltet",
        )
    _uebergang_pruefen(aktuell, nach)
    for feld, wert in daten.items():
        setattr(verfuegung, feld, wert)
    verfuegung.status = nach
    # history_change_reason holds 100 characters; longer texts belong in a field (e.g. aufhebung_grund).
    grund = grund or f"{S(aktuell).label} → {S(nach).label}"
    # nur_geaenderte: the batch job writes just status and its fields (see speichern's `felder`).
    felder = ["status", *daten] if nur_geaenderte else None
    gespeichert = speichern(
        verfuegung, durch=durch, grund=grund if len(grund) <= 100 else grund[:99] + "…", felder=felder
    )
    if nach == S.AUFGEHOBEN:
        # Issue 23: lifting a decision in force ends what it ordered (every module, same transaction).
        aufhebung.nach_aufhebung(gespeichert, vorher=aktuell, durch=durch)
    return gespeichert


def _sperren(verfuegung: Verfuegung) -> Verfuegung:
    # Every step re-reads the row under a lock: two approvers or a user and the job at once → the
    # second sees the first one's result and is refused with a clear message.
    # of=self: the facility is a nullable join, which PostgreSQL refuses to lock (and need not).
    return (
        Verfuegung.objects.select_for_update(of=("self",))
        .select_related("person", "anstalt")
        .get(pk=verfuegung.pk)
    )
