"""Places where modules contribute to shared pages without those pages knowing them (like the
Fristenkontrolle registry): cards on the start page, blocks on the case page, demo data.

Register in the module's `AppConfig.ready()`:

    from kern import erweiterungen
    erweiterungen.startkarte(meine_karten)            # (user) -> list[Karte], constant queries
    erweiterungen.fallblock("app/_fall_x.html", kontext)  # (fall, user) -> dict | None
    erweiterungen.demo(demo_anlegen)                   # (benutzer: dict[str, Benutzer], heute: date) -> None
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Karte:
    zahl: int
    text: str  # German, with the §, e.g. "Sicherheitshaft: Antrag überfällig (§ 25 Abs. 2 JVG)"
    url: str
    warnung: bool = False  # shown highlighted (overdue / escalated)


STARTKARTEN: list[Callable] = []
FALLBLOECKE: list[tuple[str, Callable]] = []
DEMOS: list[Callable] = []


def startkarte(funktion: Callable) -> Callable:
    if funktion not in STARTKARTEN:
        STARTKARTEN.append(funktion)
    return funktion


def fallblock(template: str, funktion: Callable) -> Callable:
    if (template, funktion) not in FALLBLOECKE:
        FALLBLOECKE.append((template, funktion))
    return funktion


def demo(funktion: Callable) -> Callable:
    if funktion not in DEMOS:
        DEMOS.append(funktion)
    return funktion


def karten_fuer(user) -> list[Karte]:
    return [karte for funktion in STARTKARTEN for karte in funktion(user)]


def bloecke_fuer(fall, user) -> list[tuple[str, dict]]:
    """(template, context) of every registered block that has something to show for this case."""
    bloecke = []
    for template, funktion in FALLBLOECKE:
        kontext = funktion(fall, user)
        if kontext is not None:
            bloecke.append((template, kontext))
    return bloecke
