"""R-0-FRIST-4: the one deadline overview. Modules *register* what they contribute; this page's code
never changes when a module adds deadlines.

A source is a function `(user, heute) -> Iterable[FristEintrag]` that runs a constant number of
queries (one, as a rule) and returns only what `user` may see. Register it in the module's
`AppConfig.ready()`:

    from fristenkontrolle.registry import fristquelle
    fristquelle("verfuegung_rechtsmittel", "Rechtsmittelfrist")(meine_funktion)
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from kern.fristen import TZ


@dataclass(frozen=True, slots=True)
class FristEintrag:
    typ: str  # the registered key, e.g. "verfuegung_rechtsmittel"
    titel: str  # German, e.g. "Beschwerdefrist Verfügung V-2026-00012 (5 Tage, JSD)"
    faellig: datetime  # aware; a day deadline ends at 23:59:59 Europe/Zurich of its last day
    url: str  # where the user acts on it; with `typ` and `faellig` it identifies the deadline (iCal UID),
    # so a source with several deadlines on one page adds a fragment ("/vollzug/faelle/7/#aufgabe-3")
    person_id: int | None = None
    person_name: str = ""
    anstalt_id: int | None = None
    anstalt_name: str = ""
    regel: str = ""  # rule ID, e.g. "R-0-VFG-2"


Quelle = Callable[[object, date], Iterable[FristEintrag]]

QUELLEN: dict[str, tuple[str, Quelle]] = {}


def fristquelle(typ: str, bezeichnung: str) -> Callable[[Quelle], Quelle]:
    """Register a deadline source under `typ` (shown as `bezeichnung` in the type filter)."""

    def registrieren(funktion: Quelle) -> Quelle:
        if typ in QUELLEN and QUELLEN[typ][1] is not funktion:
            raise ValueError(f"Fristquelle {typ!r} ist bereits registriert.")
        QUELLEN[typ] = (bezeichnung, funktion)
        return funktion

    return registrieren


def fristquelle_entfernen(typ: str) -> None:
    """Remove a registered source (tests register dummies and remove them in teardown)."""
    QUELLEN.pop(typ, None)


def typ_bezeichnung(typ: str) -> str:
    """The German label of a registered type (the key itself for an unknown one)."""
    eintrag = QUELLEN.get(typ)
    return eintrag[0] if eintrag else typ


def tagesende(tag: date) -> datetime:
    """The moment a day deadline ends: 23:59:59 Europe/Zurich of its last day (aware).

    Sources turn the `date` that `kern.fristen` computes into `FristEintrag.faellig` with this, so
    every day deadline of every module ends at the same wall-clock second (also across DST).
    """
    return datetime.combine(tag, time(23, 59, 59), tzinfo=TZ)
