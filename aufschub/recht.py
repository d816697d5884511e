"""The law of § 14 JVG (Aufschub und Unterbrechung, R-14-1 … R-14-6): its catalogues, the ceiling of one year
(R-14-2), the age of a medical certificate (R-14-4) and the day of the summons (R-14-6).

The numbers the ordinance leaves open are settings (`JVG_ARZTZEUGNIS_MAX_ALTER_TAGE`, `JVG_AUFGEBOT_VORLAUF_TAGE`),
read here at call time.
"""

from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings
from django.db import models
from django.utils import timezone

from kern.fristen import jahresfrist
from vollzug.recht import FREIHEITSSTRAFEN, Sanktionsart

if TYPE_CHECKING:
    from aufschub.models import Aufschubgesuch


class Gesuchsart(models.TextChoices):
    # §14 Abs. 1, R-14-1
    AUFSCHUB = "aufschub", "Aufschub (vor Vollzugsbeginn)"
    UNTERBRECHUNG = "unterbrechung", "Unterbrechung (während des Vollzugs)"


class Gesuchsgrund(models.TextChoices):
    # §14 Abs. 2 lit. a/b, R-14-3
    A = "a", "a) vollständige Hafterstehungsunfähigkeit"
    B = (
        "b",
        "b) ausserordentliche und unaufschiebbare persönliche, familiäre oder berufliche Vorkommnisse und Pflichten",
    )


class Gesuchsstatus(models.TextChoices):
    EINGEREICHT = "eingereicht", "Eingereicht"
    BEWILLIGT = "bewilligt", "Bewilligt"
    ABGEWIESEN = "abgewiesen", "Abgewiesen"
    ZURUECKGEZOGEN = "zurueckgezogen", "Zurückgezogen"


class Gefahrenstufe(models.TextChoices):
    # §14 Abs. 1 Satz 2, R-14-5: Flucht- und Wiederholungsgefahr
    KEINE = "keine", "keine erkennbar"
    GERING = "gering", "gering"
    ERHEBLICH = "erheblich", "erheblich"
    HOCH = "hoch", "hoch"


# R-14-1: § 14 speaks of the execution of a sanction a person must "antreten" (ground a:
# Hafterstehungsunfähigkeit). That is the custodial sanctions: sentences and custodial measures.
# Not included: gemeinnützige Arbeit and Bewährungshilfe (no custody; their scheduling is arranged
# with the person, not deferred by a decision), ambulante Massnahme (served at liberty), and the
# juvenile Schutzmassnahme (JStG, executed under the juvenile procedure and not necessarily custodial).
AUFSCHIEBBARE_SANKTIONEN = frozenset(
    FREIHEITSSTRAFEN | {Sanktionsart.STATIONAERE_MASSNAHME, Sanktionsart.VERWAHRUNG}
)

ART_KURZ = {Gesuchsart.AUFSCHUB: "Aufschub", Gesuchsart.UNTERBRECHUNG: "Unterbrechung"}


def tage(von: date, bis: date) -> int:
    """Days of a period whose `bis` is its last day (inclusive)."""
    return (bis - von).days + 1


# --- R-14-2: the ceiling of one year ------------------------------------------------------------


class Kontingent(NamedTuple):
    genutzt_tage: int
    limit_tage: int
    rest_tage: int
    anker: date


def kontingent_aus(perioden: list[tuple[date, date]], beginn: date | None = None) -> Kontingent:
    """R-14-2 as arithmetic on the granted periods `(von, bis)` of one sanction and kind.

    One year counted from the anchor: the start of the earliest granted period, or `beginn` (the new
    request's start) when nothing is granted yet, or today. `limit_tage` is 365, or 366 when that year
    contains a 29 February (`jahresfrist`: same date one year later)."""
    anker = min((von for von, _bis in perioden), default=None) or beginn or timezone.localdate()
    limit = (jahresfrist(anker, 1).ende - anker).days
    genutzt = sum(tage(von, bis) for von, bis in perioden)
    return Kontingent(genutzt, limit, max(limit - genutzt, 0), anker)


# --- R-14-4: the medical certificate ------------------------------------------------------------


def arztzeugnis_aktuell(ausgestellt_am: date | None, eingereicht_am: date) -> bool:
    """R-14-4: issued at most JVG_ARZTZEUGNIS_MAX_ALTER_TAGE days (setting) before the request."""
    if ausgestellt_am is None:
        return False
    return (eingereicht_am - ausgestellt_am).days <= settings.JVG_ARZTZEUGNIS_MAX_ALTER_TAGE


def arztzeugnis_max_alter_tage() -> int:
    """R-14-4: the maximum age of a medical certificate in days (setting)."""
    return settings.JVG_ARZTZEUGNIS_MAX_ALTER_TAGE


# --- R-14-6: summons at the end of a deferral ---------------------------------------------------


def aufgebot_faellig_am(gesuch: "Aufschubgesuch") -> date | None:
    """R-14-6: the summons is due JVG_AUFGEBOT_VORLAUF_TAGE days before the day execution must start
    (the day after the last granted day). None for a request that grants no deferral."""
    if gesuch.art != Gesuchsart.AUFSCHUB or gesuch.bewilligt_bis is None:
        return None
    return gesuch.bewilligt_bis + timedelta(days=1) - timedelta(days=settings.JVG_AUFGEBOT_VORLAUF_TAGE)


class AufschubAufgabenart(models.TextChoices):
    """Task kinds (kern.models.Aufgabe.art) of this app, registered in contributions.py."""

    # Issue 23: the grant of an interruption under way was lifted or set aside on appeal: the person must
    # come back into the facility (the re-entry is then recorded as usual, `unterbrechung_beenden`).
    RUECKKEHR_VERANLASSEN = (
        "aufschub_rueckkehr",
        "Rückkehr nach aufgehobener Unterbrechung veranlassen (§ 14)",
    )
